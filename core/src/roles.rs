//! The one vocabulary of contact roles, shared by guides and the directory.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of service a guide step asks the user to contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ContactRole {
    /// Emergency numbers: 112 police, 113 medical, 110 fire.
    Nodnummer,
    /// The police, non-urgent (02800) or the local station.
    Politi,
    /// The municipal child welfare service (barneverntjenesten) where the child lives.
    Barnevern,
    /// The child welfare emergency service, out of office hours.
    Barnevernvakt,
    /// Alarmtelefonen for barn og unge, 116 111.
    Alarmtelefon,
    /// Statens barnehus: advice and consultation on violence and abuse.
    Barnehus,
    /// The emergency medical clinic (legevakt, 116 117).
    Legevakt,
    /// The crisis centre for violence in close relationships.
    Krisesenter,
    /// The public health clinic for children and families.
    Helsestasjon,
}

impl ContactRole {
    /// Every role, in a stable order.
    pub const ALL: [ContactRole; 9] = [
        ContactRole::Nodnummer,
        ContactRole::Politi,
        ContactRole::Barnevern,
        ContactRole::Barnevernvakt,
        ContactRole::Alarmtelefon,
        ContactRole::Barnehus,
        ContactRole::Legevakt,
        ContactRole::Krisesenter,
        ContactRole::Helsestasjon,
    ];

    /// The identifier used in files, JSON and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            ContactRole::Nodnummer => "nodnummer",
            ContactRole::Politi => "politi",
            ContactRole::Barnevern => "barnevern",
            ContactRole::Barnevernvakt => "barnevernvakt",
            ContactRole::Alarmtelefon => "alarmtelefon",
            ContactRole::Barnehus => "barnehus",
            ContactRole::Legevakt => "legevakt",
            ContactRole::Krisesenter => "krisesenter",
            ContactRole::Helsestasjon => "helsestasjon",
        }
    }

    /// A short Norwegian (bokmål) label for the role.
    pub fn label_nb(self) -> &'static str {
        match self {
            ContactRole::Nodnummer => "Nødnummer",
            ContactRole::Politi => "Politiet",
            ContactRole::Barnevern => "Barneverntjenesten",
            ContactRole::Barnevernvakt => "Barnevernvakten",
            ContactRole::Alarmtelefon => "Alarmtelefonen for barn og unge",
            ContactRole::Barnehus => "Statens barnehus",
            ContactRole::Legevakt => "Legevakten",
            ContactRole::Krisesenter => "Krisesenteret",
            ContactRole::Helsestasjon => "Helsestasjonen",
        }
    }

    /// A short label for the role in `lang` (bokmål, nynorsk or English).
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nb => self.label_nb(),
            Lang::Nn => match self {
                ContactRole::Nodnummer => "Naudnummer",
                ContactRole::Politi => "Politiet",
                ContactRole::Barnevern => "Barneverntenesta",
                ContactRole::Barnevernvakt => "Barnevernvakta",
                ContactRole::Alarmtelefon => "Alarmtelefonen for barn og unge",
                ContactRole::Barnehus => "Statens barnehus",
                ContactRole::Legevakt => "Legevakta",
                ContactRole::Krisesenter => "Krisesenteret",
                ContactRole::Helsestasjon => "Helsestasjonen",
            },
            Lang::En => match self {
                ContactRole::Nodnummer => "Emergency numbers",
                ContactRole::Politi => "The police",
                ContactRole::Barnevern => "Child welfare service (barneverntjenesten)",
                ContactRole::Barnevernvakt => "Child welfare emergency service (barnevernvakten)",
                ContactRole::Alarmtelefon => {
                    "Helpline for children and young people (Alarmtelefonen)"
                }
                ContactRole::Barnehus => "Children's House (Statens barnehus)",
                ContactRole::Legevakt => "Out-of-hours medical clinic (legevakten)",
                ContactRole::Krisesenter => "Crisis centre (krisesenteret)",
                ContactRole::Helsestasjon => "Child health clinic (helsestasjonen)",
            },
        }
    }

    /// A comma-separated list of every valid id, for error messages.
    pub fn valid_ids() -> String {
        Self::ALL
            .iter()
            .map(|r| r.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for ContactRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for ContactRole {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|r| r.id() == s).ok_or_else(|| {
            format!(
                "unknown contact role `{s}`: use one of {}",
                Self::valid_ids()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_serde_and_fromstr() {
        for role in ContactRole::ALL {
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.id()));
            assert_eq!(role.id().parse::<ContactRole>().unwrap(), role);
        }
    }

    #[test]
    fn every_role_has_a_label_in_every_language() {
        for role in ContactRole::ALL {
            for lang in Lang::ALL {
                assert!(!role.label(lang).is_empty(), "{role} {lang}");
            }
        }
        assert_eq!(ContactRole::Legevakt.label(Lang::Nn), "Legevakta");
    }

    #[test]
    fn unknown_role_lists_valid_ones() {
        let err = "barnvern".parse::<ContactRole>().unwrap_err();
        assert!(err.contains("barnevernvakt"), "{err}");
    }
}
