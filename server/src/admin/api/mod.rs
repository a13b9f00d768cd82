//! The admin JSON API under `/v1/admin/`: [`routes`] (thin handlers over the service),
//! [`auth`] (cookie, tokens, CSRF guard), [`error`] (`{code, message, details}`), and the
//! OpenAPI document generated from the handlers' annotations, served at
//! `/v1/admin/openapi.json`.

pub mod auth;
pub mod error;
pub mod export;
pub mod extract;
pub mod routes;

use crate::admin::service::AdminService;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
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

/// The OpenAPI document's frame (info, security schemes, tags); the operations are added by
/// `routes_and_doc` from the same annotations that register the routes.
#[derive(OpenApi)]
#[openapi(
    info(title = "Veiviser admin API", description = "Drafts, four-eyes review, signed publishing, rollback and audit. Sign in with POST /v1/admin/login (session cookie + CSRF token) or send an API token as `Authorization: Bearer`."),
    modifiers(&Security),
    tags(
        (name = "session", description = "Sign-in, sign-out, API tokens"),
        (name = "accounts", description = "Accounts and the audit log (admins)"),
        (name = "drafts", description = "Drafts of guides and directory entries"),
        (name = "review", description = "Review, publish, urgent fixes, rollback"),
    )
)]
pub struct AdminApiDoc;

/// Every admin route with its OpenAPI operation, registered together: a handler is routed
/// only through its `#[utoipa::path]` annotation, so no route exists undocumented (and the
/// auth test, which walks the document, sees every one).
fn routes_and_doc() -> (Router<Arc<AdminService>>, utoipa::openapi::OpenApi) {
    use routes::*;
    use utoipa_axum::{router::OpenApiRouter, routes};
    OpenApiRouter::with_openapi(AdminApiDoc::openapi())
        .routes(routes!(login))
        .routes(routes!(logout))
        .routes(routes!(me))
        .routes(routes!(accounts, create_account))
        .routes(routes!(set_disabled))
        .routes(routes!(tokens, create_token))
        .routes(routes!(revoke_token))
        .routes(routes!(drafts, create_draft))
        .routes(routes!(draft_from_live))
        .routes(routes!(draft, save_draft, delete_draft))
        .routes(routes!(rebase_draft))
        .routes(routes!(download, upload))
        .routes(routes!(diff))
        .routes(routes!(request_review))
        .routes(routes!(urgent))
        .routes(routes!(reviews))
        .routes(routes!(review))
        .routes(routes!(approve))
        .routes(routes!(decline))
        .routes(routes!(confirm))
        .routes(routes!(second_reviews))
        .routes(routes!(warnings))
        .routes(routes!(rollback))
        .routes(routes!(history))
        .routes(routes!(audit))
        .routes(routes!(export::export))
        .routes(routes!(stale))
        .split_for_parts()
}

/// The OpenAPI document as JSON.
pub fn openapi_json() -> serde_json::Value {
    serde_json::to_value(routes_and_doc().1).expect("the OpenAPI document serializes")
}

/// `router` behind the CSRF guard (for the HTML pages under `/admin`; the API has it already).
pub fn with_csrf_guard(router: Router, service: Arc<AdminService>) -> Router {
    router.layer(middleware::from_fn_with_state(service, auth::csrf_guard))
}

/// The `/v1/admin/` routes (and `/v1/admin/openapi.json`), with the CSRF guard, for `service`.
pub fn router(service: Arc<AdminService>) -> Router {
    let (routes, doc) = routes_and_doc();
    let doc = Arc::new(serde_json::to_value(doc).expect("the OpenAPI document serializes"));
    routes
        .route(
            "/v1/admin/openapi.json",
            get(move || {
                let doc = doc.clone();
                async move { Json((*doc).clone()) }
            }),
        )
        .layer(middleware::from_fn_with_state(
            service.clone(),
            auth::csrf_guard,
        ))
        .layer(DefaultBodyLimit::max(auth::MAX_FORM_BYTES))
        .layer(middleware::map_response(no_sniff_no_store))
        .with_state(service)
}

/// Every admin API answer: never sniffed as another type (a downloaded draft is text, not a
/// page), never cached (it is per account and changes with every save).
async fn no_sniff_no_store(mut r: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = r.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
