//! Shared helpers for the directory tests: the reference data (from `veiviser-testkit`; fails
//! loudly when missing) and the demo directory shipped in `server/content/directory/`.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use std::sync::OnceLock;
use veiviser_core::directory::{
    load, ContactBook, ContactsAnswer, ContactsQuery, Directory, Location, Places,
};
use veiviser_core::ContactRole;
use veiviser_testkit::reference;

// Not every test binary that includes this module uses both.
#[allow(unused_imports)]
pub use veiviser_testkit::{paths::demo_directory_dir, reference_dir};

/// The demo directory, loaded from files.
pub fn demo_directory() -> Directory {
    load::directory_from_dir(&demo_directory_dir())
        .unwrap_or_else(|e| panic!("demo directory: {e}"))
}

/// The full register and every bydel-pair file from the reference data.
pub fn full_places() -> Places {
    load::places_from_files(
        &reference::postal_codes(),
        Some(&reference::bydel_pairs_dir()),
    )
    .unwrap_or_else(|e| panic!("reference places: {e}"))
}

/// The demo directory with the full reference places, built once per test binary.
pub fn full_book() -> &'static ContactBook {
    static BOOK: OnceLock<ContactBook> = OnceLock::new();
    BOOK.get_or_init(|| ContactBook::new(demo_directory(), full_places()))
}

/// An instant from RFC 3339 text.
pub fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A postcode location.
pub fn postcode(p: &str) -> Location {
    Location::Postnummer {
        postnummer: p.into(),
    }
}

/// A municipality (and optional bydel) location.
pub fn kommune(k: &str, bydel: Option<&str>) -> Location {
    Location::Kommune {
        kommunenummer: k.into(),
        bydel: bydel.map(str::to_string),
    }
}

/// Asks `book` for `role` at `location` at instant `when`.
pub fn ask(
    book: &ContactBook,
    location: Location,
    role: ContactRole,
    when: &str,
    urgent: bool,
) -> ContactsAnswer {
    book.contacts(&ContactsQuery {
        location,
        role,
        at: at(when),
        urgent,
    })
    .unwrap_or_else(|e| panic!("contacts: {e}"))
}

/// The service ids of an answer, in order.
pub fn ids(answer: &ContactsAnswer) -> Vec<&str> {
    answer
        .contacts
        .iter()
        .map(|c| c.service_id.as_str())
        .collect()
}

/// The candidate bydel names of an answer.
pub fn candidate_names(answer: &ContactsAnswer) -> Vec<&str> {
    answer
        .bydel_candidates
        .iter()
        .map(|c| c.name.as_str())
        .collect()
}
