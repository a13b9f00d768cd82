//! Backup, restore, rebuilding a lost or corrupt database, deterministic export, test vectors.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use veiviser_core::sync::canonical::StateHeader;
use veiviser_core::sync::protocol::{Collection, Record, SignatureInfo};
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};
use veiviser_core::IntegrityError;
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::backup::{backup, restore, RestoreError};
use veiviser_server::publishing::export::{snapshot_bytes, snapshot_of};
use veiviser_server::publishing::publish::{signed_full_state, NewState};
use veiviser_server::sync_api::served::{ServeConfig, ServedContent};

/// [`published_data`] and a second batch by `ola` (guide-b): sequences 1 to 4.
fn two_batches(tmp: &Path) -> DataDir {
    let data = published_data(tmp);
    let b = write(
        &tmp.join("content"),
        "guides/guide-b.toml",
        &guide_toml("guide-b", 1),
    );
    import_paths(&data, &[b], &opts("ola")).unwrap();
    data
}

/// What a server serves from a data folder: every body and ETag.
fn served(data: &DataDir) -> Vec<(String, Vec<u8>)> {
    let repo = ServedContent::open(data.clone(), ServeConfig::default()).unwrap();
    let view = repo.view();
    let mut out = vec![(view.latest_etag.clone(), view.latest.identity.to_vec())];
    for (c, v) in &view.collections {
        out.push((format!("{c} {}", v.etag), v.full.identity.to_vec()));
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn backup_and_restore_round_trip_into_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let before = served(&data);
    let out = tmp.path().join("backup");
    let report = backup(&data, &out).unwrap();
    assert_eq!(
        (report.batches, report.head, report.files_written),
        (2, 4, 6)
    );
    // Topping up an existing backup writes nothing new.
    assert_eq!(backup(&data, &out).unwrap().files_written, 0);

    let fresh = DataDir::new(tmp.path().join("restored"));
    let report = restore(&out, &fresh, &trusted()).unwrap();
    assert_eq!((report.batches, report.head), (2, 4));
    assert_eq!(served(&fresh), before);
    assert_eq!(
        fresh.scan().unwrap().batches,
        data.scan().unwrap().batches,
        "the audit trail comes back too"
    );
}

#[test]
fn a_lost_or_corrupt_database_is_rebuilt_from_the_published_files() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let before = served(&data);

    // Garbage in every database file.
    for e in std::fs::read_dir(data.index_path()).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            std::fs::write(&p, b"garbage garbage garbage").unwrap();
        }
    }
    assert_eq!(served(&data), before);

    // The database deleted.
    std::fs::remove_dir_all(data.index_path()).unwrap();
    assert_eq!(served(&data), before);

    // A database from an older state (a stale copy) is caught up.
    let old = tempfile::tempdir().unwrap();
    let old_data = DataDir::new(old.path());
    copy_dir(&data.published(), &old_data.published());
    std::fs::remove_file(old_data.published().join("batch-000000000004.json")).unwrap();
    std::fs::remove_file(old_data.published().join("000000000004-guides.json")).unwrap();
    drop(ServedContent::open(old_data.clone(), ServeConfig::default()).unwrap());
    std::fs::remove_dir_all(data.index_path()).unwrap();
    std::fs::rename(old_data.index_path(), data.index_path()).unwrap();
    assert_eq!(served(&data), before);

    // And `restore` into the damaged folder itself rebuilds it.
    let out = tmp.path().join("backup");
    backup(&data, &out).unwrap();
    std::fs::write(data.index_path().join("db"), b"\0\0\0 broken").unwrap();
    restore(&out, &data, &trusted()).unwrap();
    assert_eq!(served(&data), before);
}

