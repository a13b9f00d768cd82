//! Errors of the admin pages as pages: a refused sign-in goes to the sign-in form, a wrong role
//! is a 403 page, a stale draft a 409 page that shows what changed under it, and so on. The
//! service's message is shown as it is (it names the field or what to do).

use crate::admin::AdminError;
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{html, percent_encode, Chrome};
use askama::Template;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};

/// An admin action that failed, with the language to explain it in.
#[derive(Debug)]
pub struct WebError {
    ui: Ui,
    kind: Kind,
    path: String,
}

#[derive(Debug)]
enum Kind {
    Admin(AdminError),
    NotFound,
    /// A form post without the session's token (an old tab, an expired session).
    Csrf,
}

impl From<AdminError> for WebError {
    fn from(e: AdminError) -> Self {
        WebError::new(Ui::default(), e)
    }
}

/// The error page.
#[derive(Template)]
#[template(path = "admin/error.html")]
pub struct ErrorPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// What went wrong.
    pub text: String,
    /// For a stale draft: each record that changed under it, as a unified diff.
    pub changes: Vec<(String, String)>,
}

impl WebError {
    /// An error from the admin service.
    pub fn new(ui: Ui, e: AdminError) -> WebError {
        WebError {
            ui,
            kind: Kind::Admin(e),
            path: "/admin".into(),
        }
    }

    /// No such page.
    pub fn not_found(ui: Ui) -> WebError {
        WebError {
            ui,
            kind: Kind::NotFound,
            path: "/admin".into(),
        }
    }

    /// A form that came without its session's token: the page says to reload and try again.
    pub fn csrf(ui: Ui) -> WebError {
        WebError {
            ui,
            kind: Kind::Csrf,
            path: "/admin".into(),
        }
    }

    /// The path the request was for (sign-in comes back here).
    pub fn at(mut self, path: &str) -> WebError {
        self.path = path.to_string();
        self
    }

    /// The same error in `ui`'s language.
    pub fn in_lang(mut self, ui: Ui) -> WebError {
        self.ui = ui;
        self
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let ui = self.ui;
        let (status, title, text, changes) = match self.kind {
            Kind::Admin(AdminError::Unauthenticated) => {
                let next = percent_encode(&self.path);
                return Redirect::to(&format!("/admin/login?next={next}")).into_response();
            }
            Kind::NotFound => (
                StatusCode::NOT_FOUND,
                ui.error_title(),
                ui.error_not_found().to_string(),
                vec![],
            ),
            Kind::Csrf => (
                StatusCode::FORBIDDEN,
                ui.error_title(),
                ui.error_csrf().to_string(),
                vec![],
            ),
            Kind::Admin(e) => {
                let status = match &e {
                    AdminError::Unauthenticated | AdminError::BadCredentials => {
                        StatusCode::UNAUTHORIZED
                    }
                    AdminError::Forbidden(_) => StatusCode::FORBIDDEN,
                    AdminError::NotFound(_) => StatusCode::NOT_FOUND,
                    AdminError::BadRequest { .. } => StatusCode::BAD_REQUEST,
                    AdminError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                    AdminError::Conflict { .. } => StatusCode::CONFLICT,
                    AdminError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
                    AdminError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
                };
                if status == StatusCode::INTERNAL_SERVER_ERROR {
                    tracing::error!("admin page failed: {e}");
                }
                let mut text = match &e {
                    AdminError::Forbidden(m) => format!("{} ({m})", ui.error_forbidden()),
                    other => other.to_string(),
                };
                if let AdminError::Invalid { issues, .. } = &e {
                    for i in issues {
                        text.push_str(&format!(
                            " · {}: {}",
                            i.step.as_deref().unwrap_or(&i.file),
                            i.message
                        ));
                    }
                }
                let changes = match &e {
                    AdminError::Conflict { details, .. } => stale_changes(details),
                    _ => Vec::new(),
                };
                let title = if status == StatusCode::CONFLICT {
                    ui.error_conflict_title()
                } else {
                    ui.error_title()
                };
                (status, title, text, changes)
            }
        };
        let page = ErrorPage {
            chrome: Chrome::new(ui, title, &self.path),
            text,
            changes,
        };
        let mut res = html(status, &page);
        if status == StatusCode::TOO_MANY_REQUESTS {
            res.headers_mut()
                .insert(header::RETRY_AFTER, header::HeaderValue::from_static("60"));
        }
        res
    }
}

/// The records of a 409's `details.changed` as (record, unified diff).
fn stale_changes(details: &serde_json::Value) -> Vec<(String, String)> {
    details
        .get("changed")
        .and_then(|c| c.as_array())
        .map(|items| {
            items
                .iter()
                .map(|c| {
                    let s = |k: &str| c.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
                    (s("record"), s("text"))
                })
                .collect()
        })
        .unwrap_or_default()
}
