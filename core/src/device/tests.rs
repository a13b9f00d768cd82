//! Device tests: [`DeviceContent`] against an in-process fake server (signed with a test key).
//! The end-to-end tests in `tests/` repeat the important ones against the real server.

use super::*;
use crate::error::{ContentError, Error, IntegrityError, StorageError, SyncError};
use crate::store::{ContentStore, SledStore, StageBase, Swap};
use crate::sync::canonical::StateHeader;
use crate::sync::engine::{LocalState, MAX_BACKOFF_SECONDS};
use crate::sync::highwater::HIGHWATER_FILE;
use crate::sync::progress::{CancelFlag, NoProgress, SyncListener, SyncProgress, SyncStage};
use crate::sync::protocol::{
    Changeset, Collection, CollectionHead, Latest, Record, Snapshot, Tombstone,
};
use crate::sync::report::SyncOutcome;
use crate::sync::signing::{SigningKey, TrustedKeys};
use crate::sync::transport::{HttpHeader, HttpRequest, HttpResponse, Transport, TransportError};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

type State = BTreeMap<String, Value>;
type History = BTreeMap<Collection, Vec<(u64, DateTime<Utc>, State)>>;
type Tamper = Box<dyn Fn(&mut Vec<u8>) + Send + Sync>;

fn key() -> SigningKey {
    SigningKey::from_seed("test-key", [3u8; 32]).unwrap()
}

fn trusted() -> TrustedKeys {
    TrustedKeys::from_toml_str(&key().trusted_keys_line(), "test").unwrap()
}

fn t(minutes: i64) -> DateTime<Utc> {
    Utc::now() - Duration::days(1) + Duration::minutes(minutes)
}

/// A fake sync server: the published history of each collection, signed with `signer`.
struct FakeServer {
    signer: SigningKey,
    history: Mutex<History>,
    requests: Mutex<Vec<String>>,
    tamper: Mutex<Option<Tamper>>,
    /// Answer 503 with this `Retry-After` value.
    busy: Mutex<Option<String>>,
    down: Mutex<bool>,
}

impl FakeServer {
    fn new() -> Self {
        FakeServer {
            signer: key(),
            history: Mutex::new(BTreeMap::new()),
            requests: Mutex::new(Vec::new()),
            tamper: Mutex::new(None),
            busy: Mutex::new(None),
            down: Mutex::new(false),
        }
    }

    fn publish(&self, c: Collection, seq: u64, at: DateTime<Utc>, state: State) {
        self.history
            .lock()
            .unwrap()
            .entry(c)
            .or_default()
            .push((seq, at, state));
    }

    fn changeset(&self, c: Collection, since: Option<u64>) -> Changeset {
        let history = self.history.lock().unwrap();
        let versions = &history[&c];
        let (seq, at, state) = versions.last().unwrap().clone();
        let base = since.and_then(|s| versions.iter().find(|v| v.0 == s));
        let header = StateHeader {
            collection: c,
            schema_version: 1,
            sequence: seq,
            published_at: at,
            key_id: self.signer.key_id().to_string(),
        };
        let signature = self.signer.sign_state(&header, &state);
        let (full, records, tombstones) = match base {
            Some((_, _, old)) => (
                false,
                state
                    .iter()
                    .filter(|(id, v)| old.get(*id) != Some(v))
                    .map(|(id, v)| Record {
                        id: id.clone(),
                        data: v.clone(),
                    })
                    .collect(),
                old.keys()
                    .filter(|id| !state.contains_key(*id))
                    .map(|id| Tombstone { id: id.clone() })
                    .collect(),
            ),
            None => (
                true,
                state
                    .iter()
                    .map(|(id, v)| Record {
                        id: id.clone(),
                        data: v.clone(),
                    })
                    .collect(),
                vec![],
            ),
        };
        Changeset {
            collection: c,
            schema_version: 1,
            sequence: seq,
            published_at: at,
            since: base.map(|b| b.0),
            full,
            records,
            tombstones,
            signature,
        }
    }

