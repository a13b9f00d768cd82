//! The connection layer's sync fast path (`sync_api::fast_path`) against the router: a real
//! server on loopback (the wiring `serve` uses) must answer every request exactly as
//! `tower::ServiceExt::oneshot` on the router does: status, headers (but `Date`), body.

mod common;

use axum::body::Body;
use axum::http::{Method, Request};
use common::binary::{bin, start_command};
use common::*;
use http_body_util::BodyExt;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use tower::ServiceExt;
use veiviser_server::data_dir::DataDir;
use veiviser_server::sync_api::limit::Limiter;
use veiviser_server::sync_api::router::app;
use veiviser_server::sync_api::served::ServeConfig;
use veiviser_server::sync_api::state::AppState;

/// A request: method, target, headers.
type Case<'a> = (Method, String, Vec<(&'a str, &'a str)>);

/// Status, headers (lower-case names, sorted, without the transport's `date`,
/// `content-length` and `connection`) and body.
#[derive(Debug, PartialEq, Eq)]
struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn normalized(mut headers: Vec<(String, String)>) -> Vec<(String, String)> {
    headers.retain(|(k, _)| !matches!(k.as_str(), "date" | "content-length" | "connection"));
    headers.sort();
    headers
}

/// The router's answer, through `oneshot`.
async fn from_router(state: &AppState, method: &Method, uri: &str, hs: &[(&str, &str)]) -> Answer {
    let mut req = Request::builder().method(method.clone()).uri(uri);
    for (k, v) in hs {
        req = req.header(*k, *v);
    }
    let resp = app(state.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap().to_string()))
        .collect();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers: normalized(headers),
        body,
    }
}

/// The server's answer over loopback (one request per connection, read to the end); checks
/// that `Content-Length`, when sent, is the body's length.
async fn from_server(addr: SocketAddr, method: &Method, uri: &str, hs: &[(&str, &str)]) -> Answer {
    let mut req = format!("{method} {uri} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n");
    for (k, v) in hs {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    let raw = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        raw
    })
    .await
    .unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {raw:?}"));
    let head = std::str::from_utf8(&raw[..split]).unwrap();
    let body = raw[split + 4..].to_vec();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (k, v) = l.split_once(':').unwrap();
            (k.trim().to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    if let Some((_, len)) = headers.iter().find(|(k, _)| k == "content-length") {
        if *method != Method::HEAD {
            assert_eq!(len.parse::<usize>().unwrap(), body.len(), "{method} {uri}");
        }
    }
    Answer {
        status,
        headers: normalized(headers),
        body,
    }
}

