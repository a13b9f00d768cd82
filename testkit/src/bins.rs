//! Finding (and if needed building) the `veiviser` and `veiviser-server` binaries.
//!
//! Integration tests run from `target/<profile>/deps/`; the workspace binaries sit one level
//! up. `scripts/test.sh` builds them (`cargo build --workspace --bins`) before `cargo test`;
//! when one is missing or older than the sources it is built from (a developer ran
//! `cargo test -p veiviser-tests` after an edit), the first test that needs it runs
//! `cargo build -p veiviser -p veiviser-server --features veiviser/failpoints` for the same
//! profile (the kill tests need the crash points).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::SystemTime;

/// The folder the workspace binaries are built into (`target/debug` or `target/release`).
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary knows its path");
    let deps = exe
        .parent()
        .expect("test binaries live in target/<profile>/deps");
    let dir = if deps.file_name().is_some_and(|n| n == "deps") {
        deps.parent().expect("deps has a parent")
    } else {
        deps
    };
    dir.to_path_buf()
}

fn exe_name(name: &str) -> String {
    format!("{name}{}", std::env::consts::EXE_SUFFIX)
}

fn ensure_built() {
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = target_dir();
        let built: Option<SystemTime> = ["veiviser", "veiviser-server"]
            .iter()
            .map(|n| modified(&dir.join(exe_name(n))))
            .min()
            .flatten();
        let root = crate::repo_root();
        let sources = ["core/src", "apps/cli/src", "apps/cli/assets", "server/src", "Cargo.lock"]
            .iter()
            .filter_map(|p| newest(&root.join(p)))
            .max();
        match (built, sources) {
            (Some(b), Some(src)) if b >= src => return,
            (Some(_), None) => return,
            _ => {}
        }
        let release = dir.file_name().is_some_and(|n| n == "release");
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        // The kill tests need the CLI's crash points (see `tests/Cargo.toml`).
        cmd.args(["build", "-p", "veiviser", "-p", "veiviser-server"])
            .args(["--features", "veiviser/failpoints"])
            .current_dir(crate::repo_root());
        if release {
            cmd.arg("--release");
        }
        let status = cmd.status().expect("cargo runs");
        assert!(
            status.success(),
            "building the binaries for the end-to-end tests failed; run `cargo build -p veiviser -p veiviser-server --features veiviser/failpoints`"
        );
    });
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The newest modification time of a file or of any file below a folder.
fn newest(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| newest(&e.path()))
        .max()
}

/// The path of a workspace binary, building the binaries first if one is missing or stale.
pub fn bin(name: &str) -> PathBuf {
    ensure_built();
    let path = target_dir().join(exe_name(name));
    assert!(
        path.exists(),
        "{} does not exist; run `cargo build -p veiviser -p veiviser-server`",
        path.display()
    );
    path
}

/// A `Command` for a workspace binary with no `VEIVISER_*` variables inherited from the
/// environment (tests set exactly what they mean).
pub fn command(name: &str) -> Command {
    let mut cmd = Command::new(bin(name));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("VEIVISER_") {
            cmd.env_remove(key);
        }
    }
    cmd.env_remove("RUST_LOG");
    cmd
}
