//! End-to-end hardening (issue 9, client side): what an attacker on the network or a closed
//! pipe can do to the real `veiviser` CLI against the real server, through the test proxy.

use std::path::Path;
use std::process::{Command, Stdio};
use veiviser_core::store::{ContentStore, SledStore};
use veiviser_core::sync::protocol::Collection;
use veiviser_tests::bins::command;
use veiviser_tests::client::{edited_guide, s, sync, veiviser, DEMO_GUIDE};
use veiviser_tests::proxy::{Mode, Proxy};
use veiviser_tests::server::Server;

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

/// The backoff deadline the client saved for `url`, read from its store (the CLI must not run).
fn saved_backoff(data: &Path, url: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let (store, _) = SledStore::open(&data.join("store")).unwrap();
    store
        .meta(&format!("backoff-until:{url}"))
        .unwrap()
        .map(|v| String::from_utf8(v).unwrap().parse().unwrap())
}

fn set_saved_backoff(data: &Path, url: &str, until: chrono::DateTime<chrono::Utc>) {
    let (store, _) = SledStore::open(&data.join("store")).unwrap();
    store
        .set_meta(
            &format!("backoff-until:{url}"),
            Some(until.to_rfc3339().as_bytes()),
        )
        .unwrap();
    store.flush().unwrap();
}

#[test]
fn a_huge_or_garbage_retry_after_neither_panics_nor_blocks_for_more_than_a_day() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("server"), &[]);
    let ten_years = (chrono::Utc::now() + chrono::Duration::days(3650)).to_rfc2822();
    for (i, value) in [
        "100000000000000",
        "315360000",
        ten_years.as_str(),
        "garbage",
    ]
    .into_iter()
    .enumerate()
    {
        let data = tmp.path().join(format!("client-{i}"));
        let proxy = Proxy::start(server.url());
        proxy.set_mode(Mode::BusyWith(value.to_string()));
        let started = chrono::Utc::now();
        let run = sync(proxy.url(), &data);
        run.expect_code(3);
        assert!(!run.stderr.contains("panicked"), "{value}: {}", run.stderr);
        assert!(
            run.stderr.contains("the server is busy: try again in"),
            "{value}: {}",
            run.stderr
        );
        let until = saved_backoff(&data, proxy.url()).expect("a saved backoff");
        assert!(
            until <= started + chrono::Duration::hours(24) + chrono::Duration::seconds(5),
            "{value}: saved {until}"
        );
        // The genuine server answers again; once the (capped) deadline has passed, the next
        // sync goes through.
        proxy.set_mode(Mode::Pass);
        sync(proxy.url(), &data).expect_code(3);
        set_saved_backoff(&data, proxy.url(), chrono::Utc::now());
        sync(proxy.url(), &data).expect_code(0);
    }
}

#[test]
fn a_tampered_latest_with_the_genuine_etag_does_not_freeze_the_device() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("server"), &[]);
    let data = tmp.path().join("client");
    let proxy = Proxy::start(server.url());
    sync(proxy.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 1);
    // What the device holds, as the server announced it then.
    let old_latest = proxy.record("/v1/latest").body;
    server.import(
        &[&edited_guide(&tmp.path().join("e"), 2)],
        &[Collection::Guides],
    );
    // The attacker answers the poll with the device's own sequences and the real ETag.
    proxy.set_mode(Mode::TamperLatest(old_latest));
    sync(proxy.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 1);
    // The genuine server (same URL) next: the device gets the current content.
    proxy.set_mode(Mode::Pass);
    let run = sync(proxy.url(), &data);
    run.expect_code(0);
    assert_eq!(run.json()["poll_not_modified"], false, "{}", run.stdout);
    assert_eq!(guide_revision(&data), 2);
    // An honest poll's ETag is still kept: the next sync is a cheap 304.
    let run = sync(proxy.url(), &data);
    run.expect_code(0);
    assert_eq!(run.json()["poll_not_modified"], true, "{}", run.stdout);
}

#[test]
fn a_tampered_gzip_body_is_an_integrity_failure_exit_4() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("server"), &[]);
    let data = tmp.path().join("client");
    sync(server.url(), &data).expect_code(0);
    server.import(
        &[&edited_guide(&tmp.path().join("e"), 2)],
        &[Collection::Guides],
    );
    let proxy = Proxy::start(server.url());
    proxy.set_mode(Mode::BadGzip);
    let run = sync(proxy.url(), &data);
    run.expect_code(4);
    assert!(run.stderr.contains("altered"), "{}", run.stderr);
    assert_eq!(guide_revision(&data), 1);
    sync(server.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 2);
}

/// Runs `veiviser ARGS` with its stdout a pipe whose reader is already gone.
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let mut cmd: Command = command("veiviser");
    let mut child = cmd
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("veiviser runs");
    drop(child.stdout.take());
    child.wait_with_output().expect("veiviser ends")
}

#[test]
fn json_output_into_a_closed_pipe_exits_quietly() {
    let tmp = tempfile::tempdir().unwrap();
    let data = s(&tmp.path().join("client"));
    let runs: [&[&str]; 4] = [
        &["guides", "--json", "--data", &data],
        &["search", "legevakt", "--json", "--data", &data],
        &[
            "contacts",
            "--json",
            "--postnummer",
            "0150",
            "--data",
            &data,
        ],
        &["guides", "--data", &data],
    ];
    for args in runs {
        let out = with_closed_stdout(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