    fn snapshot(&self) -> Snapshot {
        let collections: Vec<Collection> = self.history.lock().unwrap().keys().copied().collect();
        Snapshot {
            format: 1,
            collections: collections
                .into_iter()
                .map(|c| self.changeset(c, None))
                .collect(),
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn ok(body: Vec<u8>, etag: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![HttpHeader {
            name: "ETag".into(),
            value: etag,
        }],
        wire_bytes: Some(body.len() as u64),
        body,
    }
}

impl Transport for FakeServer {
    /// Thread-safe (everything behind mutexes): syncs fetch changesets concurrently.
    fn concurrent(&self) -> bool {
        true
    }

    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let path = request.url.trim_start_matches("http://fake");
        self.requests.lock().unwrap().push(path.to_string());
        if *self.down.lock().unwrap() {
            return Err(TransportError::new("connection refused"));
        }
        if let Some(secs) = self.busy.lock().unwrap().clone() {
            return Ok(HttpResponse {
                status: 503,
                headers: vec![HttpHeader {
                    name: "Retry-After".into(),
                    value: secs,
                }],
                body: vec![],
                wire_bytes: Some(0),
            });
        }
        let inm = request
            .headers
            .iter()
            .find(|h| h.name == "If-None-Match")
            .map(|h| h.value.clone());
        let not_modified = |etag: &str| {
            (inm.as_deref() == Some(etag)).then(|| HttpResponse {
                status: 304,
                headers: vec![],
                body: vec![],
                wire_bytes: Some(0),
            })
        };
        if path == "/v1/latest" {
            let history = self.history.lock().unwrap();
            let collections: BTreeMap<Collection, CollectionHead> = history
                .iter()
                .map(|(c, v)| {
                    let (seq, at, _) = v.last().unwrap();
                    (
                        *c,
                        CollectionHead {
                            sequence: *seq,
                            published_at: *at,
                            schema_version: 1,
                        },
                    )
                })
                .collect();
            let latest = Latest {
                sequence: collections.values().map(|h| h.sequence).max().unwrap_or(0),
                collections,
            };
            // As the real server: the sequence and a hash of the body.
            let body = serde_json::to_vec(&latest).unwrap();
            let etag = crate::sync::engine::latest_etag(latest.sequence, &body);
            if let Some(r) = not_modified(&etag) {
                return Ok(r);
            }
            return Ok(ok(body, etag));
        }
        let rest = path.trim_start_matches("/v1/collections/");
        let (name, query) = rest.split_once("/changeset").unwrap();
        let c: Collection = name.parse().unwrap();
        let since = query
            .strip_prefix("?since=")
            .map(|s| s.parse::<u64>().unwrap());
        if !self.history.lock().unwrap().contains_key(&c) {
            // As the real server: a collection never published is a 404.
            return Ok(HttpResponse {
                status: 404,
                headers: vec![],
                body: br#"{"error":"not_found","message":"not published"}"#.to_vec(),
                wire_bytes: Some(0),
            });
        }
        let cs = self.changeset(c, since);
        let etag = format!("\"{c}-{}\"", cs.sequence);
        if let Some(r) = not_modified(&etag) {
            return Ok(r);
        }
        let mut body = serde_json::to_vec(&cs).unwrap();
        if let Some(f) = &*self.tamper.lock().unwrap() {
            f(&mut body);
        }
        Ok(ok(body, etag))
    }
}

/// Short names used in these tests for municipalities, so the records are real directory areas.
const KOMMUNER: [(&str, &str); 5] = [
    ("a", "0301"),
    ("b", "1103"),
    ("c", "5001"),
    ("z", "4601"),
    ("demo", "1506"),
];

fn kommune(short: &str) -> &'static str {
    KOMMUNER
        .iter()
        .find(|k| k.0 == short)
        .expect("a known short name")
        .1
}

fn area(short: &str, name: &str) -> Value {
    json!({"area": {"kommune": kommune(short), "name": name, "last_verified": "2026-11-01", "source": "unit test"}})
}

/// Directory records: one municipality area per (short name, area name).
fn entries(pairs: &[(&str, &str)]) -> State {
    pairs
        .iter()
        .map(|(short, name)| (format!("area:{}", kommune(short)), area(short, name)))
        .collect()
}

/// Places records: one postcode row per (postnummer, poststed).
fn postcodes(pairs: &[(&str, &str)]) -> State {
    pairs
        .iter()
        .map(|(nr, sted)| {
            (
                format!("postcode:{nr}"),
                json!({"postcode": {"postnummer": nr, "poststed": sted, "kommunenummer": "0301", "kommunenavn": "OSLO", "kategori": "G"}}),
            )
        })
        .collect()
}

/// A server with directory v1 (seq 1) and places v1 (seq 2); the bundled snapshot is that.
fn server_v1() -> FakeServer {
    let s = FakeServer::new();
    s.publish(
        Collection::Directory,
        1,
        t(0),
        entries(&[("a", "A"), ("b", "B")]),
    );
    s.publish(Collection::Places, 2, t(1), postcodes(&[("0150", "OSLO")]));
    s
}

/// The directory as (short name, area name) pairs.
fn names(content: &DeviceContent, c: Collection) -> Vec<(String, String)> {
    content
        .records(c)
        .unwrap()
        .into_iter()
        .map(|r| {
            let nr = r.id.trim_start_matches("area:");
            let short = KOMMUNER.iter().find(|k| k.1 == nr).map_or(nr, |k| k.0);
            let name = r.data["area"]["name"].as_str().unwrap_or("?");
            (short.to_string(), name.to_string())
        })
        .collect()
}

