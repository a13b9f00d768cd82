//! The one canonical serialization of a collection state: the bytes that are signed.
//!
//! Server (when publishing) and client (after merging a delta) both call
//! [`canonical_bytes`]; nothing else may produce signed bytes. The format, precisely:
//!
//! ```text
//! bytes = DOMAIN_PREFIX ++ canonical_json(state)
//! DOMAIN_PREFIX = "veiviser-content-v1" followed by one NUL byte (0x00)
//! state = {
//!   "collection":     "guides" | "directory" | "places",
//!   "key_id":         the signing key's id (string),
//!   "published_at":   RFC 3339 UTC string, e.g. "2026-11-22T10:00:00Z",
//!   "records":        [ {"data": <record JSON>, "id": "<id>"}, … ]  sorted by id (bytewise UTF-8),
//!   "schema_version": integer,
//!   "sequence":       integer
//! }
//! ```
//!
//! `records` is the **full** state of the collection at `sequence`, never a delta.
//!
//! Canonical JSON:
//! - objects: keys sorted by their UTF-8 bytes (ascending), no duplicate keys;
//! - no whitespace anywhere (`,` and `:` without spaces, no trailing newline);
//! - strings as `serde_json` writes them: UTF-8, not ASCII-escaped; `"` → `\"`, `\` → `\\`,
//!   U+0008/9/A/C/D → `\b` `\t` `\n` `\f` `\r`, other control characters below U+0020 →
//!   `\u00XX` (lowercase hex); `/` and non-ASCII are written as is;
//! - numbers as `serde_json` writes them: integers in decimal without `+` or leading zeros,
//!   floats in the shortest round-trip form (ryu), e.g. `0.5`, `1e100`;
//! - `true`, `false`, `null` literally; arrays keep their order.
//!
//! `published_at` is formatted with `Z` and without fractional seconds when they are zero;
//! otherwise with 3, 6 or 9 fractional digits (`chrono`'s `SecondsFormat::AutoSi`). The
//! server publishes whole seconds only.

use crate::sync::protocol::{Collection, Record};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

/// The domain-separation prefix in front of every signed payload.
pub const DOMAIN_PREFIX: &[u8] = b"veiviser-content-v1\0";

/// The metadata bound to a signature besides the records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateHeader {
    /// The collection.
    pub collection: Collection,
    /// Format version of the records.
    pub schema_version: u32,
    /// The server sequence of this state.
    pub sequence: u64,
    /// When this state was published.
    pub published_at: DateTime<Utc>,
    /// The id of the key that signs this state.
    pub key_id: String,
}

/// Two records with the same id in what should be a collection state.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("duplicate record id `{0}` in one collection state")]
pub struct DuplicateRecordId(pub String);

/// The signed bytes of a full collection state given as a map from id to document.
pub fn canonical_bytes(header: &StateHeader, records: &BTreeMap<String, Value>) -> Vec<u8> {
    canonical_bytes_sorted(header, records.iter().map(|(id, data)| (id.as_str(), data)))
}

/// The signed bytes of a full collection state given as a list of records (any order).
pub fn canonical_bytes_for_records(
    header: &StateHeader,
    records: &[Record],
) -> Result<Vec<u8>, DuplicateRecordId> {
    let mut sorted: Vec<(&str, &Value)> =
        records.iter().map(|r| (r.id.as_str(), &r.data)).collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    if let Some(w) = sorted.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(DuplicateRecordId(w[0].0.to_string()));
    }
    Ok(canonical_bytes_sorted(header, sorted.into_iter()))
}

/// Writes the payload; `records` must already be sorted by id and unique.
fn canonical_bytes_sorted<'a>(
    header: &StateHeader,
    records: impl Iterator<Item = (&'a str, &'a Value)>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(DOMAIN_PREFIX);
    // Keys in sorted order: collection, key_id, published_at, records, schema_version, sequence.
    out.extend_from_slice(b"{\"collection\":");
    write_str(&mut out, header.collection.as_str());
    out.extend_from_slice(b",\"key_id\":");
    write_str(&mut out, &header.key_id);
    out.extend_from_slice(b",\"published_at\":");
    write_str(&mut out, &format_published_at(&header.published_at));
    out.extend_from_slice(b",\"records\":[");
    for (i, (id, data)) in records.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Record keys in sorted order: data, id.
        out.extend_from_slice(b"{\"data\":");
        write_canonical_json(&mut out, data);
        out.extend_from_slice(b",\"id\":");
        write_str(&mut out, id);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"schema_version\":");
    out.extend_from_slice(header.schema_version.to_string().as_bytes());
    out.extend_from_slice(b",\"sequence\":");
    out.extend_from_slice(header.sequence.to_string().as_bytes());
    out.push(b'}');
    out
}

