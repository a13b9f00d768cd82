//! End-to-end sync: the real `veiviser-server` on a loopback port, the real `veiviser` CLI,
//! a real sled store in a temp folder, and a tampering proxy in between where needed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use veiviser_core::failpoints::{Failpoint, FAILPOINT_ENV, MARKER_ENV};
use veiviser_core::release_note::ReleaseNote;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::signing::SigningKey;
use veiviser_tests::client::{
    bundled_snapshot_path, edited_directory, edited_guide, inspect, s, sync, veiviser,
    veiviser_with_env, Inspected, DEMO_GUIDE,
};
use veiviser_tests::proxy::{Mode, Proxy};
use veiviser_tests::server::Server;

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

/// A temp folder holding a real demo server and a client data folder.
///
/// Destructure it as `let Fixture { tmp, data, server }` so the server is dropped (stopped)
/// before the folder is removed.
struct Fixture {
    server: Server,
    data: PathBuf,
    tmp: tempfile::TempDir,
}

impl Fixture {
    /// Starts a demo server in `<tmp>/server`; the client keeps its content in `<tmp>/client`.
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let server = Server::start(&tmp.path().join("server"), &[]);
        let data = tmp.path().join("client");
        Fixture { server, data, tmp }
    }
}

/// Asserts a sync was refused as an integrity failure (exit 4) naming `why`, and that the
/// client's content is exactly `before`.
fn expect_refused(run: &veiviser_tests::client::Run, why: &str, data: &Path, before: &Inspected) {
    run.expect_code(4);
    assert!(run.stderr.contains(why), "{}", run.stderr);
    assert_eq!(&inspect(data), before);
}

