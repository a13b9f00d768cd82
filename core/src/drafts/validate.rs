//! Checks a draft before export: every missing or malformed KS Fiks field, named by its path
//! in the schema (`offentligBarn[0].fnr`), with a sentence saying what to do.

use super::fnr::{check_fnr, FnrError};
use super::messages::Msg;
use super::model::{Draft, ReporterProfile};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Municipalities whose child welfare service is organised by bydel: a melding there needs one.
pub const KOMMUNER_MED_BYDELER: &[&str] = &["0301", "4601", "5001", "1103"];

/// One missing or malformed field and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Problem {
    /// The field's path in the KS Fiks schema, or in the draft (`observasjoner[1].dato`).
    pub field: String,
    /// What is wrong and what to do, in the chosen language.
    pub message: String,
}

struct Collect {
    lang: Lang,
    out: Vec<Problem>,
}

impl Collect {
    fn push(&mut self, field: impl Into<String>, msg: Msg) {
        self.out.push(Problem {
            field: field.into(),
            message: msg.text(self.lang).to_string(),
        });
    }

    fn need(&mut self, value: &str, field: impl Into<String>, msg: Msg) -> bool {
        if value.trim().is_empty() {
            self.push(field, msg);
            false
        } else {
            true
        }
    }
}

/// A phone number as the KS Fiks schema takes it (`^[+]?[0-9]+([- ][0-9]+)*$`), 8–15 digits.
pub fn is_phone(s: &str) -> bool {
    let body = s.strip_prefix('+').unwrap_or(s);
    let groups: Vec<&str> = body.split([' ', '-']).collect();
    let digits: usize = groups.iter().map(|g| g.len()).sum();
    !body.is_empty()
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        && (8..=15).contains(&digits)
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "æøåÆØÅ-_".contains(c)
}

/// An e-mail address as the KS Fiks schema's pattern takes it (dot-separated parts, a
/// domain of at least two labels, a top-level domain of two or more ASCII letters).
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    let local_ok = local
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(is_local_char));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels[..labels.len() - 1].iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "æøåÆØÅ-".contains(c))
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && domain_ok
}

/// `YYYY-MM-DD`, a real date.
pub fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// `HH:MM`, a real time of day.
pub fn is_time(s: &str) -> bool {
    s.len() == 5 && chrono::NaiveTime::parse_from_str(s, "%H:%M").is_ok()
}

