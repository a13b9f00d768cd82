//! Sign-in, sign-out and the language switch.

use crate::admin::api::auth::{clear_cookie, session_cookie, session_id};
use crate::admin::AdminError;
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::messages::UiLang;
use crate::admin_web::page::{html, Chrome};
use crate::admin_web::pages::login::LoginPage;
use crate::admin_web::session::{lang_cookie, set_cookie, Caller, PageLang};
use crate::admin_web::state::WebState;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use std::net::SocketAddr;

/// `?next=` and `?back=`: where to go afterwards (only paths under `/admin`).
#[derive(Debug, Default, serde::Deserialize)]
pub struct Next {
    /// After sign-in.
    #[serde(default)]
    pub next: Option<String>,
    /// After the language switch.
    #[serde(default)]
    pub back: Option<String>,
    /// After sign-out: show "signed out".
    #[serde(default)]
    pub signed_out: Option<String>,
}

/// Only a local admin path (never another site: no open redirect).
fn local(path: Option<&str>) -> String {
    match path {
        Some(p) if p.starts_with("/admin") && !p.starts_with("//") && !p.contains('\\') => {
            p.to_string()
        }
        _ => "/admin".into(),
    }
}

/// The sign-in form with a fresh anonymous session (its CSRF token in the form), showing
/// `failure` at the user name field, or `notice` at the top.
async fn form_page(
    state: &WebState,
    ui: crate::admin_web::messages::Ui,
    status: StatusCode,
    user: &str,
    failure: Option<&str>,
    notice: Option<&str>,
    next: String,
) -> Result<Response, WebError> {
    let handle = state
        .call(|s| s.anonymous_session())
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let mut chrome = Chrome::new(ui, ui.sign_in_title(), "/admin/login");
    chrome.csrf = handle.session.csrf.clone();
    chrome.demo = state.demo;
    if let Some(n) = notice {
        chrome = chrome.notice("", n);
    }
    let mut page = LoginPage::new(chrome, user, failure);
    page.next = next;
    let mut res = html(status, &page);
    let secure = state.service.config().secure_cookies;
    set_cookie(res.headers_mut(), session_cookie(&handle, secure));
    Ok(res)
}

/// `GET /admin/login`: the form.
pub async fn login_form(
    State(state): State<WebState>,
    PageLang(ui): PageLang,
    Query(q): Query<Next>,
) -> Result<Response, WebError> {
    let notice = q.signed_out.is_some().then(|| ui.signed_out());
    form_page(
        &state,
        ui,
        StatusCode::OK,
        "",
        None,
        notice,
        local(q.next.as_deref()),
    )
    .await
}

/// `POST /admin/login`: the CSRF guard has checked the anonymous session's token; a new
/// session id replaces the old one (rotated on sign-in). Failed sign-ins are limited per
/// account and client address by the service.
pub async fn login(
    State(state): State<WebState>,
    PageLang(ui): PageLang,
    headers: HeaderMap,
    extensions: Extensions,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let old = session_id(&headers);
    let address = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let (user, password) = (
        form.text("user"),
        form.get("password").unwrap_or("").to_string(),
    );
    let next = local(form.get("next"));
    let name = user.clone();
    let result = state
        .call(move |s| s.login(&name, &password, address.as_deref(), old.as_deref()))
        .await;
    let secure = state.service.config().secure_cookies;
    match result {
        Ok(handle) => {
            let mut res = Redirect::to(&next).into_response();
            set_cookie(res.headers_mut(), session_cookie(&handle, secure));
            Ok(res)
        }
        Err(e @ (AdminError::BadCredentials | AdminError::RateLimited(_))) => {
            let (message, status) = match e {
                AdminError::RateLimited(_) => (ui.sign_in_limited(), StatusCode::TOO_MANY_REQUESTS),
                _ => (ui.sign_in_failed(), StatusCode::UNAUTHORIZED),
            };
            form_page(&state, ui, status, &user, Some(message), None, next).await
        }
        Err(e) => Err(WebError::new(ui, e)),
    }
}

/// `POST /admin/logout`.
pub async fn logout(State(state): State<WebState>, caller: Caller) -> Result<Response, WebError> {
    let id = caller.session_id.clone();
    state
        .call(move |s| s.logout(&id))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    let mut res = Redirect::to("/admin/login?signed_out=1").into_response();
    set_cookie(
        res.headers_mut(),
        clear_cookie(state.service.config().secure_cookies),
    );
    Ok(res)
}

/// `GET /admin/lang/{code}?back=…`: remembers the UI language and goes back.
pub async fn switch_lang(
    PageLang(ui): PageLang,
    Path(code): Path<String>,
    Query(q): Query<Next>,
) -> Result<Response, WebError> {
    let lang = UiLang::parse(&code).ok_or_else(|| WebError::not_found(ui))?;
    let mut res = Redirect::to(&local(q.back.as_deref())).into_response();
    set_cookie(res.headers_mut(), lang_cookie(lang));
    Ok(res)
}