#[test]
fn the_embedded_snapshot_equals_a_fresh_export_of_the_demo_content() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("export.json");
    let status = veiviser_tests::bins::command("veiviser-server")
        .args(["export", "--demo", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let fresh = std::fs::read(&out).unwrap();
    let embedded = std::fs::read(bundled_snapshot_path()).unwrap();
    assert!(
        fresh == embedded,
        "apps/cli/assets/demo-snapshot.json is stale: run scripts/update-demo-snapshot.sh"
    );
}

#[test]
fn a_fresh_install_reads_offline_then_syncs_and_reads_with_the_server_stopped() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("client");

    // Before any sync and with no server at all: the bundled snapshot.
    let run = veiviser(&["guides", "--data", &s(&data)]);
    run.expect_code(0);
    assert!(run.stdout.contains(DEMO_GUIDE), "{}", run.stdout);
    assert!(
        run.stdout.contains("content as of guides: sequence 1"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("from bundled"), "{}", run.stdout);

    let mut server = Server::start(&tmp.path().join("server"), &[]);
    server.import(
        &[&edited_guide(&tmp.path().join("edit"), 2)],
        &[Collection::Guides],
    );
    let run = sync(server.url(), &data);
    run.expect_code(0);
    let report = run.json();
    let guides = collection(&report, "guides");
    assert_eq!(guides["sequence_before"], 1);
    assert_eq!(
        guides["sequence_after"],
        server.latest().collections[&Collection::Guides].sequence
    );
    assert_eq!(guides["outcome"], "delta");
    assert_eq!(collection(&report, "directory")["outcome"], "unchanged");
    assert!(report["wire_bytes"].as_u64().unwrap() > 0);
    assert!(
        report["trusted_keys"]
            .as_str()
            .unwrap()
            .contains("DEMO-ONLY"),
        "the default trust must say it is the demo key: {report}"
    );

    server.stop();
    // Every reading command works with the server stopped.
    let run = veiviser(&["guides", "--data", &s(&data)]);
    run.expect_code(0);
    assert!(run.stdout.contains("revisjon 2"), "{}", run.stdout);
    assert!(
        run.stdout.contains("from http://127.0.0.1:"),
        "{}",
        run.stdout
    );
    let run = veiviser(&[
        "walk",
        DEMO_GUIDE,
        "--data",
        &s(&data),
        "--answer",
        "next",
        "--json",
    ]);
    run.expect_code(0);
    assert_eq!(run.json()["guide"]["revision"], 2, "{}", run.stdout);
    // The walk speaks the run's language (bokmål by default), on stderr too.
    assert!(run.stderr.contains("innhold per sekvens"), "{}", run.stderr);
    let run = veiviser(&["contacts", "--data", &s(&data), "--postnummer", "0150"]);
    run.expect_code(0);
    assert!(run.stdout.contains("local store"), "{}", run.stdout);
    assert!(
        run.stdout.contains("content as of sequence"),
        "{}",
        run.stdout
    );
    // Bring's register ships in the demo: a postcode outside Oslo resolves from synced content.
    let run = veiviser(&[
        "contacts",
        "--data",
        &s(&data),
        "--postnummer",
        "2000",
        "--json",
    ]);
    run.expect_code(0);
    assert_eq!(
        run.json()["kommune"]["name"],
        "Lillestrøm",
        "{}",
        run.stdout
    );
    let run = veiviser(&["search", "--data", &s(&data), "grunerlokka", "--json"]);
    run.expect_code(0);
    assert!(!run.json().as_array().unwrap().is_empty(), "{}", run.stdout);
    // And sync says the server is unreachable (exit 3), changing nothing.
    let run = sync(server.url(), &data);
    run.expect_code(3);
    assert!(
        run.stderr.contains("cannot reach the server"),
        "{}",
        run.stderr
    );
    assert_eq!(guide_revision(&data), 2);
}

#[test]
fn an_edited_guide_arrives_as_a_delta_and_an_unchanged_sync_is_a_304() {
    let Fixture { tmp, data, server } = Fixture::new();
    let proxy = Proxy::start(server.url());
    sync(proxy.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 1);

    let latest = server.import(
        &[&edited_guide(&tmp.path().join("e"), 2)],
        &[Collection::Guides],
    );
    let before = proxy.requests().len();
    let run = sync(proxy.url(), &data);
    run.expect_code(0);
    let report = run.json();
    let guides = collection(&report, "guides");
    assert_eq!(guides["outcome"], "delta");
    assert_eq!(guides["records_changed"], 1);
    assert_eq!(
        guides["sequence_after"],
        latest.collections[&Collection::Guides].sequence
    );
    assert_eq!(
        proxy.requests()[before..],
        [
            "/v1/latest".to_string(),
            "/v1/collections/guides/changeset?since=1".to_string()
        ]
    );
    assert_eq!(guide_revision(&data), 2);

    // Nothing changed on the server: one conditional poll, answered 304 with no body.
    let before = proxy.requests().len();
    let run = sync(proxy.url(), &data);
    run.expect_code(0);
    let report = run.json();
    assert_eq!(report["poll_not_modified"], true, "{report}");
    assert_eq!(report["wire_bytes"], 0, "{report}");
    assert_eq!(report["requests"], 1);
    assert_eq!(proxy.requests()[before..], ["/v1/latest".to_string()]);
}

#[test]
fn a_publish_summary_reaches_the_device_signed_with_the_content() {
    let Fixture { tmp, data, server } = Fixture::new();
    sync(server.url(), &data).expect_code(0);
    assert!(inspect(&data).records(Collection::Releases).is_empty());

    let latest = server.import_with(
        &[&edited_guide(&tmp.path().join("e"), 2)],
        &[
            "--summary",
            "Nytt steg om samtale med foreldre",
            "--summary-nn",
            "Nytt steg om samtale med foreldra",
        ],
        &[Collection::Guides, Collection::Releases],
    );
    let run = sync(server.url(), &data);
    run.expect_code(0);
    let releases = collection(&run.json(), "releases").clone();
    assert_eq!(releases["outcome"], "full", "{releases}");
    // The sync report names the new notes; the next sync (nothing new) names none.
    let reported = &run.json()["release_notes"];
    assert_eq!(
        reported[0]["summary"]["nb"], "Nytt steg om samtale med foreldre",
        "{reported}"
    );
    let again = sync(server.url(), &data);
    again.expect_code(0);
    assert_eq!(again.json()["release_notes"], serde_json::json!([]));

    let notes: Vec<ReleaseNote> = inspect(&data)
        .records(Collection::Releases)
        .iter()
        .map(|r| serde_json::from_value(r.data.clone()).unwrap())
        .collect();
    assert_eq!(notes.len(), 1);
    let note = &notes[0];
    assert_eq!(
        note.sequence,
        latest.collections[&Collection::Guides].sequence
    );
    assert_eq!(note.summary.nb, "Nytt steg om samtale med foreldre");
    assert_eq!(
        note.summary.nn.as_deref(),
        Some("Nytt steg om samtale med foreldra")
    );
    assert_eq!(note.guides, ["fra-bekymring-til-handling"]);
    assert!(note.entries.is_empty() && !note.urgent);
}

/// Syncs `data` to the server, publishes revision 2 of the guide, and returns the client's
/// content before the attack.
fn synced_then_new_revision(server: &Server, data: &Path, edit_dir: &Path) -> Inspected {
    sync(server.url(), data).expect_code(0);
    server.import(&[&edited_guide(edit_dir, 2)], &[Collection::Guides]);
    inspect(data)
}

#[test]
fn a_flipped_byte_is_rejected_with_exit_4_and_the_old_content_stays() {
    let Fixture { tmp, data, server } = Fixture::new();
    let before = synced_then_new_revision(&server, &data, &tmp.path().join("e"));
    let proxy = Proxy::start(server.url());
    proxy.set_mode(Mode::FlipByte);
    let run = sync(proxy.url(), &data);
    expect_refused(&run, "signature check failed for guides", &data, &before);
    assert!(proxy.requests().iter().any(|p| p.contains("/changeset")));
    assert_eq!(guide_revision(&data), 1);
    // The honest server still gets through.
    sync(server.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 2);
}

#[test]
fn content_signed_by_an_untrusted_key_is_rejected_with_exit_4() {
    let Fixture { tmp, data, server } = Fixture::new();
    let before = synced_then_new_revision(&server, &data, &tmp.path().join("e"));
    let proxy = Proxy::start(server.url());

    // An attacker's own key.
    let attacker = SigningKey::from_seed("attacker-1", [66u8; 32]).unwrap();
    proxy.set_mode(Mode::Resign(Arc::new(attacker)));
    let run = sync(proxy.url(), &data);
    expect_refused(&run, "untrusted key `attacker-1`", &data, &before);

    // The attacker reuses the trusted key id with a key of their own.
    let trusted_id = veiviser_tests::client::demo_trusted_keys()
        .key_ids()
        .next()
        .unwrap()
        .to_string();
    let impostor = SigningKey::from_seed(trusted_id, [67u8; 32]).unwrap();
    proxy.set_mode(Mode::Resign(Arc::new(impostor)));
    let run = sync(proxy.url(), &data);
    expect_refused(&run, "signature check failed", &data, &before);
}

#[test]
fn replaying_an_older_sequence_is_rejected_even_after_the_database_is_deleted() {
    let Fixture { tmp, data, server } = Fixture::new();
    let proxy = Proxy::start(server.url());

    // Revision 2 is published; the attacker records the signed full snapshot and poll of it.
    server.import(
        &[&edited_guide(&tmp.path().join("e2"), 2)],
        &[Collection::Guides],
    );
    let old_full = proxy.record("/v1/collections/guides/changeset");
    let old_latest = proxy.record("/v1/latest");
    // Revision 3 is published and the device takes it.
    server.import(
        &[&edited_guide(&tmp.path().join("e3"), 3)],
        &[Collection::Guides],
    );
    sync(server.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 3);
    // Revision 4 is published; the attacker answers the device's fetch with revision 2.
    server.import(
        &[&edited_guide(&tmp.path().join("e4"), 4)],
        &[Collection::Guides],
    );
    let before = inspect(&data);
    proxy.set_mode(Mode::Replay(vec![(
        "/v1/collections/guides/changeset".into(),
        old_full.clone(),
    )]));
    let run = sync(proxy.url(), &data);
    expect_refused(&run, "refusing older content for guides", &data, &before);

    // Replaying the old poll as well is refused before anything is downloaded.
    proxy.set_mode(Mode::Replay(vec![
        ("/v1/latest".into(), old_latest),
        ("/v1/collections/guides/changeset".into(), old_full.clone()),
    ]));
    let run = sync(proxy.url(), &data);
    run.expect_code(4);
    assert!(
        run.stderr.contains("refusing older content"),
        "{}",
        run.stderr
    );
    assert_eq!(inspect(&data), before);

    // The local database is deleted: the device falls back to the bundled snapshot, but the
    // anti-rollback mark outside the database still refuses the replay.
    std::fs::remove_dir_all(data.join("store")).unwrap();
    let run = veiviser(&["guides", "--data", &s(&data)]);
    run.expect_code(0);
    assert!(run.stdout.contains("from bundled"), "{}", run.stdout);
    assert!(run.stderr.contains("had lost"), "{}", run.stderr);
    let bundled_state = inspect(&data);
    proxy.set_mode(Mode::Replay(vec![(
        "/v1/collections/guides/changeset".into(),
        old_full,
    )]));
    let run = sync(proxy.url(), &data);
    run.expect_code(4);
    assert!(
        run.stderr.contains("refusing older content for guides"),
        "{}",
        run.stderr
    );
    assert_eq!(inspect(&data), bundled_state);
    // The honest server brings the device to revision 4.
    sync(server.url(), &data).expect_code(0);
    assert_eq!(guide_revision(&data), 4);
}

#[test]
fn retry_after_from_a_busy_server_is_honoured() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("client");
    // A real server that sheds all load: every sync request gets 503 + Retry-After: 120.
    let server = Server::start(
        &tmp.path().join("server"),
        &["--max-in-flight", "0", "--retry-after", "120"],
    );
    let proxy = Proxy::start(server.url());
    let run = sync(proxy.url(), &data);
    run.expect_code(3);
    assert!(run.stderr.contains("try again in 120 s"), "{}", run.stderr);
    assert_eq!(proxy.requests(), ["/v1/latest".to_string()]);
    // Asking again at once does not even contact the server.
    let run = sync(proxy.url(), &data);
    run.expect_code(3);
    assert!(
        run.stderr.contains("the server is busy: try again in"),
        "{}",
        run.stderr
    );
    assert_eq!(
        proxy.requests().len(),
        1,
        "the client must wait out Retry-After"
    );
    // Reading still works.
    veiviser(&["guides", "--data", &s(&data)]).expect_code(0);
}

