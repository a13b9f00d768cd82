//! Release notes: what one publish changed, in words for staff ("Hva er nytt").
//!
//! A note is written by the reviewer who approves a publish and travels as a record of the
//! signed `releases` collection, so a device shows only summaries the publisher signed. The
//! server keeps the newest [`KEPT`] notes in that collection; older ones leave as tombstones.

use crate::i18n::LocalizedText;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// How many notes the `releases` collection keeps (older ones are removed on publish).
pub const KEPT: usize = 50;

/// The staff-facing summary of a publish: bokmål required, nynorsk and English optional.
pub type ReleaseSummary = LocalizedText;

/// What one publish changed: its summary and the guides and directory entries it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReleaseNote {
    /// The record id: [`ReleaseNote::record_id`] of `sequence`.
    pub id: String,
    /// The first sequence of the publish batch this note describes.
    pub sequence: u64,
    /// When the batch was published.
    pub published_at: DateTime<Utc>,
    /// The summary for staff ("Hva er nytt").
    pub summary: ReleaseSummary,
    /// Ids of the guides the publish added or changed.
    #[serde(default)]
    pub guides: Vec<String>,
    /// Record ids of the directory entries the publish added or changed (`service:ID`, `area:KOMMUNE`).
    #[serde(default)]
    pub entries: Vec<String>,
    /// Published as an urgent fix, before its second review.
    #[serde(default)]
    pub urgent: bool,
}

impl ReleaseNote {
    /// The record id of the note for batch `sequence`: zero-padded, so ids sort by sequence.
    pub fn record_id(sequence: u64) -> String {
        format!("{sequence:012}")
    }

    /// The problems that make this note unusable (empty = fine), as field/message pairs.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.id != Self::record_id(self.sequence) {
            out.push((
                "id",
                format!(
                    "`{}` is not the record id of sequence {} (`{}`)",
                    self.id,
                    self.sequence,
                    Self::record_id(self.sequence)
                ),
            ));
        }
        if self.summary.nb.trim().is_empty() {
            out.push(("summary.nb", "the bokmål summary is empty".to_string()));
        }
        out
    }
}

/// Notes sorted newest first (highest sequence first).
pub fn newest_first(mut notes: Vec<ReleaseNote>) -> Vec<ReleaseNote> {
    notes.sort_by_key(|n| std::cmp::Reverse(n.sequence));
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(sequence: u64) -> ReleaseNote {
        ReleaseNote {
            id: ReleaseNote::record_id(sequence),
            sequence,
            published_at: "2026-12-01T10:00:00Z".parse().unwrap(),
            summary: LocalizedText::nb("Nytt nummer til barnevernvakten"),
            guides: vec![],
            entries: vec!["oslo-barnevernvakt".into()],
            urgent: false,
        }
    }

    #[test]
    fn ids_sort_by_sequence() {
        assert!(ReleaseNote::record_id(9) < ReleaseNote::record_id(10));
        assert_eq!(ReleaseNote::record_id(42), "000000000042");
    }

    #[test]
    fn problems_name_the_field() {
        assert!(note(3).problems().is_empty());
        let mut bad = note(3);
        bad.id = "3".into();
        bad.summary.nb = " ".into();
        let fields: Vec<_> = bad.problems().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["id", "summary.nb"]);
    }

    #[test]
    fn newest_first_orders_by_sequence() {
        let got = newest_first(vec![note(2), note(10), note(5)]);
        let seqs: Vec<_> = got.iter().map(|n| n.sequence).collect();
        assert_eq!(seqs, [10, 5, 2]);
    }
}
