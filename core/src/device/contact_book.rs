//! The contact book over the *synced* directory and places, rebuilt only when they change.
//!
//! Building a book parses every stored directory and places record (and, on the first search,
//! the search index); an app asks "who to call" many times between syncs, so the device keeps
//! the book per stored state (the directory and places sequences) and rebuilds it after a sync
//! changed either.

use super::DeviceContent;
use crate::directory::ContactBook;
use crate::error::{Error, Result, StorageError};
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
            .map_err(|_| Error::Storage(StorageError::Poisoned("contact book cache")))?;
        if let Some((key, book)) = cache.as_ref() {
            if *key == built {
                return Ok(book.clone());
            }
        }
        let book = Arc::new(self.build_contact_book()?);
        *cache = Some((built, book.clone()));
        Ok(book)
    }
}
