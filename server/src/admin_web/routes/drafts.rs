//! A draft: its page (guide fields, steps, flowchart, findings, TOML, the review request and
//! the urgent publish forms) and the posts that edit it (guide fields, steps added and
//! removed, the TOML text); [`super::actions`] makes drafts and sends them on.

use super::{chrome, live_records, when};
use crate::admin::drafts::{Draft, DraftKind, DraftState, Issue};
use crate::admin::workflow::BaseChange;
use crate::admin::{AdminError, Role};
use crate::admin_web::editor::document::{guide_of_toml, guide_to_toml};
use crate::admin_web::editor::form::{FieldError, Pairs};
use crate::admin_web::editor::meta::{apply_meta, meta_form, MetaForm};
use crate::admin_web::editor::step::{text_row, TextRow};
use crate::admin_web::error::WebError;
use crate::admin_web::flowchart::{flowchart, Flowchart};
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{html, Chrome, Section};
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use veiviser_core::error::{ContentIssue, Severity};
use veiviser_core::guide::{Guide, Step, StepKind};
use veiviser_core::i18n::LocalizedText;
use veiviser_core::sync::protocol::Collection;

/// A draft's findings as the core's issues (for placing them on fields).
pub fn content_issues(issues: &[Issue]) -> Vec<ContentIssue> {
    issues
        .iter()
        .map(|i| ContentIssue {
            severity: if i.severity == "warning" {
                Severity::Warning
            } else {
                Severity::Error
            },
            file: i.file.clone(),
            position: i.line.zip(i.column),
            step: i.step.clone(),
            field: i.field.clone(),
            message: i.message.clone(),
        })
        .collect()
}

/// One step in the draft's step list.
#[derive(Debug, Clone)]
pub struct StepItem {
    /// The id.
    pub id: String,
    /// Title or start of text.
    pub title: String,
    /// Kind and markers in words.
    pub kind: String,
    /// Link to its editor.
    pub href: String,
    /// How many errors it has.
    pub errors: usize,
}

/// The draft page.
#[derive(Template)]
#[template(path = "admin/draft.html")]
pub struct DraftPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The draft.
    pub id: String,
    /// What it changes.
    pub what: String,
    /// Its status in words.
    pub status: String,
    /// Its authors.
    pub authors: String,
    /// When it was last saved.
    pub updated: String,
    /// The sequence it is based on.
    pub base: u64,
    /// Whether the last check found no error.
    pub valid: bool,
    /// Whether it can still be edited.
    pub editable: bool,
    /// For a guide draft that opens in the form: its fields.
    pub meta: Option<MetaForm>,
    /// Its steps.
    pub steps: Vec<StepItem>,
    /// Its flowchart.
    pub flow: Option<Flowchart>,
    /// Why the form editor cannot open it (then only TOML).
    pub form_problem: Option<String>,
    /// Every error of the last check, for the summary.
    pub summary: Vec<FieldError>,
    /// Every warning.
    pub warnings: Vec<String>,
    /// What changed under the draft since its base.
    pub stale: Vec<BaseChange>,
    /// The TOML text (for the upload form).
    pub toml: String,
    /// What a rollback republishes.
    pub rollback: Option<String>,
    /// The "what's new" fields of the review request.
    pub whats_new: TextRow,
    /// The reason field's errors of the urgent publish.
    pub reason_errors: Vec<String>,
    /// The review, when in review or published.
    pub review_href: Option<String>,
    /// Whether the caller may publish urgently.
    pub can_urgent: bool,
    /// The kind of draft: `guide`, `directory` or `rollback`.
    pub kind: &'static str,
}

