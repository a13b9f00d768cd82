//! The sled-backed [`ContentStore`] (sled 0.34.7): the device store.
//!
//! Layout, one tree per keyspace:
//! - `heads`: collection name → 8-byte big-endian generation ++ head metadata;
//! - `meta`: bookkeeping key → value (poll ETag, backoff deadline; not signed content);
//! - `gen/<collection>/<generation as 16 hex digits>`: record id (UTF-8) → record bytes,
//!   one tree per generation, so keys sort by id and tree names sort by generation.
//!
//! A swap is one sled transaction over `heads`; replaced generations are dropped after the
//! flush, and abandoned ones (a crash while staging) when the store is next opened.
//! An unopenable or structurally broken database is moved aside to `<folder>.damaged`
//! (replacing an earlier one) and recreated empty ([`OpenOutcome::Rebuilt`]); the caller then
//! restores the bundled snapshot and resyncs.

use super::{Change, ContentStore, Head, Records, StageBase, Staged, Swap};
use crate::error::{Error, Result, StorageError};
use crate::failpoints::{self, Failpoint};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

const HEADS: &str = "heads";
const META: &str = "meta";
const GEN_PREFIX: &str = "gen/";

/// How [`SledStore::open`] found the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenOutcome {
    /// An existing, healthy database was opened.
    Opened,
    /// No database existed; an empty one was created.
    Created,
    /// The database could not be opened or was broken; it was moved aside to
    /// `<folder>.damaged` and recreated empty.
    Rebuilt {
        /// What was wrong with it (for the log and the user's message).
        reason: String,
    },
}

/// The sled-backed content store. Open it with [`SledStore::open`]; at most one instance per
/// folder per process (the device's registry, `crate::device`, keeps that promise).
pub struct SledStore {
    path: PathBuf,
    pub(super) db: sled::Db,
    heads: sled::Tree,
    meta: sled::Tree,
    sync_lock: Mutex<()>,
    /// Readers hold it shared from reading a head to reading its generation; dropping
    /// generations (garbage collection, clear) holds it exclusively, so a reader never sees a
    /// head whose generation has just been dropped.
    generations: RwLock<()>,
}

impl std::fmt::Debug for SledStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SledStore")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn storage(context: &str, e: sled::Error) -> Error {
    StorageError::sled(context, e).into()
}

fn gen_tree_name(collection: &str, generation: u64) -> String {
    format!("{GEN_PREFIX}{collection}/{generation:016x}")
}

fn parse_gen_tree_name(name: &[u8]) -> Option<(String, u64)> {
    let name = std::str::from_utf8(name).ok()?.strip_prefix(GEN_PREFIX)?;
    let (collection, generation) = name.rsplit_once('/')?;
    Some((
        collection.to_string(),
        u64::from_str_radix(generation, 16).ok()?,
    ))
}

/// Where a damaged store folder is moved: `<folder>.damaged` beside it.
pub fn damaged_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".damaged");
    path.with_file_name(name)
}

fn encode_head(generation: u64, meta: &[u8]) -> Vec<u8> {
    let mut value = Vec::with_capacity(8 + meta.len());
    value.extend_from_slice(&generation.to_be_bytes());
    value.extend_from_slice(meta);
    value
}

fn decode_head(collection: &str, value: &[u8]) -> Result<Head> {
    if value.len() < 8 {
        return Err(Error::Storage(StorageError::Damaged(format!(
            "head of {collection} is {} bytes long, expected at least 8: the store is damaged",
            value.len()
        ))));
    }
    let (generation, meta) = value.split_at(8);
    Ok(Head {
        generation: u64::from_be_bytes(generation.try_into().expect("split at 8")),
        meta: meta.to_vec(),
    })
}

fn check_collection_name(collection: &str) -> Result<()> {
    let ok = !collection.is_empty()
        && collection
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(Error::Storage(StorageError::Damaged(format!(
            "collection name `{collection}` must be non-empty ASCII letters, digits, - or _"
        ))))
    }
}

fn is_lock_error(e: &sled::Error) -> bool {
    matches!(e, sled::Error::Io(io) if io.to_string().contains("could not acquire lock"))
}

/// Runs `f`, turning a panic inside sled into an error (sled 0.34 panics on some corruption).
fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("panic");
            Err(Error::Storage(StorageError::Damaged(format!(
                "{what}: sled panicked: {msg}"
            ))))
        }
    }
}