fn seqs(content: &DeviceContent) -> Vec<(Collection, u64)> {
    content
        .as_of()
        .unwrap()
        .into_iter()
        .map(|a| (a.collection, a.sequence))
        .collect()
}

fn sync(content: &DeviceContent, server: &FakeServer) -> crate::error::Result<SyncReport> {
    content.sync(
        server,
        "http://fake",
        &SyncOptions::default(),
        &NoProgress,
        &CancelFlag::new(),
    )
}

#[test]
fn a_fresh_device_starts_from_the_bundled_snapshot_and_polls_cheaply() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    assert_eq!(
        seqs(&content),
        [(Collection::Directory, 1), (Collection::Places, 2)]
    );
    assert_eq!(content.as_of().unwrap()[0].source, BUNDLED_SOURCE);
    let report = sync(&content, &server).unwrap();
    assert!(report
        .collections
        .iter()
        .all(|c| c.outcome == SyncOutcome::Unchanged && c.records_changed == 0));
    assert_eq!(server.requests(), ["/v1/latest"]);
    // The poll's ETag is remembered: the next unchanged sync is a 304.
    let report = sync(&content, &server).unwrap();
    assert!(report.poll_not_modified);
    assert_eq!(report.wire_bytes, 0);
}

#[test]
fn a_delta_is_merged_verified_and_swapped_in() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    server.publish(
        Collection::Directory,
        3,
        t(2),
        entries(&[("b", "B2"), ("c", "C")]),
    );
    let report = sync(&content, &server).unwrap();
    let dir = report
        .collections
        .iter()
        .find(|c| c.collection == Collection::Directory)
        .unwrap();
    assert_eq!(
        (dir.sequence_before, dir.sequence_after, dir.outcome),
        (Some(1), Some(3), SyncOutcome::Delta)
    );
    // b changed, c added, a deleted.
    assert_eq!(dir.records_changed, 3);
    assert_eq!(
        names(&content, Collection::Directory),
        [("b".into(), "B2".into()), ("c".into(), "C".into())]
    );
    assert_eq!(
        server.requests(),
        ["/v1/latest", "/v1/collections/directory/changeset?since=1"]
    );
    assert_eq!(
        content
            .high_water()
            .unwrap()
            .mark("directory")
            .unwrap()
            .sequence,
        3
    );
}

#[test]
fn tampered_or_foreign_content_changes_nothing() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    server.publish(Collection::Directory, 3, t(2), entries(&[("a", "Evil")]));
    *server.tamper.lock().unwrap() = Some(Box::new(|body: &mut Vec<u8>| {
        // Flip one byte inside the record text ("Evil" → "Evim").
        let at = body.windows(4).position(|w| w == b"Evil").unwrap();
        body[at + 3] ^= 0x01;
    }));
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Sync(SyncError::Integrity(
                IntegrityError::SignatureInvalid { .. }
            ))
        ),
        "{err}"
    );
    assert_eq!(
        names(&content, Collection::Directory),
        [("a".into(), "A".into()), ("b".into(), "B".into())]
    );
    assert_eq!(seqs(&content)[0], (Collection::Directory, 1));

    // Signed by a key this device does not trust.
    *server.tamper.lock().unwrap() = None;
    let foreign = FakeServer {
        signer: SigningKey::from_seed("someone-else", [4u8; 32]).unwrap(),
        ..server_v1()
    };
    foreign.publish(Collection::Directory, 3, t(2), entries(&[("a", "Evil")]));
    let err = sync(&content, &foreign).unwrap_err();
    assert!(
        matches!(err, Error::Sync(SyncError::Integrity(IntegrityError::UntrustedKey { ref key_id, .. })) if key_id == "someone-else"),
        "{err}"
    );
    assert_eq!(seqs(&content)[0], (Collection::Directory, 1));
}

