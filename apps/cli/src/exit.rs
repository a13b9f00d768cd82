//! The exit codes shared by every `veiviser` command, and the one place core errors map to them.

use std::fmt;
use veiviser_core::{ContentError, Error, SyncError};

/// Process exit codes: part of the CLI contract that scripts and tests build on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Invalid content (a guide or directory file failed validation).
    InvalidContent = 1,
    /// Usage error: unknown flag, unknown option id, bad argument.
    Usage = 2,
    /// The server is unreachable or answered with an error.
    Network = 3,
    /// Integrity failure: bad signature, rollback, untrusted key.
    Integrity = 4,
    /// Local storage failure.
    Storage = 5,
}

/// An error that ends the command: what to print on stderr and which code to exit with.
#[derive(Debug)]
pub struct CliError {
    /// The exit code.
    pub exit: Exit,
    /// The message for stderr (may span lines).
    pub message: String,
}

impl CliError {
    /// A usage error (exit 2).
    pub fn usage(message: impl Into<String>) -> Self {
        CliError {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    /// An error with an explicit exit code.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        CliError {
            exit,
            message: message.into(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        let exit = match &e {
            Error::Content(ContentError::Invalid(_) | ContentError::SchemaTooNew { .. }) => {
                Exit::InvalidContent
            }
            Error::Content(ContentError::NotFound { .. }) | Error::Navigation(_) => Exit::Usage,
            // A file the user gave (input I/O) or a malformed argument.
            Error::Input(_) => Exit::Usage,
            Error::Sync(SyncError::Integrity(_)) => Exit::Integrity,
            Error::Sync(
                SyncError::Network { .. } | SyncError::Backoff { .. } | SyncError::Cancelled,
            ) => Exit::Network,
            // The local store (storage I/O, sled, damage), never the user's input.
            Error::Storage(_) => Exit::Storage,
        };
        let message = match e {
            Error::Content(ContentError::Invalid(errs)) => errs.to_string(),
            other => other.to_string(),
        };
        CliError { exit, message }
    }
}

/// Result of a CLI command.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::error::{
        ContentErrors, InputError, IntegrityError, NavigationError, StorageError,
    };

    fn exit_of(e: impl Into<Error>) -> Exit {
        CliError::from(e.into()).exit
    }

    #[test]
    fn each_area_keeps_its_exit_code() {
        assert_eq!(exit_of(ContentErrors::default()), Exit::InvalidContent);
        let too_new = ContentError::SchemaTooNew {
            what: "guide `x`".into(),
            needed: 9,
            supported: 1,
        };
        assert_eq!(exit_of(too_new), Exit::InvalidContent);
        let missing = ContentError::NotFound { what: "x".into() };
        assert_eq!(exit_of(missing), Exit::Usage);
        assert_eq!(
            exit_of(NavigationError::InvalidState("end".into())),
            Exit::Usage
        );
        assert_eq!(exit_of(SyncError::server("HTTP 500")), Exit::Network);
        assert_eq!(exit_of(SyncError::Backoff { seconds: 3 }), Exit::Network);
        assert_eq!(exit_of(SyncError::Cancelled), Exit::Network);
        let bad = IntegrityError::SignatureInvalid {
            collection: "guides".into(),
        };
        assert_eq!(exit_of(bad), Exit::Integrity);
        assert_eq!(exit_of(StorageError::Damaged("x".into())), Exit::Storage);
    }

    #[test]
    fn input_io_is_a_usage_error_and_storage_io_a_storage_error() {
        let denied = || std::io::Error::other("denied");
        let input = InputError::Read {
            path: "guide.toml".into(),
            source: denied(),
        };
        assert_eq!(exit_of(input), Exit::Usage);
        let storage = CliError::from(Error::from(StorageError::io("/data", denied())));
        assert_eq!(storage.exit, Exit::Storage);
        assert_eq!(storage.message, "local storage: /data: denied");
    }
}