impl SledStore {
    /// Opens (or creates) the store in folder `path`. A database that cannot be opened or
    /// fails the structural check is moved aside and recreated empty — it is only a cache of
    /// signed content. A folder locked by another process is an error, never a rebuild.
    ///
    /// The open is exclusive, and sled locks its files only on desktop systems: the caller
    /// must not open one folder twice in a process. `DeviceContent::open` (the only opener
    /// outside tests) guarantees it with its one-instance-per-folder registry.
    pub fn open(path: &Path) -> Result<(Arc<SledStore>, OpenOutcome)> {
        let io = |e| StorageError::io(path.display().to_string(), e);
        std::fs::create_dir_all(path).map_err(io)?;
        let canonical = path.canonicalize().map_err(io)?;
        Self::open_exclusive(&canonical)
    }

    fn open_exclusive(path: &Path) -> Result<(Arc<SledStore>, OpenOutcome)> {
        let was_empty = std::fs::read_dir(path)
            .map(|mut d| d.next().is_none())
            .unwrap_or(true);
        let failure = match Self::try_open(path) {
            Ok(store) => match guarded("checking the store", || store.check_and_tidy()) {
                Ok(()) => {
                    let outcome = if was_empty {
                        OpenOutcome::Created
                    } else {
                        OpenOutcome::Opened
                    };
                    return Ok((Arc::new(store), outcome));
                }
                Err(e) => e.to_string(),
            },
            Err(OpenFailure::Locked(msg)) => {
                return Err(StorageError::InUse {
                    path: path.display().to_string(),
                    detail: msg,
                }
                .into())
            }
            Err(OpenFailure::Broken(msg)) => msg,
        };
        // Everything the sled handle held is dropped by now. Move the damaged folder aside
        // (replacing an earlier one we moved aside) rather than deleting it: nothing is lost
        // if the path was not what we thought, and it can be inspected.
        let aside = damaged_path(path);
        let moved = (|| {
            if aside.exists() {
                std::fs::remove_dir_all(&aside)?;
            }
            std::fs::rename(path, &aside)?;
            std::fs::create_dir_all(path)
        })();
        moved.map_err(|e| {
            StorageError::io(
                format!(
                    "the local store in {} is damaged ({failure}) and could not be moved aside",
                    path.display()
                ),
                e,
            )
        })?;
        let store = Self::try_open(path).map_err(|e| {
            Error::Storage(StorageError::Damaged(format!(
                "could not create a fresh local store in {}: {}",
                path.display(),
                match e {
                    OpenFailure::Locked(m) | OpenFailure::Broken(m) => m,
                }
            )))
        })?;
        Ok((Arc::new(store), OpenOutcome::Rebuilt { reason: failure }))
    }

    fn try_open(path: &Path) -> std::result::Result<SledStore, OpenFailure> {
        let opened = catch_unwind(AssertUnwindSafe(|| {
            let db = sled::Config::new().path(path).open()?;
            let heads = db.open_tree(HEADS)?;
            let meta = db.open_tree(META)?;
            Ok::<_, sled::Error>((db, heads, meta))
        }));
        match opened {
            Ok(Ok((db, heads, meta))) => Ok(SledStore {
                path: path.to_path_buf(),
                db,
                heads,
                meta,
                sync_lock: Mutex::new(()),
                generations: RwLock::new(()),
            }),
            Ok(Err(e)) if is_lock_error(&e) => Err(OpenFailure::Locked(e.to_string())),
            Ok(Err(e)) => Err(OpenFailure::Broken(format!("sled could not open it: {e}"))),
            Err(_) => Err(OpenFailure::Broken("sled panicked while opening it".into())),
        }
    }

