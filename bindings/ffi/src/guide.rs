//! The guide list entry the apps show; the step, summary and resume records are the core's own
//! (`veiviser_core::guide::navigator`: `StepView`, `SummaryItem`, `ResumeOutcome`, …), derived
//! for uniffi there.

use veiviser_core::guide::Guide;
use veiviser_core::{Lang, Sector};

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
