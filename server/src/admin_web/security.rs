//! The security headers of every admin response: a strict Content-Security-Policy (nothing
//! but our own stylesheet and images; no script at all, no inline style, forms only to
//! ourselves, never framed), no MIME sniffing, no referrer, and no caching of pages that
//! show drafts.

use axum::http::{header, HeaderMap, HeaderValue};

/// The admin pages' Content-Security-Policy.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Sets the security headers on a response.
pub fn secure_headers(h: &mut HeaderMap) {
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}
