//! The device's content: what an app or the CLI opens on a phone or laptop to read guides and
//! contacts and keep them current.
//!
//! [`DeviceContent`] ties together the local store ([`crate::store`]), the anti-rollback marks
//! outside it, the trusted keys built into the app and the bundled snapshot, and puts the
//! device API on top. One file per concept:
//! - [`open`](DeviceContent::open): opening and repairing (a damaged store is rebuilt from the
//!   bundled snapshot; an unwritable or busy one is opened read-only, never rebuilt; opening
//!   never fails because of bad local data);
//! - reads: stored guides, the directory and places, "content as of";
//! - the sync driver ([`DeviceContent::sync`]): the sans-I/O engine through a transport, then
//!   stage, verify, check, swap, flush, raise the marks — all or nothing;
//! - the report types ([`AsOf`], [`SyncReport`], [`CollectionReport`]);
//! - the process-wide registry that keeps one instance per data folder;
//! - the contact-book cache ([`DeviceContent::contact_book`]);
//! - the guide catalogue ([`DeviceContent::guide_catalogue`]): every guide's card, for lists;
//! - progress delivered off the store's lock ([`DeviceContent::sync_detached`]).
//!
//! The FFI object `Veiviser` (crate `veiviser-ffi`) is the apps' handle on a `DeviceContent`
//! and only delegates to it.

mod catalogue;
mod contact_book;
mod derived;
mod driver;
mod listener;
mod open;
mod places_source;
mod reads;
mod registry;
mod staging;
#[cfg(test)]
mod tests;

pub use crate::sync::report::{AsOf, CollectionReport, SyncReport};
pub use catalogue::CatalogueEntry;
pub use driver::{SyncOptions, DEFAULT_MAX_CONTENT_AGE_DAYS};
pub use open::{DeviceContent, BUNDLED_SOURCE, STORE_DIR};
pub use reads::StoredGuide;
