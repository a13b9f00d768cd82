//! `backup` and `restore`: copy the published files out, and rebuild a data folder from them.
//!
//! A backup is a folder with the same files as `DATA/published/` (committed batches and
//! their revisions only), and the admin state in its `admin/` folder (written and read by
//! [`crate::admin::export`]; `published::scan` does not look into sub-folders). Restoring checks every file's SHA-256 against its batch record and
//! every revision's signature against trusted keys before copying anything, then rebuilds
//! the database from the published files.

use crate::data_dir::DataDir;
use crate::publishing::index::{IndexError, SledIndex};
use crate::publishing::published::{self, batch_file_name, write_immutable, PublishedError};
use crate::publishing::repository::{Repository, RepositoryError};
use std::path::Path;
use veiviser_core::sync::signing::TrustedKeys;

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyReport {
    /// Committed batches in the source.
    pub batches: usize,
    /// Files written (files already present with the same bytes are skipped).
    pub files_written: usize,
    /// The highest sequence.
    pub head: u64,
}

/// Why a restore was refused.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    /// Files could not be read or written, or do not form a valid history.
    #[error(transparent)]
    Files(#[from] PublishedError),
    /// A revision's signature does not verify: nothing was restored.
    #[error("{file}: {source}; nothing was restored")]
    Integrity {
        /// The revision file.
        file: String,
        /// Why it was refused.
        source: veiviser_core::IntegrityError,
    },
    /// The database could not be rebuilt.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

fn file_names(scan: &published::PublishedScan) -> Vec<String> {
    let mut names = Vec::new();
    for batch in scan.batches.values() {
        names.extend(batch.revisions.iter().map(|r| r.file.clone()));
        names.push(batch_file_name(batch.last));
    }
    names
}

/// Copies `names` from `from` to `to`; a file already in `to` must have the same bytes.
/// Every file is compared before the first one is written, so a conflict copies nothing.
fn copy_files(from: &Path, to: &Path, names: &[String]) -> Result<usize, PublishedError> {
    let mut missing = Vec::new();
    for name in names {
        let src = from.join(name);
        let bytes = std::fs::read(&src)
            .map_err(|e| PublishedError::new(&src, format!("cannot read: {e}")))?;
        let dst = to.join(name);
        if !dst.exists() {
            missing.push((name, bytes));
            continue;
        }
        let existing = std::fs::read(&dst)
            .map_err(|e| PublishedError::new(&dst, format!("cannot read: {e}")))?;
        if existing != bytes {
            return Err(PublishedError::new(
                &dst,
                format!(
                    "differs from {}: the two hold different histories; nothing was copied (use an empty folder)",
                    src.display()
                ),
            ));
        }
    }
    std::fs::create_dir_all(to)
        .map_err(|e| PublishedError::new(to, format!("cannot create: {e}")))?;
    for (name, bytes) in &missing {
        write_immutable(to, name, bytes)?;
    }
    Ok(missing.len())
}

/// Copies the committed published files of `data` into `out` (created if needed; an
/// earlier backup of the same server is topped up).
pub fn backup(data: &DataDir, out: &Path) -> Result<CopyReport, PublishedError> {
    let scan = data.scan()?;
    let dir = data.published();
    // Check every file against its recorded hash, so a backup never copies damage silently.
    for batch in scan.batches.values() {
        for r in &batch.revisions {
            published::read_revision(&dir, r)?;
        }
    }
    let names = file_names(&scan);
    let files_written = copy_files(&dir, out, &names)?;
    // The copy must read back as the same history.
    let copied = published::scan(out)?;
    if copied.head() < scan.head() {
        return Err(PublishedError::new(out, "the copy is incomplete"));
    }
    Ok(CopyReport {
        batches: scan.batches.len(),
        files_written,
        head: scan.head(),
    })
}

/// Checks the backup in `from` (hashes and signatures), copies it into `data` and rebuilds
/// the database. Nothing is copied when any check fails.
pub fn restore(
    from: &Path,
    data: &DataDir,
    trusted: &TrustedKeys,
) -> Result<CopyReport, RestoreError> {
    let scan = published::scan(from)?;
    if scan.batches.is_empty() {
        return Err(PublishedError::new(
            from,
            "holds no published batches: is this a backup folder?",
        )
        .into());
    }
    for batch in scan.batches.values() {
        for r in &batch.revisions {
            let (_, cs) = published::read_revision(from, r)?;
            cs.verify_full(trusted)
                .map_err(|source| RestoreError::Integrity {
                    file: from.join(&r.file).display().to_string(),
                    source,
                })?;
        }
    }
    // No import may publish meanwhile, and no server may hold the database.
    let _lock = data.lock()?;
    let index = data.index_path();
    if index.exists() {
        if let Err(e @ IndexError::InUse(_)) = SledIndex::open(&index) {
            return Err(RepositoryError::Index(e).into());
        }
    }
    let files_written = copy_files(from, &data.published(), &file_names(&scan))?;
    // The database is only an index of the published files: rebuild it from scratch.
    if index.exists() {
        std::fs::remove_dir_all(&index).map_err(|e| {
            PublishedError::new(&index, format!("cannot remove the old database: {e}"))
        })?;
    }
    let head = Repository::open(data.clone())?.head()?;
    Ok(CopyReport {
        batches: scan.batches.len(),
        files_written,
        head,
    })
}
