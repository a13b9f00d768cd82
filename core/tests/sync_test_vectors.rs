//! The committed sync test vectors (`docs/test-vectors/*.json`): canonical bytes → signature.
//!
//! The same files are checked by the server's tests. To rewrite them after an intended
//! protocol change: `VEIVISER_WRITE_TEST_VECTORS=1 cargo test -p veiviser-core --test sync_test_vectors`.

use serde_json::{json, Value};
use std::path::PathBuf;
use veiviser_core::sync::canonical::{canonical_bytes_for_records, StateHeader};
use veiviser_core::sync::protocol::{Changeset, Collection, Record, SignatureInfo};
use veiviser_core::sync::signing::{verify, SigningKey, TrustedKeys};
use veiviser_core::IntegrityError;
use veiviser_testkit::paths::test_vectors_dir;

const TEST_KEY_ID: &str = "test-vector-only";

fn test_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    for (i, b) in seed.iter_mut().enumerate() {
        *b = i as u8;
    }
    seed
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The vectors as generated from their definitions (used to write the files).
fn generate() -> Vec<(String, Value)> {
    let key = SigningKey::from_seed(TEST_KEY_ID, test_seed()).unwrap();
    let other = SigningKey::from_seed("not-trusted", [0xAB; 32]).unwrap();
    let header = |collection: Collection, sequence: u64, key_id: &str| StateHeader {
        collection,
        schema_version: 1,
        sequence,
        published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
        key_id: key_id.into(),
    };
    let guides = vec![
        Record {
            id: "samtale-med-foreldre".into(),
            data: json!({"id": "samtale-med-foreldre", "revision": 3,
                "title": {"nb": "Snakke med foreldrene?", "en": "Talk to the parents?"},
                "steps": [{"id": "start", "kind": "end", "urgent": false}]}),
        },
        Record {
            id: "akutt-fare".into(),
            data: json!({"id": "akutt-fare", "revision": 1, "title": {"nb": "Akutt fare – ring 112"},
                "note": "quote \" backslash \\ tab \t newline \n control \u{1f} slash / æøå ✓"}),
        },
    ];
    let places = vec![
        Record {
            id: "0150".into(),
            data: json!({"postcode": "0150", "place": "OSLO", "municipality": "0301", "ratio": 0.5, "big": 1e100, "neg": -12}),
        },
        Record {
            id: "0001".into(),
            data: json!({"postcode": "0001", "place": "OSLO", "municipality": "0301", "pobox": true, "extra": null}),
        },
    ];

    let mut out = Vec::new();
    let mut push = |name: &str,
                    description: &str,
                    h: StateHeader,
                    records: Vec<Record>,
                    signer: &SigningKey,
                    expect: &str,
                    tamper: Option<(usize, Value)>| {
        let bytes = canonical_bytes_for_records(&h, &records).unwrap();
        let signature = signer.sign_bytes(&bytes);
        // A tampered vector signs the original records and then changes one.
        let mut shipped = records.clone();
        let mut bytes_received = bytes.clone();
        if let Some((i, data)) = tamper {
            shipped[i].data = data;
            bytes_received = canonical_bytes_for_records(&h, &shipped).unwrap();
        }
        out.push((
            name.to_string(),
            json!({
                "description": description,
                "key": {"key_id": TEST_KEY_ID, "seed_hex": hex(&test_seed()), "public_key": key.public_key_base64()},
                "trusted_keys": key.trusted_keys_line(),
                "header": {
                    "collection": h.collection.as_str(),
                    "schema_version": h.schema_version,
                    "sequence": h.sequence,
                    "published_at": "2026-11-22T10:00:00Z",
                    "key_id": h.key_id,
                },
                "records": shipped,
                "canonical_hex": hex(&bytes_received),
                "canonical_text": String::from_utf8(bytes_received).unwrap(),
                "signature": signature,
                "expect": expect,
            }),
        ));
    };
    push(
        "01-empty-collection",
        "An empty collection state (no records).",
        header(Collection::Directory, 1, TEST_KEY_ID),
        vec![],
        &key,
        "valid",
        None,
    );
    push("02-guides-unsorted-input", "Two guides given out of id order, with nested objects, escapes and non-ASCII text; canonical bytes sort records by id and keys bytewise.",
        header(Collection::Guides, 7, TEST_KEY_ID), guides.clone(), &key, "valid", None);
    push(
        "03-places-numbers",
        "Places records with integers, a float, an exponent, booleans and null.",
        header(Collection::Places, 12, TEST_KEY_ID),
        places,
        &key,
        "valid",
        None,
    );
    push("04-tampered-record", "Vector 02's signature, but one record was altered after signing: must be rejected as signature_invalid.",
        header(Collection::Guides, 7, TEST_KEY_ID), guides.clone(), &key, "signature_invalid",
        Some((0, json!({"id": "samtale-med-foreldre", "revision": 4}))));
    push("05-untrusted-key", "Signed correctly, but by a key (`not-trusted`) that is not in trusted_keys: must be rejected as untrusted_key.",
        header(Collection::Guides, 7, "not-trusted"), guides, &other, "untrusted_key", None);
    out
}

