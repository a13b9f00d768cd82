//! `GET /healthz`: the server is up and how far its content goes.

use crate::sync_api::state::AppState;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

/// Answers `{"status": "ok", "sequence": N}`.
pub async fn healthz(State(state): State<AppState>) -> Json<Value> {
    Json(json!({"status": "ok", "sequence": state.content.view().sequence}))
}
