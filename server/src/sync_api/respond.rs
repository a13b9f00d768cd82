//! Building responses from precomputed bodies and headers: `200` in the negotiated encoding,
//! or `304`. The header maps are built once per published state ([`Headers::new`]); a
//! response clones one (shared buffers only), so no header is formatted or hashed per request.

use crate::sync_api::encoded::{Encoded, Encoding};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use veiviser_core::sync::protocol::JSON_CONTENT_TYPE;

/// The response headers of one ETag: a `200` in each encoding and a `304`.
#[derive(Debug, Clone)]
pub struct Headers {
    identity: HeaderMap,
    gzip: HeaderMap,
    zstd: HeaderMap,
    not_modified: HeaderMap,
}

fn common_headers(headers: &mut HeaderMap, etag: &str) {
    if let Ok(v) = HeaderValue::from_str(etag) {
        headers.insert(header::ETAG, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
}

fn ok_headers(encoding: Encoding, etag: &str) -> HeaderMap {
    let mut headers = HeaderMap::with_capacity(6);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(JSON_CONTENT_TYPE),
    );
    if let Some(ce) = encoding.header_value() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(ce));
    }
    common_headers(&mut headers, etag);
    headers
}

impl Headers {
    /// The headers of every answer carrying `etag`: `Content-Type` and `Content-Encoding`
    /// (200 only), `ETag`, `Cache-Control: no-cache`, `Vary: accept-encoding`.
    pub fn new(etag: &str) -> Headers {
        let mut not_modified = HeaderMap::with_capacity(4);
        common_headers(&mut not_modified, etag);
        Headers {
            identity: ok_headers(Encoding::Identity, etag),
            gzip: ok_headers(Encoding::Gzip, etag),
            zstd: ok_headers(Encoding::Zstd, etag),
            not_modified,
        }
    }

    /// The headers of a `200` in `encoding`.
    pub fn ok(&self, encoding: Encoding) -> &HeaderMap {
        match encoding {
            Encoding::Identity => &self.identity,
            Encoding::Gzip => &self.gzip,
            Encoding::Zstd => &self.zstd,
        }
    }

    /// The headers of a `304`.
    pub fn not_modified(&self) -> &HeaderMap {
        &self.not_modified
    }
}

fn with_headers(status: StatusCode, body: Body, headers: &HeaderMap) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers.clone();
    response
}

/// `304 Not Modified` with no body.
pub fn not_modified(headers: &Headers) -> Response {
    with_headers(
        StatusCode::NOT_MODIFIED,
        Body::empty(),
        headers.not_modified(),
    )
}

/// `200` with the precomputed body in `encoding`.
pub fn precomputed(encoding: Encoding, body: &Encoded, headers: &Headers) -> Response {
    bytes(encoding, body.get(encoding), headers)
}

/// `200` with `body`, already in `encoding`.
pub fn bytes(encoding: Encoding, body: Bytes, headers: &Headers) -> Response {
    with_headers(StatusCode::OK, Body::from(body), headers.ok(encoding))
}

/// `200` with a body sent as these pieces, one after the other (shared buffers: nothing is
/// copied into one).
pub fn pieces(encoding: Encoding, parts: Vec<Bytes>, headers: &Headers) -> Response {
    with_headers(
        StatusCode::OK,
        Body::new(Pieces(parts.into())),
        headers.ok(encoding),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precomputed_headers_carry_the_etag_and_the_encoding() {
        let h = Headers::new("\"guides-4-abc\"");
        let ok = h.ok(Encoding::Zstd);
        assert_eq!(ok[header::ETAG], "\"guides-4-abc\"");
        assert_eq!(ok[header::CONTENT_ENCODING], "zstd");
        assert_eq!(ok[header::CONTENT_TYPE], JSON_CONTENT_TYPE);
        assert!(h
            .ok(Encoding::Identity)
            .get(header::CONTENT_ENCODING)
            .is_none());
        let nm = h.not_modified();
        assert_eq!(nm[header::ETAG], "\"guides-4-abc\"");
        assert_eq!(nm[header::VARY], "accept-encoding");
        assert!(nm.get(header::CONTENT_TYPE).is_none());
    }
}
