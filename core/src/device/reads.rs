//! Reading the device's content: stored states, "content as of", guides, the directory and
//! places. Reads never touch the network and never change anything.

use super::DeviceContent;
use crate::error::{ContentError, Error, Result, StorageError};
use crate::guide::Guide;
use crate::store::ContentStore;
use crate::sync::content_check;
use crate::sync::engine::{self, records_to_map, LocalState};
use crate::sync::highwater::HighWater;
use crate::sync::protocol::{Collection, Record};
use crate::sync::report::AsOf;
use crate::sync::signing::TrustedKeys;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;

/// A guide listed from the local store.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredGuide {
    /// The guide id.
    pub id: String,
    /// The parsed guide, or why it cannot be shown (e.g. it needs a newer app).
    pub guide: std::result::Result<Guide, String>,
}

/// Parses stored records straight into entries (no JSON value tree in between: the register's
/// 6,000 records are most of a cold start). They passed the content checks when they were
/// synced, so a record that does not parse is damage, not invalid content.
pub(super) fn stored_entries<T: serde::de::DeserializeOwned>(
    collection: Collection,
    records: crate::store::Records,
) -> Result<Vec<T>> {
    records
        .into_iter()
        .map(|(id, bytes)| {
            serde_json::from_slice(&bytes).map_err(|e| {
                Error::Storage(StorageError::Damaged(format!(
                    "{collection}/{id} in the local store is damaged ({e})"
                )))
            })
        })
        .collect()
}

impl DeviceContent {
    /// What opening had to repair, for the user (empty when all was well).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// The underlying store.
    pub fn store(&self) -> &Arc<dyn ContentStore> {
        &self.store
    }

    /// The trusted keys this content is verified against.
    pub fn trusted_keys(&self) -> &TrustedKeys {
        &self.trusted
    }

    /// The anti-rollback marks (the newest state accepted per collection).
    pub fn high_water(&self) -> Result<HighWater> {
        Ok(self.lock_marks()?.clone())
    }

    /// The stored state of every collection the device holds.
    pub fn local_states(&self) -> Result<BTreeMap<Collection, LocalState>> {
        let mut states = BTreeMap::new();
        for (name, head) in self.store.heads()? {
            let Ok(collection) = name.parse::<Collection>() else {
                continue;
            };
            states.insert(collection, LocalState::from_meta(&name, &head.meta)?);
        }
        Ok(states)
    }

    /// "Content as of" for every collection held.
    pub fn as_of(&self) -> Result<Vec<AsOf>> {
        let mut out = Vec::new();
        for (collection, state) in self.local_states()? {
            out.push(AsOf {
                collection,
                sequence: state.sequence,
                published_at: state.published_at,
                source: state.source,
                records: match state.records {
                    Some(n) => n,
                    None => self.store.records(collection.as_str())?.len() as u64,
                },
            });
        }
        Ok(out)
    }

    /// A warning when the newest content is older than `max_age_days` (frozen feed, dead server).
    pub fn staleness_warning(
        &self,
        now: DateTime<Utc>,
        max_age_days: u32,
    ) -> Result<Option<String>> {
        let newest = self.local_states()?.values().map(|s| s.published_at).max();
        Ok(newest.and_then(|t| engine::staleness_warning(t, now, max_age_days)))
    }

    /// Every record of a collection, sorted by id.
    pub fn records(&self, collection: Collection) -> Result<Vec<Record>> {
        let map = records_to_map(
            collection.as_str(),
            self.store.records(collection.as_str())?,
        )?;
        Ok(map
            .into_iter()
            .map(|(id, data)| Record { id, data })
            .collect())
    }

    /// Every stored guide, sorted by id; one that cannot be shown says why.
    pub fn guides(&self) -> Result<Vec<StoredGuide>> {
        Ok(self
            .store
            .records(Collection::Guides.as_str())?
            .into_iter()
            .map(|(id, bytes)| StoredGuide {
                guide: content_check::parse_guide_bytes(&id, &bytes).map_err(|e| e.to_string()),
                id,
            })
            .collect())
    }

    /// One stored guide.
    pub fn guide(&self, id: &str) -> Result<Guide> {
        let bytes = self
            .store
            .get(Collection::Guides.as_str(), id)?
            .ok_or_else(|| {
                Error::Content(ContentError::NotFound {
                    what: format!("guide `{id}` in the local store"),
                })
            })?;
        content_check::parse_guide_bytes(id, &bytes)
    }

    /// The stored contact directory, validated (empty when none is stored).
    pub fn directory(&self) -> Result<crate::directory::Directory> {
        let entries = stored_entries(Collection::Directory, self.store.records("directory")?)?;
        Ok(crate::directory::Directory::from_entries(entries)?)
    }

    /// The stored postcode register and bydel pairs, validated (empty when none is stored).
    pub fn places(&self) -> Result<crate::directory::Places> {
        let entries = stored_entries(Collection::Places, self.store.records("places")?)?;
        Ok(crate::directory::Places::from_entries(entries)?)
    }

    /// The stored release notes ("Hva er nytt"), newest first (empty when none is stored).
    pub fn release_notes(&self) -> Result<Vec<crate::release_note::ReleaseNote>> {
        let map = records_to_map("releases", self.store.records("releases")?)?;
        content_check::release_notes_from_records(&map)
    }

    /// A new contact book from the stored directory and places (parses every record; most
    /// callers want the cached [`DeviceContent::contact_book`] instead).
    pub fn build_contact_book(&self) -> Result<crate::directory::ContactBook> {
        Ok(crate::directory::ContactBook::new(
            self.directory()?,
            self.places()?,
        ))
    }
}
