//! The sled-backed [`ContentStore`] (sled 0.34.7): the device store.
//!
//! Layout, one tree per keyspace (ADR 0010):
//! - `heads`: collection name → 8-byte big-endian generation ++ head metadata;
//! - `meta`: bookkeeping key → value (poll ETag, backoff deadline; not signed content);
//! - `gens`: `<collection>/<generation as 16 hex digits>` → the generation's index
//!   ([`super::chunks`]): the chunks it is made of, by hash;
//!
//! and beside sled, the folder `chunks/` ([`super::chunk_files`]): one file per chunk of whole
//! records, named by its SHA-256 and shared by every generation that holds it.
//!
//! sled holds only a few kilobytes: its log (replayed at every open) stays short, and a delta
//! that changes one record writes one new chunk file instead of copying the collection. Every
//! read checks the chunk against its hash; the sync layer keeps the digest of each verified
//! index in the head metadata and compares it at open.
//!
//! A swap is one sled transaction over `heads`; replaced generations (and the chunks only they
//! used) are dropped after the flush, and abandoned ones (a crash while staging) when the
//! store is next opened. sled reclaims the space of removed values lazily, so a folder that
//! has grown past a few times its live data is rebuilt into a fresh folder on open and swapped
//! in ([`super::compact`]). Stores written by the earlier layout (one tree per generation,
//! `gen/<collection>/<generation>`) are converted on open.
//! An unopenable or structurally broken database is moved aside to `<folder>.damaged`
//! (replacing an earlier one) and recreated empty ([`OpenOutcome::Rebuilt`]); the caller then
//! restores the bundled snapshot and resyncs. A folder that cannot be *written* (permissions,
//! space, a file in the way) is [`StorageError::Unwritable`] instead, and never moved aside.

use super::chunk_files::ChunkFiles;
use super::chunks;
use super::{compact, Change, ContentStore, Head, Records, StageBase, Staged, Swap};
use crate::error::{is_environment_io, Error, Result, StorageError};
use crate::failpoints::{self, Failpoint};
use sled::transaction::{ConflictableTransactionError, TransactionError};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

const HEADS: &str = "heads";
const META: &str = "meta";
const GENS: &str = "gens";
/// Tree-name prefix of the earlier layout (one tree per generation), converted on open.
pub(super) const LEGACY_PREFIX: &str = "gen/";

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
    pub(super) path: PathBuf,
    pub(super) db: sled::Db,
    pub(super) heads: sled::Tree,
    pub(super) meta: sled::Tree,
    pub(super) gens: sled::Tree,
    pub(super) chunks: ChunkFiles,
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

/// A sled error as a storage error, with what was being done.
pub(super) fn storage(context: &str, e: sled::Error) -> Error {
    StorageError::sled(context, e).into()
}

/// The `gens` key of a generation.
pub(super) fn gen_key(collection: &str, generation: u64) -> String {
    format!("{collection}/{generation:016x}")
}

/// The tree name of a generation in the earlier layout.
pub(super) fn legacy_tree_name(collection: &str, generation: u64) -> String {
    format!("{LEGACY_PREFIX}{}", gen_key(collection, generation))
}

