//! Admin workflows end to end: a rollback (and an approved edit before it) reaches a device
//! that syncs from a real loopback server, with its "Hva er nytt" note; urgent publishes and
//! their second review; the audit log's filters; everything survives a restart; `user add`.

mod admin_support;

use admin_support::*;
use axum::http::{Method, StatusCode};
use serde_json::json;
use std::time::Duration;
use veiviser_core::device::{DeviceContent, SyncOptions};
use veiviser_core::sync::progress::{CancelFlag, NoProgress};
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::signing::TrustedKeys;
use veiviser_core::sync::transport::HttpTransport;
use veiviser_server::admin::audit::AuditQuery;
use veiviser_server::admin::{AdminConfig, AdminService};
use veiviser_server::sync_api::connections::{serve_connections, ConnectionLimits};

fn trusted() -> TrustedKeys {
    TrustedKeys::from_toml_str(&key().trusted_keys_line(), "test").unwrap()
}

/// Syncs `device` from `url` (blocking HTTP, off the async threads); the guide's title and
/// the guides sequence afterwards.
async fn sync(device: &std::sync::Arc<DeviceContent>, url: &str) -> (String, u64) {
    let (device, url) = (device.clone(), url.to_string());
    tokio::task::spawn_blocking(move || {
        device
            .sync(
                &HttpTransport::new(Duration::from_secs(10)),
                &url,
                &SyncOptions::default(),
                &NoProgress,
                &CancelFlag::new(),
            )
            .unwrap();
        let guide = device
            .records(Collection::Guides)
            .unwrap()
            .into_iter()
            .find(|r| r.id == GUIDE)
            .unwrap();
        let seq = device
            .as_of()
            .unwrap()
            .into_iter()
            .find(|a| a.collection == Collection::Guides)
            .unwrap()
            .sequence;
        (guide.data["title"]["nb"].as_str().unwrap().to_string(), seq)
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rollback_is_a_new_sequence_that_a_syncing_device_receives_with_its_note() {
    let f = Fixture::new();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let limits = ConnectionLimits {
        max_connections: 64,
        header_read_timeout: Duration::from_secs(5),
    };
    let server = tokio::spawn(serve_connections(listener, f.router(), limits, async {
        let _ = stopped.await;
    }));
    let device = std::sync::Arc::new(DeviceContent::in_memory(trusted(), None).unwrap());
    let original = f.live_title();
    let (title, seq0) = sync(&device, &url).await;
    assert_eq!(title, original);

    // An edit, reviewed and approved.
    let draft = f.draft_from_live(&f.editor).await;
    let id = draft["id"].as_str().unwrap();
    let edited = retitled(
        draft["content"].as_str().unwrap(),
        &original,
        "Snakk med barnet i dag",
    );
    f.save(&f.editor, id, &edited).await.expect(StatusCode::OK);
    let review = f
        .request_review(&f.editor, id, "Ny tittel på veiledningen")
        .await;
    f.approve(&f.reviewer, review.json["id"].as_str().unwrap())
        .await
        .expect(StatusCode::OK);
    let (title, seq1) = sync(&device, &url).await;
    assert_eq!(title, "Snakk med barnet i dag");
    assert!(seq1 > seq0);
    let notes = device.release_notes().unwrap();
    assert_eq!(notes[0].summary.nb, "Ny tittel på veiledningen");
    assert_eq!(notes[0].summary.en.as_deref(), Some("English summary"));
    assert_eq!(notes[0].guides, [GUIDE]);

    // Roll the guide back to the first sequence: a rollback draft, reviewed by another reviewer.
    let rb = f
        .call(
            Method::POST,
            "/v1/admin/rollback",
            Some(&f.reviewer),
            Some(json!({"collection": "guides", "sequence": seq0, "record": GUIDE})),
        )
        .await;
    rb.expect(StatusCode::CREATED);
    assert_eq!(rb.json["valid"], true, "{}", rb.text);
    let rid = rb.json["id"].as_str().unwrap();
    let diff = f
        .get(&format!("/v1/admin/drafts/{rid}/diff"), &f.reviewer)
        .await;
    assert!(
        diff.json["records"][0]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("+nb = \"{original}\"")),
        "{}",
        diff.text
    );
    let review = f
        .request_review(&f.reviewer, rid, "Tilbake til forrige tittel")
        .await;
    review.expect(StatusCode::CREATED);
    let rev_id = review.json["id"].as_str().unwrap();
    f.approve(&f.reviewer, rev_id)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let ok = f.approve(&f.reviewer2, rev_id).await;
    ok.expect(StatusCode::OK);

    let (title, seq2) = sync(&device, &url).await;
    assert_eq!(title, original, "the device has the earlier text again");
    assert!(
        seq2 > seq1,
        "a new sequence: devices never move backwards ({seq2} > {seq1})"
    );
    let guide = device
        .records(Collection::Guides)
        .unwrap()
        .into_iter()
        .find(|r| r.id == GUIDE)
        .unwrap();
    assert_eq!(
        guide.data["revision"], 3,
        "the rollback is the guide's next revision"
    );
    assert_eq!(
        device.release_notes().unwrap()[0].summary.nb,
        "Tilbake til forrige tittel"
    );

    let _ = stop.send(());
    server.await.unwrap();
}

#[tokio::test]
async fn an_urgent_fix_is_published_by_one_reviewer_and_listed_until_a_second_confirms() {
    let f = Fixture::with_config(AdminConfig {
        second_review_hours: 0,
        ..AdminConfig::default()
    });
    let title = f.live_title();
    let draft = f.draft_from_live(&f.reviewer).await;
    let id = draft["id"].as_str().unwrap();
    let fixed = retitled(draft["content"].as_str().unwrap(), &title, "Rettet nummer");
    f.save(&f.reviewer, id, &fixed).await.expect(StatusCode::OK);
    let head = f.head();
    let urgent = f
        .call(
            Method::POST,
            &format!("/v1/admin/drafts/{id}/urgent"),
            Some(&f.reviewer),
            Some(
                json!({"summary": {"nb": "Rettet feil telefonnummer"}, "reason": "feil nødnummer"}),
            ),
        )
        .await;
    urgent.expect(StatusCode::CREATED);
    assert!(f.head() > head);
    assert_eq!(f.live_title(), "Rettet nummer");
    let rid = urgent.json["id"].as_str().unwrap();
    assert_eq!(urgent.json["urgent"], true);

    let list = f.get("/v1/admin/second-reviews", &f.editor).await;
    assert_eq!(list.json[0]["id"], rid, "{}", list.text);
    // The deadline (0 hours) has passed: admins are warned, once, as a system event.
    let warnings = f.get("/v1/admin/warnings", &f.admin).await;
    assert_eq!(warnings.json[0]["id"], rid, "{}", warnings.text);
    f.get("/v1/admin/warnings", &f.admin).await;
    let overdue = f
        .get("/v1/admin/audit?kind=second_review_overdue", &f.admin)
        .await;
    assert_eq!(
        overdue.json.as_array().unwrap().len(),
        1,
        "{}",
        overdue.text
    );
    assert_eq!(overdue.json[0]["actor"]["type"], "system");

    let confirm = |token: String| {
        let f = &f;
        async move {
            f.post(&format!("/v1/admin/reviews/{rid}/confirm"), &token)
                .await
        }
    };
    confirm(f.reviewer.clone())
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    confirm(f.editor.clone())
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    let ok = confirm(f.reviewer2.clone()).await;
    ok.expect(StatusCode::OK);
    assert_eq!(ok.json["second_review"]["confirmed_by"], "rune");
    let list = f.get("/v1/admin/second-reviews", &f.editor).await;
    assert_eq!(list.json, json!([]));
}

#[tokio::test]
async fn the_audit_log_filters_and_everything_survives_a_restart() {
    let f = Fixture::new();
    let draft = f.draft_from_live(&f.editor).await;
    let id = draft["id"].as_str().unwrap().to_string();
    let decline_target = f.request_review(&f.editor, &id, "Noe nytt").await;
    let rid = decline_target.json["id"].as_str().unwrap().to_string();
    let declined = f
        .call(
            Method::POST,
            &format!("/v1/admin/reviews/{rid}/decline"),
            Some(&f.reviewer),
            Some(json!({"comment": " "})),
        )
        .await;
    declined.expect_error(StatusCode::BAD_REQUEST, "bad_request");
    f.call(
        Method::POST,
        &format!("/v1/admin/reviews/{rid}/decline"),
        Some(&f.reviewer),
        Some(json!({"comment": "Mangler kilde"})),
    )
    .await
    .expect(StatusCode::OK);

    let by_erik = f.get("/v1/admin/audit?actor=erik", &f.admin).await;
    let kinds: Vec<&str> = by_erik
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["review_requested", "draft_created"], "newest first");
    let human = f
        .get(
            "/v1/admin/audit?system=false&kind=review_declined",
            &f.admin,
        )
        .await;
    assert_eq!(
        human.json[0]["actor"],
        json!({"type": "user", "name": "rita"})
    );
    let system = f.get("/v1/admin/audit?system=true", &f.admin).await;
    assert!(system
        .json
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"]["type"] == "system"));
    assert!(system
        .json
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "account_created"));
    let future = f
        .get("/v1/admin/audit?from=2999-01-01T00:00:00Z", &f.admin)
        .await;
    assert_eq!(future.json, json!([]));

    // Reopen the database: the accounts, tokens, drafts, reviews and audit log are all there.
    let Fixture {
        tmp,
        data,
        service,
        editor,
        admin,
        ..
    } = f;
    let ada = service.token_principal(&admin).unwrap().unwrap();
    let before = service.audit(&ada, &AuditQuery::default()).unwrap();
    drop(service);
    let reopened = AdminService::open(data, key(), AdminConfig::default()).unwrap();
    let erik = reopened
        .token_principal(&editor)
        .unwrap()
        .expect("the token survives");
    let d = reopened.draft(&erik, &id).unwrap();
    assert_eq!(d.state, veiviser_server::admin::drafts::DraftState::Editing);
    assert_eq!(
        reopened.review(&erik, &rid).unwrap().comment.as_deref(),
        Some("Mangler kilde")
    );
    let ada = reopened.token_principal(&admin).unwrap().unwrap();
    assert_eq!(
        reopened.audit(&ada, &AuditQuery::default()).unwrap(),
        before
    );
    drop(tmp);
}

#[test]
fn user_add_makes_the_first_admin_and_refuses_a_short_password() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_veiviser-server");
    let run = |args: &[&str], password: &str| {
        std::process::Command::new(bin)
            .args(args)
            .arg("--data")
            .arg(&data)
            .env("VEIVISER_ADMIN_PASSWORD", password)
            .output()
            .unwrap()
    };
    let short = run(&["user", "add", "forste-admin", "--role", "admin"], "kort");
    assert_eq!(
        short.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&short.stderr)
    );
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));
    let ok = run(
        &[
            "user",
            "add",
            "forste-admin",
            "--role",
            "admin",
            "--role",
            "reviewer",
        ],
        "et langt passord her",
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let again = run(
        &["user", "add", "forste-admin", "--role", "admin"],
        "et langt passord her",
    );
    assert_eq!(again.status.code(), Some(2));
    let list = run(&["user", "list"], "");
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("forste-admin  reviewer,admin"), "{listed}");
    let token = run(&["user", "token", "forste-admin", "--label", "nightly"], "");
    let token = String::from_utf8_lossy(&token.stdout).trim().to_string();
    assert!(token.starts_with("vv_"), "{token}");
    let service = AdminService::open(
        veiviser_server::data_dir::DataDir::new(&data),
        key(),
        AdminConfig::default(),
    )
    .unwrap();
    assert_eq!(
        service.token_principal(&token).unwrap().unwrap().name,
        "forste-admin"
    );
    assert!(service
        .login("forste-admin", "et langt passord her", None, None)
        .is_ok());
}

