//! The sync API's one error type: every failure, and every extractor rejection, becomes a
//! JSON [`ApiError`] body `{"error": "<code>", "message": "<what to do>"}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use veiviser_core::sync::protocol::ApiError;

/// An error answered to a client.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request is malformed; the message says what to send instead.
    #[error("{0}")]
    BadRequest(String),
    /// The path or collection does not exist (yet).
    #[error("{0}")]
    NotFound(String),
    /// Too many requests in flight: try again after this many seconds.
    #[error("the server is busy; retry after {0} s")]
    Busy(u64),
    /// A server fault; the details are logged, never sent.
    #[error("internal: {0}")]
    Internal(String),
}

impl AppError {
    /// An internal error from anything displayable.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code, message) = match &self {
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, "bad_request", m.clone()),
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, "not_found", m.clone()),
            AppError::Busy(_) => (StatusCode::SERVICE_UNAVAILABLE, "busy", self.to_string()),
            AppError::Internal(detail) => {
                tracing::error!("internal error: {detail}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed to answer; try again later".to_string(),
                )
            }
        };
        let mut response = (
            status,
            Json(ApiError {
                error: code.into(),
                message,
            }),
        )
            .into_response();
        if let AppError::Busy(seconds) = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}
