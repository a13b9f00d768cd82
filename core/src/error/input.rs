//! Input errors: a file or an argument the user (or the app) gave cannot be used.
//!
//! Input I/O — reading a file named on the command line or in an admin import — is kept apart
//! from storage I/O ([`super::StorageError`]): the CLI exits 2 for the first ("check the
//! path") and 5 for the second ("the local store is unusable").

use thiserror::Error;

/// A file or argument given to the core cannot be used.
#[derive(Debug, Error)]
pub enum InputError {
    /// A file the user gave could not be read (input I/O).
    #[error("{path}: {source}")]
    Read {
        /// The file or folder.
        path: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// An argument is malformed (e.g. a postcode that is not 4 digits); says what to give.
    #[error("{0}")]
    Invalid(String),
}
