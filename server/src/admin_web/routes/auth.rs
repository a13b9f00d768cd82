//! Sign-in, sign-out and the language switch.

use crate::admin::AdminError;
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::messages::UiLang;
use crate::admin_web::page::{html, Chrome};
use crate::admin_web::pages::login::LoginPage;
use crate::admin_web::session::{
    cookie, lang_cookie, session_cookie, set_cookie, Caller, PageLang, SESSION_COOKIE,
};
use crate::admin_web::state::WebState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;

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
        Some(p) if p.starts_with("/admin") && !p.starts_with("//") && !p.contains('\\') => p.to_string(),
        _ => "/admin".into(),
    }
}

/// `GET /admin/login`: the form, with a fresh anonymous session carrying its CSRF token.
pub async fn login_form(
    State(state): State<WebState>,
    PageLang(ui): PageLang,
    Query(q): Query<Next>,
) -> Result<Response, WebError> {
    let handle = state
        .call(|s| s.anonymous_session())
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let mut chrome = Chrome::new(ui, ui.sign_in_title(), "/admin/login");
    chrome.csrf = handle.session.csrf.clone();
    chrome.demo = state.demo;
    if q.signed_out.is_some() {
        chrome = chrome.notice("", ui.signed_out());
    }
    let mut page = LoginPage::new(chrome, "", None);
    page.next = local(q.next.as_deref());
    let mut res = html(StatusCode::OK, &page);
    let secure = state.service.config().secure_cookies;
    set_cookie(res.headers_mut(), session_cookie(&handle.id, secure, 3600));
    Ok(res)
}

/// `POST /admin/login`: checks the CSRF token of the anonymous session, then the password;
/// a new session id replaces the old one (rotated on sign-in).
pub async fn login(
    State(state): State<WebState>,
    PageLang(ui): PageLang,
    headers: HeaderMap,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let old = cookie(&headers, SESSION_COOKIE).unwrap_or_default();
    let token = form.text("csrf");
    let check = old.clone();
    let ok = state
        .call(move |s| s.check_csrf(&check, &token))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    if !ok {
        return Err(WebError::csrf(ui).at("/admin/login"));
    }
    let (user, password) = (form.text("user"), form.get("password").unwrap_or("").to_string());
    let next = local(form.get("next"));
    let name = user.clone();
    let result = state
        .call(move |s| s.login(&name, &password, None, Some(&old)))
        .await;
    let secure = state.service.config().secure_cookies;
    match result {
        Ok(handle) => {
            let mut res = Redirect::to(&next).into_response();
            let max_age = state.service.config().session_hours * 3600;
            set_cookie(res.headers_mut(), session_cookie(&handle.id, secure, max_age));
            Ok(res)
        }
        Err(e @ (AdminError::BadCredentials | AdminError::RateLimited(_))) => {
            let message = match e {
                AdminError::RateLimited(_) => ui.sign_in_limited(),
                _ => ui.sign_in_failed(),
            };
            let status = match e {
                AdminError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNAUTHORIZED,
            };
            // A fresh anonymous session for the next try.
            let handle = state
                .call(|s| s.anonymous_session())
                .await
                .map_err(|e| WebError::new(ui, e))?;
            let mut chrome = Chrome::new(ui, ui.sign_in_title(), "/admin/login");
            chrome.csrf = handle.session.csrf.clone();
            chrome.demo = state.demo;
            let mut page = LoginPage::new(chrome, &user, Some(message));
            page.next = next;
            let mut res = html(status, &page);
            set_cookie(res.headers_mut(), session_cookie(&handle.id, secure, 3600));
            Ok(res)
        }
        Err(e) => Err(WebError::new(ui, e)),
    }
}

/// `POST /admin/logout`.
pub async fn logout(
    State(state): State<WebState>,
    caller: Caller,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    caller.check_csrf(form.get("csrf"))?;
    let id = caller.session_id.clone();
    state
        .call(move |s| s.logout(&id))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    let mut res = Redirect::to("/admin/login?signed_out=1").into_response();
    let secure = state.service.config().secure_cookies;
    set_cookie(res.headers_mut(), session_cookie("", secure, 0));
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
