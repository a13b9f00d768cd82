//! What a sync did and which published state the device holds ("content as of …"): plain data the
//! device driver fills in and the sync-status screen renders.
//! Serializable: the CLI prints them as `--json`. With the `uniffi` feature they are the apps'
//! records too; their instants reach the apps as the platform's own time type ([`UtcTime`]).

use crate::sync::content_check::NeedsUpdate;
use crate::sync::protocol::Collection;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// An instant in UTC. The apps see it as their platform's time type (Kotlin `Instant`, Swift
/// `Date`, Python `datetime`): a uniffi custom type over `SystemTime`, so an app can compare,
/// sort and format it without parsing text.
pub type UtcTime = DateTime<Utc>;

#[cfg(feature = "uniffi")]
uniffi::custom_type!(UtcTime, std::time::SystemTime, {
    remote,
    lower: |t| t.into(),
    try_lift: |t| Ok(t.into()),
});

/// Which published state of a collection the device holds ("content as of …").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AsOf {
    /// The collection.
    pub collection: Collection,
    /// Its server sequence.
    pub sequence: u64,
    /// When it was published.
    pub published_at: UtcTime,
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

/// What a sync did with one collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SyncOutcome {
    /// Already current: nothing fetched.
    Unchanged,
    /// The server answered `304 Not Modified`.
    NotModified,
    /// A delta was applied.
    Delta,
    /// A full state replaced the stored one.
    Full,
}

impl SyncOutcome {
    /// The JSON id (`unchanged`, `not_modified`, `delta`, `full`).
    pub fn code(self) -> &'static str {
        match self {
            SyncOutcome::Unchanged => "unchanged",
            SyncOutcome::NotModified => "not_modified",
            SyncOutcome::Delta => "delta",
            SyncOutcome::Full => "full",
        }
    }
}

/// How one collection fared in a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CollectionReport {
    /// The collection.
    pub collection: Collection,
    /// The device's sequence before the sync.
    pub sequence_before: Option<u64>,
    /// The device's sequence after it.
    pub sequence_after: Option<u64>,
    /// What was done.
    pub outcome: SyncOutcome,
    /// Records upserted plus records deleted.
    pub records_changed: u64,
    /// Body bytes of the changeset response on the wire.
    pub wire_bytes: u64,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
