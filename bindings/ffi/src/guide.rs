//! What the apps show of a guide: list entries, the current step, the walk so far.

use veiviser_core::guide::{
    Guide, LegalView as CoreLegalView, ResumeOutcome as CoreResumeOutcome,
    StepView as CoreStepView, StepViewKind as CoreStepViewKind, SummaryItem as CoreSummaryItem,
    Taken as CoreTaken,
};
use veiviser_core::{ContactRole, Lang, Sector};

/// One guide in the local content, for the list screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct GuideSummary {
    /// Stable identifier; pass it to `start_guide`.
    pub id: String,
    /// The published revision stored on this device.
    pub revision: u32,
    /// Title in the chosen language (with fallback).
    pub title: String,
    /// When to use the guide, in the chosen language.
    pub summary: String,
    /// The sectors the guide is written for.
    pub audience: Vec<Sector>,
    /// Who reviewed the content.
    pub reviewed_by: String,
    /// When it was last reviewed, `YYYY-MM-DD`.
    pub reviewed_on: String,
}

impl GuideSummary {
    /// The list entry for `guide` in `lang`.
    pub(crate) fn new(guide: &Guide, lang: Lang) -> Self {
        GuideSummary {
            id: guide.id.clone(),
            revision: guide.revision,
            title: guide.title.get(lang).to_owned(),
            summary: guide.summary.get(lang).to_owned(),
            audience: guide.audience.clone(),
            reviewed_by: guide.review.reviewed_by.clone(),
            reviewed_on: guide.review.reviewed_on.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The kind of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum StepKind {
    /// A single-choice question: answer with one of the options.
    Question,
    /// Something to do or know: continue with `next_step`.
    Action,
    /// The end of the walk: go back, restart or take the acute exit.
    End,
}

impl From<CoreStepViewKind> for StepKind {
    fn from(k: CoreStepViewKind) -> Self {
        match k {
            CoreStepViewKind::Question => StepKind::Question,
            CoreStepViewKind::Action => StepKind::Action,
            CoreStepViewKind::End => StepKind::End,
        }
    }
}

/// One choice of a question step.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AnswerOption {
    /// The id to pass to `answer`.
    pub id: String,
    /// The label in the chosen language.
    pub label: String,
}

/// One legal provision a step cites, for the user's sector.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LegalReference {
    /// The reference's id within the guide.
    pub id: String,
    /// The law's short name, e.g. `barnevernsloven`.
    pub law: String,
    /// The section, e.g. `§ 13-2`, when one is cited.
    pub section: Option<String>,
    /// "barnevernsloven § 13-2", or just the law.
    pub citation: String,
    /// A short title in the chosen language.
    pub title: String,
    /// Link to the provision on lovdata.no.
    pub url: String,
}

impl From<CoreLegalView> for LegalReference {
    fn from(l: CoreLegalView) -> Self {
        LegalReference {
            id: l.id,
            law: l.law,
            section: l.section,
            citation: l.citation,
            title: l.title,
            url: l.url,
        }
    }
}

/// Everything needed to render the current step, in one language and sector.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StepView {
    /// The step id.
    pub id: String,
    /// Question, action or end.
    pub kind: StepKind,
    /// Urgent steps are shown call-first: contacts before the text.
    pub urgent: bool,
    /// Whether this is the guide's acute-danger step.
    pub is_acute_step: bool,
    /// The short heading, if any.
    pub title: Option<String>,
    /// The main text.
    pub text: String,
    /// The choices (question steps only).
    pub options: Vec<AnswerOption>,
    /// Things to do or check.
    pub checklist: Vec<String>,
    /// Contact roles to show, best first (`nodnummer` first on urgent steps).
    pub contacts: Vec<ContactRole>,
    /// The legal references for the user's sector.
    pub legal: Vec<LegalReference>,
    /// Whether `back` is possible.
    pub can_go_back: bool,
}

impl From<CoreStepView> for StepView {
    fn from(v: CoreStepView) -> Self {
        StepView {
            id: v.id,
            kind: v.kind.into(),
            urgent: v.urgent,
            is_acute_step: v.is_acute_step,
            title: v.title,
            text: v.text,
            options: v
                .options
                .into_iter()
                .map(|o| AnswerOption {
                    id: o.id,
                    label: o.label,
                })
                .collect(),
            checklist: v.checklist,
            contacts: v.contacts,
            legal: v.legal.into_iter().map(Into::into).collect(),
            can_go_back: v.can_go_back,
        }
    }
}

/// How the user left a step of the walk.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum StepExit {
    /// Chose an option.
    Answer {
        /// The option id.
        option_id: String,
        /// Its label in the chosen language.
        label: String,
    },
    /// Continued past an action step.
    Next,
    /// Took the acute exit.
    Acute,
}

impl From<CoreTaken> for StepExit {
    fn from(t: CoreTaken) -> Self {
        match t {
            CoreTaken::Answer { option, label } => StepExit::Answer {
                option_id: option,
                label,
            },
            CoreTaken::Next => StepExit::Next,
            CoreTaken::Acute => StepExit::Acute,
        }
    }
}

/// One step of the walk so far, for the end screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SummaryItem {
    /// The step id.
    pub step_id: String,
    /// Question, action or end.
    pub kind: StepKind,
    /// Whether the step was urgent.
    pub urgent: bool,
    /// The step's title, or its text when it has none.
    pub heading: String,
    /// How the user left it; `None` for the current step.
    pub exit: Option<StepExit>,
    /// The contacts the step named.
    pub contacts: Vec<ContactRole>,
    /// Citations of the legal references the step showed.
    pub legal: Vec<String>,
}

impl From<CoreSummaryItem> for SummaryItem {
    fn from(s: CoreSummaryItem) -> Self {
        SummaryItem {
            step_id: s.step_id,
            kind: s.kind.into(),
            urgent: s.urgent,
            heading: s.heading,
            exit: s.taken.map(Into::into),
            contacts: s.contacts,
            legal: s.legal,
        }
    }
}

/// What happened when a saved session was resumed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ResumeOutcome {
    /// Same revision: exactly where the user was.
    Exact,
    /// The guide changed; the recorded answers still apply and were replayed.
    Replayed {
        /// The revision the session was saved on.
        from_revision: u32,
        /// The revision it now walks.
        to_revision: u32,
    },
    /// The recorded path no longer exists: the session starts over.
    Restarted {
        /// The revision the session was saved on.
        from_revision: u32,
        /// The revision it now walks.
        to_revision: u32,
        /// Which step or answer is gone (English, for logs).
        reason: String,
    },
}

impl From<CoreResumeOutcome> for ResumeOutcome {
    fn from(o: CoreResumeOutcome) -> Self {
        match o {
            CoreResumeOutcome::Exact => ResumeOutcome::Exact,
            CoreResumeOutcome::Replayed {
                from_revision,
                to_revision,
            } => ResumeOutcome::Replayed {
                from_revision,
                to_revision,
            },
            CoreResumeOutcome::Restarted {
                from_revision,
                to_revision,
                reason,
            } => ResumeOutcome::Restarted {
                from_revision,
                to_revision,
                reason,
            },
        }
    }
}
