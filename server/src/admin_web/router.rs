//! The `/admin` routes: `fn router(state) -> Router`, merged into the server's app, behind
//! the admin side's CSRF guard (every form post carries the session's token).

use crate::admin::api::auth::MAX_FORM_BYTES;
use crate::admin::api::error::CsrfRefused;
use crate::admin_web::error::WebError;
use crate::admin_web::routes::{actions, auth, drafts, entry, lists, preview, reviews, steps};
use crate::admin_web::security::secure_headers;
use crate::admin_web::session::PageLang;
use crate::admin_web::state::WebState;
use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, map_response};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;

/// The admin stylesheet (served as a file: the CSP forbids inline styles).
const ADMIN_CSS: &str = include_str!("../../static/admin.css");

async fn css() -> Response {
    let mut res = ADMIN_CSS.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    res
}

async fn with_headers(mut res: Response) -> Response {
    secure_headers(res.headers_mut());
    res
}

/// The CSRF guard answers the API's JSON; on the admin pages its refusal is a page in the
/// user's language (still 403, nothing saved), at the path that was posted to.
async fn csrf_page(
    PageLang(ui): PageLang,
    uri: axum::http::Uri,
    request: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    let res = next.run(request).await;
    if res.extensions().get::<CsrfRefused>().is_some() {
        return WebError::csrf(ui).at(uri.path()).into_response();
    }
    res
}

/// The admin web UI under `/admin`.
pub fn router(state: WebState) -> Router {
    Router::new()
        .route("/admin", get(lists::dashboard))
        .route("/admin/", get(|| async { Redirect::permanent("/admin") }))
        .route("/admin/static/admin.css", get(css))
        .route("/admin/lang/{code}", get(auth::switch_lang))
        .route("/admin/login", get(auth::login_form).post(auth::login))
        .route("/admin/logout", post(auth::logout))
        .route("/admin/guides", get(lists::guides))
        .route("/admin/guides/{id}/flowchart", get(reviews::live_flowchart))
        .route("/admin/directory", get(lists::directory))
        .route("/admin/stale", get(lists::stale))
        .route("/admin/audit", get(lists::audit))
        .route("/admin/rollback", post(actions::rollback))
        .route("/admin/drafts/new", post(actions::create))
        .route("/admin/drafts/from-live", post(actions::from_live))
        .route("/admin/drafts/{id}", get(drafts::show))
        .route("/admin/drafts/{id}/meta", post(drafts::save_meta))
        .route("/admin/drafts/{id}/steps", post(drafts::add_step))
        .route(
            "/admin/drafts/{id}/steps/{step}",
            get(steps::edit).post(steps::save),
        )
        .route(
            "/admin/drafts/{id}/steps/{step}/delete",
            post(drafts::delete_step),
        )
        .route(
            "/admin/drafts/{id}/toml",
            get(drafts::download).post(drafts::upload),
        )
        .route("/admin/drafts/{id}/rebase", post(actions::rebase))
        .route("/admin/drafts/{id}/review", post(actions::request_review))
        .route("/admin/drafts/{id}/urgent", post(actions::urgent))
        .route(
            "/admin/drafts/{id}/entry",
            get(entry::edit).post(entry::save),
        )
        .route("/admin/drafts/{id}/preview", get(preview::page))
        .route("/admin/drafts/{id}/preview/frame", get(preview::frame))
        .route("/admin/reviews/{id}", get(reviews::show))
        .route("/admin/reviews/{id}/approve", post(reviews::approve))
        .route("/admin/reviews/{id}/decline", post(reviews::decline))
        .route("/admin/reviews/{id}/confirm", post(reviews::confirm))
        .layer(middleware::from_fn_with_state(
            state.service.clone(),
            crate::admin::api::auth::csrf_guard,
        ))
        .layer(middleware::from_fn(csrf_page))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(map_response(with_headers))
        .with_state(state)
}
