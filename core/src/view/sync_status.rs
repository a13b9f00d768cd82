//! Sync status: what the device holds ("content as of …") and what the last sync did.

use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use crate::sync::progress::{SyncProgress, SyncStage};
use crate::sync::report::{AsOf, SyncReport};
use chrono::SecondsFormat;
use serde::{Deserialize, Serialize};

/// The content on the device and the outcome of the last sync, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncStatusView {
    /// "synced from …" or "up to date with …", after a sync.
    pub headline: Option<String>,
    /// One line per collection the sync touched.
    pub collections: Vec<SyncCollectionView>,
    /// "N bytes on the wire in M requests", after a sync.
    pub wire_text: Option<String>,
    /// What the device holds, per collection.
    pub content_as_of: Vec<ContentAsOfView>,
}

/// How one collection fared in a sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncCollectionView {
    /// The collection (`guides`, `directory`, `places`).
    pub collection: String,
    /// "3" when unchanged, "2 -> 3" when it moved ("-" for none).
    pub sequence_text: String,
    /// "delta, 1 record changed, 512 bytes", or "unchanged" / "not modified".
    pub detail: String,
}

/// What the device holds of one collection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ContentAsOfView {
    /// The collection.
    pub collection: String,
    /// Its server sequence.
    pub sequence: u64,
    /// When it was published (UTC, RFC 3339).
    pub published_at: String,
    /// Number of records.
    pub records: u64,
    /// `bundled` or the server URL it was synced from.
    pub source: String,
    /// "content as of guides: sequence 3, published 2026-11-23 09:00 UTC (2 records, from …)".
    pub text: String,
}

impl ContentAsOfView {
    /// One collection's "content as of" in `lang`.
    pub fn new(a: &AsOf, lang: Lang) -> Self {
        let collection = a.collection.as_str().to_string();
        let text = msg::CONTENT_AS_OF.fill(
            lang,
            &[
                ("collection", &collection),
                ("sequence", &a.sequence.to_string()),
                (
                    "published",
                    &a.published_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ),
                ("records", &a.records.to_string()),
                ("source", &a.source),
            ],
        );
        ContentAsOfView {
            collection,
            sequence: a.sequence,
            published_at: a.published_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            records: a.records,
            source: a.source.clone(),
            text,
        }
    }
}

fn plural(n: u64, lang: Lang) -> &'static str {
    if n == 1 || lang != Lang::En {
        ""
    } else {
        "s"
    }
}

impl SyncStatusView {
    /// The status after `report` (or without a sync, when `None`), holding `as_of`, in `lang`.
    pub fn new(report: Option<&SyncReport>, as_of: &[AsOf], lang: Lang) -> Self {
        let mut view = SyncStatusView {
            headline: None,
            collections: Vec::new(),
            wire_text: None,
            content_as_of: as_of
                .iter()
                .map(|a| ContentAsOfView::new(a, lang))
                .collect(),
        };
        let Some(report) = report else {
            return view;
        };
        let headline = if report.poll_not_modified {
            msg::SYNC_UP_TO_DATE
        } else {
            msg::SYNC_SYNCED
        };
        view.headline = Some(headline.fill(lang, &[("server", &report.server)]));
        view.collections = report
            .collections
            .iter()
            .map(|c| {
                let seq = |s: Option<u64>| s.map(|n| n.to_string()).unwrap_or_else(|| "-".into());
                let sequence_text = if c.sequence_before == c.sequence_after {
                    seq(c.sequence_after)
                } else {
                    format!("{} -> {}", seq(c.sequence_before), seq(c.sequence_after))
                };
                let detail = match c.outcome {
                    "delta" | "full" => msg::SYNC_RECORDS_CHANGED.fill(
                        lang,
                        &[
                            ("outcome", c.outcome),
                            ("count", &c.records_changed.to_string()),
                            ("plural", plural(c.records_changed, lang)),
                            ("bytes", &c.wire_bytes.to_string()),
                        ],
                    ),
                    "unchanged" => msg::SYNC_UNCHANGED.get(lang).to_string(),
                    "not_modified" => msg::SYNC_NOT_MODIFIED.get(lang).to_string(),
                    other => other.replace('_', " "),
                };
                SyncCollectionView {
                    collection: c.collection.as_str().to_string(),
                    sequence_text,
                    detail,
                }
            })
            .collect();
        view.wire_text = Some(msg::SYNC_WIRE.fill(
            lang,
            &[
                ("bytes", &report.wire_bytes.to_string()),
                ("requests", &report.requests.to_string()),
                ("plural", plural(u64::from(report.requests), lang)),
            ],
        ));
        view
    }
}

/// What a sync is doing now, in words ("fetching guides"), for a progress bar.
pub fn progress_text(p: &SyncProgress, lang: Lang) -> String {
    let message = match p.stage {
        SyncStage::Polling => msg::SYNC_STAGE_POLLING,
        SyncStage::Fetching => msg::SYNC_STAGE_FETCHING,
        SyncStage::Staging => msg::SYNC_STAGE_STAGING,
        SyncStage::Verifying => msg::SYNC_STAGE_VERIFYING,
        SyncStage::Applying => msg::SYNC_STAGE_APPLYING,
        SyncStage::Done => msg::SYNC_STAGE_DONE,
    };
    let collection = p.collection.map(|c| c.as_str()).unwrap_or_default();
    message.fill(lang, &[("collection", collection)])
}
