//! `GET /v1/collections/{collection}/changeset[?since=N]`: a delta or a full snapshot.

use crate::sync_api::error::AppError;
use crate::sync_api::extract::{AcceptEncoding, CollectionName, IfNoneMatch, Since};
use crate::sync_api::respond::{not_modified, pieces, precomputed};
use crate::sync_api::served::Plan;
use crate::sync_api::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// Answers a [`veiviser_core::sync::protocol::Changeset`], or `304` when the client's ETag is current.
pub async fn changeset(
    State(state): State<AppState>,
    CollectionName(collection): CollectionName,
    Since(since): Since,
    if_none_match: IfNoneMatch,
    AcceptEncoding(encoding): AcceptEncoding,
) -> Result<Response, AppError> {
    let content = &state.content;
    let view = content.view();
    let Some(cv) = view.collections.get(&collection).cloned() else {
        return Err(AppError::NotFound(format!(
            "collection `{collection}` has not been published yet"
        )));
    };
    if if_none_match.matches(&cv.etag) {
        return Ok(not_modified(&cv.etag));
    }
    match content.plan(&cv, since).map_err(AppError::internal)? {
        Plan::Full => Ok(precomputed(encoding, &cv.full, &cv.etag)),
        Plan::Delta { since, base } => {
            let delta = content.delta(&cv, base).await.map_err(AppError::internal)?;
            Ok(pieces(encoding, delta.parts(since, encoding), &cv.etag))
        }
    }
}