/// The collection and generation of a `gens` key.
pub(super) fn parse_gen_key(name: &[u8]) -> Option<(String, u64)> {
    let name = std::str::from_utf8(name).ok()?;
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
    ///
    /// A folder that cannot be written — no permission, a read-only file system, no space, a
    /// file where the folder should be — is [`StorageError::Unwritable`], never a rebuild:
    /// the data in it may be newer than anything the device could restore.
    pub fn open(path: &Path) -> Result<(Arc<SledStore>, OpenOutcome)> {
        let io = |e: std::io::Error| -> Error {
            if is_environment_io(&e) {
                StorageError::Unwritable {
                    path: path.display().to_string(),
                    source: e,
                }
                .into()
            } else {
                StorageError::io(path.display().to_string(), e).into()
            }
        };
        compact::finish_interrupted(path).map_err(io)?;
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
                    let store = compact::maybe_compact(store)?;
                    let outcome = if was_empty {
                        OpenOutcome::Created
                    } else {
                        OpenOutcome::Opened
                    };
                    return Ok((Arc::new(store), outcome));
                }
                Err(Error::Storage(e)) if e.environment_cause().is_some() => {
                    return Err(unwritable(path, e));
                }
                Err(e) => e.to_string(),
            },
            Err(OpenFailure::Unwritable(e)) => {
                return Err(StorageError::Unwritable {
                    path: path.display().to_string(),
                    source: e,
                }
                .into())
            }
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
        moved.map_err(|e| -> Error {
            // A damaged store in a folder we may not change: read-only, like any unwritable one.
            if is_environment_io(&e) {
                return StorageError::Unwritable {
                    path: path.display().to_string(),
                    source: e,
                }
                .into();
            }
            StorageError::io(
                format!(
                    "the local store in {} is damaged ({failure}) and could not be moved aside",
                    path.display()
                ),
                e,
            )
            .into()
        })?;
        let store = Self::try_open(path).map_err(|e| {
            Error::Storage(StorageError::Damaged(format!(
                "could not create a fresh local store in {}: {}",
                path.display(),
                match e {
                    OpenFailure::Locked(m) | OpenFailure::Broken(m) => m,
                    OpenFailure::Unwritable(e) => e.to_string(),
                }
            )))
        })?;
        Ok((Arc::new(store), OpenOutcome::Rebuilt { reason: failure }))
    }

    pub(super) fn try_open(path: &Path) -> std::result::Result<SledStore, OpenFailure> {
        let opened = catch_unwind(AssertUnwindSafe(|| {
            // No background flusher: every writer flushes itself (`ContentStore::flush` after
            // each sync), and a thread less matters on a phone's cold start.
            let db = sled::Config::new().path(path).flush_every_ms(None).open()?;
            let heads = db.open_tree(HEADS)?;
            let meta = db.open_tree(META)?;
            let gens = db.open_tree(GENS)?;
            let chunks = ChunkFiles::open(path)?;
            Ok::<_, sled::Error>((db, heads, meta, gens, chunks))
        }));
        match opened {
            Ok(Ok((db, heads, meta, gens, chunks))) => Ok(SledStore {
                path: path.to_path_buf(),
                db,
                heads,
                meta,
                gens,
                chunks,
                sync_lock: Mutex::new(()),
                generations: RwLock::new(()),
            }),
            Ok(Err(e)) if is_lock_error(&e) => Err(OpenFailure::Locked(e.to_string())),
            Ok(Err(sled::Error::Io(e))) if is_environment_io(&e) => Err(OpenFailure::Unwritable(e)),
            Ok(Err(e)) => Err(OpenFailure::Broken(format!("sled could not open it: {e}"))),
            Err(_) => Err(OpenFailure::Broken("sled panicked while opening it".into())),
        }
    }

    /// Checks that every head's generation index is there and readable (chunks are checked
    /// when read), converts a store of the earlier layout, and drops generations no head
    /// points to (left by a crash while staging).
    fn check_and_tidy(&self) -> Result<()> {
        self.convert_legacy()?;
        let heads = self.heads()?;
        for (collection, head) in &heads {
            self.index(collection, head.generation)?.ok_or_else(|| {
                Error::Storage(StorageError::Damaged(format!(
                    "head of {collection} points to generation {} which is missing",
                    head.generation
                )))
            })?;
        }
        // Cheap (a few index reads and one folder listing), so always.
        self.collect_garbage()
    }

    fn read_generations(&self) -> Result<RwLockReadGuard<'_, ()>> {
        // The lock guards no data (only the order of reads and drops): recover it after a panic.
        Ok(self
            .generations
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    fn write_generations(&self) -> Result<RwLockWriteGuard<'_, ()>> {
        Ok(self
            .generations
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
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

pub(super) enum OpenFailure {
    Locked(String),
    /// The folder cannot be written (permissions, space): not damage.
    Unwritable(std::io::Error),
    Broken(String),
}

/// A store error whose cause is the environment, as [`StorageError::Unwritable`].
fn unwritable(path: &Path, e: StorageError) -> Error {
    let source = match e.environment_cause() {
        Some(io) => std::io::Error::new(io.kind(), io.to_string()),
        None => std::io::Error::other(e.to_string()),
    };
    StorageError::Unwritable {
        path: path.display().to_string(),
        source,
    }
    .into()
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
        let Some(refs) = self.live_index(collection)? else {
            return Ok(None);
        };
        let Some(i) = chunks::chunk_for(&refs, id) else {
            return Ok(None);
        };
        let bytes = self.chunk(collection, &refs[i])?;
        let what = format!("stored {collection}");
        Ok(chunks::records_of_chunk(&bytes, &what)?
            .into_iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.to_vec()))
    }

    fn records(&self, collection: &str) -> Result<Records> {
        let _readers = self.read_generations()?;
        match self.live_index(collection)? {
            Some(refs) => self.read_chunks(collection, &refs),
            None => Ok(Vec::new()),
        }
    }

    fn records_with_prefix(&self, collection: &str, prefix: &str) -> Result<Records> {
        let _readers = self.read_generations()?;
        let Some(refs) = self.live_index(collection)? else {
            return Ok(Vec::new());
        };
        // From the first chunk that can hold an id >= prefix, while the chunks start inside
        // the prefix's range (a chunk's first id is above its predecessor's last id).
        let first = refs.partition_point(|r| r.last_id.as_str() < prefix);
        let what = format!("stored {collection}");
        let mut records = Vec::new();
        for r in &refs[first..] {
            let bytes = self.chunk(collection, r)?;
            let mut past = false;
            for (id, value) in chunks::records_of_chunk(&bytes, &what)? {
                if id.starts_with(prefix) {
                    records.push((id.to_string(), value.to_vec()));
                } else if id > prefix {
                    past = true;
                    break;
                }
            }
            if past {
                break;
            }
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
        let records: Vec<(String, Vec<u8>)> = merged.into_iter().collect();
        let digest = self.write_generation(collection, generation, &records)?;
        Ok(Staged {
            collection: collection.to_string(),
            generation,
            digest,
        })
    }

    fn staged_records(&self, staged: &Staged) -> Result<Records> {
        let refs = self
            .index(&staged.collection, staged.generation)?
            .ok_or_else(|| {
                Error::Storage(StorageError::Damaged(format!(
                    "staged generation {} of {} is gone",
                    staged.generation, staged.collection
                )))
            })?;
        self.read_chunks(&staged.collection, &refs)
    }

    fn live_digest(&self, collection: &str) -> Result<Option<String>> {
        let Some(head) = self.head(collection)? else {
            return Ok(None);
        };
        Ok(self
            .index_bytes(collection, head.generation)?
            .map(|index| chunks::digest_of_index(&index)))
    }

    fn swap(&self, swaps: &[Swap]) -> Result<()> {
        for swap in swaps {
            if self
                .index_bytes(&swap.staged.collection, swap.staged.generation)?
                .is_none()
            {
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
            self.gens
                .remove(gen_key(&staged.collection, staged.generation).as_bytes())
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
        let mut used = std::collections::BTreeSet::new();
        for key in self.gens.iter().keys() {
            let key = key.map_err(|e| storage("reading generations", e))?;
            let live = parse_gen_key(&key)
                .filter(|(c, g)| heads.get(c).is_some_and(|h| h.generation == *g));
            match live {
                Some((collection, generation)) => {
                    for r in self.index(&collection, generation)?.unwrap_or_default() {
                        used.insert(r.hash);
                    }
                }
                None => {
                    self.gens
                        .remove(&key)
                        .map_err(|e| storage("dropping an old generation", e))?;
                }
            }
        }
        self.chunks.retain(&used)
    }

    fn clear(&self) -> Result<()> {
        {
            let _exclusive = self.write_generations()?;
            for (tree, what) in [
                (&self.heads, "clearing heads"),
                (&self.meta, "clearing bookkeeping"),
                (&self.gens, "clearing generations"),
            ] {
                tree.clear().map_err(|e| storage(what, e))?;
            }
        }
        self.flush()?;
        // After the flush: a crash before it leaves heads whose chunks are all still there.
        self.chunks.retain(&Default::default())
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
    fn generation_keys_round_trip_and_sort_by_generation() {
        let a = gen_key("guides", 9);
        let b = gen_key("guides", 10);
        assert!(a < b, "{a} should sort before {b}");
        assert_eq!(parse_gen_key(b.as_bytes()), Some(("guides".into(), 10)));
        assert_eq!(parse_gen_key(b"heads"), None);
        assert_eq!(legacy_tree_name("guides", 10), format!("gen/{b}"));
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
