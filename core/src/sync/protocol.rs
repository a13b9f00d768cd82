//! Wire types of the sync protocol (`/v1/`), shared by the server and the client.
//!
//! The protocol is documented in `docs/protocol.md`. In short:
//! - `GET /v1/latest` answers a [`Latest`]: the newest sequence of every collection;
//! - `GET /v1/collections/{collection}/changeset?since=N` answers a [`Changeset`]: the records
//!   changed since sequence `N` with tombstones, or a full snapshot (`full: true`) when the
//!   client has nothing or is too far behind;
//! - every changeset carries the [`SignatureInfo`] over the *full* collection state at its
//!   sequence (see [`crate::sync::canonical`]); deltas carry that same signature.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// The version prefix of every sync path.
pub const API_PREFIX: &str = "/v1";

/// The path of the cheap poll endpoint.
pub const LATEST_PATH: &str = "/v1/latest";

/// The name of the query parameter carrying the client's sequence.
pub const SINCE_PARAM: &str = "since";

/// Media type of every JSON body the protocol sends.
pub const JSON_CONTENT_TYPE: &str = "application/json";

/// The three synced collections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
// `Collection` is a standard type in Kotlin and Swift, so the apps see `ContentCollection`.
#[cfg_attr(feature = "uniffi", uniffi(name = "ContentCollection"))]
pub enum Collection {
    /// Decision guides; one record per guide, id = guide id, data = the guide's wire JSON.
    Guides,
    /// The contact directory; one record per directory entry.
    Directory,
    /// Places: the postcode register and the bydel candidates per postcode.
    Places,
    /// Release notes: what each publish changed, in words for staff ("Hva er nytt"); one
    /// record per publish, see [`crate::release_note::ReleaseNote`].
    Releases,
}

impl Collection {
    /// Every collection, in the order clients sync them.
    pub const ALL: [Collection; 4] = [
        Collection::Guides,
        Collection::Directory,
        Collection::Places,
        Collection::Releases,
    ];

    /// The name used in paths, files and signatures (`guides`, `directory`, `places`).
    pub fn as_str(self) -> &'static str {
        match self {
            Collection::Guides => "guides",
            Collection::Directory => "directory",
            Collection::Places => "places",
            Collection::Releases => "releases",
        }
    }

    /// The path of this collection's changeset endpoint, with `?since=N` when given.
    pub fn changeset_path(self, since: Option<u64>) -> String {
        match since {
            Some(n) => format!(
                "{API_PREFIX}/collections/{}/changeset?{SINCE_PARAM}={n}",
                self.as_str()
            ),
            None => format!("{API_PREFIX}/collections/{}/changeset", self.as_str()),
        }
    }
}

