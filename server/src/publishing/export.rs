//! `veiviser-server export`: a signed full snapshot of every collection, as one file.
//!
//! The output is deterministic: the same published revisions give the same bytes (the
//! snapshot holds the revisions exactly as published, with their own `published_at`).

use crate::data_dir::DataDir;
use crate::publishing::published::{sync_dir, PublishedError};
use std::path::Path;
use veiviser_core::sync::protocol::{Collection, Snapshot, SNAPSHOT_FORMAT};

/// The snapshot of a data folder's newest committed revisions, in [`Collection::ALL`] order.
pub fn snapshot_of(data: &DataDir) -> Result<Snapshot, PublishedError> {
    let scan = data.scan()?;
    let mut current = data.current(&scan)?;
    let collections = Collection::ALL
        .iter()
        .filter_map(|c| current.remove(c))
        .map(|r| r.changeset)
        .collect();
    Ok(Snapshot {
        format: SNAPSHOT_FORMAT,
        collections,
    })
}

/// The file bytes of a snapshot: compact JSON and a final newline.
pub fn snapshot_bytes(snapshot: &Snapshot) -> Vec<u8> {
    let mut bytes = serde_json::to_vec(snapshot).expect("a snapshot always serializes");
    bytes.push(b'\n');
    bytes
}

/// Writes `bytes` to `out` atomically (temporary file, then rename).
pub fn write_file(out: &Path, bytes: &[u8]) -> Result<(), PublishedError> {
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "snapshot".into());
    let tmp = dir.join(format!(".{name}.tmp"));
    let io = |e: std::io::Error| PublishedError::new(out, format!("cannot write: {e}"));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(io)?;
    std::fs::rename(&tmp, out).map_err(io)?;
    sync_dir(dir);
    Ok(())
}
