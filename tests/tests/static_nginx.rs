//! The static export served by real nginx (Debian's `nginx-light`, installed by `.ci/run`)
//! with the shipped configuration, and the real, unchanged `veiviser` CLI syncing from it:
//! the same bodies and statuses as the live server, a `304` poll when nothing changed, a delta
//! after a publish, and exit 4 for a tampered file and for a replayed older `latest`.
//!
//! The client keeps a poll `ETag` only when it commits to the body (issue 9: a tampered
//! `latest` must not freeze a device behind 304s). nginx's `ETag` is the file's time and size,
//! and the export derives `latest.json`'s time from its body (ADR 0010), so nginx's own
//! validator passes that rule: an unchanged device's poll is answered `304` by nginx.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use veiviser_core::sync::protocol::Collection;
use veiviser_tests::bins::command;
use veiviser_tests::client::{edited_guide, inspect, s, sync, veiviser, DEMO_GUIDE};
use veiviser_tests::nginx::{require_nginx, Nginx};
use veiviser_tests::server::{get, Server};

fn collection<'a>(report: &'a serde_json::Value, c: &str) -> &'a serde_json::Value {
    report["collections"]
        .as_array()
        .expect("collections")
        .iter()
        .find(|x| x["collection"] == c)
        .unwrap_or_else(|| panic!("no {c} in {report}"))
}

fn guide_revision(data: &Path) -> u64 {
    let run = veiviser(&["guides", "--data", &s(data), "--json"]);
    run.expect_code(0);
    let doc = run.json();
    doc["guides"]
        .as_array()
        .expect("guides")
        .iter()
        .find(|g| g["id"] == DEMO_GUIDE)
        .and_then(|g| g["revision"].as_u64())
        .unwrap_or_else(|| panic!("no {DEMO_GUIDE} in {doc}"))
}

/// The export folder `dir/current` points at.
fn current(dir: &Path) -> PathBuf {
    dir.join(std::fs::read_link(dir.join("current")).expect("current is a link"))
}

/// Publishes `file` into the server's data folder with `import --static-dir`.
fn publish(server: &Server, static_dir: &Path, file: &Path) {
    let out = command("veiviser-server")
        .args(["import", "--demo", "--actor", "static-test", "--data"])
        .arg(server.data())
        .arg("--static-dir")
        .arg(static_dir)
        .arg(file)
        .output()
        .expect("import runs");
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("static export"), "{stdout}");
}

