//! The sync driver: runs the sans-I/O engine ([`crate::sync::engine`]) through a
//! [`Transport`], then applies everything that changed in one step: stage every changed
//! collection, verify each staged full state's signature, check the content, swap all heads
//! atomically, flush, and only then raise the high-water marks and report success.

use super::staging::staging_of;
use super::DeviceContent;
use crate::error::{Error, IntegrityError, Result, StorageError, SyncError};
use crate::failpoints::{self, ApplyScope, Failpoint};
use crate::store::{Staged, Swap};
use crate::sync::content_check::{self, NeedsUpdate};
use crate::sync::engine::{
    self, records_changed, records_to_map, ChangesetOutcome, LocalState, PollOutcome,
};
use crate::sync::highwater::Mark;
use crate::sync::progress::{CancelFlag, SyncListener, SyncProgress, SyncStage};
use crate::sync::protocol::{Changeset, Collection};
use crate::sync::report::{CollectionReport, SyncOutcome, SyncReport};
use crate::sync::signing;
use crate::sync::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::PoisonError;

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

/// One changeset to apply, with where it came from.
pub(super) struct Incoming {
    /// The changeset (a delta or a full state).
    pub(super) changeset: Changeset,
    /// The response's ETag, kept with the head.
    pub(super) etag: Option<String>,
    /// `bundled` or the server URL.
    pub(super) source: String,
    /// Body bytes on the wire.
    pub(super) wire_bytes: u64,
    /// Whether the anti-rollback marks are checked (not for the bundled floor itself).
    pub(super) check_rollback: bool,
}

fn meta_key(kind: &str, server: &str) -> String {
    format!("{kind}:{}", server.trim_end_matches('/'))
}

/// A transport failure while fetching `what` (a collection, or `latest` for the poll): a body
/// that arrived but does not decode was altered in transit, an integrity failure (exit 4) like
/// any other altered answer; anything else is the network's (exit 3).
fn network(what: &str) -> impl Fn(TransportError) -> Error + '_ {
    move |e| {
        if e.damaged_body {
            IntegrityError::SignatureInvalid {
                collection: what.to_string(),
            }
            .into()
        } else {
            Error::Sync(SyncError::unreachable(e))
        }
    }
}

/// Sends `requests` through `transport` at once, one thread each, and returns the answers in
/// the same order (for transports that allow [concurrent](Transport::concurrent) calls).
fn send_all(
    transport: &dyn Transport,
    requests: &[HttpRequest],
) -> Vec<std::result::Result<HttpResponse, TransportError>> {
    std::thread::scope(|scope| {
        let sending: Vec<_> = requests
            .iter()
            .map(|r| scope.spawn(move || transport.send(r)))
            .collect();
        sending
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(TransportError::new("the transport panicked")))
            })
            .collect()
    })
}

impl DeviceContent {
    /// Syncs from `server` (e.g. `http://127.0.0.1:8080`) through `transport`.
    ///
    /// On any error nothing changes on the device. Integrity failures (bad signature,
    /// untrusted key, rollback) are [`SyncError::Integrity`]; a busy server is
    /// [`SyncError::Backoff`], remembered so the next sync waits without contacting it.
    pub fn sync(
        &self,
        transport: &dyn Transport,
        server: &str,
        options: &SyncOptions,
        listener: &dyn SyncListener,
        cancel: &CancelFlag,
    ) -> Result<SyncReport> {
        self.sync_at(transport, server, options, listener, cancel, Utc::now())
    }

