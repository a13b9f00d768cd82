//! The admin audit log: who did what and when, append-only, with system events (deadline
//! warnings, the server's own actions) kept apart from people's.
//!
//! Events name accounts, drafts, reviews and sequences — never any content about a child
//! (the admin side holds none) and never a password, token or session id.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Who did it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", content = "name", rename_all = "lowercase")]
pub enum Actor {
    /// A person, by account name.
    User(String),
    /// The server itself (deadline checks, demo set-up).
    System,
}

impl Actor {
    /// The account name, or `system`.
    pub fn label(&self) -> &str {
        match self {
            Actor::User(n) => n,
            Actor::System => "system",
        }
    }
}

/// One audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AuditEvent {
    /// Increasing number (1, 2, …).
    pub seq: u64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: Actor,
    /// What, e.g. `login`, `login_failed`, `draft_saved`, `review_approved`, `published`.
    pub kind: String,
    /// What it was done to, e.g. `draft:ab12…`, `review:…`, `account:kari`.
    pub target: String,
    /// A short description (no personal data).
    pub detail: String,
}

/// A filter over the audit log (every given condition must hold).
#[derive(Debug, Clone, Default, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only events by this account (`system` for system events).
    pub actor: Option<String>,
    /// Only events of this kind.
    pub kind: Option<String>,
    /// Only events at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Only events before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// `true`: only system events; `false`: only people's events.
    pub system: Option<bool>,
    /// At most this many, newest first (default 500).
    pub limit: Option<usize>,
}

impl AuditQuery {
    /// Whether `e` passes the filter.
    pub fn matches(&self, e: &AuditEvent) -> bool {
        self.actor.as_deref().is_none_or(|a| e.actor.label() == a)
            && self.kind.as_deref().is_none_or(|k| e.kind == k)
            && self.from.is_none_or(|f| e.at >= f)
            && self.to.is_none_or(|t| e.at < t)
            && self
                .system
                .is_none_or(|s| s == matches!(e.actor, Actor::System))
    }

    /// The matching events of `all` (oldest first), newest first, at most `limit`.
    pub fn apply(&self, all: Vec<AuditEvent>) -> Vec<AuditEvent> {
        let limit = self.limit.unwrap_or(500);
        all.into_iter()
            .rev()
            .filter(|e| self.matches(e))
            .take(limit)
            .collect()
    }
}
