//! The contacts view model is the contacts answer plus ready texts: its JSON holds every
//! field of the answer's JSON with the same value (so `veiviser contacts --json` is
//! unchanged), for many places, roles, instants and all three languages, and its texts
//! and `tel:` URIs are filled in.

mod directory_support;

mod directory_view {
    use super::directory_support::*;
    use serde_json::Value;
    use veiviser_core::directory::ContactsQuery;
    use veiviser_core::view::ContactsView;
    use veiviser_core::{ContactRole, Lang};

    /// Every key of `answer` is in `view` with an equal value; objects may have more keys.
    fn contains(view: &Value, answer: &Value, path: &str) {
        match (view, answer) {
            (Value::Object(v), Value::Object(a)) => {
                for (k, av) in a {
                    let vv = v
                        .get(k)
                        .unwrap_or_else(|| panic!("{path}.{k} is missing from the view"));
                    contains(vv, av, &format!("{path}.{k}"));
                }
            }
            (Value::Array(v), Value::Array(a)) => {
                assert_eq!(v.len(), a.len(), "{path}: lengths differ");
                for (i, (vv, av)) in v.iter().zip(a).enumerate() {
                    contains(vv, av, &format!("{path}[{i}]"));
                }
            }
            _ => assert_eq!(view, answer, "{path}"),
        }
    }

    const INSTANTS: [&str; 5] = [
        "2026-11-23T09:00:00+01:00",
        "2026-11-23T23:00:00+01:00",
        "2027-05-17T10:00:00+02:00",
        "2026-03-29T02:30:00Z",
        "2026-11-28T12:00:00+01:00",
    ];

    fn check(location: veiviser_core::directory::Location, role: ContactRole) {
        let book = full_book();
        for when in INSTANTS {
            for urgent in [false, true] {
                let query = ContactsQuery {
                    location: location.clone(),
                    role,
                    at: at(when),
                    urgent,
                };
                let answer = serde_json::to_value(book.contacts(&query).unwrap()).unwrap();
                for lang in Lang::ALL {
                    let view = ContactsView::new(book, &query, lang).unwrap();
                    assert!(!view.heading.is_empty());
                    for c in &view.contacts {
                        assert!(!c.title.is_empty() && !c.reason_text.is_empty());
                        assert!(!c.last_verified_text.is_empty());
                        for ch in &c.channels {
                            assert!(!ch.state_text.is_empty());
                            if ch.kind == veiviser_core::directory::ChannelKind::Phone {
                                let digits = ch.uri.strip_prefix("tel:").unwrap();
                                let digits = digits.strip_prefix('+').unwrap_or(digits);
                                assert!(
                                    !digits.is_empty()
                                        && digits.bytes().all(|b| b.is_ascii_digit()),
                                    "{}",
                                    ch.uri
                                );
                            }
                        }
                    }
                    for n in &view.notices {
                        assert_eq!(n.message, n.text.get(lang));
                    }
                    let json = serde_json::to_value(&view).unwrap();
                    contains(&json, &answer, "");
                }
            }
        }
    }

    #[test]
    fn the_view_holds_the_answer_for_oslo_bergen_and_baerum() {
        for p in ["0582", "0010", "0557", "5003", "1300", "0001", "9999"] {
            check(postcode(p), ContactRole::Barnevern);
        }
        check(postcode("0557"), ContactRole::Barnehus);
        check(kommune("0301", Some("2")), ContactRole::Barnevern);
        check(kommune("0301", None), ContactRole::Barnevernvakt);
        check(kommune("0301", Some("Nowhere")), ContactRole::Barnevern);
        check(
            veiviser_core::directory::Location::Anywhere,
            ContactRole::Krisesenter,
        );
    }

    #[test]
    fn the_view_speaks_the_asked_language() {
        let book = full_book();
        let query = ContactsQuery {
            location: postcode("0557"),
            role: ContactRole::Barnehus,
            at: at("2027-05-17T10:00:00+02:00"),
            urgent: false,
        };
        // The barnehus' hours are an estimate: said plainly in each language, never "open".
        for (lang, text, verified) in [
            (
                Lang::Nb,
                "Åpningstid ikke bekreftet – ring for å sjekke",
                "Sjekket mot skriftlig kilde 22.11.2026",
            ),
            (
                Lang::Nn,
                "Opningstida er ikkje stadfesta – ring for å sjekke",
                "Sjekka mot skriftleg kjelde 22.11.2026",
            ),
            (
                Lang::En,
                "Hours not confirmed – call to check",
                "Checked against a written source on 22.11.2026",
            ),
        ] {
            let v = ContactsView::new(book, &query, lang).unwrap();
            let c = v
                .contacts
                .iter()
                .find(|c| c.service_id == "statens-barnehus-oslo")
                .unwrap();
            assert_eq!(
                c.channels[0].state,
                veiviser_core::directory::OpenState::HoursNotConfirmed
            );
            assert_eq!(c.channels[0].state_text, text);
            assert_eq!(c.channels[0].opens_text, None);
            assert_eq!(c.verified_how, "written-source");
            assert_eq!(c.verified_text, verified);
            assert!(
                v.unconfirmed_text.is_some(),
                "no demo number is confirmed with the service"
            );
        }
        // The same hours taken as firm: closed on 17 May, in each language.
        let demo = demo_directory_dir();
        let read = |f: &str| std::fs::read_to_string(demo.join(f)).unwrap();
        let firm = veiviser_core::directory::load::directory_from_sources(&[
            veiviser_core::directory::load::SourceFile {
                name: "national.toml".into(),
                text: read("national.toml"),
            },
            veiviser_core::directory::load::SourceFile {
                name: "oslo.toml".into(),
                text: read("oslo.toml").replace("hours_estimated = true\n", ""),
            },
        ])
        .unwrap();
        let book = &veiviser_core::directory::ContactBook::new(firm, full_places());
        let nb = ContactsView::new(book, &query, Lang::Nb).unwrap();
        let nn = ContactsView::new(book, &query, Lang::Nn).unwrap();
        let en = ContactsView::new(book, &query, Lang::En).unwrap();
        assert!(
            nb.heading.starts_with("Hvem du kontakter:"),
            "{}",
            nb.heading
        );
        assert!(
            nn.heading.starts_with("Kven du kontaktar:"),
            "{}",
            nn.heading
        );
        assert!(en.heading.starts_with("Who to contact:"), "{}", en.heading);
        let closed = |v: &veiviser_core::view::ContactsView| {
            v.contacts
                .iter()
                .flat_map(|c| &c.channels)
                .find(|ch| ch.value == "22 70 56 50")
                .cloned()
                .unwrap()
        };
        assert_eq!(closed(&nb).state_text, "STENGT");
        assert_eq!(closed(&nn).state_text, "STENGD");
        assert_eq!(closed(&en).state_text, "CLOSED");
        assert_eq!(closed(&nb).holiday_text.as_deref(), Some("17. mai"));
        assert_eq!(
            closed(&nb).opens_text.as_deref(),
            Some("åpner tir. 18.05.2027 08:00")
        );
        assert_eq!(
            closed(&nn).opens_text.as_deref(),
            Some("opnar tys. 18.05.2027 08:00")
        );
    }
}