#[test]
fn replays_of_older_content_are_refused_even_after_the_store_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = server_v1();
    let bundled = server.snapshot();
    server.publish(Collection::Directory, 5, t(5), entries(&[("a", "A5")]));
    {
        let content = DeviceContent::open(&data, trusted(), Some(bundled.clone())).unwrap();
        sync(&content, &server).unwrap();
        assert_eq!(seqs(&content)[0], (Collection::Directory, 5));
    }
    // An attacker replays the server as it was at sequence 3 (signed, but older).
    let replay = server_v1();
    replay.publish(Collection::Directory, 3, t(3), entries(&[("a", "A3")]));
    {
        let content = DeviceContent::open(&data, trusted(), Some(bundled.clone())).unwrap();
        let err = sync(&content, &replay).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Sync(SyncError::Integrity(IntegrityError::Rollback {
                    offered: 3,
                    seen: 5,
                    ..
                }))
            ),
            "{err}"
        );
        assert_eq!(seqs(&content)[0], (Collection::Directory, 5));
    }
    // The local database is deleted: content falls back to the bundled snapshot, but the
    // high-water file outside the store still refuses the replay.
    std::fs::remove_dir_all(data.join(STORE_DIR)).unwrap();
    assert!(data.join(HIGHWATER_FILE).exists());
    let content = DeviceContent::open(&data, trusted(), Some(bundled)).unwrap();
    assert_eq!(seqs(&content)[0], (Collection::Directory, 1));
    assert!(
        content
            .notices()
            .iter()
            .any(|n| n.contains("lost directory")),
        "{:?}",
        content.notices()
    );
    let err = sync(&content, &replay).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Sync(SyncError::Integrity(IntegrityError::Rollback { .. }))
        ),
        "{err}"
    );
    // The real server brings it back up to date.
    sync(&content, &server).unwrap();
    assert_eq!(seqs(&content)[0], (Collection::Directory, 5));
}

#[test]
fn a_changeset_older_than_the_bundled_floor_is_refused() {
    let server = server_v1();
    server.publish(Collection::Directory, 4, t(4), entries(&[("a", "A4")]));
    let bundled = server.snapshot();
    let old = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(bundled)).unwrap();
    // A fresh device (empty poll etag) facing a server at sequence 1: refused.
    let err = sync(&content, &old).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Sync(SyncError::Integrity(IntegrityError::Rollback {
                offered: 1,
                seen: 4,
                ..
            }))
        ),
        "{err}"
    );
}

struct CancelAt(SyncStage, CancelFlag);

impl SyncListener for CancelAt {
    fn on_progress(&self, p: &SyncProgress) {
        if p.stage == self.0 {
            self.1.cancel();
        }
    }
}

#[test]
fn cancelling_at_any_stage_keeps_the_old_content() {
    for stage in [
        SyncStage::Polling,
        SyncStage::Fetching,
        SyncStage::Staging,
        SyncStage::Verifying,
    ] {
        let server = server_v1();
        let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
        server.publish(Collection::Directory, 3, t(2), entries(&[("z", "Z")]));
        let flag = CancelFlag::new();
        let err = content
            .sync(
                &server,
                "http://fake",
                &SyncOptions::default(),
                &CancelAt(stage, flag.clone()),
                &flag,
            )
            .unwrap_err();
        assert!(
            matches!(err, Error::Sync(SyncError::Cancelled)),
            "{stage:?}: {err}"
        );
        assert_eq!(seqs(&content)[0], (Collection::Directory, 1), "{stage:?}");
        // No staged generation is left behind.
        let s = content.store();
        assert_eq!(s.heads().unwrap().len(), 2);
        // And a later sync works.
        sync(&content, &server).unwrap();
        assert_eq!(seqs(&content)[0], (Collection::Directory, 3));
    }
}

#[test]
fn retry_after_is_honoured_without_contacting_the_server_again() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    *server.busy.lock().unwrap() = Some("120".into());
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Sync(SyncError::Backoff { seconds: 120 })),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
    *server.busy.lock().unwrap() = None;
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Sync(SyncError::Backoff { seconds }) if (100..=120).contains(&seconds)),
        "{err}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "the backoff must hold without a request"
    );
}

#[test]
fn an_unreachable_server_is_a_network_error_and_changes_nothing() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    *server.down.lock().unwrap() = true;
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Sync(SyncError::Network { .. })),
        "{err}"
    );
    assert_eq!(seqs(&content).len(), 2);
}

#[test]
fn stored_content_that_no_longer_verifies_is_rebuilt_from_the_bundled_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = server_v1();
    let bundled = server.snapshot();
    server.publish(Collection::Directory, 3, t(3), entries(&[("a", "A3")]));
    {
        let content = DeviceContent::open(&data, trusted(), Some(bundled.clone())).unwrap();
        sync(&content, &server).unwrap();
    }
    {
        // Damage one stored record behind the store's back (same head, altered bytes).
        let (store, _) = SledStore::open(&data.join(STORE_DIR)).unwrap();
        let head = store.head("directory").unwrap().unwrap();
        let state = LocalState::from_meta("directory", &head.meta).unwrap();
        let staged = store
            .stage(
                "directory",
                StageBase::Live,
                &[crate::store::Change::Upsert {
                    id: "area:0301".into(),
                    value: serde_json::to_vec(&area("a", "A4")).unwrap(),
                }],
            )
            .unwrap();
        store
            .swap(&[Swap {
                staged,
                meta: state.to_meta(),
            }])
            .unwrap();
        store.flush().unwrap();
    }
    let content = DeviceContent::open(&data, trusted(), Some(bundled)).unwrap();
    assert!(
        content
            .notices()
            .iter()
            .any(|n| n.contains("integrity check")),
        "{:?}",
        content.notices()
    );
    assert_eq!(names(&content, Collection::Directory)[0].1, "A");
    // Resync brings the good content back.
    sync(&content, &server).unwrap();
    assert_eq!(
        names(&content, Collection::Directory),
        [("a".into(), "A3".into())]
    );
}