/// `published_at` as it appears in the canonical bytes.
pub fn format_published_at(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Canonical JSON of any value: sorted keys, no whitespace (see the module docs).
pub fn to_canonical_json(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write_canonical_json(&mut out, value);
    out
}

fn write_canonical_json(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        Value::Number(n) => {
            serde_json::to_writer(&mut *out, n).expect("writing a number to a Vec cannot fail")
        }
        Value::String(s) => write_str(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical_json(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            // Sort explicitly: serde_json's map may keep insertion order (`preserve_order`).
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (k, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_str(out, k);
                out.push(b':');
                write_canonical_json(out, v);
            }
            out.push(b'}');
        }
    }
}

fn write_str(out: &mut Vec<u8>, s: &str) {
    // serde_json's string escaping is the canonical one; writing to a Vec cannot fail.
    serde_json::to_writer(&mut *out, s).expect("writing a string to a Vec cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn header() -> StateHeader {
        StateHeader {
            collection: Collection::Guides,
            schema_version: 1,
            sequence: 42,
            published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
            key_id: "test-key".into(),
        }
    }

    #[test]
    fn exact_bytes_of_a_small_state() {
        let records = vec![
            Record {
                id: "b".into(),
                data: json!({"z": 1, "a": [true, null, "x\ny"]}),
            },
            Record {
                id: "a".into(),
                data: json!("æøå/\u{1}"),
            },
        ];
        let bytes = canonical_bytes_for_records(&header(), &records).unwrap();
        let expected = concat!(
            "veiviser-content-v1\0",
            r#"{"collection":"guides","key_id":"test-key","published_at":"2026-11-22T10:00:00Z","#,
            r#""records":[{"data":"æøå/\u0001","id":"a"},{"data":{"a":[true,null,"x\ny"],"z":1},"id":"b"}],"#,
            r#""schema_version":1,"sequence":42}"#
        );
        assert_eq!(String::from_utf8(bytes).unwrap(), expected);
    }

    #[test]
    fn record_order_and_key_order_do_not_matter() {
        let a = vec![
            Record {
                id: "x".into(),
                data: json!({"b": 2, "a": 1}),
            },
            Record {
                id: "y".into(),
                data: json!(1.5),
            },
        ];
        let b = vec![a[1].clone(), a[0].clone()];
        assert_eq!(
            canonical_bytes_for_records(&header(), &a).unwrap(),
            canonical_bytes_for_records(&header(), &b).unwrap()
        );
        let map: BTreeMap<String, Value> =
            a.iter().map(|r| (r.id.clone(), r.data.clone())).collect();
        assert_eq!(
            canonical_bytes(&header(), &map),
            canonical_bytes_for_records(&header(), &a).unwrap()
        );
    }

    #[test]
    fn every_header_field_is_bound() {
        let records = BTreeMap::new();
        let base = canonical_bytes(&header(), &records);
        let mut variants = Vec::new();
        let mut h = header();
        h.collection = Collection::Places;
        variants.push(h);
        let mut h = header();
        h.schema_version = 2;
        variants.push(h);
        let mut h = header();
        h.sequence = 43;
        variants.push(h);
        let mut h = header();
        h.published_at = "2026-11-22T10:00:01Z".parse().unwrap();
        variants.push(h);
        let mut h = header();
        h.key_id = "other".into();
        variants.push(h);
        for v in variants {
            assert_ne!(canonical_bytes(&v, &records), base, "{v:?}");
        }
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let records = vec![
            Record {
                id: "a".into(),
                data: json!(1),
            },
            Record {
                id: "a".into(),
                data: json!(2),
            },
        ];
        assert_eq!(
            canonical_bytes_for_records(&header(), &records).unwrap_err(),
            DuplicateRecordId("a".into())
        );
    }

    #[test]
    fn keys_sort_by_bytes_not_by_locale() {
        let v = json!({"å": 1, "z": 2, "Z": 3, "a": 4});
        assert_eq!(
            String::from_utf8(to_canonical_json(&v)).unwrap(),
            r#"{"Z":3,"a":4,"z":2,"å":1}"#
        );
    }

    #[test]
    fn fractional_seconds_are_kept() {
        let t: DateTime<Utc> = "2026-11-22T10:00:00.250Z".parse().unwrap();
        assert_eq!(format_published_at(&t), "2026-11-22T10:00:00.250Z");
    }
}
