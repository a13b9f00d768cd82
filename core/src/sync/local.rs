//! The device's content: a store, the anti-rollback marks, the trusted keys and the bundled
//! snapshot, with the sync driver and the read API on top.
//!
//! [`LocalContent::open`] never fails because of bad local data: an unopenable database, a
//! store whose content no longer matches its signature, or a store that lost its content is
//! rebuilt from the bundled snapshot (and the user is told to sync). It fails only when the
//! folder cannot be used at all (permissions, another process holding it).
//!
//! [`LocalContent::sync`] runs the sans-I/O engine ([`crate::sync::engine`]) through a
//! [`Transport`], then applies everything that changed in one step: stage every changed
//! collection, verify each staged full state's signature, check the content, swap all heads
//! atomically, flush, and only then raise the high-water marks and report success.

use crate::error::{Error, IntegrityError, Result};
use crate::guide::Guide;
use crate::store::{ContentStore, MemoryStore, SledStore, Staged, Swap};
use crate::sync::canonical::canonical_bytes;
use crate::sync::content_check::{self, NeedsUpdate};
use crate::sync::engine::{
    self, changeset_header, records_changed, records_to_map, staging_of, ChangesetOutcome,
    LocalState, PollOutcome,
};
use crate::sync::failpoints::{self, ApplyScope, Failpoint};
use crate::sync::highwater::{HighWater, Mark, HIGHWATER_FILE};
use crate::sync::progress::{CancelFlag, SyncListener, SyncProgress, SyncStage};
use crate::sync::protocol::{Changeset, Collection, Record, Snapshot};
use crate::sync::signing::{self, TrustedKeys};
use crate::sync::transport::Transport;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// The sled folder's name inside the data folder.
pub const STORE_DIR: &str = "store";

/// The `source` recorded for content restored from the bundled snapshot.
pub const BUNDLED_SOURCE: &str = "bundled";

/// Default age after which content triggers a "frozen feed" warning.
pub const DEFAULT_MAX_CONTENT_AGE_DAYS: u32 = 60;

/// How a sync behaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncOptions {
    /// Warn when the newest content is older than this many days.
    pub max_content_age_days: u32,
}

impl Default for SyncOptions {
    fn default() -> Self {
        SyncOptions {
            max_content_age_days: DEFAULT_MAX_CONTENT_AGE_DAYS,
        }
    }
}

/// Which published state of a collection the device holds ("content as of …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AsOf {
    /// The collection.
    pub collection: Collection,
    /// Its server sequence.
    pub sequence: u64,
    /// When it was published.
    pub published_at: DateTime<Utc>,
    /// `bundled` or the server URL it was synced from.
    pub source: String,
    /// Number of records.
    pub records: u64,
}

impl AsOf {
    /// `guides: sequence 7, published 2026-11-22 10:00 UTC (from http://…)`.
    pub fn describe(&self) -> String {
        format!(
            "{}: sequence {}, published {} ({} records, from {})",
            self.collection,
            self.sequence,
            self.published_at.format("%Y-%m-%d %H:%M UTC"),
            self.records,
            self.source
        )
    }
}

/// How one collection fared in a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CollectionReport {
    /// The collection.
    pub collection: Collection,
    /// The device's sequence before the sync.
    pub sequence_before: Option<u64>,
    /// The device's sequence after it.
    pub sequence_after: Option<u64>,
    /// `unchanged`, `not_modified` (a 304), `delta` or `full`.
    pub outcome: &'static str,
    /// Records upserted plus records deleted.
    pub records_changed: u64,
    /// Body bytes of the changeset response on the wire.
    pub wire_bytes: u64,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncReport {
    /// The server synced from.
    pub server: String,
    /// Whether the poll answered `304 Not Modified` (nothing fetched at all).
    pub poll_not_modified: bool,
    /// Per collection, in sync order.
    pub collections: Vec<CollectionReport>,
    /// HTTP requests sent.
    pub requests: u32,
    /// Body bytes received on the wire, all requests together.
    pub wire_bytes: u64,
    /// Guides stored that need a newer app.
    pub needs_update: Vec<NeedsUpdate>,
    /// Warnings for the user (stale content, rebuilt store).
    pub warnings: Vec<String>,
}