#[test]
fn progress_is_reported_in_order() {
    struct Log(Mutex<Vec<SyncStage>>);
    impl SyncListener for Log {
        fn on_progress(&self, p: &SyncProgress) {
            assert!(p.step <= p.steps, "{p:?}");
            self.0.lock().unwrap().push(p.stage);
        }
    }
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    server.publish(Collection::Places, 4, t(4), postcodes(&[("0151", "OSLO")]));
    let log = Log(Mutex::new(Vec::new()));
    content
        .sync(
            &server,
            "http://fake",
            &SyncOptions::default(),
            &log,
            &CancelFlag::new(),
        )
        .unwrap();
    assert_eq!(
        *log.0.lock().unwrap(),
        [
            SyncStage::Polling,
            SyncStage::Fetching,
            SyncStage::Staging,
            SyncStage::Verifying,
            SyncStage::Applying,
            SyncStage::Done
        ]
    );
}

#[test]
fn old_content_is_warned_about() {
    let server = FakeServer::new();
    server.publish(
        Collection::Directory,
        1,
        Utc::now() - Duration::days(400),
        entries(&[("a", "A")]),
    );
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    let report = sync(&content, &server).unwrap();
    assert!(
        report.warnings.iter().any(|w| w.contains("frozen")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn one_instance_per_folder_per_process() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let a = DeviceContent::open(&data, trusted(), None).unwrap();
        // Another spelling of the same folder finds the same instance.
        let b = DeviceContent::open(&dir.path().join(".").join("data"), trusted(), None).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert!(Arc::ptr_eq(a.store(), b.store()));
        assert!(DeviceContent::is_open(&data));
    }
    // Dropping the last handle closes it; the next open opens the folder afresh.
    assert!(!DeviceContent::is_open(&data));
    let c = DeviceContent::open(&data, trusted(), None).unwrap();
    assert!(c.notices().is_empty(), "{:?}", c.notices());
}

#[test]
fn an_untrusted_bundled_snapshot_is_neither_shown_nor_a_rollback_floor() {
    // The build carries demo content signed by a key this deployment does not trust, at
    // higher sequences than the real server has reached.
    let demo = FakeServer {
        signer: SigningKey::from_seed("demo-key", [5u8; 32]).unwrap(),
        ..FakeServer::new()
    };
    demo.publish(Collection::Directory, 9, t(0), entries(&[("demo", "Demo")]));
    let content = DeviceContent::in_memory(trusted(), Some(demo.snapshot())).unwrap();
    assert!(content.as_of().unwrap().is_empty());
    assert!(
        content
            .notices()
            .iter()
            .any(|n| n.contains("not signed by a trusted key")),
        "{:?}",
        content.notices()
    );
    assert_eq!(content.high_water().unwrap().mark("directory"), None);
    let real = server_v1();
    sync(&content, &real).unwrap();
    assert_eq!(seqs(&content)[0], (Collection::Directory, 1));
}

#[test]
fn the_stored_directory_and_places_build_a_contact_book() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    assert_eq!(content.directory().unwrap().entries().len(), 2);
    assert_eq!(content.places().unwrap().rows().len(), 1);
    content.contact_book().unwrap();
    let empty = DeviceContent::in_memory(trusted(), None).unwrap();
    assert!(empty.directory().unwrap().entries().is_empty());
}

#[test]
fn a_guide_for_a_newer_app_is_stored_and_reported_not_a_failed_sync() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    let mut guides = State::new();
    guides.insert(
        "future-guide".into(),
        json!({"id": "future-guide", "min_client_version": crate::guide::CLIENT_VERSION + 1, "steps": "a format this build cannot read"}),
    );
    server.publish(Collection::Guides, 3, t(3), guides);
    let report = sync(&content, &server).unwrap();
    assert_eq!(report.needs_update.len(), 1);
    assert!(report.needs_update[0].message().contains("update the app"));
    let listed = content.guides().unwrap();
    assert_eq!(listed.len(), 1);
    let why = listed[0].guide.as_ref().unwrap_err();
    assert!(why.contains("needs a newer version"), "{why}");
    assert!(matches!(
        content.guide("future-guide"),
        Err(Error::Content(ContentError::SchemaTooNew { .. }))
    ));
}

