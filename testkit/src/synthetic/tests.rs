//! Tests of the generator itself.

use super::*;
use veiviser_core::guide::StepKind;

#[test]
fn generated_guides_are_structurally_valid() {
    for seed in 0..200 {
        for size in [MIN_SIZE, 12, 30, 100] {
            let g = generate_guide(seed, size);
            assert_eq!(g.steps.len(), size, "seed {seed}");
            let problems = structural_problems(&g);
            assert!(problems.is_empty(), "seed {seed} size {size}: {problems:?}");
            assert!(g.steps.iter().any(|s| s.loop_back), "seed {seed}: no loop");
            let ends = g
                .steps
                .iter()
                .filter(|s| matches!(s.kind, StepKind::End))
                .count();
            assert!(ends >= 2, "seed {seed}: {ends} ends");
        }
    }
}

#[test]
fn generation_is_deterministic() {
    assert_eq!(generate_guide(7, 60), generate_guide(7, 60));
    assert_ne!(generate_guide(7, 60), generate_guide(8, 60));
}

#[test]
fn big_guides_branch_and_loop() {
    let g = generate_guide(42, 500);
    assert_eq!(g.steps.len(), 500);
    assert!(structural_problems(&g).is_empty());
    let questions = g
        .steps
        .iter()
        .filter(|s| matches!(s.kind, StepKind::Question { .. }))
        .count();
    assert!(questions > 100, "{questions} questions");
    assert!(g.steps.iter().filter(|s| s.loop_back).count() > 1);
}

#[test]
fn every_mutant_breaks_the_structure_or_a_rule() {
    let g = generate_guide(3, 40);
    for kind in MutantKind::ALL {
        let m = mutate(&g, kind, 1);
        assert_ne!(m.guide, g, "{kind:?} changed nothing");
        let problems = structural_problems(&m.guide);
        assert!(!problems.is_empty(), "{kind:?} still valid");
    }
}
