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
            CoreError::Integrity(
                IntegrityError::Rollback { offered, seen, .. }
                | IntegrityError::StalePublishTime { offered, seen, .. },
            ) => VeiviserError::Rollback {
                offered,
                seen,
                detail,
            },
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

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::error::{ContentErrors, ContentIssue, Severity};

    fn convert(e: CoreError) -> (VeiviserError, String) {
        let text = e.to_string();
        (e.into(), text)
    }

    #[test]
    fn every_core_error_maps_to_a_variant_with_its_message() {
        let cases = vec![
            CoreError::Network("connection refused".into()),
            CoreError::Backoff { seconds: 7 },
            IntegrityError::SignatureInvalid {
                collection: "guides".into(),
            }
            .into(),
            IntegrityError::UntrustedKey {
                collection: "guides".into(),
                key_id: "k-1".into(),
            }
            .into(),
            IntegrityError::Rollback {
                collection: "places".into(),
                offered: 2,
                seen: 5,
            }
            .into(),
            CoreError::SchemaTooNew {
                what: "guide `x`".into(),
                needed: 3,
                supported: 1,
            },
            CoreError::InvalidAnswer {
                step: "Q1".into(),
                option: "kanskje".into(),
                valid: vec!["ja".into(), "nei".into()],
            },
            CoreError::InvalidState("at the end".into()),
            CoreError::NotFound {
                what: "guide `x`".into(),
            },
            CoreError::Storage("disk full".into()),
            CoreError::Io {
                path: "/data".into(),
                source: std::io::Error::other("denied"),
            },
            CoreError::Cancelled,
            CoreError::InvalidContent(ContentErrors(vec![ContentIssue {
                severity: Severity::Error,
                file: "guides/x".into(),
                position: None,
                step: Some("Q1".into()),
                field: Some("next".into()),
                message: "dangling".into(),
            }])),
        ];
        let mut names = Vec::new();
        for case in cases {
            let (ffi, text) = convert(case);
            // The human message is the core's message, unchanged.
            assert_eq!(ffi.to_string(), text);
            let name = match &ffi {
                VeiviserError::Offline { .. } => "Offline",
                VeiviserError::Backoff { seconds, .. } => {
                    assert_eq!(*seconds, 7);
                    "Backoff"
                }
                VeiviserError::SignatureInvalid { collection, .. } => {
                    assert_eq!(collection, "guides");
                    "SignatureInvalid"
                }
                VeiviserError::UntrustedKey { key_id, .. } => {
                    assert_eq!(key_id, "k-1");
                    "UntrustedKey"
                }
                VeiviserError::Rollback { offered, seen, .. } => {
                    assert_eq!((*offered, *seen), (2, 5));
                    "Rollback"
                }
                VeiviserError::SchemaTooNew {
                    needed, supported, ..
                } => {
                    assert_eq!((*needed, *supported), (3, 1));
                    assert!(text.contains("update the app"));
                    "SchemaTooNew"
                }
                VeiviserError::InvalidAnswer {
                    step_id,
                    option_id,
                    valid_options,
                    ..
                } => {
                    assert_eq!((step_id.as_str(), option_id.as_str()), ("Q1", "kanskje"));
                    assert_eq!(valid_options, &["ja", "nei"]);
                    "InvalidAnswer"
                }
                VeiviserError::InvalidState { .. } => "InvalidState",
                VeiviserError::NotFound { .. } => "NotFound",
                VeiviserError::Storage { .. } => "Storage",
                VeiviserError::Cancelled { .. } => "Cancelled",
                VeiviserError::InvalidContent { detail } => {
                    assert!(
                        detail.contains("guides/x: step Q1: next: dangling"),
                        "{detail}"
                    );
                    "InvalidContent"
                }
                VeiviserError::InvalidInput { .. } | VeiviserError::Internal { .. } => {
                    panic!("core errors never map to {ffi:?}")
                }
            };
            names.push(name);
        }
        assert_eq!(
            names,
            [
                "Offline",
                "Backoff",
                "SignatureInvalid",
                "UntrustedKey",
                "Rollback",
                "SchemaTooNew",
                "InvalidAnswer",
                "InvalidState",
                "NotFound",
                "Storage",
                "Storage",
                "Cancelled",
                "InvalidContent"
            ]
        );
    }
}
