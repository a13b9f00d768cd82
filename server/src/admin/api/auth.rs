//! Credentials on the admin side: the session cookie, API tokens, and the CSRF guard.
//!
//! - [`Authed`] extracts the caller from `Authorization: Bearer <token>` (scripts) or the
//!   session cookie (browsers), else answers 401;
//! - [`csrf_guard`] (a middleware on every admin route, API and HTML) refuses any unsafe
//!   request that rides on the session cookie without the session's synchronizer token
//!   (`csrf_token` form field or `X-CSRF-Token` header), and any browser form post
//!   (urlencoded, multipart) without a session at all. Bearer requests carry no ambient
//!   credentials and need no token.
//!
//! The cookie is `HttpOnly; SameSite=Strict; Path=/`, plus `Secure` when configured.

use crate::admin::api::error::ApiError;
use crate::admin::service::{AdminService, Principal, SessionHandle};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, FromRef, FromRequestParts, Request, State};
use axum::http::{header, request::Parts, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "veiviser_admin";
/// The form field that carries the CSRF token.
pub const CSRF_FIELD: &str = "csrf_token";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The largest body the CSRF guard reads (a form with a guide file).
pub const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;

/// The session id from the request's cookies, if any.
pub fn session_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

/// The bearer token, if any.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

/// The `Set-Cookie` value that stores `handle` in the browser.
pub fn session_cookie(handle: &SessionHandle, secure: bool) -> HeaderValue {
    let max_age = (handle.session.expires_at - chrono::Utc::now())
        .num_seconds()
        .max(0);
    let v = format!(
        "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{}",
        handle.id,
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&v).expect("session ids are URL-safe base64")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> HeaderValue {
    let v = format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}",
        if secure { "; Secure" } else { "" }
    );
    HeaderValue::from_str(&v).expect("a fixed cookie")
}

/// The client's address (for the failed-login limiter), when the server knows it.
pub fn client_address(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// An API token.
    Token,
    /// The session cookie with this id.
    Session(String),
}

/// The authenticated caller (401 when there is none).
#[derive(Debug, Clone)]
pub struct Authed {
    /// Who.
    pub principal: Principal,
    /// How.
    pub via: Via,
}

async fn resolve(
    service: Arc<AdminService>,
    headers: &HeaderMap,
) -> Result<Option<Authed>, ApiError> {
    let token = bearer(headers);
    let session = session_id(headers);
    tokio::task::spawn_blocking(move || {
        if let Some(t) = token {
            return Ok(service.token_principal(&t)?.map(|principal| Authed {
                principal,
                via: Via::Token,
            }));
        }
        if let Some(id) = session {
            return Ok(service.session_principal(&id)?.map(|principal| Authed {
                principal,
                via: Via::Session(id),
            }));
        }
        Ok(None)
    })
    .await
    .map_err(|e| ApiError::from(crate::admin::AdminError::Internal(e.to_string())))?
}

impl<S> FromRequestParts<S> for Authed
where
    Arc<AdminService>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        resolve(Arc::<AdminService>::from_ref(state), &parts.headers)
            .await?
            .ok_or_else(ApiError::unauthenticated)
    }
}

/// The caller if authenticated, else `None` (for pages that redirect to the sign-in form).
#[derive(Debug, Clone)]
pub struct MaybeAuthed(pub Option<Authed>);

impl<S> FromRequestParts<S> for MaybeAuthed
where
    Arc<AdminService>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Ok(MaybeAuthed(
            resolve(Arc::<AdminService>::from_ref(state), &parts.headers).await?,
        ))
    }
}

fn is_form(headers: &HeaderMap) -> Option<&'static str> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if ct.starts_with("application/x-www-form-urlencoded") {
        Some("urlencoded")
    } else if ct.starts_with("multipart/form-data") {
        Some("multipart")
    } else if ct.starts_with("text/plain") {
        Some("text/plain")
    } else {
        None
    }
}