#[test]
fn a_signed_but_invalid_guide_refuses_the_sync() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    let mut guides = State::new();
    guides.insert("broken".into(), json!({"id": "broken", "steps": []}));
    server.publish(Collection::Guides, 3, t(3), guides);
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Content(ContentError::Invalid(_))),
        "{err}"
    );
    assert!(err.to_string().contains("guides/broken"), "{err}");
    assert!(content.guides().unwrap().is_empty());
}

/// A 503 whose `Retry-After` is `value`, then the genuine server.
fn busy_then_genuine(value: &str) {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    server.publish(Collection::Directory, 3, t(5), entries(&[("a", "A2")]));
    *server.busy.lock().unwrap() = Some(value.to_string());
    let now = Utc::now();
    let run = |at| {
        content.sync_at(
            &server,
            "http://fake",
            &SyncOptions::default(),
            &NoProgress,
            &CancelFlag::new(),
            at,
        )
    };
    let err = run(now).unwrap_err();
    let Error::Sync(SyncError::Backoff { seconds }) = err else {
        panic!("{value}: {err}");
    };
    assert!(seconds <= MAX_BACKOFF_SECONDS, "{value}: {seconds} s");
    *server.busy.lock().unwrap() = None;
    // Still waiting a second later, without a request.
    let asked = server.requests().len();
    assert!(run(now + Duration::seconds(1)).is_err() || seconds <= 1);
    assert_eq!(server.requests().len(), asked, "{value}");
    // Once the cap has passed, the genuine server is asked and the sync succeeds.
    let later = now + Duration::seconds(MAX_BACKOFF_SECONDS as i64 + 1);
    run(later).unwrap_or_else(|e| panic!("{value}: {e}"));
    assert_eq!(seqs(&content)[0], (Collection::Directory, 3), "{value}");
}

#[test]
fn a_retry_after_of_ten_to_the_fourteen_seconds_is_capped() {
    busy_then_genuine("100000000000000");
}

#[test]
fn a_retry_after_of_ten_years_is_capped() {
    busy_then_genuine(&(10 * 365 * 24 * 3600u64).to_string());
    let in_ten_years = (Utc::now() + Duration::days(3650)).to_rfc2822();
    busy_then_genuine(&in_ten_years);
}

#[test]
fn a_garbage_retry_after_is_the_default_wait() {
    for garbage in [
        "soon",
        "",
        "-5",
        "99999999999999999999999999",
        "Fri, 31 Dec 99999",
    ] {
        busy_then_genuine(garbage);
    }
}

#[test]
fn a_backoff_saved_by_an_older_build_for_years_is_capped_on_read() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    let until = Utc::now() + Duration::days(3650);
    content
        .store
        .set_meta(
            "backoff-until:http://fake",
            Some(until.to_rfc3339().as_bytes()),
        )
        .unwrap();
    let now = Utc::now();
    let run = |at| {
        content.sync_at(
            &server,
            "http://fake",
            &SyncOptions::default(),
            &NoProgress,
            &CancelFlag::new(),
            at,
        )
    };
    // The first sync after the upgrade cuts the deadline to the cap …
    let err = run(now).unwrap_err();
    assert!(
        matches!(err, Error::Sync(SyncError::Backoff { seconds }) if seconds <= MAX_BACKOFF_SECONDS),
        "{err}"
    );
    // … and once the cap has passed the sync goes ahead.
    let later = now + Duration::seconds(MAX_BACKOFF_SECONDS as i64 + 1);
    run(later).unwrap();
    assert!(!server.requests().is_empty());
}

#[test]
fn a_panic_while_syncing_does_not_poison_later_syncs() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    let store = content.store.clone();
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _guard = store.sync_lock().lock().unwrap();
        panic!("a panic while the sync lock is held");
    }));
    assert!(panicked.is_err());
    assert!(store.sync_lock().is_poisoned());
    sync(&content, &server).unwrap();
}

/// Answers `/v1/latest` with the device's own (old) sequences but the server's real ETag.
struct TamperedLatest<'a> {
    server: &'a FakeServer,
    claim: Latest,
}

impl Transport for TamperedLatest<'_> {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut resp = self.server.send(request)?;
        if request.url.ends_with("/v1/latest") && resp.status == 200 {
            resp.body = serde_json::to_vec(&self.claim).unwrap();
        }
        Ok(resp)
    }
}

