//! `GET /v1/collections/{collection}/changeset[?since=N]`: a delta or a full snapshot.

use crate::sync_api::answer;
use crate::sync_api::error::AppError;
use crate::sync_api::extract::{AcceptEncoding, CollectionName, IfNoneMatch, Since};
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
    answer::changeset(
        &state.content,
        collection,
        since,
        |etag| if_none_match.matches(etag),
        encoding,
    )
    .await
}
