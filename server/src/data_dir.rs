//! A server data folder: the published files, the database and the publish lock.
//!
//! ```text
//! DATA/
//!   published/      immutable signed revisions and batch records (the source of truth)
//!   index/          the sled database (a rebuildable index of published/)
//!   publish.lock    locked (an OS advisory lock) while an import is publishing
//! ```

use crate::publishing::published::{self, PublishedError, PublishedScan};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use veiviser_core::sync::protocol::{Changeset, Collection};

/// The data folder of a server.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

/// The published state of one collection: its newest revision, parsed.
#[derive(Debug, Clone)]
pub struct CurrentRevision {
    /// The revision as published (full changeset).
    pub changeset: Changeset,
    /// The exact bytes of the revision file.
    pub bytes: Vec<u8>,
}

impl DataDir {
    /// The data folder at `root` (nothing is created yet).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `DATA/published`.
    pub fn published(&self) -> PathBuf {
        self.root.join("published")
    }

    /// `DATA/index` (the sled database).
    pub fn index_path(&self) -> PathBuf {
        self.root.join("index")
    }

    /// Creates the folders if needed.
    pub fn create(&self) -> Result<(), PublishedError> {
        fs::create_dir_all(self.published())
            .map_err(|e| PublishedError::new(&self.published(), format!("cannot create: {e}")))
    }

    /// Scans the published files.
    pub fn scan(&self) -> Result<PublishedScan, PublishedError> {
        published::scan(&self.published())
    }

    /// The newest committed revision of every published collection.
    pub fn current(
        &self,
        scan: &PublishedScan,
    ) -> Result<BTreeMap<Collection, CurrentRevision>, PublishedError> {
        let dir = self.published();
        scan.heads()
            .into_iter()
            .map(|(c, r)| {
                let (bytes, changeset) = published::read_revision(&dir, &r)?;
                Ok((c, CurrentRevision { changeset, bytes }))
            })
            .collect()
    }

    /// Takes the publish lock; only one import publishes into a data folder at a time.
    ///
    /// The lock is an advisory lock of the operating system on `publish.lock` (`flock`
    /// on Unix, `LockFileEx` on Windows), not the file's existence: the OS releases it
    /// when the holder exits, even when it is killed, so a crashed import never blocks the
    /// next one, and a publisher that really is running still keeps every other one out.
    /// The file holds the holder's process id, for the message to the next one.
    pub fn lock(&self) -> Result<PublishLock, PublishedError> {
        self.create()?;
        let path = self.root.join("publish.lock");
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| {
                PublishedError::new(&path, format!("cannot open the publish lock: {e}"))
            })?;
        if let Err(e) = fs2::FileExt::try_lock_exclusive(&file) {
            if e.kind() != fs2::lock_contended_error().kind() {
                return Err(PublishedError::new(
                    &path,
                    format!("cannot take the publish lock: {e}"),
                ));
            }
            let holder = fs::read_to_string(&path).unwrap_or_default();
            return Err(PublishedError::new(
                &path,
                format!(
                    "another import is publishing ({}); wait for it to finish and try again",
                    holder.trim()
                ),
            ));
        }
        let _ = file.set_len(0);
        let _ = writeln!(
            file,
            "pid {} since {}",
            std::process::id(),
            chrono::Utc::now().to_rfc3339()
        );
        let _ = file.sync_all();
        Ok(PublishLock { file })
    }
}

/// Held while publishing; the OS lock is released when this is dropped (the file stays,
/// with the last holder's process id in it) or when the process ends in any way.
#[derive(Debug)]
pub struct PublishLock {
    file: fs::File,
}

impl Drop for PublishLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}
