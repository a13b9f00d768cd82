//! Guide engine benchmarks: validating a generated 500-step branching guide, and one navigator
//! transition, each beside a baseline measured in the same run.
//!
//! Run: `cargo bench -p veiviser-core --bench guide -- --warm-up-time 1 --measurement-time 3`
//! Targets on the reference 2-core machine: validation < 5 ms, a transition < 5 µs.
//!
//! Baselines:
//! - `deserialize_json`: plain `serde_json` deserialization of the same guide (what any load
//!   costs anyway), so `validate / deserialize_json` says what validation adds;
//! - `parse_toml_table`: plain TOML parsing of the same guide written as an authoring file, so
//!   `parse_guide_toml / parse_toml_table` says what reading + validating the file adds;
//! - `lookup_last_step`: one `Guide::step` linear scan for the last step, the lookup a
//!   transition would do twice without the session's step index, so `answer / lookup` shows
//!   what the state machine costs against a plain model lookup.

// `criterion_group!` generates an undocumented function.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use std::collections::{HashMap, VecDeque};
use std::hint::black_box;
use veiviser_core::guide::navigator::Session;
use veiviser_core::guide::{guide_from_json, parse_guide_toml, validate_guide, Guide, StepKind};
use veiviser_core::{Lang, Sector};
use veiviser_testkit::synthetic::generate_guide;

const SIZE: usize = 500;
const SEED: u64 = 2024;

fn guide() -> Guide {
    let g = generate_guide(SEED, SIZE);
    assert_eq!(g.steps.len(), SIZE);
    let errors = validate_guide(&g, "bench")
        .into_iter()
        .filter(|i| i.severity == veiviser_core::Severity::Error)
        .count();
    assert_eq!(errors, 0, "the generated guide must be valid");
    g
}

/// The choices (option ids or `next`) that lead from the start to `target`, by breadth-first search.
fn route_to(g: &Guide, target: &str) -> Vec<String> {
    let mut prev: HashMap<&str, (&str, String)> = HashMap::new();
    let mut queue = VecDeque::from([g.start.as_str()]);
    let mut seen = std::collections::HashSet::from([g.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        if id == target {
            break;
        }
        let step = g.step(id).unwrap();
        let edges: Vec<(&str, String)> = match &step.kind {
            StepKind::Question { options } => options
                .iter()
                .map(|o| (o.next.as_str(), o.id.clone()))
                .collect(),
            StepKind::Action { next } => vec![(next.as_str(), "next".to_owned())],
            StepKind::End => Vec::new(),
        };
        for (to, choice) in edges {
            if seen.insert(to) {
                prev.insert(to, (id, choice));
                queue.push_back(to);
            }
        }
    }
    let mut route = Vec::new();
    let mut at = target;
    while at != g.start {
        let (from, choice) = prev[at].clone();
        route.push(choice);
        at = from;
    }
    route.reverse();
    route
}

/// A session on the question whose step and target lie last in `steps` (the worst case for a
/// linear scan; the session's step index makes it like any other), plus the option to answer.
fn worst_case_session(g: &Guide) -> (Session, String) {
    let pos: HashMap<&str, usize> = g
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let (step, option) = g
        .steps
        .iter()
        .filter_map(|s| match &s.kind {
            StepKind::Question { options } => options
                .iter()
                .max_by_key(|o| pos[o.next.as_str()])
                .map(|o| (s, o)),
            _ => None,
        })
        .max_by_key(|(s, o)| pos[s.id.as_str()] + pos[o.next.as_str()])
        .unwrap();
    let mut session = Session::start(g).unwrap();
    for choice in route_to(g, &step.id) {
        session.choose(g, &choice).unwrap();
    }
    assert_eq!(session.current_step_id(), step.id);
    (session, option.id.clone())
}

fn validation(c: &mut Criterion) {
    let g = guide();
    let json = serde_json::to_string(&g).unwrap();
    let toml_src = toml::to_string(&g).unwrap();
    let parsed =
        parse_guide_toml("bench.toml", &toml_src).expect("the TOML form is a valid guide file");
    assert_eq!(
        parsed.guide, g,
        "the TOML form reads back to the same guide"
    );
    eprintln!(
        "guide_500_steps: {} steps, JSON {} bytes, TOML {} bytes",
        g.steps.len(),
        json.len(),
        toml_src.len()
    );
    let mut group = c.benchmark_group("guide_500_steps");
    group.bench_function("deserialize_json (baseline)", |b| {
        b.iter(|| serde_json::from_str::<Guide>(black_box(&json)).unwrap())
    });
    group.bench_function("validate", |b| {
        b.iter(|| validate_guide(black_box(&g), "bench.toml"))
    });
    group.bench_function("deserialize_json + validate", |b| {
        b.iter(|| {
            let g: Guide = serde_json::from_str(black_box(&json)).unwrap();
            validate_guide(&g, "bench.json")
        })
    });
    group.bench_function(
        "guide_from_json (wire: version gate + deserialize + validate)",
        |b| b.iter(|| guide_from_json("bench", black_box(json.as_bytes())).unwrap()),
    );
    group.bench_function("parse_toml_table (baseline)", |b| {
        b.iter(|| toml::from_str::<toml::Table>(black_box(&toml_src)).unwrap())
    });
    group.bench_function(
        "parse_guide_toml (authoring: parse + read + validate)",
        |b| b.iter(|| parse_guide_toml("bench.toml", black_box(&toml_src)).unwrap()),
    );
    group.finish();
}

fn transition(c: &mut Criterion) {
    let g = guide();
    let (session, option) = worst_case_session(&g);
    let last = g.steps.last().unwrap().id.clone();
    let mut group = c.benchmark_group("navigator_500_steps");
    group.bench_function("lookup_last_step (baseline)", |b| {
        b.iter(|| g.step(black_box(&last)).is_some())
    });
    group.bench_function("start (once per walk: builds the step index)", |b| {
        b.iter(|| Session::start(black_box(&g)).unwrap())
    });
    group.bench_function("answer (worst case)", |b| {
        b.iter_batched_ref(
            || session.clone(),
            |s| s.answer(&g, black_box(&option)).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("answer + back", |b| {
        let mut s = session.clone();
        b.iter(|| {
            s.answer(&g, black_box(&option)).unwrap();
            s.back().unwrap();
        })
    });
    group.bench_function("acute_exit", |b| {
        b.iter_batched_ref(
            || session.clone(),
            |s| s.acute_exit(&g).unwrap(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("view", |b| {
        b.iter(|| {
            session
                .view(&g, black_box(Lang::Nb), Some(Sector::Barnehage))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, validation, transition);
criterion_main!(benches);
