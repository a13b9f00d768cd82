//! The admin API through the real router: authentication and roles on every mutating
//! route, four-eyes approval, invalid and stale drafts, CSRF, sign-in rotation and limits.

mod admin_support;

use admin_support::*;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use veiviser_core::sync::protocol::Collection;

/// Which account lacks the role a mutating route needs (`None`: every signed-in account may
/// call it), and a body that parses. Every mutating operation of the OpenAPI document must be
/// listed here, so a new route cannot be added without deciding who may call it.
fn wrong_role(method: &str, path: &str) -> Option<(Option<&'static str>, Value)> {
    let summary = json!({"summary": {"nb": "Nytt"}});
    Some(match (method, path) {
        ("post", "/v1/admin/logout") => (None, Value::Null),
        ("post", "/v1/admin/tokens") => (None, json!({"label": "x"})),
        ("delete", "/v1/admin/tokens/{id}") => (None, Value::Null),
        ("post", "/v1/admin/accounts") => (
            Some("reviewer"),
            json!({"name": "ny-bruker", "roles": ["editor"], "password": "long enough password"}),
        ),
        ("put", "/v1/admin/accounts/{name}/disabled") => {
            (Some("editor"), json!({"disabled": true}))
        }
        ("post", "/v1/admin/drafts") => (
            Some("admin"),
            json!({"kind": "guide", "content": "id = \"x\""}),
        ),
        ("post", "/v1/admin/drafts/from-live") => {
            (Some("admin"), json!({"collection": "guides", "id": GUIDE}))
        }
        ("put", "/v1/admin/drafts/{id}") => (Some("admin"), json!({"content": "x"})),
        ("delete", "/v1/admin/drafts/{id}") => (Some("admin"), Value::Null),
        ("post", "/v1/admin/drafts/{id}/rebase") => (Some("admin"), Value::Null),
        ("put", "/v1/admin/drafts/{id}/file") => (Some("admin"), Value::String("id = 1".into())),
        ("post", "/v1/admin/drafts/{id}/review") => (Some("admin"), summary),
        ("post", "/v1/admin/drafts/{id}/urgent") => (
            Some("editor"),
            json!({"summary": {"nb": "Nytt"}, "reason": "feil nødnummer"}),
        ),
        ("post", "/v1/admin/reviews/{id}/approve") => (Some("editor"), Value::Null),
        ("post", "/v1/admin/reviews/{id}/decline") => (Some("editor"), json!({"comment": "nei"})),
        ("post", "/v1/admin/reviews/{id}/confirm") => (Some("editor"), Value::Null),
        ("post", "/v1/admin/rollback") => (
            Some("editor"),
            json!({"collection": "guides", "sequence": 1}),
        ),
        _ => return None,
    })
}

fn request(method: &str, path: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    let mut r = Request::builder()
        .method(method.to_uppercase().as_str())
        .uri(
            path.replace("{id}", "0123456789abcdef01234567")
                .replace("{name}", "erik"),
        );
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    match body {
        Value::Null => r.body(Body::empty()).unwrap(),
        Value::String(s) => r
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from(s.clone()))
            .unwrap(),
        v => r
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(v.to_string()))
            .unwrap(),
    }
}

#[tokio::test]
async fn every_mutating_route_answers_401_without_credentials_and_403_with_the_wrong_role() {
    let f = Fixture::new();
    let doc = veiviser_server::admin::api::openapi_json();
    let mut checked = BTreeSet::new();
    let mut public = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, _) in item.as_object().unwrap() {
            if method == "get" {
                continue;
            }
            if path == "/v1/admin/login" {
                public.push(path.clone());
                continue;
            }
            let (role, body) = wrong_role(method, path).unwrap_or_else(|| {
                panic!("{method} {path} is not in the table of this test: say which role may not call it")
            });
            let none = f.send(request(method, path, None, &body)).await;
            none.expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
            let bad = f
                .send(request(method, path, Some("vv_not-a-token"), &body))
                .await;
            bad.expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
            if let Some(role) = role {
                let token = match role {
                    "editor" => &f.editor,
                    "reviewer" => &f.reviewer,
                    "admin" => &f.admin,
                    _ => unreachable!(),
                };
                let wrong = f.send(request(method, path, Some(token), &body)).await;
                assert_eq!(
                    wrong.status,
                    StatusCode::FORBIDDEN,
                    "{method} {path} as {role}: {}",
                    wrong.text
                );
                assert_eq!(
                    wrong.json["code"], "forbidden",
                    "{method} {path}: {}",
                    wrong.text
                );
            }
            checked.insert(format!("{method} {path}"));
        }
    }
    assert_eq!(public, ["/v1/admin/login"]);
    assert!(checked.len() >= 16, "{checked:?}");
    // Nothing was created by any refused request.
    assert!(f.service.drafts(&principal(&f, "erik")).unwrap().is_empty());
}

