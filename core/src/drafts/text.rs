//! The draft as plain text in the portal's order (kommune and bydel, you, the child, the
//! foresatte, interpreter, other services, the concern, history, other views), for
//! copy-and-paste into the portal or printing. Missing fields are marked, not refused.

use super::export::{andre_synspunkter_text, historie_text, melding_text};
use super::messages::Msg;
use super::model::{Adresse, Draft, ReporterProfile};
use crate::i18n::Lang;

fn or_missing(v: &str, lang: Lang) -> String {
    if v.trim().is_empty() {
        Msg::LMissing.text(lang).to_string()
    } else {
        v.trim().to_string()
    }
}

fn informed(v: Option<bool>, lang: Lang) -> &'static str {
    match v {
        Some(true) => Msg::LYes.text(lang),
        Some(false) => Msg::LNo.text(lang),
        None => Msg::LNotAnswered.text(lang),
    }
}

fn address(a: &Adresse, lang: Lang) -> String {
    let lines: Vec<&str> = [&a.adresselinje1, &a.adresselinje2, &a.adresselinje3]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let town = format!("{} {}", a.postnummer.trim(), a.poststed.trim());
    let mut all: Vec<String> = lines.into_iter().map(str::to_string).collect();
    if !town.trim().is_empty() {
        all.push(town.trim().to_string());
    }
    if all.is_empty() {
        Msg::LMissing.text(lang).to_string()
    } else {
        all.join(", ")
    }
}

/// The whole draft as text in the portal's order, in `lang`.
pub fn plain_text(draft: &Draft, profile: Option<&ReporterProfile>, lang: Lang) -> String {
    let t = |m: Msg| m.text(lang);
    let mut out = String::new();
    let mut section = |title: &str, body: String| {
        out.push_str(&format!(
            "{}\n{}\n\n",
            title.to_uppercase(),
            body.trim_end()
        ));
    };
    let r = draft.recipient.clone().unwrap_or_default();
    let bydel = if r.bydelsnavn.is_empty() {
        String::new()
    } else {
        format!(", {} ({})", r.bydelsnavn, r.bydelsnummer)
    };
    section(
        t(Msg::HRecipient),
        format!(
            "{} ({}){bydel}",
            or_missing(&r.kommunenavn, lang),
            or_missing(&r.kommunenummer, lang)
        ),
    );
    let p = profile.cloned().unwrap_or_default();
    section(
        t(Msg::HReporter),
        format!(
            "{}: {}\n{}: {}\n{}: {}\n{}: {}\n{}: {}{}\n{}: {}",
            t(Msg::LName),
            or_missing(&p.personnavn, lang),
            t(Msg::LRole),
            or_missing(&p.rolle, lang),
            t(Msg::LPhone),
            or_missing(&p.telefonnummer, lang),
            t(Msg::LEmail),
            or_missing(&p.epost, lang),
            t(Msg::LOrganisation),
            or_missing(&p.virksomhet_navn, lang),
            if p.orgnr.is_empty() {
                String::new()
            } else {
                format!(" ({} {})", t(Msg::LOrgnr), p.orgnr)
            },
            t(Msg::LAddress),
            address(&p.virksomhet_adresse, lang),
        ),
    );
    let c = &draft.child;
    let id_line = if c.ufoedt {
        format!("{}: {}", t(Msg::LUnborn), t(Msg::LYes))
    } else {
        format!("{}: {}", t(Msg::LFnr), or_missing(&c.fnr, lang))
    };
    let mut child = format!(
        "{}: {}\n{id_line}\n{}: {}\n{}: {}",
        t(Msg::LName),
        or_missing(&c.personnavn, lang),
        t(Msg::LAddress),
        address(&c.adresse, lang),
        t(Msg::LInformed),
        informed(c.orientert, lang),
    );
    if c.orientert == Some(false) {
        child.push_str(&format!(
            "\n{}: {}",
            t(Msg::LReason),
            or_missing(&c.orientert_grunn, lang)
        ));
    }
    section(t(Msg::HChild), child);
    let mut foresatte = Vec::new();
    for f in &draft.foresatte {
        let mut s = format!("{}: {}", t(Msg::LName), or_missing(&f.personnavn, lang));
        if !f.telefonnummer.is_empty() {
            s.push_str(&format!("\n{}: {}", t(Msg::LPhone), f.telefonnummer));
        }
        s.push_str(&format!(
            "\n{}: {}",
            t(Msg::LInformed),
            informed(f.orientert, lang)
        ));
        if f.orientert == Some(false) {
            s.push_str(&format!(
                "\n{}: {}",
                t(Msg::LReason),
                or_missing(&f.orientert_grunn, lang)
            ));
        }
        foresatte.push(s);
    }
    if foresatte.is_empty() {
        foresatte.push(t(Msg::LMissing).to_string());
    }
    section(t(Msg::HForesatte), foresatte.join("\n\n"));
    let none = |v: &str| {
        if v.trim().is_empty() {
            t(Msg::LNone).to_string()
        } else {
            v.trim().to_string()
        }
    };
    section(t(Msg::HInterpreter), none(&draft.text.behov_for_tolk));
    section(
        t(Msg::HOtherServices),
        none(&draft.text.andre_hjelpeinstanser),
    );
    section(
        t(Msg::HMelding),
        or_missing(&melding_text(draft, lang), lang),
    );
    section(
        t(Msg::HHistorie),
        or_missing(&historie_text(draft, lang), lang),
    );
    section(
        t(Msg::HOtherViews),
        none(&andre_synspunkter_text(draft, lang)),
    );
    out
}
