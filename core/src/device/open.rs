//! Opening the device's content, and repairing it on the way.
//!
//! [`DeviceContent::open`] never fails because of bad local data: an unopenable database, a
//! store whose content no longer matches its signature, or a store that lost its content is
//! rebuilt from the bundled snapshot (and the user is told to sync). A store folder that cannot
//! be *written* — no permission, a read-only file system, no space, a file in the way — or that
//! another process holds is not damage: the content is opened read-only (the last content the
//! store held, read through a copy; else the bundled snapshot), nothing is moved aside or
//! discarded, the notice names the storage error, and `sync` refuses with it. Opening fails
//! only when the data folder itself cannot be created or resolved.

use super::contact_book::ContactBookCache;
use super::driver::Incoming;
use super::listener::ActiveGates;
use super::registry;
use crate::error::{Error, Result, StorageError};
use crate::store::{
    load_read_only, ContentStore, MemoryStore, OpenOutcome, SledStore, Staged, Swap,
};
use crate::sync::engine::records_to_map;
use crate::sync::engine::LocalState;
use crate::sync::highwater::{HighWater, Loaded, Mark, HIGHWATER_FILE};
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
    /// Why this content is read-only (the store could not be opened for writing); `sync`
    /// refuses with it.
    pub(super) read_only: Option<String>,
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
        let store_dir = data_dir.join(STORE_DIR);
        let highwater = Some(data_dir.join(HIGHWATER_FILE));
        let (store, outcome) = match SledStore::open(&store_dir) {
            Ok(opened) => opened,
            // The folder cannot be written, or another process holds it: not damage. Show
            // the last content it held (read through a copy), refuse to sync, discard nothing.
            Err(Error::Storage(
                why @ (StorageError::Unwritable { .. } | StorageError::InUse { .. }),
            )) => return Self::open_read_only(&store_dir, highwater, trusted, bundled, why),
            Err(e) => return Err(e),
        };
        let mut notices = Vec::new();
        if let OpenOutcome::Rebuilt { reason } = outcome {
            notices.push(format!(
                "the local store was damaged ({reason}) and has been rebuilt"
            ));
        }
        Self::init(store, highwater, trusted, bundled, notices, None)
    }

    /// Opens the content read-only because `why` keeps the store from being opened for
    /// writing: the stored content through a copy ([`load_read_only`]) when the folder can be
    /// read, else only the bundled snapshot. Nothing on disk is changed; syncing is refused.
    fn open_read_only(
        store_dir: &Path,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
        why: StorageError,
    ) -> Result<DeviceContent> {
        let reason = why.to_string();
        let mut notices = vec![format!("{reason}; showing the content read-only")];
        let store = match load_read_only(store_dir) {
            Ok(copy) => copy,
            Err(e) => {
                notices.push(format!(
                    "the stored content could not be read either ({e}); showing what this app bundles"
                ));
                MemoryStore::new()
            }
        };
        Self::init(
            Arc::new(store),
            highwater_path,
            trusted,
            bundled,
            notices,
            Some(reason),
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
            None,
        )
    }

    /// Opens content over any store (the FFI and tests use this to pick the store).
    pub fn with_store(
        store: Arc<dyn ContentStore>,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
    ) -> Result<DeviceContent> {
        Self::init(store, highwater_path, trusted, bundled, Vec::new(), None)
    }

    fn init(
        store: Arc<dyn ContentStore>,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
        mut notices: Vec<String>,
        mut read_only: Option<String>,
    ) -> Result<DeviceContent> {
        let mut marks = match &highwater_path {
            Some(path) => {
                let loaded = match HighWater::load(path) {
                    Ok(loaded) => loaded,
                    // An unreadable file (permissions) is not a reason to fail the open. Its
                    // marks are unknown, so nothing may overwrite it: read-only, with the
                    // marks of the stored and bundled content.
                    Err(e) => {
                        notices.push(format!("{e}; showing the content read-only"));
                        read_only.get_or_insert_with(|| e.to_string());
                        Loaded::default()
                    }
                };
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
            read_only,
        };

        // 1. Stored content must still match the signatures it was verified with.
        let store = content.store.clone();
        let guard = store
            .sync_lock()
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
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

        // Opening never fails because the folder cannot be written: the marks stay raised in
        // memory and are saved by the next sync that can write.
        if marks != original_marks && content.read_only.is_none() {
            if let Err(e) = content.save_marks(&marks) {
                notices.push(format!("{e}; the anti-rollback marks are kept in memory"));
            }
        }
        content.notices = notices;
        Ok(content)
    }

    /// The marks, recovered if a panic poisoned their lock: a mark is only ever raised, so
    /// whatever a panicking thread left is still a valid floor.
    pub(super) fn lock_marks(&self) -> Result<MutexGuard<'_, HighWater>> {
        Ok(self
            .highwater
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    pub(super) fn save_marks(&self, marks: &HighWater) -> Result<()> {
        if let Some(path) = &self.highwater_path {
            marks.save(path)?;
        }
        Ok(())
    }

    /// Checks every stored collection against what was verified when it was stored: the
    /// digest kept beside the head must be the live generation's digest (the chunks are
    /// checked against it as they are read). A state stored by an older build has no digest:
    /// its signature is verified in full once, and the digest recorded (ADR 0010).
    fn verify_stored(&self) -> Result<()> {
        for (name, head) in self.store.heads()? {
            let state = LocalState::from_meta(&name, &head.meta)?;
            if state.collection.as_str() != name {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "the head of {name} describes {}",
                    state.collection
                ))));
            }
            let live = self.store.live_digest(&name)?;
            match &state.content_digest {
                Some(verified) if live.as_ref() == Some(verified) => {}
                Some(_) => {
                    return Err(Error::Storage(StorageError::Damaged(format!(
                        "stored {name} is not the content that was verified"
                    ))))
                }
                None => {
                    self.verify_signature(&name, &state)?;
                    if let (Some(digest), None) = (live, &self.read_only) {
                        let upgraded = LocalState {
                            content_digest: Some(digest.clone()),
                            ..state
                        };
                        let swap = Swap {
                            staged: Staged {
                                collection: name.clone(),
                                generation: head.generation,
                                digest,
                            },
                            meta: upgraded.to_meta(),
                        };
                        // Best effort: without it the next open verifies in full again.
                        if self.store.swap(&[swap]).is_ok() {
                            let _ = self.store.flush();
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Verifies the stored records of `name` against the signature and key they were stored
    /// with.
    fn verify_signature(&self, name: &str, state: &LocalState) -> Result<()> {
        let map = records_to_map(name, self.store.records(name)?)?;
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
        })
    }
}
