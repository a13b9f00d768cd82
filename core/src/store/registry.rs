//! The process-wide registry that keeps one open store per path.
//!
//! sled takes an exclusive file lock only on Linux, macOS and Windows; on Android and iOS two
//! opens of one folder in one process would silently corrupt it. Every open goes through
//! [`open_shared`], which hands out the already-open instance when there is one.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use super::SledStore;

static OPEN: OnceLock<Mutex<HashMap<PathBuf, Weak<SledStore>>>> = OnceLock::new();

/// Returns the open instance for `path`, or opens one with `open` (holding the registry lock,
/// so two threads cannot open the same folder at once). `path` must already be canonical.
pub(super) fn open_shared<O>(
    path: &Path,
    open: impl FnOnce() -> Result<(Arc<SledStore>, O)>,
    already_open: O,
) -> Result<(Arc<SledStore>, O)> {
    let mut map = OPEN
        .get_or_init(Default::default)
        .lock()
        .map_err(|_| Error::Storage("store registry poisoned by an earlier panic".into()))?;
    if let Some(existing) = map.get(path).and_then(Weak::upgrade) {
        return Ok((existing, already_open));
    }
    let (store, outcome) = open()?;
    map.retain(|_, weak| weak.strong_count() > 0);
    map.insert(path.to_path_buf(), Arc::downgrade(&store));
    Ok((store, outcome))
}

/// Whether an instance for `path` is open in this process right now.
pub(super) fn is_open(path: &Path) -> bool {
    OPEN.get()
        .and_then(|m| m.lock().ok())
        .and_then(|m| m.get(path).and_then(Weak::upgrade))
        .is_some()
}
