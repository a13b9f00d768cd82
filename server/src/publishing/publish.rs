//! Publishing: sign new collection states and commit them as one batch of immutable files.
//!
//! One global sequence numbers every revision of every collection: a batch that changes
//! guides and places gets two consecutive sequences. A collection's sequence is the
//! sequence of its newest revision. Publishing is all-or-nothing: the revision files are
//! written first and the batch record last (see [`crate::publishing::published`]), under the data
//! folder's publish lock.

use crate::data_dir::{CurrentRevision, DataDir};
use crate::publishing::published::{
    batch_file_name, revision_file_name, sha256_hex, sync_dir, write_immutable, BatchRecord,
    PublishedError, RevisionRef, SourceFile,
};
use chrono::{DateTime, SubsecRound, Utc};
use serde_json::Value;
use std::collections::BTreeMap;
use veiviser_core::release_note::{ReleaseNote, ReleaseSummary, KEPT};
use veiviser_core::sync::canonical::StateHeader;
use veiviser_core::sync::protocol::{Changeset, Collection, Record, Tombstone};
use veiviser_core::sync::signing::SigningKey;

/// The complete new state of one collection.
#[derive(Debug, Clone, PartialEq)]
pub struct NewState {
    /// Format version of the records.
    pub schema_version: u32,
    /// All records, by id.
    pub records: BTreeMap<String, Value>,
}

/// Who publishes, from what, and when.
#[derive(Debug, Clone)]
pub struct PublishMeta {
    /// Recorded in the batch (the audit trail).
    pub actor: String,
    /// The source files.
    pub sources: Vec<SourceFile>,
    /// The publish time; `None` = now. Never earlier than the previous publish.
    pub published_at: Option<DateTime<Utc>>,
    /// The note for staff this publish carries ("Hva er nytt"); `None` = no note.
    pub note: Option<NoteRequest>,
}

/// The staff-facing note of a publish, as the approving reviewer wrote it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRequest {
    /// The summary: bokmål required, nynorsk and English optional.
    pub summary: ReleaseSummary,
    /// Published as an urgent fix, before its second review.
    pub urgent: bool,
}

/// Format version of release-note records.
pub const RELEASES_SCHEMA_VERSION: u32 = 1;

/// Why a publish did not happen.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The data folder could not be read or written.
    #[error(transparent)]
    Files(#[from] PublishedError),
    /// The content was refused by the caller's check; nothing was published.
    #[error("{0}")]
    Rejected(String),
}

/// The state of a collection as stored in a revision.
pub fn records_of(changeset: &Changeset) -> BTreeMap<String, Value> {
    changeset
        .records
        .iter()
        .map(|r| (r.id.clone(), r.data.clone()))
        .collect()
}

/// Builds the signed full changeset of a collection state.
pub fn signed_full_state(
    key: &SigningKey,
    collection: Collection,
    sequence: u64,
    published_at: DateTime<Utc>,
    state: &NewState,
) -> Changeset {
    let header = StateHeader {
        collection,
        schema_version: state.schema_version,
        sequence,
        published_at,
        key_id: key.key_id().to_string(),
    };
    let signature = key.sign_state(&header, &state.records);
    Changeset {
        collection,
        schema_version: state.schema_version,
        sequence,
        published_at,
        since: None,
        full: true,
        records: state
            .records
            .iter()
            .map(|(id, data)| Record {
                id: id.clone(),
                data: data.clone(),
            })
            .collect(),
        tombstones: Vec::new(),
        signature,
    }
}

