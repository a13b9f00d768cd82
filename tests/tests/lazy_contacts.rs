//! The device's contact book reads its places lazily (one question reads the postcode's row
//! and the bydel pairs, not the whole register; ADR 0011). It must answer every question
//! exactly as a book over the whole register does: here over the real demo content (Bring's
//! full register and the bydel pairs) served by the real server, synced by the real CLI into
//! a real sled store.

use chrono::{TimeZone, Utc};
use veiviser_core::directory::{ContactsQuery, Location};
use veiviser_core::{device::DeviceContent, ContactRole};
use veiviser_tests::client::{demo_trusted_keys, sync};
use veiviser_tests::server::Server;

#[test]
fn the_lazy_contact_book_answers_every_place_like_the_whole_register() {
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(&tmp.path().join("server"), &[]);
    let data = tmp.path().join("client");
    sync(server.url(), &data).expect_code(0);
    drop(server);
    let content = DeviceContent::open(&data, demo_trusted_keys(), None).unwrap();
    let whole = content.build_contact_book().unwrap();
    let lazy = content.contact_book().unwrap();
    let register = whole.places().unwrap();
    assert!(
        register.rows().len() > 5_000,
        "the demo ships Bring's register"
    );
    assert!(!register.pairs().is_empty(), "the demo ships bydel pairs");

    // A Wednesday at 10:00 and the night after, Oslo time.
    let day = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
    let night = Utc.with_ymd_and_hms(2026, 12, 3, 2, 0, 0).unwrap();
    let mut locations: Vec<Location> = register
        .rows()
        .iter()
        .map(|r| Location::Postnummer {
            postnummer: r.postnummer.clone(),
        })
        .collect();
    // Unknown postcodes, every municipality, and every bydel named by a pair.
    for unknown in ["0000", "9998", " 0150 "] {
        locations.push(Location::Postnummer {
            postnummer: unknown.to_string(),
        });
    }
    for (kommune, _) in register.kommuner() {
        locations.push(Location::Kommune {
            kommunenummer: kommune.to_string(),
            bydel: None,
        });
    }
    for pair in register.pairs() {
        locations.push(Location::Kommune {
            kommunenummer: pair.kommunenummer.clone(),
            bydel: Some(pair.bydel.clone()),
        });
    }
    locations.push(Location::Anywhere);

    let mut compared = 0;
    for (i, location) in locations.iter().enumerate() {
        assert_eq!(
            lazy.resolve(location).unwrap(),
            whole.resolve(location).unwrap(),
            "{location:?}"
        );
        // Every place for the child welfare service; a spread of places for the rest.
        let roles: &[ContactRole] = if i % 50 == 0 {
            &[
                ContactRole::Barnevern,
                ContactRole::Barnevernvakt,
                ContactRole::Politi,
                ContactRole::Helsestasjon,
            ]
        } else {
            &[ContactRole::Barnevern]
        };
        for &role in roles {
            for (at, urgent) in [(day, false), (night, true)] {
                let query = ContactsQuery {
                    location: location.clone(),
                    role,
                    at,
                    urgent,
                };
                assert_eq!(
                    lazy.contacts(&query).unwrap(),
                    whole.contacts(&query).unwrap(),
                    "{query:?}"
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "{compared} answers compared");

    // Once something read the whole register (a search), answers come from it, unchanged.
    assert!(!lazy.search("Lillestrøm", 5).unwrap().is_empty());
    let query = ContactsQuery {
        location: Location::Postnummer {
            postnummer: "0582".into(),
        },
        role: ContactRole::Barnevern,
        at: day,
        urgent: false,
    };
    assert_eq!(
        lazy.contacts(&query).unwrap(),
        whole.contacts(&query).unwrap()
    );
}
