//! Mid-sized published bodies go out by `sendfile` from sealed mirrors (`sync_api::body_files`,
//! `sync_api::sendfile_stream`): a real server on loopback, the shipped demo postcode register
//! (its snapshot is 0.8 MB, 55 kB gzip, 40 kB zstd: the compressed ones are mirrored), checked
//! byte for byte against the published bodies, on kept-alive and pipelined connections mixed
//! with plainly written bodies, for a reader too slow to take the answers as they come, and
//! across a publish that replaces the bodies mid-response.

mod common;

use common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;
use veiviser_core::sync::protocol::Collection;
use veiviser_server::data_dir::DataDir;
use veiviser_server::sync_api::body_files::BodyFiles;
use veiviser_server::sync_api::served::ServeConfig;

const PLACES: &str = "/v1/collections/places/changeset";

fn repo_content(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The demo directory with the shipped postcode register and bydel pairs, published.
fn national_places(tmp: &Path) -> DataDir {
    let data = DataDir::new(tmp.join("data"));
    import_paths(&data, &[repo_content("content/directory")], &opts("kari")).unwrap();
    data
}

fn request(path: &str, encoding: Option<&str>) -> String {
    let mut r = format!("GET {path} HTTP/1.1\r\nHost: t\r\n");
    if let Some(e) = encoding {
        r.push_str(&format!("Accept-Encoding: {e}\r\n"));
    }
    r.push_str("\r\n");
    r
}

/// Reads one response (head, then `Content-Length` bytes) from `s`, `chunk` bytes per read
/// with `pause` between reads; returns the status and the body.
fn read_response(
    s: &mut TcpStream,
    pending: &mut Vec<u8>,
    chunk: usize,
    pause: Duration,
) -> (u16, Vec<u8>) {
    let mut buf = vec![0; chunk];
    let head_end = loop {
        if let Some(p) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
        let n = s.read(&mut buf).unwrap();
        assert!(n > 0, "connection closed before a response head");
        pending.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8(pending[..head_end].to_vec()).unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let len: usize = head
        .lines()
        .find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case("content-length")
                .then(|| v.trim().parse().unwrap())
        })
        .expect("content-length");
    pending.drain(..head_end);
    while pending.len() < len {
        if !pause.is_zero() {
            std::thread::sleep(pause);
        }
        let n = s.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "connection closed {} bytes into a body",
            pending.len()
        );
        pending.extend_from_slice(&buf[..n]);
    }
    let body = pending.drain(..len).collect();
    (status, body)
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

