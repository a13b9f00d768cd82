//! The security headers of every admin response: a strict Content-Security-Policy (nothing
//! but our own stylesheet; no script at all, no inline style, frames and forms only from
//! ourselves, never framed), no MIME sniffing, no referrer, and no caching of pages that show
//! drafts.

use axum::http::{header, HeaderMap, HeaderValue};

/// The admin pages' Content-Security-Policy (a frame only for the preview, from ourselves).
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Sets the security headers a response does not set itself (the preview frame sets its own
/// policy: the app's stylesheet by hash, framed only by the admin pages).
pub fn secure_headers(h: &mut HeaderMap) {
    let defaults = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    for (name, value) in defaults {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
}

/// The policy of the preview frame: the staff app's document exactly as the app renders it,
/// its one inline stylesheet allowed by its SHA-256 (no other inline style, no script).
pub fn preview_frame_csp() -> &'static str {
    static CSP: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSP.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let hash = sha2::Sha256::digest(veiviser_html::STYLESHEET.as_bytes());
        let b64 = base64::engine::general_purpose::STANDARD.encode(hash);
        format!(
            "default-src 'none'; style-src 'sha256-{b64}'; img-src 'self'; \
             form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
        )
    })
}
