//! Resolution with the FULL postcode register and bydel pairs from the reference data:
//! postcodes to municipalities, Oslo postcodes to candidate bydeler (Sentrum, Marka), and
//! the national fallback when no local entry exists.

mod directory_support;

mod directory_resolve {
    use super::directory_support::*;
    use veiviser_core::directory::{AdviceReason, Locality, NoticeCode, PostcodeCategory};
    use veiviser_core::ContactRole;

    const WEEKDAY_MORNING: &str = "2026-11-23T09:00:00+01:00";

    fn has_notice(answer: &veiviser_core::directory::ContactsAnswer, code: NoticeCode) -> bool {
        answer.notices.iter().any(|n| n.code == code)
    }

    #[test]
    fn full_register_loads_every_row_and_pair() {
        let places = full_places();
        assert_eq!(places.rows().len(), 5122);
        assert_eq!(places.pairs().len(), 883);
        assert_eq!(places.kommune_name("3201"), Some("Bærum"));
    }

    #[test]
    fn postcodes_resolve_to_their_municipality() {
        let book = full_book();
        let cases = [
            ("5003", "4601", "Bergen"),
            ("1300", "3201", "Bærum"),
            ("1337", "3201", "Bærum"),
            ("7010", "5001", "Trondheim"),
            ("4005", "1103", "Stavanger"),
            ("9008", "5501", "Tromsø"),
            ("6002", "1508", "Ålesund"),
            ("0582", "0301", "Oslo"),
        ];
        for (p, k, name) in cases {
            let a = ask(
                book,
                postcode(p),
                ContactRole::Barnevern,
                WEEKDAY_MORNING,
                false,
            );
            let kommune = a
                .kommune
                .as_ref()
                .unwrap_or_else(|| panic!("{p}: no kommune"));
            assert_eq!(kommune.kommunenummer, k, "{p}");
            assert_eq!(kommune.name.as_deref(), Some(name), "{p}");
        }
    }

