//! The admin JSON API under `/v1/admin/`: [`routes`] (thin handlers over the service),
//! [`auth`] (cookie, tokens, CSRF guard), [`error`] (`{code, message, details}`), and the
//! OpenAPI document generated from the handlers' annotations, served at
//! `/v1/admin/openapi.json`.

pub mod auth;
pub mod error;
pub mod extract;
pub mod routes;

use crate::admin::service::AdminService;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post, put};
use axum::{middleware, Json, Router};
use std::sync::Arc;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "cookie",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(auth::SESSION_COOKIE))),
        );
    }
}

/// The OpenAPI document of the admin API.
#[derive(OpenApi)]
#[openapi(
    info(title = "Veiviser admin API", description = "Drafts, four-eyes review, signed publishing, rollback and audit. Sign in with POST /v1/admin/login (session cookie + CSRF token) or send an API token as `Authorization: Bearer`."),
    paths(
        routes::login, routes::logout, routes::me, routes::accounts, routes::create_account,
        routes::set_disabled, routes::create_token, routes::drafts, routes::create_draft,
        routes::draft_from_live, routes::draft, routes::save_draft, routes::delete_draft,
        routes::rebase_draft, routes::download, routes::upload, routes::diff,
        routes::request_review, routes::urgent, routes::reviews, routes::review,
        routes::approve, routes::decline, routes::confirm, routes::second_reviews,
        routes::warnings, routes::rollback, routes::history, routes::audit, routes::stale,
    ),
    modifiers(&Security),
    tags(
        (name = "session", description = "Sign-in, sign-out, API tokens"),
        (name = "accounts", description = "Accounts and the audit log (admins)"),
        (name = "drafts", description = "Drafts of guides and directory entries"),
        (name = "review", description = "Review, publish, urgent fixes, rollback"),
    )
)]
pub struct AdminApiDoc;

/// The OpenAPI document as JSON.
pub fn openapi_json() -> serde_json::Value {
    serde_json::to_value(AdminApiDoc::openapi()).expect("the OpenAPI document serializes")
}

async fn openapi() -> Json<serde_json::Value> {
    Json(openapi_json())
}

/// The `/v1/admin/` routes, with the CSRF guard, for `service`.
pub fn router(service: Arc<AdminService>) -> Router {
    use routes::*;
    Router::new()
        .route("/v1/admin/openapi.json", get(openapi))
        .route("/v1/admin/login", post(login))
        .route("/v1/admin/logout", post(logout))
        .route("/v1/admin/me", get(me))
        .route("/v1/admin/accounts", get(accounts).post(create_account))
        .route("/v1/admin/accounts/{name}/disabled", put(set_disabled))
        .route("/v1/admin/tokens", post(create_token))
        .route("/v1/admin/drafts", get(drafts).post(create_draft))
        .route("/v1/admin/drafts/from-live", post(draft_from_live))
        .route(
            "/v1/admin/drafts/{id}",
            get(draft).put(save_draft).delete(delete_draft),
        )
        .route("/v1/admin/drafts/{id}/rebase", post(rebase_draft))
        .route("/v1/admin/drafts/{id}/file", get(download).put(upload))
        .route("/v1/admin/drafts/{id}/diff", get(diff))
        .route("/v1/admin/drafts/{id}/review", post(request_review))
        .route("/v1/admin/drafts/{id}/urgent", post(urgent))
        .route("/v1/admin/reviews", get(reviews))
        .route("/v1/admin/reviews/{id}", get(review))
        .route("/v1/admin/reviews/{id}/approve", post(approve))
        .route("/v1/admin/reviews/{id}/decline", post(decline))
        .route("/v1/admin/reviews/{id}/confirm", post(confirm))
        .route("/v1/admin/second-reviews", get(second_reviews))
        .route("/v1/admin/warnings", get(warnings))
        .route("/v1/admin/rollback", post(rollback))
        .route("/v1/admin/history", get(history))
        .route("/v1/admin/audit", get(audit))
        .route("/v1/admin/stale", get(stale))
        .layer(middleware::from_fn_with_state(
            service.clone(),
            auth::csrf_guard,
        ))
        .layer(DefaultBodyLimit::max(auth::MAX_FORM_BYTES))
        .with_state(service)
}