fn overwrite_files(dir: &Path, only: Option<&str>) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            n += overwrite_files(&path, only);
        } else if only.is_none_or(|o| path.file_name().is_some_and(|f| f == o)) {
            std::fs::write(&path, b"\x00garbage\xffnot sled\x13\x37".repeat(100)).unwrap();
            n += 1;
        }
    }
    n
}

#[test]
fn garbage_in_the_sled_folder_leads_to_a_rebuild_and_resync() {
    for only in [None, Some("db")] {
        let Fixture { tmp, data, server } = Fixture::new();
        server.import(
            &[&edited_guide(&tmp.path().join("e"), 2)],
            &[Collection::Guides],
        );
        sync(server.url(), &data).expect_code(0);
        assert_eq!(guide_revision(&data), 2);

        assert!(overwrite_files(&data.join("store"), only) > 0);
        std::fs::write(data.join("store").join("stray-file"), b"junk").unwrap();
        let run = veiviser(&["guides", "--data", &s(&data)]);
        run.expect_code(0);
        assert!(
            run.stderr.contains("rebuilt") || run.stderr.contains("had lost"),
            "{only:?}: {}",
            run.stderr
        );
        assert!(
            run.stdout.contains("from bundled"),
            "{only:?}: {}",
            run.stdout
        );
        sync(server.url(), &data).expect_code(0);
        assert_eq!(guide_revision(&data), 2, "{only:?}");
        assert!(inspect(&data).notices.is_empty());
    }
}