fn load_vectors() -> Vec<(String, Value)> {
    let dir = test_vectors_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect()
}

#[test]
fn sync_test_vectors_match_their_definitions() {
    let generated = generate();
    if std::env::var_os("VEIVISER_WRITE_TEST_VECTORS").is_some() {
        for (name, v) in &generated {
            let text = serde_json::to_string_pretty(v).unwrap() + "\n";
            std::fs::write(test_vectors_dir().join(format!("{name}.json")), text).unwrap();
        }
    }
    let committed = load_vectors();
    assert_eq!(
        committed.len(),
        generated.len(),
        "docs/test-vectors has an unexpected number of files"
    );
    for ((name, v), (gname, g)) in committed.iter().zip(&generated) {
        assert_eq!(name, gname);
        assert_eq!(
            v, g,
            "{name}: the committed vector differs from its definition"
        );
    }
}

#[test]
fn sync_test_vectors_verify_as_expected() {
    let vectors = load_vectors();
    assert!(vectors.len() >= 5);
    for (name, v) in vectors {
        let h = &v["header"];
        let header = StateHeader {
            collection: h["collection"].as_str().unwrap().parse().unwrap(),
            schema_version: h["schema_version"].as_u64().unwrap() as u32,
            sequence: h["sequence"].as_u64().unwrap(),
            published_at: h["published_at"].as_str().unwrap().parse().unwrap(),
            key_id: h["key_id"].as_str().unwrap().into(),
        };
        let records: Vec<Record> = serde_json::from_value(v["records"].clone()).unwrap();
        let bytes = canonical_bytes_for_records(&header, &records).unwrap();
        assert_eq!(
            hex(&bytes),
            v["canonical_hex"].as_str().unwrap(),
            "{name}: canonical bytes"
        );
        assert_eq!(
            unhex(v["canonical_hex"].as_str().unwrap()),
            v["canonical_text"].as_str().unwrap().as_bytes()
        );

        let trusted =
            TrustedKeys::from_toml_str(v["trusted_keys"].as_str().unwrap(), &name).unwrap();
        let sig: SignatureInfo = serde_json::from_value(v["signature"].clone()).unwrap();
        let result = verify(header.collection.as_str(), &bytes, &sig, &trusted);
        // The one full-state check the server and the device use gives the same verdict.
        let full = Changeset {
            collection: header.collection,
            schema_version: header.schema_version,
            sequence: header.sequence,
            published_at: header.published_at,
            since: None,
            full: true,
            records: records.clone(),
            tombstones: Vec::new(),
            signature: sig.clone(),
        };
        assert_eq!(
            full.verify_full(&trusted),
            result,
            "{name}: verify_full disagrees with the vector's low-level check"
        );
        match v["expect"].as_str().unwrap() {
            "valid" => {
                result.unwrap_or_else(|e| panic!("{name}: {e}"));
                // Ed25519 is deterministic: the fixed key reproduces the committed signature.
                let seed: [u8; 32] = unhex(v["key"]["seed_hex"].as_str().unwrap())
                    .try_into()
                    .unwrap();
                let key = SigningKey::from_seed(TEST_KEY_ID, seed).unwrap();
                assert_eq!(key.sign_bytes(&bytes), sig, "{name}: signature");
            }
            "signature_invalid" => {
                assert!(
                    matches!(result, Err(IntegrityError::SignatureInvalid { .. })),
                    "{name}: {result:?}"
                )
            }
            "untrusted_key" => {
                assert!(
                    matches!(result, Err(IntegrityError::UntrustedKey { .. })),
                    "{name}: {result:?}"
                )
            }
            other => panic!("{name}: unknown expectation {other}"),
        }
    }
}
