//! The preview walk pages: the admin page that frames the walk (with the language choice),
//! and the frame itself, the staff app's own document for the draft (see
//! [`crate::admin_web::preview`]).

use super::drafts::load_guide;
use super::{chrome, live_records};
use crate::admin::AdminError;
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::page::{html, Chrome, Section};
use crate::admin_web::preview::{preview, PreviewLinks, MAX_MOVES};
use crate::admin_web::security::preview_frame_csp;
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::sync::Arc;
use veiviser_core::directory::ContactBook;
use veiviser_core::guide::Guide;
use veiviser_core::i18n::Lang;
use veiviser_core::sync::content_check::{
    directory_from_records, parse_guide, places_from_records,
};
use veiviser_core::sync::protocol::Collection;

/// The admin page around the preview frame.
#[derive(Template)]
#[template(path = "admin/preview.html")]
pub struct PreviewPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// Back to the draft.
    pub draft_href: String,
    /// The frame's first URL.
    pub frame_src: String,
    /// (code, name, href, current) per language.
    pub langs: Vec<(&'static str, &'static str, String, bool)>,
}

fn lang_of(q: &Pairs, default: Lang) -> Lang {
    q.get("lang")
        .and_then(|l| l.parse().ok())
        .unwrap_or(default)
}

/// `GET /admin/drafts/{id}/preview?lang=`.
pub async fn page(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<Pairs>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    load_guide(&state, &caller, &id).await?;
    let lang = lang_of(&q, ui.lang.content_lang());
    let frame = |l: Lang| format!("/admin/drafts/{id}/preview/frame?lang={}", l.code());
    let langs = Lang::ALL
        .into_iter()
        .map(|l| {
            let name = match l {
                Lang::Nb => ui.lang_nb(),
                Lang::Nn => ui.lang_nn(),
                Lang::En => ui.lang_en(),
            };
            (
                l.code(),
                name,
                format!("/admin/drafts/{id}/preview?lang={}", l.code()),
                l == lang,
            )
        })
        .collect();
    let page = PreviewPage {
        chrome: chrome(&state, &caller, ui.preview_title(), Section::Guides),
        draft_href: format!("/admin/drafts/{id}"),
        frame_src: frame(lang),
        langs,
    };
    Ok(html(StatusCode::OK, &page))
}

/// The live guides and contact book the preview walks in.
fn live_content(state: &WebState) -> Result<(Vec<Guide>, Arc<ContactBook>), AdminError> {
    let map = |c| -> Result<BTreeMap<String, serde_json::Value>, AdminError> {
        Ok(live_records(state, c)?.into_iter().collect())
    };
    let guides = map(Collection::Guides)?
        .iter()
        .filter_map(|(id, v)| parse_guide(id, v).ok())
        .collect();
    let bad = |e: veiviser_core::Error| AdminError::Internal(format!("the live content: {e}"));
    let directory = directory_from_records(&map(Collection::Directory)?).map_err(bad)?;
    let places = places_from_records(&map(Collection::Places)?).map_err(bad)?;
    Ok((guides, Arc::new(ContactBook::new(directory, places))))
}

/// `GET /admin/drafts/{id}/preview/frame?lang=&do=…`: the staff app's screen after the moves.
pub async fn frame(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(q): Query<Pairs>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (_, _, guide) = load_guide(&state, &caller, &id).await?;
    let lang = lang_of(&q, ui.lang.content_lang());
    let moves: Vec<String> = q
        .all("do")
        .into_iter()
        .take(MAX_MOVES)
        .map(str::to_string)
        .collect();
    let st = state.clone();
    let (live, book) = state
        .call(move |_| live_content(&st))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let view = preview(&guide, live, book, lang, &moves);
    let links = PreviewLinks {
        base: format!("/admin/drafts/{id}/preview/frame"),
        lang,
        moves,
    };
    let mut res = veiviser_html::render_page(&view, &links).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(preview_frame_csp()) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    Ok(res)
}
