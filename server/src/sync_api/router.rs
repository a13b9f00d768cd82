//! The router: `fn app(state) -> Router`, shared by [`crate::sync_api::serve`] and the tests.

use crate::sync_api::error::AppError;
use crate::sync_api::fast_path::{CHANGESET, LATEST};
use crate::sync_api::limit::LimitLayer;
use crate::sync_api::request_log::log_request;
use crate::sync_api::routes::{changeset::changeset, health::healthz, latest::latest};
use crate::sync_api::state::AppState;
use axum::middleware;
use axum::routing::get;
use axum::Router;
use tower_http::compression::CompressionLayer;

/// Builds the application.
///
/// Sync endpoints (`/v1/…`) sit behind the load-shedding [`LimitLayer`] (503 + `Retry-After`
/// when full, before any extractor runs) and answer with precomputed bodies that carry their
/// own `Content-Encoding` (no other middleware on them). `serve` answers the sync `GET`s it
/// can before they reach this router ([`crate::sync_api::fast_path`], the same answers and
/// the same route constants); the router answers the rest (and everything in tests that use
/// it directly). Everything else (`/healthz`, unknown paths) is
/// compressed by tower-http according to `Accept-Encoding` (gzip, zstd). Request logging
/// (debug level: method, route template, status, latency; see [`log_request`]) is only
/// layered in when debug logging is enabled.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new()
        .route(LATEST, get(latest))
        .route(CHANGESET, get(changeset))
        .route_layer(LimitLayer::new(state.limiter.clone()));
    let other = Router::new()
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(CompressionLayer::new().gzip(true).zstd(true));
    let router = v1.merge(other);
    let router = if tracing::enabled!(tracing::Level::DEBUG) {
        router.layer(middleware::from_fn(log_request))
    } else {
        router
    };
    router.with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound(
        "no such endpoint; see docs/protocol.md (GET /v1/latest, GET /v1/collections/{collection}/changeset?since=N)".into(),
    )
}
