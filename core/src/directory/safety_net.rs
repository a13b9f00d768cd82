//! The built-in national safety net: Alarmtelefonen 116 111, the police emergency number 112
//! and the police's non-urgent number 02800 (all sourced in the research notes,
//! `shared/research/domain.md` §2). Used only when the loaded directory has no national entry
//! for one of these roles, so an answer is never empty whatever content is loaded.

use super::channel::{Channel, ChannelKind};
use super::hours::OpeningHours;
use super::service::Service;
use super::verification::{Verification, VerifiedHow};
use crate::i18n::LocalizedText;
use crate::roles::ContactRole;
use chrono::NaiveDate;
use std::sync::OnceLock;

/// The built-in entries, in the order they close an answer.
pub fn builtin_safety_net() -> &'static [Service] {
    static NET: OnceLock<Vec<Service>> = OnceLock::new();
    NET.get_or_init(|| {
        let verified = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
        let entry =
            |id: &str, [nb, nn, en]: [&str; 3], role, number: &str, always: bool, source: &str| {
                Service {
                    id: id.to_string(),
                    name: LocalizedText {
                        nb: nb.to_string(),
                        nn: Some(nn.to_string()),
                        en: Some(en.to_string()),
                    },
                    role,
                    covers: vec![super::area::NATIONAL_AREA_ID.to_string()],
                    channels: vec![Channel {
                        kind: ChannelKind::Phone,
                        value: number.to_string(),
                        hours: always.then(OpeningHours::always),
                        open_on_public_holidays: false,
                        hours_estimated: false,
                        note: None,
                    }],
                    after_hours: None,
                    address: None,
                    note: None,
                    closed_dates: Vec::new(),
                    last_verified: verified,
                    verified: Some(Verification {
                        how: VerifiedHow::WrittenSource,
                        by: "Veiviser (built in)".to_string(),
                        on: verified,
                    }),
                    example_data: false,
                    source: Some(format!(
                        "built-in safety net; {source} (research notes domain.md §2)"
                    )),
                }
            };
        vec![
            entry(
                "builtin-alarmtelefonen-116111",
                [
                    "Alarmtelefonen for barn og unge",
                    "Alarmtelefonen for barn og unge",
                    "Alarmtelefonen – helpline for children and young people",
                ],
                ContactRole::Alarmtelefon,
                "116 111",
                true,
                "116111.no/omalarmtelefonen",
            ),
            entry(
                "builtin-nodnummer-112",
                [
                    "Politiet – nødnummer 112",
                    "Politiet – naudnummer 112",
                    "Police – emergency number 112",
                ],
                ContactRole::Nodnummer,
                "112",
                true,
                "nkom.no (nødnummer)",
            ),
            entry(
                "builtin-politi-02800",
                [
                    "Politiet – ikke akutt (02800)",
                    "Politiet – ikkje akutt (02800)",
                    "Police – non-urgent (02800)",
                ],
                ContactRole::Politi,
                "02800",
                false,
                "viken-nettskole.no/lessons/varsling",
            ),
        ]
    })
}
