//! Test-only code shared by Veiviser's test trees (`core/tests`, `core/benches`,
//! `apps/cli/tests`, `tests/`, `server/tests`): used only as a dev-dependency, so none of it
//! ships in the library the apps embed.
//!
//! - [`synthetic`]: a deterministic generator of random valid guides and of mutants that
//!   break one validation rule (property tests and benchmarks);
//! - [`fixtures`]: hand-written guide files, e.g. the minimal valid guide tests break one way
//!   at a time;
//! - [`paths`]: the repository root, the shipped demo content and the sync test vectors;
//! - [`mod@reference`]: the reference data (the full postcode register and bydel pairs), found
//!   through `VEIVISER_REFERENCE_DIR` and never skipped when missing;
//! - [`fuzz`]: the bodies of the `fuzz/` targets, replayed over their corpora as tests;
//! - `bins` and `server` (feature `server`): the workspace binaries, built on demand, and a
//!   real `veiviser-server` on a loopback port.
//!
//! Core's own unit tests (inside `core/src`) cannot use this crate: it depends on the core,
//! so its types would be a second copy of the core's. They `include_str!` fixture files
//! instead.

#[cfg(feature = "server")]
pub mod bins;
pub mod fixtures;
pub mod fuzz;
pub mod paths;
pub mod reference;
#[cfg(feature = "server")]
pub mod server;
pub mod synthetic;

pub use paths::{content_dir, repo_root};
pub use reference::reference_dir;