fn principal(f: &Fixture, name: &str) -> veiviser_server::admin::Principal {
    let token = match name {
        "erik" => &f.editor,
        "rita" => &f.reviewer,
        "rune" => &f.reviewer2,
        _ => &f.admin,
    };
    f.service.token_principal(token).unwrap().unwrap()
}

#[tokio::test]
async fn nobody_can_approve_a_draft_they_edited() {
    let f = Fixture::new();
    let title = f.live_title();
    let draft = f.draft_from_live(&f.editor).await;
    let id = draft["id"].as_str().unwrap();
    let content = retitled(
        draft["content"].as_str().unwrap(),
        &title,
        "Snakke med barnet (ny)",
    );
    f.save(&f.editor, id, &content).await.expect(StatusCode::OK);
    // The first reviewer also edits it: now an author too.
    let content2 = content.replace("Snakke med barnet (ny)", "Snakke med barnet (nyere)");
    let saved = f.save(&f.reviewer, id, &content2).await;
    saved.expect(StatusCode::OK);
    assert_eq!(saved.json["authors"], json!(["erik", "rita"]));

    let review = f.request_review(&f.editor, id, "Ny tittel").await;
    review.expect(StatusCode::CREATED);
    let rid = review.json["id"].as_str().unwrap();
    let head = f.head();

    f.approve(&f.reviewer, rid)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    f.approve(&f.editor, rid)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    f.approve(&f.admin, rid)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(f.head(), head, "nothing was published");

    let ok = f.approve(&f.reviewer2, rid).await;
    ok.expect(StatusCode::OK);
    assert_eq!(ok.json["state"], "published");
    assert_eq!(ok.json["decided_by"], "rune");
    assert!(ok.json["published"]["last"].as_u64().unwrap() > head);
    assert_eq!(f.live_title(), "Snakke med barnet (nyere)");
    // Approving twice publishes nothing more.
    f.approve(&f.reviewer2, rid)
        .await
        .expect_error(StatusCode::CONFLICT, "conflict");
}