/// Things to show on the draft page besides the draft.
#[derive(Debug, Default)]
pub struct Extra {
    /// Notices for the top of the page.
    pub notices: Vec<(&'static str, String)>,
    /// An error at a field of the page's own forms: (field id, message).
    pub field_error: Option<(String, String)>,
    /// The "what's new" text as typed.
    pub whats_new: Option<LocalizedText>,
}

/// Loads a draft and what the page needs besides it.
pub async fn load(
    state: &WebState,
    caller: &Caller,
    id: &str,
) -> Result<(Draft, Vec<BaseChange>), WebError> {
    let (p, id) = (caller.principal.clone(), id.to_string());
    state
        .call(move |s| Ok::<_, AdminError>((s.draft(&p, &id)?, s.diff(&p, &id)?.stale)))
        .await
        .map_err(|e| WebError::new(caller.ui, e))
}

/// A guide draft, what changed under it, and its guide (a 400 page when the form cannot
/// open it).
pub async fn load_guide(
    state: &WebState,
    caller: &Caller,
    id: &str,
) -> Result<(Draft, Vec<BaseChange>, Guide), WebError> {
    let (d, stale) = load(state, caller, id).await?;
    let guide = draft_guide(&d).map_err(|e| {
        WebError::new(
            caller.ui,
            AdminError::BadRequest {
                field: "content".into(),
                message: e,
            },
        )
    })?;
    Ok((d, stale, guide))
}

/// The guide of a guide draft (`Err`: why the form cannot open it).
pub fn draft_guide(d: &Draft) -> Result<Guide, String> {
    guide_of_toml(&d.file_name, &d.content)
}

/// Builds the draft page.
pub fn draft_page(
    state: &WebState,
    caller: &Caller,
    d: &Draft,
    stale: Vec<BaseChange>,
    extra: Extra,
) -> DraftPage {
    let ui = caller.ui;
    let issues = content_issues(&d.issues);
    let lang = ui.lang.content_lang();
    let (mut meta, mut steps, mut flow, mut form_problem) = (None, Vec::new(), None, None);
    if d.kind == DraftKind::Guide {
        match draft_guide(d) {
            Ok(g) => {
                let href = |step: &str| format!("/admin/drafts/{}/steps/{step}", d.id);
                meta = Some(meta_form(ui, &g, &issues));
                steps = g
                    .steps
                    .iter()
                    .map(|s| step_item(ui, &g, s, &issues, &href(&s.id)))
                    .collect();
                flow = Some(flowchart(&g, ui, lang, &href));
            }
            Err(e) => form_problem = Some(e),
        }
    }
    let summary = issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| FieldError {
            field_id: i.step.as_ref().map(|s| format!("step-{s}")),
            path: [i.step.clone(), i.field.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(": "),
            message: i.message.clone(),
        })
        .collect();
    let warnings = issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .map(|i| i.to_string())
        .collect();
    let mut whats_new = text_row(
        ui,
        ui.whats_new(),
        "whats_new",
        extra.whats_new.as_ref(),
        true,
        true,
    );
    let mut reason_errors = Vec::new();
    if let Some((id, message)) = &extra.field_error {
        for c in &mut whats_new.cells {
            if &c.id == id {
                c.errors.push(message.clone());
            }
        }
        if id == "f-reason" {
            reason_errors.push(message.clone());
        }
    }
    let (status, editable, review_href) = match &d.state {
        DraftState::Editing => (ui.status_draft(), true, None),
        DraftState::InReview { review } => (
            ui.status_in_review(),
            true,
            Some(format!("/admin/reviews/{review}")),
        ),
        DraftState::Published { review, .. } => (
            ui.status_published(),
            false,
            Some(format!("/admin/reviews/{review}")),
        ),
    };
    let mut c = chrome(
        state,
        caller,
        Ui::fill(ui.draft_title(), &[("what", &super::lists::draft_what(d))]),
        Section::Guides,
    );
    for (class, text) in extra.notices {
        c = c.notice(class, text);
    }
    DraftPage {
        chrome: c,
        id: d.id.clone(),
        what: super::lists::draft_what(d),
        status: status.into(),
        authors: d.authors.join(", "),
        updated: when(&d.updated_at),
        base: d.base_sequence,
        valid: d.valid,
        editable,
        meta,
        steps,
        flow,
        form_problem,
        summary,
        warnings,
        stale,
        toml: d.content.clone(),
        rollback: d.rollback.as_ref().map(|r| {
            format!(
                "{} @ {}{}",
                r.collection,
                r.sequence,
                r.record
                    .as_ref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default()
            )
        }),
        whats_new,
        reason_errors,
        review_href,
        can_urgent: caller.has(Role::Reviewer),
        kind: match d.kind {
            DraftKind::Guide => "guide",
            DraftKind::Directory => "directory",
            DraftKind::Rollback => "rollback",
        },
    }
}

fn step_item(ui: Ui, g: &Guide, s: &Step, issues: &[ContentIssue], href: &str) -> StepItem {
    let lang = ui.lang.content_lang();
    let mut kind = match s.kind {
        StepKind::Question { .. } => ui.kind_question(),
        StepKind::Action { .. } => ui.kind_action(),
        StepKind::End => ui.kind_end(),
    }
    .to_string();
    if g.start == s.id {
        kind.push_str(&format!(" · {}", ui.flow_start_marker()));
    }
    if g.acute_step == s.id {
        kind.push_str(&format!(" · {}", ui.flow_acute_marker()));
    } else if s.urgent {
        kind.push_str(&format!(" · {}", ui.flow_urgent_marker()));
    }
    StepItem {
        id: s.id.clone(),
        title: s
            .title
            .as_ref()
            .map(|t| t.get(lang))
            .unwrap_or_else(|| s.text.get(lang))
            .chars()
            .take(80)
            .collect(),
        kind,
        href: href.to_string(),
        errors: issues
            .iter()
            .filter(|i| i.severity == Severity::Error && i.step.as_deref() == Some(s.id.as_str()))
            .count(),
    }
}

/// `GET /admin/drafts/{id}`.
pub async fn show(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (d, stale) = load(&state, &caller, &id).await?;
    let mut extra = Extra::default();
    if !stale.is_empty() {
        extra
            .notices
            .push(("warn", caller.ui.draft_is_stale().into()));
    }
    Ok(html(
        StatusCode::OK,
        &draft_page(&state, &caller, &d, stale, extra),
    ))
}

/// Raises the guide's revision above the live one (a changed guide needs a new revision;
/// the form editor does it for the editor, who should not have to know).
pub async fn next_revision(
    state: &WebState,
    caller: &Caller,
    guide: &mut Guide,
) -> Result<(), WebError> {
    let st = state.clone();
    let live = state
        .call(move |_| live_records(&st, Collection::Guides))
        .await
        .map_err(|e| WebError::new(caller.ui, e))?;
    let live_revision = live
        .iter()
        .find(|(id, _)| *id == guide.id)
        .and_then(|(_, v)| v.get("revision"))
        .and_then(|r| r.as_u64());
    if let Some(r) = live_revision {
        let r = u32::try_from(r).unwrap_or(u32::MAX);
        if guide.revision <= r {
            guide.revision = r.saturating_add(1);
        }
    }
    Ok(())
}

/// Saves a new text of a draft.
pub async fn save_text(
    state: &WebState,
    caller: &Caller,
    id: &str,
    text: String,
) -> Result<Draft, WebError> {
    let (p, id) = (caller.principal.clone(), id.to_string());
    state
        .call(move |s| s.save_draft(&p, &id, &text))
        .await
        .map_err(|e| WebError::new(caller.ui, e))
}

fn saved_notice(ui: Ui, d: &Draft) -> (&'static str, String) {
    if d.valid {
        ("", ui.saved().into())
    } else {
        ("warn", ui.saved_with_errors().into())
    }
}

async fn edit_guide(
    state: WebState,
    caller: Caller,
    id: String,
    form: Pairs,
    edit: impl FnOnce(&mut Guide, &Pairs) -> Result<Option<String>, (String, String)>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let (d, stale, mut guide) = load_guide(&state, &caller, &id).await?;
    match edit(&mut guide, &form) {
        Ok(go_to) => {
            let text =
                guide_to_toml(&guide).map_err(|e| WebError::new(ui, AdminError::Internal(e)))?;
            let d = save_text(&state, &caller, &id, text).await?;
            if let Some(path) = go_to {
                return Ok(Redirect::to(&path).into_response());
            }
            let extra = Extra {
                notices: vec![saved_notice(ui, &d)],
                ..Extra::default()
            };
            Ok(html(
                StatusCode::OK,
                &draft_page(&state, &caller, &d, stale, extra),
            ))
        }
        Err((field, message)) => {
            let extra = Extra {
                notices: vec![("error", format!("{field}: {message}"))],
                ..Extra::default()
            };
            Ok(html(
                StatusCode::BAD_REQUEST,
                &draft_page(&state, &caller, &d, stale, extra),
            ))
        }
    }
}

/// `POST /admin/drafts/{id}/meta`: the guide's own fields.
pub async fn save_meta(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    edit_guide(state, caller, id, form, |g, f| {
        apply_meta(g, f).map(|_| None)
    })
    .await
}

/// `POST /admin/drafts/{id}/steps`: adds a step (`id`, `kind`) and opens its editor.
pub async fn add_step(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let draft = id.clone();
    edit_guide(state, caller, id, form, move |g, f| {
        let step_id = f.text("step_id");
        if !veiviser_core::guide::validate::is_valid_id(&step_id) {
            return Err((
                "step_id".into(),
                "use only the letters a-z and A-Z, digits, `-`, `_` and `.`".into(),
            ));
        }
        if g.step(&step_id).is_some() {
            return Err((
                "step_id".into(),
                format!("the guide already has a step `{step_id}`"),
            ));
        }
        let kind = match f.get("kind") {
            Some("question") => StepKind::Question {
                options: Vec::new(),
            },
            Some("end") => StepKind::End,
            _ => StepKind::Action {
                next: String::new(),
            },
        };
        g.steps.push(Step {
            id: step_id.clone(),
            title: None,
            text: LocalizedText::default(),
            kind,
            urgent: false,
            loop_back: false,
            checklist: Vec::new(),
            contacts: Vec::new(),
            legal: Vec::new(),
            links: Vec::new(),
            branch_on: None,
        });
        Ok(Some(format!("/admin/drafts/{draft}/steps/{step_id}")))
    })
    .await
}

/// `POST /admin/drafts/{id}/steps/{step}/delete`.
pub async fn delete_step(
    State(state): State<WebState>,
    caller: Caller,
    Path((id, step)): Path<(String, String)>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    edit_guide(state, caller, id, form, move |g, _| {
        g.steps.retain(|s| s.id != step);
        Ok(None)
    })
    .await
}

/// `GET /admin/drafts/{id}/toml`: the draft's file, as a download.
pub async fn download(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let (d, _) = load(&state, &caller, &id).await?;
    let name = d
        .file_name
        .rsplit('/')
        .next()
        .unwrap_or("draft.toml")
        .replace('"', "");
    let mut res = d.content.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/toml; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    crate::admin_web::security::secure_headers(h);
    Ok(res)
}

/// `POST /admin/drafts/{id}/toml`: replaces the draft's text (the TOML as pasted).
pub async fn upload(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    let text = form.get("toml").unwrap_or("").replace("\r\n", "\n");
    let d = save_text(&state, &caller, &id, text).await?;
    let (_, stale) = load(&state, &caller, &id).await?;
    let extra = Extra {
        notices: vec![saved_notice(caller.ui, &d)],
        ..Extra::default()
    };
    Ok(html(
        StatusCode::OK,
        &draft_page(&state, &caller, &d, stale, extra),
    ))
}
