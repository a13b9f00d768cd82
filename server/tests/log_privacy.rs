//! The logs hold no client addresses, ports, query strings or arbitrary paths, at any level.

mod common;

use common::binary::{bin, start_command};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Stdio;
use std::time::Duration;

fn request(addr: SocketAddr, target: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(
        format!("GET {target} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let port = s.local_addr().unwrap().port();
    assert!(buf.starts_with(b"HTTP/1.1 "), "{buf:?}");
    port
}

#[test]
fn trace_logs_hold_no_client_address_port_query_or_path() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("stderr.log");
    let mut command = bin();
    command
        .args(["serve", "--listen", "127.0.0.1:0", "--demo", "--data"])
        .arg(tmp.path().join("data"))
        .env("RUST_LOG", "trace")
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    let server = start_command(command);
    let addr: SocketAddr = server.url.strip_prefix("http://").unwrap().parse().unwrap();
    let mut ports = vec![
        request(addr, "/v1/latest?device=QUERYMARKER4711"),
        request(
            addr,
            "/v1/collections/guides/changeset?since=1&postcode=QUERYMARKER4712",
        ),
        request(addr, "/personal/PATHMARKER4713/kari-nordmann"),
        request(addr, "/healthz?who=QUERYMARKER4714"),
        request(addr, "/v1/collections/guides/changeset?since=1"),
    ];
    std::thread::sleep(Duration::from_millis(500));
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.len() > 100,
        "trace logging wrote almost nothing: {text}"
    );
    for marker in [
        "QUERYMARKER",
        "PATHMARKER",
        "kari-nordmann",
        "device=",
        "postcode",
    ] {
        assert!(!text.contains(marker), "`{marker}` is in the logs:\n{text}");
    }
    ports.sort();
    let tokens: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    for port in ports {
        assert!(
            !tokens.contains(&port.to_string().as_str()),
            "client port {port} is in the logs:\n{text}"
        );
    }
    let own = format!("127.0.0.1:{}", addr.port());
    assert!(
        !text.replace(&own, "").contains("127.0.0.1"),
        "a client address is in the logs:\n{text}"
    );
}
