//! The sectors whose staff use Veiviser; each has its own duty-to-report rule.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where the user works: decides which sector-specific legal rule is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Sector {
    /// Kindergarten (barnehage).
    Barnehage,
    /// School and after-school care (skole/SFO).
    Skole,
    /// Public health clinic and school health service.
    Helsestasjon,
    /// Dental health service.
    Tannhelse,
    /// General practitioner.
    Fastlege,
    /// The labour and welfare administration (NAV).
    Nav,
}

impl Sector {
    /// Every sector, in a stable order.
    pub const ALL: [Sector; 6] = [
        Sector::Barnehage,
        Sector::Skole,
        Sector::Helsestasjon,
        Sector::Tannhelse,
        Sector::Fastlege,
        Sector::Nav,
    ];

    /// The identifier used in files, JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Sector::Barnehage => "barnehage",
            Sector::Skole => "skole",
            Sector::Helsestasjon => "helsestasjon",
            Sector::Tannhelse => "tannhelse",
            Sector::Fastlege => "fastlege",
            Sector::Nav => "nav",
        }
    }

    /// A comma-separated list of every valid id, for error messages.
    pub fn valid_ids() -> String {
        Self::ALL
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Sector {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.to_lowercase();
        let s = match s.as_str() {
            "sfo" | "skole/sfo" => "skole",
            "tannlege" => "tannhelse",
            other => other,
        };
        Self::ALL
            .into_iter()
            .find(|x| x.id() == s)
            .ok_or_else(|| format!("unknown sector `{s}`: use one of {}", Self::valid_ids()))
    }
}