impl fmt::Display for Collection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A collection name that is not one of [`Collection::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown collection `{0}`; known collections: guides, directory, places, releases")]
pub struct UnknownCollection(pub String);

impl FromStr for Collection {
    type Err = UnknownCollection;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "guides" => Ok(Collection::Guides),
            "directory" => Ok(Collection::Directory),
            "places" => Ok(Collection::Places),
            "releases" => Ok(Collection::Releases),
            other => Err(UnknownCollection(other.to_string())),
        }
    }
}

/// One record of a collection: a stable id and its JSON document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable identifier, unique within the collection.
    pub id: String,
    /// The record's document (a guide's wire JSON, a directory entry, a postcode …).
    pub data: serde_json::Value,
}

/// A record that was deleted since the client's sequence.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Tombstone {
    /// The id of the deleted record.
    pub id: String,
}

/// Who signed a collection state, and the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureInfo {
    /// Identifier of the signing key; clients look it up in their trusted-key list.
    pub key_id: String,
    /// The Ed25519 signature (64 bytes), standard base64 with padding.
    pub sig: String,
}

/// One collection's changes from the client's sequence to the server's current one.
///
/// Apply it by starting from the client's state at `since` (or from nothing when `full`),
/// upserting `records`, deleting `tombstones`, and then verifying `signature` over the
/// canonical bytes of the resulting full state (see [`crate::sync::canonical`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Changeset {
    /// The collection.
    pub collection: Collection,
    /// Format version of the records in this collection.
    pub schema_version: u32,
    /// The server sequence of the state this changeset leads to.
    pub sequence: u64,
    /// When that state was published (UTC).
    pub published_at: DateTime<Utc>,
    /// The client sequence this delta starts from; `None` for a full snapshot.
    #[serde(default)]
    pub since: Option<u64>,
    /// `true` when `records` is the complete state (replace everything, no tombstones).
    pub full: bool,
    /// Records added or changed since `since` (all records when `full`), sorted by id.
    pub records: Vec<Record>,
    /// Records deleted since `since`, sorted by id; always empty when `full`.
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    /// The signature over the full collection state at `sequence`.
    pub signature: SignatureInfo,
}

/// The head of one collection as the poll endpoint reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CollectionHead {
    /// The server sequence of the collection's newest published state.
    pub sequence: u64,
    /// When that state was published (UTC).
    pub published_at: DateTime<Utc>,
    /// Format version of the collection's records.
    pub schema_version: u32,
}

/// The answer of `GET /v1/latest`: the newest sequence of every published collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Latest {
    /// The server's global sequence (the highest sequence of any collection).
    pub sequence: u64,
    /// Per collection; a collection that was never published is absent.
    pub collections: BTreeMap<Collection, CollectionHead>,
}

/// A signed full snapshot of every collection: what `veiviser-server export` writes and the
/// CLI embeds, so a fresh install has verified content before its first sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format of this file; currently 1.
    pub format: u32,
    /// One full changeset (`full: true`, `since: None`) per collection, in [`Collection::ALL`] order.
    pub collections: Vec<Changeset>,
}

/// The current [`Snapshot::format`].
pub const SNAPSHOT_FORMAT: u32 = 1;

/// The JSON body of every error response from the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// A stable machine-readable code, e.g. `bad_request`, `not_found`, `busy`.
    pub error: String,
    /// A human-readable explanation of what is wrong and what to do.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names_round_trip() {
        for c in Collection::ALL {
            assert_eq!(c.as_str().parse::<Collection>().unwrap(), c);
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.as_str())
            );
        }
        let err = "postcodes".parse::<Collection>().unwrap_err();
        assert!(err.to_string().contains("postcodes"));
    }

    #[test]
    fn changeset_paths_are_versioned() {
        assert_eq!(
            Collection::Guides.changeset_path(None),
            "/v1/collections/guides/changeset"
        );
        assert_eq!(
            Collection::Places.changeset_path(Some(7)),
            "/v1/collections/places/changeset?since=7"
        );
    }

    #[test]
    fn latest_uses_collection_names_as_keys() {
        let mut collections = BTreeMap::new();
        collections.insert(
            Collection::Directory,
            CollectionHead {
                sequence: 3,
                published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
                schema_version: 1,
            },
        );
        let latest = Latest {
            sequence: 3,
            collections,
        };
        let json = serde_json::to_value(&latest).unwrap();
        assert_eq!(json["collections"]["directory"]["sequence"], 3);
        let back: Latest = serde_json::from_value(json).unwrap();
        assert_eq!(back, latest);
    }

    #[test]
    fn changeset_round_trips_and_defaults_tombstones() {
        let json = r#"{"collection":"guides","schema_version":1,"sequence":5,
            "published_at":"2026-11-22T10:00:00Z","full":true,
            "records":[{"id":"a","data":{"x":1}}],
            "signature":{"key_id":"k","sig":"AA=="}}"#;
        let cs: Changeset = serde_json::from_str(json).unwrap();
        assert_eq!(cs.since, None);
        assert!(cs.tombstones.is_empty());
        assert_eq!(cs.records[0].data["x"], 1);
        let again: Changeset = serde_json::from_str(&serde_json::to_string(&cs).unwrap()).unwrap();
        assert_eq!(again, cs);
    }
}