#[test]
fn a_tampered_latest_with_the_real_etag_does_not_freeze_the_device() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), Some(server.snapshot())).unwrap();
    sync(&content, &server).unwrap();
    let claim = Latest {
        sequence: 2,
        collections: content
            .local_states()
            .unwrap()
            .into_iter()
            .map(|(c, s)| {
                (
                    c,
                    CollectionHead {
                        sequence: s.sequence,
                        published_at: s.published_at,
                        schema_version: s.schema_version,
                    },
                )
            })
            .collect(),
    };
    server.publish(Collection::Directory, 3, t(5), entries(&[("a", "A2")]));
    let tampered = TamperedLatest {
        server: &server,
        claim,
    };
    let report = content
        .sync(
            &tampered,
            "http://fake",
            &SyncOptions::default(),
            &NoProgress,
            &CancelFlag::new(),
        )
        .unwrap();
    assert!(report.collections.iter().all(|c| c.records_changed == 0));
    // The genuine server next: the device gets the current content.
    let report = sync(&content, &server).unwrap();
    assert!(!report.poll_not_modified, "frozen: {report:?}");
    assert_eq!(seqs(&content)[0], (Collection::Directory, 3));
    // And an honest poll's ETag is still kept: the next poll is a cheap 304.
    assert!(sync(&content, &server).unwrap().poll_not_modified);
}

/// Content synced into `data` from a server one directory version ahead of the bundled
/// snapshot; returns the bundled snapshot.
fn synced_ahead_of_bundled(data: &std::path::Path) -> (FakeServer, Snapshot) {
    let server = server_v1();
    let bundled = server.snapshot();
    server.publish(Collection::Directory, 3, t(3), entries(&[("a", "A3")]));
    let content = DeviceContent::open(data, trusted(), Some(bundled.clone())).unwrap();
    sync(&content, &server).unwrap();
    (server, bundled)
}

#[test]
fn a_file_where_the_store_folder_should_be_opens_read_only_and_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join(STORE_DIR), b"not a folder").unwrap();
    let server = server_v1();
    let content = DeviceContent::open(&data, trusted(), Some(server.snapshot())).unwrap();
    assert!(
        content
            .notices()
            .iter()
            .any(|n| n.contains("local storage") && n.contains("cannot be written")),
        "{:?}",
        content.notices()
    );
    // The bundled content is readable; the file is untouched; nothing was moved aside.
    assert_eq!(names(&content, Collection::Directory)[0].1, "A");
    assert_eq!(
        std::fs::read(data.join(STORE_DIR)).unwrap(),
        b"not a folder"
    );
    assert!(!data.join("store.damaged").exists());
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Storage(StorageError::ReadOnly(_))),
        "{err}"
    );
    assert!(err.to_string().contains("syncing is off"), "{err}");
    assert!(
        server.requests().is_empty(),
        "a read-only device asks nothing"
    );
}

#[test]
fn a_store_held_elsewhere_is_read_through_a_copy_and_its_newer_content_shown() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (server, bundled) = synced_ahead_of_bundled(&data);
    // Another holder (another process, or a sync waiting on a slow server) has the store.
    let (holder, _) = SledStore::open(&data.join(STORE_DIR)).unwrap();
    let content = DeviceContent::open(&data, trusted(), Some(bundled)).unwrap();
    assert!(
        content.notices().iter().any(|n| n.contains("in use")),
        "{:?}",
        content.notices()
    );
    // The synced content, not the older bundled one.
    assert_eq!(
        names(&content, Collection::Directory),
        [("a".into(), "A3".into())]
    );
    let err = sync(&content, &server).unwrap_err();
    assert!(
        matches!(err, Error::Storage(StorageError::ReadOnly(_))),
        "{err}"
    );
    drop(content);
    // Nothing on disk changed: the holder still has the synced content.
    let head = holder.head("directory").unwrap().unwrap();
    assert_eq!(
        LocalState::from_meta("directory", &head.meta)
            .unwrap()
            .sequence,
        3
    );
}

#[test]
fn an_unwritable_store_is_an_unwritable_error_never_a_rebuild() {
    // As root the OS cannot be made to refuse, so the error comes from the file system
    // in a way root cannot bypass: the store path runs through a file.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), b"x").unwrap();
    let err = SledStore::open(&dir.path().join("file").join(STORE_DIR)).unwrap_err();
    assert!(
        matches!(err, Error::Storage(StorageError::Unwritable { .. })),
        "{err}"
    );
    assert!(!dir.path().join("file.damaged").exists());
}

