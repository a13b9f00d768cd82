//! The validator against generated guides: every valid guide passes, every mutant is rejected
//! with an error that names the broken step and field.

use proptest::prelude::*;
use veiviser_core::guide::validate_guide;
use veiviser_core::{ContentIssue, Severity};
use veiviser_testkit::synthetic::{generate_guide, mutate, MutantKind};

fn errors(issues: &[ContentIssue]) -> Vec<&ContentIssue> {
    issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect()
}

#[test]
fn generated_guides_of_every_size_are_valid() {
    for seed in 0..40 {
        for size in [8, 13, 40, 150, 500] {
            let g = generate_guide(seed, size);
            let issues = validate_guide(&g, "syntetisk.toml");
            let errs = errors(&issues);
            assert!(errs.is_empty(), "seed {seed} size {size}: {errs:#?}");
        }
    }
}

#[test]
fn every_mutant_kind_is_rejected_naming_step_and_field() {
    for seed in 0..30 {
        let g = generate_guide(seed, 10 + (seed as usize * 7) % 90);
        for kind in MutantKind::ALL {
            let m = mutate(&g, kind, seed);
            let issues = validate_guide(&m.guide, "mutant.toml");
            let errs = errors(&issues);
            assert!(
                errs.iter()
                    .any(|i| i.step.as_deref() == Some(m.step.as_str())
                        && i.field.as_deref() == Some(m.field.as_str())),
                "seed {seed}: {kind:?} at step `{}` field `{}` not reported: {errs:#?}",
                m.step,
                m.field
            );
            let line = errs
                .iter()
                .find(|i| i.step.as_deref() == Some(m.step.as_str()))
                .unwrap()
                .to_string();
            assert!(
                line.starts_with(&format!("mutant.toml: step {}: ", m.step)),
                "{line}"
            );
        }
    }
}

#[test]
fn each_mutant_kind_says_what_is_wrong() {
    let g = generate_guide(11, 60);
    let expect = [
        (
            MutantKind::DanglingNext,
            "`finnes-ikke`, which is not a step",
        ),
        (MutantKind::OrphanStep, "cannot be reached"),
        (MutantKind::DuplicateId, "used twice"),
        (MutantKind::CycleWithoutLoopBack, "loop_back = true"),
        (MutantKind::MissingNb, "bokmål"),
        (MutantKind::EmptyOptions, "at least one option"),
        (
            MutantKind::UrgentWithoutContact,
            "must name at least one contact",
        ),
    ];
    for (kind, needle) in expect {
        let m = mutate(&g, kind, 5);
        let issues = validate_guide(&m.guide, "m.toml");
        assert!(
            errors(&issues)
                .iter()
                .any(|i| i.step.as_deref() == Some(m.step.as_str()) && i.message.contains(needle)),
            "{kind:?}: no error containing {needle:?}: {issues:#?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_guides_validate_and_their_mutants_do_not(seed in any::<u64>(), size in 8usize..120, kind in 0usize..MutantKind::ALL.len()) {
        let g = generate_guide(seed, size);
        let issues = validate_guide(&g, "p.toml");
        let errs = errors(&issues);
        prop_assert!(errs.is_empty(), "{:#?}", errs);
        let m = mutate(&g, MutantKind::ALL[kind], seed);
        let issues = validate_guide(&m.guide, "p.toml");
        prop_assert!(
            errors(&issues).iter().any(|i| i.step.as_deref() == Some(m.step.as_str())
                && i.field.as_deref() == Some(m.field.as_str())),
            "{:?} not reported: {:#?}", m.kind, issues
        );
    }
}
