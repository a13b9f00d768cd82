//! The content workflow of [`AdminService`]: drafts, review requests, approval and decline,
//! urgent publishes and their second review, rollbacks, and the diff a reviewer reads.
//!
//! Four-eyes rule: a review is approved only by a reviewer who is none of the draft's
//! authors (everyone who created or saved it). Approval goes through the signing gate, which
//! checks the content and its base again under the publish lock.

use crate::admin::accounts::{random_bytes, Role};
use crate::admin::audit::Actor;
use crate::admin::drafts::{
    check_file, check_rollback, directory_entry_as_toml, guide_as_toml, parse_record_label,
    record_label, Checked, Draft, DraftKind, DraftState, RollbackSpec,
};
use crate::admin::gate::{Approval, GateRefusal};
use crate::admin::review::{
    content_hash, graph_diff, text_diff, GraphDiff, PublishedRange, RecordDiff, Review,
    ReviewState, SecondReview, Summary,
};
use crate::admin::service::{AdminError, AdminService, Principal};
use crate::admin::store::Tree;
use crate::data_dir::CurrentRevision;
use crate::publishing::publish::records_of;
use crate::publishing::published::{self, SourceFile};
use chrono::{Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use veiviser_core::sync::protocol::Collection;

const WRITERS: &[Role] = &[Role::Editor, Role::Reviewer];
const REVIEWERS: &[Role] = &[Role::Reviewer];
const READERS: &[Role] = &[Role::Editor, Role::Reviewer, Role::Admin];

/// A new draft.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewDraft {
    /// `guide` or `directory`.
    pub kind: DraftKind,
    /// The file name (default: `guides/draft.toml` or `directory/draft.toml`).
    #[serde(default)]
    pub file_name: Option<String>,
    /// The file's text.
    pub content: String,
}

/// A record that changed since the draft's base.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BaseChange {
    /// `guides/ID`, …
    pub record: String,
    /// The draft's base sequence.
    pub base_sequence: u64,
    /// The collection's live sequence.
    pub live_sequence: u64,
    /// A unified diff of the record from the base to live.
    pub text: String,
}

/// What a reviewer reads: every record's change, and what changed under the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DraftDiff {
    /// Live → draft, per record.
    pub records: Vec<RecordDiff>,
    /// Base → live, per record the draft touches (non-empty: the draft is stale).
    pub stale: Vec<BaseChange>,
    /// The draft's findings (errors block publishing).
    pub issues: Vec<crate::admin::drafts::Issue>,
}

