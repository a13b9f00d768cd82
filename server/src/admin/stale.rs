//! The list of content that needs attention: directory entries not verified for 12 months,
//! channels whose hours are an estimate, and guides past their review date.

use crate::admin::accounts::Role;
use crate::admin::service::{AdminError, AdminService, Principal};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use veiviser_core::directory::DirectoryEntry;
use veiviser_core::sync::protocol::Collection;

/// A directory entry last verified more than 12 months ago.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaleEntryItem {
    /// The record id (`service:…`, `area:…`).
    pub id: String,
    /// Its name (bokmål).
    pub name: String,
    /// When it was last verified.
    pub last_verified: NaiveDate,
}

/// A service channel whose opening hours are an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct EstimatedHoursItem {
    /// The service's record id.
    pub id: String,
    /// Its name (bokmål).
    pub name: String,
    /// The channel's index in the entry (`channel[N]`).
    pub channel: usize,
}

/// A guide whose next review date has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OverdueGuideItem {
    /// The guide id.
    pub id: String,
    /// Its title (bokmål).
    pub title: String,
    /// The review date that passed.
    pub next_review: Option<NaiveDate>,
}

/// Everything on the stale list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct StaleList {
    /// The day the list is for.
    pub today: Option<NaiveDate>,
    /// Entries not verified for 12 months, oldest first.
    pub unverified: Vec<StaleEntryItem>,
    /// Channels with estimated hours.
    pub estimated_hours: Vec<EstimatedHoursItem>,
    /// Guides past their review date.
    pub overdue_guides: Vec<OverdueGuideItem>,
}

impl AdminService {
    /// The stale list of the live content as of `today`.
    pub fn stale(&self, by: &Principal, today: NaiveDate) -> Result<StaleList, AdminError> {
        by.require(
            &[Role::Editor, Role::Reviewer, Role::Admin],
            "reading the stale list",
        )?;
        let scan = self
            .data
            .scan()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        let current = self
            .data
            .current(&scan)
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        let mut list = StaleList {
            today: Some(today),
            ..StaleList::default()
        };
        if let Some(rev) = current.get(&Collection::Directory) {
            let records = crate::publishing::publish::records_of(&rev.changeset);
            let dir = veiviser_core::sync::content_check::directory_from_records(&records)
                .map_err(|e| AdminError::Internal(format!("the live directory: {e}")))?;
            list.unverified = veiviser_core::directory::staleness::stale_entries(&dir, today)
                .into_iter()
                .map(|s| StaleEntryItem {
                    id: s.id,
                    name: s.name,
                    last_verified: s.last_verified,
                })
                .collect();
            for entry in dir.entries() {
                if let DirectoryEntry::Service(s) = &entry {
                    for (i, c) in s.channels.iter().enumerate() {
                        if c.hours_estimated {
                            list.estimated_hours.push(EstimatedHoursItem {
                                id: entry.id(),
                                name: s.name.nb.clone(),
                                channel: i,
                            });
                        }
                    }
                }
            }
        }
        if let Some(rev) = current.get(&Collection::Guides) {
            for r in &rev.changeset.records {
                if let Ok(g) = serde_json::from_value::<veiviser_core::guide::Guide>(r.data.clone())
                {
                    if g.review_overdue(today) {
                        list.overdue_guides.push(OverdueGuideItem {
                            id: g.id.clone(),
                            title: g.title.nb.clone(),
                            next_review: g.review.next_review,
                        });
                    }
                }
            }
        }
        Ok(list)
    }
}
