//! Veiviser's shared core: guides, navigation, the contact directory, signed content and sync.
//!
//! The core knows nothing about FFI or HTTP frameworks; the CLI, the server and the uniffi
//! bindings are thin layers over it.

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub mod directory;
pub mod error;
pub mod guide;
pub mod i18n;
pub mod legal;
pub mod roles;
pub mod sector;
pub mod store;
pub mod sync;
pub mod view;

pub use error::{ContentErrors, ContentIssue, Error, IntegrityError, Result, Severity};
pub use i18n::{Lang, LocalizedText};
pub use legal::LegalRef;
pub use roles::ContactRole;
pub use sector::Sector;
