//! The server's database: an index of the published revisions, in sled behind a small trait.
//!
//! The index is a rebuildable cache of `published/` (see [`crate::publishing::published`]): it lets the
//! server find the state of a collection at any sequence without reading every file. It is
//! insert-only: a batch, once indexed, is never rewritten. Trees (keys sort):
//! - `revisions`: sequence (u64 big-endian) → the revision file's bytes;
//! - `by_collection`: collection name, NUL, sequence (big-endian) → empty;
//! - `batches`: last sequence (big-endian) → the batch record (JSON);
//! - `meta`: `head` → the highest indexed sequence (big-endian).

use crate::publishing::published::BatchRecord;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled::Transactional;
use std::path::Path;
use veiviser_core::sync::protocol::Collection;

/// A database error; names what failed.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The database could not be read or written, or refused a change.
    #[error("database: {0}")]
    Failed(String),
    /// Another process holds the database (sled takes an exclusive lock).
    #[error("the database {0} is in use by another process (another veiviser-server on this data folder?): stop it first")]
    InUse(String),
}

impl From<sled::Error> for IndexError {
    fn from(e: sled::Error) -> Self {
        IndexError::Failed(e.to_string())
    }
}

/// Storage of the published revisions, by sequence.
pub trait RevisionIndex: Send + Sync {
    /// The highest indexed sequence (0 when empty).
    fn head(&self) -> Result<u64, IndexError>;
    /// Adds one committed batch and its revision files' bytes (in the batch's order), atomically.
    fn add_batch(&self, batch: &BatchRecord, revisions: &[Vec<u8>]) -> Result<(), IndexError>;
    /// Every indexed batch, in order.
    fn batches(&self) -> Result<Vec<BatchRecord>, IndexError>;
    /// The bytes of the revision with this sequence.
    fn revision(&self, sequence: u64) -> Result<Option<Vec<u8>>, IndexError>;
    /// The newest revision of `collection` with a sequence ≤ `sequence`.
    fn revision_at_or_before(
        &self,
        collection: Collection,
        sequence: u64,
    ) -> Result<Option<u64>, IndexError>;
    /// Writes everything to disk.
    fn flush(&self) -> Result<(), IndexError>;
}

/// The sled implementation of [`RevisionIndex`].
pub struct SledIndex {
    db: sled::Db,
    revisions: sled::Tree,
    by_collection: sled::Tree,
    batches: sled::Tree,
    meta: sled::Tree,
}

const HEAD_KEY: &[u8] = b"head";

fn collection_key(collection: Collection, sequence: u64) -> Vec<u8> {
    let mut key = collection.as_str().as_bytes().to_vec();
    key.push(0);
    key.extend_from_slice(&sequence.to_be_bytes());
    key
}

fn be_u64(bytes: &[u8]) -> Result<u64, IndexError> {
    let arr: [u8; 8] = bytes
        .try_into()
        .map_err(|_| IndexError::Failed("a sequence key is damaged".into()))?;
    Ok(u64::from_be_bytes(arr))
}

impl SledIndex {
    /// Opens (or creates) the database in `path`.
    pub fn open(path: &Path) -> Result<Self, IndexError> {
        let db = sled::Config::new().path(path).open().map_err(|e| match e {
            sled::Error::Io(io) if io.to_string().contains("could not acquire lock") => {
                IndexError::InUse(path.display().to_string())
            }
            e => IndexError::Failed(format!("{}: {e}", path.display())),
        })?;
        Ok(SledIndex {
            revisions: db.open_tree("revisions")?,
            by_collection: db.open_tree("by_collection")?,
            batches: db.open_tree("batches")?,
            meta: db.open_tree("meta")?,
            db,
        })
    }
}

impl RevisionIndex for SledIndex {
    fn head(&self) -> Result<u64, IndexError> {
        match self.meta.get(HEAD_KEY)? {
            Some(v) => be_u64(&v),
            None => Ok(0),
        }
    }

