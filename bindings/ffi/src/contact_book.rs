//! The contact book over the *synced* directory and places, rebuilt only when they change.
//!
//! `LocalContent::contact_book` parses every stored directory and places record and builds the
//! search index on each call; a phone asks many times between syncs, so the façade keeps the
//! book per stored state (the directory and places sequences) and rebuilds it after a sync.

use std::sync::{Arc, Mutex};
use veiviser_core::directory::ContactBook;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::LocalContent;
use veiviser_core::{Error, Result};

/// Which stored states a book was built from (directory and places sequences).
type Built = (Option<u64>, Option<u64>);

/// A cached contact book for one `LocalContent`.
#[derive(Debug, Default)]
pub(crate) struct ContactBookCache(Mutex<Option<(Built, Arc<ContactBook>)>>);

impl ContactBookCache {
    /// The book for the content as it is stored now (built on first use and after a sync).
    /// The lock is held only while checking or building, never while calling out.
    pub(crate) fn get(&self, content: &LocalContent) -> Result<Arc<ContactBook>> {
        let states = content.local_states()?;
        let built: Built = (
            states.get(&Collection::Directory).map(|s| s.sequence),
            states.get(&Collection::Places).map(|s| s.sequence),
        );
        let mut cache = self
            .0
            .lock()
            .map_err(|_| Error::Storage("contact book cache poisoned".into()))?;
        if let Some((key, book)) = cache.as_ref() {
            if *key == built {
                return Ok(book.clone());
            }
        }
        let book = Arc::new(content.contact_book()?);
        *cache = Some((built, book.clone()));
        Ok(book)
    }
}
