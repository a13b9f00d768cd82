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

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn causes_are_kept_as_sources() {
        let io = Error::from(StorageError::io(
            "writing /d/x",
            std::io::Error::other("full"),
        ));
        assert_eq!(io.to_string(), "local storage: writing /d/x: full");
        assert_eq!(io.source().map(|s| s.to_string()).as_deref(), Some("full"));

        let read = Error::from(InputError::Read {
            path: "g.toml".into(),
            source: std::io::Error::other("gone"),
        });
        assert_eq!(read.to_string(), "g.toml: gone");
        assert!(read.source().is_some());

        let sled = Error::from(StorageError::sled(
            "reading a record",
            sled::Error::ReportableBug("x".into()),
        ));
        assert!(sled.source().is_some_and(|s| s.is::<sled::Error>()));

        let down = Error::from(SyncError::unreachable(std::io::Error::other("refused")));
        assert_eq!(
            down.to_string(),
            "network: cannot reach the server: refused"
        );
        assert!(down.source().is_some());
        assert!(Error::from(SyncError::server("HTTP 500"))
            .source()
            .is_none());
    }

    #[test]
    fn integrity_and_findings_convert_into_their_area() {
        let e = Error::from(IntegrityError::SignatureInvalid {
            collection: "guides".into(),
        });
        assert!(matches!(e, Error::Sync(SyncError::Integrity(_))));
        let e = Error::from(ContentErrors::default());
        assert!(matches!(e, Error::Content(ContentError::Invalid(_))));
    }
}
