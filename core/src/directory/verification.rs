//! How a directory entry was verified: against a written source or with the service itself,
//! by whom and when (`verified = { how, by, on }` on a `[[service]]`).
//!
//! `last_verified = DATE` is still read as a written-source check on that date by an unknown
//! person, for one release; new content writes `verified`.

use super::serde_forms;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How an entry's number and hours were checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum VerifiedHow {
    /// Checked against a written source (a web page, a law text, the research notes).
    WrittenSource,
    /// Someone called or wrote to the service and it confirmed the number and hours.
    WithService,
}

impl VerifiedHow {
    /// The id used in files and JSON (`written-source`, `with-service`).
    pub fn code(self) -> &'static str {
        match self {
            VerifiedHow::WrittenSource => "written-source",
            VerifiedHow::WithService => "with-service",
        }
    }
}

/// One verification of a service entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verification {
    /// Against a written source, or with the service.
    pub how: VerifiedHow,
    /// Who checked it (name or role); empty when not recorded (old `last_verified`).
    #[serde(default)]
    pub by: String,
    /// The date of the check.
    #[serde(deserialize_with = "serde_forms::date")]
    pub on: NaiveDate,
}

impl Verification {
    /// The reading of an old `last_verified = DATE`: a written-source check by nobody named.
    pub fn written_source_on(on: NaiveDate) -> Self {
        Verification {
            how: VerifiedHow::WrittenSource,
            by: String::new(),
            on,
        }
    }
}