/// The `csrf_token` field of a urlencoded or multipart body.
fn token_in_body(kind: &str, body: &[u8]) -> Option<String> {
    match kind {
        "urlencoded" => std::str::from_utf8(body).ok()?.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=')?;
            (k == CSRF_FIELD).then(|| v.to_string())
        }),
        "multipart" => {
            // The token part: `name="csrf_token"`, a blank line, the value, a CRLF.
            let text = String::from_utf8_lossy(body);
            let at = text.find(&format!("name=\"{CSRF_FIELD}\""))?;
            let rest = &text[at..];
            let start = rest.find("\r\n\r\n")? + 4;
            let value = &rest[start..];
            Some(value[..value.find("\r\n")?].trim().to_string())
        }
        _ => None,
    }
}

/// The CSRF guard (see the module docs). Tokens are URL-safe base64, so a urlencoded form
/// field needs no decoding.
pub async fn csrf_guard(
    State(service): State<Arc<AdminService>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if safe || bearer(request.headers()).is_some() {
        return next.run(request).await;
    }
    let form = is_form(request.headers());
    let Some(id) = session_id(request.headers()) else {
        // No session: the request carries no ambient credentials (the handlers answer 401
        // where needed), but a browser form post (urlencoded or multipart, which any site can
        // make a browser send) is refused: the sign-in form, too, must come from a page of
        // ours that gave it a session and a token.
        return match form {
            Some("urlencoded" | "multipart") => ApiError::csrf().into_response(),
            _ => next.run(request).await,
        };
    };
    let header_token = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let (request, token) = match (header_token, form) {
        (Some(t), _) => (request, Some(t)),
        (None, Some(kind)) => {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = to_bytes(body, MAX_FORM_BYTES).await else {
                return ApiError::new(
                    axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                    "too_large",
                    format!("the form is larger than {MAX_FORM_BYTES} bytes"),
                )
                .into_response();
            };
            let token = token_in_body(kind, &bytes);
            (Request::from_parts(parts, Body::from(bytes)), token)
        }
        (None, None) => (request, None),
    };
    let Some(token) = token else {
        return ApiError::csrf().into_response();
    };
    let ok = tokio::task::spawn_blocking(move || service.check_csrf(&id, &token))
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or(false);
    if ok {
        next.run(request).await
    } else {
        ApiError::csrf().into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_found_in_both_form_encodings() {
        assert_eq!(
            token_in_body("urlencoded", b"a=1&csrf_token=abc-_9&b=2").as_deref(),
            Some("abc-_9")
        );
        let multipart = b"--X\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\nt0k\r\n--X\r\nContent-Disposition: form-data; name=\"file\"; filename=\"g.toml\"\r\n\r\nid = 1\r\n--X--\r\n";
        assert_eq!(
            token_in_body("multipart", multipart).as_deref(),
            Some("t0k")
        );
        assert_eq!(token_in_body("urlencoded", b"a=1"), None);
    }

    #[test]
    fn the_cookie_is_http_only_same_site_strict_and_secure_when_configured() {
        let now = chrono::Utc::now();
        let handle = SessionHandle {
            id: "abc".into(),
            session: crate::admin::service::Session {
                account: None,
                csrf: "t".into(),
                created_at: now,
                expires_at: now + chrono::Duration::hours(1),
            },
        };
        let plain = session_cookie(&handle, false);
        let plain = plain.to_str().unwrap();
        assert!(
            plain.starts_with("veiviser_admin=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=")
        );
        assert!(!plain.contains("Secure"));
        assert!(session_cookie(&handle, true)
            .to_str()
            .unwrap()
            .ends_with("; Secure"));
        assert!(clear_cookie(true).to_str().unwrap().contains("Max-Age=0"));
    }

    #[test]
    fn the_cookie_is_read_among_others() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; veiviser_admin=xyz; c=d"),
        );
        assert_eq!(session_id(&h).as_deref(), Some("xyz"));
    }
}
