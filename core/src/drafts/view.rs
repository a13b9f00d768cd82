//! The draft screens' view models, built for one language at a given instant: every sentence
//! ready to show (guidance, "deleted in N days", the do-not-inform warning, what is missing).

use super::messages::Msg;
use super::model::{
    days_until, Child, Conversation, Draft, Foresatt, Measure, MeldingText, Observation, Recipient,
    ReporterProfile,
};
use super::store::Listed;
use super::validate::{validate, Problem};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One draft as the edit screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DraftView {
    /// The draft id.
    pub id: String,
    /// The child's name, or "Untitled draft".
    pub heading: String,
    /// Whole days until the draft is destroyed.
    pub days_left: u32,
    /// "Deleted in N days." (shown from the first save).
    pub expiry_text: String,
    /// Days after the last edit the draft is kept (1..=14).
    pub retention_days: u32,
    /// Shown prominently when the walk went through the violence bypass: do not inform the parents.
    pub warning: Option<String>,
    /// Guidance: observation not conclusion, not anonymous, never e-mail, acute by phone first.
    pub guidance: Vec<String>,
    /// Prompts for a new observation (what, the child's words, who else, how long).
    pub observation_prompts: Vec<String>,
    /// Where the draft came from: the guide, the path and the legal basis, when started from a walk.
    pub origin: Option<String>,
    /// The receiving kommune and bydel.
    pub recipient: Option<Recipient>,
    /// The child.
    pub child: Child,
    /// The foresatte.
    pub foresatte: Vec<Foresatt>,
    /// The observations, in the order added.
    pub observations: Vec<Observation>,
    /// The conversations.
    pub conversations: Vec<Conversation>,
    /// The measures tried.
    pub measures: Vec<Measure>,
    /// The free-text fields.
    pub text: MeldingText,
    /// What is still missing or malformed before export, by field.
    pub problems: Vec<Problem>,
    /// Nothing is missing: the draft can be exported as KS Fiks JSON.
    pub ready_to_export: bool,
}

/// One line of the draft list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DraftSummary {
    /// The draft id.
    pub id: String,
    /// The child's name, or "Untitled draft" (empty when the draft cannot be read).
    pub heading: String,
    /// Whole days until the draft is destroyed (0 when unknown).
    pub days_left: u32,
    /// "Deleted in N days."
    pub expiry_text: String,
    /// How many observations it holds.
    pub observation_count: u32,
    /// Why the draft cannot be opened (damaged, another key), if so; other drafts are fine.
    pub error: Option<String>,
}

/// "Deleted in N days." for `days` days left.
pub fn expiry_text(days: u32, lang: Lang) -> String {
    match days {
        0 => Msg::DeletedToday.text(lang).to_string(),
        1 => Msg::DeletedInOneDay.text(lang).to_string(),
        n => Msg::DeletedInDays.with_n(lang, n),
    }
}

/// The guidance every draft screen shows, in order.
pub fn guidance(lang: Lang) -> Vec<String> {
    [
        Msg::GuideAcutePhone,
        Msg::GuideObserve,
        Msg::GuideChildWords,
        Msg::GuideNotAnonymous,
        Msg::GuideNeverEmail,
        Msg::GuideArchiveThenDelete,
    ]
    .iter()
    .map(|m| m.text(lang).to_string())
    .collect()
}

fn heading(draft: &Draft, lang: Lang) -> String {
    let name = draft.child.personnavn.trim();
    if name.is_empty() {
        Msg::LUntitled.text(lang).to_string()
    } else {
        name.to_string()
    }
}

/// The edit screen of `draft` at `now`, with the reporter `profile` for the completeness check.
pub fn draft_view(
    draft: &Draft,
    profile: Option<&ReporterProfile>,
    lang: Lang,
    now: DateTime<Utc>,
) -> DraftView {
    let days_left = draft.days_left(now);
    let problems = validate(draft, profile, lang);
    let origin = draft.origin.as_ref().map(|o| {
        let mut s = format!(
            "{}: {} ({})",
            Msg::HFromGuide.text(lang),
            o.guide_title.get(lang),
            o.path.join(" → ")
        );
        if !o.legal.is_empty() {
            s.push_str(&format!(
                ". {}: {}",
                Msg::HLegalBasis.text(lang),
                o.legal_basis()
            ));
        }
        s
    });
    DraftView {
        id: draft.id.clone(),
        heading: heading(draft, lang),
        days_left,
        expiry_text: expiry_text(days_left, lang),
        retention_days: draft.retention_days,
        warning: draft
            .parents_must_not_be_told()
            .then(|| Msg::WarnDoNotInformParents.text(lang).to_string()),
        guidance: guidance(lang),
        observation_prompts: [
            Msg::PromptWhat,
            Msg::PromptChildWords,
            Msg::PromptWitnesses,
            Msg::PromptDuration,
        ]
        .iter()
        .map(|m| m.text(lang).to_string())
        .collect(),
        origin,
        recipient: draft.recipient.clone(),
        child: draft.child.clone(),
        foresatte: draft.foresatte.clone(),
        observations: draft.observations.clone(),
        conversations: draft.conversations.clone(),
        measures: draft.measures.clone(),
        text: draft.text.clone(),
        ready_to_export: problems.is_empty(),
        problems,
    }
}

/// One line of the draft list at `now`.
pub fn summary(listed: &Listed, lang: Lang, now: DateTime<Utc>) -> DraftSummary {
    let days_left = listed.expires_at.map_or(0, |at| days_until(at, now));
    match &listed.draft {
        Ok(d) => DraftSummary {
            id: listed.id.clone(),
            heading: heading(d, lang),
            days_left,
            expiry_text: expiry_text(days_left, lang),
            observation_count: u32::try_from(d.observations.len()).unwrap_or(u32::MAX),
            error: None,
        },
        Err(e) => DraftSummary {
            id: listed.id.clone(),
            heading: String::new(),
            days_left,
            expiry_text: expiry_text(days_left, lang),
            observation_count: 0,
            error: Some(e.to_string()),
        },
    }
}