#[test]
fn a_fresh_device_asks_for_every_snapshot_with_the_poll_and_uses_only_what_it_announces() {
    let server = server_v1();
    let content = DeviceContent::in_memory(trusted(), None).unwrap();
    let report = sync(&content, &server).unwrap();
    // One round: the poll and a full snapshot of every collection (unpublished ones are 404s,
    // dropped); nothing asked again.
    let mut asked = server.requests();
    asked.sort();
    let mut expected: Vec<String> = Collection::ALL
        .iter()
        .map(|c| c.changeset_path(None))
        .chain(["/v1/latest".to_string()])
        .collect();
    expected.sort();
    assert_eq!(asked, expected);
    assert_eq!(report.requests as usize, 1 + Collection::ALL.len());
    assert_eq!(
        seqs(&content),
        [(Collection::Directory, 1), (Collection::Places, 2)]
    );
    // Once the device holds something, a sync polls first again.
    server.publish(Collection::Directory, 3, t(3), entries(&[("a", "A3")]));
    let before = server.requests().len();
    sync(&content, &server).unwrap();
    assert_eq!(
        server.requests()[before..],
        ["/v1/latest", "/v1/collections/directory/changeset?since=1"]
    );
}

/// The demo guide with `revision` and a title naming it, as a `guides` record.
fn demo_guide(revision: u32) -> (String, Value) {
    let src = include_str!("../../../server/content/guides/fra-bekymring-til-handling.toml");
    let mut guide = crate::guide::parse_guide_toml("demo.toml", src)
        .unwrap()
        .guide;
    guide.revision = revision;
    guide.title.nb = format!("Revisjon {revision}");
    let value = serde_json::from_slice(&crate::guide::guide_to_json(&guide)).unwrap();
    (guide.id, value)
}

#[test]
fn the_guide_catalogue_follows_the_live_guides_and_ignores_one_for_other_content() {
    let dir = tempfile::tempdir().unwrap();
    let server = server_v1();
    let (id, v1) = demo_guide(1);
    server.publish(Collection::Guides, 3, t(2), [(id.clone(), v1)].into());
    let content = DeviceContent::open(dir.path(), trusted(), None).unwrap();
    sync(&content, &server).unwrap();
    let cards = |c: &DeviceContent| -> Vec<(String, u32, String)> {
        c.guide_catalogue()
            .unwrap()
            .into_iter()
            .map(|e| {
                let card = e.card.unwrap();
                (
                    e.id,
                    card.revision,
                    card.title.get(crate::Lang::Nb).to_string(),
                )
            })
            .collect()
    };
    let expected_v1 = vec![(id.clone(), 1, "Revisjon 1".to_string())];
    assert_eq!(cards(&content), expected_v1);
    // Written by the sync, so a fresh open reads it without parsing a guide.
    let stored = content.store().meta("guide-catalogue").unwrap();
    assert!(stored.is_some(), "the sync stores the catalogue");

    // A new revision: the catalogue follows the sync.
    let (_, v2) = demo_guide(2);
    server.publish(Collection::Guides, 4, t(3), [(id.clone(), v2)].into());
    sync(&content, &server).unwrap();
    assert_eq!(
        cards(&content),
        vec![(id.clone(), 2, "Revisjon 2".to_string())]
    );

    // A catalogue written for other content (an older generation) is never shown: the
    // catalogue is rebuilt from the guides themselves.
    content
        .store()
        .set_meta("guide-catalogue", stored.as_deref())
        .unwrap();
    assert_eq!(cards(&content), vec![(id, 2, "Revisjon 2".to_string())]);
}

#[test]
fn the_contact_book_reads_one_postcode_and_keeps_the_names_of_every_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let server = server_v1();
    let content = DeviceContent::open(dir.path(), trusted(), None).unwrap();
    sync(&content, &server).unwrap();
    assert!(content.store().meta("place-kommuner").unwrap().is_some());
    let book = content.contact_book().unwrap();
    let whole = content.build_contact_book().unwrap();
    let query = |p: &str| crate::directory::ContactsQuery {
        location: crate::directory::Location::Postnummer {
            postnummer: p.to_string(),
        },
        role: crate::ContactRole::Barnevern,
        at: t(10),
        urgent: false,
    };
    for p in ["0150", "0151"] {
        assert_eq!(
            book.contacts(&query(p)).unwrap(),
            whole.contacts(&query(p)).unwrap()
        );
    }
    // Names derived for other content are ignored and derived again.
    content
        .store()
        .set_meta("place-kommuner", Some(br#"{"digest":"x","value":{}}"#))
        .unwrap();
    let fresh = DeviceContent::open(dir.path(), trusted(), None).unwrap();
    let again = fresh.contact_book().unwrap();
    assert_eq!(
        again.contacts(&query("0150")).unwrap(),
        whole.contacts(&query("0150")).unwrap()
    );
}
