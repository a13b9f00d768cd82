//! The exit codes of every `veiviser-server` command, and the one place errors map to them.
//!
//! The codes follow the client's (`apps/cli/src/exit.rs`): the same number means the same kind
//! of failure. Code 3 (network) is the client's only; the server never exits with it.

use crate::publishing::backup::RestoreError;
use crate::publishing::import::ImportError;
use crate::publishing::published::PublishedError;
use crate::sync_api::serve::ServeError;
use std::fmt;
use std::process::ExitCode;
use veiviser_core::sync::signing::KeyError;

/// Process exit codes: part of the server CLI's contract (README.md, "The server").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success.
    Ok = 0,
    /// Invalid content: a file failed validation, nothing was published.
    InvalidContent = 1,
    /// Usage: a bad flag or argument, or a missing or unreadable signing key or trusted-keys file.
    Usage = 2,
    /// Integrity: a signature does not verify (published content at start-up, or a backup).
    Integrity = 4,
    /// Storage: the data folder, the database or another file could not be read or written
    /// (also: the server cannot listen or start).
    Storage = 5,
}

impl Exit {
    /// Every code, in order (for the documentation test).
    pub const ALL: [Exit; 5] = [
        Exit::Ok,
        Exit::InvalidContent,
        Exit::Usage,
        Exit::Integrity,
        Exit::Storage,
    ];

    /// The numeric code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

impl From<&ImportError> for Exit {
    fn from(e: &ImportError) -> Self {
        match e {
            ImportError::Content(_) => Exit::InvalidContent,
            ImportError::Publish(_) => Exit::Storage,
        }
    }
}

impl From<&RestoreError> for Exit {
    fn from(e: &RestoreError) -> Self {
        match e {
            RestoreError::Integrity { .. } => Exit::Integrity,
            RestoreError::Files(_) | RestoreError::Repository(_) => Exit::Storage,
        }
    }
}

impl From<&ServeError> for Exit {
    fn from(e: &ServeError) -> Self {
        match e {
            ServeError::Integrity(_) => Exit::Integrity,
            ServeError::Other(_) => Exit::Storage,
        }
    }
}

impl From<&KeyError> for Exit {
    fn from(_: &KeyError) -> Self {
        Exit::Usage
    }
}

impl From<&PublishedError> for Exit {
    fn from(_: &PublishedError) -> Self {
        Exit::Storage
    }
}

/// An error that ends the command: what to print on stderr and which code to exit with.
#[derive(Debug)]
pub struct CliError {
    /// The exit code.
    pub exit: Exit,
    /// Lines printed as they are before the message (e.g. every content finding).
    pub details: Vec<String>,
    /// The message, printed as `veiviser-server: MESSAGE`.
    pub message: String,
}

impl CliError {
    /// An error with an explicit exit code.
    pub fn new(exit: Exit, message: impl fmt::Display) -> Self {
        CliError {
            exit,
            details: Vec::new(),
            message: message.to_string(),
        }
    }

    /// A usage error (exit 2).
    pub fn usage(message: impl fmt::Display) -> Self {
        CliError::new(Exit::Usage, message)
    }

    /// Lines to print before the message.
    pub fn with_details(mut self, details: Vec<String>) -> Self {
        self.details = details;
        self
    }

    /// Prints the error on stderr and returns its exit code.
    pub fn report(&self) -> ExitCode {
        for line in &self.details {
            eprintln!("{line}");
        }
        eprintln!("veiviser-server: {}", self.message);
        self.exit.into()
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

macro_rules! cli_error_from {
    ($($error:ty),*) => {$(
        impl From<$error> for CliError {
            fn from(e: $error) -> Self {
                CliError::new(Exit::from(&e), e)
            }
        }
    )*};
}

cli_error_from!(
    ImportError,
    RestoreError,
    ServeError,
    KeyError,
    PublishedError
);

/// Result of a server command.
pub type CliResult<T = ()> = Result<T, CliError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// README.md's server section lists every code with the meaning given here.
    #[test]
    fn the_readme_documents_every_exit_code() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## The server")
            .nth(1)
            .and_then(|s| s.split("\n## ").next())
            .expect("README.md has a server section");
        for exit in Exit::ALL {
            let row = format!("| {} |", exit.code());
            assert!(
                section.lines().any(|l| l.starts_with(&row)),
                "README.md's server section has no row for exit code {}",
                exit.code()
            );
        }
        assert!(
            !section.lines().any(|l| l.starts_with("| 3 |")),
            "the server never exits with 3"
        );
    }

    #[test]
    fn errors_map_to_their_codes() {
        let key = KeyError {
            source_name: "--key".into(),
            message: "missing".into(),
        };
        assert_eq!(CliError::from(key).exit, Exit::Usage);
        let integrity = ServeError::Integrity("bad".into());
        assert_eq!(Exit::from(&integrity), Exit::Integrity);
        assert_eq!(
            Exit::from(&ServeError::Other("cannot listen".into())),
            Exit::Storage
        );
        let files = PublishedError::new(std::path::Path::new("x"), "cannot read");
        assert_eq!(Exit::from(&files), Exit::Storage);
        assert_eq!(
            Exit::from(&ImportError::Content(veiviser_core::ContentErrors(vec![]))),
            Exit::InvalidContent
        );
    }
}
