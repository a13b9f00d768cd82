//! What a sync did and what content the device holds, as records for the apps.
//!
//! Hand-written because their shape differs from the core's `AsOf`, `CollectionReport`,
//! `SyncReport` and `NeedsUpdate`: a `SystemTime` instead of chrono's `DateTime<Utc>`, the
//! outcome as a string, and the core's description and message sentences as fields. The
//! collection is the core's own `Collection` (`ContentCollection` in the apps).

use std::time::SystemTime;
use veiviser_core::device::{
    AsOf, CollectionReport as CoreCollectionReport, SyncReport as CoreSyncReport,
};
use veiviser_core::sync::protocol::Collection;

/// Which published state of one collection the device holds ("content as of …").
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContentAsOf {
    /// The collection.
    pub collection: Collection,
    /// Its server sequence number.
    pub sequence: u64,
    /// When that state was published.
    pub published_at: SystemTime,
    /// `bundled`, or the server URL it was synced from.
    pub source: String,
    /// Number of records.
    pub records: u64,
    /// One line for an "about" screen or a log.
    pub description: String,
}

impl From<AsOf> for ContentAsOf {
    fn from(a: AsOf) -> Self {
        ContentAsOf {
            description: a.describe(),
            collection: a.collection,
            sequence: a.sequence,
            published_at: a.published_at.into(),
            source: a.source,
            records: a.records,
        }
    }
}

/// How one collection fared in a sync.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CollectionSyncReport {
    /// The collection.
    pub collection: Collection,
    /// The device's sequence before the sync.
    pub sequence_before: Option<u64>,
    /// The device's sequence after it.
    pub sequence_after: Option<u64>,
    /// `unchanged`, `not_modified`, `delta` or `full`.
    pub outcome: String,
    /// Records upserted plus records deleted.
    pub records_changed: u64,
    /// Body bytes of the changeset response on the wire.
    pub wire_bytes: u64,
}

impl From<CoreCollectionReport> for CollectionSyncReport {
    fn from(c: CoreCollectionReport) -> Self {
        CollectionSyncReport {
            collection: c.collection,
            sequence_before: c.sequence_before,
            sequence_after: c.sequence_after,
            outcome: c.outcome.to_string(),
            records_changed: c.records_changed,
            wire_bytes: c.wire_bytes,
        }
    }
}

/// A stored guide this app version cannot show until it is updated.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct GuideNeedsUpdate {
    /// The guide id.
    pub id: String,
    /// The client version it requires.
    pub needed: u32,
    /// This build's client version.
    pub supported: u32,
    /// The message for the user (English).
    pub message: String,
}

/// What a sync did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReport {
    /// The server synced from.
    pub server: String,
    /// Whether the poll answered `304 Not Modified` (nothing downloaded at all).
    pub poll_not_modified: bool,
    /// Per collection, in sync order.
    pub collections: Vec<CollectionSyncReport>,
    /// HTTP requests sent.
    pub requests: u32,
    /// Body bytes received on the wire, all requests together.
    pub wire_bytes: u64,
    /// Guides stored that need a newer app.
    pub needs_update: Vec<GuideNeedsUpdate>,
    /// Warnings for the user (stale content).
    pub warnings: Vec<String>,
}

impl From<CoreSyncReport> for SyncReport {
    fn from(r: CoreSyncReport) -> Self {
        SyncReport {
            server: r.server,
            poll_not_modified: r.poll_not_modified,
            collections: r.collections.into_iter().map(Into::into).collect(),
            requests: r.requests,
            wire_bytes: r.wire_bytes,
            needs_update: r
                .needs_update
                .into_iter()
                .map(|n| GuideNeedsUpdate {
                    message: n.message(),
                    id: n.id,
                    needed: n.needed,
                    supported: n.supported,
                })
                .collect(),
            warnings: r.warnings,
        }
    }
}