/// Guides at sequences 1 and 4 (a delta from 1 exists), directory at 2, places at 3.
fn published_twice(tmp: &std::path::Path) -> DataDir {
    let data = published_data(tmp);
    let edited = guide_toml("guide-a", 2).replacen(
        "nb = \"Fra bekymring til handling\"",
        "nb = \"Endret\"",
        1,
    );
    let files = vec![
        write(&tmp.join("content2"), "a.toml", &edited),
        write(&tmp.join("content2"), "d.toml", &guide_toml("guide-d", 1)),
    ];
    import_paths(&data, &files, &opts("ola")).unwrap();
    data
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fast_path_answers_every_sync_request_exactly_as_the_router() {
    let tmp = tempfile::tempdir().unwrap();
    let data = published_twice(tmp.path());
    let open = state(&data, ServeConfig::default(), 100);
    let full = AppState {
        content: open.content.clone(),
        limiter: Limiter::new(0, 7),
    };
    let view = open.content.view();
    let latest_etag = view.latest_etag.clone();
    let guides = &view.collections[&veiviser_core::sync::protocol::Collection::Guides];
    assert_eq!(guides.head.sequence, 4, "the fixture has a delta from 1");
    let guides_etag = guides.etag.clone();
    let weak = format!("W/{guides_etag}");
    let list = format!("\"other\", {latest_etag}");

    let get = Method::GET;
    let cases: Vec<Case> = vec![
        (get.clone(), "/v1/latest".into(), vec![]),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("Accept-Encoding", "gzip")],
        ),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("Accept-Encoding", "zstd, gzip")],
        ),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("If-None-Match", &latest_etag)],
        ),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("If-None-Match", &list)],
        ),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("If-None-Match", "\"stale\"")],
        ),
        (
            get.clone(),
            "/v1/latest".into(),
            vec![("If-None-Match", "*")],
        ),
        (get.clone(), "/v1/latest?device=1".into(), vec![]),
        (get.clone(), "/v1/latest?".into(), vec![]),
        (Method::HEAD, "/v1/latest".into(), vec![]),
        (Method::POST, "/v1/latest".into(), vec![]),
        (
            get.clone(),
            "/v1/collections/guides/changeset".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset".into(),
            vec![("Accept-Encoding", "gzip")],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset".into(),
            vec![("Accept-Encoding", "zstd;q=0, gzip")],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset".into(),
            vec![("If-None-Match", &weak)],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=1".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=2".into(),
            vec![("Accept-Encoding", "zstd")],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=1".into(),
            vec![("Accept-Encoding", "gzip")],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=0".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=99".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=x".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?since=1&since=2".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/guides/changeset?area=0301".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/places/changeset".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/releases/changeset".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/postcodes/changeset".into(),
            vec![],
        ),
        (
            get.clone(),
            "/v1/collections/gu%69des/changeset".into(),
            vec![],
        ),
        (get.clone(), "/v1/latest/".into(), vec![]),
        (get.clone(), "/healthz".into(), vec![]),
    ];
    for state in [&open, &full] {
        let (addr, _stop) = serve_on_loopback(state).await;
        for (method, uri, hs) in &cases {
            let want = from_router(state, method, uri, hs).await;
            let got = from_server(addr, method, uri, hs).await;
            assert_eq!(got, want, "{method} {uri} {hs:?}");
        }
    }
    // The cases reach every kind of answer.
    let (addr, _stop) = serve_on_loopback(&open).await;
    let status = |uri: &'static str, hs: Vec<(&'static str, String)>| async move {
        let hs: Vec<(&str, &str)> = hs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        from_server(addr, &Method::GET, uri, &hs).await.status
    };
    assert_eq!(status("/v1/latest", vec![]).await, 200);
    assert_eq!(
        status("/v1/latest", vec![("If-None-Match", latest_etag.clone())]).await,
        304
    );
    assert_eq!(
        status("/v1/collections/guides/changeset?since=x", vec![]).await,
        400
    );
    assert_eq!(
        status("/v1/collections/postcodes/changeset", vec![]).await,
        404
    );
    let (busy_addr, _stop_busy) = serve_on_loopback(&full).await;
    let busy = from_server(busy_addr, &Method::GET, "/v1/latest", &[]).await;
    assert_eq!(busy.status, 503);
    assert!(
        busy.headers.contains(&("retry-after".into(), "7".into())),
        "{busy:?}"
    );
}

#[test]
fn the_fast_path_writes_the_request_log_line_at_debug_level() {
    let tmp = tempfile::tempdir().unwrap();
    let log = tmp.path().join("stderr.log");
    let mut command = bin();
    command
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--demo",
            "--no-admin",
            "--data",
        ])
        .arg(tmp.path().join("data"))
        .env("RUST_LOG", "debug")
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    let server = start_command(command);
    for path in ["/v1/latest", "/v1/collections/guides/changeset?since=1"] {
        let (status, _) = binary::http_get(&format!("{}{path}", server.url));
        assert_eq!(status, 200, "{path}");
    }
    std::thread::sleep(Duration::from_millis(300));
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap();
    for line in [
        "GET /v1/latest 200 ",
        "GET /v1/collections/{collection}/changeset 200 ",
    ] {
        assert!(text.contains(line), "no `{line}` in the log:\n{text}");
    }
}

#[test]
fn a_plan_takes_the_same_base_as_the_index_for_every_since_and_span() {
    use veiviser_core::sync::protocol::Collection;
    use veiviser_server::sync_api::served::Plan;
    let tmp = tempfile::tempdir().unwrap();
    let data = published_twice(tmp.path());
    let third = write(
        &tmp.path().join("content3"),
        "e.toml",
        &guide_toml("guide-e", 1),
    );
    import_paths(&data, &[third], &opts("ola")).unwrap();
    for span in [0, 1, 2, 3, 4, 1000] {
        let config = ServeConfig {
            max_delta_span: span,
            ..ServeConfig::default()
        };
        let served = state(&data, config, 8).content;
        let view = served.view();
        let guides = &view.collections[&Collection::Guides];
        assert_eq!(guides.head.sequence, 5);
        for since in 0..=7u64 {
            let want = if since == 0 || since > 5 || 5 - since > span {
                Plan::Full
            } else {
                match served
                    .repository()
                    .revision_at_or_before(Collection::Guides, since)
                    .unwrap()
                {
                    Some(base) => Plan::Delta { since, base },
                    None => Plan::Full,
                }
            };
            assert_eq!(
                served.plan(guides, Some(since)),
                want,
                "span {span}, since {since}"
            );
        }
        assert_eq!(served.plan(guides, None), Plan::Full);
        drop(view);
        drop(served);
    }
}
