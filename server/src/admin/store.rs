//! The admin state on disk: one sled database in `DATA/admin/` with a tree per kind (accounts,
//! sessions, API tokens, drafts, reviews, the audit log).
//!
//! Unlike `DATA/index/` this database is not a cache: it is the only copy of accounts, drafts
//! and the audit log, so every write is flushed before it is acknowledged (sled's log is
//! crash-safe: after a crash the database holds every flushed write and nothing half-written).
//! The audit tree is append-only: [`AdminStore`] has no way to change or remove an event.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A failure of the admin database.
#[derive(Debug, thiserror::Error)]
#[error("the admin database {path}: {message}")]
pub struct StoreError {
    /// The database folder.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
    /// Another process (e.g. a running server) holds the database's lock.
    pub in_use: bool,
}

/// The trees of the admin database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tree {
    /// Accounts by name.
    Accounts,
    /// Sessions by the SHA-256 of their id.
    Sessions,
    /// API tokens by the SHA-256 of the token.
    Tokens,
    /// Drafts by id.
    Drafts,
    /// Reviews by id.
    Reviews,
    /// The audit log by big-endian sequence number (append-only).
    Audit,
}

impl Tree {
    /// Every tree.
    pub const ALL: [Tree; 6] = [
        Tree::Accounts,
        Tree::Sessions,
        Tree::Tokens,
        Tree::Drafts,
        Tree::Reviews,
        Tree::Audit,
    ];

    /// The tree's name in the database (and in an export).
    pub fn name(self) -> &'static str {
        match self {
            Tree::Accounts => "accounts",
            Tree::Sessions => "sessions",
            Tree::Tokens => "tokens",
            Tree::Drafts => "drafts",
            Tree::Reviews => "reviews",
            Tree::Audit => "audit",
        }
    }
}

/// Raw records of a tree: keys and values as the database holds them (values are JSON).
pub type RawRecords = Vec<(Vec<u8>, Vec<u8>)>;

/// The admin database of a data folder.
pub struct AdminStore {
    path: PathBuf,
    db: sled::Db,
}

impl std::fmt::Debug for AdminStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminStore")
            .field("path", &self.path)
            .finish()
    }
}

impl AdminStore {
    /// `DATA/admin` of a data folder root.
    pub fn path_in(data_root: &Path) -> PathBuf {
        data_root.join("admin")
    }

