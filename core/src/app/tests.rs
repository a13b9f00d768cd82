//! Unit tests of the app model over the demo content a first launch holds (the CLI's
//! bundled snapshot, verified with the demo key).

use super::samples::{bjerke, bundled_content, oslo_instant, sample_states};
use super::*;
use crate::i18n::Lang;
use crate::roles::ContactRole;
use std::time::SystemTime;

const SNAPSHOT: &[u8] = include_bytes!("../../../apps/cli/assets/demo-snapshot.json");
const TRUSTED: &str = include_str!("../../../server/content/keys/DEMO-ONLY-trusted-keys.toml");
const VIOLENCE: &str = "mistanke-om-vold-og-overgrep";

fn content() -> AppContent {
    bundled_content(SNAPSHOT, TRUSTED).expect("the bundled demo snapshot opens")
}

fn send(app: &mut App, now: SystemTime, action: Action) -> AppView {
    app.dispatch(Event::new(now, action))
}

/// Opens the area screen for `purpose` and searches `query`; returns the view after the search.
fn search_area(app: &mut App, now: SystemTime, purpose: AreaPurpose, query: &str) -> AppView {
    send(app, now, Action::OpenArea { purpose });
    send(
        app,
        now,
        Action::SearchArea {
            query: query.into(),
        },
    )
}

/// Opens the area screen for the user's own area and chooses Bjerke.
fn choose_bjerke_as_default(app: &mut App, now: SystemTime) {
    send(
        app,
        now,
        Action::OpenArea {
            purpose: AreaPurpose::Default,
        },
    );
    send(app, now, Action::ChooseArea { area: bjerke() });
}

fn step(view: &AppView) -> &GuideStepView {
    match &view.screen {
        Screen::GuideStep { step } => step,
        other => panic!("expected a guide step, got {other:?}"),
    }
}

fn numbers_of(view: &AppView) -> &NumberListView {
    match &view.screen {
        Screen::GuideStep { step } => &step.numbers,
        Screen::Contacts { contacts } => &contacts.numbers,
        other => panic!("expected numbers, got {other:?}"),
    }
}

/// Walks the violence guide to the step where the user is unsure (A-ANONYM).
fn walk_to_violence_step(app: &mut App, now: SystemTime) -> AppView {
    send(
        app,
        now,
        Action::OpenGuide {
            guide_id: VIOLENCE.into(),
        },
    );
    send(app, now, Action::Next);
    send(
        app,
        now,
        Action::Answer {
            option_id: "nei".into(),
        },
    );
    send(app, now, Action::Next);
    send(
        app,
        now,
        Action::Answer {
            option_id: "usikker".into(),
        },
    )
}

#[test]
fn first_launch_shows_the_acute_bar_and_the_guides_with_no_dialog() {
    let mut app = App::new(content());
    let view = send(&mut app, oslo_instant(10), Action::Launch);
    assert_eq!(view.screen_id, ScreenId::Home);
    let uris: Vec<&str> = view
        .acute_bar
        .calls
        .iter()
        .map(|c| c.tel_uri.as_str())
        .collect();
    assert_eq!(uris, ["tel:112", "tel:113", "tel:116111"]);
    for c in &view.acute_bar.calls {
        assert_eq!(
            c.call.action,
            Action::Call {
                tel_uri: c.tel_uri.clone()
            }
        );
    }
    let Screen::Home { home } = &view.screen else {
        unreachable!()
    };
    assert!(home.guides.len() >= 5, "{:?}", home.guides);
    assert!(home
        .guides
        .iter()
        .all(|g| g.open.is_some() && !g.title.is_empty()));
    assert!(home
        .banners
        .iter()
        .any(|b| b.kind == BannerKind::DemoContent));
    assert!(matches!(
        view.effects.last(),
        Some(Effect::PersistState { .. })
    ));
}

