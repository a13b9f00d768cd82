//! Areas a service can cover: the whole country, a municipality (4-digit kommunenummer) or a
//! city district (2-digit bydelsnummer within a municipality, as on the national report form).

use super::serde_forms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The area id that means "the whole country"; always valid in `covers`.
pub const NATIONAL_AREA_ID: &str = "national";

/// How large an area is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    /// The whole country.
    National,
    /// A municipality (kommune).
    Municipality,
    /// A city district (bydel) within a municipality.
    District,
}

/// An area of the directory, as an admin writes it (`[[area]]` in TOML).
///
/// Its id is derived, never written: `national`, `0301` (kommune) or `0301-04` (bydel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// The 4-digit kommunenummer; absent for the national area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommune: Option<String>,
    /// The 2-digit bydelsnummer within `kommune`; absent for a whole municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bydel: Option<String>,
    /// The area's name as people write it, e.g. "Grünerløkka".
    pub name: String,
    /// For a district that is not a bydel of its own (e.g. Oslo Sentrum): the bydelsnummer of
    /// the bydel that serves it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_by: Option<String>,
    /// For a district shared by several bydeler (e.g. Oslo Marka): a postcode there says only
    /// that the child lives in one of the bydeler around it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub shared: bool,
    /// When someone last checked this entry against its source.
    #[serde(deserialize_with = "serde_forms::date")]
    pub last_verified: NaiveDate,
    /// Made-up or unverified demo data: shown as such everywhere.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example_data: bool,
    /// Where the facts come from (a URL or document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

pub(crate) fn is_false(b: &bool) -> bool {
    !*b
}

impl Area {
    /// The stable id: `national`, `KKKK` or `KKKK-BB`.
    pub fn id(&self) -> String {
        area_id(self.kommune.as_deref(), self.bydel.as_deref())
    }

    /// National, municipality or district.
    pub fn level(&self) -> AreaLevel {
        match (&self.kommune, &self.bydel) {
            (None, _) => AreaLevel::National,
            (Some(_), None) => AreaLevel::Municipality,
            (Some(_), Some(_)) => AreaLevel::District,
        }
    }

    /// True for a district that is a real bydel (not served by another, not shared).
    pub fn is_proper_district(&self) -> bool {
        self.level() == AreaLevel::District && self.served_by.is_none() && !self.shared
    }
}

/// The area id for a kommune and optional bydel (`national` when both are absent).
pub fn area_id(kommune: Option<&str>, bydel: Option<&str>) -> String {
    match (kommune, bydel) {
        (None, _) => NATIONAL_AREA_ID.to_string(),
        (Some(k), None) => k.to_string(),
        (Some(k), Some(b)) => format!("{k}-{b}"),
    }
}

/// True for a 4-digit kommunenummer.
pub fn is_kommunenummer(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// True for a 2-digit bydelsnummer.
pub fn is_bydelsnummer(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())
}

/// A bydelsnummer as typed (`4`, `04`) in its 2-digit form, or `None` if it is not a number.
pub fn normalize_bydelsnummer(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!("{s:0>2}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_levels() {
        assert_eq!(area_id(None, None), "national");
        assert_eq!(area_id(Some("0301"), None), "0301");
        assert_eq!(area_id(Some("0301"), Some("04")), "0301-04");
        assert_eq!(normalize_bydelsnummer("4").as_deref(), Some("04"));
        assert_eq!(normalize_bydelsnummer("12").as_deref(), Some("12"));
        assert_eq!(normalize_bydelsnummer("123"), None);
        assert_eq!(normalize_bydelsnummer("Midtbyen"), None);
        assert!(is_kommunenummer("0301") && !is_kommunenummer("301"));
    }
}
