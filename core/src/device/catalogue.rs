//! The guide catalogue: the card ([`GuideCard`]) of every stored guide, kept in the store's
//! bookkeeping beside the live generation, so that listing the guides at launch reads one
//! small value instead of parsing every guide (ADR 0011).
//!
//! The catalogue is derived from the verified guides and names the digest of the generation it
//! was built from; a catalogue for any other generation (an older sync, a crash between the
//! swap and its write) is ignored and rebuilt from the guides themselves. It holds titles, not
//! steps: a walk always reads its guide from the chunk-checked records.

use super::{derived, DeviceContent};
use crate::error::Result;
use crate::guide::GuideCard;
use crate::sync::protocol::Collection;
use serde::{Deserialize, Serialize};

/// The bookkeeping key the catalogue is stored under.
const CATALOGUE_KEY: &str = "guide-catalogue";

/// One stored guide as the catalogue lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueEntry {
    /// The guide id.
    pub id: String,
    /// Its card, or why it cannot be shown (e.g. it needs a newer app).
    pub card: std::result::Result<GuideCard, String>,
}

impl DeviceContent {
    /// The card of every stored guide, sorted by id: from the stored catalogue when it was
    /// built from the live guides, else built from them (and stored for the next launch).
    pub fn guide_catalogue(&self) -> Result<Vec<CatalogueEntry>> {
        let Some(digest) = self.store.live_digest(Collection::Guides.as_str())? else {
            return Ok(Vec::new());
        };
        if let Some(entries) = derived::load(&*self.store, CATALOGUE_KEY, &digest) {
            return Ok(entries);
        }
        self.rebuild_catalogue(digest)
    }

    /// Builds the catalogue from the stored guides and stores it (best effort: a store that
    /// cannot be written only costs the next launch the same work).
    pub(super) fn rebuild_catalogue(&self, digest: String) -> Result<Vec<CatalogueEntry>> {
        let entries: Vec<CatalogueEntry> = self
            .guides()?
            .into_iter()
            .map(|g| CatalogueEntry {
                card: g.guide.map(|guide| GuideCard::of(&guide)),
                id: g.id,
            })
            .collect();
        if self.read_only.is_none() {
            derived::save(&*self.store, CATALOGUE_KEY, &digest, &entries);
        }
        Ok(entries)
    }

    /// After a sync changed the guides: the catalogue for the new generation, built now so the
    /// next launch finds it (best effort).
    pub(super) fn refresh_catalogue(&self) {
        if let Ok(Some(digest)) = self.store.live_digest(Collection::Guides.as_str()) {
            let _ = self.rebuild_catalogue(digest);
        }
    }
}
