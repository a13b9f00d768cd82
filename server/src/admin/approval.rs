//! Review of [`AdminService`]: a request with its summary for users, approval and decline.
//!
//! Four-eyes rule: a review is approved only by a reviewer who is none of the draft's
//! authors (everyone who created or saved it). Approval goes through the signing gate, which
//! checks the content and its base again under the publish lock.

use crate::admin::drafts::{Draft, DraftState};
use crate::admin::gate::{Approval, GateRefusal};
use crate::admin::review::{content_hash, PublishedRange, Review, ReviewState, Summary};
use crate::admin::service::{AdminError, AdminService, Principal};
use crate::admin::store::Tree;
use crate::admin::workflow::{new_id, user, READERS, REVIEWERS, WRITERS};
use crate::data_dir::CurrentRevision;
use crate::publishing::published::SourceFile;
use chrono::Utc;
use serde_json::json;
use std::collections::BTreeMap;
use veiviser_core::sync::protocol::Collection;

impl AdminService {
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
    pub(in crate::admin) fn ready(
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
    pub(in crate::admin) fn publish_draft(
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
}

pub(in crate::admin) fn normalized(s: &Summary) -> Result<Summary, AdminError> {
    s.normalized()
        .map_err(|(field, message)| AdminError::BadRequest { field, message })
}
