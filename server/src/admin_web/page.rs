//! What every admin page shares: the page chrome (title, who is signed in, navigation,
//! language switch, notices) and turning a template into a response with the security
//! headers of [`crate::admin_web::security`].

use crate::admin_web::messages::{Ui, UiLang};
use crate::admin_web::security::secure_headers;
use askama::Template;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The signed-in user as the header shows them.
#[derive(Debug, Clone)]
pub struct UserChip {
    /// "Logget inn som kari (redaktør)".
    pub signed_in_as: String,
}

/// One navigation link.
#[derive(Debug, Clone)]
pub struct NavItem {
    /// Where it goes.
    pub href: String,
    /// Its text.
    pub label: &'static str,
    /// Whether it is the current page (`aria-current="page"`).
    pub current: bool,
}

/// A one-line message at the top of the page (saved, signed out, …).
#[derive(Debug, Clone)]
pub struct Notice {
    /// The CSS class: "" (success), "warn" or "error".
    pub class: &'static str,
    /// The text.
    pub text: String,
}

/// The parts of a page around its content.
#[derive(Debug, Clone)]
pub struct Chrome {
    /// The messages in the page's language.
    pub ui: Ui,
    /// The page title (also the `<title>`).
    pub title: String,
    /// The signed-in user, if any.
    pub user: Option<UserChip>,
    /// The CSRF token for the page's forms (empty when there is no session).
    pub csrf: String,
    /// The link that switches to the other language and comes back here.
    pub lang_switch_href: String,
    /// The other language's code (`lang` of the switch link).
    pub other_lang: &'static str,
    /// The main navigation (shown when signed in).
    pub nav: Vec<NavItem>,
    /// Messages for the top of the page.
    pub notices: Vec<Notice>,
    /// Whether the server runs with demo accounts (a banner says so).
    pub demo: bool,
}

/// Navigation sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The dashboard.
    Dashboard,
    /// Guides and their drafts.
    Guides,
    /// Directory entries and their drafts.
    Directory,
    /// Stale content.
    Stale,
    /// The audit log (admins).
    Audit,
    /// None of the above (sign-in, errors).
    None,
}

impl Chrome {
    /// The chrome of a page at `path` (for the language switch's way back).
    pub fn new(ui: Ui, title: impl Into<String>, path: &str) -> Chrome {
        let other = match ui.lang {
            UiLang::Nb => UiLang::En,
            UiLang::En => UiLang::Nb,
        };
        Chrome {
            ui,
            title: title.into(),
            user: None,
            csrf: String::new(),
            lang_switch_href: format!("/admin/lang/{}?back={}", other.code(), percent_encode(path)),
            other_lang: other.code(),
            nav: Vec::new(),
            notices: Vec::new(),
            demo: false,
        }
    }

    /// Adds the navigation for a signed-in user with `section` current; the audit log is
    /// listed only for admins.
    pub fn with_nav(mut self, section: Section, admin: bool) -> Chrome {
        let ui = self.ui;
        let mut items = vec![
            ("/admin", ui.nav_dashboard(), Section::Dashboard),
            ("/admin/guides", ui.nav_guides(), Section::Guides),
            ("/admin/directory", ui.nav_directory(), Section::Directory),
            ("/admin/stale", ui.nav_stale(), Section::Stale),
        ];
        if admin {
            items.push(("/admin/audit", ui.nav_audit(), Section::Audit));
        }
        self.nav = items
            .into_iter()
            .map(|(href, label, s)| NavItem {
                href: href.to_string(),
                label,
                current: s == section,
            })
            .collect();
        self
    }

    /// Adds a notice.
    pub fn notice(mut self, class: &'static str, text: impl Into<String>) -> Chrome {
        self.notices.push(Notice {
            class,
            text: text.into(),
        });
        self
    }
}

/// Percent-encodes a path for a query value (everything but unreserved characters and `/`).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Renders `page` as an HTML response with `status` and the security headers.
pub fn html<T: Template>(status: StatusCode, page: &T) -> Response {
    match page.render() {
        Ok(body) => {
            let mut res = (status, body).into_response();
            res.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            );
            secure_headers(res.headers_mut());
            res
        }
        Err(e) => {
            tracing::error!("admin page template failed: {e}");
            let mut res = (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response();
            secure_headers(res.headers_mut());
            res
        }
    }
}
