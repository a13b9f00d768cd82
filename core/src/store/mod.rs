//! Local content storage behind a trait: sled on devices, in memory for tests.
//!
//! The store keeps, per collection, one *live generation* of records (id → bytes) and a
//! *head* (which generation is live, plus opaque metadata the sync layer writes: sequence,
//! publish time, signature). New content is written into a fresh *staged generation* first,
//! checked there, and then made live by swapping the heads of every changed collection in
//! one atomic step; the old generations are dropped after the flush. A crash at any point leaves
//! the previous heads — and so the previous content — in place.
//!
//! Each generation has a *digest* ([`chunks::digest_of`] of its records) that the sync layer
//! keeps in the head metadata once the signature over the staged records has verified; at
//! open the device compares it with the live generation's digest instead of verifying the
//! signature again (ADR 0010).
//!
//! The store is a rebuildable cache of signed content, never the only copy of anything.
//! A folder that cannot be written is not damage ([`crate::error::StorageError::Unwritable`]);
//! [`load_read_only`] reads such a store (or one another process holds) through a copy.

mod chunk_files;
pub mod chunks;
mod compact;
mod generations;
mod memory;
mod read_only;
mod sled_store;

pub use memory::MemoryStore;
pub use read_only::load_read_only;
pub use sled_store::{damaged_path, OpenOutcome, SledStore};

use crate::error::Result;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;

/// Which generation of a collection is live, plus the sync layer's metadata for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The live generation's number (store-internal; only compared, never interpreted).
    pub generation: u64,
    /// Opaque metadata stored with the head (the sync layer keeps JSON here).
    pub meta: Vec<u8>,
}

/// One change to apply while staging a generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Insert or replace the record `id`.
    Upsert {
        /// The record id.
        id: String,
        /// The record's bytes.
        value: Vec<u8>,
    },
    /// Remove the record `id` if present (a tombstone).
    Delete {
        /// The record id.
        id: String,
    },
}

/// What a staged generation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageBase {
    /// An empty collection (a full snapshot replaces everything).
    Empty,
    /// A copy of the live generation (a delta is merged into it).
    Live,
}

/// A staged (not yet live) generation of one collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staged {
    /// The collection it belongs to.
    pub collection: String,
    /// Its generation number.
    pub generation: u64,
    /// The digest of its records ([`chunks::digest_of`]).
    pub digest: String,
}

/// A staged generation to make live, with the head metadata to store beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swap {
    /// The staged generation.
    pub staged: Staged,
    /// The metadata for the new head.
    pub meta: Vec<u8>,
}

/// Records of one generation, sorted by id (the order canonical bytes need).
pub type Records = Vec<(String, Vec<u8>)>;

/// Local content storage: one live generation per collection, staged generations, atomic swaps.
///
/// Implementations must make [`ContentStore::swap`] atomic across collections: after a crash
/// either every head in the swap is new or every head is old.
pub trait ContentStore: Send + Sync + fmt::Debug {
    /// The heads of every collection that has live content.
    fn heads(&self) -> Result<BTreeMap<String, Head>>;

    /// The head of one collection, if it has live content.
    fn head(&self, collection: &str) -> Result<Option<Head>> {
        Ok(self.heads()?.remove(collection))
    }

    /// One live record, if present.
    fn get(&self, collection: &str, id: &str) -> Result<Option<Vec<u8>>>;

    /// Every live record of a collection, sorted by id (empty when the collection has none).
    fn records(&self, collection: &str) -> Result<Records>;

    /// The live records of a collection whose id starts with `prefix`, sorted by id. A store
    /// that can, reads only the part of the collection that holds them.
    fn records_with_prefix(&self, collection: &str, prefix: &str) -> Result<Records> {
        let mut records = self.records(collection)?;
        records.retain(|(id, _)| id.starts_with(prefix));
        Ok(records)
    }

    /// Writes a new staged generation: `base` plus `changes`, applied in order.
    fn stage(&self, collection: &str, base: StageBase, changes: &[Change]) -> Result<Staged>;

    /// Every record of a staged generation, sorted by id.
    fn staged_records(&self, staged: &Staged) -> Result<Records>;

    /// The digest of the live generation of `collection` as stored now (the one
    /// [`Staged::digest`] gave when it was staged), if it has live content. Cheap: it reads
    /// no record.
    fn live_digest(&self, collection: &str) -> Result<Option<String>>;

    /// Makes the staged generations live, all or nothing (the replaced generations stay on
    /// disk until [`ContentStore::collect_garbage`], so a crash before the flush is harmless).
    fn swap(&self, swaps: &[Swap]) -> Result<()>;

    /// Throws a staged generation away (after a failed check or a cancel).
    fn discard(&self, staged: &Staged) -> Result<()>;

    /// Makes everything written so far durable; call before reporting success.
    fn flush(&self) -> Result<()>;

    /// Drops every generation that no head points to (replaced or abandoned staged ones).
    /// Call only while holding [`ContentStore::sync_lock`], after a flush.
    fn collect_garbage(&self) -> Result<()>;

    /// Removes every collection, generation and metadata entry (the store becomes empty) and
    /// flushes.
    fn clear(&self) -> Result<()>;

    /// A small bookkeeping value (e.g. the last poll's ETag), if set. Not signed content:
    /// losing it only costs a bigger next sync.
    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>>;

    /// Sets (`Some`) or removes (`None`) a bookkeeping value.
    fn set_meta(&self, key: &str, value: Option<&[u8]>) -> Result<()>;

    /// The lock a writer holds from staging to garbage collection, so two syncs in one process
    /// never interleave on the same store.
    fn sync_lock(&self) -> &Mutex<()>;
}

#[cfg(test)]
mod contract_tests;
