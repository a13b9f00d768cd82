//! The `{collection}` path segment as a [`Collection`].

use crate::sync_api::error::AppError;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use veiviser_core::sync::protocol::{Collection, UnknownCollection};

/// The collection named by the path: `guides`, `directory` or `places`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectionName(pub Collection);

/// A path naming no collection of the protocol: `404 not_found`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct UnknownCollectionRejection(pub String);

impl From<UnknownCollectionRejection> for AppError {
    fn from(r: UnknownCollectionRejection) -> Self {
        AppError::NotFound(r.0)
    }
}

impl IntoResponse for UnknownCollectionRejection {
    fn into_response(self) -> Response {
        AppError::from(self).into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CollectionName {
    type Rejection = UnknownCollectionRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // The router only calls this on routes with a `{collection}` segment.
        let Path(name) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|e| UnknownCollectionRejection(e.body_text()))?;
        name.parse()
            .map(CollectionName)
            .map_err(|e: UnknownCollection| UnknownCollectionRejection(e.to_string()))
    }
}