#[test]
fn violence_step_in_bjerke_on_a_weekday_morning_lists_every_number_once() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    let view = walk_to_violence_step(&mut app, now);
    assert_eq!(step(&view).step.id, "A-ANONYM");
    // No area yet: national numbers only, and the area is asked inline (skippable).
    let numbers = numbers_of(&view);
    assert!(!numbers.has_area);
    assert!(numbers.skip_area.is_some());
    assert!(numbers
        .entries
        .iter()
        .all(|e| !e.service_id.contains("bjerke")));
    assert_eq!(
        numbers.area_action.action,
        Action::OpenArea {
            purpose: AreaPurpose::Walk
        }
    );

    let picker = search_area(&mut app, now, AreaPurpose::Walk, "0582");
    let Screen::Area { area } = &picker.screen else {
        panic!("{picker:?}")
    };
    let picker = area
        .bydel_picker
        .as_ref()
        .expect("0582 spans several bydeler");
    let bjerke_choice = picker
        .choices
        .iter()
        .find(|c| c.label == "Bjerke")
        .expect("Bjerke is a candidate");
    let view = send(&mut app, now, bjerke_choice.action.clone());
    assert_eq!(view.screen_id, ScreenId::GuideStep);
    let numbers = numbers_of(&view);
    assert!(numbers.has_area, "{}", numbers.area_text);
    assert!(
        numbers.area_text.contains("Bjerke"),
        "{}",
        numbers.area_text
    );
    let uris: Vec<Option<&str>> = numbers
        .entries
        .iter()
        .map(|e| e.tel_uri.as_deref())
        .collect();
    for want in ["tel:02800", "tel:22705650", "tel:116111"] {
        assert_eq!(
            uris.iter().filter(|u| **u == Some(want)).count(),
            1,
            "{want} once in {uris:?}"
        );
        let e = numbers
            .entries
            .iter()
            .find(|e| e.tel_uri.as_deref() == Some(want))
            .unwrap();
        assert_eq!(
            e.call.as_ref().unwrap().action,
            Action::Call {
                tel_uri: want.into()
            }
        );
    }
    let bydel = numbers
        .entries
        .iter()
        .find(|e| e.service_id == "barnevern-oslo-bjerke")
        .expect("the bydel's barneverntjeneste is listed");
    assert!(bydel.call.is_none() && bydel.tel_uri.is_none());
    assert!(bydel
        .note_text
        .as_deref()
        .unwrap_or("")
        .contains("ikke verifisert"));
    assert!(bydel.no_number_text.is_some());
    // Barnevernvakten answers 116 111: one entry, which names it.
    let alarm = numbers
        .entries
        .iter()
        .find(|e| e.tel_uri.as_deref() == Some("tel:116111"))
        .unwrap();
    assert!(
        alarm
            .also_text
            .as_deref()
            .unwrap_or("")
            .contains("Barnevernvakten"),
        "{alarm:?}"
    );
    // The state keeps the area with the walk only.
    assert!(app.state().default_area.is_none());
    assert_eq!(app.state().walk.as_ref().unwrap().area, Some(bjerke()));
}

#[test]
fn barnevern_in_office_hours_lists_the_bydel_first_then_barnevernvakten() {
    let mut app = App::new(content());
    let now = oslo_instant(10); // Wednesday 2 December 2026, 10:00
    choose_bjerke_as_default(&mut app, now);
    let view = send(
        &mut app,
        now,
        Action::OpenContacts {
            role: Some(ContactRole::Barnevern),
        },
    );
    let entries = &numbers_of(&view).entries;
    assert_eq!(entries[0].title, "Barneverntjenesten i bydel Bjerke");
    assert!(entries[0].call.is_none() && entries[0].note_text.is_some());
    assert!(
        entries[1].title.starts_with("Barnevernvakten"),
        "{:?}",
        entries[1]
    );
    assert_eq!(
        entries[1].reason_text,
        "Hvis Barneverntjenesten i bydel Bjerke ikke svarer"
    );
    assert_eq!(entries[1].tel_uri.as_deref(), Some("tel:116111"));

    let night = oslo_instant(3);
    let view = send(&mut app, night, Action::Launch);
    let entries = &numbers_of(&view).entries;
    assert!(
        entries[0].title.starts_with("Barnevernvakten"),
        "{:?}",
        entries[0]
    );
    assert_eq!(
        entries[0].reason_text,
        "utenfor kontortid".replacen('u', "U", 1)
    );
    assert!(entries
        .iter()
        .any(|e| e.service_id == "barnevern-oslo-bjerke"));
}

#[test]
fn tel_uris_are_digits_only_and_calls_become_dial_effects() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    let view = walk_to_violence_step(&mut app, now);
    for e in &numbers_of(&view).entries {
        if let Some(uri) = &e.tel_uri {
            let digits = uri.strip_prefix("tel:").unwrap();
            assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{uri}");
        }
    }
    let view = send(
        &mut app,
        now,
        Action::Call {
            tel_uri: "tel:116111".into(),
        },
    );
    assert_eq!(
        view.effects[0],
        Effect::Dial {
            tel_uri: "tel:116111".into()
        }
    );
    let view = send(
        &mut app,
        now,
        Action::Call {
            tel_uri: "tel:116 111; rm".into(),
        },
    );
    assert!(!view
        .effects
        .iter()
        .any(|e| matches!(e, Effect::Dial { .. })));
}

