//! Report-of-concern draft store benchmarks: open a store of 50 drafts (which reads every
//! file and authenticates every header to find the expired ones) and decrypt one, beside a
//! baseline that reads the same drafts as plaintext JSON files and parses one.
//!
//! Run: `cargo bench -p veiviser-core --bench drafts -- --warm-up-time 1 --measurement-time 3`
//! (not part of CI). The ratio `encrypted / plaintext` is what sealing costs.

// `criterion_group!` generates an undocumented function.
#![allow(missing_docs)]

use chrono::{DateTime, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use veiviser_core::drafts::{Child, Draft, DraftStore, MasterKey, Observation};
use veiviser_core::Lang;

const DRAFTS: usize = 50;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap()
}

/// A realistic draft: a child and ten observations (about 4 KB of JSON).
fn draft(n: usize) -> Draft {
    let mut d = Draft::new(DraftStore::new_id().unwrap(), now(), None, Lang::Nb);
    d.set_child(Child {
        personnavn: format!("Barn nummer {n}"),
        fnr: "01020310045".into(),
        ..Child::default()
    });
    for i in 0..10 {
        d.add_observation(Observation {
            date: format!("2026-11-{:02}", i + 1),
            time: "08:10".into(),
            what: "Kom i tynne klær i minusgrader, virket sulten og sliten ved levering; \
                   spiste to porsjoner til lunsj og ville ikke gå hjem."
                .into(),
            child_words: "Mamma sover hele tiden".into(),
            child_words_time: "08:15".into(),
            witnesses: "Assistent i avdelingen".into(),
            duration: "Siden oktober".into(),
        })
        .unwrap();
    }
    d
}

fn plaintext_open_and_read(dir: &Path, one: &Path) -> Draft {
    for e in std::fs::read_dir(dir).unwrap() {
        black_box(std::fs::read(e.unwrap().path()).unwrap());
    }
    serde_json::from_slice(&std::fs::read(one).unwrap()).unwrap()
}

fn bench_store(c: &mut Criterion) {
    let tmp = tempfile::tempdir().unwrap();
    let sealed = tmp.path().join("drafts");
    let plain = tmp.path().join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    let key = MasterKey::generate().unwrap();
    let (store, _) = DraftStore::open(&sealed, key.clone(), now()).unwrap();
    let mut ids = Vec::new();
    let mut sizes = 0usize;
    for n in 0..DRAFTS {
        let mut d = draft(n);
        store.save(&mut d, now()).unwrap();
        let json = serde_json::to_vec(&d).unwrap();
        sizes += json.len();
        std::fs::write(plain.join(format!("{}.json", d.id)), json).unwrap();
        ids.push(d.id);
    }
    drop(store);
    let one = ids[DRAFTS / 2].clone();
    let one_plain = plain.join(format!("{one}.json"));
    eprintln!(
        "drafts bench: {DRAFTS} drafts, {} bytes of JSON each on average",
        sizes / DRAFTS
    );

    let mut g = c.benchmark_group("open_50_decrypt_one");
    g.bench_function("encrypted", |b| {
        b.iter(|| {
            let (store, _) = DraftStore::open(&sealed, key.clone(), now()).unwrap();
            black_box(store.load(&one).unwrap())
        })
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| black_box(plaintext_open_and_read(&plain, &one_plain)))
    });
    g.finish();

    let (store, _) = DraftStore::open(&sealed, key.clone(), now()).unwrap();
    let mut g = c.benchmark_group("decrypt_one");
    g.bench_function("encrypted", |b| {
        b.iter(|| black_box(store.load(&one).unwrap()))
    });
    g.bench_function("plaintext", |b| {
        b.iter(|| {
            let d: Draft = serde_json::from_slice(&std::fs::read(&one_plain).unwrap()).unwrap();
            black_box(d)
        })
    });
    g.finish();
}

criterion_group!(benches, bench_store);
criterion_main!(benches);