#[tokio::test]
async fn an_invalid_draft_is_saved_with_its_findings_and_can_never_be_published() {
    let f = Fixture::new();
    let draft = f.draft_from_live(&f.editor).await;
    let id = draft["id"].as_str().unwrap();
    let content = draft["content"].as_str().unwrap();
    let broken = content.replacen("next = \"", "next = \"no-such-step-", 1);
    assert_ne!(broken, content);
    let saved = f.save(&f.editor, id, &broken).await;
    saved.expect(StatusCode::OK);
    assert_eq!(saved.json["valid"], false);
    let issue = saved.json["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["severity"] == "error")
        .unwrap_or_else(|| panic!("{}", saved.text))
        .clone();
    assert!(
        issue["step"].is_string(),
        "the finding names its step: {issue}"
    );
    assert!(issue["field"].as_str().unwrap().contains("next"), "{issue}");
    assert!(
        issue["message"].as_str().unwrap().contains("no-such-step-"),
        "{issue}"
    );

    let head = f.head();
    let r = f.request_review(&f.editor, id, "Ødelagt").await;
    r.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert!(!r.json["details"]["issues"].as_array().unwrap().is_empty());
    let urgent = f
        .call(
            Method::POST,
            &format!("/v1/admin/drafts/{id}/urgent"),
            Some(&f.reviewer),
            Some(json!({"summary": {"nb": "Haster"}, "reason": "test"})),
        )
        .await;
    urgent.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert_eq!(f.head(), head, "nothing was published");

    // A summary without bokmål is refused, naming the field.
    let fixed = f.save(&f.editor, id, content).await;
    assert_eq!(fixed.json["valid"], true, "{}", fixed.text);
    let no_nb = f
        .call(
            Method::POST,
            &format!("/v1/admin/drafts/{id}/review"),
            Some(&f.editor),
            Some(json!({"summary": {"nb": "  ", "en": "What's new"}})),
        )
        .await;
    no_nb.expect_error(StatusCode::BAD_REQUEST, "bad_request");
    assert_eq!(no_nb.json["details"]["field"], "summary.nb");
}

#[tokio::test]
async fn a_draft_whose_base_is_no_longer_live_gets_409_with_what_changed() {
    let f = Fixture::new();
    let title = f.live_title();
    let first = f.draft_from_live(&f.editor).await;
    let second = f.draft_from_live(&f.editor).await;
    let (a, b) = (
        first["id"].as_str().unwrap(),
        second["id"].as_str().unwrap(),
    );
    let ca = retitled(first["content"].as_str().unwrap(), &title, "Tittel A");
    let cb = retitled(second["content"].as_str().unwrap(), &title, "Tittel B");
    f.save(&f.editor, a, &ca).await.expect(StatusCode::OK);
    f.save(&f.editor, b, &cb).await.expect(StatusCode::OK);
    let rb = f.request_review(&f.editor, b, "B").await;
    rb.expect(StatusCode::CREATED);
    let ra = f.request_review(&f.editor, a, "A").await;
    f.approve(&f.reviewer, ra.json["id"].as_str().unwrap())
        .await
        .expect(StatusCode::OK);

    // B was based on the title A replaced.
    let head = f.head();
    let stale = f
        .approve(&f.reviewer, rb.json["id"].as_str().unwrap())
        .await;
    stale.expect_error(StatusCode::CONFLICT, "stale");
    let changed = &stale.json["details"]["changed"][0];
    assert_eq!(changed["record"], format!("guides/{GUIDE}"));
    assert!(
        changed["text"]
            .as_str()
            .unwrap()
            .contains("+nb = \"Tittel A\""),
        "{changed}"
    );
    assert_eq!(f.head(), head);
    assert_eq!(f.live_title(), "Tittel A");

    // The diff shows it too; after a rebase (and a new request) it can be published.
    let diff = f
        .get(&format!("/v1/admin/drafts/{b}/diff"), &f.reviewer)
        .await;
    assert_eq!(
        diff.json["stale"].as_array().unwrap().len(),
        1,
        "{}",
        diff.text
    );
    let graph = &diff.json["records"][0]["graph"];
    assert!(
        graph["steps_added"].as_array().unwrap().is_empty(),
        "{graph}"
    );
    f.save(&f.editor, b, &cb).await.expect(StatusCode::OK);
    f.request_review(&f.editor, b, "B")
        .await
        .expect_error(StatusCode::CONFLICT, "stale");
    let rebased = f
        .post(&format!("/v1/admin/drafts/{b}/rebase"), &f.editor)
        .await;
    rebased.expect(StatusCode::OK);
    // Both drafts were revision 2 of the guide; A took it, so B must become revision 3.
    assert_eq!(rebased.json["valid"], false, "{}", rebased.text);
    assert!(
        rebased.text.contains("raise `revision` to 3"),
        "{}",
        rebased.text
    );
    let cb = cb.replacen("revision = 2\n", "revision = 3\n", 1);
    f.save(&f.editor, b, &cb).await.expect(StatusCode::OK);
    let rb = f.request_review(&f.editor, b, "B").await;
    rb.expect(StatusCode::CREATED);
    f.approve(&f.reviewer, rb.json["id"].as_str().unwrap())
        .await
        .expect(StatusCode::OK);
    assert_eq!(f.live_title(), "Tittel B");
}

fn cookie_of(a: &Answer) -> String {
    let set = a.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.split(';').next().unwrap().to_string()
}

async fn login(f: &Fixture, name: &str, password: &str, cookie: Option<&str>) -> Answer {
    let mut r = Request::post("/v1/admin/login").header(header::CONTENT_TYPE, "application/json");
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    f.send(
        r.body(Body::from(
            json!({"name": name, "password": password}).to_string(),
        ))
        .unwrap(),
    )
    .await
}

#[tokio::test]
async fn form_posts_without_the_sessions_csrf_token_are_refused() {
    let f = Fixture::new();
    let signed_in = login(&f, "erik", PASSWORD, None).await;
    signed_in.expect(StatusCode::OK);
    let cookie = cookie_of(&signed_in);
    let csrf = signed_in.json["csrf_token"].as_str().unwrap().to_string();
    let form = |body: String, cookie: Option<&str>| {
        let mut r = Request::post("/v1/admin/drafts/from-live")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            r = r.header(header::COOKIE, c);
        }
        r.body(Body::from(body)).unwrap()
    };
    // No token, a wrong token, no session at all: refused before any handler runs.
    f.send(form("collection=guides".into(), Some(&cookie)))
        .await
        .expect_error(StatusCode::FORBIDDEN, "csrf");
    f.send(form(
        "collection=guides&csrf_token=wrong".into(),
        Some(&cookie),
    ))
    .await
    .expect_error(StatusCode::FORBIDDEN, "csrf");
    f.send(form(format!("csrf_token={csrf}"), None))
        .await
        .expect_error(StatusCode::FORBIDDEN, "csrf");
    let multipart = Request::post("/v1/admin/drafts/from-live")
        .header(header::CONTENT_TYPE, "multipart/form-data; boundary=X")
        .header(header::COOKIE, &cookie)
        .body(Body::from(
            "--X\r\nContent-Disposition: form-data; name=\"collection\"\r\n\r\nguides\r\n--X--\r\n",
        ))
        .unwrap();
    f.send(multipart)
        .await
        .expect_error(StatusCode::FORBIDDEN, "csrf");
    // The right token passes the guard (this JSON route then refuses the form body).
    let passed = f
        .send(form(
            format!("collection=guides&csrf_token={csrf}"),
            Some(&cookie),
        ))
        .await;
    assert_ne!(passed.json["code"], "csrf", "{}", passed.text);
    assert_eq!(
        passed.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        passed.text
    );

    // JSON with the cookie needs the header; with it, it works.
    let json_req = |token: Option<&str>| {
        let mut r = Request::post("/v1/admin/drafts/from-live")
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::COOKIE, &cookie);
        if let Some(t) = token {
            r = r.header("x-csrf-token", t);
        }
        r.body(Body::from(
            json!({"collection": "guides", "id": GUIDE}).to_string(),
        ))
        .unwrap()
    };
    f.send(json_req(None))
        .await
        .expect_error(StatusCode::FORBIDDEN, "csrf");
    f.send(json_req(Some(&csrf)))
        .await
        .expect(StatusCode::CREATED);
}

