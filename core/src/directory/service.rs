//! A service in the directory: who it is, which role it fills, where, and how to reach it.

use super::area::is_false;
use super::channel::Channel;
use super::serde_forms;
use crate::i18n::LocalizedText;
use crate::roles::ContactRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A service entry, as an admin writes it (`[[service]]` in TOML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable id: lower-case letters, digits and `-` (e.g. `alarmtelefonen`).
    pub id: String,
    /// The service's name (a plain string is bokmål; or a table with nb, nn, en).
    #[serde(deserialize_with = "serde_forms::text")]
    pub name: LocalizedText,
    /// The role the service fills, from the shared vocabulary.
    pub role: ContactRole,
    /// Area ids the service covers: `national`, `KKKK` or `KKKK-BB`.
    pub covers: Vec<String>,
    /// The ways to reach it, best first; may be empty when no channel is verified.
    #[serde(default, rename = "channel", alias = "channels")]
    pub channels: Vec<Channel>,
    /// Who to contact instead when this service is closed (e.g. `barnevernvakt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_hours: Option<ContactRole>,
    /// The visiting address, as shown to the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// A remark shown with the entry (e.g. why no number is listed).
    #[serde(
        default,
        deserialize_with = "serde_forms::optional_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub note: Option<LocalizedText>,
    /// Dates on which the service is closed besides public holidays.
    #[serde(
        default,
        deserialize_with = "serde_forms::dates",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub closed_dates: Vec<NaiveDate>,
    /// When someone last checked this entry against its source.
    #[serde(deserialize_with = "serde_forms::date")]
    pub last_verified: NaiveDate,
    /// Made-up or unverified demo data: shown as such everywhere.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example_data: bool,
    /// Where the facts come from; required for entries with channels unless example data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// True for an id made of lower-case ASCII letters, digits, `-` and `_`, starting with a letter
/// or digit.
pub fn is_valid_entry_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id.as_bytes()[0].is_ascii_alphanumeric()
}
