//! The resume outcome: what the user is told when a saved walk is opened again.

use crate::guide::navigator::ResumeOutcome;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// What happened when a saved session was resumed, ready to show in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ResumeView {
    /// `exact`, `replayed` or `restarted`.
    pub outcome: String,
    /// The revision the session was saved on (not for `exact`).
    pub from_revision: Option<u32>,
    /// The revision it now walks (not for `exact`).
    pub to_revision: Option<u32>,
    /// The sentence to show; `None` when nothing changed.
    pub message: Option<String>,
}

impl ResumeView {
    /// The outcome in `lang`.
    pub fn new(outcome: &ResumeOutcome, lang: Lang) -> Self {
        let (code, from, to) = match outcome {
            ResumeOutcome::Exact => ("exact", None, None),
            ResumeOutcome::Replayed {
                from_revision,
                to_revision,
            } => ("replayed", Some(*from_revision), Some(*to_revision)),
            ResumeOutcome::Restarted {
                from_revision,
                to_revision,
                ..
            } => ("restarted", Some(*from_revision), Some(*to_revision)),
        };
        ResumeView {
            outcome: code.to_string(),
            from_revision: from,
            to_revision: to,
            // The sentences are the catalog's `RESUME_*`; the navigator fills them in.
            message: outcome.user_message(lang),
        }
    }
}
