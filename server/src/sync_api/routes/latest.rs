//! `GET /v1/latest`: the newest sequence of every collection (the cheap poll).

use crate::sync_api::answer;
use crate::sync_api::extract::{AcceptEncoding, IfNoneMatch, NoQuery};
use crate::sync_api::state::AppState;
use axum::extract::State;
use axum::response::Response;

/// Answers a [`veiviser_core::sync::protocol::Latest`], or `304` when the client has it.
pub async fn latest(
    State(state): State<AppState>,
    _: NoQuery,
    if_none_match: IfNoneMatch,
    AcceptEncoding(encoding): AcceptEncoding,
) -> Response {
    answer::latest(&state.content, |etag| if_none_match.matches(etag), encoding)
}