#[test]
fn restore_refuses_tampered_or_untrusted_backups_and_copies_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let out = tmp.path().join("backup");
    backup(&data, &out).unwrap();

    // Untrusted: the backup verifies only with the key that signed it.
    let other = SigningKey::from_seed("someone-else", [1u8; 32]).unwrap();
    let wrong = TrustedKeys::from_toml_str(&other.trusted_keys_line(), "x").unwrap();
    let fresh = DataDir::new(tmp.path().join("fresh"));
    let err = restore(&out, &fresh, &wrong).unwrap_err();
    assert!(
        matches!(
            err,
            RestoreError::Integrity {
                source: IntegrityError::UntrustedKey { .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(is_empty_dir(&fresh.published()));

    // A flipped byte in a revision: its hash no longer matches its batch record.
    let victim = out.join("000000000001-guides.json");
    let mut bytes = std::fs::read(&victim).unwrap();
    let i = bytes.len() / 2;
    bytes[i] ^= 0x01;
    std::fs::write(&victim, &bytes).unwrap();
    let err = restore(&out, &fresh, &trusted()).unwrap_err().to_string();
    assert!(
        err.contains("000000000001-guides.json") && err.contains("SHA-256"),
        "{err}"
    );
    assert!(is_empty_dir(&fresh.published()));

    // A missing revision breaks the history.
    std::fs::remove_file(&victim).unwrap();
    let err = restore(&out, &fresh, &trusted()).unwrap_err().to_string();
    assert!(err.contains("missing"), "{err}");
}

#[test]
fn export_is_the_served_content_and_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let snapshot = snapshot_of(&data).unwrap();
    let order: Vec<(Collection, u64)> = snapshot
        .collections
        .iter()
        .map(|c| (c.collection, c.sequence))
        .collect();
    assert_eq!(
        order,
        vec![
            (Collection::Guides, 4),
            (Collection::Directory, 2),
            (Collection::Places, 3)
        ]
    );
    let bytes = snapshot_bytes(&snapshot);
    assert_eq!(bytes, snapshot_bytes(&snapshot_of(&data).unwrap()));
    // The CLI's parser accepts it.
    let parsed = veiviser_core::sync::bundled::parse_snapshot(&bytes, "export").unwrap();
    assert_eq!(parsed, snapshot);
}

#[test]
fn the_demo_export_is_deterministic_and_equals_a_fresh_demo_server() {
    let content = veiviser_server::publishing::demo::default_content_dir();
    let key = veiviser_server::publishing::keys::demo_key();
    let a = veiviser_server::publishing::demo::demo_snapshot(&content, &key).unwrap();
    let b = veiviser_server::publishing::demo::demo_snapshot(&content, &key).unwrap();
    assert_eq!(a, b, "same content and key must give the same bytes");

    // What `serve --demo` publishes into an empty data folder, exported.
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path());
    let report = veiviser_server::publishing::demo::bootstrap(&data, &key, &content).unwrap();
    assert_eq!(report.batch.as_ref().unwrap().actor, "bootstrap");
    assert_eq!(snapshot_bytes(&snapshot_of(&data).unwrap()), a);
    let snapshot = veiviser_core::sync::bundled::parse_snapshot(&a, "demo").unwrap();
    let published_at = veiviser_server::publishing::demo::demo_published_at(&content).unwrap();
    for cs in &snapshot.collections {
        assert_eq!(
            cs.published_at, published_at,
            "the demo's publish time comes from demo.toml"
        );
        assert!(cs.signature.key_id.starts_with("demo-only-"));
    }
    assert!(snapshot
        .collections
        .iter()
        .any(|c| c.collection == Collection::Guides));
}

fn vectors() -> Vec<(PathBuf, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/test-vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.clone(),
                serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn the_server_signs_exactly_as_the_test_vectors_say() {
    let mut checked = 0;
    for (path, v) in vectors() {
        if v["expect"] != "valid" {
            continue;
        }
        let seed: [u8; 32] = unhex(v["key"]["seed_hex"].as_str().unwrap())
            .try_into()
            .unwrap();
        let key = SigningKey::from_seed(v["key"]["key_id"].as_str().unwrap(), seed).unwrap();
        let h = &v["header"];
        let header = StateHeader {
            collection: h["collection"].as_str().unwrap().parse().unwrap(),
            schema_version: h["schema_version"].as_u64().unwrap() as u32,
            sequence: h["sequence"].as_u64().unwrap(),
            published_at: h["published_at"].as_str().unwrap().parse().unwrap(),
            key_id: h["key_id"].as_str().unwrap().into(),
        };
        let records: Vec<Record> = serde_json::from_value(v["records"].clone()).unwrap();
        let state = NewState {
            schema_version: header.schema_version,
            records: records
                .into_iter()
                .map(|r| (r.id, r.data))
                .collect::<BTreeMap<_, _>>(),
        };
        // The publish path: the full changeset the server writes and serves.
        let cs = signed_full_state(
            &key,
            header.collection,
            header.sequence,
            header.published_at,
            &state,
        );
        let expected: SignatureInfo = serde_json::from_value(v["signature"].clone()).unwrap();
        assert_eq!(cs.signature, expected, "{}", path.display());
        let canonical = veiviser_core::sync::canonical::canonical_bytes(&header, &state.records);
        assert_eq!(
            canonical,
            unhex(v["canonical_hex"].as_str().unwrap()),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} valid vectors found");
}

#[test]
fn restore_into_a_folder_with_another_history_copies_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let out = tmp.path().join("backup");
    backup(&data, &out).unwrap();

    let other = DataDir::new(tmp.path().join("other"));
    let g = write(tmp.path(), "x/guide-z.toml", &guide_toml("guide-z", 1));
    import_paths(&other, &[g], &opts("per")).unwrap();
    let list = |d: &DataDir| {
        let mut v: Vec<_> = std::fs::read_dir(d.published())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = list(&other);
    let err = restore(&out, &other, &trusted()).unwrap_err().to_string();
    assert!(
        err.contains("different histories") && err.contains("nothing was copied"),
        "{err}"
    );
    assert_eq!(list(&other), before);
}

#[test]
fn restore_refuses_while_a_server_holds_the_database() {
    let tmp = tempfile::tempdir().unwrap();
    let data = two_batches(tmp.path());
    let out = tmp.path().join("backup");
    backup(&data, &out).unwrap();
    let running = ServedContent::open(data.clone(), ServeConfig::default()).unwrap();
    let err = restore(&out, &data, &trusted()).unwrap_err().to_string();
    assert!(err.contains("in use by another process"), "{err}");
    assert!(data.index_path().exists());
    drop(running);
    restore(&out, &data, &trusted()).unwrap();
}
