//! Shared helpers for the directory tests: the reference data (fails loudly when missing) and
//! the demo directory shipped in `server/content/directory/`.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::OnceLock;
use veiviser_core::directory::{
    load, ContactBook, ContactsAnswer, ContactsQuery, Directory, Location, Places,
};
use veiviser_core::ContactRole;

/// `VEIVISER_REFERENCE_DIR`, or `<repo>/../shared/reference`; panics when it is missing.
pub fn reference_dir() -> PathBuf {
    let dir = match std::env::var_os("VEIVISER_REFERENCE_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference"),
    };
    assert!(
        dir.join("postnummer/postal_codes.tab").is_file() && dir.join("bydel-postnummer").is_dir(),
        "reference data not found at {}: set VEIVISER_REFERENCE_DIR to the folder holding \
         postnummer/postal_codes.tab and bydel-postnummer/ (these tests never skip)",
        dir.display()
    );
    dir
}

/// The repo's demo directory folder.
pub fn demo_directory_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../server/content/directory")
}

/// The demo directory, loaded from files.
pub fn demo_directory() -> Directory {
    load::directory_from_dir(&demo_directory_dir())
        .unwrap_or_else(|e| panic!("demo directory: {e}"))
}

/// The full register and every bydel-pair file from the reference data.
pub fn full_places() -> Places {
    let dir = reference_dir();
    load::places_from_files(
        &dir.join("postnummer/postal_codes.tab"),
        Some(&dir.join("bydel-postnummer")),
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