#[test]
fn storage_problems_exit_5_with_their_own_message() {
    let tmp = tempfile::tempdir().unwrap();
    // The data "folder" is a file.
    let file = tmp.path().join("not-a-folder");
    std::fs::write(&file, b"x").unwrap();
    let run = veiviser(&["guides", "--data", &s(&file)]);
    run.expect_code(5);
    assert!(run.stderr.contains("local storage"), "{}", run.stderr);

    // Another process holds the store.
    let data = tmp.path().join("client");
    veiviser(&["guides", "--data", &s(&data)]).expect_code(0);
    let holder = veiviser_core::store::SledStore::open(&data.join("store")).unwrap();
    // Reading still works (from a copy, with a note); syncing is refused with exit 5.
    let run = veiviser(&["guides", "--data", &s(&data)]);
    run.expect_code(0);
    assert!(
        run.stderr.contains("in use by another Veiviser process"),
        "{}",
        run.stderr
    );
    let run = veiviser(&[
        "sync",
        "--server",
        "http://127.0.0.1:9",
        "--data",
        &s(&data),
    ]);
    run.expect_code(5);
    assert!(
        run.stderr.contains("in use by another Veiviser process"),
        "{}",
        run.stderr
    );
    drop(holder);
    veiviser(&["guides", "--data", &s(&data)]).expect_code(0);
}

