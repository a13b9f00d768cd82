//! nb, nn and en complete for every user-visible text of the directory: the shipped demo
//! entries (names, notes, channel notes), the built-in safety net, and the labels that live
//! beside their types (open states, channel kinds, contact roles, public holidays, postcode
//! categories). The catalog's own test covers every catalog message; `shipped_guides.rs`
//! covers the guides.

mod directory_support;

use directory_support::*;
use veiviser_core::directory::safety_net::builtin_safety_net;
use veiviser_core::directory::{public_holiday, ChannelKind, OpenState, PostcodeCategory, Service};
use veiviser_core::{ContactRole, Lang, LocalizedText};

fn service_texts(s: &Service) -> Vec<(String, &LocalizedText)> {
    let mut out = vec![(format!("{}: name", s.id), &s.name)];
    if let Some(n) = &s.note {
        out.push((format!("{}: note", s.id), n));
    }
    for (i, c) in s.channels.iter().enumerate() {
        if let Some(n) = &c.note {
            out.push((format!("{}: channel[{i}].note", s.id), n));
        }
    }
    out
}

#[test]
fn every_directory_text_and_the_safety_net_have_nb_nn_and_en() {
    let dir = demo_directory();
    let mut checked = 0;
    for s in dir.services().iter().chain(builtin_safety_net()) {
        for (what, t) in service_texts(s) {
            for lang in Lang::ALL {
                assert!(t.exact(lang).is_some(), "{what}: no {lang}");
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");
    // The safety net's nynorsk names, as the glossary spells them.
    let nn: Vec<&str> = builtin_safety_net()
        .iter()
        .map(|s| s.name.exact(Lang::Nn).unwrap())
        .collect();
    assert_eq!(
        nn,
        [
            "Alarmtelefonen for barn og unge",
            "Politiet – naudnummer 112",
            "Politiet – ikkje akutt (02800)"
        ]
    );
}

#[test]
fn every_label_beside_its_type_has_all_three_languages() {
    let nonempty = |what: &str, f: &dyn Fn(Lang) -> &'static str| {
        for lang in Lang::ALL {
            assert!(!f(lang).trim().is_empty(), "{what}: no {lang}");
        }
    };
    for state in [
        OpenState::Open,
        OpenState::Closed,
        OpenState::Unknown,
        OpenState::HoursNotConfirmed,
    ] {
        nonempty(state.code(), &|l| state.label(l));
    }
    for kind in [
        ChannelKind::Phone,
        ChannelKind::Chat,
        ChannelKind::Email,
        ChannelKind::Web,
    ] {
        nonempty(kind.id(), &|l| kind.label(l));
    }
    for role in ContactRole::ALL {
        nonempty(role.id(), &|l| role.label(l));
    }
    for category in [
        PostcodeCategory::Street,
        PostcodeCategory::PostBox,
        PostcodeCategory::Both,
        PostcodeCategory::Service,
        PostcodeCategory::Several,
    ] {
        nonempty("postcode category", &|l| category.describe(l));
    }
    let mut day = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let mut holidays = 0;
    while day.year_ce().1 == 2027 {
        if let Some(h) = public_holiday(day) {
            nonempty("public holiday", &|l| h.name(l));
            holidays += 1;
        }
        day = day.succ_opt().unwrap();
    }
    assert!(holidays >= 10, "{holidays}");
}

use chrono::Datelike;
