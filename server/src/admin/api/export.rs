//! `GET /v1/admin/export`: the admin state as one JSON document (admins only, audited), so a
//! running server can be backed up: save the answer to a file and pass it to
//! `backup --admin-from FILE`.

use crate::admin::api::auth::Authed;
use crate::admin::api::error::{ApiError, ErrorBody};
use crate::admin::api::extract::blocking;
use crate::admin::export::AdminExport;
use crate::admin::service::AdminService;
use axum::extract::State;
use axum::Json;
use std::sync::Arc;

/// The admin state (accounts with password hashes, token hashes, drafts, reviews, the audit
/// log; not sessions) with its manifest, as `backup` writes it (admins).
#[utoipa::path(get, path = "/v1/admin/export", tag = "accounts",
    responses((status = 200, body = AdminExport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn export(
    auth: Authed,
    State(svc): State<Arc<AdminService>>,
) -> Result<Json<AdminExport>, ApiError> {
    Ok(Json(
        blocking(&svc, move |s| s.export_admin(&auth.principal)).await?,
    ))
}
