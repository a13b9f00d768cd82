//! Test and benchmark support: a deterministic generator of random *valid* guides, and of
//! *mutants* that break exactly one validation rule.
//!
//! Test-only: it lives in the dev-only `veiviser-testkit` crate, never in the library the
//! apps ship. Everything is derived from a seed with a small SplitMix64 generator, so a
//! failing property test can be replayed exactly and the generator needs no extra dependency.
//!
//! A generated guide has the shape of a real one: the first step asks whether the child is in
//! acute danger (one option leads to the urgent acute step, which names contacts), the rest is
//! a branching graph with several end steps, merges, a few urgent steps, sector-specific legal
//! references, and at least one deliberate loop (an action step marked `loop_back` whose
//! `next` returns to an earlier question). All text is marked as example data.

mod check;
mod generate;
mod mutate;
mod rng;
#[cfg(test)]
mod tests;

pub use check::{edges, structural_problems};
pub use generate::{generate_guide, ACUTE_ID, ACUTE_OPTION, LOOP_ID, MIN_SIZE, START_ID};
pub use mutate::{mutate, Mutant, MutantKind};
pub use rng::Rng;
