//! Where things are in the repository: its root, the shipped demo content and the test vectors.

use std::path::PathBuf;

/// The repository root (the workspace folder).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("testkit/ has a parent")
        .to_path_buf()
}

/// The shipped demo content folder, `server/content/`.
pub fn content_dir() -> PathBuf {
    repo_root().join("server").join("content")
}

/// The shipped demo guide, `server/content/guides/fra-bekymring-til-handling.toml`.
pub fn shipped_guide_path() -> PathBuf {
    content_dir()
        .join("guides")
        .join("fra-bekymring-til-handling.toml")
}

/// The published sync test vectors, `docs/test-vectors/`.
pub fn test_vectors_dir() -> PathBuf {
    repo_root().join("docs").join("test-vectors")
}

/// The shipped demo directory folder, `server/content/directory/`.
pub fn demo_directory_dir() -> PathBuf {
    content_dir().join("directory")
}
