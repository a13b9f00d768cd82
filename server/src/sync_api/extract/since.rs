//! The changeset endpoint's query: nothing, or `since=<non-negative integer>` once.

use super::query_pairs;
use crate::sync_api::error::AppError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use veiviser_core::sync::protocol::SINCE_PARAM;

/// The sequence the device holds for the collection; `None` when `since` is absent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Since(pub Option<u64>);

/// Why a changeset query was refused: `400 bad_request`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SinceRejection {
    /// A parameter other than `since`.
    #[error("unknown query parameter `{0}`: the only parameter is `since` (requests carry nothing about the device, its area or its user)")]
    UnknownParameter(String),
    /// `since` given twice.
    #[error("`since` is given more than once")]
    Repeated,
    /// `since` is not a non-negative integer.
    #[error("`since` must be a non-negative integer (the sequence of the content the device has), got `{0}`")]
    NotAnInteger(String),
}

impl Since {
    /// Parses a raw query string.
    pub fn parse(query: Option<&str>) -> Result<Since, SinceRejection> {
        let mut since = None;
        for (key, value) in query_pairs(query) {
            if key != SINCE_PARAM {
                return Err(SinceRejection::UnknownParameter(key.to_string()));
            }
            if since.is_some() {
                return Err(SinceRejection::Repeated);
            }
            let n = value
                .parse::<u64>()
                .map_err(|_| SinceRejection::NotAnInteger(value.to_string()))?;
            since = Some(n);
        }
        Ok(Since(since))
    }
}

impl From<SinceRejection> for AppError {
    fn from(r: SinceRejection) -> Self {
        AppError::BadRequest(r.to_string())
    }
}

impl IntoResponse for SinceRejection {
    fn into_response(self) -> Response {
        AppError::from(self).into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Since {
    type Rejection = SinceRejection;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Since::parse(parts.uri.query())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_parsing() {
        assert_eq!(Since::parse(None).unwrap(), Since(None));
        assert_eq!(Since::parse(Some("")).unwrap(), Since(None));
        assert_eq!(Since::parse(Some("since=12")).unwrap(), Since(Some(12)));
        for (bad, want) in [
            ("since=-1", SinceRejection::NotAnInteger("-1".into())),
            ("since=abc", SinceRejection::NotAnInteger("abc".into())),
            ("since=", SinceRejection::NotAnInteger("".into())),
            ("since", SinceRejection::NotAnInteger("".into())),
            (
                "postcode=0150",
                SinceRejection::UnknownParameter("postcode".into()),
            ),
            ("since=1&since=2", SinceRejection::Repeated),
        ] {
            assert_eq!(Since::parse(Some(bad)).unwrap_err(), want, "{bad}");
        }
        let err = Since::parse(Some("area=0301")).unwrap_err().to_string();
        assert!(err.contains("`area`"), "{err}");
        assert!(matches!(
            AppError::from(SinceRejection::Repeated),
            AppError::BadRequest(_)
        ));
    }
}