/// A connection whose receive buffer is 4 kB (set before connecting, so the window the server
/// sees stays small): the server's sends fill its socket and stop part-way.
#[cfg(unix)]
fn connect_narrow(addr: SocketAddr) -> TcpStream {
    use rustix::net::{sockopt, AddressFamily, SocketType};
    let fd = rustix::net::socket(AddressFamily::INET, SocketType::STREAM, None).unwrap();
    sockopt::set_socket_recv_buffer_size(&fd, 4096).unwrap();
    rustix::net::connect(&fd, &addr).unwrap();
    let s = TcpStream::from(fd);
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

#[cfg(not(unix))]
fn connect_narrow(addr: SocketAddr) -> TcpStream {
    connect(addr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pipelined_requests_get_every_large_body_byte_for_byte_sent_from_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let data = national_places(tmp.path());
    let state = state(&data, ServeConfig::default(), 100);
    let view = state.content.view();
    let full = view.collections[&Collection::Places].full.clone();
    let sizes = veiviser_server::sync_api::body_files::DEFAULT_SIZES;
    assert!(
        sizes.contains(&full.zstd.len()) && sizes.contains(&full.gzip.len()),
        "the fixture's compressed bodies are of a mirrored size"
    );
    assert!(
        !sizes.contains(&full.identity.len()),
        "and its plain one is not"
    );
    let files = state.content.body_files();
    if BodyFiles::supported() {
        assert_eq!(files.len(), 2, "gzip and zstd are mirrored");
    }
    let (addr, _stop) = serve_on_loopback(&state).await;
    let expected: Vec<(Option<&str>, Vec<u8>)> = vec![
        (None, full.identity.to_vec()),
        (Some("gzip"), full.gzip.to_vec()),
        (Some("zstd"), full.zstd.to_vec()),
        (Some("zstd, gzip"), full.zstd.to_vec()),
    ];
    let latest = view.latest.identity.to_vec();
    let received = tokio::task::spawn_blocking(move || {
        let mut s = connect(addr);
        // All at once: the answers queue behind each other on the one connection.
        let mut all = String::new();
        for (encoding, _) in &expected {
            all.push_str(&request(PLACES, *encoding));
            all.push_str(&request("/v1/latest", None));
        }
        s.write_all(all.as_bytes()).unwrap();
        let mut pending = Vec::new();
        for (encoding, body) in &expected {
            let (status, got) = read_response(&mut s, &mut pending, 64 * 1024, Duration::ZERO);
            assert_eq!(status, 200);
            assert!(
                got == *body,
                "{encoding:?}: the body differs from the published one"
            );
            let (status, got) = read_response(&mut s, &mut pending, 64 * 1024, Duration::ZERO);
            assert_eq!(
                (status, got),
                (200, latest.clone()),
                "the small body after it"
            );
        }
        expected
            .iter()
            .filter(|(e, _)| e.is_some())
            .map(|(_, b)| b.len() as u64)
            .sum::<u64>()
    })
    .await
    .unwrap();
    if BodyFiles::supported() {
        assert_eq!(
            files.sent_from_files(),
            received,
            "every mirrored body's bytes went out from its mirror, and only those"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_reader_gets_every_answer_whole_through_many_partial_sends() {
    let tmp = tempfile::tempdir().unwrap();
    let data = national_places(tmp.path());
    let state = state(&data, ServeConfig::default(), 100);
    let full = state.content.view().collections[&Collection::Places]
        .full
        .clone();
    let files = state.content.body_files();
    let (addr, _stop) = serve_on_loopback(&state).await;
    let (gzip, zstd) = (full.gzip.to_vec(), full.zstd.to_vec());
    const ROUNDS: usize = 60;
    tokio::task::spawn_blocking(move || {
        let mut s = connect_narrow(addr);
        // 5.7 MB of answers (more than a socket send buffer grows to) asked for at once and read 4 kB at a time, pausing: the sockets
        // fill, and the server's sends stop part-way and resume, head and body alike.
        let mut all = String::new();
        for _ in 0..ROUNDS {
            all.push_str(&request(PLACES, Some("gzip")));
            all.push_str(&request(PLACES, Some("zstd")));
        }
        s.write_all(all.as_bytes()).unwrap();
        let mut pending = Vec::new();
        for _ in 0..ROUNDS {
            for body in [&gzip, &zstd] {
                let (status, got) =
                    read_response(&mut s, &mut pending, 4 * 1024, Duration::from_micros(300));
                assert_eq!(status, 200);
                assert!(
                    got == *body,
                    "a slowly read body arrives whole and unchanged"
                );
            }
        }
        assert!(pending.is_empty());
    })
    .await
    .unwrap();
    if BodyFiles::supported() {
        assert_eq!(
            files.sent_from_files(),
            (ROUNDS * (full.gzip.len() + full.zstd.len())) as u64
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publish_mid_response_finishes_the_old_body_and_serves_the_new_one_after() {
    let tmp = tempfile::tempdir().unwrap();
    let data = national_places(tmp.path());
    let state = state(&data, ServeConfig::default(), 100);
    let old = state.content.view().collections[&Collection::Places]
        .full
        .clone();
    let (addr, _stop) = serve_on_loopback(&state).await;
    let old_body = old.gzip.to_vec();

    // Start the old body, read a little, then publish a register with one more postcode.
    let s = tokio::task::spawn_blocking(move || {
        let mut s = connect(addr);
        s.write_all(request(PLACES, Some("gzip")).as_bytes())
            .unwrap();
        let mut first = [0; 512];
        s.read_exact(&mut first).unwrap();
        (s, first.to_vec())
    })
    .await
    .unwrap();
    let register =
        std::fs::read_to_string(repo_content("content/directory/places/postnummer.tab")).unwrap();
    let edited = write(
        &tmp.path().join("edit"),
        "places/postnummer.tab",
        &format!("{register}9999\tPRØVESTED\t5001\tTRONDHEIM\tG\n"),
    );
    import_paths(&data, &[edited], &opts("ola")).unwrap();
    assert!(state.content.refresh().unwrap(), "the publish is served");
    let new = state.content.view().collections[&Collection::Places]
        .full
        .clone();
    assert_ne!(new.gzip, old.gzip);
    let new_body = new.gzip.to_vec();

    tokio::task::spawn_blocking(move || {
        let (mut stream, first) = s;
        let stream = &mut stream;
        let mut pending = first;
        let (status, got) = read_response(stream, &mut pending, 8 * 1024, Duration::ZERO);
        assert_eq!(status, 200);
        assert!(
            got == old_body,
            "the response in flight ends with the old bytes"
        );
        stream
            .write_all(request(PLACES, Some("gzip")).as_bytes())
            .unwrap();
        let (status, got) = read_response(stream, &mut pending, 64 * 1024, Duration::ZERO);
        assert_eq!(status, 200);
        assert!(got == new_body, "the next request gets the new publish");
    })
    .await
    .unwrap();
}
