//! The immutable published files beside the database: the source of truth of a data folder.
//!
//! Layout of `DATA/published/`:
//! - `<seq:012>-<collection>.json`: one published revision, the full signed state of one
//!   collection at sequence `seq` (a [`Changeset`] with `full: true`, compact JSON, exactly
//!   the body the server sends for a full snapshot);
//! - `batch-<last:012>.json`: the commit record of one publish (a [`BatchRecord`]): the
//!   revisions it made (sequences `first..=last`, with their SHA-256), who published them
//!   and from which source files. It is written **last**, so a revision belongs to the
//!   published history only when its batch file exists; revision files without a batch
//!   (left by a crash mid-publish) are ignored and removed by the next publish, and so are
//!   the temporary files (`.NAME.tmp`) of an interrupted write.
//!
//! Files are written to a temporary name, flushed to disk and renamed, so a reader never
//! sees a half-written file, and no file is ever rewritten.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use veiviser_core::sync::protocol::{Changeset, Collection};

/// A problem with the published files; names the file and what to do.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct PublishedError {
    /// The file or folder concerned.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl PublishedError {
    /// An error about `path`.
    pub fn new(path: &Path, message: impl Into<String>) -> Self {
        PublishedError {
            path: path.display().to_string(),
            message: message.into(),
        }
    }
}

/// One source file of an import, as recorded in the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// The path as given to `import`.
    pub name: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
}

/// One revision made by a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevisionRef {
    /// The revision's sequence.
    pub sequence: u64,
    /// Its collection.
    pub collection: Collection,
    /// The file name inside `published/`.
    pub file: String,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// Number of records in the full state.
    pub records: usize,
    /// Records added or changed compared with the previous revision.
    pub changed: usize,
    /// Records deleted compared with the previous revision.
    pub deleted: usize,
}

/// The commit record (and audit-trail entry) of one publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRecord {
    /// The first sequence of the batch.
    pub first: u64,
    /// The last sequence of the batch.
    pub last: u64,
    /// Who published (`bootstrap` for the demo content at first start).
    pub actor: String,
    /// When it was published (the revisions' `published_at`).
    pub published_at: DateTime<Utc>,
    /// The files the content came from.
    pub sources: Vec<SourceFile>,
    /// The revisions, in sequence order.
    pub revisions: Vec<RevisionRef>,
}

/// File name of a revision.
pub fn revision_file_name(sequence: u64, collection: Collection) -> String {
    format!("{sequence:012}-{}.json", collection.as_str())
}

