//! The step editor: `GET` shows one step of a guide draft as a form, `POST` saves it (the
//! whole draft is checked) and shows the same form with every error at its field.

use super::chrome;
use super::drafts::{content_issues, load_guide, next_revision, save_text};
use crate::admin::AdminError;
use crate::admin_web::editor::document::guide_to_toml;
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::editor::step::{step_form, step_from_form};
use crate::admin_web::error::WebError;
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{html, Section};
use crate::admin_web::pages::step_edit::StepEditPage;
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use veiviser_core::error::ContentIssue;
use veiviser_core::guide::{Guide, Step};

fn page(
    state: &WebState,
    caller: &Caller,
    draft: &str,
    guide: &Guide,
    step: &Step,
    issues: &[ContentIssue],
    notice: Option<(&'static str, String)>,
) -> StepEditPage {
    let ui = caller.ui;
    let title = Ui::fill(ui.step_editor_title(), &[("id", &step.id)]);
    let mut c = chrome(state, caller, title, Section::Guides);
    if let Some((class, text)) = notice {
        c = c.notice(class, text);
    }
    StepEditPage {
        chrome: c,
        draft_href: format!("/admin/drafts/{draft}"),
        draft_label: ui.back_to_draft().into(),
        action: format!("/admin/drafts/{draft}/steps/{}", step.id),
        step_href_prefix: format!("/admin/drafts/{draft}/steps/"),
        form: step_form(ui, guide, step, issues),
    }
}

fn no_step(ui: Ui, step: &str) -> WebError {
    WebError::new(
        ui,
        AdminError::NotFound(format!("the draft has no step `{step}`")),
    )
}

/// `GET /admin/drafts/{id}/steps/{step}`.
pub async fn edit(
    State(state): State<WebState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (d, _, guide) = load_guide(&state, &caller, &id).await?;
    let s = guide.step(&step).ok_or_else(|| no_step(ui, &step))?;
    let issues = content_issues(&d.issues);
    Ok(html(
        StatusCode::OK,
        &page(&state, &caller, &id, &guide, s, &issues, None),
    ))
}

/// `POST /admin/drafts/{id}/steps/{step}`: saves the step; the page comes back with the
/// draft's findings placed on the fields (422 while the draft has errors).
pub async fn save(
    State(state): State<WebState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (_, _, mut guide) = load_guide(&state, &caller, &id).await?;
    let index = guide
        .steps
        .iter()
        .position(|s| s.id == step)
        .ok_or_else(|| no_step(ui, &step))?;
    guide.steps[index] = step_from_form(&guide.steps[index], &form);
    next_revision(&state, &caller, &mut guide).await?;
    let text = guide_to_toml(&guide).map_err(|e| WebError::new(ui, AdminError::Internal(e)))?;
    let saved = save_text(&state, &caller, &id, text).await?;
    let issues = content_issues(&saved.issues);
    let (status, notice) = if saved.valid {
        (StatusCode::OK, ("", ui.saved().to_string()))
    } else {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            ("warn", ui.saved_with_errors().to_string()),
        )
    };
    let s = &guide.steps[index];
    Ok(html(
        status,
        &page(&state, &caller, &id, &guide, s, &issues, Some(notice)),
    ))
}
