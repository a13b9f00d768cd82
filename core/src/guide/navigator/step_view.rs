//! The step view: what a front end shows for the current step of a walk, in one language
//! and sector. Built by [`Session::view`](super::Session::view); re-exported as the step
//! screen by [`crate::view::step`].

use crate::guide::model::StepKind;
use crate::roles::ContactRole;
use serde::{Deserialize, Serialize};

/// The kind of a step, without its edges (for views).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum StepViewKind {
    /// A single-choice question: pick one of `options`.
    Question,
    /// Something to do or know; continue with `next`.
    Action,
    /// The end of the walk.
    End,
}

impl From<&StepKind> for StepViewKind {
    fn from(kind: &StepKind) -> Self {
        match kind {
            StepKind::Question { .. } => StepViewKind::Question,
            StepKind::Action { .. } => StepViewKind::Action,
            StepKind::End => StepViewKind::End,
        }
    }
}

/// One choice as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct OptionView {
    /// The id to answer with.
    pub id: String,
    /// The label in the chosen language (with fallback).
    pub label: String,
}

/// One legal reference as shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LegalView {
    /// The reference's id within the guide.
    pub id: String,
    /// The law's short name, e.g. `barnevernsloven`.
    pub law: String,
    /// The section, e.g. `§ 13-2`, when the reference cites one.
    pub section: Option<String>,
    /// "barnevernsloven § 13-2", or just the law.
    pub citation: String,
    /// The short title in the chosen language (with fallback).
    pub title: String,
    /// Link to the provision on lovdata.no.
    pub url: String,
}

/// A link from the step to another guide, shown as an action ("Slik snakker du med barnet").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LinkView {
    /// The id of the guide to open (at its start).
    pub guide: String,
    /// The label in the chosen language (with fallback).
    pub label: String,
    /// Whether the target guide is on this device: `None` until a front end that knows
    /// checks it ([`StepView::mark_available`]).
    pub available: Option<bool>,
}

/// Everything a front end needs to render the current step, in one language and sector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StepView {
    /// The step id.
    pub id: String,
    /// Question, action or end.
    pub kind: StepViewKind,
    /// Urgent steps are shown call-first: contacts before the text.
    pub urgent: bool,
    /// Whether this is the guide's acute step.
    pub is_acute_step: bool,
    /// The short heading, if the step has one.
    pub title: Option<String>,
    /// The main text.
    pub text: String,
    /// The choices (question steps only; action steps continue with `next`).
    pub options: Vec<OptionView>,
    /// Things to do or check.
    pub checklist: Vec<String>,
    /// Contact roles to show, best first; on urgent steps `nodnummer` comes first.
    pub contacts: Vec<ContactRole>,
    /// The legal references that apply to the chosen sector.
    pub legal: Vec<LegalView>,
    /// Whether `back` is possible.
    pub can_go_back: bool,
    /// Other guides this step points to, as actions.
    #[serde(default)]
    pub links: Vec<LinkView>,
}

impl StepView {
    /// Marks each link as available or not, by whether `has_guide(id)` holds on this device.
    pub fn mark_available(&mut self, has_guide: impl Fn(&str) -> bool) {
        for link in &mut self.links {
            link.available = Some(has_guide(&link.guide));
        }
    }
}
