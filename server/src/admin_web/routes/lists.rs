//! The dashboard and the lists: live guides and directory entries, stale content, the audit
//! log.

use super::{chrome, live_records, when};
use crate::admin::audit::AuditQuery;
use crate::admin::drafts::{Draft, DraftKind, DraftState};
use crate::admin::review::ReviewState;
use crate::admin::stale::StaleList;
use crate::admin::Role;
use crate::admin_web::error::WebError;
use crate::admin_web::page::{html, Chrome, Section};
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use veiviser_core::sync::protocol::Collection;

/// One row of a list of drafts or reviews.
#[derive(Debug, Clone)]
pub struct Row {
    /// Link to the draft or review.
    pub href: String,
    /// What it changes.
    pub what: String,
    /// Its status in words.
    pub status: String,
    /// Who wrote or asked.
    pub who: String,
    /// When it last changed.
    pub when: String,
    /// A deadline or warning, if any.
    pub note: String,
    /// Whether the note is a passed deadline.
    pub overdue: bool,
}

/// The dashboard.
#[derive(Template)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The caller's drafts being edited or in review.
    pub my_drafts: Vec<Row>,
    /// Reviews waiting for a reviewer.
    pub to_review: Vec<Row>,
    /// Urgent publishes waiting for their second review.
    pub second_review: Vec<Row>,
    /// How many stale items there are, and the link.
    pub stale_count: usize,
}

/// What a draft changes, for lists.
pub fn draft_what(d: &Draft) -> String {
    if !d.touches.is_empty() {
        d.touches.join(", ")
    } else {
        d.file_name.clone()
    }
}

fn draft_status(ui: crate::admin_web::messages::Ui, d: &Draft) -> String {
    match &d.state {
        DraftState::Editing => ui.status_draft().into(),
        DraftState::InReview { .. } => ui.status_in_review().into(),
        DraftState::Published { .. } => ui.status_published().into(),
    }
}

/// `GET /admin`.
pub async fn dashboard(
    State(state): State<WebState>,
    caller: Caller,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let p = caller.principal.clone();
    let today = chrono::Utc::now().date_naive();
    let (drafts, pending, second, stale) = state
        .call(move |s| {
            Ok::<_, crate::admin::AdminError>((
                s.drafts(&p)?,
                s.reviews(&p, Some(ReviewState::Pending))?,
                s.second_reviews(&p)?,
                s.stale(&p, today)?,
            ))
        })
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let name = caller.principal.name.clone();
    let by_id = |id: &str| drafts.iter().find(|d| d.id == id);
    let my_drafts = drafts
        .iter()
        .filter(|d| d.authors.contains(&name) && !matches!(d.state, DraftState::Published { .. }))
        .map(|d| Row {
            href: format!("/admin/drafts/{}", d.id),
            what: draft_what(d),
            status: draft_status(ui, d),
            who: d.authors.join(", "),
            when: when(&d.updated_at),
            note: if d.valid {
                String::new()
            } else {
                ui.draft_has_errors().into()
            },
            overdue: false,
        })
        .collect();
    let review_row = |r: &crate::admin::review::Review| {
        let what = by_id(&r.draft)
            .map(draft_what)
            .unwrap_or_else(|| r.draft.clone());
        let (note, overdue) = match &r.second_review {
            Some(s) => (
                crate::admin_web::messages::Ui::fill(
                    ui.deadline(),
                    &[("date", &when(&s.deadline))],
                ),
                s.deadline < chrono::Utc::now(),
            ),
            None => (String::new(), false),
        };
        Row {
            href: format!("/admin/reviews/{}", r.id),
            what,
            status: r.summary.nb.clone(),
            who: r.requested_by.clone(),
            when: when(&r.requested_at),
            note,
            overdue,
        }
    };
    let page = DashboardPage {
        chrome: chrome(&state, &caller, ui.dashboard_title(), Section::Dashboard),
        my_drafts,
        to_review: pending.iter().map(review_row).collect(),
        second_review: second.iter().map(review_row).collect(),
        stale_count: stale.unverified.len()
            + stale.estimated_hours.len()
            + stale.overdue_guides.len(),
    };
    Ok(html(StatusCode::OK, &page))
}

/// One live record with the action to start a draft from it.
#[derive(Debug, Clone)]
pub struct LiveItem {
    /// The record id.
    pub id: String,
    /// Its name or title.
    pub name: String,
    /// Where its flowchart is (guides only).
    pub flowchart: Option<String>,
}

/// The list of live guides or directory entries.
#[derive(Template)]
#[template(path = "admin/live_list.html")]
pub struct LiveListPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// `guides` or `directory`.
    pub collection: &'static str,
    /// The records.
    pub items: Vec<LiveItem>,
    /// Whether the caller may write drafts.
    pub can_write: bool,
    /// Whether the caller may roll back.
    pub can_roll_back: bool,
}