/// Publishes under the lock: `build` gets the current revisions and returns the complete new
/// state of each collection it changes (or an error message, and nothing is published).
/// Collections whose state is unchanged get no new revision. Returns the batch, or `None`
/// when nothing changed.
pub fn publish(
    data: &DataDir,
    key: &SigningKey,
    meta: &PublishMeta,
    build: impl FnOnce(
        &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<BTreeMap<Collection, NewState>, String>,
) -> Result<Option<BatchRecord>, PublishError> {
    let _lock = data.lock()?;
    let scan = data.scan()?;
    let current = data.current(&scan)?;
    let new_states = build(&current).map_err(PublishError::Rejected)?;
    if new_states.contains_key(&Collection::Releases) {
        return Err(PublishError::Rejected(
            "release notes are written by the publish itself (PublishMeta::note), not as content"
                .into(),
        ));
    }
    if let Some(note) = &meta.note {
        if note.summary.nb.trim().is_empty() {
            return Err(PublishError::Rejected(
                "the note's bokmål summary (summary.nb) is empty: write what changed for staff"
                    .into(),
            ));
        }
    }

    // Leftovers of an interrupted publish were never committed: remove them (revisions
    // without a batch, and half-written temporary files).
    for orphan in scan.orphans.iter().chain(&scan.temporaries) {
        std::fs::remove_file(orphan).map_err(|e| {
            PublishedError::new(
                orphan,
                format!("cannot remove an uncommitted revision: {e}"),
            )
        })?;
    }

    let previous_time = current.values().map(|c| c.changeset.published_at).max();
    let mut published_at = meta
        .published_at
        .unwrap_or_else(|| Utc::now().trunc_subsecs(0));
    if let Some(prev) = previous_time {
        published_at = published_at.max(prev);
    }

    let dir = data.published();
    let first = scan.head() + 1;
    let mut sequence = first;
    let mut revisions = Vec::new();
    let mut changed_ids: BTreeMap<Collection, Vec<String>> = BTreeMap::new();
    for (collection, state) in &new_states {
        let old = current.get(collection).map(|c| &c.changeset);
        if let Some((revision, changed)) =
            write_revision(&dir, key, *collection, sequence, published_at, old, state)?
        {
            changed_ids.insert(*collection, changed);
            revisions.push(revision);
            sequence += 1;
        }
    }
    // The note goes last, once the batch's content revisions (and what they changed) are known.
    if let (Some(note), false) = (&meta.note, revisions.is_empty()) {
        let old = current.get(&Collection::Releases).map(|c| &c.changeset);
        let state = releases_state(
            old.map(records_of).unwrap_or_default(),
            ReleaseNote {
                id: ReleaseNote::record_id(first),
                sequence: first,
                published_at,
                summary: note.summary.clone(),
                guides: changed_ids.remove(&Collection::Guides).unwrap_or_default(),
                entries: changed_ids
                    .remove(&Collection::Directory)
                    .unwrap_or_default(),
                urgent: note.urgent,
            },
        )?;
        let written = write_revision(
            &dir,
            key,
            Collection::Releases,
            sequence,
            published_at,
            old,
            &state,
        )?;
        if let Some((revision, _)) = written {
            revisions.push(revision);
            sequence += 1;
        }
    }
    if revisions.is_empty() {
        return Ok(None);
    }
    let batch = BatchRecord {
        first,
        last: sequence - 1,
        actor: meta.actor.clone(),
        published_at,
        sources: meta.sources.clone(),
        revisions,
    };
    let bytes =
        serde_json::to_vec_pretty(&batch).map_err(|e| PublishError::Rejected(e.to_string()))?;
    write_immutable(&dir, &batch_file_name(batch.last), &bytes)?;
    sync_dir(&dir);
    Ok(Some(batch))
}

/// Signs and writes the revision of `collection` at `sequence` unless `state` equals `old`;
/// returns its reference and the ids it added or changed.
fn write_revision(
    dir: &std::path::Path,
    key: &SigningKey,
    collection: Collection,
    sequence: u64,
    published_at: DateTime<Utc>,
    old: Option<&Changeset>,
    state: &NewState,
) -> Result<Option<(RevisionRef, Vec<String>)>, PublishError> {
    let old_records = old.map(records_of).unwrap_or_default();
    let unchanged = old.is_some_and(|c| c.schema_version == state.schema_version)
        && old_records == state.records;
    if unchanged {
        return Ok(None);
    }
    let changed: Vec<String> = state
        .records
        .iter()
        .filter(|(id, data)| old_records.get(*id) != Some(*data))
        .map(|(id, _)| id.clone())
        .collect();
    let deleted = old_records
        .keys()
        .filter(|id| !state.records.contains_key(*id))
        .count();
    let cs = signed_full_state(key, collection, sequence, published_at, state);
    let bytes = serde_json::to_vec(&cs).map_err(|e| PublishError::Rejected(e.to_string()))?;
    let file = revision_file_name(sequence, collection);
    write_immutable(dir, &file, &bytes)?;
    let revision = RevisionRef {
        sequence,
        collection,
        file,
        sha256: sha256_hex(&bytes),
        records: state.records.len(),
        changed: changed.len(),
        deleted,
    };
    Ok(Some((revision, changed)))
}

/// The `releases` state after adding `note`: the newest [`KEPT`] notes.
fn releases_state(
    mut records: BTreeMap<String, Value>,
    note: ReleaseNote,
) -> Result<NewState, PublishError> {
    let value = serde_json::to_value(&note).map_err(|e| PublishError::Rejected(e.to_string()))?;
    records.insert(note.id.clone(), value);
    // Ids are zero-padded sequences: the first keys are the oldest notes.
    while records.len() > KEPT {
        records.pop_first();
    }
    Ok(NewState {
        schema_version: RELEASES_SCHEMA_VERSION,
        records,
    })
}

/// The records added or changed from `old` to `new`, and the tombstones of those removed
/// (both sorted by id), as the protocol's delta carries them.
pub fn delta_between(
    old: &BTreeMap<String, Value>,
    new: &BTreeMap<String, Value>,
) -> (Vec<Record>, Vec<Tombstone>) {
    let records = new
        .iter()
        .filter(|(id, data)| old.get(*id) != Some(*data))
        .map(|(id, data)| Record {
            id: id.clone(),
            data: data.clone(),
        })
        .collect();
    let tombstones = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .map(|id| Tombstone { id: id.clone() })
        .collect();
    (records, tombstones)
}
