//! The admin state in `backup` and `restore`, with real sled databases and the real binary:
//! a round trip into an empty data folder (accounts sign in with their old passwords, tokens,
//! drafts, reviews and the audit log come back byte for byte, sessions do not), a held
//! database, `GET /v1/admin/export` and `backup --admin-from`, a damaged or truncated export
//! refused with its file and line before anything is written, and `--replace-admin`.

mod admin_support;

use admin_support::*;
use axum::http::{Method, StatusCode};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::Output;
use veiviser_server::admin::audit::{Actor, AuditQuery};
use veiviser_server::admin::export::EXPORTED;
use veiviser_server::admin::store::{AdminStore, RawRecords, Tree};
use veiviser_server::admin::{AdminConfig, AdminService};
use veiviser_server::data_dir::DataDir;

type Raw = Vec<(Tree, RawRecords)>;

fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_veiviser-server"))
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn failed(out: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

/// `backup --data DATA --out OUT` plus `extra`.
fn backup(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut c = bin();
    c.arg("backup")
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .args(extra);
    c.env("RUST_LOG", "error").output().unwrap()
}

/// `restore FROM --data DATA --trusted-keys` (the fixture's key) plus `extra`.
fn restore(from: &Path, data: &Path, extra: &[&str]) -> Output {
    let keys = from.parent().unwrap().join("trusted.toml");
    std::fs::write(&keys, key().trusted_keys_line()).unwrap();
    let mut c = bin();
    c.arg("restore")
        .arg(from)
        .arg("--data")
        .arg(data)
        .arg("--trusted-keys")
        .arg(&keys)
        .args(extra);
    c.env("RUST_LOG", "error").output().unwrap()
}

/// Every raw record of the exported trees, and the number of sessions.
fn raw(admin: &Path) -> (Raw, usize) {
    let store = AdminStore::open(admin).unwrap();
    let trees = EXPORTED
        .iter()
        .map(|t| (*t, store.raw_entries(*t).unwrap()))
        .collect();
    (trees, store.raw_entries(Tree::Sessions).unwrap().len())
}

/// The fixture with a published edit (an approved review), a review waiting, a plain draft
/// and a session.
async fn populated() -> Fixture {
    let f = Fixture::new();
    let draft = f.draft_from_live(&f.editor).await;
    let id = draft["id"].as_str().unwrap();
    let original = f.live_title();
    let edited = retitled(draft["content"].as_str().unwrap(), &original, "Ny tittel");
    f.save(&f.editor, id, &edited).await.expect(StatusCode::OK);
    let review = f.request_review(&f.editor, id, "Ny tittel").await;
    f.approve(&f.reviewer, review.json["id"].as_str().unwrap())
        .await
        .expect(StatusCode::OK);
    let waiting = f.draft_from_live(&f.editor).await;
    let wid = waiting["id"].as_str().unwrap();
    let text = retitled(waiting["content"].as_str().unwrap(), "Ny tittel", "Venter");
    f.save(&f.editor, wid, &text).await.expect(StatusCode::OK);
    f.request_review(&f.editor, wid, "Venter på review")
        .await
        .expect(StatusCode::CREATED);
    f.draft_from_live(&f.reviewer).await;
    f.call(
        Method::POST,
        "/v1/admin/login",
        None,
        Some(json!({"name": "ada", "password": PASSWORD})),
    )
    .await
    .expect(StatusCode::OK);
    f
}

/// Ends the fixture's service (releasing the admin database); the folder and the data dir.
fn close(f: Fixture) -> (tempfile::TempDir, DataDir) {
    let Fixture {
        tmp,
        data,
        service,
        served,
        ..
    } = f;
    drop(service);
    drop(served);
    (tmp, data)
}

/// The name of `tree`'s file in the export of `backup` (from its manifest).
fn export_file(backup: &Path, tree: &str) -> String {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(backup.join("admin/manifest.json")).unwrap())
            .unwrap();
    let files = manifest["files"].as_array().unwrap();
    let entry = files.iter().find(|f| f["tree"] == tree).unwrap();
    entry["file"].as_str().unwrap().to_string()
}

