//! The contact book: a loaded directory and places with a search index, answering "who to
//! call now" and searches. Owned inputs and outputs only, so the FFI layer can wrap it.
//!
//! The places can come whole ([`ContactBook::new`]) or from a [`PlaceSource`]
//! ([`ContactBook::lazy`]): the device's register has some 6,000 records, and a cold start
//! that asks about one area reads only the records that area needs (ADR 0011). The whole
//! register is read the first time something needs all of it (a search, the about screen),
//! and every later answer uses it.

use super::catalog::Directory;
use super::now::{contacts, ContactsAnswer, ContactsQuery};
use super::places::Places;
use super::resolve::{resolve, Location, Resolution};
use super::search::{SearchHit, SearchIndex};
use super::staleness::{stale_entries, StaleEntry};
use crate::error::{Error, StorageError};

use chrono::NaiveDate;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Where a lazy contact book reads its places from (the device store).
pub trait PlaceSource: Send + Sync + std::fmt::Debug {
    /// Every place: the whole register and every bydel pair.
    fn all(&self) -> Result<Places, Error>;

    /// A [`Places`] that answers every lookup [`resolve`] makes for `location` exactly as
    /// [`PlaceSource::all`] would (see [`Places::needed_for`]).
    fn for_location(&self, location: &Location) -> Result<Places, Error>;
}

#[derive(Debug)]
enum PlacesState {
    Loaded(Places),
    Lazy {
        source: Arc<dyn PlaceSource>,
        all: OnceLock<Result<Places, String>>,
        /// The part read for the last location asked about (a screen asks several times).
        last: Mutex<Option<(Location, Arc<Places>)>>,
    },
}

/// The places [`ContactBook::places_for`] answers from: the whole register, or the part one
/// location needs.
#[derive(Debug)]
pub enum PlacesFor<'a> {
    /// The whole register.
    Whole(&'a Places),
    /// What one location needs ([`Places::needed_for`]).
    Part(Arc<Places>),
}

impl std::ops::Deref for PlacesFor<'_> {
    type Target = Places;
    fn deref(&self) -> &Places {
        match self {
            PlacesFor::Whole(places) => places,
            PlacesFor::Part(places) => places,
        }
    }
}

/// A ready-to-query directory: build once after loading or syncing, then ask many times.
/// The search index is built on the first search, so "who to call" never waits for it.
#[derive(Debug)]
pub struct ContactBook {
    directory: Directory,
    places: PlacesState,
    index: OnceLock<SearchIndex>,
}

impl ContactBook {
    /// Wraps a validated directory and places for lookups and search.
    pub fn new(directory: Directory, places: Places) -> ContactBook {
        ContactBook {
            directory,
            places: PlacesState::Loaded(places),
            index: OnceLock::new(),
        }
    }

    /// A book whose places are read from `source`: per question until the whole register is
    /// needed, then all at once.
    pub fn lazy(directory: Directory, source: Arc<dyn PlaceSource>) -> ContactBook {
        ContactBook {
            directory,
            places: PlacesState::Lazy {
                source,
                all: OnceLock::new(),
                last: Mutex::new(None),
            },
            index: OnceLock::new(),
        }
    }

    /// The search index, built now (with the whole register) if it is not yet.
    pub fn search_index(&self) -> Result<&SearchIndex, Error> {
        if let Some(index) = self.index.get() {
            return Ok(index);
        }
        let places = self.places()?;
        Ok(self
            .index
            .get_or_init(|| SearchIndex::build(&self.directory, places)))
    }

    /// The directory.
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    /// The whole postcode register and every bydel pair (read now if this book reads its
    /// places lazily and has not yet).
    pub fn places(&self) -> Result<&Places, Error> {
        match &self.places {
            PlacesState::Loaded(places) => Ok(places),
            PlacesState::Lazy { source, all, .. } => all
                .get_or_init(|| source.all().map_err(|e| e.to_string()))
                .as_ref()
                .map_err(|why| Error::Storage(StorageError::Damaged(why.clone()))),
        }
    }

    /// The places needed to answer for `location`: the whole register when it is at hand,
    /// else only what `location` needs, read from the source.
    pub fn places_for(&self, location: &Location) -> Result<PlacesFor<'_>, Error> {
        let (source, last) = match &self.places {
            PlacesState::Loaded(places) => return Ok(PlacesFor::Whole(places)),
            PlacesState::Lazy { all, .. } if matches!(all.get(), Some(Ok(_))) => {
                return self.places().map(PlacesFor::Whole)
            }
            PlacesState::Lazy { source, last, .. } => (source, last),
        };
        // A cache: whatever a panicking thread left is either a valid entry or replaced.
        let mut last = last.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((at, places)) = last.as_ref() {
            if at == location {
                return Ok(PlacesFor::Part(places.clone()));
            }
        }
        let places = Arc::new(source.for_location(location)?);
        *last = Some((location.clone(), places.clone()));
        Ok(PlacesFor::Part(places))
    }

    /// Where `location` is: postcode, municipality, bydel, and what the user should know.
    pub fn resolve(&self, location: &Location) -> Result<Resolution, Error> {
        let places = self.places_for(location)?;
        resolve(&self.directory, &places, location)
    }

    /// Who to contact, best first, with per-channel state at the query's instant.
    pub fn contacts(&self, query: &ContactsQuery) -> Result<ContactsAnswer, Error> {
        let places = self.places_for(&query.location)?;
        contacts(&self.directory, &places, query)
    }

    /// Services and places matching `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, Error> {
        Ok(self.search_index()?.search(query, limit))
    }

    /// Directory entries verified more than 12 months before `today`.
    pub fn stale_entries(&self, today: NaiveDate) -> Vec<StaleEntry> {
        stale_entries(&self.directory, today)
    }
}
