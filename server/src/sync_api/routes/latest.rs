//! `GET /v1/latest`: the newest sequence of every collection (the cheap poll).

use crate::sync_api::extract::{AcceptEncoding, IfNoneMatch, NoQuery};
use crate::sync_api::respond::{not_modified, precomputed};
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
    let view = state.content.view();
    if if_none_match.matches(&view.latest_etag) {
        return not_modified(&view.latest_etag);
    }
    precomputed(encoding, &view.latest, &view.latest_etag)
}
