//! How a changeset becomes store changes: the one place that translates the
//! sync protocol's records and tombstones into the storage layer's staged changes.

use crate::store::{Change, StageBase};
use crate::sync::protocol::Changeset;

/// How to stage a changeset: from nothing (full) or from the live state (delta), and the
/// record changes in order (upserts, then tombstones).
pub fn staging_of(cs: &Changeset) -> (StageBase, Vec<Change>) {
    let base = if cs.full {
        StageBase::Empty
    } else {
        StageBase::Live
    };
    let mut changes: Vec<Change> = cs
        .records
        .iter()
        .map(|r| Change::Upsert {
            id: r.id.clone(),
            value: serde_json::to_vec(&r.data).expect("JSON values always serialize"),
        })
        .collect();
    changes.extend(
        cs.tombstones
            .iter()
            .map(|t| Change::Delete { id: t.id.clone() }),
    );
    (base, changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::{Collection, Record, SignatureInfo, Tombstone};
    use serde_json::json;

    fn changeset(full: bool) -> Changeset {
        Changeset {
            collection: Collection::Guides,
            schema_version: 1,
            sequence: 9,
            published_at: "2026-11-22T12:00:00Z".parse().unwrap(),
            since: (!full).then_some(5),
            full,
            records: vec![Record {
                id: "a".into(),
                data: json!({"x": 1}),
            }],
            tombstones: if full {
                vec![]
            } else {
                vec![Tombstone { id: "b".into() }]
            },
            signature: SignatureInfo {
                key_id: "k".into(),
                sig: String::new(),
            },
        }
    }

    #[test]
    fn staging_upserts_then_deletes() {
        let (base, changes) = staging_of(&changeset(false));
        assert_eq!(base, StageBase::Live);
        assert_eq!(
            changes,
            vec![
                Change::Upsert {
                    id: "a".into(),
                    value: br#"{"x":1}"#.to_vec()
                },
                Change::Delete { id: "b".into() }
            ]
        );
        assert_eq!(staging_of(&changeset(true)).0, StageBase::Empty);
    }
}
