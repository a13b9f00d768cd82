//! The same behaviour tests, run against the in-memory and the sled store.

use super::*;
use std::sync::Arc;

fn up(id: &str, v: &str) -> Change {
    Change::Upsert {
        id: id.into(),
        value: v.as_bytes().to_vec(),
    }
}

fn del(id: &str) -> Change {
    Change::Delete { id: id.into() }
}

fn ids(records: &Records) -> Vec<&str> {
    records.iter().map(|(id, _)| id.as_str()).collect()
}

fn swap_one(store: &dyn ContentStore, staged: &Staged, meta: &str) {
    store
        .swap(&[Swap {
            staged: staged.clone(),
            meta: meta.as_bytes().to_vec(),
        }])
        .unwrap();
    store.flush().unwrap();
    store.collect_garbage().unwrap();
}

fn staging_is_invisible_until_swap(store: &dyn ContentStore) {
    assert!(store.heads().unwrap().is_empty());
    let s = store
        .stage("guides", StageBase::Empty, &[up("b", "B"), up("a", "A")])
        .unwrap();
    assert!(store.records("guides").unwrap().is_empty());
    assert_eq!(store.get("guides", "a").unwrap(), None);
    assert_eq!(ids(&store.staged_records(&s).unwrap()), ["a", "b"]);
    swap_one(store, &s, "m1");
    assert_eq!(ids(&store.records("guides").unwrap()), ["a", "b"]);
    assert_eq!(store.get("guides", "a").unwrap(), Some(b"A".to_vec()));
    assert_eq!(store.head("guides").unwrap().unwrap().meta, b"m1");
}

fn deltas_merge_into_the_live_generation(store: &dyn ContentStore) {
    let s = store
        .stage("guides", StageBase::Empty, &[up("a", "A"), up("b", "B")])
        .unwrap();
    swap_one(store, &s, "m1");
    let s2 = store
        .stage(
            "guides",
            StageBase::Live,
            &[del("a"), up("c", "C"), up("b", "B2")],
        )
        .unwrap();
    // The live generation is untouched while the delta is staged.
    assert_eq!(ids(&store.records("guides").unwrap()), ["a", "b"]);
    swap_one(store, &s2, "m2");
    let recs = store.records("guides").unwrap();
    assert_eq!(ids(&recs), ["b", "c"]);
    assert_eq!(recs[0].1, b"B2");
    // Deleting an id that does not exist is not an error.
    let s3 = store
        .stage("guides", StageBase::Live, &[del("zz")])
        .unwrap();
    assert_eq!(ids(&store.staged_records(&s3).unwrap()), ["b", "c"]);
    store.discard(&s3).unwrap();
    assert!(store.staged_records(&s3).is_err());
    assert_eq!(ids(&store.records("guides").unwrap()), ["b", "c"]);
}

fn swap_covers_several_collections(store: &dyn ContentStore) {
    let g = store
        .stage("guides", StageBase::Empty, &[up("g", "1")])
        .unwrap();
    let d = store
        .stage("directory", StageBase::Empty, &[up("d", "2")])
        .unwrap();
    store
        .swap(&[
            Swap {
                staged: g,
                meta: b"g".to_vec(),
            },
            Swap {
                staged: d,
                meta: b"d".to_vec(),
            },
        ])
        .unwrap();
    let heads = store.heads().unwrap();
    assert_eq!(heads.keys().collect::<Vec<_>>(), ["directory", "guides"]);
    assert_eq!(store.get("directory", "d").unwrap(), Some(b"2".to_vec()));
}

fn swap_of_a_discarded_generation_changes_nothing(store: &dyn ContentStore) {
    let g = store
        .stage("guides", StageBase::Empty, &[up("g", "1")])
        .unwrap();
    swap_one(store, &g, "old");
    let a = store
        .stage("guides", StageBase::Live, &[up("h", "2")])
        .unwrap();
    let b = store
        .stage("directory", StageBase::Empty, &[up("d", "2")])
        .unwrap();
    store.discard(&b).unwrap();
    let err = store.swap(&[
        Swap {
            staged: a,
            meta: b"new".to_vec(),
        },
        Swap {
            staged: b,
            meta: b"new".to_vec(),
        },
    ]);
    assert!(err.is_err());
    assert_eq!(store.head("guides").unwrap().unwrap().meta, b"old");
    assert_eq!(store.head("directory").unwrap(), None);
}

