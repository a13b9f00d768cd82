//! The device's places as a [`PlaceSource`]: a contact book over the device reads, for one
//! question, the register row asked about and the bydel pairs, not all ~6,000 records
//! (ADR 0011).
//!
//! An answer also needs every municipality's name, which only the whole register has; the
//! device keeps that list in the store's bookkeeping beside the places generation it was
//! derived from (like the guide catalogue), rebuilt from the whole register when it names any
//! other generation.
//!
//! Reads go to the live store: a book made before a sync that changed the places reads the
//! new generation's rows with the pairs and names it read before, each verified content, until
//! the device makes a new book for the new state (`DeviceContent::contact_book` does on the
//! next call; the app on `SyncFinished`).

use super::derived;
use super::reads::stored_entries;
use crate::directory::book::PlaceSource;
use crate::directory::{BydelPair, Location, PlaceEntry, Places, PostcodeRow};
use crate::error::{Error, Result, StorageError};
use crate::store::ContentStore;
use crate::sync::protocol::Collection;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The bookkeeping key of the municipality names.
const KOMMUNER_KEY: &str = "place-kommuner";

/// The places of a device store, read lazily.
#[derive(Debug)]
pub(super) struct StoredPlaces {
    store: Arc<dyn ContentStore>,
    /// Whether the derived municipality list may be written back.
    writable: bool,
    pairs: OnceLock<std::result::Result<Vec<BydelPair>, String>>,
    kommuner: OnceLock<std::result::Result<BTreeMap<String, String>, String>>,
}

fn damaged(e: impl std::fmt::Display) -> Error {
    Error::Storage(StorageError::Damaged(e.to_string()))
}

fn parse<T: serde::de::DeserializeOwned>(id: &str, bytes: &[u8]) -> Result<T> {
    serde_json::from_slice(bytes)
        .map_err(|e| damaged(format!("places/{id} in the local store is damaged ({e})")))
}

impl StoredPlaces {
    /// The places of `store`, as stored now.
    pub(super) fn new(store: Arc<dyn ContentStore>, writable: bool) -> StoredPlaces {
        StoredPlaces {
            store,
            writable,
            pairs: OnceLock::new(),
            kommuner: OnceLock::new(),
        }
    }

    /// Every bydel pair (their ids share the prefix `bydel:`, so one range of the collection).
    fn pairs(&self) -> Result<&Vec<BydelPair>> {
        self.pairs
            .get_or_init(|| {
                let records = self
                    .store
                    .records_with_prefix(Collection::Places.as_str(), "bydel:")
                    .map_err(|e| e.to_string())?;
                records
                    .iter()
                    .map(|(id, bytes)| match parse::<PlaceEntry>(id, bytes) {
                        Ok(PlaceEntry::Bydel(pair)) => Ok(pair),
                        Ok(PlaceEntry::Postcode(_)) => Err(format!(
                            "places/{id} in the local store is not a bydel pair"
                        )),
                        Err(e) => Err(e.to_string()),
                    })
                    .collect()
            })
            .as_ref()
            .map_err(damaged)
    }

    /// Every municipality's name: from the bookkeeping when it was derived from the live
    /// places, else from the whole register (and written back for the next start).
    fn kommuner(&self) -> Result<&BTreeMap<String, String>> {
        self.kommuner
            .get_or_init(|| self.load_kommuner().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(damaged)
    }

    fn load_kommuner(&self) -> Result<BTreeMap<String, String>> {
        let Some(digest) = self.store.live_digest(Collection::Places.as_str())? else {
            return Ok(BTreeMap::new());
        };
        if let Some(kommuner) = derived::load(&*self.store, KOMMUNER_KEY, &digest) {
            return Ok(kommuner);
        }
        let kommuner: BTreeMap<String, String> = self
            .all()?
            .kommuner()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        if self.writable {
            derived::save(&*self.store, KOMMUNER_KEY, &digest, &kommuner);
        }
        Ok(kommuner)
    }

    /// After a sync changed the places: derive the names for the new generation now, so the
    /// next start finds them (best effort).
    pub(super) fn refresh(store: Arc<dyn ContentStore>) {
        let _ = StoredPlaces::new(store, true).kommuner();
    }
}

impl PlaceSource for StoredPlaces {
    fn all(&self) -> Result<Places> {
        let entries: Vec<PlaceEntry> =
            stored_entries(Collection::Places, self.store.records("places")?)?;
        Ok(Places::from_entries(entries)?)
    }

    fn for_location(&self, location: &Location) -> Result<Places> {
        let mut rows = Vec::new();
        if let Some(postnummer) = Places::needed_for(location) {
            let id = format!("postcode:{postnummer}");
            if let Some(bytes) = self.store.get(Collection::Places.as_str(), &id)? {
                match parse::<PlaceEntry>(&id, &bytes)? {
                    PlaceEntry::Postcode(row) => rows.push(row),
                    PlaceEntry::Bydel(_) => {
                        return Err(damaged(format!(
                            "places/{id} in the local store is not a postcode"
                        )))
                    }
                }
            }
        }
        let rows: Vec<PostcodeRow> = rows;
        Ok(Places::with_kommuner(
            rows,
            self.pairs()?.clone(),
            self.kommuner()?.clone(),
        )?)
    }
}