/// File name of a batch record.
pub fn batch_file_name(last: u64) -> String {
    format!("batch-{last:012}.json")
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `bytes` to `dir/name` atomically (temp file, fsync, rename, fsync dir); refuses to overwrite.
pub fn write_immutable(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, PublishedError> {
    let path = dir.join(name);
    if path.exists() {
        return Err(PublishedError::new(
            &path,
            "already exists; published files are never rewritten",
        ));
    }
    let tmp = dir.join(format!(".{name}.tmp"));
    let io = |e: std::io::Error| PublishedError::new(&path, format!("cannot write: {e}"));
    {
        let mut f = fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    fs::rename(&tmp, &path).map_err(io)?;
    sync_dir(dir);
    Ok(path)
}

/// Flushes a directory entry (best effort; not all platforms support it).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A revision file that belongs to a committed batch.
#[derive(Debug, Clone)]
pub struct RevisionOnDisk {
    /// The revision's reference in its batch.
    pub reference: RevisionRef,
    /// Full path.
    pub path: PathBuf,
}

/// What `published/` holds: the committed batches and any leftovers of an interrupted publish.
#[derive(Debug, Clone, Default)]
pub struct PublishedScan {
    /// Committed batches, by last sequence.
    pub batches: BTreeMap<u64, BatchRecord>,
    /// Revision files not referenced by any committed batch.
    pub orphans: Vec<PathBuf>,
    /// Temporary files (`.NAME.tmp`) of a write that was interrupted; never read.
    pub temporaries: Vec<PathBuf>,
}

impl PublishedScan {
    /// The highest committed sequence (0 when nothing was published).
    pub fn head(&self) -> u64 {
        self.batches.keys().next_back().copied().unwrap_or(0)
    }

    /// The newest committed revision of each collection.
    pub fn heads(&self) -> BTreeMap<Collection, RevisionRef> {
        let mut heads = BTreeMap::new();
        for batch in self.batches.values() {
            for r in &batch.revisions {
                heads.insert(r.collection, r.clone());
            }
        }
        heads
    }
}

/// Reads and checks `published/`: every batch parses, its sequences follow on from the
/// previous batch, and each revision file it names exists.
pub fn scan(dir: &Path) -> Result<PublishedScan, PublishedError> {
    let mut scan = PublishedScan::default();
    if !dir.exists() {
        return Ok(scan);
    }
    let entries =
        fs::read_dir(dir).map_err(|e| PublishedError::new(dir, format!("cannot list: {e}")))?;
    let mut revision_files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| PublishedError::new(dir, format!("cannot list: {e}")))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with("batch-") && name.ends_with(".json") {
            let bytes = fs::read(&path)
                .map_err(|e| PublishedError::new(&path, format!("cannot read: {e}")))?;
            let batch: BatchRecord = serde_json::from_slice(&bytes)
                .map_err(|e| PublishedError::new(&path, format!("not a batch record: {e}")))?;
            if batch_file_name(batch.last) != name {
                return Err(PublishedError::new(
                    &path,
                    format!("names batch {} inside", batch.last),
                ));
            }
            scan.batches.insert(batch.last, batch);
        } else if name.ends_with(".json") && !name.starts_with('.') {
            revision_files.push((name, path));
        } else if name.starts_with('.') && name.ends_with(".tmp") {
            scan.temporaries.push(path);
        }
    }
    let mut expected_first = 1;
    let mut referenced = std::collections::BTreeSet::new();
    for batch in scan.batches.values() {
        let path = dir.join(batch_file_name(batch.last));
        let seqs: Vec<u64> = batch.revisions.iter().map(|r| r.sequence).collect();
        let contiguous: Vec<u64> = (batch.first..=batch.last).collect();
        if batch.first != expected_first || seqs != contiguous {
            return Err(PublishedError::new(
                &path,
                format!(
                    "sequences {}..={} do not follow on from the previous batch (expected to start at {expected_first}); the published history is damaged: restore it from a backup",
                    batch.first, batch.last
                ),
            ));
        }
        for r in &batch.revisions {
            if r.file != revision_file_name(r.sequence, r.collection)
                || !dir.join(&r.file).is_file()
            {
                return Err(PublishedError::new(
                    &dir.join(&r.file),
                    format!(
                        "revision {} of batch {} is missing: restore it from a backup",
                        r.sequence, batch.last
                    ),
                ));
            }
            referenced.insert(r.file.clone());
        }
        expected_first = batch.last + 1;
    }
    for (name, path) in revision_files {
        if !referenced.contains(&name) {
            scan.orphans.push(path);
        }
    }
    Ok(scan)
}

/// Reads one committed revision and checks it against its batch record.
pub fn read_revision(dir: &Path, r: &RevisionRef) -> Result<(Vec<u8>, Changeset), PublishedError> {
    let path = dir.join(&r.file);
    let bytes =
        fs::read(&path).map_err(|e| PublishedError::new(&path, format!("cannot read: {e}")))?;
    if sha256_hex(&bytes) != r.sha256 {
        return Err(PublishedError::new(
            &path,
            "content does not match the SHA-256 recorded in its batch: the file is damaged; restore it from a backup",
        ));
    }
    let cs: Changeset = serde_json::from_slice(&bytes)
        .map_err(|e| PublishedError::new(&path, format!("not a changeset: {e}")))?;
    if cs.sequence != r.sequence || cs.collection != r.collection || !cs.full {
        return Err(PublishedError::new(
            &path,
            "does not hold the full revision its name says",
        ));
    }
    Ok((bytes, cs))
}