fn garbage_collection_keeps_live_generations(store: &dyn ContentStore) {
    let g = store
        .stage("guides", StageBase::Empty, &[up("g", "1")])
        .unwrap();
    swap_one(store, &g, "m");
    let abandoned = store
        .stage("guides", StageBase::Live, &[up("x", "2")])
        .unwrap();
    store.collect_garbage().unwrap();
    assert!(store.staged_records(&abandoned).is_err());
    assert_eq!(ids(&store.records("guides").unwrap()), ["g"]);
    store.set_meta("etag", Some(b"\"7\"")).unwrap();
    assert_eq!(store.meta("etag").unwrap(), Some(b"\"7\"".to_vec()));
    store.set_meta("etag", None).unwrap();
    assert_eq!(store.meta("etag").unwrap(), None);
    store.set_meta("etag", Some(b"x")).unwrap();
    store.clear().unwrap();
    assert_eq!(store.meta("etag").unwrap(), None);
    assert!(store.heads().unwrap().is_empty());
    assert!(store.records("guides").unwrap().is_empty());
}

/// A prefix read gives exactly the records a filter over every record gives, also when the
/// prefix's records span several chunks and sit between other records.
fn prefix_reads_match_a_filter_over_every_record(store: &dyn ContentStore) {
    let changes: Vec<Change> = ["a:", "b:", "ba", "c:"]
        .iter()
        .flat_map(|p| (0..700).map(move |i| up(&format!("{p}{i:04}"), &"x".repeat(90))))
        .collect();
    let s = store.stage("places", StageBase::Empty, &changes).unwrap();
    swap_one(store, &s, "m");
    let all = store.records("places").unwrap();
    for prefix in [
        "", "a:", "b:", "b", "ba", "c:", "c:069", "b:0699", "0", "zz", "a:9",
    ] {
        let mut expected = all.clone();
        expected.retain(|(id, _)| id.starts_with(prefix));
        assert_eq!(
            store.records_with_prefix("places", prefix).unwrap(),
            expected,
            "prefix {prefix:?}"
        );
    }
    assert!(store.records_with_prefix("none", "a").unwrap().is_empty());
}

fn run_all(make: &dyn Fn() -> Arc<dyn ContentStore>) {
    staging_is_invisible_until_swap(&*make());
    deltas_merge_into_the_live_generation(&*make());
    swap_covers_several_collections(&*make());
    swap_of_a_discarded_generation_changes_nothing(&*make());
    garbage_collection_keeps_live_generations(&*make());
    prefix_reads_match_a_filter_over_every_record(&*make());
}

#[test]
fn memory_store_contract() {
    run_all(&|| Arc::new(MemoryStore::new()));
}

#[test]
fn sled_store_contract() {
    let dirs = std::cell::RefCell::new(Vec::new());
    run_all(&|| {
        let dir = tempfile::tempdir().unwrap();
        let (store, outcome) = SledStore::open(&dir.path().join("store")).unwrap();
        assert_eq!(outcome, OpenOutcome::Created);
        dirs.borrow_mut().push(dir);
        store
    });
}

#[test]
fn sled_store_survives_reopen() {
    // Sharing one instance per folder within the process is the device registry's job
    // (`device::tests::one_instance_per_folder_per_process`).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let (a, outcome) = SledStore::open(&path).unwrap();
        assert_eq!(outcome, OpenOutcome::Created);
        let s = a
            .stage("guides", StageBase::Empty, &[up("a", "A")])
            .unwrap();
        swap_one(&*a, &s, "m");
        // A crash here would leave this abandoned staged generation behind.
        a.stage("guides", StageBase::Live, &[up("b", "B")]).unwrap();
        a.flush().unwrap();
    }
    let (c, outcome) = SledStore::open(&path).unwrap();
    assert_eq!(outcome, OpenOutcome::Opened);
    assert_eq!(ids(&c.records("guides").unwrap()), ["a"]);
    assert_eq!(c.head("guides").unwrap().unwrap().meta, b"m");
    // The abandoned generation was collected on open: only heads + one generation remain,
    // and only the chunk that generation uses.
    assert_eq!(c.gens.len(), 1);
    assert_eq!(std::fs::read_dir(c.chunks.dir()).unwrap().count(), 1);
}

