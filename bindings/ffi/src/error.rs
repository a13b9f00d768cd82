//! The one flat error the apps branch on, converted from the core's errors in one place.

use veiviser_core::error::{Error as CoreError, IntegrityError};

/// Everything a call into Veiviser can fail with. Every variant carries `detail`: a sentence
/// for logs and developers (English, never personal data); apps show their own localized text
/// chosen by the variant.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum VeiviserError {
    /// The server could not be reached (no network, DNS, refused, timeout) or answered with an
    /// error. Local content is unchanged and still usable.
    #[error("{detail}")]
    Offline {
        /// What went wrong.
        detail: String,
    },
    /// The server asked the app to wait `seconds` before syncing again.
    #[error("{detail}")]
    Backoff {
        /// Seconds to wait before the next sync.
        seconds: u64,
        /// What went wrong.
        detail: String,
    },
    /// Synced content failed its signature check (altered or corrupted); nothing was changed.
    #[error("{detail}")]
    SignatureInvalid {
        /// The collection whose signature failed (`guides`, `directory`, `places`).
        collection: String,
        /// What went wrong.
        detail: String,
    },
    /// Synced content was signed by a key this app does not trust; nothing was changed.
    #[error("{detail}")]
    UntrustedKey {
        /// The key id named in the signature.
        key_id: String,
        /// What went wrong.
        detail: String,
    },
    /// The server offered content older than what this device has seen (a replay); refused.
    #[error("{detail}")]
    Rollback {
        /// The sequence the server offered.
        offered: u64,
        /// The highest sequence this device has accepted.
        seen: u64,
        /// What went wrong.
        detail: String,
    },
    /// The content needs a newer version of the app: ask the user to update.
    #[error("{detail}")]
    SchemaTooNew {
        /// The client version the content requires.
        needed: u32,
        /// The client version of this build.
        supported: u32,
        /// What went wrong.
        detail: String,
    },
    /// The answer is not one the current step offers.
    #[error("{detail}")]
    InvalidAnswer {
        /// The current step.
        step_id: String,
        /// The id that was given.
        option_id: String,
        /// The ids the step accepts.
        valid_options: Vec<String>,
        /// What went wrong.
        detail: String,
    },
    /// The action does not fit the current state (answering an end step, `back` on the first
    /// step, a session of another guide).
    #[error("{detail}")]
    InvalidState {
        /// What went wrong.
        detail: String,
    },
    /// An argument the app passed cannot be used (e.g. a saved session that cannot be read).
    #[error("{detail}")]
    InvalidInput {
        /// What went wrong.
        detail: String,
    },
    /// Content failed validation (names file, step and field); nothing was loaded.
    #[error("{detail}")]
    InvalidContent {
        /// Every finding, one per line.
        detail: String,
    },
    /// A guide, step, area or entry asked for by id does not exist.
    #[error("{detail}")]
    NotFound {
        /// What was looked for.
        detail: String,
    },
    /// The local store could not be read or written.
    #[error("{detail}")]
    Storage {
        /// What went wrong.
        detail: String,
    },
    /// The operation was cancelled; nothing was changed.
    #[error("{detail}")]
    Cancelled {
        /// What happened.
        detail: String,
    },
    /// A bug or an unexpected failure, e.g. an exception thrown by an app-supplied callback.
    #[error("{detail}")]
    Internal {
        /// What went wrong.
        detail: String,
    },
}

impl From<CoreError> for VeiviserError {
    fn from(e: CoreError) -> Self {
        let detail = e.to_string();
        match e {
            CoreError::InvalidContent(_) => VeiviserError::InvalidContent { detail },
            CoreError::InvalidAnswer {
                step,
                option,
                valid,
            } => VeiviserError::InvalidAnswer {
                step_id: step,
                option_id: option,
                valid_options: valid,
                detail,
            },
            CoreError::InvalidState(_) => VeiviserError::InvalidState { detail },
            CoreError::NotFound { .. } => VeiviserError::NotFound { detail },
            CoreError::SchemaTooNew {
                needed, supported, ..
            } => VeiviserError::SchemaTooNew {
                needed,
                supported,
                detail,
            },
            CoreError::Network(_) => VeiviserError::Offline { detail },
            CoreError::Backoff { seconds } => VeiviserError::Backoff { seconds, detail },
            CoreError::Integrity(IntegrityError::SignatureInvalid { collection }) => {
                VeiviserError::SignatureInvalid { collection, detail }
            }
            CoreError::Integrity(IntegrityError::UntrustedKey { key_id, .. }) => {
                VeiviserError::UntrustedKey { key_id, detail }
            }
            CoreError::Integrity(IntegrityError::Rollback { offered, seen, .. }) => {
                VeiviserError::Rollback {
                    offered,
                    seen,
                    detail,
                }
            }
            CoreError::Storage(_) | CoreError::Io { .. } => VeiviserError::Storage { detail },
            CoreError::Cancelled => VeiviserError::Cancelled { detail },
        }
    }
}

/// An app-supplied callback (a transport or listener) threw something undeclared.
impl From<uniffi::UnexpectedUniFFICallbackError> for VeiviserError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        VeiviserError::Internal {
            detail: format!("an app callback failed unexpectedly: {}", e.reason),
        }
    }
}

/// Result with [`VeiviserError`], as every fallible export returns.
pub type FfiResult<T> = Result<T, VeiviserError>;
