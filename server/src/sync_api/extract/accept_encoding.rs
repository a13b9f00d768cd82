//! The `Accept-Encoding` header, negotiated to the best [`Encoding`] the server offers.

use crate::sync_api::encoded::Encoding;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use std::convert::Infallible;

/// The encoding to answer in: zstd, then gzip, then identity (see [`Encoding::negotiate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptEncoding(pub Encoding);

impl<S: Send + Sync> FromRequestParts<S> for AcceptEncoding {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok());
        Ok(AcceptEncoding(Encoding::negotiate(header)))
    }
}