    fn add_batch(&self, batch: &BatchRecord, revisions: &[Vec<u8>]) -> Result<(), IndexError> {
        if revisions.len() != batch.revisions.len() {
            return Err(IndexError::Failed(
                "a batch must come with all its revisions".into(),
            ));
        }
        let batch_json =
            serde_json::to_vec(batch).map_err(|e| IndexError::Failed(e.to_string()))?;
        let result = (
            &self.revisions,
            &self.by_collection,
            &self.batches,
            &self.meta,
        )
            .transaction(|(revs, by_coll, batches, meta)| {
                let head = match meta.get(HEAD_KEY)? {
                    Some(v) => u64::from_be_bytes(v.as_ref().try_into().unwrap_or([0xff; 8])),
                    None => 0,
                };
                if batch.first != head + 1 {
                    return Err(ConflictableTransactionError::Abort(format!(
                        "batch {}..={} does not follow the indexed head {head}",
                        batch.first, batch.last
                    )));
                }
                for (r, bytes) in batch.revisions.iter().zip(revisions) {
                    let key = r.sequence.to_be_bytes();
                    if revs.get(key)?.is_some() {
                        return Err(ConflictableTransactionError::Abort(format!(
                            "revision {} is already indexed; published data is never rewritten",
                            r.sequence
                        )));
                    }
                    revs.insert(&key, bytes.as_slice())?;
                    by_coll.insert(collection_key(r.collection, r.sequence), &[] as &[u8])?;
                }
                batches.insert(&batch.last.to_be_bytes(), batch_json.as_slice())?;
                meta.insert(HEAD_KEY, &batch.last.to_be_bytes())?;
                Ok(())
            });
        match result {
            Ok(()) => Ok(()),
            Err(TransactionError::Abort(msg)) => Err(IndexError::Failed(msg)),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    fn batches(&self) -> Result<Vec<BatchRecord>, IndexError> {
        self.batches
            .iter()
            .values()
            .map(|v| {
                let v = v?;
                serde_json::from_slice(&v)
                    .map_err(|e| IndexError::Failed(format!("a batch record is damaged: {e}")))
            })
            .collect()
    }

    fn revision(&self, sequence: u64) -> Result<Option<Vec<u8>>, IndexError> {
        Ok(self
            .revisions
            .get(sequence.to_be_bytes())?
            .map(|v| v.to_vec()))
    }

    fn revision_at_or_before(
        &self,
        collection: Collection,
        sequence: u64,
    ) -> Result<Option<u64>, IndexError> {
        let start = collection_key(collection, 0);
        let end = collection_key(collection, sequence);
        match self.by_collection.range(start..=end).next_back() {
            Some(kv) => {
                let (k, _) = kv?;
                Ok(Some(be_u64(&k[k.len() - 8..])?))
            }
            None => Ok(None),
        }
    }

    fn flush(&self) -> Result<(), IndexError> {
        self.db.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::publishing::published::RevisionRef;

    fn batch(first: u64, cols: &[Collection]) -> BatchRecord {
        BatchRecord {
            first,
            last: first + cols.len() as u64 - 1,
            actor: "test".into(),
            published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
            sources: vec![],
            revisions: cols
                .iter()
                .enumerate()
                .map(|(i, c)| RevisionRef {
                    sequence: first + i as u64,
                    collection: *c,
                    file: crate::publishing::published::revision_file_name(first + i as u64, *c),
                    sha256: String::new(),
                    records: 0,
                    changed: 0,
                    deleted: 0,
                })
                .collect(),
        }
    }

    #[test]
    fn batches_are_indexed_in_order_and_never_rewritten() {
        let dir = tempfile::tempdir().unwrap();
        let index = SledIndex::open(&dir.path().join("db")).unwrap();
        assert_eq!(index.head().unwrap(), 0);
        let b1 = batch(1, &[Collection::Guides, Collection::Places]);
        index
            .add_batch(&b1, &[b"g1".to_vec(), b"p2".to_vec()])
            .unwrap();
        let b2 = batch(3, &[Collection::Guides]);
        index.add_batch(&b2, &[b"g3".to_vec()]).unwrap();
        assert_eq!(index.head().unwrap(), 3);
        // Replaying a batch or skipping a sequence is refused, and changes nothing.
        let err = index.add_batch(&b2, &[b"other".to_vec()]).unwrap_err();
        assert!(err.to_string().contains("does not follow"), "{err}");
        assert!(index
            .add_batch(&batch(5, &[Collection::Guides]), &[b"x".to_vec()])
            .is_err());
        assert_eq!(index.revision(3).unwrap().unwrap(), b"g3");
        assert_eq!(
            index.revision_at_or_before(Collection::Guides, 2).unwrap(),
            Some(1)
        );
        assert_eq!(
            index.revision_at_or_before(Collection::Guides, 9).unwrap(),
            Some(3)
        );
        assert_eq!(
            index.revision_at_or_before(Collection::Places, 1).unwrap(),
            None
        );
        assert_eq!(
            index
                .revision_at_or_before(Collection::Directory, 9)
                .unwrap(),
            None
        );
        index.flush().unwrap();
        let err = SledIndex::open(&dir.path().join("db")).err().unwrap();
        assert!(matches!(err, IndexError::InUse(_)), "{err}");
        drop(index);
        // sled's background flusher lets go of the file lock shortly after the last handle is
        // dropped, so a reopen right away can still see it held (under load, for a while).
        let reopened = (0..100).find_map(|_| match SledIndex::open(&dir.path().join("db")) {
            Err(IndexError::InUse(_)) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
                None
            }
            other => Some(other),
        });
        let index = reopened.expect("the lock is released within 5 s").unwrap();
        assert_eq!(index.batches().unwrap(), vec![b1, b2]);
    }
}