/// A guide listed from the local store.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredGuide {
    /// The guide id.
    pub id: String,
    /// The parsed guide, or why it cannot be shown (e.g. it needs a newer app).
    pub guide: std::result::Result<Guide, String>,
}

struct Incoming {
    changeset: Changeset,
    etag: Option<String>,
    source: String,
    wire_bytes: u64,
    check_rollback: bool,
}

/// The device's content and everything needed to keep it trustworthy.
pub struct LocalContent {
    store: Arc<dyn ContentStore>,
    highwater_path: Option<PathBuf>,
    highwater: Mutex<HighWater>,
    trusted: TrustedKeys,
    bundled: Option<Snapshot>,
    notices: Vec<String>,
}

impl std::fmt::Debug for LocalContent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalContent")
            .field("store", &self.store)
            .field("highwater_path", &self.highwater_path)
            .finish_non_exhaustive()
    }
}

fn meta_key(kind: &str, server: &str) -> String {
    format!("{kind}:{}", server.trim_end_matches('/'))
}

fn network(e: impl std::fmt::Display) -> Error {
    Error::Network(format!("cannot reach the server: {e}"))
}

impl LocalContent {
    /// Opens the content in `data_dir` (sled in `data_dir/store`, the high-water file beside
    /// it), repairing what can be repaired; see the module docs.
    pub fn open(
        data_dir: &Path,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
    ) -> Result<LocalContent> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::Io {
            path: data_dir.display().to_string(),
            source: e,
        })?;
        let (store, outcome) = SledStore::open(&data_dir.join(STORE_DIR))?;
        let mut notices = Vec::new();
        if let crate::store::OpenOutcome::Rebuilt { reason } = outcome {
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
    pub fn in_memory(trusted: TrustedKeys, bundled: Option<Snapshot>) -> Result<LocalContent> {
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
    ) -> Result<LocalContent> {
        Self::init(store, highwater_path, trusted, bundled, Vec::new())
    }

    fn init(
        store: Arc<dyn ContentStore>,
        highwater_path: Option<PathBuf>,
        trusted: TrustedKeys,
        bundled: Option<Snapshot>,
        mut notices: Vec<String>,
    ) -> Result<LocalContent> {
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
        let mut content = LocalContent {
            store,
            highwater_path,
            highwater: Mutex::new(HighWater::default()),
            trusted,
            bundled,
            notices: Vec::new(),
        };

        // 1. Stored content must still match the signatures it was verified with.
        let store = content.store.clone();
        let guard = store
            .sync_lock()
            .lock()
            .map_err(|_| Error::Storage("sync lock poisoned".into()))?;
        if let Err(e) = content.verify_stored() {
            content.store.clear().map_err(|clear_err| {
                Error::Storage(format!(
                    "the local content is damaged ({e}) and could not be cleared ({clear_err}); delete the folder {} and run sync",
                    content
                        .highwater_path
                        .as_deref()
                        .and_then(Path::parent)
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                ))
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
                let applied = content.apply(
                    incoming,
                    false,
                    &CancelFlag::new(),
                    &crate::sync::progress::NoProgress,
                    &mut 0,
                );
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

    fn lock_marks(&self) -> Result<MutexGuard<'_, HighWater>> {
        self.highwater
            .lock()
            .map_err(|_| Error::Storage("anti-rollback marks poisoned".into()))
    }

    fn save_marks(&self, marks: &HighWater) -> Result<()> {
        if let Some(path) = &self.highwater_path {
            marks.save(path)?;
        }
        Ok(())
    }

    /// What opening had to repair, for the user (empty when all was well).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The underlying store.
    pub fn store(&self) -> &Arc<dyn ContentStore> {
        &self.store
    }

    /// The trusted keys this content is verified against.
    pub fn trusted_keys(&self) -> &TrustedKeys {
        &self.trusted
    }

    /// The anti-rollback marks (the newest state accepted per collection).
    pub fn high_water(&self) -> Result<HighWater> {
        Ok(self.lock_marks()?.clone())
    }

    /// The stored state of every collection the device holds.
    pub fn local_states(&self) -> Result<BTreeMap<Collection, LocalState>> {
        let mut states = BTreeMap::new();
        for (name, head) in self.store.heads()? {
            let Ok(collection) = name.parse::<Collection>() else {
                continue;
            };
            states.insert(collection, LocalState::from_meta(&name, &head.meta)?);
        }
        Ok(states)
    }

    /// Re-checks every stored collection against the signature and key it was stored with.
    fn verify_stored(&self) -> Result<()> {
        for (name, head) in self.store.heads()? {
            let state = LocalState::from_meta(&name, &head.meta)?;
            if state.collection.as_str() != name {
                return Err(Error::Storage(format!(
                    "the head of {name} describes {}",
                    state.collection
                )));
            }
            let map = records_to_map(&name, self.store.records(&name)?)?;
            let public: [u8; 32] = B64
                .decode(&state.verified_with)
                .ok()
                .and_then(|v| v.try_into().ok())
                .ok_or_else(|| Error::Storage(format!("the stored key of {name} is damaged")))?;
            let mut keys = TrustedKeys::new();
            keys.insert(state.signature.key_id.clone(), public);
            let bytes = canonical_bytes(&state.header(), &map);
            signing::verify(&name, &bytes, &state.signature, &keys)
                .map_err(|e| Error::Storage(format!("stored {name} no longer verifies: {e}")))?;
        }
        Ok(())
    }

    /// "Content as of" for every collection held.
    pub fn as_of(&self) -> Result<Vec<AsOf>> {
        let mut out = Vec::new();
        for (collection, state) in self.local_states()? {
            out.push(AsOf {
                collection,
                sequence: state.sequence,
                published_at: state.published_at,
                source: state.source,
                records: self.store.records(collection.as_str())?.len() as u64,
            });
        }
        Ok(out)
    }

    /// A warning when the newest content is older than `max_age_days` (frozen feed, dead server).
    pub fn staleness_warning(
        &self,
        now: DateTime<Utc>,
        max_age_days: u32,
    ) -> Result<Option<String>> {
        let newest = self.local_states()?.values().map(|s| s.published_at).max();
        Ok(newest.and_then(|t| engine::staleness_warning(t, now, max_age_days)))
    }

    /// Every record of a collection, sorted by id.
    pub fn records(&self, collection: Collection) -> Result<Vec<Record>> {
        let map = records_to_map(
            collection.as_str(),
            self.store.records(collection.as_str())?,
        )?;
        Ok(map
            .into_iter()
            .map(|(id, data)| Record { id, data })
            .collect())
    }

    /// Every stored guide, sorted by id; one that cannot be shown says why.
    pub fn guides(&self) -> Result<Vec<StoredGuide>> {
        Ok(self
            .records(Collection::Guides)?
            .into_iter()
            .map(|r| StoredGuide {
                guide: content_check::parse_guide(&r.id, &r.data).map_err(|e| e.to_string()),
                id: r.id,
            })
            .collect())
    }

    /// One stored guide.
    pub fn guide(&self, id: &str) -> Result<Guide> {
        let bytes = self
            .store
            .get(Collection::Guides.as_str(), id)?
            .ok_or_else(|| Error::NotFound {
                what: format!("guide `{id}` in the local store"),
            })?;
        let data: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            Error::Storage(format!("guide `{id}` in the local store is damaged ({e})"))
        })?;
        content_check::parse_guide(id, &data)
    }

    /// The stored contact directory, validated (empty when none is stored).
    pub fn directory(&self) -> Result<crate::directory::Directory> {
        let map = records_to_map("directory", self.store.records("directory")?)?;
        content_check::directory_from_records(&map)
    }

    /// The stored postcode register and bydel pairs, validated (empty when none is stored).
    pub fn places(&self) -> Result<crate::directory::Places> {
        let map = records_to_map("places", self.store.records("places")?)?;
        content_check::places_from_records(&map)
    }

    /// The stored directory and places together, for "who to call" and search.
    pub fn contact_book(&self) -> Result<crate::directory::ContactBook> {
        Ok(crate::directory::ContactBook::new(
            self.directory()?,
            self.places()?,
        ))
    }

    /// Syncs from `server` (e.g. `http://127.0.0.1:8080`) through `transport`.
    ///
    /// On any error nothing changes on the device. Integrity failures (bad signature,
    /// untrusted key, rollback) are [`Error::Integrity`]; a busy server is
    /// [`Error::Backoff`], remembered so the next sync waits without contacting it.
    pub fn sync(
        &self,
        transport: &dyn Transport,
        server: &str,
        options: &SyncOptions,
        listener: &dyn SyncListener,
        cancel: &CancelFlag,
    ) -> Result<SyncReport> {
        let lock = self.store.sync_lock();
        let _guard = lock
            .lock()
            .map_err(|_| Error::Storage("sync lock poisoned".into()))?;
        let now = Utc::now();
        let backoff_key = meta_key("backoff-until", server);
        if let Some(until) = self
            .store
            .meta(&backoff_key)?
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<DateTime<Utc>>().ok())
        {
            if until > now {
                let seconds = (until - now).num_seconds().max(1) as u64;
                return Err(Error::Backoff { seconds });
            }
        }
        let result = self.sync_locked(transport, server, options, listener, cancel, now);
        match &result {
            Err(Error::Backoff { seconds }) => {
                let until = now + chrono::Duration::seconds(*seconds as i64);
                self.store
                    .set_meta(&backoff_key, Some(until.to_rfc3339().as_bytes()))?;
                self.store.flush()?;
            }
            Ok(_) => self.store.set_meta(&backoff_key, None)?,
            Err(_) => {}
        }
        result
    }

    fn sync_locked(
        &self,
        transport: &dyn Transport,
        server: &str,
        options: &SyncOptions,
        listener: &dyn SyncListener,
        cancel: &CancelFlag,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        let check_cancel = || {
            if cancel.is_cancelled() {
                Err(Error::Cancelled)
            } else {
                Ok(())
            }
        };
        check_cancel()?;
        let mut steps = 3u32; // poll, verify, apply
        let mut step = 0u32;
        let progress = |stage, collection, step: u32, steps: u32| {
            listener.on_progress(&SyncProgress {
                stage,
                collection,
                step,
                steps,
            })
        };
        progress(SyncStage::Polling, None, step, steps);

        let before = self.local_states()?;
        let poll_key = meta_key("poll-etag", server);
        let poll_etag = if before.is_empty() {
            None
        } else {
            self.store
                .meta(&poll_key)?
                .and_then(|v| String::from_utf8(v).ok())
        };
        let mut requests = 1u32;
        let resp = transport
            .send(&engine::poll_request(server, poll_etag.as_deref()))
            .map_err(network)?;
        let mut wire_bytes = resp.wire_bytes.unwrap_or(resp.body.len() as u64);
        let poll = engine::read_poll(&resp, now)?;
        step += 1;

        let unchanged = |c: Collection, outcome: &'static str| CollectionReport {
            collection: c,
            sequence_before: before.get(&c).map(|s| s.sequence),
            sequence_after: before.get(&c).map(|s| s.sequence),
            outcome,
            records_changed: 0,
            wire_bytes: 0,
        };
        let (latest, latest_etag) = match poll {
            PollOutcome::NotModified => {
                progress(SyncStage::Done, None, steps, steps);
                let mut report = SyncReport {
                    server: server.to_string(),
                    poll_not_modified: true,
                    collections: before
                        .keys()
                        .map(|&c| unchanged(c, "not_modified"))
                        .collect(),
                    requests,
                    wire_bytes,
                    needs_update: Vec::new(),
                    warnings: Vec::new(),
                };
                report.warnings.extend(self.report_warnings(now, options)?);
                report.needs_update = self.needs_update()?;
                return Ok(report);
            }
            PollOutcome::Latest { latest, etag } => (latest, etag),
        };

        let seen: BTreeMap<Collection, u64> = {
            let marks = self.lock_marks()?;
            Collection::ALL
                .iter()
                .filter_map(|&c| marks.mark(c.as_str()).map(|m| (c, m.sequence)))
                .collect()
        };
        let fetches = engine::plan(&before, &seen, &latest)?;
        steps += fetches.len() as u32;
        let mut reports: BTreeMap<Collection, CollectionReport> = Collection::ALL
            .iter()
            .filter(|c| before.contains_key(c) || latest.collections.contains_key(c))
            .map(|&c| (c, unchanged(c, "unchanged")))
            .collect();
        let mut incoming = Vec::new();
        for fetch in &fetches {
            check_cancel()?;
            progress(SyncStage::Fetching, Some(fetch.collection), step, steps);
            let req = engine::changeset_request(
                server,
                fetch.collection,
                fetch.since,
                fetch.etag.as_deref(),
            );
            requests += 1;
            let resp = transport.send(&req).map_err(network)?;
            let bytes = resp.wire_bytes.unwrap_or(resp.body.len() as u64);
            wire_bytes += bytes;
            step += 1;
            match engine::read_changeset(&resp, fetch, now)? {
                ChangesetOutcome::NotModified => {
                    if let Some(r) = reports.get_mut(&fetch.collection) {
                        r.outcome = "not_modified";
                        r.wire_bytes = bytes;
                    }
                }
                ChangesetOutcome::Changeset { changeset, etag } => {
                    incoming.push(Incoming {
                        changeset: *changeset,
                        etag,
                        source: server.trim_end_matches('/').to_string(),
                        wire_bytes: bytes,
                        check_rollback: true,
                    });
                }
            }
        }
        check_cancel()?;

        let applied = if incoming.is_empty() {
            Vec::new()
        } else {
            progress(SyncStage::Staging, None, step, steps);
            self.apply(incoming, true, cancel, listener, &mut step)?
        };
        for a in &applied {
            reports.insert(a.collection, a.clone());
        }
        for r in reports.values_mut() {
            r.sequence_before = before.get(&r.collection).map(|s| s.sequence);
        }

        // Remember the poll's ETag only when the device now holds everything it announced.
        let after = self.local_states()?;
        let complete = latest
            .collections
            .iter()
            .all(|(c, head)| after.get(c).is_some_and(|s| s.sequence >= head.sequence));
        match (&latest_etag, complete) {
            (Some(etag), true) => self.store.set_meta(&poll_key, Some(etag.as_bytes()))?,
            _ => self.store.set_meta(&poll_key, None)?,
        }
        self.store.flush()?;
        progress(SyncStage::Done, None, steps, steps);

        Ok(SyncReport {
            server: server.to_string(),
            poll_not_modified: false,
            collections: reports.into_values().collect(),
            requests,
            wire_bytes,
            needs_update: self.needs_update()?,
            warnings: self.report_warnings(now, options)?,
        })
    }

    fn report_warnings(&self, now: DateTime<Utc>, options: &SyncOptions) -> Result<Vec<String>> {
        Ok(self
            .staleness_warning(now, options.max_content_age_days)?
            .into_iter()
            .collect())
    }

    fn needs_update(&self) -> Result<Vec<NeedsUpdate>> {
        let records = self.records(Collection::Guides)?;
        let map: BTreeMap<String, serde_json::Value> =
            records.into_iter().map(|r| (r.id, r.data)).collect();
        content_check::check_collection(Collection::Guides, &map).or_else(|_| Ok(Vec::new()))
    }

    /// Stages, verifies, checks and swaps in `incoming`, all or nothing. The caller holds the
    /// sync lock. With `live_failpoints`, the crash points of [`failpoints`] are armed.
    fn apply(
        &self,
        incoming: Vec<Incoming>,
        live_failpoints: bool,
        cancel: &CancelFlag,
        listener: &dyn SyncListener,
        step: &mut u32,
    ) -> Result<Vec<CollectionReport>> {
        let _scope = live_failpoints.then(ApplyScope::enter);
        let before = self.local_states()?;
        let mut staged: Vec<Staged> = Vec::new();
        let result = self.apply_staged(&incoming, &before, cancel, listener, step, &mut staged);
        if result.is_err() {
            for s in &staged {
                let _ = self.store.discard(s);
            }
        }
        result
    }

    fn apply_staged(
        &self,
        incoming: &[Incoming],
        before: &BTreeMap<Collection, LocalState>,
        cancel: &CancelFlag,
        listener: &dyn SyncListener,
        step: &mut u32,
        staged: &mut Vec<Staged>,
    ) -> Result<Vec<CollectionReport>> {
        let steps = *step + 2;
        // Rollback first: nothing older than what this device has seen is even staged.
        {
            let marks = self.lock_marks()?;
            for inc in incoming.iter().filter(|i| i.check_rollback) {
                let cs = &inc.changeset;
                marks.check(cs.collection.as_str(), cs.sequence, cs.published_at)?;
            }
        }
        // Stage: merge each delta into a copy of the live state (or start from nothing).
        for inc in incoming {
            let (base, changes) = staging_of(&inc.changeset);
            staged.push(
                self.store
                    .stage(inc.changeset.collection.as_str(), base, &changes)?,
            );
        }
        failpoints::hit(Failpoint::AfterStaging);
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }

        // Verify: the signature over the canonical bytes of each merged full state.
        listener.on_progress(&SyncProgress {
            stage: SyncStage::Verifying,
            collection: None,
            step: *step,
            steps,
        });
        let mut swaps = Vec::new();
        for (inc, s) in incoming.iter().zip(staged.iter()) {
            let cs = &inc.changeset;
            let name = cs.collection.as_str();
            let map = records_to_map(name, self.store.staged_records(s)?)?;
            let bytes = canonical_bytes(&changeset_header(cs), &map);
            signing::verify(name, &bytes, &cs.signature, &self.trusted)?;
            content_check::check_collection(cs.collection, &map)?;
            let public = self.trusted.get(&cs.signature.key_id).ok_or_else(|| {
                IntegrityError::UntrustedKey {
                    collection: name.to_string(),
                    key_id: cs.signature.key_id.clone(),
                }
            })?;
            let state = LocalState {
                collection: cs.collection,
                schema_version: cs.schema_version,
                sequence: cs.sequence,
                published_at: cs.published_at,
                signature: cs.signature.clone(),
                verified_with: B64.encode(public),
                etag: inc.etag.clone(),
                source: inc.source.clone(),
            };
            swaps.push(Swap {
                staged: s.clone(),
                meta: state.to_meta(),
            });
        }
        *step += 1;
        failpoints::hit(Failpoint::AfterVerify);
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }

        // Swap every head at once, flush, and only then raise the marks.
        listener.on_progress(&SyncProgress {
            stage: SyncStage::Applying,
            collection: None,
            step: *step,
            steps,
        });
        self.store.swap(&swaps)?;
        failpoints::hit(Failpoint::BeforeFlush);
        self.store.flush()?;
        // The new content is durable; from here on nothing may undo it.
        staged.clear();
        let _ = self.store.collect_garbage();
        *step += 1;

        let mut marks = self.lock_marks()?;
        for inc in incoming {
            let cs = &inc.changeset;
            marks.raise(
                cs.collection.as_str(),
                Mark {
                    sequence: cs.sequence,
                    published_at: cs.published_at,
                },
            );
        }
        self.save_marks(&marks)?;
        drop(marks);

        Ok(incoming
            .iter()
            .map(|inc| {
                let cs = &inc.changeset;
                CollectionReport {
                    collection: cs.collection,
                    sequence_before: before.get(&cs.collection).map(|s| s.sequence),
                    sequence_after: Some(cs.sequence),
                    outcome: if cs.full { "full" } else { "delta" },
                    records_changed: records_changed(cs),
                    wire_bytes: inc.wire_bytes,
                }
            })
            .collect())
    }
}
