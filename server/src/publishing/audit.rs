//! `veiviser-server audit`: the audit trail of a data folder, one line per publish.
//!
//! The trail is the committed batch records in `published/` (who published what, when and
//! from which files); it is read from the files, not from the database.

use crate::data_dir::DataDir;
use crate::publishing::published::{BatchRecord, PublishedError};

/// Every committed batch of `data`, oldest first.
pub fn audit_trail(data: &DataDir) -> Result<Vec<BatchRecord>, PublishedError> {
    Ok(data.scan()?.batches.into_values().collect())
}

/// One batch as a JSON line.
pub fn json_line(batch: &BatchRecord) -> String {
    serde_json::to_string(batch).expect("a batch serializes")
}

/// One batch as a text line: time, actor, `collection@sequence`s, and the source files.
pub fn text_line(batch: &BatchRecord) -> String {
    let what: Vec<String> = batch
        .revisions
        .iter()
        .map(|r| format!("{}@{}", r.collection, r.sequence))
        .collect();
    let from: Vec<&str> = batch.sources.iter().map(|s| s.name.as_str()).collect();
    format!(
        "{}  {}  {}  from {}",
        batch.published_at.to_rfc3339(),
        batch.actor,
        what.join(", "),
        if from.is_empty() {
            "-".to_string()
        } else {
            from.join(", ")
        }
    )
}