    /// Opens (creating) the database at `path`. Only one process can have it open: a second
    /// one (e.g. `user add` while the server runs) gets an error saying so.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let db = sled::Config::new().path(path).open().map_err(|e| {
            let in_use = matches!(&e, sled::Error::Io(io) if io.kind() == std::io::ErrorKind::WouldBlock)
                || e.to_string().contains("lock");
            let message = if in_use {
                format!("is in use by another process ({e}); stop the server first")
            } else {
                format!("cannot be opened: {e}")
            };
            StoreError {
                path: path.to_path_buf(),
                message,
                in_use,
            }
        })?;
        Ok(AdminStore {
            path: path.to_path_buf(),
            db,
        })
    }

    fn err(&self, e: impl std::fmt::Display) -> StoreError {
        StoreError {
            path: self.path.clone(),
            message: e.to_string(),
            in_use: false,
        }
    }

    fn tree(&self, tree: Tree) -> Result<sled::Tree, StoreError> {
        self.db.open_tree(tree.name()).map_err(|e| self.err(e))
    }

    fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().map(|_| ()).map_err(|e| self.err(e))
    }

    /// The value under `key`, if any.
    pub fn get<T: DeserializeOwned>(&self, tree: Tree, key: &str) -> Result<Option<T>, StoreError> {
        match self.tree(tree)?.get(key).map_err(|e| self.err(e))? {
            Some(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| self.err(format!("{}/{key} does not parse: {e}", tree.name()))),
            None => Ok(None),
        }
    }

    /// Writes `value` under `key` and flushes.
    pub fn put<T: Serialize>(&self, tree: Tree, key: &str, value: &T) -> Result<(), StoreError> {
        debug_assert!(tree != Tree::Audit, "the audit log is append-only");
        let bytes = serde_json::to_vec(value).map_err(|e| self.err(e))?;
        self.tree(tree)?
            .insert(key, bytes)
            .map_err(|e| self.err(e))?;
        self.flush()
    }

    /// Removes `key` and flushes.
    pub fn remove(&self, tree: Tree, key: &str) -> Result<(), StoreError> {
        debug_assert!(tree != Tree::Audit, "the audit log is append-only");
        self.tree(tree)?.remove(key).map_err(|e| self.err(e))?;
        self.flush()
    }

    /// Every value of a tree, in key order (values that do not parse are skipped and logged).
    pub fn all<T: DeserializeOwned>(&self, tree: Tree) -> Result<Vec<T>, StoreError> {
        Ok(self.entries(tree)?.into_iter().map(|(_, v)| v).collect())
    }

    /// Every key and value of a tree, in key order (values that do not parse are skipped and
    /// logged).
    pub fn entries<T: DeserializeOwned>(&self, tree: Tree) -> Result<Vec<(String, T)>, StoreError> {
        let mut out = Vec::new();
        for item in self.tree(tree)?.iter() {
            let (key, bytes) = item.map_err(|e| self.err(e))?;
            let key = String::from_utf8_lossy(&key).into_owned();
            match serde_json::from_slice(&bytes) {
                Ok(v) => out.push((key, v)),
                Err(e) => {
                    tracing::error!("admin database: {}/{key} does not parse: {e}", tree.name())
                }
            }
        }
        Ok(out)
    }

    /// Removes every entry of `tree` whose value matches `remove` (and flushes); the count.
    pub fn remove_where<T: DeserializeOwned>(
        &self,
        tree: Tree,
        remove: impl Fn(&T) -> bool,
    ) -> Result<usize, StoreError> {
        debug_assert!(tree != Tree::Audit, "the audit log is append-only");
        let t = self.tree(tree)?;
        let mut n = 0;
        for item in t.iter() {
            let (key, bytes) = item.map_err(|e| self.err(e))?;
            if serde_json::from_slice::<T>(&bytes).is_ok_and(|v| remove(&v)) {
                t.remove(key).map_err(|e| self.err(e))?;
                n += 1;
            }
        }
        if n > 0 {
            self.flush()?;
        }
        Ok(n)
    }

    /// Appends to the audit log; `make` gets the event's sequence number (1, 2, …).
    pub fn append_audit<T: Serialize>(
        &self,
        make: impl FnOnce(u64) -> T,
    ) -> Result<u64, StoreError> {
        let tree = self.tree(Tree::Audit)?;
        let seq = self.db.generate_id().map_err(|e| self.err(e))? + 1;
        let bytes = serde_json::to_vec(&make(seq)).map_err(|e| self.err(e))?;
        tree.insert(seq.to_be_bytes(), bytes)
            .map_err(|e| self.err(e))?;
        self.flush()?;
        Ok(seq)
    }

    /// The audit log, oldest first.
    pub fn audit<T: DeserializeOwned>(&self) -> Result<Vec<T>, StoreError> {
        self.all(Tree::Audit)
    }

    /// Every key and value of a tree as stored (JSON bytes), in key order: what an export
    /// copies. Audit keys are big-endian sequence numbers.
    pub fn raw_entries(&self, tree: Tree) -> Result<RawRecords, StoreError> {
        self.tree(tree)?
            .iter()
            .map(|item| {
                item.map(|(k, v)| (k.to_vec(), v.to_vec()))
                    .map_err(|e| self.err(e))
            })
            .collect()
    }

    /// Whether no tree holds a record.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        for tree in Tree::ALL {
            if !self.tree(tree)?.is_empty() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Writes raw keys and values into `tree` in one batch and flushes (restoring an export
    /// into a new database; the audit log's keys are kept, so are its sequence numbers). The
    /// next audit event gets a number above every restored one.
    pub fn write_raw(&self, tree: Tree, entries: &RawRecords) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        for (k, v) in entries {
            batch.insert(k.as_slice(), v.as_slice());
        }
        self.tree(tree)?
            .apply_batch(batch)
            .map_err(|e| self.err(e))?;
        if tree == Tree::Audit {
            let last = entries
                .iter()
                .filter_map(|(k, _)| <[u8; 8]>::try_from(k.as_slice()).ok())
                .map(u64::from_be_bytes)
                .max()
                .unwrap_or(0);
            // `append_audit` numbers an event `generate_id() + 1`, and sled moves its counter
            // 2,000,000 ahead at every open, so a long-running server's numbers are in the
            // millions while a new database's counter starts low: move it past the last
            // restored event. It only moves one id at a time (an atomic add; persisted once
            // per million ids: a few milliseconds per million).
            while self.db.generate_id().map_err(|e| self.err(e))? + 2 <= last {}
        }
        self.flush()
    }
}
