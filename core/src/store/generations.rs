//! Reading and writing generations of the sled store: an index in sled's `gens` tree, the
//! chunks it lists in files beside it ([`super::chunk_files`]), and the conversion of stores
//! written by the earlier layout (one sled tree of records per generation).

use super::chunks::{self, ChunkRef};
use super::sled_store::{gen_key, legacy_tree_name, storage, SledStore, LEGACY_PREFIX};
use super::{ContentStore, Records};
use crate::error::{Error, Result, StorageError};

impl SledStore {
    /// A generation's index bytes, if it has one.
    pub(super) fn index_bytes(
        &self,
        collection: &str,
        generation: u64,
    ) -> Result<Option<sled::IVec>> {
        self.gens
            .get(gen_key(collection, generation).as_bytes())
            .map_err(|e| storage("reading a generation", e))
    }

    /// A generation's index, if it has one.
    pub(super) fn index(&self, collection: &str, generation: u64) -> Result<Option<Vec<ChunkRef>>> {
        let what = format!("the index of {collection}");
        self.index_bytes(collection, generation)?
            .map(|bytes| chunks::decode_index(&bytes, &what))
            .transpose()
    }

    /// The live generation's index of `collection`; the caller holds the generations lock.
    pub(super) fn live_index(&self, collection: &str) -> Result<Option<Vec<ChunkRef>>> {
        let Some(head) = self.head(collection)? else {
            return Ok(None);
        };
        self.index(collection, head.generation)?
            .ok_or_else(|| {
                Error::Storage(StorageError::Damaged(format!(
                    "the live generation of {collection} is missing: the store is damaged"
                )))
            })
            .map(Some)
    }

    /// One chunk, checked against its hash.
    pub(super) fn chunk(&self, collection: &str, r: &ChunkRef) -> Result<Vec<u8>> {
        self.chunks.read(collection, r)
    }

    /// Every record of the generation listed by `refs`, in id order.
    pub(super) fn read_chunks(&self, collection: &str, refs: &[ChunkRef]) -> Result<Records> {
        let what = format!("stored {collection}");
        let mut records = Vec::new();
        for r in refs {
            let bytes = self.chunk(collection, r)?;
            for (id, value) in chunks::records_of_chunk(&bytes, &what)? {
                records.push((id.to_string(), value.to_vec()));
            }
        }
        Ok(records)
    }

    /// Writes `records` (sorted by id) as generation `generation` of `collection`: the chunks
    /// not already stored (durable before the index names them), then the index. Returns the
    /// digest.
    pub(super) fn write_generation(
        &self,
        collection: &str,
        generation: u64,
        records: &[(String, Vec<u8>)],
    ) -> Result<String> {
        let (chunks, index) =
            chunks::layout(records.iter().map(|(k, v)| (k.as_str(), v.as_slice())));
        self.chunks.write_all(&chunks)?;
        self.gens
            .insert(gen_key(collection, generation).as_bytes(), index.as_slice())
            .map_err(|e| storage("writing a generation", e))?;
        Ok(chunks::digest_of_index(&index))
    }

    /// Bytes of live data sled holds: heads, bookkeeping and generation indexes.
    pub(super) fn live_sled_bytes(&self) -> Result<u64> {
        let mut total = 0u64;
        for tree in [&self.heads, &self.meta, &self.gens] {
            for entry in tree.iter() {
                let (k, v) = entry.map_err(|e| storage("reading the store", e))?;
                total += (k.len() + v.len()) as u64;
            }
        }
        Ok(total)
    }

    /// Rewrites the live generations of the earlier layout (one tree of records per
    /// generation) as chunks and an index under the same generation number, then drops the
    /// old trees.
    pub(super) fn convert_legacy(&self) -> Result<()> {
        let legacy: Vec<sled::IVec> = self
            .db
            .tree_names()
            .into_iter()
            .filter(|n| n.starts_with(LEGACY_PREFIX.as_bytes()))
            .collect();
        if legacy.is_empty() {
            return Ok(());
        }
        for (collection, head) in self.heads()? {
            if self.index(&collection, head.generation)?.is_some() {
                continue;
            }
            let name = legacy_tree_name(&collection, head.generation);
            if !legacy.iter().any(|n| n.as_ref() == name.as_bytes()) {
                continue; // reported as a missing generation by the check
            }
            let tree = self
                .db
                .open_tree(&name)
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
            self.write_generation(&collection, head.generation, &records)?;
        }
        for name in legacy {
            self.db
                .drop_tree(&name)
                .map_err(|e| storage("dropping an old generation", e))?;
        }
        self.flush()
    }
}
