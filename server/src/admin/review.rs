//! Reviews: a request to publish a draft, with its summary for users, and the reviewer's
//! decision; plus the diff a reviewer reads (text per record, and the guide graph's changes).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use utoipa::ToSchema;
use veiviser_core::guide::Guide;

/// The "what's new" text shown to users after the sync that brings a publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Summary {
    /// Bokmål (required).
    #[schema(pattern = "\\S", max_length = 2000)]
    pub nb: String,
    /// Nynorsk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nn: Option<String>,
    /// English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// Longest summary text per language, in characters.
pub const MAX_SUMMARY_CHARS: usize = 2000;

impl Summary {
    /// Trims the texts and drops empty translations; `Err` names the field when bokmål is
    /// empty or a text is too long.
    pub fn normalized(&self) -> Result<Summary, (String, String)> {
        let nb = self.nb.trim().to_string();
        if nb.is_empty() {
            return Err((
                "summary.nb".into(),
                "write what is new for users in bokmål (nynorsk and English are optional)".into(),
            ));
        }
        let opt = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let s = Summary {
            nb,
            nn: opt(&self.nn),
            en: opt(&self.en),
        };
        for (field, text) in [
            ("nb", Some(&s.nb)),
            ("nn", s.nn.as_ref()),
            ("en", s.en.as_ref()),
        ] {
            if text.is_some_and(|t| t.chars().count() > MAX_SUMMARY_CHARS) {
                return Err((
                    format!("summary.{field}"),
                    format!("the summary is too long: at most {MAX_SUMMARY_CHARS} characters"),
                ));
            }
        }
        Ok(s)
    }
}

/// Where a review is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Waiting for a reviewer.
    Pending,
    /// Approved and published.
    Published,
    /// Declined (with a comment); the draft is back in editing.
    Declined,
    /// The draft was saved again after the request; a new request is needed.
    Withdrawn,
}

/// The second review an urgent publish needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SecondReview {
    /// After this, admins are warned.
    pub deadline: DateTime<Utc>,
    /// The second reviewer, once confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_by: Option<String>,
    /// When it was confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<DateTime<Utc>>,
    /// Whether admins were warned that the deadline passed.
    #[serde(default)]
    pub overdue_warned: bool,
}

/// The published sequences of a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct PublishedRange {
    /// First sequence of the batch.
    pub first: u64,
    /// Last sequence of the batch.
    pub last: u64,
}

/// A review as stored and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Review {
    /// Random id.
    pub id: String,
    /// The draft.
    pub draft: String,
    /// Who asked (or, for an urgent publish, who published).
    pub requested_by: String,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// The text for users.
    pub summary: Summary,
    /// SHA-256 of the draft content reviewed; a later save withdraws the review.
    pub content_sha256: String,
    /// Where it is.
    pub state: ReviewState,
    /// The reviewer who approved or declined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<String>,
    /// When.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<DateTime<Utc>>,
    /// The reviewer's comment (required to decline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The published sequences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedRange>,
    /// Published by one reviewer without review (an urgent fix).
    #[serde(default)]
    pub urgent: bool,
    /// For an urgent publish: the second review it still needs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub second_review: Option<SecondReview>,
}

impl Review {
    /// An urgent publish whose second review is still missing.
    pub fn needs_second_review(&self) -> bool {
        self.second_review
            .as_ref()
            .is_some_and(|s| s.confirmed_by.is_none())
    }
}

/// How one record changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RecordDiff {
    /// `guides/ID`, `directory/ID`, …
    pub record: String,
    /// `added`, `changed` or `removed`.
    pub change: String,
    /// A unified diff of the record as TOML (live → draft).
    pub text: String,
    /// For a guide: how its graph changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub graph: Option<GraphDiff>,
}

/// An edge of a guide graph: from a step to a step, through an option (or `next`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
pub struct Edge {
    /// The step it leaves.
    pub from: String,
    /// The option id, or `next` for an action step.
    pub via: String,
    /// The step it leads to.
    pub to: String,
}

/// How a guide's graph changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct GraphDiff {
    /// Steps only in the draft.
    pub steps_added: Vec<String>,
    /// Steps only live.
    pub steps_removed: Vec<String>,
    /// Steps in both whose content differs.
    pub steps_changed: Vec<String>,
    /// Edges only in the draft.
    pub edges_added: Vec<Edge>,
    /// Edges only live.
    pub edges_removed: Vec<Edge>,
}

fn edges(g: &Guide) -> BTreeSet<Edge> {
    use veiviser_core::guide::StepKind;
    let mut out = BTreeSet::new();
    for s in &g.steps {
        match &s.kind {
            StepKind::Question { options } => {
                for o in options {
                    out.insert(Edge {
                        from: s.id.clone(),
                        via: o.id.clone(),
                        to: o.next.clone(),
                    });
                }
            }
            StepKind::Action { next } => {
                out.insert(Edge {
                    from: s.id.clone(),
                    via: "next".into(),
                    to: next.clone(),
                });
            }
            StepKind::End => {}
        }
    }
    out
}

/// The graph changes from `old` to `new` (either may be absent).
pub fn graph_diff(old: Option<&Guide>, new: Option<&Guide>) -> GraphDiff {
    let steps = |g: Option<&Guide>| -> BTreeMap<String, Value> {
        g.map(|g| {
            g.steps
                .iter()
                .map(|s| (s.id.clone(), serde_json::to_value(s).unwrap_or(Value::Null)))
                .collect()
        })
        .unwrap_or_default()
    };
    let (a, b) = (steps(old), steps(new));
    let (ea, eb) = (
        old.map(edges).unwrap_or_default(),
        new.map(edges).unwrap_or_default(),
    );
    GraphDiff {
        steps_added: b.keys().filter(|k| !a.contains_key(*k)).cloned().collect(),
        steps_removed: a.keys().filter(|k| !b.contains_key(*k)).cloned().collect(),
        steps_changed: a
            .iter()
            .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
            .map(|(k, _)| k.clone())
            .collect(),
        edges_added: eb.difference(&ea).cloned().collect(),
        edges_removed: ea.difference(&eb).cloned().collect(),
    }
}

/// A unified diff of two texts, labelled `live` and `draft`.
pub fn text_diff(old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header("live", "draft")
        .to_string()
}

/// The SHA-256 (hex) of a draft's content.
pub fn content_hash(text: &str) -> String {
    crate::publishing::published::sha256_hex(text.as_bytes())
}
