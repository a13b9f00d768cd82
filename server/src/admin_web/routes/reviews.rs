//! A review: what the draft changes against live (field by field, the unified text diff and
//! the graph's changes), its flowchart, a preview walk as staff will see it, and the
//! reviewer's decision (approve, decline with a comment, confirm an urgent publish).

use super::drafts::{content_issues, draft_guide};
use super::{chrome, live_records, when};
use crate::admin::drafts::{Draft, DraftKind};
use crate::admin::review::{RecordDiff, Review, ReviewState};
use crate::admin::{AdminError, Role};
use crate::admin_web::diff::{guide_diff, GuideDiff};
use crate::admin_web::editor::form::Pairs;
use crate::admin_web::error::WebError;
use crate::admin_web::flowchart::{flowchart, Flowchart};
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{html, Chrome, Section};
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use veiviser_core::guide::Guide;
use veiviser_core::sync::protocol::Collection;

/// The review page.
#[derive(Template)]
#[template(path = "admin/review.html")]
pub struct ReviewPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The review.
    pub review: Review,
    /// Its state in words.
    pub state: String,
    /// When it was asked for.
    pub requested: String,
    /// The second review's deadline, for an urgent publish still waiting.
    pub deadline: Option<(String, bool)>,
    /// The draft.
    pub draft: Draft,
    /// Per record: the unified diff and the graph's changes.
    pub records: Vec<RecordDiff>,
    /// For a guide draft: every changed field, step by step.
    pub fields: Option<GuideDiff>,
    /// The draft guide's flowchart.
    pub flow: Option<Flowchart>,
    /// Where the preview walk starts.
    pub preview_href: Option<String>,
    /// Whether the caller may approve or decline (a reviewer and none of the authors).
    pub can_decide: bool,
    /// Why the caller may not decide, in words (empty when they may).
    pub cannot_decide: String,
    /// Whether the caller may confirm the urgent publish.
    pub can_confirm: bool,
    /// The draft's errors (an invalid draft cannot be approved).
    pub errors: Vec<String>,
    /// The error at the decline comment.
    pub comment_error: String,
    /// The comment as typed.
    pub comment: String,
}

fn state_name(ui: Ui, r: &Review) -> String {
    let s = match r.state {
        ReviewState::Pending => ui.review_pending(),
        ReviewState::Published => ui.status_published(),
        ReviewState::Declined => ui.status_declined(),
        ReviewState::Withdrawn => ui.review_withdrawn(),
    };
    if r.needs_second_review() {
        format!("{s} – {}", ui.needs_second_review())
    } else {
        s.to_string()
    }
}

async fn build(
    state: &WebState,
    caller: &Caller,
    id: &str,
    comment_error: String,
    comment: String,
) -> Result<ReviewPage, WebError> {
    let ui = caller.ui;
    let (p, rid, st) = (caller.principal.clone(), id.to_string(), state.clone());
    let (review, draft, diff, live) = state
        .call(move |s| {
            let review = s.review(&p, &rid)?;
            let draft = s.draft(&p, &review.draft)?;
            let diff = s.diff(&p, &draft.id)?;
            Ok::<_, AdminError>((review, draft, diff, live_records(&st, Collection::Guides)?))
        })
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let (mut fields, mut flow, mut preview_href) = (None, None, None);
    if draft.kind == DraftKind::Guide {
        if let Ok(g) = draft_guide(&draft) {
            let live: Option<Guide> = live
                .iter()
                .find(|(rid, _)| *rid == g.id)
                .and_then(|(_, v)| serde_json::from_value(v.clone()).ok());
            fields = Some(guide_diff(live.as_ref(), &g));
            let href = |step: &str| format!("/admin/drafts/{}/steps/{step}", draft.id);
            flow = Some(flowchart(&g, ui, ui.lang.content_lang(), &href));
            preview_href = Some(format!("/admin/drafts/{}/preview", draft.id));
        }
    }
    let is_author = draft.authors.contains(&caller.principal.name)
        || review.requested_by == caller.principal.name;
    let pending = review.state == ReviewState::Pending;
    let cannot_decide = if !pending {
        String::new()
    } else if !caller.has(Role::Reviewer) {
        ui.cannot_decide_role().to_string()
    } else if is_author {
        ui.cannot_decide_author().to_string()
    } else {
        String::new()
    };
    let can_confirm = review.needs_second_review() && caller.has(Role::Reviewer) && !is_author;
    let deadline = review
        .second_review
        .as_ref()
        .filter(|_| review.needs_second_review())
        .map(|s| (when(&s.deadline), s.deadline < chrono::Utc::now()));
    let errors = content_issues(&diff.issues)
        .iter()
        .filter(|i| i.severity == veiviser_core::error::Severity::Error)
        .map(|i| i.to_string())
        .collect();
    Ok(ReviewPage {
        chrome: chrome(
            state,
            caller,
            Ui::fill(
                ui.review_title(),
                &[("what", &super::lists::draft_what(&draft))],
            ),
            Section::Dashboard,
        ),
        state: state_name(ui, &review),
        requested: when(&review.requested_at),
        deadline,
        can_decide: pending && cannot_decide.is_empty(),
        cannot_decide,
        can_confirm,
        records: diff.records,
        fields,
        flow,
        preview_href,
        errors,
        comment_error,
        comment,
        review,
        draft,
    })
}