#[test]
fn the_same_step_comes_back_after_process_death_and_the_walk_area_goes_with_the_walk() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    walk_to_violence_step(&mut app, now);
    send(
        &mut app,
        now,
        Action::OpenArea {
            purpose: AreaPurpose::Walk,
        },
    );
    let view = send(&mut app, now, Action::ChooseArea { area: bjerke() });
    let Some(Effect::PersistState { json }) = view.effects.last().cloned() else {
        panic!()
    };
    assert!(!json.contains("Bjerke"), "only ids are persisted: {json}");
    drop(app);
    let mut again = App::restore(&json, content());
    let view = send(&mut again, now, Action::Launch);
    assert_eq!(step(&view).step.id, "A-ANONYM");
    assert!(numbers_of(&view).has_area);
    let view = send(&mut again, now, Action::EndWalk);
    assert_eq!(view.screen_id, ScreenId::Home);
    let Some(Effect::PersistState { json }) = view.effects.last().cloned() else {
        panic!()
    };
    assert!(!json.contains("0582") && !json.contains("\"09\""), "{json}");
    // A broken save starts fresh instead of failing.
    let view = send(
        &mut App::restore("{not json", content()),
        now,
        Action::Launch,
    );
    assert_eq!(view.screen_id, ScreenId::Home);
}

#[test]
fn sector_is_asked_inline_once_and_can_be_skipped() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    let view = send(
        &mut app,
        now,
        Action::OpenGuide {
            guide_id: VIOLENCE.into(),
        },
    );
    assert!(step(&view).sector_prompt.is_some());
    let view = send(&mut app, now, Action::SkipSector);
    assert!(step(&view).sector_prompt.is_none());
    let view = send(
        &mut app,
        now,
        Action::SetSector {
            sector: Some(crate::Sector::Barnehage),
        },
    );
    assert!(step(&view).sector_prompt.is_none());
    assert_eq!(app.state().sector, Some(crate::Sector::Barnehage));
}

#[test]
fn whats_new_lists_guides_whose_revision_rose() {
    let base = content();
    let mut app = App::new(base.clone());
    let now = oslo_instant(10);
    let mut newer = base.clone();
    for g in &mut newer.guides {
        if g.id == VIOLENCE {
            let mut guide = (**g.guide().unwrap()).clone();
            guide.revision += 1;
            *g = super::GuideEntry::new(g.id.clone(), Ok(std::sync::Arc::new(guide)));
        }
    }
    newer.release_notes.insert(
        0,
        crate::release_note::ReleaseNote {
            id: crate::release_note::ReleaseNote::record_id(9_999),
            sequence: 9_999,
            published_at: chrono::Utc::now(),
            summary: crate::LocalizedText::nb("Nytt steg om anonym drøfting"),
            guides: vec![VIOLENCE.into()],
            entries: vec!["service:barnevern-oslo-bjerke".into()],
            urgent: false,
        },
    );
    choose_bjerke_as_default(&mut app, now);
    app.set_content(newer);
    let view = send(&mut app, now, Action::SyncFinished);
    let Screen::Home { home } = &view.screen else {
        panic!()
    };
    assert!(home.banners.iter().any(|b| b.kind == BannerKind::WhatsNew));
    let view = send(&mut app, now, Action::OpenWhatsNew);
    let Screen::WhatsNew { whats_new } = &view.screen else {
        panic!()
    };
    assert_eq!(whats_new.guides.len(), 1);
    assert_eq!(whats_new.guides[0].id, VIOLENCE);
    assert_eq!(
        whats_new.guides[0].summary.as_deref(),
        Some("Nytt steg om anonym drøfting")
    );
    assert_eq!(whats_new.entries.len(), 1, "{:?}", whats_new.entries);
    assert_eq!(whats_new.entries[0].id, "barnevern-oslo-bjerke");
    assert!(whats_new.entries[0].summary.is_some());
    let view = send(&mut app, now, Action::DismissWhatsNew);
    let Screen::Home { home } = &view.screen else {
        panic!()
    };
    assert!(!home.banners.iter().any(|b| b.kind == BannerKind::WhatsNew));
}

#[test]
fn every_language_renders_every_sample_state() {
    let content = content();
    for lang in Lang::ALL {
        let states = sample_states(&content, lang);
        assert!(states.len() >= 8);
        for s in &states {
            assert_eq!(s.view.lang, lang, "{}", s.id);
            assert_eq!(s.view.acute_bar.calls.len(), 3, "{}", s.id);
        }
    }
}

