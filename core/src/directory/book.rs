//! The contact book: a loaded directory and places with a search index, answering "who to
//! call now" and searches. Owned inputs and outputs only, so the FFI layer can wrap it.

use super::catalog::Directory;
use super::now::{contacts, ContactsAnswer, ContactsQuery};
use super::places::Places;
use super::search::{SearchHit, SearchIndex};
use super::staleness::{stale_entries, StaleEntry};
use crate::error::Error;

use chrono::NaiveDate;
use std::sync::OnceLock;

/// A ready-to-query directory: build once after loading or syncing, then ask many times.
/// The search index is built on the first search, so "who to call" never waits for it.
#[derive(Debug)]
pub struct ContactBook {
    directory: Directory,
    places: Places,
    index: OnceLock<SearchIndex>,
}

impl ContactBook {
    /// Wraps a validated directory and places for lookups and search.
    pub fn new(directory: Directory, places: Places) -> ContactBook {
        ContactBook {
            directory,
            places,
            index: OnceLock::new(),
        }
    }

    /// The search index, built now if it is not yet.
    pub fn search_index(&self) -> &SearchIndex {
        self.index
            .get_or_init(|| SearchIndex::build(&self.directory, &self.places))
    }

    /// The directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// The postcode register and bydel pairs.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// Who to contact, best first, with per-channel state at the query's instant.
    pub fn contacts(&self, query: &ContactsQuery) -> Result<ContactsAnswer, Error> {
        contacts(&self.directory, &self.places, query)
    }

    /// Services and places matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        self.search_index().search(query, limit)
    }

    /// Directory entries verified more than 12 months before `today`.
    pub fn stale_entries(&self, today: NaiveDate) -> Vec<StaleEntry> {
        stale_entries(&self.directory, today)
    }
}
