//! Who is asking: the signed-in caller (from the admin side's session cookie) with the
//! session's CSRF token for the page's forms, and the page language cookie.
//!
//! The session cookie and the CSRF check are the admin side's (`crate::admin::api::auth`):
//! its guard is layered over these pages too, so every form post must carry the session's
//! synchronizer token in the hidden `csrf_token` field.

use crate::admin::api::auth::session_id;
use crate::admin::{AdminError, Principal};
use crate::admin_web::error::WebError;
use crate::admin_web::messages::{Ui, UiLang};
use crate::admin_web::state::WebState;
use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};

/// The UI language cookie's name.
pub const LANG_COOKIE: &str = "veiviser_admin_lang";

/// The value of cookie `name` in the request headers.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A `Set-Cookie` value for the UI language (a year).
pub fn lang_cookie(lang: UiLang) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{LANG_COOKIE}={}; Path=/admin; SameSite=Strict; Max-Age=31536000",
        lang.code()
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// Adds a `Set-Cookie` header.
pub fn set_cookie(headers: &mut HeaderMap, value: HeaderValue) {
    headers.append(SET_COOKIE, value);
}

/// The page language (from its cookie; bokmål by default).
#[derive(Debug, Clone, Copy, Default)]
pub struct PageLang(pub Ui);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = cookie(&parts.headers, LANG_COOKIE)
            .and_then(|c| UiLang::parse(&c))
            .unwrap_or_default();
        Ok(PageLang(Ui::new(lang)))
    }
}

/// A signed-in caller: the principal, the session id and its CSRF token.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Who it is.
    pub principal: Principal,
    /// The session id (the cookie's value).
    pub session_id: String,
    /// The session's CSRF token, for the forms of the page.
    pub csrf: String,
    /// The page language.
    pub ui: Ui,
    /// The path asked for (the language switch comes back here).
    pub path: String,
}

impl FromRequestParts<WebState> for Caller {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &WebState) -> Result<Self, WebError> {
        let PageLang(ui) = PageLang::from_request_parts(parts, state)
            .await
            .unwrap_or_default();
        let path = parts.uri.path().to_string();
        let unauthenticated = || WebError::new(ui, AdminError::Unauthenticated).at(&path);
        let Some(id) = session_id(&parts.headers) else {
            return Err(unauthenticated());
        };
        let lookup = id.clone();
        let found = state
            .call(move |s| {
                let session = s.session(&lookup)?;
                let principal = s.session_principal(&lookup)?;
                Ok::<_, AdminError>(session.zip(principal))
            })
            .await
            .map_err(|e| WebError::new(ui, e))?;
        let Some((session, principal)) = found else {
            return Err(unauthenticated());
        };
        Ok(Caller {
            principal,
            session_id: id,
            csrf: session.csrf,
            ui,
            path,
        })
    }
}

impl Caller {
    /// Whether the caller has `role`.
    pub fn has(&self, role: crate::admin::Role) -> bool {
        self.principal.has(role)
    }
}