/// The file names in `BACKUP/admin/`, sorted.
fn export_listing(backup: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(backup.join("admin"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// [`populated`], closed and backed up into `TMP/backup`: the folder, the data and the backup.
async fn backed_up() -> (tempfile::TempDir, DataDir, PathBuf) {
    let (tmp, data) = close(populated().await);
    let out_dir = tmp.path().join("backup");
    ok(&backup(data.root(), &out_dir, &[]));
    (tmp, data, out_dir)
}

fn admin_of(data: &Path) -> PathBuf {
    AdminStore::path_in(data)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_then_restore_brings_back_accounts_tokens_drafts_reviews_and_the_audit_log() {
    let f = populated().await;
    let root = f.tmp.path().to_path_buf();
    let data = f.data.root().to_path_buf();

    // A running service holds the database: backup says what to do and copies nothing.
    let held = root.join("held");
    let stderr = failed(&backup(&data, &held, &[]), 5);
    for needle in [
        "in use",
        "Stop the server",
        "--admin-from",
        "--published-only",
    ] {
        assert!(stderr.contains(needle), "{needle}: {stderr}");
    }
    assert!(!held.exists());
    let published_only = ok(&backup(&data, &held, &["--published-only"]));
    assert!(
        published_only.contains("--published-only"),
        "{published_only}"
    );
    assert!(
        held.join("batch-00000000000000000001.json").exists()
            || held.read_dir().unwrap().count() > 0
    );
    assert!(!held.join("admin").exists());

    // The endpoint: admins only, audited; its answer is a backup's admin state.
    f.call(Method::GET, "/v1/admin/export", None, None)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    f.get("/v1/admin/export", "vv_not-a-token")
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    for token in [&f.editor, &f.reviewer, &f.reviewer2] {
        f.get("/v1/admin/export", token)
            .await
            .expect_error(StatusCode::FORBIDDEN, "forbidden");
    }
    let audit = f.get("/v1/admin/audit?kind=admin_exported", &f.admin).await;
    assert_eq!(
        audit.json.as_array().unwrap().len(),
        0,
        "refusals export nothing"
    );
    let doc = f.get("/v1/admin/export", &f.admin).await;
    doc.expect(StatusCode::OK);
    let audit = f.get("/v1/admin/audit?kind=admin_exported", &f.admin).await;
    let events = audit.json.as_array().unwrap();
    assert_eq!(events.len(), 1, "{}", audit.text);
    assert_eq!(events[0]["actor"], json!({"type": "user", "name": "ada"}));
    assert!(
        doc.text.contains("admin_exported"),
        "the export holds its own audit event"
    );
    assert!(
        !doc.text.contains(&f.admin),
        "tokens are exported only as hashes"
    );
    let saved = root.join("export.json");
    let live = root.join("live");
    // A changed record in the saved answer is refused, with the file and the line.
    let mut tampered: serde_json::Value = doc.json.clone();
    let drafts_file = tampered["files"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with("drafts-"))
        .unwrap()
        .clone();
    let text = tampered["files"][&drafts_file].as_str().unwrap().replacen(
        "\"created_by\":\"",
        "\"created_by\":\"x",
        1,
    );
    tampered["files"][&drafts_file] = json!(text);
    std::fs::write(&saved, tampered.to_string()).unwrap();
    let stderr = failed(
        &backup(&data, &live, &["--admin-from", saved.to_str().unwrap()]),
        4,
    );
    assert!(
        stderr.contains(&format!("({drafts_file}) line 1")),
        "{stderr}"
    );
    std::fs::write(&saved, &doc.text).unwrap();
    let out = ok(&backup(
        &data,
        &live,
        &["--admin-from", saved.to_str().unwrap()],
    ));
    assert!(
        out.contains("4 accounts, 4 API tokens, 3 drafts, 2 reviews"),
        "{out}"
    );
    let openapi = f
        .call(Method::GET, "/v1/admin/openapi.json", None, None)
        .await;
    assert!(openapi.json["paths"]["/v1/admin/export"]["get"].is_object());

    let admin_token = f.admin.clone();
    let (tmp, _) = close(f);
    // sled moves its id counter 2,000,000 ahead at every open, so a server that restarted
    // has audit numbers in the millions; the restored database must go on after them.
    for _ in 0..2 {
        let s = AdminService::open(DataDir::new(&data), key(), AdminConfig::default()).unwrap();
        s.audit_event(Actor::System, "restart", "test", "a restart")
            .unwrap();
    }
    let (before, sessions) = raw(&admin_of(&data));
    assert!(sessions > 0, "the fixture signed in");

    let out_dir = root.join("backup");
    let out = ok(&backup(&data, &out_dir, &[]));
    assert!(
        out.contains("4 accounts, 4 API tokens, 3 drafts, 2 reviews"),
        "{out}"
    );
    assert!(out.contains("protect the backup"), "{out}");
    let mut expected: Vec<String> = ["accounts", "tokens", "drafts", "reviews", "audit"]
        .iter()
        .map(|t| export_file(&out_dir, t))
        .collect();
    expected.push("manifest.json".into());
    expected.sort();
    assert_eq!(export_listing(&out_dir), expected, "no sessions file");

    let restored = root.join("restored");
    let out = ok(&restore(&out_dir, &restored, &[]));
    assert!(
        out.contains("restored the admin state (4 accounts"),
        "{out}"
    );
    let (after, sessions) = raw(&admin_of(&restored));
    assert_eq!(sessions, 0, "sessions are not restored");
    for ((tree, a), (_, b)) in before.iter().zip(&after) {
        assert_eq!(a, b, "{} differs after the round trip", tree.name());
    }
    assert!(!before[2].1.is_empty() && !before[3].1.is_empty() && before[4].1.len() > 5);

    // The old password signs in, the old token works, the audit log goes on after its end.
    let service =
        AdminService::open(DataDir::new(&restored), key(), AdminConfig::default()).unwrap();
    service.login("ada", PASSWORD, None, None).unwrap();
    let ada = service.token_principal(&admin_token).unwrap().unwrap();
    assert_eq!(ada.name, "ada");
    let next = service
        .audit_event(Actor::System, "test", "test", "after restore")
        .unwrap();
    let max = before[4]
        .1
        .iter()
        .map(|(k, _)| u64::from_be_bytes(k.as_slice().try_into().unwrap()))
        .max()
        .unwrap();
    assert!(max > 4_000_000, "{max}");
    assert!(next > max, "event {next} after restored event {max}");
    assert_eq!(service.drafts(&ada).unwrap().len(), 3);
    let log = service.audit(&ada, &AuditQuery::default()).unwrap();
    assert!(log.iter().any(|e| e.kind == "review_approved"), "{log:?}");
    drop(service);

    // A later backup into the same folder: new files beside the old ones, then the manifest,
    // then the old files go.
    let s = AdminService::open(DataDir::new(&data), key(), AdminConfig::default()).unwrap();
    s.audit_event(Actor::System, "later", "test", "a later event")
        .unwrap();
    drop(s);
    let old_audit = export_file(&out_dir, "audit");
    ok(&backup(&data, &out_dir, &[]));
    let new_audit = export_file(&out_dir, "audit");
    assert_ne!(old_audit, new_audit);
    let listing = export_listing(&out_dir);
    assert!(
        listing.contains(&new_audit) && !listing.contains(&old_audit) && listing.len() == 6,
        "{listing:?}"
    );

    // The export saved from the running server restores too.
    let from_live = root.join("from-live");
    let out = ok(&restore(&live, &from_live, &[]));
    assert!(out.contains("4 accounts"), "{out}");
    let (live_trees, _) = raw(&admin_of(&from_live));
    assert_eq!(live_trees[0], before[0], "the same accounts");
    drop(tmp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_or_truncated_export_is_refused_naming_the_file_and_line_and_writes_nothing() {
    let (tmp, _, out_dir) = backed_up().await;
    let root = tmp.path();
    let drafts_file = export_file(&out_dir, "drafts");
    let drafts = out_dir.join("admin").join(&drafts_file);
    let good = std::fs::read_to_string(&drafts).unwrap();
    let restored = root.join("restored");

    // One changed value on line 2 that still parses.
    let mut lines: Vec<String> = good.lines().map(String::from).collect();
    assert!(lines[1].contains("\"created_by\":\""), "{}", lines[1]);
    lines[1] = lines[1].replacen("\"created_by\":\"", "\"created_by\":\"x", 1);
    std::fs::write(&drafts, lines.join("\n") + "\n").unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(
        stderr.contains(&format!("{drafts_file} line 2")),
        "{stderr}"
    );
    assert!(
        stderr.contains("SHA-256") && stderr.contains("nothing was restored"),
        "{stderr}"
    );
    assert!(!restored.exists(), "nothing written: {stderr}");

    // A line cut off in the middle.
    std::fs::write(&drafts, &good[..good.len() - 20]).unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(
        stderr.contains(&format!("{drafts_file} line {}", lines.len())),
        "{stderr}"
    );
    assert!(!restored.exists());

    // The last line missing: the count in the manifest.
    let all_but_last = good
        .lines()
        .take(lines.len() - 1)
        .map(|l| format!("{l}\n"))
        .collect::<String>();
    std::fs::write(&drafts, all_but_last).unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(stderr.contains(&drafts_file), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "holds {} records, the manifest says {}",
            lines.len() - 1,
            lines.len()
        )),
        "{stderr}"
    );
    assert!(!restored.exists());

    // Lines swapped: each line is fine, the file is not.
    let mut swapped = lines.clone();
    swapped.swap(0, 1);
    std::fs::write(&drafts, swapped.join("\n") + "\n").unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(stderr.contains(&drafts_file), "{stderr}");
    assert!(!restored.exists());

    // A file or the manifest missing.
    std::fs::remove_file(&drafts).unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(
        stderr.contains(&format!("lists {drafts_file}, which is missing")),
        "{stderr}"
    );
    let manifest = out_dir.join("admin/manifest.json");
    let kept = std::fs::read(&manifest).unwrap();
    std::fs::remove_file(&manifest).unwrap();
    let stderr = failed(&restore(&out_dir, &restored, &[]), 4);
    assert!(stderr.contains("manifest.json: is missing"), "{stderr}");
    assert!(!restored.exists());
    std::fs::write(&manifest, kept).unwrap();

    // Put back, it restores.
    std::fs::write(&drafts, &good).unwrap();
    ok(&restore(&out_dir, &restored, &[]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restore_refuses_an_admin_database_with_records_unless_replace_admin_moves_it_aside() {
    let (tmp, data, out_dir) = backed_up().await;
    let root = tmp.path();
    let (before, _) = raw(&admin_of(data.root()));

    // A data folder whose admin database has its own account.
    let target = root.join("target");
    let added = bin()
        .args(["user", "add", "ny-admin", "--role", "admin", "--data"])
        .arg(&target)
        .env("VEIVISER_ADMIN_PASSWORD", "et langt passord her")
        .output()
        .unwrap();
    ok(&added);
    let (theirs, _) = raw(&admin_of(&target));
    let published = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir.join("published"))
            .map(|d| d.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default()
    };
    let files_before = published(&target);

    let stderr = failed(&restore(&out_dir, &target, &[]), 2);
    assert!(stderr.contains("--replace-admin"), "{stderr}");
    assert_eq!(
        published(&target),
        files_before,
        "nothing was restored: {stderr}"
    );
    assert_eq!(raw(&admin_of(&target)).0, theirs, "untouched");

    // --published-only restores the content and leaves their admin database alone.
    let out = ok(&restore(&out_dir, &target, &["--published-only"]));
    assert!(out.contains("not restored (--published-only)"), "{out}");
    assert!(published(&target).len() > files_before.len(), "{out}");
    assert_eq!(raw(&admin_of(&target)).0, theirs, "untouched");

    let out = ok(&restore(&out_dir, &target, &["--replace-admin"]));
    let kept = out
        .lines()
        .find_map(|l| l.strip_prefix("the admin database that was there is kept at "))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(raw(Path::new(kept)).0, theirs, "moved aside, not deleted");
    assert_eq!(
        raw(&admin_of(&target)).0,
        before,
        "the backup's admin state"
    );

    // An empty admin database is simply replaced.
    let empty = root.join("empty");
    drop(AdminStore::open(&admin_of(&empty)).unwrap());
    let out = ok(&restore(&out_dir, &empty, &[]));
    assert!(!out.contains("kept at"), "{out}");
    assert_eq!(raw(&admin_of(&empty)).0, before);
}

/// `POST url/v1/admin/login` as `name`: the session cookie (`veiviser_admin=…`).
fn sign_in(url: &str, name: &str, password: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let resp = agent
        .post(&format!("{url}/v1/admin/login"))
        .content_type("application/json")
        .send(json!({"name": name, "password": password}).to_string())
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let cookie = resp.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_string()
}

#[test]
fn a_running_server_is_backed_up_through_its_export_endpoint() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = DemoServer::start(&data);
    let url = server.url.clone();

    // The server holds the admin database: backup refuses and says what to do.
    let out_dir = tmp.path().join("backup");
    let stderr = failed(&backup(&data, &out_dir, &[]), 5);
    assert!(stderr.contains("--admin-from"), "{stderr}");

    let cookie = sign_in(&url, "demo-admin", "DEMO-ONLY-demo-admin");
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = agent
        .get(&format!("{url}/v1/admin/export"))
        .header("Cookie", &cookie)
        .call()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["cache-control"], "no-store");
    let body = resp.body_mut().read_to_string().unwrap();
    let editor = sign_in(&url, "demo-editor", "DEMO-ONLY-demo-editor");
    let refused = agent
        .get(&format!("{url}/v1/admin/export"))
        .header("Cookie", &editor)
        .call()
        .unwrap();
    assert_eq!(refused.status().as_u16(), 403);
    let saved = tmp.path().join("admin-export.json");
    std::fs::write(&saved, &body).unwrap();
    let out = ok(&backup(
        &data,
        &out_dir,
        &["--admin-from", saved.to_str().unwrap()],
    ));
    assert!(out.contains("4 accounts"), "{out}");
    drop(server);

    let restored = tmp.path().join("restored");
    let out = ok(&bin()
        .arg("restore")
        .arg(&out_dir)
        .arg("--demo")
        .arg("--data")
        .arg(&restored)
        .output()
        .unwrap());
    assert!(
        out.contains("restored the admin state (4 accounts"),
        "{out}"
    );
    let service =
        AdminService::open(DataDir::new(&restored), key(), AdminConfig::default()).unwrap();
    let handle = service
        .login("demo-admin", "DEMO-ONLY-demo-admin", None, None)
        .unwrap();
    let admin = service.session_principal(&handle.id).unwrap().unwrap();
    let log = service.audit(&admin, &AuditQuery::default()).unwrap();
    assert!(
        log.iter()
            .any(|e| e.kind == "admin_exported" && e.actor == Actor::User("demo-admin".into())),
        "{log:?}"
    );
}

/// `n` audit events in the shape the service writes, as raw records.
fn many_events(n: u64) -> RawRecords {
    (1..=n)
        .map(|seq| {
            let event = veiviser_server::admin::audit::AuditEvent {
                seq,
                at: chrono::Utc::now(),
                actor: Actor::User("ada".into()),
                kind: "draft_saved".into(),
                target: format!("draft:{seq:016x}"),
                detail: "a saved draft, to make the audit log long".into(),
            };
            (
                seq.to_be_bytes().to_vec(),
                serde_json::to_vec(&event).unwrap(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restore_killed_midway_leaves_no_half_restored_admin_database() {
    let f = populated().await;
    let (tmp, data) = close(f);
    let root = tmp.path();
    // A long audit log, so the restore takes long enough to be killed in the middle.
    AdminStore::open(&admin_of(data.root()))
        .unwrap()
        .write_raw(Tree::Audit, &many_events(20_000))
        .unwrap();
    let (before, _) = raw(&admin_of(data.root()));
    let out_dir = root.join("backup");
    ok(&backup(data.root(), &out_dir, &[]));
    let keys = root.join("trusted.toml");
    std::fs::write(&keys, key().trusted_keys_line()).unwrap();

    let started = std::time::Instant::now();
    ok(&restore(&out_dir, &root.join("timed"), &[]));
    let full = started.elapsed();
    let (mut killed, mut mid_build) = (0, 0);
    for i in 1..=4u32 {
        let target = root.join(format!("killed-{i}"));
        let mut child = bin()
            .arg("restore")
            .arg(&out_dir)
            .arg("--data")
            .arg(&target)
            .arg("--trusted-keys")
            .arg(&keys)
            .env("RUST_LOG", "error")
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full * i / 5);
        let _ = child.kill();
        let status = child.wait().unwrap();
        if !status.success() {
            killed += 1;
        }
        // Either no admin database, or the whole of it.
        let admin = admin_of(&target);
        let building = std::fs::read_dir(&target).is_ok_and(|d| {
            d.flatten().any(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".admin.restoring-")
            })
        });
        if building && !admin.exists() {
            mid_build += 1;
        }
        if !admin.exists() {
            // Running restore again finishes the job.
            ok(&restore(&out_dir, &target, &[]));
        }
        assert_eq!(
            raw(&admin).0,
            before,
            "kill {i}: a half-restored admin database"
        );
        let leftovers = std::fs::read_dir(&target)
            .unwrap()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(".admin.restoring-")
            })
            .count();
        assert_eq!(
            leftovers, 0,
            "kill {i}: the next restore removes what a killed one left"
        );
    }
    eprintln!(
        "a whole restore took {full:?}; {killed} of 4 were killed before they ended, {mid_build} while building the admin database"
    );
    assert!(
        killed >= 2,
        "only {killed} of 4 restores were killed before they ended ({full:?})"
    );
}