    /// Reads every head and every live record once (so damage shows now, not mid-walk) and
    /// drops generations no head points to (left by a crash while staging).
    fn check_and_tidy(&self) -> Result<()> {
        for (collection, head) in self.heads()? {
            let name = gen_tree_name(&collection, head.generation);
            if !self.tree_exists(&name) {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "head of {collection} points to generation {} which is missing",
                    head.generation
                ))));
            }
            self.read_tree(&name)?;
        }
        self.collect_garbage()
    }

    fn tree_exists(&self, name: &str) -> bool {
        self.db
            .tree_names()
            .iter()
            .any(|n| n.as_ref() == name.as_bytes())
    }

    fn read_tree(&self, name: &str) -> Result<Records> {
        let tree = self
            .db
            .open_tree(name)
            .map_err(|e| storage("opening a tree", e))?;
        let mut records = Vec::new();
        for entry in tree.iter() {
            let (k, v) = entry.map_err(|e| storage("reading the store", e))?;
            let id = String::from_utf8(k.to_vec()).map_err(|_| {
                Error::Storage(StorageError::Damaged(format!(
                    "a record id in {name} is not UTF-8"
                )))
            })?;
            records.push((id, v.to_vec()));
        }
        Ok(records)
    }

    fn read_generations(&self) -> Result<RwLockReadGuard<'_, ()>> {
        self.generations
            .read()
            .map_err(|_| Error::Storage(StorageError::Poisoned("store lock")))
    }

    fn write_generations(&self) -> Result<RwLockWriteGuard<'_, ()>> {
        self.generations
            .write()
            .map_err(|_| Error::Storage(StorageError::Poisoned("store lock")))
    }

    /// The live generation's tree of `collection`; the caller holds the generations lock.
    fn live_tree(&self, collection: &str) -> Result<Option<sled::Tree>> {
        let Some(head) = self.head(collection)? else {
            return Ok(None);
        };
        let name = gen_tree_name(collection, head.generation);
        // `open_tree` would silently create a missing tree; a missing live tree is damage.
        if !self.tree_exists(&name) {
            return Err(Error::Storage(StorageError::Damaged(format!(
                "the live generation of {collection} is missing: the store is damaged"
            ))));
        }
        let tree = self
            .db
            .open_tree(name)
            .map_err(|e| storage("opening a tree", e))?;
        Ok(Some(tree))
    }

    /// The folder this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Bytes the database takes on disk (for diagnostics).
    pub fn size_on_disk(&self) -> Result<u64> {
        self.db
            .size_on_disk()
            .map_err(|e| storage("measuring the store", e))
    }
}

enum OpenFailure {
    Locked(String),
    Broken(String),
}

impl ContentStore for SledStore {
    fn heads(&self) -> Result<BTreeMap<String, Head>> {
        let mut heads = BTreeMap::new();
        for entry in self.heads.iter() {
            let (k, v) = entry.map_err(|e| storage("reading heads", e))?;
            let collection = String::from_utf8(k.to_vec()).map_err(|_| {
                Error::Storage(StorageError::Damaged(
                    "a collection name is not UTF-8".into(),
                ))
            })?;
            let head = decode_head(&collection, &v)?;
            heads.insert(collection, head);
        }
        Ok(heads)
    }

    fn head(&self, collection: &str) -> Result<Option<Head>> {
        self.heads
            .get(collection.as_bytes())
            .map_err(|e| storage("reading a head", e))?
            .map(|v| decode_head(collection, &v))
            .transpose()
    }

    fn get(&self, collection: &str, id: &str) -> Result<Option<Vec<u8>>> {
        let _readers = self.read_generations()?;
        let Some(tree) = self.live_tree(collection)? else {
            return Ok(None);
        };
        Ok(tree
            .get(id.as_bytes())
            .map_err(|e| storage("reading a record", e))?
            .map(|v| v.to_vec()))
    }

    fn records(&self, collection: &str) -> Result<Records> {
        let _readers = self.read_generations()?;
        let Some(tree) = self.live_tree(collection)? else {
            return Ok(Vec::new());
        };
        let mut records = Vec::new();
        for entry in tree.iter() {
            let (k, v) = entry.map_err(|e| storage("reading the store", e))?;
            let id = String::from_utf8(k.to_vec()).map_err(|_| {
                Error::Storage(StorageError::Damaged(format!(
                    "a record id in {collection} is not UTF-8"
                )))
            })?;
            records.push((id, v.to_vec()));
        }
        Ok(records)
    }

    fn stage(&self, collection: &str, base: StageBase, changes: &[Change]) -> Result<Staged> {
        check_collection_name(collection)?;
        let mut merged: BTreeMap<String, Vec<u8>> = match base {
            StageBase::Live => self.records(collection)?.into_iter().collect(),
            StageBase::Empty => BTreeMap::new(),
        };
        for change in changes {
            match change {
                Change::Upsert { id, value } => {
                    merged.insert(id.clone(), value.clone());
                }
                Change::Delete { id } => {
                    merged.remove(id);
                }
            }
        }
        let generation = self
            .db
            .generate_id()
            .map_err(|e| storage("allocating a generation", e))?;
        let name = gen_tree_name(collection, generation);
        // A leftover tree of that name can only be garbage from an earlier crash.
        self.db
            .drop_tree(&name)
            .map_err(|e| storage("clearing a staging tree", e))?;
        let tree = self
            .db
            .open_tree(&name)
            .map_err(|e| storage("creating a staging tree", e))?;
        let mut batch = sled::Batch::default();
        for (id, value) in &merged {
            batch.insert(id.as_bytes(), value.as_slice());
        }
        tree.apply_batch(batch)
            .map_err(|e| storage("writing staged records", e))?;
        Ok(Staged {
            collection: collection.to_string(),
            generation,
        })
    }

