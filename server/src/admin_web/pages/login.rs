//! The sign-in page.

use crate::admin_web::editor::form::FieldError;
use crate::admin_web::page::Chrome;
use askama::Template;

/// The sign-in form, with the failure (if any) linked from the error summary.
#[derive(Template)]
#[template(path = "admin/login.html")]
pub struct LoginPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The user name as typed.
    pub user: String,
    /// The error shown at the user name field.
    pub user_error: String,
    /// The error shown at the password field.
    pub password_error: String,
    /// The error summary.
    pub summary: Vec<FieldError>,
    /// Where to go after signing in.
    pub next: String,
}

impl LoginPage {
    /// The form; `failure` is the sign-in error to show at the user name field.
    pub fn new(chrome: Chrome, user: &str, failure: Option<&str>) -> LoginPage {
        let summary = failure
            .map(|m| {
                vec![FieldError {
                    field_id: Some("f-user".into()),
                    path: String::new(),
                    message: m.to_string(),
                }]
            })
            .unwrap_or_default();
        LoginPage {
            chrome,
            user: user.to_string(),
            user_error: failure.unwrap_or("").to_string(),
            password_error: String::new(),
            summary,
            next: "/admin".into(),
        }
    }
}
