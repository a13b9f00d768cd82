//! Shared fixtures of the admin tests: a data folder with the demo content, the admin
//! service with one account per role (and a second reviewer), API tokens, and requests
//! through the real router (`tower::ServiceExt::oneshot`).

#![allow(dead_code)]

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use std::sync::Arc;
use tower::ServiceExt;
use veiviser_core::sync::signing::SigningKey;
use veiviser_server::admin::{AdminConfig, AdminService, Role};
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::demo;
use veiviser_server::sync_api::limit::Limiter;
use veiviser_server::sync_api::router::app;
use veiviser_server::sync_api::served::{ServeConfig, ServedContent};
use veiviser_server::sync_api::state::AppState;

/// The guide the tests edit.
pub const GUIDE: &str = "snakke-med-barnet";

/// A fixed key for tests.
pub fn key() -> SigningKey {
    SigningKey::from_seed("admin-test", [7u8; 32]).unwrap()
}

/// A data folder with the demo content, an admin service and tokens per account.
pub struct Fixture {
    /// Keeps the folder.
    pub tmp: tempfile::TempDir,
    /// The data folder.
    pub data: DataDir,
    /// The service.
    pub service: Arc<AdminService>,
    /// What the sync side serves.
    pub served: Arc<ServedContent>,
    /// Tokens: editor, reviewer, reviewer2, admin.
    pub editor: String,
    /// The first reviewer's token.
    pub reviewer: String,
    /// The second reviewer's token.
    pub reviewer2: String,
    /// The admin's token.
    pub admin: String,
}

/// The accounts of the fixture: (name, role).
pub const ACCOUNTS: [(&str, Role); 4] = [
    ("erik", Role::Editor),
    ("rita", Role::Reviewer),
    ("rune", Role::Reviewer),
    ("ada", Role::Admin),
];

/// The password of every fixture account.
pub const PASSWORD: &str = "a long test password";

impl Fixture {
    /// The fixture with the default settings.
    pub fn new() -> Fixture {
        Fixture::with_config(AdminConfig::default())
    }

    /// The fixture with `config`.
    pub fn with_config(config: AdminConfig) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let data = DataDir::new(tmp.path().join("data"));
        demo::bootstrap(&data, &key(), &demo::default_content_dir()).unwrap();
        let service = AdminService::open(data.clone(), key(), config).unwrap();
        let mut tokens = Vec::new();
        for (name, role) in ACCOUNTS {
            service
                .create_account(None, name, &[role], PASSWORD, false)
                .unwrap();
            tokens.push(service.create_token_for(None, name, "tests").unwrap());
        }
        let served = Arc::new(ServedContent::open(data.clone(), ServeConfig::default()).unwrap());
        let s = served.clone();
        service.on_publish(move || {
            s.refresh().unwrap();
        });
        let [editor, reviewer, reviewer2, admin] = <[String; 4]>::try_from(tokens).unwrap();
        Fixture {
            tmp,
            data,
            service: Arc::new(service),
            served,
            editor,
            reviewer,
            reviewer2,
            admin,
        }
    }

    /// The whole app: sync routes and the admin side.
    pub fn router(&self) -> Router {
        let state = AppState {
            content: self.served.clone(),
            limiter: Limiter::new(64, 5),
        };
        veiviser_server::admin::mount(app(state), self.service.clone())
    }

    /// The newest published sequence.
    pub fn head(&self) -> u64 {
        self.data.scan().unwrap().head()
    }

    /// A JSON request with a bearer token (or none).
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let req = match body {
            Some(b) => req
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(b.to_string())),
            None => req.body(Body::empty()),
        };
        self.send(req.unwrap()).await
    }

    /// `GET path` with a bearer token.
    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    /// `POST path` with a bearer token and no body.
    pub async fn post(&self, path: &str, token: &str) -> Answer {
        self.call(Method::POST, path, Some(token), None).await
    }

    /// Any request.
    pub async fn send(&self, req: Request<Body>) -> Answer {
        let resp = self.router().oneshot(req).await.unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            json,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// A new draft from the live guide [`GUIDE`], by `token`.
    pub async fn draft_from_live(&self, token: &str) -> Value {
        let a = self
            .call(
                Method::POST,
                "/v1/admin/drafts/from-live",
                Some(token),
                Some(json!({"collection": "guides", "id": GUIDE})),
            )
            .await;
        a.expect(StatusCode::CREATED);
        a.json
    }

    /// Saves `content` into draft `id` by `token`.
    pub async fn save(&self, token: &str, id: &str, content: &str) -> Answer {
        self.call(
            Method::PUT,
            &format!("/v1/admin/drafts/{id}"),
            Some(token),
            Some(json!({ "content": content })),
        )
        .await
    }

    /// Requests review of draft `id` by `token` with a bokmål summary.
    pub async fn request_review(&self, token: &str, id: &str, nb: &str) -> Answer {
        self.call(
            Method::POST,
            &format!("/v1/admin/drafts/{id}/review"),
            Some(token),
            Some(json!({ "summary": { "nb": nb, "en": "English summary" } })),
        )
        .await
    }

    /// Approves review `id` by `token`.
    pub async fn approve(&self, token: &str, id: &str) -> Answer {
        self.call(
            Method::POST,
            &format!("/v1/admin/reviews/{id}/approve"),
            Some(token),
            None,
        )
        .await
    }

    /// The live guide [`GUIDE`]'s bokmål title.
    pub fn live_title(&self) -> String {
        let scan = self.data.scan().unwrap();
        let current = self.data.current(&scan).unwrap();
        let guides = &current[&veiviser_core::sync::protocol::Collection::Guides];
        let r = guides
            .changeset
            .records
            .iter()
            .find(|r| r.id == GUIDE)
            .unwrap();
        r.data["title"]["nb"].as_str().unwrap().to_string()
    }
}

