//! The contact book over the *synced* directory and places, rebuilt only when they change.
//!
//! A book parses the stored directory at once and reads the places lazily (one question reads
//! the row it asks about and the bydel pairs; a search reads the whole register, once); an
//! app asks "who to call" many times between syncs, so the device keeps the book per stored
//! state (the directory and places sequences) and makes a new one after a sync changed
//! either.

use super::places_source::StoredPlaces;
use super::DeviceContent;
use crate::directory::ContactBook;
use crate::error::Result;
use crate::sync::protocol::Collection;
use std::sync::{Arc, Mutex};

/// Which stored states a book was built from (directory and places sequences).
type Built = (Option<u64>, Option<u64>);

/// The cached contact book of one [`DeviceContent`].
#[derive(Debug, Default)]
pub(super) struct ContactBookCache(Mutex<Option<(Built, Arc<ContactBook>)>>);

impl DeviceContent {
    /// The contact book for the content as it is stored now: built on first use and again
    /// after a sync changed the directory or places, shared otherwise.
    pub fn contact_book(&self) -> Result<Arc<ContactBook>> {
        let states = self.local_states()?;
        let built: Built = (
            states.get(&Collection::Directory).map(|s| s.sequence),
            states.get(&Collection::Places).map(|s| s.sequence),
        );
        // Held only while checking or building; nothing calls out while it is held.
        let mut cache = self
            .book
            .0
            .lock()
            // A cache: whatever a panicking thread left is either a valid book or replaced.
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((key, book)) = cache.as_ref() {
            if *key == built {
                return Ok(book.clone());
            }
        }
        // The places are read per question until something needs the whole register.
        let source = StoredPlaces::new(self.store.clone(), self.read_only.is_none());
        let book = Arc::new(ContactBook::lazy(self.directory()?, Arc::new(source)));
        *cache = Some((built, book.clone()));
        Ok(book)
    }
}
