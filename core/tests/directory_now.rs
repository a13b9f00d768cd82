//! "Who to call now" at fixed instants: office hours, nights, weekends, public holidays
//! (17 May, Easter Monday), the entry's own closed dates and both DST changes (Europe/Oslo).
//!
//! The office here is EXAMPLE DATA in a fixture (numbers starting with 0 are not valid
//! Norwegian subscriber numbers); the national numbers come from the shipped demo directory.

mod directory_support;

mod directory_now {
    use super::directory_support::*;
    use veiviser_core::directory::load::{directory_from_sources, SourceFile};
    use veiviser_core::directory::{
        AdviceReason, ClosedReason, ContactBook, ContactsAnswer, NoticeCode, OpenState,
        PublicHoliday,
    };
    use veiviser_core::ContactRole;

    const FIXTURE: &str = r#"
[[area]]
kommune = "3201"
name = "Bærum"
last_verified = 2026-11-01
example_data = true

[[service]]
id = "eksempel-barnevern-baerum"
name = "EKSEMPEL: barneverntjenesten"
role = "barnevern"
covers = ["3201"]
after_hours = "barnevernvakt"
closed_dates = [2026-12-24]
last_verified = 2026-11-01
example_data = true

[[service.channel]]
kind = "phone"
value = "00 00 00 00"
hours = "mon-fri 08:00-15:30"

[[service]]
id = "eksempel-barnevernvakt"
name = "EKSEMPEL: barnevernvakt"
role = "barnevernvakt"
covers = ["3201"]
last_verified = 2026-11-01
example_data = true

[[service.channel]]
kind = "phone"
value = "00 00 00 01"
hours = "24/7"
"#;

