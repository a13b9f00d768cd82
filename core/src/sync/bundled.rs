//! The bundled snapshot: signed content shipped inside the app, so a fresh install (or a
//! rebuilt store) has verified content before its first sync, and whose sequences are the
//! anti-rollback floor.

use crate::error::{Error, Result, StorageError};
use crate::sync::protocol::{Collection, Snapshot, SNAPSHOT_FORMAT};

/// Parses a snapshot file (as `veiviser-server export` writes it) and checks its shape.
///
/// Signatures are *not* checked here; they are verified like any sync when the snapshot is
/// applied to a store.
pub fn parse_snapshot(bytes: &[u8], source_name: &str) -> Result<Snapshot> {
    let snapshot: Snapshot = serde_json::from_slice(bytes).map_err(|e| {
        Error::Storage(StorageError::Bundled(format!(
            "{source_name}: not a Veiviser snapshot ({e}); regenerate it with `veiviser-server export`"
        )))
    })?;
    if snapshot.format != SNAPSHOT_FORMAT {
        return Err(Error::Storage(StorageError::Bundled(format!(
            "{source_name}: snapshot format {} is not supported (expected {SNAPSHOT_FORMAT})",
            snapshot.format
        ))));
    }
    let mut seen: Vec<Collection> = Vec::new();
    for cs in &snapshot.collections {
        if !cs.full || cs.since.is_some() || !cs.tombstones.is_empty() {
            return Err(Error::Storage(StorageError::Bundled(format!(
                "{source_name}: {} is not a full snapshot",
                cs.collection
            ))));
        }
        if seen.contains(&cs.collection) {
            return Err(Error::Storage(StorageError::Bundled(format!(
                "{source_name}: {} appears twice",
                cs.collection
            ))));
        }
        seen.push(cs.collection);
    }
    Ok(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::{Changeset, SignatureInfo};

    fn full(collection: Collection) -> Changeset {
        Changeset {
            collection,
            schema_version: 1,
            sequence: 1,
            published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
            since: None,
            full: true,
            records: vec![],
            tombstones: vec![],
            signature: SignatureInfo {
                key_id: "k".into(),
                sig: "AA==".into(),
            },
        }
    }

    #[test]
    fn shape_is_checked() {
        let ok = Snapshot {
            format: 1,
            collections: vec![full(Collection::Guides), full(Collection::Places)],
        };
        let bytes = serde_json::to_vec(&ok).unwrap();
        assert_eq!(parse_snapshot(&bytes, "s.json").unwrap(), ok);

        let mut twice = ok.clone();
        twice.collections.push(full(Collection::Guides));
        let e = parse_snapshot(&serde_json::to_vec(&twice).unwrap(), "s.json").unwrap_err();
        assert!(e.to_string().contains("guides appears twice"), "{e}");

        let mut delta = ok.clone();
        delta.collections[0].full = false;
        let e = parse_snapshot(&serde_json::to_vec(&delta).unwrap(), "s.json").unwrap_err();
        assert!(e.to_string().contains("not a full snapshot"), "{e}");

        let e = parse_snapshot(b"{}", "s.json").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("local storage: s.json: not a Veiviser snapshot"),
            "{e}"
        );
    }
}
