//! `GET /v1/collections/{collection}/changeset[?since=N]`: a delta or a full snapshot.

use crate::error::AppError;
use crate::limit::admit;
use crate::repository::Plan;
use crate::routes::respond::{if_none_match, not_modified, precomputed};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use veiviser_core::sync::protocol::{Collection, SINCE_PARAM};

/// Parses the query: only `since=<non-negative integer>` is allowed.
pub fn parse_since(query: Option<&str>) -> Result<Option<u64>, AppError> {
    let mut since = None;
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if key != SINCE_PARAM {
            return Err(AppError::BadRequest(format!(
                "unknown query parameter `{key}`: the only parameter is `{SINCE_PARAM}` (requests carry nothing about the device, its area or its user)"
            )));
        }
        if since.is_some() {
            return Err(AppError::BadRequest(format!(
                "`{SINCE_PARAM}` is given more than once"
            )));
        }
        let n = value.parse::<u64>().map_err(|_| {
            AppError::BadRequest(format!(
                "`{SINCE_PARAM}` must be a non-negative integer (the sequence of the content the device has), got `{value}`"
            ))
        })?;
        since = Some(n);
    }
    Ok(since)
}

/// Answers a [`veiviser_core::sync::protocol::Changeset`], or `304` when the client's ETag is current.
pub async fn changeset(
    State(state): State<AppState>,
    Path(name): Path<String>,
    request: Request,
) -> Result<Response, AppError> {
    // Headers and query are read from the request in place (no copies on the fast path).
    let headers = request.headers();
    let collection: Collection =
        name.parse()
            .map_err(|e: veiviser_core::sync::protocol::UnknownCollection| {
                AppError::NotFound(e.to_string())
            })?;
    let _permit = admit(&state.limiter)?;
    let since = parse_since(request.uri().query())?;
    let view = state.repo.view();
    let Some(cv) = view.collections.get(&collection).cloned() else {
        return Err(AppError::NotFound(format!(
            "collection `{collection}` has not been published yet"
        )));
    };
    if if_none_match(headers, &cv.etag) {
        return Ok(not_modified(&cv.etag));
    }
    let body = match state.repo.plan(&cv, since).map_err(AppError::internal)? {
        Plan::Full => cv.full.clone(),
        Plan::Delta { since, base } => match state.repo.cached_delta(&cv, since) {
            Some(hit) => hit,
            None => {
                let repo = state.repo.clone();
                let cv = cv.clone();
                tokio::task::spawn_blocking(move || repo.delta(&cv, since, base))
                    .await
                    .map_err(AppError::internal)?
                    .map_err(AppError::internal)?
            }
        },
    };
    Ok(precomputed(headers, &body, &cv.etag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_parsing() {
        assert_eq!(parse_since(None).unwrap(), None);
        assert_eq!(parse_since(Some("")).unwrap(), None);
        assert_eq!(parse_since(Some("since=12")).unwrap(), Some(12));
        for bad in [
            "since=-1",
            "since=abc",
            "since=",
            "since",
            "postcode=0150",
            "since=1&since=2",
        ] {
            let err = parse_since(Some(bad)).unwrap_err();
            assert!(matches!(err, AppError::BadRequest(_)), "{bad}");
        }
        let err = parse_since(Some("area=0301")).unwrap_err().to_string();
        assert!(err.contains("`area`"), "{err}");
    }
}
