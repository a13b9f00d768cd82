//! Veiviser's shared core: guides, navigation, the contact directory, signed content and sync.
//!
//! The core knows nothing about HTTP frameworks; the CLI, the server and the uniffi bindings
//! are thin layers over it. Its app-facing records and enums derive uniffi themselves behind
//! the optional `uniffi` feature (`cfg_attr`), which only `bindings/ffi` turns on, so each has
//! one definition; they reach the apps as the `veiviser_core` namespace (`core/uniffi.toml`).

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub mod app;
pub mod device;
pub mod directory;
pub mod drafts;
pub mod error;
pub mod failpoints;
pub mod guide;
pub mod i18n;
pub mod legal;
pub mod release_note;
pub mod roles;
pub mod sector;
pub mod store;
pub mod sync;
pub mod view;

pub use error::{
    ContentError, ContentErrors, ContentIssue, Error, InputError, IntegrityError, NavigationError,
    Result, Severity, StorageError, SyncError,
};
pub use i18n::{Lang, LocalizedText};
pub use legal::LegalRef;
pub use roles::ContactRole;
pub use sector::Sector;
