//! What a sync did and which published state the device holds ("content as of …"): plain data the
//! device driver fills in and the sync-status screen renders.
//! Serializable: the CLI prints them as `--json`.

use crate::sync::content_check::NeedsUpdate;
use crate::sync::protocol::Collection;
use chrono::{DateTime, Utc};
use serde::Serialize;

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
