//! Opening the device's content, and repairing it on the way.
//!
//! [`DeviceContent::open`] never fails because of bad local data: an unopenable database, a
//! store whose content no longer matches its signature, or a store that lost its content is
//! rebuilt from the bundled snapshot (and the user is told to sync). It fails only when the
//! folder cannot be used at all (permissions, another process holding it).

use super::contact_book::ContactBookCache;
use super::driver::Incoming;
use super::listener::ActiveGates;
use super::registry;
use crate::error::{Error, Result, StorageError};
use crate::store::{ContentStore, MemoryStore, OpenOutcome, SledStore};
use crate::sync::engine::records_to_map;
use crate::sync::engine::LocalState;
use crate::sync::highwater::{HighWater, Mark, HIGHWATER_FILE};
use crate::sync::progress::{CancelFlag, NoProgress};
use crate::sync::protocol::{Changeset, Snapshot};
use crate::sync::signing::{self, TrustedKeys};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The sled folder's name inside the data folder.
pub const STORE_DIR: &str = "store";

/// The `source` recorded for content restored from the bundled snapshot.
pub const BUNDLED_SOURCE: &str = "bundled";

/// The device's content and everything needed to keep it trustworthy: the store, the
/// anti-rollback marks, the trusted keys and the bundled snapshot, with the reads
/// and the sync driver ([`DeviceContent::sync`]) on top. Thread-safe; one
/// instance per data folder per process ([`DeviceContent::open`]).
pub struct DeviceContent {
    pub(super) store: Arc<dyn ContentStore>,
    pub(super) highwater_path: Option<PathBuf>,
    pub(super) highwater: Mutex<HighWater>,
    pub(super) trusted: TrustedKeys,
    pub(super) bundled: Option<Snapshot>,
    pub(super) notices: Vec<String>,
    /// The contact book built from the stored directory and places, rebuilt after they change.
    pub(super) book: ContactBookCache,
    /// The listener gates of the syncs running on this store ([`super::listener`]).
    pub(super) gates: ActiveGates,
}

impl std::fmt::Debug for DeviceContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceContent")
            .field("store", &self.store)
            .field("highwater_path", &self.highwater_path)
            .finish_non_exhaustive()
    }
}

impl DeviceContent {
    /// Opens the content in `data_dir` (sled in `data_dir/store`, the high-water file beside
    /// it), repairing what can be repaired; see the module docs.
    ///
    /// One instance per folder per process: when this process already has `data_dir` open,
    /// that instance is returned (with the keys and snapshot it was opened with), so the store
    /// is never opened twice — sled locks its files only on desktop systems, and two opens on
    /// Android or iOS would corrupt it (the registry in `device/registry.rs`).
    pub fn open(
        data_dir: &Path,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
    ) -> Result<Arc<DeviceContent>> {
        let io = |e| StorageError::io(data_dir.display().to_string(), e);
        std::fs::create_dir_all(data_dir).map_err(io)?;
        let canonical = data_dir.canonicalize().map_err(io)?;
        registry::open_shared(&canonical, || {
            Self::open_exclusive(&canonical, trusted, bundled)
        })
    }

    /// Whether this process has the content in `data_dir` open right now.
    pub fn is_open(data_dir: &Path) -> bool {
        data_dir
            .canonicalize()
            .map(|p| registry::is_open(&p))
            .unwrap_or(false)
    }

    fn open_exclusive(
        data_dir: &Path,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
    ) -> Result<DeviceContent> {
        let (store, outcome) = SledStore::open(&data_dir.join(STORE_DIR))?;
        let mut notices = Vec::new();
        if let OpenOutcome::Rebuilt { reason } = outcome {
            notices.push(format!(
                "the local store was damaged ({reason}) and has been rebuilt"
            ));
        }
        Self::init(
            store,
            Some(data_dir.join(HIGHWATER_FILE)),
            trusted,
            bundled,
            notices,
        )
    }

    /// Content kept in memory only (tests, hosts without storage); marks are not persisted.
    pub fn in_memory(trusted: TrustedKeys, bundled: Option<Snapshot>) -> Result<DeviceContent> {
        Self::init(
            Arc::new(MemoryStore::new()),
            None,
            trusted,
            bundled,
            Vec::new(),
        )
    }

    /// Opens content over any store (the FFI and tests use this to pick the store).
    pub fn with_store(
        store: Arc<dyn ContentStore>,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
    ) -> Result<DeviceContent> {
        Self::init(store, highwater_path, trusted, bundled, Vec::new())
    }

