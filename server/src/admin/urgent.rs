//! Urgent publishes of [`AdminService`] (one reviewer now, a second one afterwards, admins
//! warned after the deadline), the publish history, and rollbacks (an earlier state as a new
//! draft, through the same review).

use crate::admin::accounts::Role;
use crate::admin::approval::normalized;
use crate::admin::audit::Actor;
use crate::admin::drafts::{Draft, DraftKind, DraftState, RollbackSpec};
use crate::admin::review::{content_hash, Review, ReviewState, SecondReview, Summary};
use crate::admin::service::{AdminError, AdminService, Principal};
use crate::admin::store::Tree;
use crate::admin::workflow::{fresh_draft, new_id, user, READERS, REVIEWERS};
use chrono::{Duration, Utc};
use serde_json::json;
use veiviser_core::sync::protocol::Collection;

impl AdminService {
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
        let what = spec.record.clone().unwrap_or_else(|| "all".into());
        let file_name = format!(
            "rollback of {}/{what} to sequence {}",
            spec.collection, spec.sequence
        );
        let mut draft = fresh_draft(
            by,
            DraftKind::Rollback,
            file_name,
            String::new(),
            Some(spec.clone()),
            head,
        );
        self.check_and_store(by, &mut draft, "rollback_requested", |d| {
            d.file_name.clone()
        })?;
        Ok(draft)
    }
}
