//! The handlers of `/v1/admin/`: thin wrappers over [`AdminService`], which checks roles.
//! Every handler takes [`Authed`] first, so a request without credentials is answered 401
//! before its body is read.

use crate::admin::accounts::{AccountView, Role};
use crate::admin::api::auth::{
    clear_cookie, client_address, session_cookie, session_id, Authed, Via,
};
use crate::admin::api::error::{ApiError, ErrorBody};
use crate::admin::api::extract::{blocking, JsonBody, QueryParams, TextBody};
use crate::admin::audit::{AuditEvent, AuditQuery};
use crate::admin::drafts::{Draft, RollbackSpec};
use crate::admin::review::{Review, ReviewState, Summary};
use crate::admin::service::{AdminError, AdminService, TokenView};
use crate::admin::stale::StaleList;
use crate::admin::workflow::{DraftDiff, NewDraft};
use axum::extract::{Path, State};
use axum::http::{header, request::Parts, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::{IntoParams, ToSchema};
use veiviser_core::sync::protocol::Collection;

type Svc = State<Arc<AdminService>>;
type ApiResult<T> = Result<T, ApiError>;

/// Sign-in.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoginRequest {
    /// The account name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// The signed-in caller.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Me {
    /// The account name.
    pub name: String,
    /// Its roles.
    pub roles: Vec<Role>,
    /// The session's CSRF token (absent for API tokens, which need none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

/// A new account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewAccount {
    /// The sign-in name.
    #[schema(pattern = "^[a-z0-9][a-z0-9._-]{1,63}$")]
    pub name: String,
    /// Its roles.
    #[schema(min_items = 1)]
    pub roles: Vec<Role>,
    /// Its password (at least 12 characters).
    #[schema(min_length = 12)]
    pub password: String,
}

/// Disable or enable an account.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SetDisabled {
    /// `true` disables.
    pub disabled: bool,
}

/// A new API token.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewToken {
    /// What it is for.
    #[schema(pattern = "\\S", max_length = 100)]
    pub label: String,
}

/// A made API token (shown once).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// The token: send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// The account it acts as.
    pub account: String,
}

/// New content for a draft.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SaveDraft {
    /// The file's text.
    pub content: String,
}

/// Which live record to start a draft from.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FromLive {
    /// `guides` or `directory`.
    #[schema(value_type = String, example = "guides", pattern = "^(guides|directory)$")]
    pub collection: Collection,
    /// The record id.
    pub id: String,
}

/// A review request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReviewRequest {
    /// What is new, for users.
    pub summary: Summary,
}

/// A decline.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DeclineRequest {
    /// Why (required).
    #[schema(pattern = "\\S")]
    pub comment: String,
}

/// An urgent publish.
#[derive(Debug, Deserialize, ToSchema)]
pub struct UrgentRequest {
    /// What is new, for users.
    pub summary: Summary,
    /// Why it cannot wait for a review.
    #[schema(pattern = "\\S")]
    pub reason: String,
}

/// Filter for the review list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReviewFilter {
    /// Only reviews in this state.
    pub state: Option<ReviewState>,
}

/// The day of the stale list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaleParams {
    /// The day (default: today, UTC).
    pub today: Option<NaiveDate>,
}

/// One published batch (for picking a rollback target).
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HistoryItem {
    /// First sequence.
    pub first: u64,
    /// Last sequence.
    pub last: u64,
    /// Who published.
    pub actor: String,
    /// When.
    pub published_at: DateTime<Utc>,
    /// `collection@sequence` of each revision.
    pub revisions: Vec<String>,
}

fn created<T: Serialize>(v: T) -> Response {
    (StatusCode::CREATED, Json(v)).into_response()
}

/// Sign in; sets the session cookie (a new session id every time).
#[utoipa::path(post, path = "/v1/admin/login", tag = "session", request_body = LoginRequest,
    responses((status = 200, body = Me), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(svc): Svc,
    parts: Parts,
    JsonBody(req): JsonBody<LoginRequest>,
) -> ApiResult<Response> {
    let address = client_address(&parts);
    let old = session_id(&parts.headers);
    let secure = svc.config().secure_cookies;
    let handle = blocking(&svc, move |s| {
        s.login(&req.name, &req.password, address.as_deref(), old.as_deref())
    })
    .await?;
    let name = handle.session.account.clone().unwrap_or_default();
    let id = handle.id.clone();
    let principal = blocking(&svc, move |s| {
        s.session_principal(&id)?.ok_or(AdminError::Unauthenticated)
    })
    .await?;
    let me = Me {
        name,
        roles: principal.roles.into_iter().collect(),
        csrf_token: Some(handle.session.csrf.clone()),
    };
    let mut r = Json(me).into_response();
    r.headers_mut()
        .insert(header::SET_COOKIE, session_cookie(&handle, secure));
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Sign out (ends the session).
#[utoipa::path(post, path = "/v1/admin/logout", tag = "session",
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn logout(auth: Authed, State(svc): Svc) -> ApiResult<Response> {
    if let Via::Session(id) = auth.via {
        blocking(&svc, move |s| s.logout(&id)).await?;
    }
    let mut r = StatusCode::NO_CONTENT.into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        clear_cookie(svc.config().secure_cookies),
    );
    Ok(r)
}

