//! The core's errors: one error per area under the umbrella [`Error`](enum@Error); front ends map it to
//! exit codes (`apps/cli/src/exit.rs`) or a flat FFI error (`bindings/ffi/src/error.rs`) in
//! one place each.
//!
//! Areas: guide navigation ([`NavigationError`]), content ([`ContentError`], with the
//! validation findings [`ContentErrors`]), sync ([`SyncError`], with [`IntegrityError`]),
//! the local store ([`StorageError`], storage I/O) and what the user gave ([`InputError`],
//! input I/O). Where there is an underlying error (sled, the OS, a transport) it is kept as
//! the `source`, not flattened into a string.

mod content;
mod input;
mod navigation;
mod storage;
mod sync;

pub use content::{ContentError, ContentErrors, ContentIssue, Severity};
pub use input::InputError;
pub use navigation::NavigationError;
pub use storage::StorageError;
pub use sync::{IntegrityError, SyncError};

use thiserror::Error;

/// Everything that can go wrong in the core, by area.
#[derive(Debug, Error)]
pub enum Error {
    /// Guide navigation: a move the current step does not allow.
    #[error(transparent)]
    Navigation(#[from] NavigationError),
    /// Content: invalid, needs a newer app, or not stored.
    #[error(transparent)]
    Content(#[from] ContentError),
    /// Sync: the server, signed content refused, or cancelled.
    #[error(transparent)]
    Sync(#[from] SyncError),
    /// The local store (storage I/O, sled, damage).
    #[error(transparent)]
    Storage(#[from] StorageError),
    /// A file or argument the user gave (input I/O, a malformed argument).
    #[error(transparent)]
    Input(#[from] InputError),
}

impl From<ContentErrors> for Error {
    fn from(e: ContentErrors) -> Self {
        Error::Content(ContentError::Invalid(e))
    }
}

impl From<IntegrityError> for Error {
    fn from(e: IntegrityError) -> Self {
        Error::Sync(SyncError::Integrity(e))
    }
}

/// Result with the core's [`Error`](enum@Error).
pub type Result<T, E = Error> = std::result::Result<T, E>;
