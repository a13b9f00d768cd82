//! Structured legal references, optionally specific to the user's sector.

use crate::i18n::LocalizedText;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};

/// One legal provision a step cites (e.g. barnevernsloven § 13-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegalRef {
    /// Identifier that steps use to cite this reference, unique within a guide.
    pub id: String,
    /// The law's short name, e.g. `barnevernsloven`.
    pub law: String,
    /// The section, e.g. `§ 13-2`; `None` cites the law as a whole (when a section is unsourced).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// A short human title of what the provision says.
    pub title: LocalizedText,
    /// Link to the provision on lovdata.no.
    pub url: String,
    /// Sectors this rule applies to; empty means it applies to everyone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sectors: Vec<Sector>,
}

impl LegalRef {
    /// Whether this reference should be shown to a user in `sector` (`None`: sector unknown, show all).
    pub fn applies_to(&self, sector: Option<Sector>) -> bool {
        match sector {
            None => true,
            Some(s) => self.sectors.is_empty() || self.sectors.contains(&s),
        }
    }

    /// "barnevernsloven § 13-2", or just the law when no section is given.
    pub fn citation(&self) -> String {
        match &self.section {
            Some(sec) => format!("{} {}", self.law, sec),
            None => self.law.clone(),
        }
    }
}

/// Provisions that have been repealed or renumbered and must never be cited again.
pub const REPEALED: &[(&str, &str, &str)] = &[(
    "opplæringslova",
    "§ 15-3",
    "replaced by the new opplæringslova in force 1 August 2024; cite the law without a section until the new section number is sourced",
)];

/// If `law` + `section` is a repealed provision, the reason and what to do instead.
pub fn repealed_reason(law: &str, section: Option<&str>) -> Option<&'static str> {
    let section = section?;
    let norm = |s: &str| s.to_lowercase().replace(char::is_whitespace, "");
    REPEALED
        .iter()
        .find(|(l, s, _)| norm(l) == norm(law) && norm(s) == norm(section))
        .map(|(_, _, why)| *why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repealed_section_is_detected_loosely() {
        assert!(repealed_reason("Opplæringslova", Some("§15-3")).is_some());
        assert!(repealed_reason("opplæringslova", None).is_none());
        assert!(repealed_reason("barnevernsloven", Some("§ 13-2")).is_none());
    }
}