/// Replaces `path` and its `.gz`/`.zst` variants with `body` (new files: the old ones may be
/// hard-linked into other exports).
fn replace_body(path: &Path, body: &[u8]) {
    let write = |p: PathBuf, bytes: Vec<u8>| {
        let tmp = p.with_extension("tmp");
        std::fs::write(&tmp, bytes).unwrap();
        std::fs::rename(&tmp, &p).unwrap();
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(body).unwrap();
    write(path.to_path_buf(), body.to_vec());
    write(
        PathBuf::from(format!("{}.gz", path.display())),
        gz.finish().unwrap(),
    );
    write(
        PathBuf::from(format!("{}.zst", path.display())),
        zstd::encode_all(body, 3).unwrap(),
    );
}

#[test]
fn the_cli_syncs_from_nginx_serving_the_static_export() {
    let Some(nginx_bin) = require_nginx() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let static_dir = tmp.path().join("static");
    let data = tmp.path().join("client");
    // The live server keeps the export up to date itself (`serve --static-dir`).
    let server = Server::start(
        &tmp.path().join("server"),
        &["--static-dir", &s(&static_dir)],
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    while !static_dir.join("current/v1/latest.json").is_file() {
        assert!(
            Instant::now() < deadline,
            "serve --static-dir wrote no export"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let nginx = Nginx::start(&nginx_bin, &static_dir);
    let url = nginx.url();

    // Same bodies as the live server, statuses included.
    let paths = [
        "/v1/latest".to_string(),
        Collection::Guides.changeset_path(None),
        Collection::Guides.changeset_path(Some(0)),
        Collection::Guides.changeset_path(Some(1)),
        Collection::Directory.changeset_path(None),
        Collection::Places.changeset_path(None),
        Collection::Places.changeset_path(Some(999)),
    ];
    for path in &paths {
        let live = get(&format!("{}{path}", server.url()));
        let stat = get(&format!("{url}{path}"));
        assert_eq!(stat.status, 200, "{path}");
        assert!(
            live.body == stat.body,
            "{path}: the static body differs from the live one"
        );
        assert_eq!(
            stat.header("Content-Type"),
            Some("application/json"),
            "{path}"
        );
    }
    for (path, status) in [
        ("/v1/latest?area=0301", 400),
        ("/v1/collections/guides/changeset?since=abc", 400),
        ("/v1/collections/guides/changeset?since=1&since=2", 400),
        ("/v1/collections/guides/changeset?postcode=0150", 400),
        ("/v1/collections/people/changeset", 404),
        ("/v2/anything", 404),
    ] {
        assert_eq!(
            get(&format!("{}{path}", server.url())).status,
            status,
            "live {path}"
        );
        let resp = get(&format!("{url}{path}"));
        assert_eq!(resp.status, status, "static {path}");
        let body: serde_json::Value = serde_json::from_slice(&resp.body).expect("a JSON error");
        assert!(
            body["error"].is_string() && body["message"].is_string(),
            "{body}"
        );
    }

    // First sync: the bundled snapshot is the demo content, so nothing to fetch.
    sync(url, &data).expect_code(0);
    assert_eq!(guide_revision(&data), 1);
    // Nothing changed: one poll, answered 304 by nginx, no changeset fetched.
    let run = sync(url, &data);
    run.expect_code(0);
    assert_only_polled(&run.json());
    // nginx's ETag for the poll is the one the client computes from the body.
    let latest = get(&format!("{url}/v1/latest"));
    let etag = latest
        .header("ETag")
        .expect("nginx sends an ETag")
        .to_string();
    assert_eq!(
        etag,
        veiviser_core::sync::engine::static_latest_etag(&latest.body)
    );
    assert_eq!(latest.header("Content-Encoding"), None);
    assert_eq!(
        get_if_none_match(&format!("{url}/v1/latest"), &etag).status,
        304
    );

    // A publish (which re-exports): the device takes a delta.
    publish(
        &server,
        &static_dir,
        &edited_guide(&tmp.path().join("e2"), 2),
    );
    let run = sync(url, &data);
    run.expect_code(0);
    let report = run.json();
    let guides = collection(&report, "guides");
    assert_eq!(guides["outcome"], "delta", "{report}");
    assert_eq!(guides["records_changed"], 1, "{report}");
    assert_eq!(guide_revision(&data), 2);
    let run = sync(url, &data);
    run.expect_code(0);
    assert_only_polled(&run.json());
    let etag = get(&format!("{url}/v1/latest"))
        .header("ETag")
        .unwrap()
        .to_string();
    // Re-exporting the same content keeps the ETags: still 304 for caches.
    let out = command("veiviser-server")
        .arg("export-static")
        .arg(&static_dir)
        .arg("--data")
        .arg(server.data())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("already at sequence"));
    std::fs::remove_file(static_dir.join("current")).unwrap();
    let out = command("veiviser-server")
        .arg("export-static")
        .arg(&static_dir)
        .arg("--data")
        .arg(server.data())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = sync(url, &data);
    run.expect_code(0);
    assert_only_polled(&run.json());
    assert_eq!(
        get(&format!("{url}/v1/latest")).header("ETag"),
        Some(etag.as_str()),
        "a fresh export changed the ETags"
    );

    // The poll as it was at guides revision 2, and its file time, for the replays below.
    let old_file = current(&static_dir).join("v1/latest.json");
    let old_latest = std::fs::read(&old_file).unwrap();
    let old_time = std::fs::metadata(&old_file).unwrap().modified().unwrap();

    // Revision 3 is published, and the delta file the device will fetch is tampered with.
    publish(
        &server,
        &static_dir,
        &edited_guide(&tmp.path().join("e3"), 3),
    );
    let before = inspect(&data);
    let since = before.sequence(Collection::Guides).unwrap();
    let delta = current(&static_dir).join(format!("v1/collections/guides/head/since-{since}.json"));
    let honest = std::fs::read(&delta).unwrap();
    let text = String::from_utf8(honest.clone()).unwrap();
    assert!(text.contains("(revisjon 3)"), "{text}");
    replace_body(
        &delta,
        text.replacen("(revisjon 3)", "(revisjon 9)", 1).as_bytes(),
    );
    let run = sync(url, &data);
    run.expect_code(4);
    assert!(
        run.stderr.contains("signature check failed for guides"),
        "{}",
        run.stderr
    );
    assert_eq!(inspect(&data), before);

    // The honest file again: the device takes revision 3.
    replace_body(&delta, &honest);
    sync(url, &data).expect_code(0);
    assert_eq!(guide_revision(&data), 3);

    // A replayed older `latest` is refused before anything is downloaded.
    let before = inspect(&data);
    replace_body(&current(&static_dir).join("v1/latest.json"), &old_latest);
    let run = sync(url, &data);
    run.expect_code(4);
    assert!(
        run.stderr.contains("refusing older content"),
        "{}",
        run.stderr
    );
    assert_eq!(inspect(&data), before);
    assert_eq!(guide_revision(&data), 3);
    // The same replay with the old file's time too (an old export copied back as it was):
    // its ETag is not the one the device holds, so nginx sends the body, and it is refused.
    let latest_file = current(&static_dir).join("v1/latest.json");
    std::fs::File::options()
        .write(true)
        .open(&latest_file)
        .unwrap()
        .set_modified(old_time)
        .unwrap();
    let run = sync(url, &data);
    run.expect_code(4);
    assert!(
        run.stderr.contains("refusing older content"),
        "{}",
        run.stderr
    );
    assert_eq!(inspect(&data), before);
}

/// An unchanged sync: one request (the poll), answered `304`, nothing on the wire.
fn assert_only_polled(report: &serde_json::Value) {
    assert_eq!(report["requests"], 1, "{report}");
    assert_eq!(report["poll_not_modified"], true, "{report}");
    for c in report["collections"].as_array().unwrap() {
        assert_eq!(c["outcome"], "not_modified", "{report}");
    }
    assert_eq!(report["wire_bytes"], 0, "{report}");
}

/// `GET url` with `If-None-Match: etag`.
fn get_if_none_match(url: &str, etag: &str) -> veiviser_core::sync::transport::HttpResponse {
    use veiviser_core::sync::transport::{HttpHeader, HttpRequest, HttpTransport, Transport};
    HttpTransport::default()
        .send(&HttpRequest {
            url: url.to_string(),
            headers: vec![HttpHeader {
                name: "If-None-Match".into(),
                value: etag.into(),
            }],
        })
        .expect("nginx answers")
}