async fn live_list(
    state: WebState,
    caller: Caller,
    collection: Collection,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let st = state.clone();
    let records = state
        .call(move |_| live_records(&st, collection))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let lang = ui.lang.content_lang();
    let items = records
        .into_iter()
        .map(|(id, v)| {
            let name = match collection {
                Collection::Guides => serde_json::from_value::<veiviser_core::guide::Guide>(v)
                    .map(|g| g.title.get(lang).to_string())
                    .unwrap_or_default(),
                _ => v
                    .as_object()
                    .and_then(|o| o.values().next())
                    .and_then(|e| e.get("name"))
                    .map(|n| match n {
                        serde_json::Value::String(s) => s.clone(),
                        other => other
                            .get(lang.code())
                            .or_else(|| other.get("nb"))
                            .and_then(|s| s.as_str())
                            .unwrap_or("")
                            .to_string(),
                    })
                    .unwrap_or_default(),
            };
            LiveItem {
                flowchart: (collection == Collection::Guides)
                    .then(|| format!("/admin/guides/{id}/flowchart")),
                id,
                name,
            }
        })
        .collect();
    let (title, section, name) = match collection {
        Collection::Guides => (ui.nav_guides(), Section::Guides, "guides"),
        _ => (ui.nav_directory(), Section::Directory, "directory"),
    };
    let page = LiveListPage {
        chrome: chrome(&state, &caller, title, section),
        collection: name,
        items,
        can_write: caller.has(Role::Editor) || caller.has(Role::Reviewer),
        can_roll_back: caller.has(Role::Reviewer),
    };
    Ok(html(StatusCode::OK, &page))
}

/// `GET /admin/guides`.
pub async fn guides(State(state): State<WebState>, caller: Caller) -> Result<Response, WebError> {
    live_list(state, caller, Collection::Guides).await
}

/// `GET /admin/directory`.
pub async fn directory(
    State(state): State<WebState>,
    caller: Caller,
) -> Result<Response, WebError> {
    live_list(state, caller, Collection::Directory).await
}

/// The stale content list.
#[derive(Template)]
#[template(path = "admin/stale.html")]
pub struct StalePage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The list.
    pub list: StaleList,
}

/// `GET /admin/stale`.
pub async fn stale(State(state): State<WebState>, caller: Caller) -> Result<Response, WebError> {
    let ui = caller.ui;
    let p = caller.principal.clone();
    let today = chrono::Utc::now().date_naive();
    let list = state
        .call(move |s| s.stale(&p, today))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let page = StalePage {
        chrome: chrome(&state, &caller, ui.nav_stale(), Section::Stale),
        list,
    };
    Ok(html(StatusCode::OK, &page))
}

/// The audit log filter as the form posts it (empty fields mean "any").
#[derive(Debug, Default, serde::Deserialize)]
pub struct AuditFilter {
    /// Account name, or `system`.
    #[serde(default)]
    pub actor: String,
    /// Event kind.
    #[serde(default)]
    pub kind: String,
    /// `people`, `system` or empty.
    #[serde(default)]
    pub who: String,
}

/// One audit row.
#[derive(Debug, Clone)]
pub struct AuditRow {
    /// Sequence number.
    pub seq: u64,
    /// When.
    pub at: String,
    /// Who.
    pub actor: String,
    /// Whether it is a system event.
    pub system: bool,
    /// What.
    pub kind: String,
    /// To what.
    pub target: String,
    /// Detail.
    pub detail: String,
}

/// The audit log page.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// The filter as given.
    pub filter: AuditFilter,
    /// The matching events, newest first.
    pub rows: Vec<AuditRow>,
}

/// `GET /admin/audit?actor=&kind=&who=`.
pub async fn audit(
    State(state): State<WebState>,
    caller: Caller,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, WebError> {
    let ui = caller.ui;
    let p = caller.principal.clone();
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let query = AuditQuery {
        actor: some(&filter.actor),
        kind: some(&filter.kind),
        system: match filter.who.as_str() {
            "system" => Some(true),
            "people" => Some(false),
            _ => None,
        },
        limit: Some(500),
        ..AuditQuery::default()
    };
    let events = state
        .call(move |s| s.audit(&p, &query))
        .await
        .map_err(|e| WebError::new(ui, e))?;
    let rows = events
        .into_iter()
        .map(|e| AuditRow {
            seq: e.seq,
            at: when(&e.at),
            system: matches!(e.actor, crate::admin::audit::Actor::System),
            actor: e.actor.label().to_string(),
            kind: e.kind,
            target: e.target,
            detail: e.detail,
        })
        .collect();
    let page = AuditPage {
        chrome: chrome(&state, &caller, ui.nav_audit(), Section::Audit),
        filter,
        rows,
    };
    Ok(html(StatusCode::OK, &page))
}

/// Whether a draft is of a guide (the step editor applies).
pub fn is_guide(d: &Draft) -> bool {
    d.kind == DraftKind::Guide
}
