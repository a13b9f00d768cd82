//! Notices that travel with an answer: warnings and explanations, with a stable code for the
//! apps and ready text in bokmål, nynorsk and English.

use crate::i18n::LocalizedText;
use serde::{Deserialize, Serialize};

/// What a notice is about; stable ids for apps that render their own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum NoticeCode {
    /// The postcode is for post boxes: it says nothing about where the child lives.
    PostBoxPostcode,
    /// The postcode is a service postcode: it says nothing about where the child lives.
    ServicePostcode,
    /// The postcode is not in the register.
    UnknownPostcode,
    /// The municipality number is not known.
    UnknownKommune,
    /// The municipality has bydeler and the postcode lies in several: the user must choose.
    BydelNotSettled,
    /// The municipality has bydeler but nothing tells which one: the user must choose.
    BydelUnknown,
    /// The given bydel does not exist in this municipality.
    UnknownBydel,
    /// Part of the postcode is in an area shared by several bydeler (e.g. Marka).
    SharedArea,
    /// An area that is not a bydel of its own is served by another bydel (e.g. Sentrum).
    ServedByOtherBydel,
    /// Part of the postcode lies in another municipality's bydel.
    AlsoInOtherKommune,
    /// No verified local entry exists for the role: national numbers are given instead.
    NoVerifiedLocalEntry,
    /// The office is closed now (outside hours, a public holiday or a closed date).
    OfficeClosed,
    /// The answer contains example data that must not be relied on.
    ExampleData,
    /// Some entries were last verified more than 12 months ago.
    StaleEntries,
}

impl NoticeCode {
    /// The id used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            NoticeCode::PostBoxPostcode => "post_box_postcode",
            NoticeCode::ServicePostcode => "service_postcode",
            NoticeCode::UnknownPostcode => "unknown_postcode",
            NoticeCode::UnknownKommune => "unknown_kommune",
            NoticeCode::BydelNotSettled => "bydel_not_settled",
            NoticeCode::BydelUnknown => "bydel_unknown",
            NoticeCode::UnknownBydel => "unknown_bydel",
            NoticeCode::SharedArea => "shared_area",
            NoticeCode::ServedByOtherBydel => "served_by_other_bydel",
            NoticeCode::AlsoInOtherKommune => "also_in_other_kommune",
            NoticeCode::NoVerifiedLocalEntry => "no_verified_local_entry",
            NoticeCode::OfficeClosed => "office_closed",
            NoticeCode::ExampleData => "example_data",
            NoticeCode::StaleEntries => "stale_entries",
        }
    }
}

/// A warning or explanation attached to an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// What it is about.
    pub code: NoticeCode,
    /// The text to show.
    pub text: LocalizedText,
}

impl Notice {
    /// A notice with text in all three languages.
    pub fn new(code: NoticeCode, nb: String, nn: String, en: String) -> Self {
        Notice {
            code,
            text: LocalizedText {
                nb,
                nn: Some(nn),
                en: Some(en),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_ids() {
        use NoticeCode::*;
        for c in [
            PostBoxPostcode,
            ServicePostcode,
            UnknownPostcode,
            UnknownKommune,
            BydelNotSettled,
            BydelUnknown,
            UnknownBydel,
            SharedArea,
            ServedByOtherBydel,
            AlsoInOtherKommune,
            NoVerifiedLocalEntry,
            OfficeClosed,
            ExampleData,
            StaleEntries,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
    }
}
