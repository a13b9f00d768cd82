//! A query string that must be empty (`/v1/latest` takes no parameters).

use super::query_pairs;
use crate::sync_api::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

/// Proof that the request has no query parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoQuery;

/// A query parameter on an endpoint that takes none: `400 bad_request`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown query parameter `{0}`: this endpoint takes no parameters (requests carry nothing about the device, its area or its user)")]
pub struct NoQueryRejection(pub String);

impl From<NoQueryRejection> for AppError {
    fn from(r: NoQueryRejection) -> Self {
        AppError::BadRequest(r.to_string())
    }
}

impl IntoResponse for NoQueryRejection {
    fn into_response(self) -> Response {
        AppError::from(self).into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for NoQuery {
    type Rejection = NoQueryRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match query_pairs(parts.uri.query()).next() {
            Some((key, _)) => Err(NoQueryRejection(key.to_string())),
            None => Ok(NoQuery),
        }
    }
}
