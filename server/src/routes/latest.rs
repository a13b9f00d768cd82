//! `GET /v1/latest`: the newest sequence of every collection (the cheap poll).

use crate::error::AppError;
use crate::limit::admit;
use crate::routes::respond::{if_none_match, not_modified, precomputed};
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::response::Response;

/// Answers a [`veiviser_core::sync::protocol::Latest`], or `304` when the client has it.
pub async fn latest(State(state): State<AppState>, request: Request) -> Result<Response, AppError> {
    let headers = request.headers();
    let _permit = admit(&state.limiter)?;
    let view = state.repo.view();
    if if_none_match(headers, &view.latest_etag) {
        return Ok(not_modified(&view.latest_etag));
    }
    Ok(precomputed(headers, &view.latest, &view.latest_etag))
}
