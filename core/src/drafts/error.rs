//! What can go wrong with a draft: each error names a draft by its random id only, never by
//! anything inside it, so an error message can be logged or shown without leaking content.

use super::validate::Problem;

/// An error of the draft store, the master key or an export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// No draft with this id in the store.
    #[error("no draft `{id}` on this device (it may have expired or been deleted)")]
    NotFound {
        /// The draft id.
        id: String,
    },
    /// The draft was sealed under another master key (or the key file/passphrase is wrong).
    #[error("draft `{id}` was saved with another master key: check the key file or passphrase; other drafts are not affected")]
    WrongKey {
        /// The draft id.
        id: String,
    },
    /// The file is damaged (truncated, a changed byte): it cannot be opened.
    #[error("draft `{id}` is damaged ({reason}) and cannot be opened; other drafts are not affected; delete it with its id")]
    Damaged {
        /// The draft id (or the file name when the id itself is unreadable).
        id: String,
        /// What is wrong, without any content.
        reason: String,
    },
    /// The master key could not be read, created or derived.
    #[error("master key: {message}")]
    Key {
        /// What went wrong.
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {message}")]
    Io {
        /// The file or folder.
        path: String,
        /// The I/O error.
        message: String,
    },
    /// An argument is malformed (an id, a date, a retention period).
    #[error("{field}: {reason}")]
    Invalid {
        /// The argument or field.
        field: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// The draft cannot be exported yet: every missing or malformed field, by name.
    #[error("the draft is not complete: {}", problem_list(.problems))]
    Incomplete {
        /// Each missing or malformed field with what to do.
        problems: Vec<Problem>,
    },
}

fn problem_list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| p.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl DraftError {
    /// An I/O error on `path`.
    pub(crate) fn io(path: &std::path::Path, e: &std::io::Error) -> Self {
        DraftError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }
    }

    /// A malformed argument.
    pub(crate) fn invalid(field: &str, reason: impl Into<String>) -> Self {
        DraftError::Invalid {
            field: field.to_string(),
            reason: reason.into(),
        }
    }
}

/// Result of a draft operation.
pub type DraftResult<T> = std::result::Result<T, DraftError>;