/// The caller, with the session's CSRF token.
#[utoipa::path(get, path = "/v1/admin/me", tag = "session",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn me(auth: Authed, State(svc): Svc) -> ApiResult<Json<Me>> {
    let csrf = match auth.via {
        Via::Session(id) => blocking(&svc, move |s| s.session(&id))
            .await?
            .map(|s| s.csrf),
        Via::Token => None,
    };
    Ok(Json(Me {
        name: auth.principal.name,
        roles: auth.principal.roles.into_iter().collect(),
        csrf_token: csrf,
    }))
}

/// Every account (admins).
#[utoipa::path(get, path = "/v1/admin/accounts", tag = "accounts",
    responses((status = 200, body = [AccountView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn accounts(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<AccountView>>> {
    Ok(Json(
        blocking(&svc, move |s| s.accounts(&auth.principal)).await?,
    ))
}

/// Create an account (admins).
#[utoipa::path(post, path = "/v1/admin/accounts", tag = "accounts", request_body = NewAccount,
    responses((status = 201, body = AccountView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_account(
    auth: Authed,
    State(svc): Svc,
    JsonBody(req): JsonBody<NewAccount>,
) -> ApiResult<Response> {
    let v = blocking(&svc, move |s| {
        s.create_account(
            Some(&auth.principal),
            &req.name,
            &req.roles,
            &req.password,
            false,
        )
    })
    .await?;
    Ok(created(v))
}

/// Disable or enable an account (admins).
#[utoipa::path(put, path = "/v1/admin/accounts/{name}/disabled", tag = "accounts", request_body = SetDisabled,
    params(("name" = String, Path, description = "The account name")),
    responses((status = 200, body = AccountView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn set_disabled(
    auth: Authed,
    State(svc): Svc,
    Path(name): Path<String>,
    JsonBody(req): JsonBody<SetDisabled>,
) -> ApiResult<Json<AccountView>> {
    Ok(Json(
        blocking(&svc, move |s| {
            s.set_disabled(&auth.principal, &name, req.disabled)
        })
        .await?,
    ))
}

/// Make an API token for the caller.
#[utoipa::path(post, path = "/v1/admin/tokens", tag = "session", request_body = NewToken,
    responses((status = 201, body = TokenResponse), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_token(
    auth: Authed,
    State(svc): Svc,
    JsonBody(req): JsonBody<NewToken>,
) -> ApiResult<Response> {
    let account = auth.principal.name.clone();
    let token = blocking(&svc, move |s| s.create_token(&auth.principal, &req.label)).await?;
    Ok(created(TokenResponse { token, account }))
}

/// The caller's API tokens (admins: everyone's), by id; never the tokens themselves.
#[utoipa::path(get, path = "/v1/admin/tokens", tag = "session",
    responses((status = 200, body = [TokenView]), (status = 401, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn tokens(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<TokenView>>> {
    Ok(Json(
        blocking(&svc, move |s| s.tokens(&auth.principal)).await?,
    ))
}

/// Revoke an API token (one's own; admins: anyone's).
#[utoipa::path(delete, path = "/v1/admin/tokens/{id}", tag = "session", params(("id" = String, Path, description = "The token id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn revoke_token(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    blocking(&svc, move |s| s.revoke_token(&auth.principal, &id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every draft, newest first.
#[utoipa::path(get, path = "/v1/admin/drafts", tag = "drafts",
    responses((status = 200, body = [Draft]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn drafts(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<Draft>>> {
    Ok(Json(
        blocking(&svc, move |s| s.drafts(&auth.principal)).await?,
    ))
}

/// Create a draft (saved even when invalid; its `issues` say what to fix).
#[utoipa::path(post, path = "/v1/admin/drafts", tag = "drafts", request_body = NewDraft,
    responses((status = 201, body = Draft), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn create_draft(
    auth: Authed,
    State(svc): Svc,
    JsonBody(req): JsonBody<NewDraft>,
) -> ApiResult<Response> {
    Ok(created(
        blocking(&svc, move |s| s.create_draft(&auth.principal, &req)).await?,
    ))
}

/// Start a draft from a live guide or directory entry.
#[utoipa::path(post, path = "/v1/admin/drafts/from-live", tag = "drafts", request_body = FromLive,
    responses((status = 201, body = Draft), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn draft_from_live(
    auth: Authed,
    State(svc): Svc,
    JsonBody(req): JsonBody<FromLive>,
) -> ApiResult<Response> {
    Ok(created(
        blocking(&svc, move |s| {
            s.draft_from_live(&auth.principal, req.collection, &req.id)
        })
        .await?,
    ))
}

/// One draft.
#[utoipa::path(get, path = "/v1/admin/drafts/{id}", tag = "drafts", params(("id" = String, Path, description = "The draft id")),
    responses((status = 200, body = Draft), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn draft(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        blocking(&svc, move |s| s.draft(&auth.principal, &id)).await?,
    ))
}

/// Save a draft's content (checked; a draft in review goes back to editing).
#[utoipa::path(put, path = "/v1/admin/drafts/{id}", tag = "drafts", request_body = SaveDraft, params(("id" = String, Path, description = "The draft id")),
    responses((status = 200, body = Draft), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn save_draft(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<SaveDraft>,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        blocking(&svc, move |s| {
            s.save_draft(&auth.principal, &id, &req.content)
        })
        .await?,
    ))
}

/// Delete a draft being edited.
#[utoipa::path(delete, path = "/v1/admin/drafts/{id}", tag = "drafts", params(("id" = String, Path, description = "The draft id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn delete_draft(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    blocking(&svc, move |s| s.delete_draft(&auth.principal, &id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Move a draft's base to the live sequence (after looking at what changed).
#[utoipa::path(post, path = "/v1/admin/drafts/{id}/rebase", tag = "drafts", params(("id" = String, Path, description = "The draft id")),
    responses((status = 200, body = Draft), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn rebase_draft(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        blocking(&svc, move |s| s.rebase_draft(&auth.principal, &id)).await?,
    ))
}

/// Download a draft's file.
#[utoipa::path(get, path = "/v1/admin/drafts/{id}/file", tag = "drafts", params(("id" = String, Path, description = "The draft id")),
    responses((status = 200, content_type = "text/plain", body = String), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn download(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let d = blocking(&svc, move |s| s.draft(&auth.principal, &id)).await?;
    let name = d
        .file_name
        .rsplit('/')
        .next()
        .unwrap_or("draft.toml")
        .to_string();
    let mut r = d.content.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// Upload a draft's file (the body is the TOML or JSON text).
#[utoipa::path(put, path = "/v1/admin/drafts/{id}/file", tag = "drafts", params(("id" = String, Path, description = "The draft id")),
    request_body(content = String, content_type = "text/plain"),
    responses((status = 200, body = Draft), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 413, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn upload(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
    TextBody(text): TextBody,
) -> ApiResult<Json<Draft>> {
    Ok(Json(
        blocking(&svc, move |s| s.save_draft(&auth.principal, &id, &text)).await?,
    ))
}

/// The diff of a draft against live (text and guide graph), and what changed under it.
#[utoipa::path(get, path = "/v1/admin/drafts/{id}/diff", tag = "review", params(("id" = String, Path, description = "The draft id")),
    responses((status = 200, body = DraftDiff), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn diff(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<DraftDiff>> {
    Ok(Json(
        blocking(&svc, move |s| s.diff(&auth.principal, &id)).await?,
    ))
}

/// Request review, with the summary for users (422 when invalid, 409 when stale).
#[utoipa::path(post, path = "/v1/admin/drafts/{id}/review", tag = "review", request_body = ReviewRequest, params(("id" = String, Path, description = "The draft id")),
    responses((status = 201, body = Review), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn request_review(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<ReviewRequest>,
) -> ApiResult<Response> {
    Ok(created(
        blocking(&svc, move |s| {
            s.request_review(&auth.principal, &id, &req.summary)
        })
        .await?,
    ))
}

/// Publish an urgent fix alone (reviewers); it then needs a second review.
#[utoipa::path(post, path = "/v1/admin/drafts/{id}/urgent", tag = "review", request_body = UrgentRequest, params(("id" = String, Path, description = "The draft id")),
    responses((status = 201, body = Review), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn urgent(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<UrgentRequest>,
) -> ApiResult<Response> {
    Ok(created(
        blocking(&svc, move |s| {
            s.urgent_publish(&auth.principal, &id, &req.summary, &req.reason)
        })
        .await?,
    ))
}

/// Every review, newest first.
#[utoipa::path(get, path = "/v1/admin/reviews", tag = "review", params(ReviewFilter),
    responses((status = 200, body = [Review]), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn reviews(
    auth: Authed,
    State(svc): Svc,
    QueryParams(f): QueryParams<ReviewFilter>,
) -> ApiResult<Json<Vec<Review>>> {
    Ok(Json(
        blocking(&svc, move |s| s.reviews(&auth.principal, f.state)).await?,
    ))
}

/// One review.
#[utoipa::path(get, path = "/v1/admin/reviews/{id}", tag = "review", params(("id" = String, Path, description = "The review id")),
    responses((status = 200, body = Review), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn review(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<Review>> {
    Ok(Json(
        blocking(&svc, move |s| s.review(&auth.principal, &id)).await?,
    ))
}

/// Approve and publish (a reviewer who is none of the draft's authors).
#[utoipa::path(post, path = "/v1/admin/reviews/{id}/approve", tag = "review", params(("id" = String, Path, description = "The review id")),
    responses((status = 200, body = Review), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn approve(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<Review>> {
    Ok(Json(
        blocking(&svc, move |s| s.approve(&auth.principal, &id)).await?,
    ))
}

/// Decline with a comment.
#[utoipa::path(post, path = "/v1/admin/reviews/{id}/decline", tag = "review", request_body = DeclineRequest, params(("id" = String, Path, description = "The review id")),
    responses((status = 200, body = Review), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn decline(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<DeclineRequest>,
) -> ApiResult<Json<Review>> {
    Ok(Json(
        blocking(&svc, move |s| s.decline(&auth.principal, &id, &req.comment)).await?,
    ))
}

/// Confirm an urgent publish (a second reviewer).
#[utoipa::path(post, path = "/v1/admin/reviews/{id}/confirm", tag = "review", params(("id" = String, Path, description = "The review id")),
    responses((status = 200, body = Review), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn confirm(
    auth: Authed,
    State(svc): Svc,
    Path(id): Path<String>,
) -> ApiResult<Json<Review>> {
    Ok(Json(
        blocking(&svc, move |s| s.confirm(&auth.principal, &id)).await?,
    ))
}

/// Urgent publishes waiting for their second review.
#[utoipa::path(get, path = "/v1/admin/second-reviews", tag = "review",
    responses((status = 200, body = [Review]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn second_reviews(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<Review>>> {
    Ok(Json(
        blocking(&svc, move |s| s.second_reviews(&auth.principal)).await?,
    ))
}

/// Urgent publishes past their second-review deadline (admins and reviewers).
#[utoipa::path(get, path = "/v1/admin/warnings", tag = "review",
    responses((status = 200, body = [Review]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn warnings(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<Review>>> {
    Ok(Json(
        blocking(&svc, move |s| s.warnings(&auth.principal)).await?,
    ))
}

/// Make a rollback draft (reviewers): an earlier revision, republished as a new sequence
/// after review.
#[utoipa::path(post, path = "/v1/admin/rollback", tag = "review", request_body = RollbackSpec,
    responses((status = 201, body = Draft), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 415, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn rollback(
    auth: Authed,
    State(svc): Svc,
    JsonBody(req): JsonBody<RollbackSpec>,
) -> ApiResult<Response> {
    Ok(created(
        blocking(&svc, move |s| s.rollback(&auth.principal, &req)).await?,
    ))
}

/// The published batches, newest first.
#[utoipa::path(get, path = "/v1/admin/history", tag = "review",
    responses((status = 200, body = [HistoryItem]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn history(auth: Authed, State(svc): Svc) -> ApiResult<Json<Vec<HistoryItem>>> {
    let batches = blocking(&svc, move |s| s.history(&auth.principal)).await?;
    Ok(Json(
        batches
            .into_iter()
            .rev()
            .map(|b| HistoryItem {
                first: b.first,
                last: b.last,
                actor: b.actor,
                published_at: b.published_at,
                revisions: b
                    .revisions
                    .iter()
                    .map(|r| format!("{}@{}", r.collection, r.sequence))
                    .collect(),
            })
            .collect(),
    ))
}

/// The audit log, filtered, newest first (admins).
#[utoipa::path(get, path = "/v1/admin/audit", tag = "accounts", params(AuditQuery),
    responses((status = 200, body = [AuditEvent]), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn audit(
    auth: Authed,
    State(svc): Svc,
    QueryParams(q): QueryParams<AuditQuery>,
) -> ApiResult<Json<Vec<AuditEvent>>> {
    Ok(Json(
        blocking(&svc, move |s| s.audit(&auth.principal, &q)).await?,
    ))
}

/// Content that needs attention: unverified entries, estimated hours, overdue guides.
#[utoipa::path(get, path = "/v1/admin/stale", tag = "drafts", params(StaleParams),
    responses((status = 200, body = StaleList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = []), ("cookie" = [])))]
pub async fn stale(
    auth: Authed,
    State(svc): Svc,
    QueryParams(p): QueryParams<StaleParams>,
) -> ApiResult<Json<StaleList>> {
    let today = p.today.unwrap_or_else(|| Utc::now().date_naive());
    Ok(Json(
        blocking(&svc, move |s| s.stale(&auth.principal, today)).await?,
    ))
}
