//! Contact-directory benchmarks with the FULL postcode register and bydel pairs from the
//! reference data, each beside a baseline measured in the same run.
//!
//! Run: `cargo bench -p veiviser-core --bench directory -- --warm-up-time 1 --measurement-time 3`
//! (not part of CI). Reference data: `VEIVISER_REFERENCE_DIR`, default
//! `<repo>/../shared/reference`; the benchmark panics when it is missing.
//!
//! Targets: load register + directory < 10 ms; postcode → contacts (and the contacts view
//! model for one language) < 10 µs; a fuzzy search
//! over all places and services < 1 ms, and over the five shipped guides' texts < 1 ms.
//!
//! Baselines:
//! - `load/read_bytes`: reading the same files from disk without parsing, so
//!   `load/parse_validate / load/read_bytes` says what parsing and validation add;
//! - `lookup/hashmap_get`: one `HashMap<String, PostcodeRow>` lookup of the postcode, so
//!   `contacts / hashmap_get` says what resolution, ranking and opening hours add (the
//!   `lookup` group also prints this ratio, measured in the same run);
//! - `search/linear_exact_scan`: one pass over every register row comparing the post town
//!   exactly, so `fuzzy / linear_exact_scan` says what folding and typo tolerance add.

// `criterion_group!` generates an undocumented function.
#![allow(missing_docs)]

use chrono::{DateTime, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use veiviser_core::directory::load::{directory_from_dir, places_from_files};
use veiviser_core::directory::{ContactBook, ContactsQuery, Location, PostcodeRow};
use veiviser_core::guide::{load_guide_file, GuideSearchIndex};
use veiviser_core::view::ContactsView;
use veiviser_core::{ContactRole, Lang};
use veiviser_testkit::paths::demo_directory_dir;
use veiviser_testkit::reference_dir;

fn all_files(reference: &Path) -> Vec<PathBuf> {
    let mut files = vec![reference.join("postnummer/postal_codes.tab")];
    for dir in [reference.join("bydel-postnummer"), demo_directory_dir()] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("tsv" | "toml")))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn load(
    reference: &Path,
) -> (
    veiviser_core::directory::Directory,
    veiviser_core::directory::Places,
) {
    let places = places_from_files(
        &reference.join("postnummer/postal_codes.tab"),
        Some(&reference.join("bydel-postnummer")),
    )
    .unwrap();
    let directory = directory_from_dir(&demo_directory_dir()).unwrap();
    (directory, places)
}

fn bench_load(c: &mut Criterion) {
    let reference = reference_dir();
    let files = all_files(&reference);
    let mut group = c.benchmark_group("load");
    group.bench_function("read_bytes", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|f| std::fs::read(f).unwrap().len())
                .sum::<usize>()
        })
    });
    group.bench_function("parse_validate", |b| b.iter(|| black_box(load(&reference))));
    group.bench_function("parse_validate_search_index", |b| {
        b.iter(|| {
            let (d, p) = load(&reference);
            let book = ContactBook::new(d, p);
            black_box(book.search_index().unwrap().len())
        })
    });
    group.finish();
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn bench_lookup(c: &mut Criterion) {
    let reference = reference_dir();
    let (directory, places) = load(&reference);
    let map: HashMap<String, PostcodeRow> = places
        .rows()
        .iter()
        .map(|r| (r.postnummer.clone(), r.clone()))
        .collect();
    let book = ContactBook::new(directory, places);
    let query = |p: &str| ContactsQuery {
        location: Location::Postnummer {
            postnummer: p.into(),
        },
        role: ContactRole::Barnevern,
        at: at("2026-11-23T23:00:00+01:00"),
        urgent: false,
    };
    let oslo = query("0582");
    let bergen = query("5003");
    let mut group = c.benchmark_group("lookup");
    group.bench_function("hashmap_get", |b| {
        b.iter(|| black_box(map.get(black_box("0582")).map(|r| r.kommunenummer.len())))
    });
    group.bench_function("contacts_0582_oslo_candidates", |b| {
        b.iter(|| black_box(book.contacts(black_box(&oslo)).unwrap()))
    });
    group.bench_function("contacts_5003_bergen_no_local_entry", |b| {
        b.iter(|| black_box(book.contacts(black_box(&bergen)).unwrap()))
    });
    // The contacts screen as apps and the CLI get it: the answer rendered for one language.
    group.bench_function("contacts_view_0582_oslo_nb", |b| {
        b.iter(|| black_box(ContactsView::new(&book, black_box(&oslo), Lang::Nb).unwrap()))
    });
    group.bench_function("contacts_view_5003_bergen_nb", |b| {
        b.iter(|| black_box(ContactsView::new(&book, black_box(&bergen), Lang::Nb).unwrap()))
    });
    group.finish();

    // The target is stated as a ratio to the HashMap lookup, measured here in the same run
    // (best of 15 batches each, so a busy machine inflates both sides alike).
    let best = |f: &dyn Fn()| -> f64 {
        let n = 2_000u32;
        (0..15)
            .map(|_| {
                let t = std::time::Instant::now();
                for _ in 0..n {
                    f();
                }
                t.elapsed().as_secs_f64() / f64::from(n)
            })
            .fold(f64::INFINITY, f64::min)
    };
    let get = best(&|| {
        black_box(map.get(black_box("0582")).map(|r| r.kommunenummer.len()));
    });
    let answer = best(&|| {
        black_box(book.contacts(black_box(&oslo)).unwrap());
    });
    let view = best(&|| {
        black_box(ContactsView::new(&book, black_box(&oslo), Lang::Nb).unwrap());
    });
    eprintln!(
        "ratio (same run): hashmap_get {:.1} ns; contacts 0582 {:.2} µs = {:.0}× ; contacts_view 0582 nb {:.2} µs = {:.0}× (target ≤ 10 µs)",
        get * 1e9,
        answer * 1e6,
        answer / get,
        view * 1e6,
        view / get
    );
}

