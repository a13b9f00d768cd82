//! A service in the directory: who it is, which role it fills, where, and how to reach it.

use super::area::is_false;
use super::channel::Channel;
use super::serde_forms;
use super::verification::Verification;
use crate::i18n::LocalizedText;
use crate::roles::ContactRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A service entry, as an admin writes it (`[[service]]` in TOML).
///
/// Read through `ServiceForm`, so a file may give `verified = { how, by, on }` or the older
/// `last_verified = DATE`; [`Service::verification`] is always known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ServiceForm")]
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
    /// When someone last checked this entry (the date of [`Service::verified`] when given).
    pub last_verified: NaiveDate,
    /// How, by whom and when the entry was checked (absent in older content: see
    /// [`Service::verification`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<Verification>,
    /// Made-up or unverified demo data: shown as such everywhere.
    #[serde(default, skip_serializing_if = "is_false")]
    pub example_data: bool,
    /// Where the facts come from; required for entries with channels unless example data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The file and wire form of a [`Service`]: every field as written, unknown fields rejected,
/// and `verified` or `last_verified` (or both, with the same date).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceForm {
    id: String,
    #[serde(deserialize_with = "serde_forms::text")]
    name: LocalizedText,
    role: ContactRole,
    covers: Vec<String>,
    #[serde(default, rename = "channel", alias = "channels")]
    channels: Vec<Channel>,
    #[serde(default)]
    after_hours: Option<ContactRole>,
    #[serde(default)]
    address: Option<String>,
    #[serde(default, deserialize_with = "serde_forms::optional_text")]
    note: Option<LocalizedText>,
    #[serde(default, deserialize_with = "serde_forms::dates")]
    closed_dates: Vec<NaiveDate>,
    #[serde(default, deserialize_with = "serde_forms::optional_date")]
    last_verified: Option<NaiveDate>,
    #[serde(default)]
    verified: Option<Verification>,
    #[serde(default)]
    example_data: bool,
    #[serde(default)]
    source: Option<String>,
}

impl TryFrom<ServiceForm> for Service {
    type Error = String;

    fn try_from(f: ServiceForm) -> Result<Self, Self::Error> {
        let last_verified = match (&f.verified, f.last_verified) {
            (Some(v), Some(d)) if v.on != d => {
                return Err(format!(
                    "service `{}`: `last_verified` ({d}) differs from `verified.on` ({}): give only `verified`",
                    f.id, v.on
                ))
            }
            (Some(v), _) => v.on,
            (None, Some(d)) => d,
            (None, None) => {
                return Err(format!(
                    "service `{}`: missing field `verified` (how the entry was checked: `verified = {{ how = \"written-source\", by = \"…\", on = 2026-11-22 }}`)",
                    f.id
                ))
            }
        };
        Ok(Service {
            id: f.id,
            name: f.name,
            role: f.role,
            covers: f.covers,
            channels: f.channels,
            after_hours: f.after_hours,
            address: f.address,
            note: f.note,
            closed_dates: f.closed_dates,
            last_verified,
            verified: f.verified,
            example_data: f.example_data,
            source: f.source,
        })
    }
}

impl Service {
    /// How the entry was checked: its `verified` record, or a written-source check on
    /// `last_verified` by nobody named (older content).
    pub fn verification(&self) -> Verification {
        self.verified
            .clone()
            .unwrap_or_else(|| Verification::written_source_on(self.last_verified))
    }
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
