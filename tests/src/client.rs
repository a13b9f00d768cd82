//! Driving the real `veiviser` CLI, making edited content, and looking into a client's store.

use crate::bins::command;
use crate::repo_root;
use std::path::{Path, PathBuf};
use std::process::Output;
use veiviser_core::device::{AsOf, DeviceContent};
use veiviser_core::sync::bundled::parse_snapshot;
use veiviser_core::sync::protocol::{Collection, Record};
use veiviser_core::sync::signing::TrustedKeys;

/// The outcome of one CLI run.
#[derive(Debug)]
pub struct Run {
    /// The exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// The signal that killed it, if any (unix).
    pub signal: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        #[cfg(unix)]
        let signal = std::os::unix::process::ExitStatusExt::signal(&out.status);
        #[cfg(not(unix))]
        let signal = None;
        Run {
            code: out.status.code(),
            signal,
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The stdout parsed as JSON (panics with both streams when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// Runs `veiviser ARGS` with `envs`, no inherited `VEIVISER_*` variables.
pub fn veiviser_with_env(args: &[&str], envs: &[(&str, &str)]) -> Run {
    let mut cmd = command("veiviser");
    cmd.args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    Run::from(cmd.output().expect("veiviser runs"))
}

/// Runs `veiviser ARGS`.
pub fn veiviser(args: &[&str]) -> Run {
    veiviser_with_env(args, &[])
}

/// `veiviser sync --server URL --data DIR --json`.
pub fn sync(url: &str, data: &Path) -> Run {
    veiviser(&["sync", "--server", url, "--data", &s(data), "--json"])
}

/// A path as a `&str`-friendly `String`.
pub fn s(path: &Path) -> String {
    path.display().to_string()
}

/// The demo guide's id.
pub const DEMO_GUIDE: &str = "fra-bekymring-til-handling";

/// Writes the demo guide with `revision` and a title marking it, into `dir`; returns the file.
pub fn edited_guide(dir: &Path, revision: u32) -> PathBuf {
    let src = repo_root()
        .join("server/content/guides")
        .join(format!("{DEMO_GUIDE}.toml"));
    let text = std::fs::read_to_string(&src).expect("the demo guide");
    let edited = text
        .replacen("revision = 1", &format!("revision = {revision}"), 1)
        .replacen(
            "nb = \"Fra bekymring til handling\"",
            &format!("nb = \"Fra bekymring til handling (revisjon {revision})\""),
            1,
        );
    assert_ne!(
        edited, text,
        "the demo guide no longer has the expected lines"
    );
    std::fs::create_dir_all(dir).expect("mkdir");
    let out = dir.join(format!("{DEMO_GUIDE}.toml"));
    std::fs::write(&out, edited).expect("write the edited guide");
    out
}

/// Writes the demo Oslo directory with one area's `last_verified` changed to `2026-10-DAY`.
pub fn edited_directory(dir: &Path, day: u32) -> PathBuf {
    let src = repo_root().join("server/content/directory/oslo.toml");
    let text = std::fs::read_to_string(&src).expect("the demo directory");
    let edited = text.replacen(
        "last_verified = 2026-11-22",
        &format!("last_verified = 2026-10-{day:02}"),
        1,
    );
    assert_ne!(
        edited, text,
        "the demo directory no longer has the expected line"
    );
    std::fs::create_dir_all(dir).expect("mkdir");
    let out = dir.join("oslo.toml");
    std::fs::write(&out, edited).expect("write the edited directory");
    out
}

/// The CLI's default trusted keys (the demo key).
pub fn demo_trusted_keys() -> TrustedKeys {
    TrustedKeys::from_file(&repo_root().join("server/content/keys/DEMO-ONLY-trusted-keys.toml"))
        .expect("the demo trusted keys")
}

/// The snapshot the CLI embeds.
pub fn bundled_snapshot_path() -> PathBuf {
    repo_root().join("apps/cli/assets/demo-snapshot.json")
}

/// What a client's data folder holds, read in this process the way the CLI reads it (the
/// CLI must not be running).
#[derive(Debug, Clone, PartialEq)]
pub struct Inspected {
    /// Sequence and publish time per collection.
    pub as_of: Vec<AsOf>,
    /// Every record per collection.
    pub records: Vec<(Collection, Vec<Record>)>,
    /// What opening had to repair.
    pub notices: Vec<String>,
}

impl Inspected {
    /// The sequence of one collection.
    pub fn sequence(&self, c: Collection) -> Option<u64> {
        self.as_of
            .iter()
            .find(|a| a.collection == c)
            .map(|a| a.sequence)
    }

    /// The records of one collection.
    pub fn records(&self, c: Collection) -> &[Record] {
        self.records
            .iter()
            .find(|(cc, _)| *cc == c)
            .map(|(_, r)| r.as_slice())
            .unwrap_or(&[])
    }
}

/// Opens a client's data folder in this process and reads everything.
pub fn inspect(data: &Path) -> Inspected {
    let bytes = std::fs::read(bundled_snapshot_path()).expect("the bundled snapshot");
    let bundled = parse_snapshot(&bytes, "bundled").expect("a snapshot");
    let content =
        DeviceContent::open(data, demo_trusted_keys(), Some(bundled)).expect("open the content");
    Inspected {
        as_of: content.as_of().expect("as_of"),
        records: Collection::ALL
            .iter()
            .map(|&c| (c, content.records(c).expect("records")))
            .collect(),
        notices: content.notices().to_vec(),
    }
}