fn bench_search(c: &mut Criterion) {
    let reference = reference_dir();
    let (directory, places) = load(&reference);
    let rows = places.rows().to_vec();
    let book = ContactBook::new(directory, places);
    let mut group = c.benchmark_group("search");
    group.bench_function("linear_exact_scan", |b| {
        b.iter(|| {
            black_box(
                rows.iter()
                    .filter(|r| r.poststed == black_box("GRÜNERLØKKA"))
                    .count(),
            )
        })
    });
    group.bench_function("fuzzy_typo_grunerloka", |b| {
        b.iter(|| black_box(book.search(black_box("grunerløka"), 10).unwrap()))
    });
    group.bench_function("fuzzy_typo_trondhiem", |b| {
        b.iter(|| black_box(book.search(black_box("trondhiem"), 10).unwrap()))
    });
    group.bench_function("prefix_sand", |b| {
        b.iter(|| black_box(book.search(black_box("sand"), 10).unwrap()))
    });
    // The five shipped guides: every title, step title, text and checklist in nb, nn, en.
    let guides_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/content/guides");
    let mut guides = Vec::new();
    for entry in std::fs::read_dir(&guides_dir).expect("the shipped guides") {
        let path = entry.expect("a guide file").path();
        if path.extension().is_some_and(|x| x == "toml") {
            guides.push(load_guide_file(&path).expect("a valid guide").guide);
        }
    }
    let guide_index = GuideSearchIndex::build(guides);
    group.bench_function("guides_fuzzy_nodvendig_samtale", |b| {
        b.iter(|| black_box(guide_index.search(black_box("nodvendig samtale"), 10)))
    });
    group.bench_function("places_and_guides_nodvendig_samtale", |b| {
        b.iter(|| {
            black_box(book.search(black_box("nodvendig samtale"), 10).unwrap());
            black_box(guide_index.search(black_box("nodvendig samtale"), 10))
        })
    });
    group.finish();
}

criterion_group!(benches, bench_load, bench_lookup, bench_search);

/// Where loading time goes: each step alone (diagnostic; no target of its own).
fn bench_breakdown(c: &mut Criterion) {
    use veiviser_core::directory::load::bydel_pairs_from_path;
    use veiviser_core::directory::postcodes::parse_register;
    use veiviser_core::directory::{Places, SearchIndex};
    let reference = reference_dir();
    let bytes = std::fs::read(reference.join("postnummer/postal_codes.tab")).unwrap();
    let rows = parse_register("r", &bytes).unwrap();
    let pairs_dir = reference.join("bydel-postnummer");
    let mut group = c.benchmark_group("breakdown");
    group.bench_function("parse_register", |b| {
        b.iter(|| parse_register("r", black_box(&bytes)).unwrap())
    });
    group.bench_function("read_parse_bydel_pairs", |b| {
        b.iter(|| bydel_pairs_from_path(&pairs_dir, &rows).unwrap())
    });
    group.bench_function("places_from_rows_incl_clone", |b| {
        b.iter(|| Places::from_rows(rows.clone(), vec![]).unwrap())
    });
    group.bench_function("read_parse_directory", |b| {
        b.iter(|| directory_from_dir(&demo_directory_dir()).unwrap())
    });
    let (d, p) = load(&reference);
    group.bench_function("build_search_index", |b| {
        b.iter(|| SearchIndex::build(&d, &p))
    });
    group.finish();
}

criterion_group!(breakdown, bench_breakdown);
criterion_main!(benches, breakdown);
