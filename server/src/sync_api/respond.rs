//! Building responses from precomputed bodies: `200` in the negotiated encoding, or `304`.

use crate::sync_api::encoded::{Encoded, Encoding};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use veiviser_core::sync::protocol::JSON_CONTENT_TYPE;

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

/// `200` with the precomputed body in `encoding`.
pub fn precomputed(encoding: Encoding, body: &Encoded, etag: &str) -> Response {
    bytes(encoding, body.get(encoding), etag)
}

/// `200` with `body`, already in `encoding`.
pub fn bytes(encoding: Encoding, body: Bytes, etag: &str) -> Response {
    with_body(encoding, Body::from(body), etag)
}

/// `200` with a body sent as these pieces, one after the other (shared buffers: nothing is
/// copied into one).
pub fn pieces(encoding: Encoding, parts: Vec<Bytes>, etag: &str) -> Response {
    with_body(encoding, Body::new(Pieces(parts.into())), etag)
}

/// A body of a few shared buffers, with its exact length known up front.
struct Pieces(std::collections::VecDeque<Bytes>);

impl http_body::Body for Pieces {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        std::task::Poll::Ready(self.0.pop_front().map(|b| Ok(http_body::Frame::data(b))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.0.iter().map(|b| b.len() as u64).sum())
    }
}

fn with_body(encoding: Encoding, body: Body, etag: &str) -> Response {
    let mut response = Response::new(body);
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
