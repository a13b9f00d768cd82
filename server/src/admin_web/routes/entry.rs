//! The directory entry editor: `GET` shows the draft's service (or area) as a form, `POST`
//! saves it (the draft is checked like `import`) and shows every error at its field.

use super::chrome;
use super::drafts::{content_issues, load, save_text};
use crate::admin::AdminError;
use crate::admin_web::editor::entry::{apply_entry, entry_form, EntryForm};
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{html, Chrome, Section};
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use veiviser_core::error::ContentIssue;

/// The entry editor page.
#[derive(Template)]
#[template(path = "admin/entry_edit.html")]
pub struct EntryEditPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// Back to the draft.
    pub draft_href: String,
    /// Where the form posts.
    pub action: String,
    /// The form.
    pub form: EntryForm,
}

fn tree_of(ui: Ui, text: &str) -> Result<toml::Table, WebError> {
    toml::from_str(text).map_err(|e| {
        WebError::new(
            ui,
            AdminError::BadRequest {
                field: "content".into(),
                message: e.message().trim().to_string(),
            },
        )
    })
}

fn page(
    state: &WebState,
    caller: &Caller,
    id: &str,
    tree: &toml::Table,
    issues: &[ContentIssue],
    extra: Option<(String, String)>,
    notice: Option<(&'static str, String)>,
) -> Result<EntryEditPage, WebError> {
    let ui = caller.ui;
    let form = entry_form(ui, tree, issues, extra).ok_or_else(|| {
        WebError::new(
            ui,
            AdminError::BadRequest {
                field: "content".into(),
                message: "the draft has no service or area to edit".into(),
            },
        )
    })?;
    let mut c = chrome(
        state,
        caller,
        Ui::fill(ui.entry_editor_title(), &[("id", &form.id)]),
        Section::Directory,
    );
    if let Some((class, text)) = notice {
        c = c.notice(class, text);
    }
    Ok(EntryEditPage {
        chrome: c,
        draft_href: format!("/admin/drafts/{id}"),
        action: format!("/admin/drafts/{id}/entry"),
        form,
    })
}

/// `GET /admin/drafts/{id}/entry`.
pub async fn edit(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (d, _) = load(&state, &caller, &id).await?;
    let tree = tree_of(caller.ui, &d.content)?;
    let p = page(
        &state,
        &caller,
        &id,
        &tree,
        &content_issues(&d.issues),
        None,
        None,
    )?;
    Ok(html(StatusCode::OK, &p))
}

/// `POST /admin/drafts/{id}/entry`.
pub async fn save(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (d, _) = load(&state, &caller, &id).await?;
    let mut tree = tree_of(ui, &d.content)?;
    let today = chrono::Utc::now().date_naive();
    if let Err(e) = apply_entry(&mut tree, &form, &caller.principal.name, today) {
        // Nothing is saved: the stored entry comes back with the error at the source field.
        let p = page(
            &state,
            &caller,
            &id,
            &tree,
            &content_issues(&d.issues),
            Some(e),
            None,
        )?;
        return Ok(html(StatusCode::BAD_REQUEST, &p));
    }
    let text = toml::to_string_pretty(&tree)
        .map_err(|e| WebError::new(ui, AdminError::Internal(e.to_string())))?;
    let saved = save_text(&state, &caller, &id, text).await?;
    let (status, notice) = if saved.valid {
        (StatusCode::OK, ("", ui.saved().to_string()))
    } else {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ("warn", ui.saved_with_errors().to_string()),
        )
    };
    let p = page(
        &state,
        &caller,
        &id,
        &tree,
        &content_issues(&saved.issues),
        None,
        Some(notice),
    )?;
    Ok(html(status, &p))
}
