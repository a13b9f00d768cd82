//! The contact book over the *synced* directory and places, rebuilt only when they change.
//!
//! Interim glue: the core offers `ContactBook::new(Directory, Places)` and the stored records
//! (`LocalContent::records`), but no "contact book of the local content" yet. This file is the
//! one place that joins them, using only the core's own record types and constructors; it
//! belongs in the core (`LocalContent::contact_book`), shared with the CLI, and should move
//! there — the façade then calls it and this file goes away.

use std::sync::{Arc, Mutex};
use veiviser_core::directory::{ContactBook, Directory, DirectoryEntry, PlaceEntry, Places};
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
        let book = Arc::new(build(content)?);
        *cache = Some((built, book.clone()));
        Ok(book)
    }
}

fn build(content: &LocalContent) -> Result<ContactBook> {
    let directory =
        Directory::from_entries(entries::<DirectoryEntry>(content, Collection::Directory)?)?;
    let places = Places::from_entries(entries::<PlaceEntry>(content, Collection::Places)?)?;
    Ok(ContactBook::new(directory, places))
}

fn entries<T: serde::de::DeserializeOwned>(
    content: &LocalContent,
    collection: Collection,
) -> Result<Vec<T>> {
    content
        .records(collection)?
        .into_iter()
        .map(|r| {
            serde_json::from_value(r.data).map_err(|e| {
                Error::Storage(format!(
                    "{collection} record `{}` in the local store cannot be read ({e}); sync again or update the app",
                    r.id
                ))
            })
        })
        .collect()
}
