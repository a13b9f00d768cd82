//! Connection starvation: idle and slowloris sockets must not keep `/healthz` from answering,
//! even when the server may only have 1,024 files open.

mod common;

use common::binary::{bin, start_command};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn health_ok(addr: SocketAddr) -> Result<(), String> {
    let mut s =
        TcpStream::connect_timeout(&addr, Duration::from_secs(2)).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    s.set_write_timeout(Some(Duration::from_secs(2))).unwrap();
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    if buf.starts_with(b"HTTP/1.1 200") {
        Ok(())
    } else {
        Err(format!("answer {:?}", String::from_utf8_lossy(&buf)))
    }
}

#[test]
fn idle_and_slowloris_connections_do_not_starve_healthz_under_a_1024_file_limit() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin_path = bin().get_program().to_owned();
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg("ulimit -n 1024 && exec \"$0\" \"$@\"")
        .arg(bin_path)
        .args(["serve", "--listen", "127.0.0.1:0", "--demo", "--data"])
        .arg(&data)
        .env("RUST_LOG", "warn")
        .stderr(Stdio::inherit());
    let server = start_command(command);
    let addr: SocketAddr = server.url.strip_prefix("http://").unwrap().parse().unwrap();
    health_ok(addr).unwrap();

    // 2,000 idle sockets (connect, send nothing) and 2,000 slowloris sockets (a request head
    // that never ends, one header line at a time).
    let mut idle = Vec::new();
    let mut slow = Vec::new();
    let attack = Instant::now();
    for i in 0..4000 {
        if attack.elapsed() > Duration::from_secs(10) {
            break;
        }
        let Ok(s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) else {
            continue;
        };
        if i % 2 == 0 {
            idle.push(s);
        } else {
            let _ = s.set_nonblocking(true);
            let mut s = s;
            let _ = s.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n");
            slow.push(s);
        }
    }

    let started = Instant::now();
    let mut failures = Vec::new();
    let mut checks = 0;
    while started.elapsed() < Duration::from_secs(6) {
        for s in &mut slow {
            let _ = s.write_all(b"X-Slow: 1\r\n");
        }
        checks += 1;
        if let Err(e) = health_ok(addr) {
            failures.push(e);
        }
        std::thread::sleep(Duration::from_millis(300));
    }
    eprintln!(
        "{} idle and {} slowloris connections opened in {:.1} s; {checks} health checks, {} failed",
        idle.len(),
        slow.len(),
        (started - attack).as_secs_f64(),
        failures.len()
    );
    drop(idle);
    drop(slow);
    assert!(
        failures.is_empty(),
        "{} of {checks} health checks failed: {failures:?}",
        failures.len()
    );
}

#[test]
fn idle_slowloris_and_kept_alive_connections_are_closed_after_the_header_read_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let server = common::binary::start(&[
        "--demo",
        "--header-read-timeout",
        "1",
        "--data",
        tmp.path().join("data").to_str().unwrap(),
    ]);
    let addr: SocketAddr = server.url.strip_prefix("http://").unwrap().parse().unwrap();
    let closed_within = |s: &mut TcpStream, secs: u64| {
        s.set_read_timeout(Some(Duration::from_secs(secs))).unwrap();
        let mut buf = [0u8; 4096];
        let started = Instant::now();
        loop {
            match s.read(&mut buf) {
                Ok(0) => return true,
                Ok(_) => continue,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
                Err(_) => return started.elapsed() < Duration::from_secs(secs),
            }
        }
    };
    let mut idle = TcpStream::connect(addr).unwrap();
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")
        .unwrap();
    let mut kept = TcpStream::connect(addr).unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
        .unwrap();
    let started = Instant::now();
    assert!(closed_within(&mut idle, 4), "an idle connection stays open");
    assert!(
        closed_within(&mut slow, 4),
        "a slowloris connection stays open"
    );
    assert!(
        closed_within(&mut kept, 4),
        "a kept-alive connection stays open"
    );
    assert!(started.elapsed() >= Duration::from_millis(900));
}
