//! The posts that make a draft (from live, from pasted TOML, a rollback), move its base, and
//! send it on: a review request, or a reviewer's urgent publish.

use super::drafts::{draft_page, load, Extra};
use crate::admin::drafts::{DraftKind, RollbackSpec};
use crate::admin::review::Summary;
use crate::admin::workflow::NewDraft;
use crate::admin::AdminError;
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::page::html;
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use veiviser_core::i18n::LocalizedText;
use veiviser_core::sync::protocol::Collection;

/// `POST /admin/drafts/from-live`: a new draft from a live guide or directory entry.
pub async fn from_live(
    State(state): State<WebState>,
    caller: Caller,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let collection = match form.get("collection") {
        Some("directory") => Collection::Directory,
        _ => Collection::Guides,
    };
    let (p, id) = (caller.principal.clone(), form.text("id"));
    let d = state
        .call(move |s| s.draft_from_live(&p, collection, &id))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    Ok(Redirect::to(&format!("/admin/drafts/{}", d.id)).into_response())
}

/// `POST /admin/drafts/new`: a new draft from pasted TOML.
pub async fn create(
    State(state): State<WebState>,
    caller: Caller,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let new = NewDraft {
        kind: if form.get("kind") == Some("directory") {
            DraftKind::Directory
        } else {
            DraftKind::Guide
        },
        file_name: Some(form.text("file_name")).filter(|f| !f.is_empty()),
        content: form.get("toml").unwrap_or("").replace("\r\n", "\n"),
    };
    let p = caller.principal.clone();
    let d = state
        .call(move |s| s.create_draft(&p, &new))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    Ok(Redirect::to(&format!("/admin/drafts/{}", d.id)).into_response())
}

/// `POST /admin/drafts/{id}/rebase`: moves the draft's base to what is live now.
pub async fn rebase(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (p, i) = (caller.principal.clone(), id.clone());
    state
        .call(move |s| s.rebase_draft(&p, &i))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    Ok(Redirect::to(&format!("/admin/drafts/{id}")).into_response())
}

/// `POST /admin/rollback`: a rollback draft (then reviewed like any draft).
pub async fn rollback(
    State(state): State<WebState>,
    caller: Caller,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let sequence = form.text("sequence").parse::<u64>().map_err(|_| {
        WebError::new(
            ui,
            AdminError::BadRequest {
                field: "sequence".into(),
                message: "write the earlier sequence as a number".into(),
            },
        )
    })?;
    let spec = RollbackSpec {
        collection: if form.get("collection") == Some("directory") {
            Collection::Directory
        } else {
            Collection::Guides
        },
        sequence,
        record: Some(form.text("record")).filter(|r| !r.is_empty()),
    };
    let p = caller.principal.clone();
    let d = state
        .call(move |s| s.rollback(&p, &spec))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    Ok(Redirect::to(&format!("/admin/drafts/{}", d.id)).into_response())
}

/// The "what's new" text of a review request or an urgent publish.
fn whats_new(form: &Pairs) -> (Summary, LocalizedText) {
    let t = crate::admin_web::editor::step::text(form, "whats_new").unwrap_or_default();
    (
        Summary {
            nb: t.nb.clone(),
            nn: t.nn.clone(),
            en: t.en.clone(),
        },
        t,
    )
}

/// `POST /admin/drafts/{id}/review` and `…/urgent`: asks for review, or (a reviewer)
/// publishes at once with a second review to follow.
async fn submit(
    state: WebState,
    caller: Caller,
    id: String,
    form: Pairs,
    urgent: bool,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (summary, typed) = whats_new(&form);
    let reason = form.text("reason");
    if urgent && reason.is_empty() {
        let (d, stale) = load(&state, &caller, &id).await?;
        let extra = Extra {
            field_error: Some(("f-reason".into(), ui.error_required().into())),
            whats_new: Some(typed),
            ..Extra::default()
        };
        return Ok(html(
            StatusCode::BAD_REQUEST,
            &draft_page(&state, &caller, &d, stale, extra),
        ));
    }
    let (p, i) = (caller.principal.clone(), id.clone());
    let result = state
        .call(move |s| {
            if urgent {
                s.urgent_publish(&p, &i, &summary, &reason)
            } else {
                s.request_review(&p, &i, &summary)
            }
        })
        .await;
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/admin/reviews/{}", r.id)).into_response()),
        Err(AdminError::BadRequest { field, message }) => {
            let (d, stale) = load(&state, &caller, &id).await?;
            let field_id =
                crate::admin_web::editor::form::field_id(&field.replace("summary", "whats_new"));
            let extra = Extra {
                field_error: Some((field_id, message)),
                whats_new: Some(typed),
                ..Extra::default()
            };
            Ok(html(
                StatusCode::BAD_REQUEST,
                &draft_page(&state, &caller, &d, stale, extra),
            ))
        }
        Err(e) => Err(WebError::new(ui, e).at(&format!("/admin/drafts/{id}"))),
    }
}

/// `POST /admin/drafts/{id}/review`.
pub async fn request_review(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    submit(state, caller, id, form, false).await
}

/// `POST /admin/drafts/{id}/urgent`.
pub async fn urgent(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    submit(state, caller, id, form, true).await
}
