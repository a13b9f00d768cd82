//! What a list of guides shows of one guide (title, summary, audience, revision), without its
//! steps: the home screen lists every guide at launch, and parsing each whole guide for that
//! was most of a cold start (ADR 0011).

use super::model::Guide;
use crate::i18n::LocalizedText;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};

/// One guide as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GuideCard {
    /// The guide id.
    pub id: String,
    /// The guide's revision (what's new compares it).
    pub revision: u32,
    /// The guide's title.
    pub title: LocalizedText,
    /// The guide's one-paragraph summary.
    pub summary: LocalizedText,
    /// Who the guide is written for (listed first for a user of these sectors).
    pub audience: Vec<Sector>,
}

impl GuideCard {
    /// The card of `guide`.
    pub fn of(guide: &Guide) -> GuideCard {
        GuideCard {
            id: guide.id.clone(),
            revision: guide.revision,
            title: guide.title.clone(),
            summary: guide.summary.clone(),
            audience: guide.audience.clone(),
        }
    }
}
