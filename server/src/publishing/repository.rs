//! The published revisions, indexed: the data folder's files with the sled index kept in step.
//!
//! The index is only a cache of `published/` (see [`crate::publishing::published`]): opening
//! rebuilds it when it is missing, broken or disagrees with the files, and
//! [`Repository::catch_up`] indexes batches published since the last look. The sync side
//! builds what it serves on top of this ([`crate::sync_api::served`]).

use crate::data_dir::DataDir;
use crate::publishing::index::{IndexError, RevisionIndex, SledIndex};
use crate::publishing::published::{self, BatchRecord, PublishedError};
use std::collections::BTreeMap;
use std::sync::Mutex;
use veiviser_core::sync::protocol::{Changeset, Collection};

/// A failure to load or index the published content.
#[derive(Debug, thiserror::Error)]
pub enum RepositoryError {
    /// The published files.
    #[error(transparent)]
    Files(#[from] PublishedError),
    /// The database.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// A revision that does not parse.
    #[error("revision {sequence}: {message}")]
    Revision {
        /// The sequence.
        sequence: u64,
        /// What is wrong.
        message: String,
    },
}

/// The published content of a data folder and its index.
pub struct Repository {
    data: DataDir,
    index: Box<dyn RevisionIndex>,
    catching_up: Mutex<()>,
}

impl Repository {
    /// Opens the data folder with the sled index, rebuilding the index from the published
    /// files when it cannot be opened or disagrees with them (it is only a cache).
    pub fn open(data: DataDir) -> Result<Self, RepositoryError> {
        data.create()?;
        let scan = data.scan()?;
        let path = data.index_path();
        let problem = match SledIndex::open(&path) {
            Ok(index) => {
                if index_agrees(&index, &scan.batches) {
                    return Self::with_index(data, Box::new(index));
                }
                "disagrees with the published files".to_string()
            }
            // Another server holds it: never rebuild under a running server.
            Err(e @ IndexError::InUse(_)) => return Err(e.into()),
            Err(e) => format!("cannot be opened ({e})"),
        };
        // The first handle is dropped here, so the database's file lock is released.
        tracing::warn!(
            "the database {} {problem}; rebuilding it from {}",
            path.display(),
            data.published().display()
        );
        if path.exists() {
            let aside = data.root().join(format!(
                "index.broken-{}",
                chrono::Utc::now().format("%Y%m%dT%H%M%S%.f")
            ));
            std::fs::rename(&path, &aside).map_err(|e| {
                PublishedError::new(&path, format!("cannot move the broken database aside: {e}"))
            })?;
        }
        let index = SledIndex::open(&path)?;
        Self::with_index(data, Box::new(index))
    }

    /// Uses `index` (which must hold a prefix of the published history) and catches it up.
    pub fn with_index(
        data: DataDir,
        index: Box<dyn RevisionIndex>,
    ) -> Result<Self, RepositoryError> {
        let repo = Repository {
            data,
            index,
            catching_up: Mutex::new(()),
        };
        repo.catch_up()?;
        Ok(repo)
    }

    /// The data folder.
    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// Indexes batches published since the last look; `true` if anything was added.
    pub fn catch_up(&self) -> Result<bool, RepositoryError> {
        let _one_at_a_time = self.catching_up.lock().expect("catch-up lock");
        let scan = self.data.scan()?;
        let indexed = self.index.head()?;
        let dir = self.data.published();
        let mut changed = false;
        for batch in scan.batches.values().filter(|b| b.last > indexed) {
            let mut bytes = Vec::new();
            for r in &batch.revisions {
                bytes.push(published::read_revision(&dir, r)?.0);
            }
            self.index.add_batch(batch, &bytes)?;
            changed = true;
        }
        if changed {
            self.index.flush()?;
        }
        Ok(changed)
    }

    /// The highest indexed sequence (0 when nothing is published).
    pub fn head(&self) -> Result<u64, RepositoryError> {
        Ok(self.index.head()?)
    }

    /// The revision with this sequence: its file's bytes and the parsed changeset.
    pub fn revision(&self, sequence: u64) -> Result<(Vec<u8>, Changeset), RepositoryError> {
        let bytes = self
            .index
            .revision(sequence)?
            .ok_or_else(|| RepositoryError::Revision {
                sequence,
                message: "missing from the database".into(),
            })?;
        let cs: Changeset =
            serde_json::from_slice(&bytes).map_err(|e| RepositoryError::Revision {
                sequence,
                message: e.to_string(),
            })?;
        Ok((bytes, cs))
    }

    /// The sequence of the newest revision of `collection` at or before `sequence`.
    pub fn revision_at_or_before(
        &self,
        collection: Collection,
        sequence: u64,
    ) -> Result<Option<u64>, RepositoryError> {
        Ok(self.index.revision_at_or_before(collection, sequence)?)
    }

    /// The committed batches (the audit trail), oldest first.
    pub fn batches(&self) -> Result<Vec<BatchRecord>, RepositoryError> {
        Ok(self.index.batches()?)
    }
}

/// Whether every indexed batch is identical to the published one with the same sequence.
fn index_agrees(index: &SledIndex, files: &BTreeMap<u64, BatchRecord>) -> bool {
    let (Ok(batches), Ok(head)) = (index.batches(), index.head()) else {
        return false;
    };
    let files_head = files.keys().next_back().copied().unwrap_or(0);
    head <= files_head
        && batches.last().map_or(0, |b| b.last) == head
        && batches.iter().all(|b| files.get(&b.last) == Some(b))
}
