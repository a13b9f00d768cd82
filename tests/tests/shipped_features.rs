//! What the shipped app library is built with: `veiviser-ffi` must never get test-only core
//! features (the crash points of `failpoints` can kill the app), whatever the workspace's
//! test builds turn on. Checked with `cargo tree -p veiviser-ffi --format '{p} {f}'`, which resolves
//! features for that package alone — as `scripts/gen-bindings.sh` builds it.

use std::process::Command;
use veiviser_tests::repo_root;

/// The core features `package` is built with when built on its own.
fn core_features(package: &str) -> Vec<String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--locked",
            "--offline",
            "-e",
            "normal",
            "-p",
            package,
        ])
        .args(["--prefix", "none", "--format", "{p} {f}"])
        .current_dir(repo_root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("veiviser-core v"))
        .unwrap_or_else(|| panic!("{package} does not depend on veiviser-core:\n{text}"));
    // `veiviser-core v0.1.0 (/path) default,http-transport,uniffi`
    line.rsplit(' ')
        .next()
        .unwrap_or_default()
        .split(',')
        .map(str::to_string)
        .collect()
}

#[test]
fn the_app_library_has_no_failpoints() {
    let features = core_features("veiviser-ffi");
    assert!(
        features.iter().any(|f| f == "uniffi"),
        "the check must see the FFI's real features: {features:?}"
    );
    assert!(
        !features.iter().any(|f| f == "failpoints"),
        "veiviser-ffi must not build veiviser-core with `failpoints`: {features:?}"
    );
}

#[test]
fn the_cli_gets_failpoints_only_when_asked() {
    assert!(!core_features("veiviser").iter().any(|f| f == "failpoints"));
}
