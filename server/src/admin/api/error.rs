//! The admin API's errors: every failure is a JSON body `{code, message, details}`.

use crate::admin::service::AdminError;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The body of every admin API error.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ErrorBody {
    /// Machine-readable: `unauthenticated`, `forbidden`, `csrf`, `not_found`, `bad_request`,
    /// `invalid`, `conflict`, `stale`, `rate_limited`, `internal`.
    pub code: String,
    /// What went wrong and what to do, in English.
    pub message: String,
    /// More: the field of a bad request, the findings of an invalid draft (`issues`), what
    /// changed under a stale draft (`changed`).
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

/// An error answered by the admin API.
#[derive(Debug)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The body.
    pub body: ErrorBody,
    /// For 429: seconds to wait.
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with an empty `details`.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code: code.into(),
                message: message.into(),
                details: serde_json::json!({}),
            },
            retry_after: None,
        }
    }

    /// 401.
    pub fn unauthenticated() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "sign in first (POST /v1/admin/login), or send `Authorization: Bearer <API token>`",
        )
    }

    /// 403 for a missing or wrong CSRF token.
    pub fn csrf() -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "missing or wrong CSRF token: send the session's token as the `csrf_token` form field or the `X-CSRF-Token` header (reload the page to get a fresh one)",
        )
    }
}

impl From<AdminError> for ApiError {
    fn from(e: AdminError) -> Self {
        let message = e.to_string();
        let (status, code, details) = match e {
            AdminError::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                serde_json::json!({}),
            ),
            AdminError::BadCredentials => (
                StatusCode::UNAUTHORIZED,
                "bad_credentials",
                serde_json::json!({}),
            ),
            AdminError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", serde_json::json!({})),
            AdminError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found", serde_json::json!({})),
            AdminError::BadRequest { field, .. } => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                serde_json::json!({ "field": field }),
            ),
            AdminError::Invalid { issues, .. } => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                serde_json::json!({ "issues": issues }),
            ),
            AdminError::Conflict { details, .. } => {
                let code = if details.get("changed").is_some() {
                    "stale"
                } else {
                    "conflict"
                };
                (StatusCode::CONFLICT, code, details)
            }
            AdminError::RateLimited(secs) => {
                let mut err = ApiError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", message);
                err.body.details = serde_json::json!({ "retry_after": secs });
                err.retry_after = Some(secs);
                return err;
            }
            AdminError::Internal(detail) => {
                tracing::error!("admin: internal error: {detail}");
                return ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "the server failed to answer; try again later",
                );
            }
        };
        ApiError {
            status,
            body: ErrorBody {
                code: code.into(),
                message,
                details,
            },
            retry_after: None,
        }
    }
}

/// Marks a response as the CSRF guard's refusal, so the admin pages can answer it with a page
/// instead of the API's JSON (the guard sits in front of both).
#[derive(Debug, Clone, Copy)]
pub struct CsrfRefused;

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let csrf = self.body.code == "csrf";
        let mut r = (self.status, Json(self.body)).into_response();
        if csrf {
            r.extensions_mut().insert(CsrfRefused);
        }
        if let Some(s) = self.retry_after {
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}