fn new_id() -> String {
    random_bytes::<12>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn user(p: &Principal) -> Actor {
    Actor::User(p.name.clone())
}

fn record_toml(collection: Collection, v: &Value) -> String {
    let r = match collection {
        Collection::Guides => guide_as_toml(v),
        Collection::Directory => directory_entry_as_toml(v),
        _ => Err(String::new()),
    };
    r.unwrap_or_else(|_| serde_json::to_string_pretty(v).unwrap_or_default())
}

fn guide_of(v: Option<&Value>) -> Option<veiviser_core::guide::Guide> {
    v.and_then(|v| serde_json::from_value(v.clone()).ok())
}

impl AdminService {
    fn current(&self) -> Result<BTreeMap<Collection, CurrentRevision>, AdminError> {
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        self.data
            .current(&scan)
            .map_err(|e| AdminError::Internal(e.to_string()))
    }

    fn head(&self) -> Result<u64, AdminError> {
        Ok(self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?
            .head())
    }

    /// The records of `collection` as of sequence `seq` (its newest revision at or before).
    pub(in crate::admin) fn records_at(
        &self,
        collection: Collection,
        seq: u64,
    ) -> Result<BTreeMap<String, Value>, AdminError> {
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        let newest = scan
            .batches
            .values()
            .flat_map(|b| &b.revisions)
            .filter(|r| r.collection == collection && r.sequence <= seq)
            .max_by_key(|r| r.sequence);
        match newest {
            Some(r) => {
                let (_, cs) = published::read_revision(&self.data.published(), r)
                    .map_err(|e| AdminError::Internal(e.to_string()))?;
                Ok(records_of(&cs))
            }
            None => Ok(BTreeMap::new()),
        }
    }

    fn check(
        &self,
        draft: &Draft,
        current: &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<Checked, AdminError> {
        Ok(match (&draft.kind, &draft.rollback) {
            (DraftKind::Rollback, Some(spec)) => {
                let earlier = self.records_at(spec.collection, spec.sequence)?;
                check_rollback(spec, &earlier, current)
            }
            (kind, _) => check_file(*kind, &draft.file_name, &draft.content, current),
        })
    }

    fn apply_check(draft: &mut Draft, checked: &Checked) {
        draft.issues = checked.issues.clone();
        draft.valid = checked.states.is_some();
        if !checked.touches.is_empty() || draft.valid {
            draft.touches = checked
                .touches
                .iter()
                .map(|(c, id)| record_label(*c, id))
                .collect();
        }
    }

    /// What changed between the draft's base and `current`, per record it touches.
    fn base_changes(
        &self,
        draft: &Draft,
        current: &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<Vec<BaseChange>, AdminError> {
        let mut out = Vec::new();
        let mut base_cache: BTreeMap<Collection, BTreeMap<String, Value>> = BTreeMap::new();
        for label in &draft.touches {
            let Some((c, id)) = parse_record_label(label) else {
                continue;
            };
            let live_rev = current.get(&c);
            let live_seq = live_rev.map_or(0, |r| r.changeset.sequence);
            if live_seq <= draft.base_sequence {
                continue;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = base_cache.entry(c) {
                e.insert(self.records_at(c, draft.base_sequence)?);
            }
            let base = base_cache[&c].get(&id);
            let live = live_rev.and_then(|r| r.changeset.records.iter().find(|x| x.id == id));
            let live = live.map(|r| &r.data);
            if base != live {
                let show = |v: Option<&Value>| v.map(|v| record_toml(c, v)).unwrap_or_default();
                out.push(BaseChange {
                    record: label.clone(),
                    base_sequence: draft.base_sequence,
                    live_sequence: live_seq,
                    text: text_diff(&show(base), &show(live)),
                });
            }
        }
        Ok(out)
    }

    fn stale_error(changes: &[BaseChange]) -> AdminError {
        AdminError::Conflict {
            message: "the draft's base is no longer live: someone published a change to the same records since the draft was made; look at what changed, then rebase the draft".into(),
            details: json!({ "changed": changes }),
        }
    }

    fn load_draft(&self, id: &str) -> Result<Draft, AdminError> {
        self.store
            .get::<Draft>(Tree::Drafts, id)?
            .ok_or_else(|| AdminError::NotFound(format!("no draft `{id}`")))
    }

    fn load_review(&self, id: &str) -> Result<Review, AdminError> {
        self.store
            .get::<Review>(Tree::Reviews, id)?
            .ok_or_else(|| AdminError::NotFound(format!("no review `{id}`")))
    }

    // ---- drafts ----

    /// Every draft, newest first.
    pub fn drafts(&self, by: &Principal) -> Result<Vec<Draft>, AdminError> {
        by.require(READERS, "reading drafts")?;
        let mut all: Vec<Draft> = self.store.all(Tree::Drafts)?;
        all.sort_by_key(|d| std::cmp::Reverse(d.updated_at));
        Ok(all)
    }

    /// One draft.
    pub fn draft(&self, by: &Principal, id: &str) -> Result<Draft, AdminError> {
        by.require(READERS, "reading drafts")?;
        self.load_draft(id)
    }

    /// Creates a draft, checked against the live state (findings are kept on the draft; an
    /// invalid draft is saved so the editor can fix it).
    pub fn create_draft(&self, by: &Principal, new: &NewDraft) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        if new.kind == DraftKind::Rollback {
            return Err(AdminError::BadRequest {
                field: "kind".into(),
                message: "make a rollback with the rollback action".into(),
            });
        }
        let file_name = match &new.file_name {
            Some(f) => check_file_name(new.kind, f)?,
            None if new.kind == DraftKind::Guide => "guides/draft.toml".into(),
            None => "directory/draft.toml".into(),
        };
        let _g = self.state_lock();
        let now = Utc::now();
        let mut draft = Draft {
            id: new_id(),
            kind: new.kind,
            file_name,
            content: new.content.clone(),
            rollback: None,
            base_sequence: self.head()?,
            authors: vec![by.name.clone()],
            created_by: by.name.clone(),
            created_at: now,
            updated_at: now,
            state: DraftState::Editing,
            touches: Vec::new(),
            issues: Vec::new(),
            valid: false,
        };
        let checked = self.check(&draft, &self.current()?)?;
        Self::apply_check(&mut draft, &checked);
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "draft_created",
            &format!("draft:{}", draft.id),
            draft.touches.join(", "),
        )?;
        Ok(draft)
    }

    /// Starts a draft from a live guide or directory entry (its TOML).
    pub fn draft_from_live(
        &self,
        by: &Principal,
        collection: Collection,
        id: &str,
    ) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let current = self.current()?;
        let record = current
            .get(&collection)
            .and_then(|r| r.changeset.records.iter().find(|x| x.id == id))
            .ok_or_else(|| AdminError::NotFound(format!("{collection}/{id} is not published")))?;
        let (kind, content, file_name) = match collection {
            Collection::Guides => (
                DraftKind::Guide,
                guide_as_toml(&next_revision(&record.data)),
                format!("guides/{id}.toml"),
            ),
            Collection::Directory => (
                DraftKind::Directory,
                directory_entry_as_toml(&record.data),
                format!("directory/{}.toml", id.replace(':', "-")),
            ),
            _ => {
                return Err(AdminError::BadRequest {
                    field: "collection".into(),
                    message: "only guides and directory entries are edited as drafts".into(),
                })
            }
        };
        let content = content.map_err(AdminError::Internal)?;
        self.create_draft(
            by,
            &NewDraft {
                kind,
                file_name: Some(file_name),
                content,
            },
        )
    }

    /// Saves new content; the caller becomes an author. Saving a draft in review withdraws
    /// the review (the reviewer must see what is published).
    pub fn save_draft(&self, by: &Principal, id: &str, content: &str) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let _g = self.state_lock();
        let mut draft = self.load_draft(id)?;
        if draft.kind == DraftKind::Rollback {
            return Err(AdminError::Conflict {
                message: "a rollback has no text to edit".into(),
                details: json!({ "draft": id }),
            });
        }
        match &draft.state {
            DraftState::Published { .. } => {
                return Err(AdminError::Conflict {
                    message: "this draft is published; start a new draft from the live content"
                        .into(),
                    details: json!({ "draft": id }),
                })
            }
            DraftState::InReview { review } => {
                let mut r = self.load_review(review)?;
                r.state = ReviewState::Withdrawn;
                self.store.put(Tree::Reviews, &r.id, &r)?;
                self.audit_event(
                    user(by),
                    "review_withdrawn",
                    &format!("review:{}", r.id),
                    "the draft was saved again",
                )?;
            }
            DraftState::Editing => {}
        }
        draft.content = content.to_string();
        draft.state = DraftState::Editing;
        draft.updated_at = Utc::now();
        if !draft.authors.contains(&by.name) {
            draft.authors.push(by.name.clone());
        }
        let checked = self.check(&draft, &self.current()?)?;
        Self::apply_check(&mut draft, &checked);
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "draft_saved",
            &format!("draft:{id}"),
            if draft.valid { "valid" } else { "has errors" },
        )?;
        Ok(draft)
    }

    /// Moves the draft's base to the live sequence, after the editor has looked at what
    /// changed (the caller becomes an author).
    pub fn rebase_draft(&self, by: &Principal, id: &str) -> Result<Draft, AdminError> {
        by.require(WRITERS, "writing drafts")?;
        let _g = self.state_lock();
        let mut draft = self.load_draft(id)?;
        if !matches!(draft.state, DraftState::Editing) {
            return Err(AdminError::Conflict {
                message: "only a draft being edited can be rebased".into(),
                details: json!({ "draft": id }),
            });
        }
        draft.base_sequence = self.head()?;
        draft.updated_at = Utc::now();
        if !draft.authors.contains(&by.name) {
            draft.authors.push(by.name.clone());
        }
        let checked = self.check(&draft, &self.current()?)?;
        Self::apply_check(&mut draft, &checked);
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "draft_rebased",
            &format!("draft:{id}"),
            format!("base {}", draft.base_sequence),
        )?;
        Ok(draft)
    }

    /// Deletes a draft that is not in review or published.
    pub fn delete_draft(&self, by: &Principal, id: &str) -> Result<(), AdminError> {
        by.require(WRITERS, "deleting drafts")?;
        let _g = self.state_lock();
        let draft = self.load_draft(id)?;
        if !matches!(draft.state, DraftState::Editing) {
            return Err(AdminError::Conflict {
                message: "only a draft being edited can be deleted".into(),
                details: json!({ "draft": id }),
            });
        }
        self.store.remove(Tree::Drafts, id)?;
        self.audit_event(user(by), "draft_deleted", &format!("draft:{id}"), "")?;
        Ok(())
    }

    /// The diff of a draft against live, and what changed under it.
    pub fn diff(&self, by: &Principal, id: &str) -> Result<DraftDiff, AdminError> {
        by.require(READERS, "reading drafts")?;
        let draft = self.load_draft(id)?;
        let current = self.current()?;
        let checked = self.check(&draft, &current)?;
        let mut records = Vec::new();
        for ((c, rid), new) in &checked.records {
            let live = current
                .get(c)
                .and_then(|r| r.changeset.records.iter().find(|x| &x.id == rid))
                .map(|r| &r.data);
            let new = new.as_ref();
            if live == new {
                continue;
            }
            let show = |v: Option<&Value>| v.map(|v| record_toml(*c, v)).unwrap_or_default();
            let graph: Option<GraphDiff> = (*c == Collection::Guides)
                .then(|| graph_diff(guide_of(live).as_ref(), guide_of(new).as_ref()));
            records.push(RecordDiff {
                record: record_label(*c, rid),
                change: match (live, new) {
                    (None, _) => "added",
                    (_, None) => "removed",
                    _ => "changed",
                }
                .into(),
                text: text_diff(&show(live), &show(new)),
                graph,
            });
        }
        let mut draft = draft;
        Self::apply_check(&mut draft, &checked);
        Ok(DraftDiff {
            records,
            stale: self.base_changes(&draft, &current)?,
            issues: checked.issues,
        })
    }

    // ---- reviews ----

    /// Asks for review with a summary for users. Refused when the draft is invalid (422) or
    /// stale (409).
    pub fn request_review(
        &self,
        by: &Principal,
        draft_id: &str,
        summary: &Summary,
    ) -> Result<Review, AdminError> {
        by.require(WRITERS, "requesting review")?;
        let summary = normalized(summary)?;
        let _g = self.state_lock();
        let mut draft = self.load_draft(draft_id)?;
        if !matches!(draft.state, DraftState::Editing) {
            return Err(AdminError::Conflict {
                message: "the draft is already in review or published".into(),
                details: json!({ "state": draft.state }),
            });
        }
        let current = self.current()?;
        self.ready(&mut draft, &current)?;
        let review = Review {
            id: new_id(),
            draft: draft.id.clone(),
            requested_by: by.name.clone(),
            requested_at: Utc::now(),
            summary,
            content_sha256: content_hash(&draft.content),
            state: ReviewState::Pending,
            decided_by: None,
            decided_at: None,
            comment: None,
            published: None,
            urgent: false,
            second_review: None,
        };
        self.store.put(Tree::Reviews, &review.id, &review)?;
        draft.state = DraftState::InReview {
            review: review.id.clone(),
        };
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "review_requested",
            &format!("review:{}", review.id),
            format!("draft:{}", draft.id),
        )?;
        Ok(review)
    }

    /// Checks the draft against `current`: 422 with the findings when invalid, 409 when stale.
    fn ready(
        &self,
        draft: &mut Draft,
        current: &BTreeMap<Collection, CurrentRevision>,
    ) -> Result<(), AdminError> {
        // Stale first: what changed under the draft explains its other findings.
        let checked = self.check(draft, current)?;
        Self::apply_check(draft, &checked);
        let stale = self.base_changes(draft, current)?;
        if !stale.is_empty() {
            return Err(Self::stale_error(&stale));
        }
        if checked.states.is_none() {
            return Err(AdminError::Invalid {
                message: "the draft has errors; fix them first".into(),
                issues: checked.issues,
            });
        }
        Ok(())
    }

    /// Every review, newest first (optionally only those in `state`).
    pub fn reviews(
        &self,
        by: &Principal,
        state: Option<ReviewState>,
    ) -> Result<Vec<Review>, AdminError> {
        by.require(READERS, "reading reviews")?;
        let mut all: Vec<Review> = self.store.all(Tree::Reviews)?;
        all.retain(|r| state.is_none_or(|s| r.state == s));
        all.sort_by_key(|r| std::cmp::Reverse(r.requested_at));
        Ok(all)
    }

    /// One review.
    pub fn review(&self, by: &Principal, id: &str) -> Result<Review, AdminError> {
        by.require(READERS, "reading reviews")?;
        self.load_review(id)
    }

    /// Approves and publishes. The approver must be a reviewer and none of the draft's authors.
    pub fn approve(&self, by: &Principal, review_id: &str) -> Result<Review, AdminError> {
        by.require(REVIEWERS, "approving")?;
        let _g = self.state_lock();
        let mut review = self.load_review(review_id)?;
        if review.state != ReviewState::Pending {
            return Err(AdminError::Conflict {
                message: format!("the review is {:?}, not pending", review.state).to_lowercase(),
                details: json!({ "state": review.state }),
            });
        }
        let mut draft = self.load_draft(&review.draft)?;
        if draft.authors.contains(&by.name) {
            return Err(AdminError::Forbidden(format!(
                "`{}` edited this draft and cannot approve it: another reviewer must (authors: {})",
                by.name,
                draft.authors.join(", ")
            )));
        }
        if content_hash(&draft.content) != review.content_sha256 {
            return Err(AdminError::Conflict {
                message: "the draft changed after review was requested".into(),
                details: json!({ "draft": draft.id }),
            });
        }
        let range = self.publish_draft(by, &mut draft, &review)?;
        review.state = ReviewState::Published;
        review.decided_by = Some(by.name.clone());
        review.decided_at = Some(Utc::now());
        review.published = Some(range);
        self.store.put(Tree::Reviews, &review.id, &review)?;
        self.audit_event(
            user(by),
            "review_approved",
            &format!("review:{}", review.id),
            format!("published sequences {:?}", review.published),
        )?;
        drop(_g);
        self.published_hook();
        Ok(review)
    }

    /// Publishes `draft` through the gate (checks again under the publish lock) and marks it
    /// published.
    fn publish_draft(
        &self,
        by: &Principal,
        draft: &mut Draft,
        review: &Review,
    ) -> Result<PublishedRange, AdminError> {
        let approval = Approval {
            review: review.id.clone(),
            draft: draft.id.clone(),
            approver: by.name.clone(),
            summary: review.summary.clone(),
            urgent: review.urgent,
            source: SourceFile {
                name: format!("admin draft {} ({})", draft.id, draft.file_name),
                sha256: content_hash(&draft.content),
            },
        };
        let snapshot = draft.clone();
        let result = self.gate.publish(approval, |current| {
            let mut d = snapshot.clone();
            let checked = self
                .check(&d, current)
                .map_err(|e| GateRefusal::Files(e.to_string()))?;
            Self::apply_check(&mut d, &checked);
            let stale = self
                .base_changes(&d, current)
                .map_err(|e| GateRefusal::Files(e.to_string()))?;
            if !stale.is_empty() {
                return Err(GateRefusal::Stale(json!({ "changed": stale })));
            }
            checked.states.ok_or(GateRefusal::Invalid(checked.issues))
        });
        let batch = match result {
            Ok(b) => b,
            Err(GateRefusal::Invalid(issues)) => {
                return Err(AdminError::Invalid {
                    message: "the draft has errors; nothing was published".into(),
                    issues,
                })
            }
            Err(GateRefusal::Stale(details)) => {
                return Err(AdminError::Conflict {
                    message: "the draft's base is no longer live; nothing was published".into(),
                    details,
                })
            }
            Err(GateRefusal::Unchanged) => {
                return Err(AdminError::Conflict {
                    message: "the draft changes nothing that is published".into(),
                    details: json!({ "draft": draft.id }),
                })
            }
            Err(GateRefusal::Files(m)) => return Err(AdminError::Internal(m)),
        };
        draft.state = DraftState::Published {
            review: review.id.clone(),
            sequence: batch.last,
        };
        self.store.put(Tree::Drafts, &draft.id, draft)?;
        self.audit_event(
            user(by),
            "published",
            &format!("draft:{}", draft.id),
            format!("sequences {}..={}", batch.first, batch.last),
        )?;
        Ok(PublishedRange {
            first: batch.first,
            last: batch.last,
        })
    }

    /// Declines with a comment (required); the draft goes back to editing.
    pub fn decline(
        &self,
        by: &Principal,
        review_id: &str,
        comment: &str,
    ) -> Result<Review, AdminError> {
        by.require(REVIEWERS, "declining")?;
        let comment = comment.trim();
        if comment.is_empty() {
            return Err(AdminError::BadRequest {
                field: "comment".into(),
                message: "say why the change is declined, so the editor can fix it".into(),
            });
        }
        let _g = self.state_lock();
        let mut review = self.load_review(review_id)?;
        if review.state != ReviewState::Pending {
            return Err(AdminError::Conflict {
                message: "only a pending review can be declined".into(),
                details: json!({ "state": review.state }),
            });
        }
        let mut draft = self.load_draft(&review.draft)?;
        review.state = ReviewState::Declined;
        review.decided_by = Some(by.name.clone());
        review.decided_at = Some(Utc::now());
        review.comment = Some(comment.into());
        draft.state = DraftState::Editing;
        self.store.put(Tree::Reviews, &review.id, &review)?;
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "review_declined",
            &format!("review:{}", review.id),
            "",
        )?;
        Ok(review)
    }

    // ---- urgent publishes ----

    /// Publishes a draft at once, by one reviewer; it needs a second review before the
    /// deadline (admins are warned after it).
    pub fn urgent_publish(
        &self,
        by: &Principal,
        draft_id: &str,
        summary: &Summary,
        reason: &str,
    ) -> Result<Review, AdminError> {
        by.require(REVIEWERS, "an urgent publish")?;
        let summary = normalized(summary)?;
        if reason.trim().is_empty() {
            return Err(AdminError::BadRequest {
                field: "reason".into(),
                message: "say why this cannot wait for a review".into(),
            });
        }
        let _g = self.state_lock();
        let mut draft = self.load_draft(draft_id)?;
        if let DraftState::Published { .. } = draft.state {
            return Err(AdminError::Conflict {
                message: "the draft is already published".into(),
                details: json!({ "draft": draft.id }),
            });
        }
        if let DraftState::InReview { review } = &draft.state {
            let mut r = self.load_review(review)?;
            r.state = ReviewState::Withdrawn;
            self.store.put(Tree::Reviews, &r.id, &r)?;
        }
        let current = self.current()?;
        self.ready(&mut draft, &current)?;
        let now = Utc::now();
        let mut review = Review {
            id: new_id(),
            draft: draft.id.clone(),
            requested_by: by.name.clone(),
            requested_at: now,
            summary,
            content_sha256: content_hash(&draft.content),
            state: ReviewState::Pending,
            decided_by: Some(by.name.clone()),
            decided_at: Some(now),
            comment: Some(reason.trim().to_string()),
            published: None,
            urgent: true,
            second_review: Some(SecondReview {
                deadline: now + Duration::hours(self.config.second_review_hours),
                confirmed_by: None,
                confirmed_at: None,
                overdue_warned: false,
            }),
        };
        let range = self.publish_draft(by, &mut draft, &review)?;
        review.state = ReviewState::Published;
        review.published = Some(range);
        self.store.put(Tree::Reviews, &review.id, &review)?;
        self.audit_event(
            user(by),
            "urgent_published",
            &format!("review:{}", review.id),
            reason.trim(),
        )?;
        drop(_g);
        self.published_hook();
        Ok(review)
    }

    /// Urgent publishes still waiting for their second review, oldest deadline first.
    pub fn second_reviews(&self, by: &Principal) -> Result<Vec<Review>, AdminError> {
        by.require(READERS, "reading reviews")?;
        let mut all: Vec<Review> = self.store.all(Tree::Reviews)?;
        all.retain(Review::needs_second_review);
        all.sort_by_key(|r| r.second_review.as_ref().map(|s| s.deadline));
        Ok(all)
    }

    /// Confirms an urgent publish: a second reviewer who neither published it nor wrote it.
    pub fn confirm(&self, by: &Principal, review_id: &str) -> Result<Review, AdminError> {
        by.require(REVIEWERS, "a second review")?;
        let _g = self.state_lock();
        let mut review = self.load_review(review_id)?;
        if !review.needs_second_review() {
            return Err(AdminError::Conflict {
                message: "this publish needs no second review".into(),
                details: json!({ "review": review.id }),
            });
        }
        let draft = self.load_draft(&review.draft)?;
        if review.requested_by == by.name || draft.authors.contains(&by.name) {
            return Err(AdminError::Forbidden(format!(
                "`{}` published or edited this change; a second reviewer must confirm it",
                by.name
            )));
        }
        if let Some(s) = review.second_review.as_mut() {
            s.confirmed_by = Some(by.name.clone());
            s.confirmed_at = Some(Utc::now());
        }
        self.store.put(Tree::Reviews, &review.id, &review)?;
        self.audit_event(
            user(by),
            "second_review_confirmed",
            &format!("review:{}", review.id),
            "",
        )?;
        Ok(review)
    }

    /// Warns (a system audit event, once per publish) about urgent publishes past their
    /// deadline; returns those still unconfirmed and overdue.
    pub fn check_deadlines(&self) -> Result<Vec<Review>, AdminError> {
        let _g = self.state_lock();
        let now = Utc::now();
        let mut overdue = Vec::new();
        for mut r in self.store.all::<Review>(Tree::Reviews)? {
            let Some(s) = r.second_review.as_mut() else {
                continue;
            };
            if s.confirmed_by.is_some() || s.deadline > now {
                continue;
            }
            if !s.overdue_warned {
                s.overdue_warned = true;
                self.store.put(Tree::Reviews, &r.id, &r)?;
                self.audit_event(
                    Actor::System,
                    "second_review_overdue",
                    &format!("review:{}", r.id),
                    "admins warned: an urgent publish has had no second review by its deadline",
                )?;
                tracing::warn!(
                    "urgent publish (review {}) has no second review past its deadline",
                    r.id
                );
            }
            overdue.push(r);
        }
        Ok(overdue)
    }

    /// The warnings for admins: urgent publishes past their second-review deadline.
    pub fn warnings(&self, by: &Principal) -> Result<Vec<Review>, AdminError> {
        by.require(&[Role::Admin, Role::Reviewer], "reading warnings")?;
        self.check_deadlines()
    }

    /// The published batches, oldest first (what a rollback can go back to).
    pub fn history(
        &self,
        by: &Principal,
    ) -> Result<Vec<crate::publishing::published::BatchRecord>, AdminError> {
        by.require(READERS, "reading the history")?;
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        Ok(scan.batches.into_values().collect())
    }

    // ---- rollback ----

    /// Makes a rollback draft: the state at an earlier sequence, republished as a new sequence
    /// after the same review as any draft.
    pub fn rollback(&self, by: &Principal, spec: &RollbackSpec) -> Result<Draft, AdminError> {
        by.require(REVIEWERS, "a rollback")?;
        if spec.collection == Collection::Releases {
            return Err(AdminError::BadRequest {
                field: "collection".into(),
                message: "release notes are written by each publish; roll back guides, directory or places".into(),
            });
        }
        let head = self.head()?;
        if spec.sequence == 0 || spec.sequence >= head {
            return Err(AdminError::BadRequest {
                field: "sequence".into(),
                message: format!(
                    "give an earlier published sequence (1 to {})",
                    head.saturating_sub(1)
                ),
            });
        }
        if self.records_at(spec.collection, spec.sequence)?.is_empty() {
            return Err(AdminError::NotFound(format!(
                "{} was not published at sequence {}",
                spec.collection, spec.sequence
            )));
        }
        let _g = self.state_lock();
        let now = Utc::now();
        let what = spec.record.clone().unwrap_or_else(|| "all".into());
        let mut draft = Draft {
            id: new_id(),
            kind: DraftKind::Rollback,
            file_name: format!(
                "rollback of {}/{what} to sequence {}",
                spec.collection, spec.sequence
            ),
            content: String::new(),
            rollback: Some(spec.clone()),
            base_sequence: head,
            authors: vec![by.name.clone()],
            created_by: by.name.clone(),
            created_at: now,
            updated_at: now,
            state: DraftState::Editing,
            touches: Vec::new(),
            issues: Vec::new(),
            valid: false,
        };
        let checked = self.check(&draft, &self.current()?)?;
        Self::apply_check(&mut draft, &checked);
        self.store.put(Tree::Drafts, &draft.id, &draft)?;
        self.audit_event(
            user(by),
            "rollback_requested",
            &format!("draft:{}", draft.id),
            draft.file_name.clone(),
        )?;
        Ok(draft)
    }
}

/// A guide record with its revision raised by one (a draft of a live guide is its next
/// revision, as `import` requires of changed content).
fn next_revision(record: &Value) -> Value {
    let mut r = record.clone();
    if let Some(o) = r.as_object_mut() {
        let rev = o.get("revision").and_then(Value::as_u64).unwrap_or(0);
        o.insert("revision".into(), Value::from(rev + 1));
    }
    r
}

fn normalized(s: &Summary) -> Result<Summary, AdminError> {
    s.normalized()
        .map_err(|(field, message)| AdminError::BadRequest { field, message })
}

fn check_file_name(kind: DraftKind, name: &str) -> Result<String, AdminError> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '/'));
    let ext_ok = match kind {
        DraftKind::Guide => name.ends_with(".toml"),
        _ => name.ends_with(".toml") || name.ends_with(".json"),
    };
    if ok_chars && ext_ok && !name.contains("..") && !name.starts_with('/') && name.len() <= 200 {
        Ok(name.to_string())
    } else {
        Err(AdminError::BadRequest {
            field: "file_name".into(),
            message: "a relative file name of letters, digits, `.`, `-`, `_` and `/`, ending in .toml (or .json for a directory file)".into(),
        })
    }
}
