//! The signing boundary: the only part of the admin side that holds the signing key.
//!
//! [`PublishGate`] signs and publishes only on an [`Approval`], which only the review
//! workflow in this module tree can make (its constructor is private to `crate::admin`), and
//! only after the content passed its checks again under the publish lock. Nothing reads the
//! key out of the gate: the web and API layers hold the service, which holds the gate.

use crate::admin::drafts::Issue;
use crate::admin::review::Summary;
use crate::data_dir::{CurrentRevision, DataDir};
use crate::publishing::publish::{publish, NewState, NoteRequest, PublishError, PublishMeta};
use crate::publishing::published::{BatchRecord, SourceFile};
use std::collections::BTreeMap;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::signing::SigningKey;

/// Permission to publish one reviewed draft; made only by the review workflow.
#[derive(Debug)]
pub struct Approval {
    pub(in crate::admin) review: String,
    pub(in crate::admin) draft: String,
    pub(in crate::admin) approver: String,
    pub(in crate::admin) summary: Summary,
    pub(in crate::admin) urgent: bool,
    pub(in crate::admin) source: SourceFile,
}

/// Why the gate did not publish.
#[derive(Debug)]
pub enum GateRefusal {
    /// The content does not pass the checks (against the state it would replace).
    Invalid(Vec<Issue>),
    /// The draft's base is no longer live: what changed, per record.
    Stale(serde_json::Value),
    /// The draft would change nothing.
    Unchanged,
    /// The data folder could not be read or written.
    Files(String),
}

/// Holds the signing key; publishes approved drafts.
pub struct PublishGate {
    data: DataDir,
    key: SigningKey,
}

impl std::fmt::Debug for PublishGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublishGate")
            .field("key_id", &self.key.key_id())
            .finish_non_exhaustive()
    }
}

impl PublishGate {
    /// A gate publishing into `data` with `key`.
    pub fn new(data: DataDir, key: SigningKey) -> Self {
        PublishGate { data, key }
    }

    /// The id of the key it signs with (public).
    pub fn key_id(&self) -> &str {
        self.key.key_id()
    }

    /// Publishes under the publish lock: `prepare` gets the live state and returns the new
    /// collection states (or why not); the approval's summary goes into the signed content.
    pub(in crate::admin) fn publish(
        &self,
        approval: Approval,
        prepare: impl FnOnce(
            &BTreeMap<Collection, CurrentRevision>,
        ) -> Result<BTreeMap<Collection, NewState>, GateRefusal>,
    ) -> Result<BatchRecord, GateRefusal> {
        let meta = PublishMeta {
            actor: approval.approver.clone(),
            sources: vec![approval.source.clone()],
            published_at: None,
            // "Hva er nytt": the review's summary, signed with the content it describes.
            note: Some(NoteRequest {
                summary: veiviser_core::i18n::LocalizedText {
                    nb: approval.summary.nb.clone(),
                    nn: approval.summary.nn.clone(),
                    en: approval.summary.en.clone(),
                },
                urgent: approval.urgent,
            }),
        };
        // No account names in the log (they are in the admin audit log, for admins).
        tracing::info!(
            "publishing draft {} (review {})",
            approval.draft,
            approval.review
        );
        let mut refusal = None;
        let result = publish(&self.data, &self.key, &meta, |current| {
            prepare(current).map_err(|r| {
                let message = format!("{r:?}");
                refusal = Some(r);
                message
            })
        });
        match result {
            Ok(Some(batch)) => Ok(batch),
            Ok(None) => Err(GateRefusal::Unchanged),
            Err(PublishError::Rejected(m)) => Err(refusal.unwrap_or(GateRefusal::Files(m))),
            Err(PublishError::Files(e)) => Err(GateRefusal::Files(e.to_string())),
        }
    }
}
