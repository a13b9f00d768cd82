//! The admin web pages through the real router (`oneshot`, the real admin service on a real
//! sled store): sign-in and the strict CSP, CSRF-less posts refused, a `<script>` in a guide
//! text shown escaped on every page, the broken target as an inline error at its field, four
//! eyes, and the 409 of a stale draft showing what changed.

mod admin_support;

use admin_support::*;
use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use veiviser_server::admin_web::{router, WebState};

const SCRIPT: &str = "<script>alert('x')</script>";

/// A browser: the session cookie and the CSRF token of the last page.
struct Browser<'a> {
    fx: &'a Fixture,
    cookie: Option<String>,
    csrf: String,
}

struct Page {
    status: StatusCode,
    location: String,
    csp: String,
    body: String,
}

fn app(fx: &Fixture) -> Router {
    fx.router().merge(router(WebState {
        service: fx.service.clone(),
        demo: false,
    }))
}

impl<'a> Browser<'a> {
    fn new(fx: &'a Fixture) -> Self {
        Browser {
            fx,
            cookie: None,
            csrf: String::new(),
        }
    }

    async fn send(&mut self, req: Request<Body>) -> Page {
        use http_body_util::BodyExt;
        use tower::ServiceExt;
        let resp = app(self.fx).oneshot(req).await.unwrap();
        let h = resp.headers().clone();
        if let Some(c) = h.get(header::SET_COOKIE).and_then(|v| v.to_str().ok()) {
            let pair = c.split(';').next().unwrap().to_string();
            self.cookie = (!pair.ends_with('=')).then_some(pair);
        }
        let status = resp.status();
        let body = String::from_utf8_lossy(&resp.into_body().collect().await.unwrap().to_bytes())
            .into_owned();
        if let Some(t) = body.split("name=\"csrf_token\" value=\"").nth(1) {
            self.csrf = t.split('"').next().unwrap().to_string();
        }
        let get = |n| {
            h.get(n)
                .and_then(|v: &header::HeaderValue| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        Page {
            status,
            location: get(header::LOCATION),
            csp: get(header::CONTENT_SECURITY_POLICY),
            body,
        }
    }

    async fn get(&mut self, path: &str) -> Page {
        let mut r = Request::builder().uri(path);
        if let Some(c) = &self.cookie {
            r = r.header(header::COOKIE, c);
        }
        self.send(r.body(Body::empty()).unwrap()).await
    }

    /// Posts `fields` (plus this page's CSRF token when `with_csrf`).
    async fn post(&mut self, path: &str, fields: &[(&str, &str)], with_csrf: bool) -> Page {
        let csrf = self.csrf.clone();
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        if with_csrf {
            all.push(("csrf_token", &csrf));
        }
        let body: String = all
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut r = Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = &self.cookie {
            r = r.header(header::COOKIE, c);
        }
        self.send(r.body(Body::from(body)).unwrap()).await
    }

    async fn sign_in(&mut self, name: &str) {
        self.get("/admin/login")
            .await
            .status
            .is_success()
            .then_some(())
            .unwrap();
        let p = self
            .post(
                "/admin/login",
                &[("user", name), ("password", PASSWORD), ("next", "/admin")],
                true,
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        let dash = self.get("/admin").await;
        assert_eq!(dash.status, StatusCode::OK);
    }

    /// A draft of the live [`GUIDE`]: its page path.
    async fn draft(&mut self) -> String {
        self.get("/admin/guides").await;
        let p = self
            .post(
                "/admin/drafts/from-live",
                &[("collection", "guides"), ("id", GUIDE)],
                true,
            )
            .await;
        assert_eq!(p.status, StatusCode::SEE_OTHER, "{}", p.body);
        p.location
    }

    /// The step editor's fields of S0 as posted unchanged, with `edits` applied.
    async fn step_fields(&mut self, draft: &str, edits: &[(&str, &str)]) -> Vec<(String, String)> {
        let page = self.get(&format!("{draft}/steps/S0")).await;
        assert_eq!(page.status, StatusCode::OK);
        let mut fields = Vec::new();
        for part in page.body.split("name=\"").skip(1) {
            let name = part.split('"').next().unwrap().to_string();
            if name == "csrf_token" {
                continue;
            }
            let value = if part.starts_with(&format!("{name}\" lang="))
                && part.contains("</textarea>")
                && part.find("</textarea>") < part.find("<input")
            {
                let v = part
                    .split('>')
                    .nth(1)
                    .unwrap()
                    .split("</textarea")
                    .next()
                    .unwrap();
                html_unescape(v)
            } else if let Some(v) = part
                .split("value=\"")
                .nth(1)
                .filter(|_| part.find("value=\"") < part.find('>'))
            {
                html_unescape(v.split('"').next().unwrap())
            } else {
                continue;
            };
            fields.push((name, value));
        }
        for (k, v) in edits {
            match fields.iter_mut().find(|(n, _)| n == k) {
                Some(f) => f.1 = v.to_string(),
                None => fields.push((k.to_string(), v.to_string())),
            }
        }
        fields
    }
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn html_unescape(s: &str) -> String {
    s.replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

async fn post_fields(b: &mut Browser<'_>, path: &str, fields: &[(String, String)]) -> Page {
    let f: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    b.post(path, &f, true).await
}

#[tokio::test]
async fn pages_need_sign_in_and_carry_a_strict_csp() {
    let fx = Fixture::new();
    let mut b = Browser::new(&fx);
    let p = b.get("/admin/drafts/abc").await;
    assert_eq!(p.status, StatusCode::SEE_OTHER);
    assert_eq!(p.location, "/admin/login?next=/admin/drafts/abc");
    let login = b.get("/admin/login").await;
    assert_eq!(login.status, StatusCode::OK);
    assert!(login.csp.contains("default-src 'none'") && login.csp.contains("style-src 'self'"));
    assert!(!login.csp.contains("unsafe-inline") && !login.csp.contains("script-src"));
    assert!(!login.body.contains("<script") && !login.body.contains("style="));
    assert!(login.body.contains("<label for=\"f-user\">"));
    // A wrong password: 401, the error at the field and linked from the summary.
    let bad = b
        .post(
            "/admin/login",
            &[("user", "erik"), ("password", "nope")],
            true,
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(bad.body.contains("href=\"#f-user\""));
    assert!(bad.body.contains("aria-describedby=\"f-user-error\""));
}

#[tokio::test]
async fn csrf_less_posts_are_refused_and_sign_in_rotates_the_session() {
    let fx = Fixture::new();
    let mut b = Browser::new(&fx);
    b.get("/admin/login").await;
    let anonymous = b.cookie.clone().unwrap();
    let refused = b
        .post(
            "/admin/login",
            &[("user", "erik"), ("password", PASSWORD)],
            false,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    b.sign_in("erik").await;
    assert_ne!(
        b.cookie.as_deref(),
        Some(anonymous.as_str()),
        "a new session id on sign-in"
    );
    let no_token = b
        .post(
            "/admin/drafts/from-live",
            &[("collection", "guides"), ("id", GUIDE)],
            false,
        )
        .await;
    assert_eq!(no_token.status, StatusCode::FORBIDDEN);
    // A page that tells the user what happened and what to do, in their language, not the
    // API's JSON.
    assert!(
        no_token.body.starts_with("<!doctype html>"),
        "{}",
        no_token.body
    );
    assert!(
        no_token.body.contains("Ingenting er lagret")
            && no_token.body.contains("last inn siden på nytt"),
        "{}",
        no_token.body
    );
    assert!(!no_token.body.contains("\"code\""), "{}", no_token.body);
    let mut other = Browser::new(&fx);
    other.get("/admin/login").await;
    b.csrf = other.csrf.clone(); // another session's token
    let wrong = b
        .post(
            "/admin/drafts/from-live",
            &[("collection", "guides"), ("id", GUIDE)],
            true,
        )
        .await;
    assert_eq!(wrong.status, StatusCode::FORBIDDEN);
    assert!(fx
        .service
        .drafts(&fx.service.token_principal(&fx.editor).unwrap().unwrap())
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_script_in_a_guide_text_is_shown_escaped_and_a_broken_target_is_an_inline_error() {
    let fx = Fixture::new();
    let mut b = Browser::new(&fx);
    b.sign_in("erik").await;
    let draft = b.draft().await;
    // Broken target: the "next" select left at "— choose a step —".
    let fields = b
        .step_fields(&draft, &[("text.nb", SCRIPT), ("next", "")])
        .await;
    let saved = post_fields(&mut b, &format!("{draft}/steps/S0"), &fields).await;
    assert_eq!(
        saved.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        saved.body
    );
    assert!(saved.body.contains("<select id=\"f-next\" name=\"next\" aria-invalid=\"true\" aria-describedby=\"f-next-error\">"));
    assert!(saved
        .body
        .contains("<p class=\"error-message\" id=\"f-next-error\">"));
    assert!(saved.body.contains("<a href=\"#f-next\">next: "));
    // Fixed: the draft is valid; the text with the script tag is saved as typed.
    let target = fx_target(&fx);
    let fields = b
        .step_fields(&draft, &[("text.nb", SCRIPT), ("next", &target)])
        .await;
    let fixed = post_fields(&mut b, &format!("{draft}/steps/S0"), &fields).await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.body);
    let review = b
        .post(
            &format!("{draft}/review"),
            &[("whats_new.nb", "Nytt første steg <i>nå</i>")],
            true,
        )
        .await;
    assert_eq!(review.status, StatusCode::SEE_OTHER, "{}", review.body);
    let preview = format!("{draft}/preview/frame");
    for path in [
        draft.clone(),
        format!("{draft}/steps/S0"),
        review.location.clone(),
        preview,
    ] {
        let page = b.get(&path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains("<script"), "{path}: unescaped script");
        assert!(!page.body.contains("<i>"), "{path}: unescaped summary");
        assert!(
            page.body.contains("&lt;script&gt;") || page.body.contains("&#60;script&#62;"),
            "{path}: the text is shown, escaped"
        );
    }
}

/// Where S0 of the live guide leads.
fn fx_target(fx: &Fixture) -> String {
    let scan = fx.data.scan().unwrap();
    let current = fx.data.current(&scan).unwrap();
    let g = current[&veiviser_core::sync::protocol::Collection::Guides]
        .changeset
        .records
        .iter()
        .find(|r| r.id == GUIDE)
        .unwrap();
    g.data["steps"][0]["next"].as_str().unwrap().to_string()
}

#[tokio::test]
async fn the_author_cannot_approve_a_second_reviewer_can_and_a_stale_draft_shows_what_changed() {
    let fx = Fixture::new();
    let (mut rita, mut rune) = (Browser::new(&fx), Browser::new(&fx));
    rita.sign_in("rita").await;
    rune.sign_in("rune").await;
    // Two drafts of the same guide from the same live revision.
    let first = rita.draft().await;
    let second = rune.draft().await;
    let target = fx_target(&fx);
    for (b, d, text) in [
        (&mut rita, &first, "Først"),
        (&mut rune, &second, "Etterpå"),
    ] {
        let fields = b
            .step_fields(d, &[("text.nb", text), ("next", &target)])
            .await;
        assert_eq!(
            post_fields(b, &format!("{d}/steps/S0"), &fields)
                .await
                .status,
            StatusCode::OK
        );
    }
    let review = rita
        .post(
            &format!("{first}/review"),
            &[("whats_new.nb", "Først")],
            true,
        )
        .await;
    let review = review.location;
    // The author (a reviewer) sees why she cannot decide, and her post is refused.
    let own = rita.get(&review).await;
    assert!(own.body.contains("Du har skrevet dette utkastet"));
    assert!(!own.body.contains("/approve\""));
    let refused = rita.post(&format!("{review}/approve"), &[], true).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let head = fx.head();
    rune.get(&review).await;
    let approved = rune.post(&format!("{review}/approve"), &[], true).await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert!(fx.head() > head, "a new sequence is published");
    // Rune's own draft is now stale: its page shows what changed; approving it is a 409
    // page that shows the change too.
    let page = rune.get(&second).await;
    assert!(
        page.body.contains("Dette er endret i publisert innhold"),
        "{}",
        page.body
    );
    // Asking for review of it is refused already (409), with the change shown.
    let stale = rune
        .post(
            &format!("{second}/review"),
            &[("whats_new.nb", "Etterpå")],
            true,
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert!(
        stale.body.contains("guides/snakke-med-barnet"),
        "{}",
        stale.body
    );
    assert!(
        stale.body.contains("Først"),
        "the change under the draft is shown"
    );
}

#[tokio::test]
async fn a_rollback_from_the_web_is_a_new_sequence_after_review() {
    let fx = Fixture::new();
    // A published change first (through the API).
    let d = fx.draft_from_live(&fx.editor).await;
    let id = d["id"].as_str().unwrap().to_string();
    let title = fx.live_title();
    let content = retitled(d["content"].as_str().unwrap(), &title, "Ny tittel");
    let content = content.replacen("revision = 1", "revision = 2", 1);
    fx.save(&fx.editor, &id, &content)
        .await
        .expect(StatusCode::OK);
    let r = fx.request_review(&fx.editor, &id, "Ny tittel").await;
    let rid = r.json["id"].as_str().unwrap().to_string();
    fx.approve(&fx.reviewer, &rid).await.expect(StatusCode::OK);
    assert_eq!(fx.live_title(), "Ny tittel");
    let before = fx.head();
    // The rollback to sequence 1, made and reviewed in the browser pages.
    let (mut rita, mut rune) = (Browser::new(&fx), Browser::new(&fx));
    rita.sign_in("rita").await;
    rune.sign_in("rune").await;
    rita.get("/admin/guides").await;
    let made = rita
        .post(
            "/admin/rollback",
            &[
                ("collection", "guides"),
                ("sequence", "1"),
                ("record", GUIDE),
            ],
            true,
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let draft = rita.get(&made.location).await;
    assert!(draft.body.contains("guides @ 1"), "{}", draft.body);
    let asked = rita
        .post(
            &format!("{}/review", made.location),
            &[("whats_new.nb", "Tilbake til forrige tittel")],
            true,
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    rune.get(&asked.location).await;
    let approved = rune
        .post(&format!("{}/approve", asked.location), &[], true)
        .await;
    assert_eq!(approved.status, StatusCode::SEE_OTHER, "{}", approved.body);
    assert!(fx.head() > before, "a new sequence, never an old one again");
    assert_eq!(fx.live_title(), title);
}