    /// [`DeviceContent::sync`] at the instant `now` (tests move the clock past a backoff).
    pub(super) fn sync_at(
        &self,
        transport: &dyn Transport,
        server: &str,
        options: &SyncOptions,
        listener: &dyn SyncListener,
        cancel: &CancelFlag,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        if let Some(why) = &self.read_only {
            return Err(Error::Storage(StorageError::ReadOnly(why.clone())));
        }
        // A panic in an earlier sync (caught by the app) must not disable sync for good: the
        // lock guards no data of its own, and the store's state is all-or-nothing anyway.
        let _guard = self
            .store
            .sync_lock()
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let backoff_key = meta_key("backoff-until", server);
        if let Some(until) = self
            .store
            .meta(&backoff_key)?
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<DateTime<Utc>>().ok())
        {
            if let Some(seconds) = engine::backoff_remaining(until, now) {
                // Re-save a deadline beyond the cap so it is cut for good.
                if seconds == engine::MAX_BACKOFF_SECONDS {
                    let capped = engine::backoff_deadline(now, seconds);
                    self.store
                        .set_meta(&backoff_key, Some(capped.to_rfc3339().as_bytes()))?;
                }
                return Err(Error::Sync(SyncError::Backoff { seconds }));
            }
        }
        let result = self.sync_locked(transport, server, options, listener, cancel, now);
        match &result {
            Err(Error::Sync(SyncError::Backoff { seconds })) => {
                let until = engine::backoff_deadline(now, *seconds);
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
                Err(Error::Sync(SyncError::Cancelled))
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
        let poll = engine::poll_request(server, poll_etag.as_deref());
        // A device that holds nothing and has never accepted anything (first launch without a
        // trusted bundled snapshot) needs every full snapshot the server has: ask for them
        // together with the poll, one round trip instead of two on a slow link. The poll
        // still decides what is used; an unused answer (a collection the server does not
        // publish) is dropped, and every check below runs as for any fetch.
        let speculate = transport.concurrent()
            && before.is_empty()
            && self.lock_marks()?.collections.is_empty();
        let (resp, mut speculative) = if speculate {
            let mut all = vec![poll];
            all.extend(
                Collection::ALL
                    .iter()
                    .map(|&c| engine::changeset_request(server, c, None, None)),
            );
            let mut answers = send_all(transport, &all).into_iter();
            let poll_answer = answers.next().expect("the poll was sent");
            requests += Collection::ALL.len() as u32;
            let rest: BTreeMap<Collection, _> =
                Collection::ALL.iter().copied().zip(answers).collect();
            (poll_answer, rest)
        } else {
            (transport.send(&poll), BTreeMap::new())
        };
        let resp = resp.map_err(network("latest"))?;
        let mut wire_bytes = resp.wire_bytes.unwrap_or(resp.body.len() as u64);
        let poll = engine::read_poll(&resp, now)?;
        step += 1;

        let unchanged = |c: Collection, outcome: SyncOutcome| CollectionReport {
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
                        .map(|&c| unchanged(c, SyncOutcome::NotModified))
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
            .map(|&c| (c, unchanged(c, SyncOutcome::Unchanged)))
            .collect();
        let mut incoming = Vec::new();
        check_cancel()?;
        // Every changeset at once when the transport allows it: on a slow link each request
        // costs a round trip, and the collections do not depend on each other. The answers are
        // read in plan order, so the outcome (and the first error) is the same as one request
        // after the other.
        let requests_out: Vec<_> = fetches
            .iter()
            .map(|fetch| {
                engine::changeset_request(
                    server,
                    fetch.collection,
                    fetch.since,
                    fetch.etag.as_deref(),
                )
            })
            .collect();
        // Answers already here: the speculative full snapshots, for fetches that ask for one.
        let mut sent: Vec<Option<_>> = fetches
            .iter()
            .map(|f| {
                (f.since.is_none() && f.etag.is_none())
                    .then(|| speculative.remove(&f.collection))
                    .flatten()
            })
            .collect();
        let missing: Vec<usize> = (0..fetches.len()).filter(|&i| sent[i].is_none()).collect();
        if transport.concurrent() && missing.len() > 1 {
            let batch: Vec<HttpRequest> =
                missing.iter().map(|&i| requests_out[i].clone()).collect();
            for (&i, answer) in missing.iter().zip(send_all(transport, &batch)) {
                sent[i] = Some(answer);
                requests += 1;
            }
        }
        // What the speculation fetched and nothing uses still crossed the wire.
        wire_bytes += speculative
            .values()
            .filter_map(|a| a.as_ref().ok())
            .map(|r| r.wire_bytes.unwrap_or(r.body.len() as u64))
            .sum::<u64>();
        for (i, fetch) in fetches.iter().enumerate() {
            check_cancel()?;
            progress(SyncStage::Fetching, Some(fetch.collection), step, steps);
            let answer = match sent[i].take() {
                Some(answer) => answer,
                None => {
                    requests += 1;
                    transport.send(&requests_out[i])
                }
            };
            let resp = answer.map_err(network(fetch.collection.as_str()))?;
            let bytes = resp.wire_bytes.unwrap_or(resp.body.len() as u64);
            wire_bytes += bytes;
            step += 1;
            match engine::read_changeset(&resp, fetch, now)? {
                ChangesetOutcome::NotModified => {
                    if let Some(r) = reports.get_mut(&fetch.collection) {
                        r.outcome = SyncOutcome::NotModified;
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
    pub(super) fn apply(
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
            return Err(Error::Sync(SyncError::Cancelled));
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
            // A delta's signature covers the merged full state, not the delta: the one check
            // for a state rebuilt from parts (full changesets use `Changeset::verify_full`).
            signing::verify_state(&cs.state_header(), &map, &cs.signature, &self.trusted)?;
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
                content_digest: Some(s.digest.clone()),
                records: Some(map.len() as u64),
            };
            swaps.push(Swap {
                staged: s.clone(),
                meta: state.to_meta(),
            });
        }
        *step += 1;
        failpoints::hit(Failpoint::AfterVerify);
        if cancel.is_cancelled() {
            return Err(Error::Sync(SyncError::Cancelled));
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
        if incoming
            .iter()
            .any(|inc| inc.changeset.collection == Collection::Guides)
        {
            self.refresh_catalogue();
        }
        if incoming
            .iter()
            .any(|inc| inc.changeset.collection == Collection::Places)
        {
            super::places_source::StoredPlaces::refresh(self.store.clone());
        }
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
                    outcome: if cs.full {
                        SyncOutcome::Full
                    } else {
                        SyncOutcome::Delta
                    },
                    records_changed: records_changed(cs),
                    wire_bytes: inc.wire_bytes,
                }
            })
            .collect())
    }
}
