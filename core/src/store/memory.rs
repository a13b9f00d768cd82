//! An in-memory [`ContentStore`] for fast tests and for hosts without a writable disk.

use super::{Change, ContentStore, Head, Records, StageBase, Staged, Swap};
use crate::error::{Error, Result, StorageError};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};

/// A [`ContentStore`] that lives in memory; same semantics as the sled store, no durability.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
    sync_lock: Mutex<()>,
}

#[derive(Debug, Default)]
struct Inner {
    heads: BTreeMap<String, Head>,
    generations: HashMap<(String, u64), BTreeMap<String, Vec<u8>>>,
    digests: HashMap<(String, u64), String>,
    meta: BTreeMap<String, Vec<u8>>,
    next_generation: u64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> Result<MutexGuard<'_, Inner>> {
        self.inner
            .lock()
            .map_err(|_| Error::Storage(StorageError::Poisoned("in-memory store")))
    }
}

fn sorted(map: &BTreeMap<String, Vec<u8>>) -> Records {
    map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

impl ContentStore for MemoryStore {
    fn heads(&self) -> Result<BTreeMap<String, Head>> {
        Ok(self.lock()?.heads.clone())
    }

    fn get(&self, collection: &str, id: &str) -> Result<Option<Vec<u8>>> {
        let inner = self.lock()?;
        let Some(head) = inner.heads.get(collection) else {
            return Ok(None);
        };
        Ok(inner
            .generations
            .get(&(collection.to_string(), head.generation))
            .and_then(|g| g.get(id).cloned()))
    }

    fn records(&self, collection: &str) -> Result<Records> {
        let inner = self.lock()?;
        let Some(head) = inner.heads.get(collection) else {
            return Ok(Vec::new());
        };
        Ok(inner
            .generations
            .get(&(collection.to_string(), head.generation))
            .map(sorted)
            .unwrap_or_default())
    }

    fn stage(&self, collection: &str, base: StageBase, changes: &[Change]) -> Result<Staged> {
        let mut inner = self.lock()?;
        let mut records = match (base, inner.heads.get(collection)) {
            (StageBase::Live, Some(head)) => inner
                .generations
                .get(&(collection.to_string(), head.generation))
                .cloned()
                .unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        for change in changes {
            match change {
                Change::Upsert { id, value } => {
                    records.insert(id.clone(), value.clone());
                }
                Change::Delete { id } => {
                    records.remove(id);
                }
            }
        }
        inner.next_generation += 1;
        let generation = inner.next_generation;
        let digest =
            super::chunks::digest_of(records.iter().map(|(k, v)| (k.as_str(), v.as_slice())));
        let key = (collection.to_string(), generation);
        inner.digests.insert(key.clone(), digest.clone());
        inner.generations.insert(key, records);
        Ok(Staged {
            collection: collection.to_string(),
            generation,
            digest,
        })
    }

    fn staged_records(&self, staged: &Staged) -> Result<Records> {
        let inner = self.lock()?;
        inner
            .generations
            .get(&(staged.collection.clone(), staged.generation))
            .map(sorted)
            .ok_or_else(|| {
                Error::Storage(StorageError::Damaged(format!(
                    "staged generation {} of {} is gone",
                    staged.generation, staged.collection
                )))
            })
    }

    fn live_digest(&self, collection: &str) -> Result<Option<String>> {
        let inner = self.lock()?;
        Ok(inner
            .heads
            .get(collection)
            .and_then(|h| inner.digests.get(&(collection.to_string(), h.generation)))
            .cloned())
    }

    fn swap(&self, swaps: &[Swap]) -> Result<()> {
        let mut inner = self.lock()?;
        for swap in swaps {
            let key = (swap.staged.collection.clone(), swap.staged.generation);
            if !inner.generations.contains_key(&key) {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "staged generation {} of {} is gone; nothing was swapped",
                    swap.staged.generation, swap.staged.collection
                ))));
            }
        }
        for swap in swaps {
            inner.heads.insert(
                swap.staged.collection.clone(),
                Head {
                    generation: swap.staged.generation,
                    meta: swap.meta.clone(),
                },
            );
        }
        Ok(())
    }

    fn discard(&self, staged: &Staged) -> Result<()> {
        let mut inner = self.lock()?;
        let live = inner
            .heads
            .get(&staged.collection)
            .is_some_and(|h| h.generation == staged.generation);
        if !live {
            let key = (staged.collection.clone(), staged.generation);
            inner.generations.remove(&key);
            inner.digests.remove(&key);
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        Ok(())
    }

    fn collect_garbage(&self) -> Result<()> {
        let mut inner = self.lock()?;
        let live: Vec<(String, u64)> = inner
            .heads
            .iter()
            .map(|(c, h)| (c.clone(), h.generation))
            .collect();
        inner.generations.retain(|key, _| live.contains(key));
        inner.digests.retain(|key, _| live.contains(key));
        Ok(())
    }

    fn sync_lock(&self) -> &Mutex<()> {
        &self.sync_lock
    }

    fn clear(&self) -> Result<()> {
        let mut inner = self.lock()?;
        inner.heads.clear();
        inner.generations.clear();
        inner.digests.clear();
        inner.meta.clear();
        Ok(())
    }

    fn meta(&self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self.lock()?.meta.get(key).cloned())
    }

    fn set_meta(&self, key: &str, value: Option<&[u8]>) -> Result<()> {
        let mut inner = self.lock()?;
        match value {
            Some(v) => inner.meta.insert(key.to_string(), v.to_vec()),
            None => inner.meta.remove(key),
        };
        Ok(())
    }
}