#[test]
fn a_client_killed_at_each_failpoint_keeps_old_or_new_content_never_a_mix() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("server"), &[]);
    for (i, point) in Failpoint::ALL.iter().enumerate() {
        let data = tmp.path().join(format!("client-{}", point.name()));
        sync(server.url(), &data).expect_code(0);
        let old = inspect(&data);
        assert!(old.notices.is_empty(), "{:?}", old.notices);

        // One publish touching two collections, so a half-done swap would show.
        let edit = tmp.path().join(format!("edit-{i}"));
        let latest = server.import(
            &[
                &edited_guide(&edit, 10 + i as u32),
                &edited_directory(&edit, 10 + i as u32),
            ],
            &[Collection::Guides, Collection::Directory],
        );

        let marker = tmp.path().join(format!("marker-{}", point.name()));
        let run = veiviser_with_env(
            &["sync", "--server", server.url(), "--data", &s(&data)],
            &[(FAILPOINT_ENV, point.name()), (MARKER_ENV, &s(&marker))],
        );
        assert_eq!(
            run.signal,
            Some(9),
            "{}: the client should have been SIGKILLed (is the binary built with \
             `--features veiviser/failpoints`? see tests/Cargo.toml)\nstdout: {}\nstderr: {}",
            point.name(),
            run.stdout,
            run.stderr
        );
        let reached = std::fs::read_to_string(&marker).unwrap_or_default();
        assert_eq!(reached, format!("reached {}\n", point.name()));

        // The next start is healthy and shows exactly the old or exactly the new content.
        let after = inspect(&data);
        assert!(
            after.notices.is_empty(),
            "{}: {:?}",
            point.name(),
            after.notices
        );
        let new_state = |c: Collection| {
            let full = server.full(c);
            (full.sequence, full.records)
        };
        let is_old = after == old;
        let is_new = [Collection::Guides, Collection::Directory]
            .iter()
            .all(|&c| {
                let (seq, records) = new_state(c);
                after.sequence(c) == Some(seq) && after.records(c) == records.as_slice()
            })
            && after.records(Collection::Places) == old.records(Collection::Places);
        assert!(
            is_old || is_new,
            "{}: content is a mix of old and new: guides {:?}, directory {:?}",
            point.name(),
            after.sequence(Collection::Guides),
            after.sequence(Collection::Directory)
        );
        if *point != Failpoint::BeforeFlush {
            // Before the swap commits, nothing new may be visible.
            assert!(
                is_old,
                "{}: new content visible before the swap",
                point.name()
            );
        }
        veiviser(&["guides", "--data", &s(&data)]).expect_code(0);
        sync(server.url(), &data).expect_code(0);
        let synced = inspect(&data);
        assert_eq!(
            synced.sequence(Collection::Guides),
            Some(latest.collections[&Collection::Guides].sequence)
        );
        assert_eq!(
            synced.sequence(Collection::Directory),
            Some(latest.collections[&Collection::Directory].sequence)
        );
    }
}