    #[test]
    fn post_box_postcode_answers_but_warns() {
        let a = ask(
            full_book(),
            postcode("1300"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(
            a.postcode.as_ref().unwrap().kategori,
            PostcodeCategory::PostBox
        );
        assert_eq!(a.postcode.as_ref().unwrap().poststed, "Sandvika");
        assert!(has_notice(&a, NoticeCode::PostBoxPostcode));
        assert!(!a.contacts.is_empty());
    }

    #[test]
    fn oslo_0582_gives_bjerke_and_alna_as_candidates_and_says_so() {
        let a = ask(
            full_book(),
            postcode("0582"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.bydel, None, "must not guess");
        assert_eq!(candidate_names(&a), vec!["Bjerke", "Alna"]);
        let notice = a
            .notices
            .iter()
            .find(|n| n.code == NoticeCode::BydelNotSettled)
            .unwrap();
        assert!(
            notice.text.nb.contains("Bjerke og Alna"),
            "{}",
            notice.text.nb
        );
    }

    #[test]
    fn sentrum_postcode_is_served_by_st_hanshaugen() {
        let a = ask(
            full_book(),
            postcode("0010"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        let bydel = a.bydel.as_ref().expect("Sentrum settles to St. Hanshaugen");
        assert_eq!(bydel.name, "St. Hanshaugen");
        assert_eq!(bydel.bydelsnummer.as_deref(), Some("04"));
        assert!(has_notice(&a, NoticeCode::ServedByOtherBydel));
        let entry = a
            .contacts
            .iter()
            .find(|c| c.service_id == "barnevern-oslo-st-hanshaugen")
            .unwrap();
        assert_eq!(entry.locality, Locality::Bydel);
        // 0150 lies in Gamle Oslo and Sentrum: two candidates, Sentrum replaced.
        let a = ask(
            full_book(),
            postcode("0150"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(candidate_names(&a), vec!["Gamle Oslo", "St. Hanshaugen"]);
    }

    #[test]
    fn marka_postcodes_return_the_other_candidates_and_say_the_area_is_shared() {
        // 0372: Marka, Vestre Aker, Nordre Aker.
        let a = ask(
            full_book(),
            postcode("0372"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(candidate_names(&a), vec!["Vestre Aker", "Nordre Aker"]);
        assert!(has_notice(&a, NoticeCode::SharedArea));
        // 0890 lies only in Marka: the bydeler sharing Marka, never nothing.
        for p in ["0890", "0496", "0758", "0891"] {
            let a = ask(
                full_book(),
                postcode(p),
                ContactRole::Barnevern,
                WEEKDAY_MORNING,
                false,
            );
            assert!(
                a.bydel_candidates.len() >= 2,
                "{p}: {:?}",
                candidate_names(&a)
            );
            assert!(!candidate_names(&a).contains(&"Marka"), "{p}");
            assert!(has_notice(&a, NoticeCode::SharedArea), "{p}");
        }
    }

    #[test]
    fn every_oslo_pair_postcode_gives_real_bydeler_only() {
        let book = full_book();
        let oslo: std::collections::BTreeSet<String> = book
            .places()
            .unwrap()
            .pairs_in_kommune("0301")
            .map(|p| p.postnummer.clone())
            .collect();
        assert!(oslo.len() > 400);
        for p in oslo {
            let a = ask(
                book,
                postcode(&p),
                ContactRole::Barnevern,
                WEEKDAY_MORNING,
                false,
            );
            let names: Vec<String> = a
                .bydel
                .iter()
                .chain(a.bydel_candidates.iter())
                .map(|b| b.name.clone())
                .collect();
            assert!(!names.is_empty(), "{p}: no bydel");
            assert!(
                names
                    .iter()
                    .all(|n| n != "Sentrum" && n != "Marka" && !n.starts_with("bydel ")),
                "{p}: {names:?}"
            );
            assert!(
                a.bydel.is_some() != (a.bydel_candidates.len() > 1),
                "{p}: settled xor candidates"
            );
        }
    }

    #[test]
    fn every_register_postcode_gets_a_non_empty_answer() {
        let book = full_book();
        for row in book.places().unwrap().rows() {
            let a = ask(
                book,
                postcode(&row.postnummer),
                ContactRole::Barnevern,
                "2026-11-23T23:00:00+01:00",
                false,
            );
            assert!(!a.contacts.is_empty(), "{}", row.postnummer);
            assert_eq!(a.kommune.as_ref().unwrap().kommunenummer, row.kommunenummer);
        }
    }

    #[test]
    fn municipality_without_local_entry_returns_national_fallbacks_and_says_so() {
        let a = ask(
            full_book(),
            postcode("1337"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(!a.verified_local_entry);
        let notice = a
            .notices
            .iter()
            .find(|n| n.code == NoticeCode::NoVerifiedLocalEntry)
            .expect("says so");
        assert!(notice.text.nb.contains("Bærum"), "{}", notice.text.nb);
        let order = ids(&a);
        let pos = |id: &str| {
            order
                .iter()
                .position(|x| *x == id)
                .unwrap_or_else(|| panic!("{id} missing in {order:?}"))
        };
        assert!(pos("alarmtelefonen") < pos("nodnummer-politi-112"));
        assert!(pos("nodnummer-politi-112") < pos("politi-02800"));
        let numbers: Vec<&str> = a
            .contacts
            .iter()
            .flat_map(|c| c.channels.iter().map(|ch| ch.value.as_str()))
            .collect();
        for n in ["116 111", "112", "02800"] {
            assert!(numbers.contains(&n), "{n} in {numbers:?}");
        }
        // A municipality given by number works the same way.
        let a = ask(
            full_book(),
            kommune("4601", None),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(a
            .notices
            .iter()
            .any(|n| n.code == NoticeCode::NoVerifiedLocalEntry && n.text.nb.contains("Bergen")));
        assert_eq!(a.contacts[0].service_id, "alarmtelefonen");
    }

    #[test]
    fn unknown_postcode_and_municipality_still_answer() {
        let a = ask(
            full_book(),
            postcode("0000"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(has_notice(&a, NoticeCode::UnknownPostcode));
        assert!(ids(&a).contains(&"alarmtelefonen"));
        let a = ask(
            full_book(),
            kommune("9998", None),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(has_notice(&a, NoticeCode::UnknownKommune));
        assert!(ids(&a).contains(&"nodnummer-politi-112"));
    }

    #[test]
    fn malformed_input_is_an_error() {
        use veiviser_core::directory::ContactsQuery;
        let book = full_book();
        for location in [postcode("12a"), postcode("05821"), kommune("301", None)] {
            let q = ContactsQuery {
                location,
                role: ContactRole::Barnevern,
                at: at(WEEKDAY_MORNING),
                urgent: false,
            };
            let err = book.contacts(&q).unwrap_err().to_string();
            assert!(err.contains("4 digits"), "{err}");
        }
    }

    #[test]
    fn kommune_and_bydel_by_number_or_name() {
        let book = full_book();
        let a = ask(
            book,
            kommune("0301", Some("2")),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.bydel.as_ref().unwrap().name, "Grünerløkka");
        assert!(ids(&a).contains(&"barnevern-oslo-grunerlokka"));
        let a = ask(
            book,
            kommune("0301", Some("grunerlokka")),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.bydel.as_ref().unwrap().name, "Grünerløkka");
        let a = ask(
            book,
            kommune("0301", Some("16")),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.bydel.as_ref().unwrap().name, "St. Hanshaugen");
        let a = ask(
            book,
            kommune("0301", Some("99")),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(has_notice(&a, NoticeCode::UnknownBydel));
        assert_eq!(a.bydel_candidates.len(), 15);
        let a = ask(
            book,
            kommune("0301", None),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert!(has_notice(&a, NoticeCode::BydelUnknown));
        assert_eq!(a.bydel_candidates.len(), 15);
        // General, not Oslo-only: Trondheim by name, Bergen by number.
        let a = ask(
            book,
            kommune("5001", Some("Midtbyen")),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.bydel.as_ref().unwrap().name, "Midtbyen");
        let a = ask(
            book,
            postcode("5003"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(
            a.bydel.as_ref().unwrap().bydelsnummer.as_deref(),
            Some("02")
        );
        let a = ask(
            book,
            postcode("7014"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(candidate_names(&a), vec!["Midtbyen", "Østbyen"]);
        let a = ask(
            book,
            postcode("4005"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(candidate_names(&a), vec!["Eiganes og Våland", "Storhaug"]);
    }

    #[test]
    fn postcode_partly_in_another_municipality_says_so() {
        let a = ask(
            full_book(),
            postcode("7224"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        assert_eq!(a.kommune.as_ref().unwrap().kommunenummer, "5028");
        let n = a
            .notices
            .iter()
            .find(|n| n.code == NoticeCode::AlsoInOtherKommune)
            .unwrap();
        assert!(
            n.text.nb.contains("Trondheim") && n.text.nb.contains("Heimdal"),
            "{}",
            n.text.nb
        );
    }

    #[test]
    fn oslo_fallback_is_barnevernvakten_via_116_111() {
        let a = ask(
            full_book(),
            postcode("0557"),
            ContactRole::Barnevern,
            WEEKDAY_MORNING,
            false,
        );
        // The bydeler have no verified number: the after-hours route comes first, even by day.
        assert_eq!(a.contacts[0].service_id, "barnevernvakten-oslo");
        assert_eq!(a.contacts[0].reason, AdviceReason::AfterHours);
        assert_eq!(a.contacts[0].channels[0].value, "116 111");
        assert!(has_notice(&a, NoticeCode::NoVerifiedLocalEntry));
    }

    #[test]
    fn never_empty_even_when_the_content_lacks_national_numbers() {
        use veiviser_core::directory::load::{directory_from_sources, SourceFile};
        use veiviser_core::directory::ContactBook;
        let local_only = r#"
[[area]]
kommune = "3201"
name = "Bærum"
last_verified = 2026-11-01
"#;
        let dir = directory_from_sources(&[SourceFile {
            name: "local.toml".into(),
            text: local_only.into(),
        }])
        .unwrap();
        let book = ContactBook::new(dir, full_places());
        for location in [postcode("1337"), postcode("0582"), kommune("9998", None)] {
            let a = ask(
                &book,
                location,
                ContactRole::Barnevern,
                "2026-11-23T23:00:00+01:00",
                false,
            );
            let numbers: Vec<&str> = a
                .contacts
                .iter()
                .flat_map(|c| c.channels.iter().map(|ch| ch.value.as_str()))
                .collect();
            assert_eq!(numbers, vec!["116 111", "112", "02800"]);
            assert_eq!(a.contacts[0].service_id, "builtin-alarmtelefonen-116111");
            assert_eq!(a.contacts[0].reason, AdviceReason::AfterHours);
        }
    }
}