#[test]
fn serve_demo_prints_the_demo_accounts_after_the_address_and_they_sign_in() {
    let tmp = tempfile::tempdir().unwrap();
    let mut server = DemoServer::start(&tmp.path().join("data"));
    let lines: Vec<String> = (0..5).map(|_| server.next_line()).collect();
    let url = server.url.clone();
    assert!(lines[0].starts_with("DEMO ONLY"), "{lines:?}");
    for (i, name) in [
        "demo-editor",
        "demo-reviewer",
        "demo-reviewer-2",
        "demo-admin",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            lines[1 + i].contains(name) && lines[1 + i].contains(&format!("DEMO-ONLY-{name}")),
            "{lines:?}"
        );
    }
    let (status, body) = post_json(
        &url,
        "/login",
        None,
        r#"{"name": "demo-reviewer", "password": "DEMO-ONLY-demo-reviewer"}"#,
    );
    drop(server);
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"roles\":[\"reviewer\"]"), "{body}");
}

/// `POST url/v1/admin{path}` with a JSON body (and a bearer token); the status and the body.
fn post_json(url: &str, path: &str, token: Option<&str>, body: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.post(&format!("{url}/v1/admin{path}"));
    if let Some(t) = token {
        req = req.header("Authorization", &format!("Bearer {t}"));
    }
    let mut resp = req.content_type("application/json").send(body).unwrap();
    (
        resp.status().as_u16(),
        resp.body_mut().read_to_string().unwrap(),
    )
}

