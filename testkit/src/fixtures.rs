//! Hand-written guide fixtures in `testkit/fixtures/guides/`, one home for every test tree.
//!
//! Core's unit tests `include_str!` the same files (they cannot depend on this crate).

use std::path::PathBuf;

/// The smallest complete valid guide (`fixtures/guides/minimal.toml`): a question, the urgent
/// acute step, one action and an end. Tests break it in exactly one way at a time.
pub const MINIMAL_GUIDE_TOML: &str = include_str!("../fixtures/guides/minimal.toml");

/// The guide fixtures folder, `testkit/fixtures/guides/`.
pub fn guides_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("guides")
}

/// An invalid guide fixture by file name, e.g. `bad-fields.toml` (in `fixtures/guides/invalid/`).
pub fn invalid_guide(name: &str) -> PathBuf {
    let path = guides_dir().join("invalid").join(name);
    assert!(
        path.is_file(),
        "no invalid guide fixture {}",
        path.display()
    );
    path
}

/// The names of every invalid guide fixture, sorted.
pub const INVALID_GUIDES: [&str; 3] = ["bad-fields.toml", "broken-graph.toml", "syntax-error.toml"];
