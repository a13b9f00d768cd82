//! Export: the KS Fiks v2 "offentlig bekymringsmelding" JSON (checked against the published
//! schema in tests), and the observations, conversations and measures written out as the
//! text of the form's free-text fields.

use super::error::{DraftError, DraftResult};
use super::messages::Msg;
use super::model::{Adresse, ConversationWith, Draft, ReporterProfile};
use super::validate::validate;
use crate::i18n::Lang;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Map, Value};

/// The `leveringskanal` Veiviser writes (the portal's own values are not published).
pub const LEVERINGSKANAL: &str = "veiviser";
/// The `bydelsnummer` written for a municipality without bydeler (the schema requires one).
pub const NO_BYDEL: &str = "00";

/// The text of `melding.melding`: the user's words, then every observation and conversation.
pub fn melding_text(draft: &Draft, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !draft.text.melding.trim().is_empty() {
        parts.push(draft.text.melding.trim().to_string());
    }
    if !draft.observations.is_empty() {
        let mut s = format!("{}:", Msg::HObservations.text(lang));
        for o in &draft.observations {
            let when = if o.time.is_empty() {
                o.date.clone()
            } else {
                format!("{} {}", o.date, o.time)
            };
            s.push_str(&format!("\n- {when}: {}", o.what.trim()));
            if !o.child_words.trim().is_empty() {
                s.push_str(&format!(
                    "\n  {} ({}): «{}»",
                    Msg::LChildWords.text(lang),
                    o.child_words_time,
                    o.child_words.trim()
                ));
            }
            if !o.witnesses.trim().is_empty() {
                s.push_str(&format!(
                    "\n  {}: {}",
                    Msg::LWitnesses.text(lang),
                    o.witnesses.trim()
                ));
            }
            if !o.duration.trim().is_empty() {
                s.push_str(&format!(
                    "\n  {}: {}",
                    Msg::LDuration.text(lang),
                    o.duration.trim()
                ));
            }
        }
        parts.push(s);
    }
    if !draft.conversations.is_empty() {
        let mut s = format!("{}:", Msg::HConversations.text(lang));
        for c in &draft.conversations {
            let with = match c.with_whom {
                ConversationWith::Child => Msg::LWithChild,
                ConversationWith::Parents => Msg::LWithParents,
                ConversationWith::Other => Msg::LWithOther,
            }
            .text(lang);
            if c.held {
                s.push_str(&format!("\n- {with}, {}: {}", c.date, c.summary.trim()));
            } else {
                s.push_str(&format!(
                    "\n- {with}: {}. {}",
                    Msg::LNotHeld.text(lang),
                    c.why_not.trim()
                ));
            }
        }
        parts.push(s);
    }
    parts.join("\n\n")
}

/// The text of `melding.historie`: the user's words, then the measures already tried.
pub fn historie_text(draft: &Draft, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !draft.text.historie.trim().is_empty() {
        parts.push(draft.text.historie.trim().to_string());
    }
    if !draft.measures.is_empty() {
        let mut s = format!("{}:", Msg::HMeasures.text(lang));
        for m in &draft.measures {
            let when = if m.date.is_empty() {
                String::new()
            } else {
                format!("{}: ", m.date)
            };
            s.push_str(&format!("\n- {when}{}", m.what.trim()));
            if !m.result.trim().is_empty() {
                s.push_str(&format!(
                    " ({}: {})",
                    Msg::LResult.text(lang),
                    m.result.trim()
                ));
            }
        }
        parts.push(s);
    }
    parts.join("\n\n")
}

/// The text of `melding.andreSynspunkter`: the user's words, then the legal basis.
pub fn andre_synspunkter_text(draft: &Draft, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !draft.text.andre_synspunkter.trim().is_empty() {
        parts.push(draft.text.andre_synspunkter.trim().to_string());
    }
    if let Some(o) = draft.origin.as_ref().filter(|o| !o.legal.is_empty()) {
        parts.push(format!(
            "{}: {}",
            Msg::HLegalBasis.text(lang),
            o.legal_basis()
        ));
    }
    parts.join("\n\n")
}

fn adresse(a: &Adresse) -> Value {
    let mut m = Map::new();
    m.insert("adresselinje1".into(), json!(a.adresselinje1.trim()));
    for (k, v) in [
        ("adresselinje2", &a.adresselinje2),
        ("adresselinje3", &a.adresselinje3),
        ("postnummer", &a.postnummer),
        ("poststed", &a.poststed),
    ] {
        if !v.trim().is_empty() {
            m.insert(k.into(), json!(v.trim()));
        }
    }
    Value::Object(m)
}