    fn staged_records(&self, staged: &Staged) -> Result<Records> {
        let name = gen_tree_name(&staged.collection, staged.generation);
        if !self.tree_exists(&name) {
            return Err(Error::Storage(StorageError::Damaged(format!(
                "staged generation {} of {} is gone",
                staged.generation, staged.collection
            ))));
        }
        self.read_tree(&name)
    }

    fn swap(&self, swaps: &[Swap]) -> Result<()> {
        for swap in swaps {
            let name = gen_tree_name(&swap.staged.collection, swap.staged.generation);
            if !self.tree_exists(&name) {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "staged generation {} of {} is gone; nothing was swapped",
                    swap.staged.generation, swap.staged.collection
                ))));
            }
        }
        let result = self.heads.transaction(|tx| {
            for (i, swap) in swaps.iter().enumerate() {
                tx.insert(
                    swap.staged.collection.as_bytes(),
                    encode_head(swap.staged.generation, &swap.meta),
                )?;
                if i == 0 {
                    failpoints::hit(Failpoint::MidSwap);
                }
            }
            Ok::<(), ConflictableTransactionError<()>>(())
        });
        match result {
            Ok(()) => Ok(()),
            Err(TransactionError::Storage(e)) => Err(storage("swapping in new content", e)),
            Err(TransactionError::Abort(())) => Err(Error::Storage(StorageError::Damaged(
                "swapping in new content was aborted".into(),
            ))),
        }
    }

    fn discard(&self, staged: &Staged) -> Result<()> {
        let live = self
            .head(&staged.collection)?
            .is_some_and(|h| h.generation == staged.generation);
        if !live {
            self.db
                .drop_tree(gen_tree_name(&staged.collection, staged.generation))
                .map_err(|e| storage("discarding a staged generation", e))?;
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        self.db
            .flush()
            .map_err(|e| storage("flushing to disk", e))?;
        Ok(())
    }

    fn collect_garbage(&self) -> Result<()> {
        let _exclusive = self.write_generations()?;
        let heads = self.heads()?;
        for name in self.db.tree_names() {
            let Some((collection, generation)) = parse_gen_tree_name(&name) else {
                continue;
            };
            let live = heads
                .get(&collection)
                .is_some_and(|h| h.generation == generation);
            if !live {
                self.db
                    .drop_tree(&name)
                    .map_err(|e| storage("dropping an old generation", e))?;
            }
        }
        Ok(())
    }

    fn clear(&self) -> Result<()> {
        {
            let _exclusive = self.write_generations()?;
            self.heads
                .clear()
                .map_err(|e| storage("clearing heads", e))?;
            self.meta
                .clear()
                .map_err(|e| storage("clearing bookkeeping", e))?;
        }
        self.collect_garbage()?;
        self.flush()
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .meta
            .get(key.as_bytes())
            .map_err(|e| storage("reading bookkeeping", e))?
            .map(|v| v.to_vec()))
    }

    fn set_meta(&self, key: &str, value: Option<&[u8]>) -> Result<()> {
        match value {
            Some(v) => self.meta.insert(key.as_bytes(), v).map(|_| ()),
            None => self.meta.remove(key.as_bytes()).map(|_| ()),
        }
        .map_err(|e| storage("writing bookkeeping", e))
    }

    fn sync_lock(&self) -> &Mutex<()> {
        &self.sync_lock
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_tree_names_round_trip_and_sort_by_generation() {
        let a = gen_tree_name("guides", 9);
        let b = gen_tree_name("guides", 10);
        assert!(a < b, "{a} should sort before {b}");
        assert_eq!(
            parse_gen_tree_name(b.as_bytes()),
            Some(("guides".into(), 10))
        );
        assert_eq!(parse_gen_tree_name(b"heads"), None);
    }

    #[test]
    fn heads_encode_generation_big_endian() {
        let v = encode_head(258, b"{}");
        assert_eq!(&v[..8], &[0, 0, 0, 0, 0, 0, 1, 2]);
        assert_eq!(
            decode_head("g", &v).unwrap(),
            Head {
                generation: 258,
                meta: b"{}".to_vec()
            }
        );
        assert!(decode_head("g", b"short").is_err());
    }

    #[test]
    fn collection_names_are_checked() {
        assert!(check_collection_name("guides").is_ok());
        assert!(check_collection_name("a/b").is_err());
        assert!(check_collection_name("").is_err());
    }
}
