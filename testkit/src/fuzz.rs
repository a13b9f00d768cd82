//! The bodies of the fuzz targets in `fuzz/` (cargo-fuzz), as plain functions so the same
//! code runs under libFuzzer and in the ordinary replay test of the committed corpora
//! (`testkit/tests/fuzz_corpus.rs`) on every toolchain.
//!
//! Each function takes arbitrary bytes, feeds them to one of the core's parsers the way the
//! product does (a file read from disk, a body from the network), and checks what must hold
//! for any input: no panic, and where the parser accepts the input, that the result survives
//! the round trip the product relies on. A function returns normally for every input the
//! parser refuses; a panic is a finding.

use std::sync::OnceLock;
use veiviser_core::directory::bydel::parse_bydel_pairs;
use veiviser_core::directory::load::parse_directory_file;
use veiviser_core::directory::postcodes::parse_register;
use veiviser_core::directory::{Directory, DirectoryEntry, PlaceEntry, Places};
use veiviser_core::guide::{guide_from_json, guide_to_json, parse_guide_toml, Guide, Session};
use veiviser_core::sync::bundled::parse_snapshot;
use veiviser_core::sync::content_check::check_collection;
use veiviser_core::sync::engine::{self, Fetch, LocalState};
use veiviser_core::sync::highwater::HighWater;
use veiviser_core::sync::protocol::Changeset;
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};
use veiviser_core::sync::transport::HttpResponse;

/// A fuzz target's body: arbitrary bytes in, a panic on a finding.
pub type Body = fn(&[u8]);

/// The fuzz targets, by name (the `fuzz/fuzz_targets/<name>.rs` files and the
/// `fuzz/corpus/<name>/` folders), with their bodies.
pub const TARGETS: &[(&str, Body)] = &[
    ("guide_toml", guide_toml),
    ("guide_json", guide_json),
    ("changeset", changeset),
    ("directory", directory),
    ("places", places),
    ("session", session),
    ("highwater", highwater),
    ("key_files", key_files),
];

/// A guide file (TOML, as an author writes it): parse and validate; an accepted guide must
/// survive the wire format unchanged.
pub fn guide_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(parsed) = parse_guide_toml("fuzz.toml", text) {
        let wire = guide_to_json(&parsed.guide);
        let back = guide_from_json("fuzz", &wire).expect("an accepted guide's JSON is accepted");
        assert_eq!(back, parsed.guide, "the wire round trip changed the guide");
    }
}

/// A guide record as synced (wire JSON): an accepted guide serializes back to an accepted,
/// equal guide.
pub fn guide_json(data: &[u8]) {
    if let Ok(guide) = guide_from_json("fuzz", data) {
        let back = guide_from_json("fuzz", &guide_to_json(&guide))
            .expect("a re-serialized guide is accepted");
        assert_eq!(back, guide);
    }
}

/// A changeset body or a bundled snapshot, as the client reads them from the network or the
/// app: the engine's checks, the canonical bytes and the signature check must refuse
/// anything wrong without panicking.
pub fn changeset(data: &[u8]) {
    let response = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body: data.to_vec(),
        wire_bytes: None,
    };
    if let Ok(cs) = serde_json::from_slice::<Changeset>(data) {
        let fetch = Fetch {
            collection: cs.collection,
            since: cs.since,
            etag: None,
        };
        let _ = engine::read_changeset(&response, &fetch, chrono::Utc::now());
        let _ = cs.verify_full(demo_keys());
        let records: Vec<(String, Vec<u8>)> = cs
            .records
            .iter()
            .map(|r| {
                (
                    r.id.clone(),
                    serde_json::to_vec(&r.data).unwrap_or_default(),
                )
            })
            .collect();
        if let Ok(map) = engine::records_to_map(cs.collection.as_str(), records) {
            let _ = check_collection(cs.collection, &map);
        }
    }
    let _ = engine::read_poll(&response, chrono::Utc::now());
    let _ = parse_snapshot(data, "fuzz");
}

/// A directory file (TOML) and directory records (wire JSON): parse, then build the
/// directory from what parsed.
pub fn directory(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(entries) = parse_directory_file("fuzz.toml", text) {
            let _ = Directory::from_entries(entries);
        }
    }
    if let Ok(entries) = serde_json::from_slice::<Vec<DirectoryEntry>>(data) {
        let _ = Directory::from_entries(entries);
    }
}

/// The postcode register and bydel files (tab-separated, any encoding) and places records
/// (wire JSON): parse, then build the places from what parsed.
pub fn places(data: &[u8]) {
    let rows = parse_register("fuzz.tsv", data);
    let pairs = parse_bydel_pairs("fuzz.tsv", data, Some("0301"));
    if let (Ok(rows), Ok(pairs)) = (rows, pairs) {
        let _ = Places::from_rows(rows, pairs);
    }
    if let Ok(entries) = serde_json::from_slice::<Vec<PlaceEntry>>(data) {
        let _ = Places::from_entries(entries);
    }
}

/// A saved navigation session (JSON an app kept): resuming it against the demo guide either
/// refuses it or lands on a step that exists.
pub fn session(data: &[u8]) {
    let Ok(saved) = serde_json::from_slice::<Session>(data) else {
        return;
    };
    let guide = demo_guide();
    if let Ok((session, _)) = Session::resume(guide, saved) {
        let current = session.current_step_id();
        assert!(
            guide.steps.iter().any(|s| s.id == current),
            "resume landed on a missing step `{current}`"
        );
        let _ = session.view(guide, veiviser_core::Lang::Nb, None);
        let mut moved = session;
        let _ = moved.back();
        let _ = moved.next(guide);
    }
}

/// The anti-rollback file and a stored head's metadata: damage is reported, never a panic,
/// and accepted marks survive a save/load round trip.
pub fn highwater(data: &[u8]) {
    let loaded = HighWater::from_bytes("fuzz.json", data);
    if loaded.damaged.is_none() {
        let bytes = serde_json::to_vec(&loaded.marks).expect("marks serialize");
        let again = HighWater::from_bytes("fuzz.json", &bytes);
        assert_eq!(again.marks, loaded.marks);
        assert!(again.damaged.is_none());
    }
    let _ = LocalState::from_meta("guides", data);
}

/// A signing-key file and a trusted-keys file (TOML).
pub fn key_files(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = SigningKey::from_toml_str(text, "fuzz.toml");
    let _ = TrustedKeys::from_toml_str(text, "fuzz.toml");
}

fn demo_keys() -> &'static TrustedKeys {
    static KEYS: OnceLock<TrustedKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        TrustedKeys::from_toml_str(
            include_str!("../../server/content/keys/DEMO-ONLY-trusted-keys.toml"),
            "demo keys",
        )
        .expect("the demo trusted keys parse")
    })
}

fn demo_guide() -> &'static Guide {
    static GUIDE: OnceLock<Guide> = OnceLock::new();
    GUIDE.get_or_init(|| {
        parse_guide_toml(
            "fra-bekymring-til-handling.toml",
            include_str!("../../server/content/guides/fra-bekymring-til-handling.toml"),
        )
        .expect("the demo guide parses")
        .guide
    })
}