/// A draft's TOML with the guide's bokmål title replaced.
pub fn retitled(content: &str, old: &str, new: &str) -> String {
    let from = format!("nb = \"{old}\"");
    assert!(
        content.contains(&from),
        "no title line {from} in\n{content}"
    );
    content.replacen(&from, &format!("nb = \"{new}\""), 1)
}

/// An answer.
#[derive(Debug)]
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body as JSON (`Null` when it is not JSON).
    pub json: Value,
    /// The body as text.
    pub text: String,
}

impl Answer {
    /// Asserts the status, showing the body when it differs.
    pub fn expect(&self, status: StatusCode) -> &Answer {
        assert_eq!(self.status, status, "{}", self.text);
        self
    }

    /// Asserts an error answer: the status and the `code` of `{code, message, details}`.
    pub fn expect_error(&self, status: StatusCode, code: &str) -> &Answer {
        self.expect(status);
        assert_eq!(self.json["code"], code, "{}", self.text);
        assert!(
            self.json["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{}",
            self.text
        );
        assert!(self.json["details"].is_object(), "{}", self.text);
        self
    }
}

/// The real binary's `serve --demo --listen 127.0.0.1:0 --data DATA`, its stdout kept open (the
/// server prints the demo accounts after its address; a closed pipe would end it); killed
/// (SIGKILL, no shutdown) when dropped or by [`DemoServer::kill`].
pub struct DemoServer {
    child: std::process::Child,
    stdout: std::io::BufReader<std::process::ChildStdout>,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl DemoServer {
    /// Starts it and waits for its `listening on` line.
    pub fn start(data: &std::path::Path) -> DemoServer {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_veiviser-server"))
            .args(["serve", "--demo", "--listen", "127.0.0.1:0", "--data"])
            .arg(data)
            .env("RUST_LOG", "error")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut server = DemoServer {
            child,
            stdout,
            url: String::new(),
        };
        let line = server.next_line();
        server.url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("first line was {line:?}"))
            .to_string();
        server
    }

    /// The next line the server printed.
    pub fn next_line(&mut self) -> String {
        use std::io::BufRead;
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        line
    }

    /// Kills it (SIGKILL: no shutdown, no flush at exit) and waits for it.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        self.kill();
    }
}
