//! The app's persisted state: only ids, the language, the sector and areas — nothing about
//! a child but the area chosen for the walk in progress, which is deleted with the walk.

use super::event::{AreaChoice, AreaPurpose};
use super::screens::ScreenId;
use crate::guide::Session;
use crate::i18n::Lang;
use crate::roles::ContactRole;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the persisted form; a newer one is read as a fresh start.
pub const STATE_VERSION: u32 = 1;

/// Everything the app keeps between runs ([`super::Effect::PersistState`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppState {
    /// The persisted form's version.
    pub version: u32,
    /// The screen the user is on.
    pub screen: ScreenId,
    /// The interface language.
    pub lang: Lang,
    /// The user's sector, once chosen.
    #[serde(default)]
    pub sector: Option<Sector>,
    /// The user said not to ask for the sector inline.
    #[serde(default)]
    pub sector_skipped: bool,
    /// The user's own default area (where they work).
    #[serde(default)]
    pub default_area: Option<AreaChoice>,
    /// The walk in progress, with its own area.
    #[serde(default)]
    pub walk: Option<WalkState>,
    /// The role last shown on the contacts screen.
    #[serde(default)]
    pub contacts_role: Option<ContactRole>,
    /// What the area screen is open for.
    #[serde(default)]
    pub area_purpose: Option<AreaPurpose>,
    /// Where to go when the area screen closes.
    #[serde(default)]
    pub area_return: Option<ScreenId>,
    /// The guide revisions the user has been told about (what's new compares against them).
    #[serde(default)]
    pub seen_revisions: BTreeMap<String, u32>,
    /// The newest release note the user has been told about (its sequence).
    #[serde(default)]
    pub seen_release: Option<u64>,
    /// What the last sync changed, until the user marks it read.
    #[serde(default)]
    pub whats_new: Option<WhatsNewState>,
}

/// A walk in progress: the navigator's session (ids only) and the area chosen for the child.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkState {
    /// The navigator's session.
    pub session: Session,
    /// Where the child lives, when the user chose it for this walk.
    #[serde(default)]
    pub area: Option<AreaChoice>,
    /// The user chose not to give an area for this walk (national numbers only).
    #[serde(default)]
    pub area_skipped: bool,
}

/// What a sync changed: guide revisions and directory entry ids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WhatsNewState {
    /// Guides whose revision rose: id, revision before (none: new), revision now.
    pub guides: Vec<(String, Option<u32>, u32)>,
    /// Directory entries for the saved area that were added or changed.
    pub entries: Vec<String>,
    /// Entries for the saved area that were removed: id and name.
    pub removed_entries: Vec<(String, String)>,
    /// The release notes (sequences) the changes came with, newest first.
    #[serde(default)]
    pub notes: Vec<u64>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            version: STATE_VERSION,
            screen: ScreenId::Home,
            lang: Lang::Nb,
            sector: None,
            sector_skipped: false,
            default_area: None,
            walk: None,
            contacts_role: None,
            area_purpose: None,
            area_return: None,
            seen_revisions: BTreeMap::new(),
            seen_release: None,
            whats_new: None,
        }
    }
}

impl AppState {
    /// The state as JSON.
    pub fn to_json(&self) -> String {
        // A struct of strings, numbers, maps and enums: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The state from JSON, when it can be read and is of this version.
    pub fn from_json(json: &str) -> Option<Self> {
        let state: AppState = serde_json::from_str(json).ok()?;
        (state.version == STATE_VERSION).then_some(state)
    }

    /// The area the numbers are for: the walk's own, else the user's default.
    pub fn area_for_numbers(&self) -> Option<&AreaChoice> {
        self.walk
            .as_ref()
            .and_then(|w| w.area.as_ref())
            .or(self.default_area.as_ref())
    }
}