/// `GET /admin/reviews/{id}`.
pub async fn show(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let page = build(&state, &caller, &id, String::new(), String::new()).await?;
    Ok(html(StatusCode::OK, &page))
}

async fn decide(
    state: WebState,
    caller: Caller,
    id: String,
    form: Pairs,
    action: &'static str,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let comment = form.text("comment");
    if action == "decline" && comment.is_empty() {
        let page = build(
            &state,
            &caller,
            &id,
            ui.decline_comment_required().into(),
            comment,
        )
        .await?;
        return Ok(html(StatusCode::BAD_REQUEST, &page));
    }
    let (p, rid) = (caller.principal.clone(), id.clone());
    let result = state
        .call(move |s| match action {
            "approve" => s.approve(&p, &rid),
            "decline" => s.decline(&p, &rid, &comment),
            _ => s.confirm(&p, &rid),
        })
        .await;
    match result {
        Ok(r) => Ok(Redirect::to(&format!("/admin/reviews/{}", r.id)).into_response()),
        Err(e) => Err(WebError::new(ui, e).at(&format!("/admin/reviews/{id}"))),
    }
}

/// `POST /admin/reviews/{id}/approve`: signs and publishes the next sequence.
pub async fn approve(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    decide(state, caller, id, form, "approve").await
}

/// `POST /admin/reviews/{id}/decline` (a comment is required).
pub async fn decline(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    decide(state, caller, id, form, "decline").await
}

/// `POST /admin/reviews/{id}/confirm`: the second review of an urgent publish.
pub async fn confirm(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
    Form(form): Form<Pairs>,
) -> Result<Response, WebError> {
    decide(state, caller, id, form, "confirm").await
}

/// The flowchart of a live guide.
#[derive(Template)]
#[template(path = "admin/guide_flow.html")]
pub struct GuideFlowPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The flowchart.
    pub flow: Flowchart,
}

/// `GET /admin/guides/{id}/flowchart`.
pub async fn live_flowchart(
    State(state): State<WebState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let st = state.clone();
    let records = state
        .call(move |_| live_records(&st, Collection::Guides))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let guide: Guide = records
        .into_iter()
        .find(|(rid, _)| *rid == id)
        .and_then(|(_, v)| serde_json::from_value(v).ok())
        .ok_or_else(|| WebError::not_found(ui))?;
    let href = |step: &str| format!("#outline-{step}");
    let flow = flowchart(&guide, ui, ui.lang.content_lang(), &href);
    let title = format!(
        "{} – {}",
        ui.flow_title(),
        guide.title.get(ui.lang.content_lang())
    );
    Ok(html(
        StatusCode::OK,
        &GuideFlowPage {
            chrome: chrome(&state, &caller, title, Section::Guides),
            flow,
        },
    ))
}