    fn init(
        store: Arc<dyn ContentStore>,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
        mut notices: Vec<String>,
    ) -> Result<DeviceContent> {
        let mut marks = match &highwater_path {
            Some(path) => {
                let loaded = HighWater::load(path)?;
                if let Some(why) = loaded.damaged {
                    notices.push(format!(
                        "the anti-rollback file was unreadable ({why}); rebuilt it from the stored and bundled content"
                    ));
                }
                loaded.marks
            }
            None => HighWater::default(),
        };
        let original_marks = marks.clone();
        let mut content = DeviceContent {
            store,
            highwater_path,
            highwater: Mutex::new(HighWater::default()),
            trusted,
            bundled,
            notices: Vec::new(),
            book: ContactBookCache::default(),
            gates: ActiveGates::default(),
        };

        // 1. Stored content must still match the signatures it was verified with.
        let store = content.store.clone();
        let guard = store
            .sync_lock()
            .lock()
            .map_err(|_| Error::Storage(StorageError::Poisoned("sync lock")))?;
        if let Err(e) = content.verify_stored() {
            content.store.clear().map_err(|clear_err| {
                Error::Storage(StorageError::Damaged(format!(
                    "the local content is damaged ({e}) and could not be cleared ({clear_err}); delete the folder {} and run sync",
                    content
                        .highwater_path
                        .as_deref()
                        .and_then(Path::parent)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                )))
            })?;
            notices.push(format!(
                "the local content failed its integrity check ({e}) and has been rebuilt"
            ));
        }

        // 2. Content this device had accepted before but the store no longer holds.
        let states = content.local_states()?;
        let lost: Vec<String> = marks
            .collections
            .keys()
            .filter(|c| !states.keys().any(|s| s.as_str() == c.as_str()))
            .cloned()
            .collect();
        if !lost.is_empty() && notices.is_empty() {
            notices.push(format!(
                "the local store had lost {} that this device synced before; restored what the bundled snapshot has",
                lost.join(", ")
            ));
        }

        // 3. The marks are at least what is stored, and at least the bundled floor.
        for state in states.values() {
            marks.raise(
                state.collection.as_str(),
                Mark {
                    sequence: state.sequence,
                    published_at: state.published_at,
                },
            );
        }
        // Only bundled collections signed by a trusted key count (a build for another
        // deployment may carry demo content it does not trust).
        let mut untrusted_bundled = Vec::new();
        if let Some(snapshot) = content.bundled.take() {
            let (trusted_part, rejected): (Vec<Changeset>, Vec<Changeset>) = snapshot
                .collections
                .into_iter()
                .partition(|cs| cs.verify_full(&content.trusted).is_ok());
            untrusted_bundled = rejected
                .into_iter()
                .filter(|cs| !states.contains_key(&cs.collection))
                .map(|cs| cs.collection.to_string())
                .collect();
            content.bundled = Some(Snapshot {
                format: snapshot.format,
                collections: trusted_part,
            });
        }
        if !untrusted_bundled.is_empty() {
            notices.push(format!(
                "the bundled content for {} is not signed by a trusted key and was not used; run sync",
                untrusted_bundled.join(", ")
            ));
        }
        if let Some(snapshot) = &content.bundled {
            for cs in &snapshot.collections {
                marks.raise(
                    cs.collection.as_str(),
                    Mark {
                        sequence: cs.sequence,
                        published_at: cs.published_at,
                    },
                );
            }
        }
        *content.lock_marks()? = marks.clone();

        // 4. Restore bundled content where the store has nothing or something older.
        if let Some(snapshot) = content.bundled.clone() {
            let incoming: Vec<Incoming> = snapshot
                .collections
                .iter()
                .filter(|cs| {
                    states
                        .get(&cs.collection)
                        .is_none_or(|s| s.sequence < cs.sequence)
                })
                .map(|cs| Incoming {
                    changeset: cs.clone(),
                    etag: None,
                    source: BUNDLED_SOURCE.to_string(),
                    wire_bytes: 0,
                    check_rollback: false,
                })
                .collect();
            if !incoming.is_empty() {
                let applied =
                    content.apply(incoming, false, &CancelFlag::new(), &NoProgress, &mut 0);
                match applied {
                    Ok(_) => {
                        if !notices.is_empty() {
                            notices.push(
                                "showing the bundled content; run `veiviser sync` to update it"
                                    .into(),
                            );
                        }
                    }
                    Err(e) => notices.push(format!(
                        "the bundled content could not be used ({e}); run sync to get content"
                    )),
                }
            }
        }
        drop(guard);

        if marks != original_marks {
            content.save_marks(&marks)?;
        }
        content.notices = notices;
        Ok(content)
    }

    pub(super) fn lock_marks(&self) -> Result<MutexGuard<'_, HighWater>> {
        self.highwater
            .lock()
            .map_err(|_| Error::Storage(StorageError::Poisoned("anti-rollback marks")))
    }

    pub(super) fn save_marks(&self, marks: &HighWater) -> Result<()> {
        if let Some(path) = &self.highwater_path {
            marks.save(path)?;
        }
        Ok(())
    }

    /// Re-checks every stored collection against the signature and key it was stored with.
    fn verify_stored(&self) -> Result<()> {
        for (name, head) in self.store.heads()? {
            let state = LocalState::from_meta(&name, &head.meta)?;
            if state.collection.as_str() != name {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "the head of {name} describes {}",
                    state.collection
                ))));
            }
            let map = records_to_map(&name, self.store.records(&name)?)?;
            let public: [u8; 32] = B64
                .decode(&state.verified_with)
                .ok()
                .and_then(|v| v.try_into().ok())
                .ok_or_else(|| {
                    Error::Storage(StorageError::Damaged(format!(
                        "the stored key of {name} is damaged"
                    )))
                })?;
            let mut keys = TrustedKeys::new();
            keys.insert(state.signature.key_id.clone(), public);
            signing::verify_state(&state.header(), &map, &state.signature, &keys).map_err(|e| {
                Error::Storage(StorageError::Damaged(format!(
                    "stored {name} no longer verifies: {e}"
                )))
            })?;
        }
        Ok(())
    }
}