    fn book() -> &'static ContactBook {
        static BOOK: std::sync::OnceLock<ContactBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(|| {
            let national =
                std::fs::read_to_string(demo_directory_dir().join("national.toml")).unwrap();
            let dir = directory_from_sources(&[
                SourceFile {
                    name: "national.toml".into(),
                    text: national,
                },
                SourceFile {
                    name: "fixture.toml".into(),
                    text: FIXTURE.into(),
                },
            ])
            .unwrap_or_else(|e| panic!("{e}"));
            ContactBook::new(dir, full_places())
        })
    }

    /// The same book with Alarmtelefonen's chat hours taken as firm (the demo marks them
    /// estimated), so the DST tests can watch a daily opening move with the clock.
    fn firm_chat_book() -> &'static ContactBook {
        static BOOK: std::sync::OnceLock<ContactBook> = std::sync::OnceLock::new();
        BOOK.get_or_init(|| {
            let national =
                std::fs::read_to_string(demo_directory_dir().join("national.toml")).unwrap();
            assert!(national.contains("hours_estimated = true\n"));
            let dir = directory_from_sources(&[
                SourceFile {
                    name: "national.toml".into(),
                    text: national.replace("hours_estimated = true\n", ""),
                },
                SourceFile {
                    name: "fixture.toml".into(),
                    text: FIXTURE.into(),
                },
            ])
            .unwrap_or_else(|e| panic!("{e}"));
            ContactBook::new(dir, full_places())
        })
    }

    /// The state of Alarmtelefonen's chat at `when`, with its hours taken as firm.
    fn firm_chat(when: &str) -> OpenState {
        let a = ask(
            firm_chat_book(),
            postcode("1337"),
            ContactRole::Barnevern,
            when,
            false,
        );
        let s = a
            .contacts
            .iter()
            .find(|c| c.service_id == "alarmtelefonen")
            .unwrap();
        s.channels
            .iter()
            .find(|c| c.value == "116111.no")
            .unwrap()
            .state
    }

    fn baerum(when: &str) -> ContactsAnswer {
        ask(
            book(),
            postcode("1337"),
            ContactRole::Barnevern,
            when,
            false,
        )
    }

    fn office(a: &ContactsAnswer) -> &veiviser_core::directory::ContactAdvice {
        a.contacts
            .iter()
            .find(|c| c.service_id == "eksempel-barnevern-baerum")
            .unwrap()
    }

    fn assert_fallback_first(a: &ContactsAnswer, when: &str) {
        assert_eq!(
            a.contacts[0].service_id,
            "eksempel-barnevernvakt",
            "{when}: {:?}",
            ids(a)
        );
        assert_eq!(a.contacts[0].reason, AdviceReason::AfterHours);
        assert_eq!(a.contacts[0].state, OpenState::Open);
        assert_eq!(office(a).state, OpenState::Closed, "{when}");
        assert!(
            a.notices.iter().any(|n| n.code == NoticeCode::OfficeClosed),
            "{when}"
        );
    }

    #[test]
    fn office_first_on_a_weekday_morning() {
        let a = baerum("2026-11-23T09:00:00+01:00");
        assert_eq!(ids(&a)[0], "eksempel-barnevern-baerum", "{:?}", ids(&a));
        assert_eq!(a.contacts[0].reason, AdviceReason::Primary);
        assert_eq!(a.contacts[0].state, OpenState::Open);
        assert_eq!(ids(&a)[1], "eksempel-barnevernvakt");
        assert!(
            !a.verified_local_entry,
            "example data is not a verified entry"
        );
        assert!(!a.notices.iter().any(|n| n.code == NoticeCode::OfficeClosed));
    }

    #[test]
    fn after_hours_fallback_first_at_night() {
        let a = baerum("2026-11-23T23:00:00+01:00");
        assert_fallback_first(&a, "night");
        let phone = &office(&a).channels[0];
        assert_eq!(phone.closed_reason, Some(ClosedReason::OutsideHours));
        assert_eq!(phone.opens_at.as_deref(), Some("2026-11-24T08:00:00+01:00"));
        // Alarmtelefonen follows the barnevernvakt in the after-hours chain.
        assert_eq!(ids(&a)[1], "alarmtelefonen");
    }

    #[test]
    fn after_hours_fallback_first_at_the_weekend() {
        let a = baerum("2026-11-28T11:00:00+01:00");
        assert_fallback_first(&a, "Saturday");
        assert_eq!(
            office(&a).channels[0].opens_at.as_deref(),
            Some("2026-11-30T08:00:00+01:00")
        );
    }

    #[test]
    fn after_hours_fallback_first_on_17_may() {
        // 17 May 2027 is a Monday.
        let a = baerum("2027-05-17T10:00:00+02:00");
        assert_fallback_first(&a, "17 May");
        let phone = &office(&a).channels[0];
        assert_eq!(phone.closed_reason, Some(ClosedReason::PublicHoliday));
        assert_eq!(phone.holiday, Some(PublicHoliday::ConstitutionDay));
        assert_eq!(phone.opens_at.as_deref(), Some("2027-05-18T08:00:00+02:00"));
        let notice = a
            .notices
            .iter()
            .find(|n| n.code == NoticeCode::OfficeClosed)
            .unwrap();
        assert!(notice.text.nb.contains("17. mai"), "{}", notice.text.nb);
    }

    #[test]
    fn after_hours_fallback_first_on_easter_monday() {
        let a = baerum("2026-04-06T10:00:00+02:00");
        assert_fallback_first(&a, "Easter Monday");
        assert_eq!(
            office(&a).channels[0].holiday,
            Some(PublicHoliday::EasterMonday)
        );
        assert_eq!(
            office(&a).channels[0].opens_at.as_deref(),
            Some("2026-04-07T08:00:00+02:00")
        );
        // Maundy Thursday and Ascension Day close the office too; the Tuesday after Easter does not.
        assert_fallback_first(&baerum("2026-04-02T10:00:00+02:00"), "Maundy Thursday");
        assert_fallback_first(&baerum("2026-05-14T10:00:00+02:00"), "Ascension Day");
        assert_eq!(
            ids(&baerum("2026-04-07T10:00:00+02:00"))[0],
            "eksempel-barnevern-baerum"
        );
    }

    #[test]
    fn own_closed_dates_close_the_office() {
        // 24 December 2026 is a Thursday and not a public holiday.
        let a = baerum("2026-12-24T10:00:00+01:00");
        assert_fallback_first(&a, "24 December");
        assert_eq!(
            office(&a).channels[0].closed_reason,
            Some(ClosedReason::ClosedDate)
        );
        assert_eq!(
            office(&a).channels[0].opens_at.as_deref(),
            Some("2026-12-28T08:00:00+01:00")
        );
    }

    #[test]
    fn spring_dst_change_moves_opening_by_an_hour() {
        // 06:30 UTC on a Monday: 07:30 CET before the change (closed), 08:30 CEST after (open).
        let before = baerum("2026-03-23T06:30:00Z");
        assert_fallback_first(&before, "Monday before the change");
        assert_eq!(before.at, "2026-03-23T07:30:00+01:00");
        let after = baerum("2026-03-30T06:30:00Z");
        assert_eq!(after.at, "2026-03-30T08:30:00+02:00");
        assert_eq!(ids(&after)[0], "eksempel-barnevern-baerum");
        // On the change day itself (Sunday 29 March) a daily 16:15 opening moves with the clock.
        assert_eq!(
            firm_chat("2026-03-28T14:30:00Z"),
            OpenState::Closed,
            "15:30 CET"
        );
        assert_eq!(
            firm_chat("2026-03-29T14:30:00Z"),
            OpenState::Open,
            "16:30 CEST"
        );
    }

    #[test]
    fn autumn_dst_change_moves_closing_by_an_hour() {
        // 14:00 UTC on a Friday: 16:00 CEST before the change (closed), 15:00 CET after (open).
        assert_fallback_first(&baerum("2026-10-23T14:00:00Z"), "Friday before the change");
        assert_eq!(
            ids(&baerum("2026-10-30T14:00:00Z"))[0],
            "eksempel-barnevern-baerum"
        );
        // Saturday 24 Oct 15:00 UTC = 17:00 CEST (open); Sunday 25 Oct 15:00 UTC = 16:00 CET (closed).
        assert_eq!(firm_chat("2026-10-24T15:00:00Z"), OpenState::Open);
        assert_eq!(firm_chat("2026-10-25T15:00:00Z"), OpenState::Closed);
        // The ambiguous local hour 02:00–03:00 on the change night evaluates without panicking.
        let a = baerum("2026-10-25T00:30:00Z");
        assert_eq!(a.at, "2026-10-25T02:30:00+02:00");
        let a = baerum("2026-10-25T01:30:00Z");
        assert_eq!(a.at, "2026-10-25T02:30:00+01:00");
    }

    #[test]
    fn alarmtelefonen_channels_have_their_own_hours() {
        // The phone is sourced 24/7; the chat's days and holidays are not, so its hours are
        // an estimate: never open, never closed, no "opens at".
        for when in ["2027-05-17T20:00:00+02:00", "2027-05-18T12:00:00+02:00"] {
            let a = baerum(when);
            let s = a
                .contacts
                .iter()
                .find(|c| c.service_id == "alarmtelefonen")
                .unwrap();
            assert_eq!(s.channels[0].state, OpenState::Open, "phone 24/7");
            assert_eq!(s.state, OpenState::Open, "open by phone");
            assert_eq!(s.channels[1].state, OpenState::HoursNotConfirmed, "{when}");
            assert_eq!(s.channels[1].opens_at, None);
            assert_eq!(s.channels[1].closed_reason, None);
        }
        // Taken as firm, the chat is closed at noon and opens at 16:15.
        let a = ask(
            firm_chat_book(),
            postcode("1337"),
            ContactRole::Barnevern,
            "2027-05-18T12:00:00+02:00",
            false,
        );
        let s = a
            .contacts
            .iter()
            .find(|c| c.service_id == "alarmtelefonen")
            .unwrap();
        assert_eq!(s.channels[1].state, OpenState::Closed);
        assert_eq!(
            s.channels[1].opens_at.as_deref(),
            Some("2027-05-18T16:15:00+02:00")
        );
        // The unsourced holiday opening is gone: on 17 May the firm chat is closed.
        assert_eq!(firm_chat("2027-05-17T20:00:00+02:00"), OpenState::Closed);
    }

    #[test]
    fn urgent_puts_emergency_numbers_first() {
        let a = ask(
            book(),
            postcode("1337"),
            ContactRole::Barnevern,
            "2026-11-23T09:00:00+01:00",
            true,
        );
        assert_eq!(
            &ids(&a)[..3],
            &[
                "nodnummer-politi-112",
                "nodnummer-medisinsk-113",
                "nodnummer-brann-110"
            ]
        );
        assert_eq!(a.contacts[0].reason, AdviceReason::Urgent);
        assert_eq!(ids(&a)[3], "eksempel-barnevern-baerum");
    }

    #[test]
    fn example_data_mark_travels_to_every_output() {
        let a = baerum("2026-11-23T09:00:00+01:00");
        assert!(a.example_data);
        assert!(office(&a).example_data);
        assert!(a.notices.iter().any(|n| n.code == NoticeCode::ExampleData));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["example_data"], true);
        assert_eq!(json["contacts"][0]["example_data"], true);
        // The shipped demo answer for Oslo contains no example data.
        let a = ask(
            full_book(),
            postcode("0582"),
            ContactRole::Barnevern,
            "2026-11-23T09:00:00+01:00",
            false,
        );
        assert!(!a.example_data);
    }

    #[test]
    fn staleness_is_flagged_after_twelve_months() {
        let fresh = baerum("2027-10-01T09:00:00+02:00");
        assert!(!office(&fresh).stale);
        let old = baerum("2027-11-02T09:00:00+01:00");
        assert!(office(&old).stale);
        assert!(old
            .notices
            .iter()
            .any(|n| n.code == NoticeCode::StaleEntries));
        let today = chrono::NaiveDate::from_ymd_opt(2027, 11, 2).unwrap();
        let stale = book().stale_entries(today);
        let stale_ids: Vec<&str> = stale.iter().map(|s| s.id.as_str()).collect();
        assert!(
            stale_ids.contains(&"service:eksempel-barnevern-baerum"),
            "{stale_ids:?}"
        );
        assert!(stale_ids.contains(&"area:3201"));
        assert!(
            !stale_ids.contains(&"service:alarmtelefonen"),
            "verified 2026-11-22"
        );
    }

    #[test]
    fn demo_barnehus_hours_are_not_confirmed_by_day_and_it_falls_back_at_night() {
        let day = ask(
            full_book(),
            postcode("0557"),
            ContactRole::Barnehus,
            "2026-11-25T10:00:00+01:00",
            false,
        );
        assert_eq!(ids(&day)[0], "statens-barnehus-oslo");
        assert_eq!(day.contacts[0].channels[0].value, "22 70 56 50");
        assert_eq!(day.contacts[0].state, OpenState::HoursNotConfirmed);
        assert_eq!(
            day.contacts[0].channels[0].state,
            OpenState::HoursNotConfirmed
        );
        let night = ask(
            full_book(),
            postcode("0557"),
            ContactRole::Barnehus,
            "2026-11-25T21:00:00+01:00",
            false,
        );
        assert_eq!(ids(&night)[0], "alarmtelefonen");
        let barnehus = night
            .contacts
            .iter()
            .find(|c| c.service_id == "statens-barnehus-oslo")
            .unwrap();
        assert_eq!(
            barnehus.state,
            OpenState::HoursNotConfirmed,
            "never closed either"
        );
        assert!(
            !night
                .notices
                .iter()
                .any(|n| n.code == NoticeCode::OfficeClosed),
            "an estimate is not reported as closed"
        );
    }

    /// The issue's done-when: a contact with estimated hours is never reported as open — at
    /// every quarter hour of a year (both DST changes, every public holiday), for every role
    /// and urgency, in the answer and in the contacts view.
    #[test]
    fn a_contact_with_estimated_hours_is_never_reported_as_open() {
        use veiviser_core::view::ContactsView;
        use veiviser_core::Lang;
        let book = full_book();
        let estimated: Vec<(&str, &str)> = book
            .directory()
            .services()
            .iter()
            .flat_map(|s| {
                s.channels
                    .iter()
                    .filter(|c| c.hours_estimated)
                    .map(move |c| (s.id.as_str(), c.value.as_str()))
            })
            .collect();
        assert_eq!(
            estimated,
            [
                ("alarmtelefonen", "116111.no"),
                ("statens-barnehus-oslo", "22 70 56 50")
            ]
        );
        let start = chrono::DateTime::parse_from_rfc3339("2026-12-24T00:00:00+01:00")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut checked = 0;
        for quarter in 0..(366 * 24 * 4) {
            let at = start + chrono::Duration::minutes(15 * quarter);
            // Every quarter hour for the barnehus; every 7th for the other roles (to keep it quick).
            let roles: &[ContactRole] = if quarter % 7 == 0 {
                &[
                    ContactRole::Barnehus,
                    ContactRole::Barnevern,
                    ContactRole::Alarmtelefon,
                ]
            } else {
                &[ContactRole::Barnehus]
            };
            for &role in roles {
                let query = veiviser_core::directory::ContactsQuery {
                    location: postcode("0557"),
                    role,
                    at,
                    urgent: quarter % 2 == 0,
                };
                let answer = book.contacts(&query).unwrap();
                for c in &answer.contacts {
                    for ch in &c.channels {
                        if estimated.contains(&(c.service_id.as_str(), ch.value.as_str())) {
                            assert_eq!(ch.state, OpenState::HoursNotConfirmed, "{at}");
                            assert!(ch.opens_at.is_none() && ch.closed_reason.is_none());
                        }
                    }
                    if c.service_id == "statens-barnehus-oslo" {
                        assert_ne!(c.state, OpenState::Open, "{at}");
                    }
                }
                if quarter % 97 == 0 {
                    let view =
                        ContactsView::new(book, &query, Lang::ALL[quarter as usize % 3]).unwrap();
                    let b = view
                        .contacts
                        .iter()
                        .find(|c| c.service_id == "statens-barnehus-oslo");
                    if let Some(b) = b {
                        assert_eq!(b.channels[0].state, OpenState::HoursNotConfirmed);
                        assert_ne!(b.state, OpenState::Open);
                    }
                }
                checked += 1;
            }
        }
        assert!(checked > 35_000, "{checked}");
    }
}