#[tokio::test]
async fn sign_in_rotates_the_session_and_sign_out_ends_it() {
    let f = Fixture::new();
    let anon = f.service.anonymous_session().unwrap();
    let old_cookie = format!("veiviser_admin={}", anon.id);
    // Signing in over an existing session needs that session's token, too.
    login(&f, "rita", PASSWORD, Some(&old_cookie))
        .await
        .expect_error(StatusCode::FORBIDDEN, "csrf");
    let signed_in = f
        .send(
            Request::post("/v1/admin/login")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::COOKIE, &old_cookie)
                .header("x-csrf-token", &anon.session.csrf)
                .body(Body::from(
                    json!({"name": "rita", "password": PASSWORD}).to_string(),
                ))
                .unwrap(),
        )
        .await;
    signed_in.expect(StatusCode::OK);
    let cookie = cookie_of(&signed_in);
    assert_ne!(cookie, old_cookie, "a new session id on sign-in");
    assert!(
        f.service.session(&anon.id).unwrap().is_none(),
        "the old session is gone"
    );
    let me = f
        .send(
            Request::get("/v1/admin/me")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    me.expect(StatusCode::OK);
    assert_eq!(me.json["name"], "rita");
    assert_eq!(me.json["csrf_token"], signed_in.json["csrf_token"]);

    let out = f
        .send(
            Request::post("/v1/admin/logout")
                .header(header::COOKIE, &cookie)
                .header(
                    "x-csrf-token",
                    signed_in.json["csrf_token"].as_str().unwrap(),
                )
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    out.expect(StatusCode::NO_CONTENT);
    let after = f
        .send(
            Request::get("/v1/admin/me")
                .header(header::COOKIE, &cookie)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    after.expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
}

#[tokio::test]
async fn failed_sign_ins_are_limited_per_account() {
    let f = Fixture::new();
    for _ in 0..5 {
        login(&f, "ada", "wrong password!", None)
            .await
            .expect_error(StatusCode::UNAUTHORIZED, "bad_credentials");
    }
    let limited = login(&f, "ada", PASSWORD, None).await;
    limited.expect_error(StatusCode::TOO_MANY_REQUESTS, "rate_limited");
    assert!(limited.headers.get(header::RETRY_AFTER).is_some());
    // Another account is not affected.
    login(&f, "erik", PASSWORD, None)
        .await
        .expect(StatusCode::OK);
    let audit = f
        .get("/v1/admin/audit?kind=login_failed&system=true", &f.admin)
        .await;
    audit.expect(StatusCode::OK);
    assert_eq!(audit.json.as_array().unwrap().len(), 5, "{}", audit.text);
}

#[tokio::test]
async fn the_stale_list_and_directory_drafts_and_file_upload_and_download() {
    let f = Fixture::new();
    let stale = f.get("/v1/admin/stale?today=2031-01-01", &f.editor).await;
    stale.expect(StatusCode::OK);
    let unverified = stale.json["unverified"].as_array().unwrap();
    assert!(
        !unverified.is_empty(),
        "five years on, every entry needs verifying: {}",
        stale.text
    );
    assert!(unverified
        .iter()
        .all(|e| e["last_verified"].as_str().unwrap() < "2030-01-01"));
    let estimated = stale.json["estimated_hours"].as_array().unwrap();
    assert!(
        !estimated.is_empty(),
        "the demo barnehus hours are an estimate: {}",
        stale.text
    );
    assert!(
        !stale.json["overdue_guides"].as_array().unwrap().is_empty(),
        "{}",
        stale.text
    );
    let today = f.get("/v1/admin/stale?today=2026-12-01", &f.editor).await;
    assert!(
        today.json["unverified"].as_array().unwrap().len() < unverified.len(),
        "{}",
        today.text
    );

    // A directory entry as a draft: its TOML round-trips and checks clean.
    let id = estimated[0]["id"].as_str().unwrap();
    let d = f
        .call(
            Method::POST,
            "/v1/admin/drafts/from-live",
            Some(&f.editor),
            Some(json!({"collection": "directory", "id": id})),
        )
        .await;
    d.expect(StatusCode::CREATED);
    assert_eq!(d.json["valid"], true, "{}", d.text);
    assert_eq!(d.json["touches"], json!([format!("directory/{id}")]));
    let did = d.json["id"].as_str().unwrap();

    // Upload a file as the body, download it back.
    let upload = f
        .send(
            Request::put(format!("/v1/admin/drafts/{did}/file"))
                .header(header::AUTHORIZATION, format!("Bearer {}", f.editor))
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("[[service]]\nid = \"x\"\n"))
                .unwrap(),
        )
        .await;
    upload.expect(StatusCode::OK);
    assert_eq!(upload.json["valid"], false);
    let down = f
        .send(
            Request::get(format!("/v1/admin/drafts/{did}/file"))
                .header(header::AUTHORIZATION, format!("Bearer {}", f.editor))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    down.expect(StatusCode::OK);
    assert_eq!(down.text, "[[service]]\nid = \"x\"\n");
    assert_eq!(down.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(down.headers[header::CACHE_CONTROL], "no-store");
    let disposition = down.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );

    // The OpenAPI document is served and names every route of this test.
    let doc = f
        .call(Method::GET, "/v1/admin/openapi.json", None, None)
        .await;
    doc.expect(StatusCode::OK);
    for p in [
        "/v1/admin/stale",
        "/v1/admin/drafts/{id}/file",
        "/v1/admin/drafts/from-live",
    ] {
        assert!(doc.json["paths"][p].is_object(), "{p}");
    }
}

#[tokio::test]
async fn api_tokens_are_listed_by_id_and_revoked_by_their_owner_or_an_admin() {
    let f = Fixture::new();
    let made = f
        .call(
            Method::POST,
            "/v1/admin/tokens",
            Some(&f.editor),
            Some(json!({"label": "nattlig import"})),
        )
        .await;
    made.expect(StatusCode::CREATED);
    let token = made.json["token"].as_str().unwrap().to_string();
    f.get("/v1/admin/me", &token).await.expect(StatusCode::OK);
    let mine = f.get("/v1/admin/tokens", &f.editor).await;
    let listed = mine.json.as_array().unwrap();
    assert_eq!(
        listed.len(),
        2,
        "the fixture's and the new one: {}",
        mine.text
    );
    assert!(listed.iter().all(|t| t["account"] == "erik"));
    assert!(!mine.text.contains(&token), "tokens are never shown again");
    let id = listed
        .iter()
        .find(|t| t["label"] == "nattlig import")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let everyone = f.get("/v1/admin/tokens", &f.admin).await;
    assert_eq!(everyone.json.as_array().unwrap().len(), 5);

    // Another account cannot revoke it; its owner can, and then it stops working.
    let path = format!("/v1/admin/tokens/{id}");
    f.call(Method::DELETE, &path, Some(&f.reviewer), None)
        .await
        .expect_error(StatusCode::FORBIDDEN, "forbidden");
    f.call(Method::DELETE, &path, Some(&f.editor), None)
        .await
        .expect(StatusCode::NO_CONTENT);
    f.get("/v1/admin/me", &token)
        .await
        .expect_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    f.call(Method::DELETE, &path, Some(&f.admin), None)
        .await
        .expect_error(StatusCode::NOT_FOUND, "not_found");
}

#[tokio::test]
async fn content_made_invalid_after_the_review_request_is_refused_by_the_signing_gate() {
    use veiviser_server::publishing::import::{import, ImportOptions};
    let f = Fixture::new();
    let import_opts = |deletes| ImportOptions {
        actor: "shell".into(),
        replace: false,
        deletes,
        published_at: None,
        kind: None,
        note: None,
    };
    let area = f.tmp.path().join("bergen.toml");
    std::fs::write(
        &area,
        "[[area]]\nkommune = \"4601\"\nname = \"Bergen\"\nlast_verified = 2026-11-22\nexample_data = true\n",
    )
    .unwrap();
    import(&f.data, &key(), &[area], &import_opts(vec![])).unwrap();

    // A new service covering the new area: valid when review is requested.
    let service = "[[service]]\nid = \"test-bergen\"\nname = \"Testtjeneste Bergen\"\nrole = \"barnevern\"\ncovers = [\"4601\"]\nlast_verified = 2026-11-22\nexample_data = true\n";
    let d = f
        .call(
            Method::POST,
            "/v1/admin/drafts",
            Some(&f.editor),
            Some(json!({"kind": "directory", "file_name": "directory/bergen.toml", "content": service})),
        )
        .await;
    d.expect(StatusCode::CREATED);
    assert_eq!(d.json["valid"], true, "{}", d.text);
    let r = f
        .request_review(&f.editor, d.json["id"].as_str().unwrap(), "Ny tjeneste")
        .await;
    r.expect(StatusCode::CREATED);

    // From the shell, the area goes (nothing live covers it); the draft's own record is
    // untouched, so it is not stale — but it now covers an area that does not exist.
    import(
        &f.data,
        &key(),
        &[],
        &import_opts(vec![(Collection::Directory, "area:4601".into())]),
    )
    .unwrap();
    let head = f.head();
    let refused = f.approve(&f.reviewer, r.json["id"].as_str().unwrap()).await;
    refused.expect_error(StatusCode::UNPROCESSABLE_ENTITY, "invalid");
    assert!(refused.text.contains("4601"), "{}", refused.text);
    assert_eq!(f.head(), head, "nothing was signed or published");
    let review = f
        .get(
            &format!("/v1/admin/reviews/{}", r.json["id"].as_str().unwrap()),
            &f.reviewer,
        )
        .await;
    assert_eq!(review.json["state"], "pending");
}
