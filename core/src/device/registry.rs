//! The process-wide registry that keeps one [`DeviceContent`] per data folder.
//!
//! sled takes an exclusive file lock only on Linux, macOS and Windows; on Android and iOS two
//! opens of one folder in one process would silently corrupt it. Two instances over one folder
//! would also each keep their own anti-rollback marks and overwrite each other's. So every
//! [`DeviceContent::open`] goes through [`open_shared`], which hands out the instance already
//! open when there is one. This is the only such registry: the store below it
//! ([`crate::store::SledStore::open`]) opens exclusively and relies on it.

use super::DeviceContent;
use crate::error::{Error, Result, StorageError};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, Weak};

static OPEN: OnceLock<Mutex<HashMap<PathBuf, Weak<DeviceContent>>>> = OnceLock::new();

/// Returns the open instance for `path`, or opens one with `open` (holding the registry lock,
/// so two threads cannot open the same folder at once). `path` must already be canonical.
pub(super) fn open_shared(
    path: &Path,
    open: impl FnOnce() -> Result<DeviceContent>,
) -> Result<Arc<DeviceContent>> {
    let mut map = OPEN
        .get_or_init(Default::default)
        .lock()
        .map_err(|_| Error::Storage(StorageError::Poisoned("the open-content registry")))?;
    if let Some(existing) = map.get(path).and_then(Weak::upgrade) {
        return Ok(existing);
    }
    let content = Arc::new(open()?);
    map.retain(|_, weak| weak.strong_count() > 0);
    map.insert(path.to_path_buf(), Arc::downgrade(&content));
    Ok(content)
}

/// Whether an instance for `path` (canonical) is open in this process right now.
pub(super) fn is_open(path: &Path) -> bool {
    OPEN.get()
        .and_then(|m| m.lock().ok())
        .and_then(|m| m.get(path).and_then(Weak::upgrade))
        .is_some()
}