#[test]
fn a_sled_folder_full_of_garbage_is_rebuilt_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let (a, _) = SledStore::open(&path).unwrap();
        let s = a
            .stage("guides", StageBase::Empty, &[up("a", "A")])
            .unwrap();
        swap_one(&*a, &s, "m");
    }
    for entry in std::fs::read_dir(&path).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::write(entry.path(), b"\xde\xad not a sled file \xbe\xef").unwrap();
        }
    }
    let (b, outcome) = SledStore::open(&path).unwrap();
    assert!(
        matches!(outcome, OpenOutcome::Rebuilt { .. }),
        "expected a rebuild, got {outcome:?}"
    );
    assert!(b.heads().unwrap().is_empty());
    assert!(super::sled_store::damaged_path(&path).join("db").exists());
    // The rebuilt store works.
    let s = b
        .stage("guides", StageBase::Empty, &[up("z", "Z")])
        .unwrap();
    swap_one(&*b, &s, "m");
    assert_eq!(ids(&b.records("guides").unwrap()), ["z"]);
}

#[test]
fn readers_never_see_a_dropped_generation_while_a_writer_swaps() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = SledStore::open(&dir.path().join("store")).unwrap();
    let first = store
        .stage("guides", StageBase::Empty, &[up("a", "A")])
        .unwrap();
    swap_one(&*store, &first, "m");
    let writer = {
        let store = store.clone();
        std::thread::spawn(move || {
            for i in 0..40 {
                let changes = if i % 2 == 0 {
                    vec![up("b", "B"), up("c", "C"), del("a")]
                } else {
                    vec![up("a", "A"), del("b"), del("c")]
                };
                let s = store.stage("guides", StageBase::Live, &changes).unwrap();
                store
                    .swap(&[Swap {
                        staged: s,
                        meta: b"m".to_vec(),
                    }])
                    .unwrap();
                store.flush().unwrap();
                store.collect_garbage().unwrap();
            }
        })
    };
    let mut reads = 0;
    while !writer.is_finished() || reads == 0 {
        let records = store.records("guides").unwrap();
        let ids = ids(&records);
        assert!(ids == ["a"] || ids == ["b", "c"], "a torn read: {ids:?}");
        reads += 1;
    }
    writer.join().unwrap();
    assert!(reads > 0);
}

#[test]
fn a_store_of_the_earlier_layout_is_converted_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        // The layout before ADR 0010: a sled tree of records per generation. No background
        // flusher: its thread would hold the database (and its file lock) past this block.
        let db = sled::Config::new()
            .path(&path)
            .flush_every_ms(None)
            .open()
            .unwrap();
        let heads = db.open_tree("heads").unwrap();
        let mut head = 7u64.to_be_bytes().to_vec();
        head.extend_from_slice(b"m");
        heads.insert("guides", head).unwrap();
        let old = db.open_tree("gen/guides/0000000000000007").unwrap();
        old.insert("a", &b"A"[..]).unwrap();
        old.insert("b", &b"B"[..]).unwrap();
        db.flush().unwrap();
    }
    let (store, outcome) = SledStore::open(&path).unwrap();
    assert_eq!(outcome, OpenOutcome::Opened);
    assert_eq!(ids(&store.records("guides").unwrap()), ["a", "b"]);
    assert_eq!(store.get("guides", "b").unwrap(), Some(b"B".to_vec()));
    assert_eq!(store.head("guides").unwrap().unwrap().generation, 7);
    assert!(!store.db.tree_names().iter().any(|n| n.starts_with(b"gen/")));
    let expected = chunks::digest_of([("a", &b"A"[..]), ("b", &b"B"[..])]);
    assert_eq!(store.live_digest("guides").unwrap(), Some(expected));
}

#[test]
fn a_chunk_altered_on_disk_is_refused_when_read() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = SledStore::open(&dir.path().join("store")).unwrap();
    let s = store
        .stage("guides", StageBase::Empty, &[up("a", "A")])
        .unwrap();
    swap_one(&*store, &s, "m");
    let file = std::fs::read_dir(store.chunks.dir())
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bytes = std::fs::read(&file).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&file, bytes).unwrap();
    let err = store.get("guides", "a").unwrap_err();
    assert!(
        err.to_string().contains("no longer matches its hash"),
        "{err}"
    );
    assert!(store.records("guides").is_err());
    std::fs::remove_file(&file).unwrap();
    let err = store.records("guides").unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
}
