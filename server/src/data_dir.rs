//! A server data folder: the published files, the database and the publish lock.
//!
//! ```text
//! DATA/
//!   published/      immutable signed revisions and batch records (the source of truth)
//!   index/          the sled database (a rebuildable index of published/)
//!   publish.lock    present while an import is publishing
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
    pub fn lock(&self) -> Result<PublishLock, PublishedError> {
        self.create()?;
        let path = self.root.join("publish.lock");
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut f) => {
                let _ = writeln!(
                    f,
                    "pid {} since {}",
                    std::process::id(),
                    chrono::Utc::now().to_rfc3339()
                );
                let _ = f.sync_all();
                Ok(PublishLock { path })
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = fs::read_to_string(&path).unwrap_or_default();
                Err(PublishedError::new(
                    &path,
                    format!(
                        "another import is publishing ({}); wait for it, or delete this file if no import is running",
                        holder.trim()
                    ),
                ))
            }
            Err(e) => Err(PublishedError::new(
                &path,
                format!("cannot create the publish lock: {e}"),
            )),
        }
    }
}

/// Held while publishing; removes the lock file when dropped.
#[derive(Debug)]
pub struct PublishLock {
    path: PathBuf,
}

impl Drop for PublishLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