#[test]
fn a_killed_server_loses_no_acknowledged_draft_and_sign_ins_are_limited_per_address() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let bin = env!("CARGO_BIN_EXE_veiviser-server");
    let added = std::process::Command::new(bin)
        .args(["user", "add", "erik", "--role", "editor", "--data"])
        .arg(&data)
        .env("VEIVISER_ADMIN_PASSWORD", "et langt passord her")
        .output()
        .unwrap();
    assert!(added.status.success());
    let token = std::process::Command::new(bin)
        .args(["user", "token", "erik", "--data"])
        .arg(&data)
        .output()
        .unwrap();
    let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
    let mut server = DemoServer::start(&data);
    let url = server.url.clone();

    let body = format!(r#"{{"collection": "guides", "id": "{GUIDE}"}}"#);
    let (status, draft) = post_json(&url, "/drafts/from-live", Some(&token), &body);
    assert_eq!(status, 201, "{draft}");
    let id = serde_json::from_str::<serde_json::Value>(&draft).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();

    // 20 failed sign-ins from this address, each for another account: then even a new name
    // is refused from here.
    for i in 0..20 {
        let (status, _) = post_json(
            &url,
            "/login",
            None,
            &format!(r#"{{"name": "nobody-{i}", "password": "wrong password"}}"#),
        );
        assert_eq!(status, 401);
    }
    let (status, body) = post_json(
        &url,
        "/login",
        None,
        r#"{"name": "erik", "password": "et langt passord her"}"#,
    );
    assert_eq!(status, 429, "{body}");

    // SIGKILL: no shutdown, no flush at exit. The acknowledged draft is on disk.
    server.kill();
    let service = AdminService::open(
        veiviser_server::data_dir::DataDir::new(&data),
        key(),
        AdminConfig::default(),
    )
    .unwrap();
    let erik = service.token_principal(&token).unwrap().unwrap();
    assert_eq!(service.draft(&erik, &id).unwrap().created_by, "erik");
}
