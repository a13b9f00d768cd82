//! Building responses from precomputed bodies: content negotiation, ETag and 304.

use crate::encoded::{Encoded, Encoding};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use veiviser_core::sync::protocol::JSON_CONTENT_TYPE;

/// Whether an `If-None-Match` header matches `etag` (weak comparison, `*` matches).
pub fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    fn bare(tag: &str) -> &str {
        let tag = tag.trim();
        tag.strip_prefix("W/").unwrap_or(tag)
    }
    let want = bare(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.split(',').any(|t| t.trim() == "*" || bare(t) == want))
}

fn common_headers(headers: &mut HeaderMap, etag: &str) {
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// `304 Not Modified` with no body.
pub fn not_modified(etag: &str) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    common_headers(response.headers_mut(), etag);
    response
}

/// `200` with the precomputed body in the best encoding the client accepts.
pub fn precomputed(request_headers: &HeaderMap, body: &Encoded, etag: &str) -> Response {
    let accept = request_headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok());
    let encoding = Encoding::negotiate(accept);
    let mut response = Response::new(Body::from(body.get(encoding)));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    if let Some(ce) = encoding.header_value() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(ce));
    }
    common_headers(headers, etag);
    response
}
