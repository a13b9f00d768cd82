//! The answers of the two sync endpoints, shared by the router's handlers
//! ([`crate::sync_api::routes`]) and the connection layer's fast path
//! ([`crate::sync_api::fast_path`]), so both send the same bytes and headers.

use crate::sync_api::encoded::Encoding;
use crate::sync_api::error::AppError;
use crate::sync_api::respond::{not_modified, pieces, precomputed};
use crate::sync_api::served::{Plan, ServedContent};
use axum::response::Response;
use std::sync::Arc;
use veiviser_core::sync::protocol::Collection;

/// `GET /v1/latest`: the newest sequence of every collection, or `304` when `client_has`
/// says the client holds the current ETag.
pub fn latest(
    content: &ServedContent,
    client_has: impl FnOnce(&str) -> bool,
    encoding: Encoding,
) -> Response {
    let view = content.view();
    if client_has(&view.latest_etag) {
        return not_modified(&view.latest_headers);
    }
    precomputed(encoding, &view.latest, &view.latest_headers)
}

/// `GET /v1/collections/{collection}/changeset[?since=N]`: a delta or a full snapshot, or
/// `304` when `client_has` says the client holds the current ETag.
pub async fn changeset(
    content: &Arc<ServedContent>,
    collection: Collection,
    since: Option<u64>,
    client_has: impl FnOnce(&str) -> bool,
    encoding: Encoding,
) -> Result<Response, AppError> {
    let view = content.view();
    let Some(cv) = view.collections.get(&collection) else {
        return Err(AppError::NotFound(format!(
            "collection `{collection}` has not been published yet"
        )));
    };
    if client_has(&cv.etag) {
        return Ok(not_modified(&cv.headers));
    }
    match content.plan(cv, since) {
        Plan::Full => Ok(precomputed(encoding, &cv.full, &cv.headers)),
        Plan::Delta { since, base } => {
            let delta = content.delta(cv, base).await.map_err(AppError::internal)?;
            Ok(pieces(encoding, delta.parts(since, encoding), &cv.headers))
        }
    }
}
