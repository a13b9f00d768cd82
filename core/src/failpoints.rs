//! Deterministic crash points inside a sync's apply, for the kill tests (feature `failpoints`).
//!
//! Test-only code: with the `failpoints` cargo feature off (the default, and always for the
//! library the apps ship), [`hit`] and [`ApplyScope`] compile to nothing and no environment
//! variable is read. The test-only `veiviser-tests` crate turns it on (`tests/Cargo.toml`), so
//! the CLI binary built by `cargo build/test --workspace` carries the points (inert unless
//! `VEIVISER_FAILPOINT` is set); `cargo build -p veiviser` and every FFI build do not.
//!
//! With the feature on, set `VEIVISER_FAILPOINT` to one of [`Failpoint::name`]
//! (`after_staging`, `after_verify`, `mid_swap`, `before_flush`) and the process, on reaching
//! that point, appends `reached <name>` to the file named by `VEIVISER_FAILPOINT_MARKER` (or
//! writes it to stderr when that is unset), syncs it, and then kills itself with `SIGKILL`
//! (falling back to [`std::process::abort`] where `kill` is unavailable). Nothing runs after
//! the marker: no destructors, no sled flush — exactly like a phone killing the app.
//!
//! The points only fire inside an [`ApplyScope`] (a sync's apply on this thread), never while
//! the bundled snapshot is restored at open. This module sits below `store` and `device` and
//! imports neither, so the store can name a crash point without importing the sync layer.

/// While alive, failpoints on this thread are live (if the env var arms one).
#[derive(Debug)]
pub struct ApplyScope {
    #[cfg(feature = "failpoints")]
    was: bool,
}

impl ApplyScope {
    /// Marks the current thread as inside a sync's apply.
    pub fn enter() -> Self {
        ApplyScope {
            #[cfg(feature = "failpoints")]
            was: armed::IN_APPLY.with(|c| c.replace(true)),
        }
    }
}

#[cfg(feature = "failpoints")]
impl Drop for ApplyScope {
    fn drop(&mut self) {
        armed::IN_APPLY.with(|c| c.set(self.was));
    }
}

/// Whether this build has live crash points (the `failpoints` feature).
pub const ENABLED: bool = cfg!(feature = "failpoints");

/// The env var naming the failpoint to crash at.
pub const FAILPOINT_ENV: &str = "VEIVISER_FAILPOINT";
/// The env var naming the file the "reached" marker line is appended to.
pub const MARKER_ENV: &str = "VEIVISER_FAILPOINT_MARKER";

/// A point inside apply where a crash is simulated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failpoint {
    /// The merged content is written to a staged generation; nothing is verified yet.
    AfterStaging,
    /// The staged content has been verified and validated; the heads are still old.
    AfterVerify,
    /// Inside the atomic head swap: the first collection's head is written, the rest not.
    MidSwap,
    /// The swap is committed in memory but not yet flushed to disk.
    BeforeFlush,
}

impl Failpoint {
    /// Every failpoint, in the order apply reaches them.
    pub const ALL: [Failpoint; 4] = [
        Failpoint::AfterStaging,
        Failpoint::AfterVerify,
        Failpoint::MidSwap,
        Failpoint::BeforeFlush,
    ];

    /// The name used in `VEIVISER_FAILPOINT` and in the marker line.
    pub fn name(self) -> &'static str {
        match self {
            Failpoint::AfterStaging => "after_staging",
            Failpoint::AfterVerify => "after_verify",
            Failpoint::MidSwap => "mid_swap",
            Failpoint::BeforeFlush => "before_flush",
        }
    }
}

/// Crashes the process here if the `failpoints` feature is on, `VEIVISER_FAILPOINT` names
/// `point` and this thread is inside an [`ApplyScope`]; otherwise does nothing.
#[inline]
pub fn hit(point: Failpoint) {
    #[cfg(feature = "failpoints")]
    armed::hit(point);
    #[cfg(not(feature = "failpoints"))]
    let _ = point;
}

/// The live implementation: reading the env var, writing the marker, killing the process.
#[cfg(feature = "failpoints")]
mod armed {
    use super::{Failpoint, FAILPOINT_ENV, MARKER_ENV};
    use std::cell::Cell;
    use std::io::Write;
    use std::sync::OnceLock;

    thread_local! {
        pub(super) static IN_APPLY: Cell<bool> = const { Cell::new(false) };
    }

    fn armed() -> Option<&'static str> {
        static ARMED: OnceLock<Option<String>> = OnceLock::new();
        ARMED
            .get_or_init(|| std::env::var(FAILPOINT_ENV).ok().filter(|v| !v.is_empty()))
            .as_deref()
    }

    /// Crashes the process here if `VEIVISER_FAILPOINT` names `point` and this thread is
    /// inside an [`super::ApplyScope`]; otherwise does nothing.
    pub(super) fn hit(point: Failpoint) {
        if !IN_APPLY.with(Cell::get) || armed() != Some(point.name()) {
            return;
        }
        let line = format!("reached {}\n", point.name());
        match std::env::var_os(MARKER_ENV) {
            Some(path) => {
                let written = std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(&path)
                    .and_then(|mut f| {
                        f.write_all(line.as_bytes())?;
                        f.sync_all()
                    });
                if let Err(e) = written {
                    eprintln!("veiviser failpoint: cannot write marker: {e}");
                }
            }
            None => {
                let _ =
                    std::io::stderr().write_all(format!("veiviser failpoint: {line}").as_bytes());
            }
        }
        kill_self();
    }

    fn kill_self() -> ! {
        #[cfg(unix)]
        {
            let pid = std::process::id().to_string();
            // A real SIGKILL: no unwinding, no destructors, no atexit, no buffered writes.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid])
                .status();
            // The signal is delivered asynchronously; wait for it rather than run on.
            std::thread::sleep(std::time::Duration::from_secs(5));
        }
        std::process::abort()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_distinct_and_stable() {
        let names: Vec<_> = Failpoint::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(
            names,
            ["after_staging", "after_verify", "mid_swap", "before_flush"]
        );
    }

    #[test]
    fn unarmed_points_do_nothing() {
        // The test process never sets VEIVISER_FAILPOINT, so every point must return.
        let _scope = ApplyScope::enter();
        for point in Failpoint::ALL {
            hit(point);
        }
    }
}