/// Every problem that keeps `draft` (with the reporter `profile`) from a valid KS Fiks export.
pub fn validate(draft: &Draft, profile: Option<&ReporterProfile>, lang: Lang) -> Vec<Problem> {
    let mut c = Collect {
        lang,
        out: Vec::new(),
    };
    // Kommune and bydel.
    match &draft.recipient {
        None => c.push("kommunenummer", Msg::NeedKommune),
        Some(r) => {
            if r.kommunenummer.len() != 4 || !r.kommunenummer.chars().all(|ch| ch.is_ascii_digit())
            {
                c.push("kommunenummer", Msg::BadKommunenummer);
            }
            c.need(&r.kommunenavn, "kommunenavn", Msg::NeedKommune);
            if r.bydelsnummer.is_empty() {
                if KOMMUNER_MED_BYDELER.contains(&r.kommunenummer.as_str()) {
                    c.push("bydelsnummer", Msg::NeedBydel);
                }
            } else {
                if r.bydelsnummer.len() != 2
                    || !r.bydelsnummer.chars().all(|ch| ch.is_ascii_digit())
                {
                    c.push("bydelsnummer", Msg::BadBydelsnummer);
                }
                c.need(&r.bydelsnavn, "bydelsnavn", Msg::NeedBydel);
            }
        }
    }
    // The reporter: never anonymous.
    let empty = ReporterProfile::default();
    let p = profile.unwrap_or(&empty);
    c.need(
        &p.personnavn,
        "offentligMelder.personnavn",
        Msg::NeedReporterName,
    );
    c.need(&p.rolle, "offentligMelder.rolle", Msg::NeedReporterRole);
    if c.need(
        &p.telefonnummer,
        "offentligMelder.telefonnummer",
        Msg::NeedReporterPhone,
    ) && !is_phone(p.telefonnummer.trim())
    {
        c.push("offentligMelder.telefonnummer", Msg::BadPhone);
    }
    if c.need(&p.epost, "offentligMelder.epost", Msg::NeedReporterEmail)
        && !is_email(p.epost.trim())
    {
        c.push("offentligMelder.epost", Msg::BadEmail);
    }
    c.need(
        &p.virksomhet_navn,
        "offentligMelder.virksomhet.navn",
        Msg::NeedOrganisation,
    );
    c.need(
        &p.virksomhet_adresse.adresselinje1,
        "offentligMelder.virksomhet.adresse.adresselinje1",
        Msg::NeedOrganisationAddress,
    );
    // The child.
    let child = &draft.child;
    c.need(
        &child.personnavn,
        "offentligBarn[0].personnavn",
        Msg::NeedChildName,
    );
    if !child.ufoedt && c.need(&child.fnr, "offentligBarn[0].fnr", Msg::NeedChildFnr) {
        match check_fnr(&child.fnr) {
            Ok(()) => {}
            Err(FnrError::Length) => c.push("offentligBarn[0].fnr", Msg::FnrLength),
            Err(FnrError::Date) => c.push("offentligBarn[0].fnr", Msg::FnrDate),
            Err(FnrError::CheckDigit) => c.push("offentligBarn[0].fnr", Msg::FnrCheckDigit),
        }
    }
    if !child.telefonnummer.trim().is_empty() && !is_phone(child.telefonnummer.trim()) {
        c.push("offentligBarn[0].telefonnummer", Msg::BadPhone);
    }
    c.need(
        &child.adresse.adresselinje1,
        "offentligBarn[0].adresse.adresselinje1",
        Msg::NeedChildAddress,
    );
    match child.orientert {
        None => c.push("offentligBarn[0].orientert", Msg::NeedChildOrientert),
        Some(false) => {
            c.need(
                &child.orientert_grunn,
                "offentligBarn[0].orientertGrunn",
                Msg::NeedChildReason,
            );
        }
        Some(true) => {}
    }
    // Foresatte: one or two, each with orientert and the reason when not.
    if draft.foresatte.is_empty() {
        c.push("foresatte", Msg::NeedForesatt);
    }
    if draft.foresatte.len() > 2 {
        c.push("foresatte", Msg::TooManyForesatte);
    }
    for (i, f) in draft.foresatte.iter().enumerate() {
        let at = |name: &str| format!("foresatte[{i}].{name}");
        c.need(&f.personnavn, at("personnavn"), Msg::NeedForesattName);
        if !f.telefonnummer.trim().is_empty() && !is_phone(f.telefonnummer.trim()) {
            c.push(at("telefonnummer"), Msg::BadPhone);
        }
        match f.orientert {
            None => c.push(at("orientert"), Msg::NeedForesattOrientert),
            Some(true) if draft.parents_must_not_be_told() => {
                c.push(at("orientert"), Msg::ForesattMustNotBeTold)
            }
            Some(true) => {}
            Some(false) => {
                c.need(
                    &f.orientert_grunn,
                    at("orientertGrunn"),
                    Msg::NeedForesattReason,
                );
            }
        }
    }
    // The melding itself.
    if draft.text.melding.trim().is_empty() && draft.observations.is_empty() {
        c.push("melding.melding", Msg::NeedMelding);
    }
    c.need(&draft.text.historie, "melding.historie", Msg::NeedHistorie);
    for (i, o) in draft.observations.iter().enumerate() {
        c.out.extend(check_observation(o, i, lang));
    }
    for (i, conv) in draft.conversations.iter().enumerate() {
        let at = |name: &str| format!("samtaler[{i}].{name}");
        if conv.held && !is_date(&conv.date) {
            c.push(at("dato"), Msg::BadDate);
        }
        if !conv.held {
            c.need(
                &conv.why_not,
                at("hvorforIkke"),
                Msg::NeedConversationWhyNot,
            );
        }
    }
    for (i, m) in draft.measures.iter().enumerate() {
        if !m.date.is_empty() && !is_date(&m.date) {
            c.push(format!("tiltak[{i}].dato"), Msg::BadDate);
        }
    }
    c.out
}

/// The problems of one observation (the `i`-th): date, time, what, the child's words' time.
pub fn check_observation(o: &super::model::Observation, i: usize, lang: Lang) -> Vec<Problem> {
    let mut c = Collect {
        lang,
        out: Vec::new(),
    };
    let at = |name: &str| format!("observasjoner[{i}].{name}");
    if !is_date(&o.date) {
        c.push(at("dato"), Msg::BadDate);
    }
    if !o.time.is_empty() && !is_time(&o.time) {
        c.push(at("klokkeslett"), Msg::BadTime);
    }
    c.need(&o.what, at("hva"), Msg::NeedObservationWhat);
    if !o.child_words.trim().is_empty() {
        if o.child_words_time.is_empty() {
            c.push(at("barnetsOrdKlokkeslett"), Msg::NeedChildWordsTime);
        } else if !is_time(&o.child_words_time) {
            c.push(at("barnetsOrdKlokkeslett"), Msg::BadTime);
        }
    }
    c.out
}
