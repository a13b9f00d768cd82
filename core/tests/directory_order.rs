//! "Who to call now" must not depend on the order the directory's records arrived in: a synced
//! store keeps records sorted by id, a folder keeps file order, and both must name 112 (not
//! 110 or 113) as the emergency number of the safety net.

mod directory_support;

use directory_support::*;
use veiviser_core::directory::load::{directory_from_sources, SourceFile};
use veiviser_core::directory::{ContactBook, ContactsAnswer};
use veiviser_core::ContactRole;

/// The shipped national directory with its `[[service]]` blocks in reverse order.
fn reversed(national: &str) -> String {
    let mut parts: Vec<&str> = national.split("\n[[service]]\n").collect();
    let head = parts.remove(0);
    parts.reverse();
    let mut out = head.to_string();
    for p in parts {
        out.push_str("\n[[service]]\n");
        out.push_str(p.trim_end_matches('\n'));
        out.push('\n');
    }
    out
}

fn book(national: String) -> ContactBook {
    let oslo = std::fs::read_to_string(demo_directory_dir().join("oslo.toml")).unwrap();
    let dir = directory_from_sources(&[
        SourceFile {
            name: "national.toml".into(),
            text: national,
        },
        SourceFile {
            name: "oslo.toml".into(),
            text: oslo,
        },
    ])
    .unwrap_or_else(|e| panic!("{e}"));
    ContactBook::new(dir, full_places())
}

fn numbers(a: &ContactsAnswer) -> Vec<(String, String)> {
    a.contacts
        .iter()
        .map(|c| {
            let first = c.channels.first().map(|ch| ch.value.clone());
            (c.service_id.clone(), first.unwrap_or_default())
        })
        .collect()
}

#[test]
fn the_answer_is_the_same_whatever_the_record_order() {
    let national = std::fs::read_to_string(demo_directory_dir().join("national.toml")).unwrap();
    let flipped = reversed(&national);
    assert_ne!(national, flipped, "the reordering must change the file");
    let (a, b) = (book(national), book(flipped));
    for when in ["2026-12-02T10:00:00+01:00", "2026-12-02T03:00:00+01:00"] {
        for urgent in [false, true] {
            for role in [ContactRole::Barnevern, ContactRole::Alarmtelefon] {
                let x = ask(&a, postcode("0582"), role, when, urgent);
                let y = ask(&b, postcode("0582"), role, when, urgent);
                assert_eq!(numbers(&x), numbers(&y), "{when} urgent={urgent} {role:?}");
            }
        }
    }
}

#[test]
fn the_safety_net_names_112_as_the_emergency_number() {
    let national = std::fs::read_to_string(demo_directory_dir().join("national.toml")).unwrap();
    for text in [national.clone(), reversed(&national)] {
        let a = ask(
            &book(text),
            postcode("0582"),
            ContactRole::Barnevern,
            "2026-12-02T10:00:00+01:00",
            false,
        );
        let emergency: Vec<String> = a
            .contacts
            .iter()
            .filter(|c| c.role == ContactRole::Nodnummer)
            .flat_map(|c| c.channels.iter().map(|ch| ch.value.replace(' ', "")))
            .collect();
        assert_eq!(emergency, ["112"], "{:?}", numbers(&a));
    }
}
