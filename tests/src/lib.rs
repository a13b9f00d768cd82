//! Helpers shared by the end-to-end tests: locating binaries, content and reference data, a
//! real server on a loopback port, and a tampering test proxy.

pub mod bins;
pub mod client;
pub mod proxy;
pub mod server;

use std::path::PathBuf;

/// The repository root (the workspace folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The shipped demo content folder, `server/content/`.
pub fn content_dir() -> PathBuf {
    repo_root().join("server").join("content")
}
