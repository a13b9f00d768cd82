//! The built-in national safety net: Alarmtelefonen 116 111, the police emergency number 112
//! and the police's non-urgent number 02800 (all sourced in the research notes,
//! `shared/research/domain.md` §2). Used only when the loaded directory has no national entry
//! for one of these roles, so an answer is never empty whatever content is loaded.

use super::channel::{Channel, ChannelKind};
use super::hours::OpeningHours;
use super::now::Candidate;
use super::resolve::Locality;
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

/// Emergency numbers in the order a worried adult needs them: police (112), medical (113),
/// fire (110), then any other.
const EMERGENCY_ORDER: [&str; 3] = ["112", "113", "110"];

/// Where `service`'s phone number stands in [`EMERGENCY_ORDER`].
pub(crate) fn emergency_rank(service: &Service) -> usize {
    service
        .channels
        .iter()
        .filter(|ch| ch.kind == ChannelKind::Phone)
        .filter_map(|ch| {
            let digits: String = ch.value.chars().filter(char::is_ascii_digit).collect();
            EMERGENCY_ORDER.iter().position(|n| *n == digits)
        })
        .min()
        .unwrap_or(EMERGENCY_ORDER.len())
}

/// The national entry that stands for `role` in the safety net: the one with the built-in
/// safety net's number for that role (112 for `nodnummer`, never 110 or 113 because they
/// happen to come first), else the entry with the smallest id, so the answer is the same
/// whatever order the directory's records are in.
pub(crate) fn safety_net_entry(
    role: ContactRole,
    candidates: Vec<Candidate<'_>>,
) -> Option<Candidate<'_>> {
    let digits = |v: &str| v.chars().filter(char::is_ascii_digit).collect::<String>();
    let builtin: Option<String> = builtin_safety_net()
        .iter()
        .find(|s| s.role == role)
        .and_then(|s| s.channels.first())
        .map(|c| digits(&c.value));
    let national = candidates
        .into_iter()
        .filter(|c| c.locality == Locality::National);
    let mut best: Option<(bool, Candidate<'_>)> = None;
    for c in national {
        let matches = builtin.as_deref().is_some_and(|number| {
            c.service
                .channels
                .iter()
                .any(|ch| ch.kind == ChannelKind::Phone && digits(&ch.value) == number)
        });
        let better = match &best {
            None => true,
            Some((best_matches, b)) => {
                (matches, std::cmp::Reverse(c.service.id.as_str()))
                    > (*best_matches, std::cmp::Reverse(b.service.id.as_str()))
            }
        };
        if better {
            best = Some((matches, c));
        }
    }
    best.map(|(_, c)| c)
}