#[test]
fn sample_states_have_unique_ids_on_their_screen_and_are_listed_in_screens_md() {
    let screens_md = include_str!("../../../apps/screens.md");
    let states = sample_states(&content(), Lang::Nb);
    let mut ids = std::collections::BTreeSet::new();
    for s in &states {
        assert!(ids.insert(s.id), "{} twice", s.id);
        let prefix = s.id.split('.').next().unwrap();
        let screen = serde_json::to_value(s.view.screen_id).unwrap();
        let expected = if prefix == "step" {
            "guide_step"
        } else {
            prefix
        };
        assert_eq!(screen, expected, "{}", s.id);
        assert!(
            screens_md.contains(&format!("`{}`", s.id)),
            "{} is not in apps/screens.md",
            s.id
        );
        assert!(s.view.effects.is_empty());
    }
    assert!(states.len() >= 25, "{}", states.len());
    // VEIVISER_DUMP_SAMPLES=nn prints every state in that language, to read them.
    if let Some(lang) = std::env::var("VEIVISER_DUMP_SAMPLES")
        .ok()
        .and_then(|l| l.parse().ok())
    {
        for s in &sample_states(&content(), lang) {
            println!(
                "=== {}\n{}",
                s.id,
                serde_json::to_string_pretty(&s.view).unwrap()
            );
        }
    }
}

#[test]
fn postcode_2000_is_lillestrom_with_no_oslo_service_and_says_no_local_entry_is_verified() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    let view = search_area(&mut app, now, AreaPurpose::Default, "2000");
    let Screen::Home { home } = &view.screen else {
        panic!("{view:?}")
    };
    assert!(home.area_text.contains("Lillestrøm"), "{}", home.area_text);
    let view = send(
        &mut app,
        now,
        Action::OpenContacts {
            role: Some(ContactRole::Barnevern),
        },
    );
    let numbers = numbers_of(&view);
    assert!(
        numbers.area_text.contains("Lillestrøm"),
        "{}",
        numbers.area_text
    );
    assert!(
        numbers
            .entries
            .iter()
            .all(|e| !e.service_id.contains("oslo")),
        "{:?}",
        numbers.entries
    );
    assert!(numbers
        .notices
        .iter()
        .any(|n| n.code == crate::directory::NoticeCode::NoVerifiedLocalEntry));
    assert!(numbers
        .entries
        .iter()
        .any(|e| e.tel_uri.as_deref() == Some("tel:116111")));
}

#[test]
fn a_municipality_with_bydeler_asks_for_the_bydel_and_the_area_can_be_skipped() {
    let mut app = App::new(content());
    let now = oslo_instant(10);
    let view = search_area(&mut app, now, AreaPurpose::Default, "Oslo");
    let Screen::Area { area } = &view.screen else {
        panic!("{view:?}")
    };
    let oslo = area
        .results
        .iter()
        .find(|r| matches!(&r.action, Action::ChooseArea { area } if area.kommunenummer.as_deref() == Some("0301") && area.bydelsnummer.is_none() && area.postnummer.is_none()))
        .unwrap_or_else(|| panic!("Oslo kommune among {:?}", area.results));
    let view = send(&mut app, now, oslo.action.clone());
    let Screen::Area { area } = &view.screen else {
        panic!("{view:?}")
    };
    let picker = area.bydel_picker.as_ref().expect("Oslo has bydeler");
    assert!(picker.choices.len() >= 15, "{:?}", picker.choices);
    // Skipping: national numbers only, and not asked again inline for this walk.
    let view = walk_to_violence_step(&mut app, now);
    assert!(numbers_of(&view).skip_area.is_some());
    let view = send(&mut app, now, Action::SkipArea);
    assert_eq!(view.screen_id, ScreenId::GuideStep);
    assert!(numbers_of(&view).skip_area.is_none());
    assert!(!numbers_of(&view).has_area);
    let view = send(&mut app, now, Action::SearchArea { query: "12".into() });
    assert_eq!(
        view.screen_id,
        ScreenId::GuideStep,
        "a search outside the area screen changes nothing visible"
    );
}

#[test]
fn an_office_with_estimated_hours_comes_first_by_day_and_after_the_fallback_at_night() {
    let mut app = App::new(content());
    let day = oslo_instant(10);
    choose_bjerke_as_default(&mut app, day);
    let view = send(
        &mut app,
        day,
        Action::OpenContacts {
            role: Some(ContactRole::Barnehus),
        },
    );
    let entries = &numbers_of(&view).entries;
    assert_eq!(
        entries[0].service_id, "statens-barnehus-oslo",
        "{entries:?}"
    );
    assert_eq!(
        entries[0].state,
        crate::directory::OpenState::HoursNotConfirmed
    );
    assert!(
        entries[1].reason_text.starts_with("Hvis Statens barnehus"),
        "{:?}",
        entries[1]
    );
    let view = send(&mut app, oslo_instant(3), Action::Launch);
    let entries = &numbers_of(&view).entries;
    assert_eq!(
        entries[0].tel_uri.as_deref(),
        Some("tel:116111"),
        "{entries:?}"
    );
    assert_eq!(entries[0].reason_text, "Utenfor kontortid");
    assert!(entries
        .iter()
        .any(|e| e.service_id == "statens-barnehus-oslo"));
}