fn insert_nonempty(m: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.trim().is_empty() {
        m.insert(key.into(), json!(value.trim()));
    }
}

/// The draft as a KS Fiks v2 "offentlig bekymringsmelding" document, sent at `now`. An
/// incomplete draft is [`DraftError::Incomplete`] with every problem by field name.
pub fn ks_fiks_json(
    draft: &Draft,
    profile: Option<&ReporterProfile>,
    now: DateTime<Utc>,
    lang: Lang,
) -> DraftResult<Value> {
    let problems = validate(draft, profile, lang);
    if !problems.is_empty() {
        return Err(DraftError::Incomplete { problems });
    }
    let (Some(r), Some(p)) = (&draft.recipient, profile) else {
        return Err(DraftError::invalid("draft", "validated drafts have these"));
    };
    let mut melder = Map::new();
    melder.insert("personnavn".into(), json!(p.personnavn.trim()));
    melder.insert("rolle".into(), json!(p.rolle.trim()));
    melder.insert("telefonnummer".into(), json!(p.telefonnummer.trim()));
    melder.insert("epost".into(), json!(p.epost.trim()));
    let mut virksomhet = Map::new();
    virksomhet.insert("navn".into(), json!(p.virksomhet_navn.trim()));
    insert_nonempty(&mut virksomhet, "orgnr", &p.orgnr);
    virksomhet.insert("adresse".into(), adresse(&p.virksomhet_adresse));
    melder.insert("virksomhet".into(), Value::Object(virksomhet));

    let c = &draft.child;
    let mut barn = Map::new();
    let fnr: String = c.fnr.chars().filter(|ch| !ch.is_whitespace()).collect();
    barn.insert(
        "fnr".into(),
        json!(if c.ufoedt { String::new() } else { fnr }),
    );
    barn.insert("ufoedt".into(), json!(c.ufoedt));
    barn.insert("personnavn".into(), json!(c.personnavn.trim()));
    insert_nonempty(&mut barn, "telefonnummer", &c.telefonnummer);
    barn.insert("adresse".into(), adresse(&c.adresse));
    barn.insert("orientert".into(), json!(c.orientert == Some(true)));
    if c.orientert == Some(false) {
        barn.insert("orientertGrunn".into(), json!(c.orientert_grunn.trim()));
    }

    let foresatte: Vec<Value> = draft
        .foresatte
        .iter()
        .map(|f| {
            let mut m = Map::new();
            m.insert("personnavn".into(), json!(f.personnavn.trim()));
            insert_nonempty(&mut m, "telefonnummer", &f.telefonnummer);
            m.insert("orientert".into(), json!(f.orientert == Some(true)));
            if f.orientert == Some(false) {
                m.insert("orientertGrunn".into(), json!(f.orientert_grunn.trim()));
            }
            Value::Object(m)
        })
        .collect();

    let mut melding = Map::new();
    melding.insert("melding".into(), json!(melding_text(draft, lang)));
    melding.insert("historie".into(), json!(historie_text(draft, lang)));
    let andre = andre_synspunkter_text(draft, lang);
    if !andre.is_empty() {
        melding.insert("andreSynspunkter".into(), json!(andre));
    }

    let (bydelsnummer, bydelsnavn) = if r.bydelsnummer.is_empty() {
        (NO_BYDEL.to_string(), r.kommunenavn.trim().to_string())
    } else {
        (r.bydelsnummer.clone(), r.bydelsnavn.trim().to_string())
    };
    let mut doc = Map::new();
    doc.insert("kommunenummer".into(), json!(r.kommunenummer));
    doc.insert("kommunenavn".into(), json!(r.kommunenavn.trim()));
    doc.insert("bydelsnummer".into(), json!(bydelsnummer));
    doc.insert("bydelsnavn".into(), json!(bydelsnavn));
    doc.insert("offentligMelder".into(), Value::Object(melder));
    doc.insert("offentligBarn".into(), json!([Value::Object(barn)]));
    doc.insert("foresatte".into(), Value::Array(foresatte));
    insert_nonempty(&mut doc, "behovForTolk", &draft.text.behov_for_tolk);
    insert_nonempty(
        &mut doc,
        "andreHjelpeinstanser",
        &draft.text.andre_hjelpeinstanser,
    );
    doc.insert("melding".into(), Value::Object(melding));
    doc.insert(
        "sendingstidspunkt".into(),
        json!(now.to_rfc3339_opts(SecondsFormat::Secs, true)),
    );
    doc.insert("leveringskanal".into(), json!(LEVERINGSKANAL));
    Ok(Value::Object(doc))
}
