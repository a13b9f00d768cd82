//! Sync errors: the server could not help, signed content was refused, or the user cancelled.

use thiserror::Error;

/// A sync failed; nothing was changed on the device.
#[derive(Debug, Error)]
pub enum SyncError {
    /// The server could not be reached or answered with an error.
    #[error("network: {detail}")]
    Network {
        /// What went wrong (includes the transport's own message, for the user).
        detail: String,
        /// The transport failure (a `TransportError`, or the app's own), when the request
        /// could not be completed at all. Boxed so this module needs nothing from `sync`.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
    /// The server asked us to wait before trying again.
    #[error("the server is busy: try again in {seconds} s")]
    Backoff {
        /// Seconds to wait.
        seconds: u64,
    },
    /// Signed content was refused.
    #[error(transparent)]
    Integrity(#[from] IntegrityError),
    /// The sync was cancelled; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
}

impl SyncError {
    /// The request could not be completed at all (no connection, timeout, broken body).
    pub fn unreachable(source: impl std::error::Error + Send + Sync + 'static) -> Self {
        SyncError::Network {
            detail: format!("cannot reach the server: {source}"),
            source: Some(Box::new(source)),
        }
    }

    /// The server answered, but not usefully (an HTTP error, a body that is not what was asked).
    pub fn server(detail: impl Into<String>) -> Self {
        SyncError::Network {
            detail: detail.into(),
            source: None,
        }
    }
}

/// Why signed content was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum IntegrityError {
    /// The signature does not match the content: it was altered or corrupted.
    #[error("signature check failed for {collection}: the content was altered or corrupted in transit; nothing was changed on this device")]
    SignatureInvalid {
        /// The collection whose signature failed.
        collection: String,
    },
    /// The content was signed by a key this build does not trust.
    #[error("content for {collection} is signed by untrusted key `{key_id}`; nothing was changed on this device (check --trusted-keys)")]
    UntrustedKey {
        /// The collection.
        collection: String,
        /// The key id named in the signature.
        key_id: String,
    },
    /// The content is older than what this device has already seen (a replay).
    #[error("refusing older content for {collection}: offered sequence {offered}, this device has seen {seen}; nothing was changed")]
    Rollback {
        /// The collection.
        collection: String,
        /// The sequence the server offered.
        offered: u64,
        /// The highest sequence this device has accepted.
        seen: u64,
    },
    /// The content claims a publish time older than content this device has already accepted (a replay).
    #[error("refusing older content for {collection}: published {offered_at}, but this device already has content published {seen_at}; nothing was changed")]
    StalePublishTime {
        /// The collection.
        collection: String,
        /// The sequence the server offered.
        offered: u64,
        /// The highest sequence this device has accepted.
        seen: u64,
        /// The publish time offered (RFC 3339).
        offered_at: String,
        /// The newest publish time this device has accepted (RFC 3339).
        seen_at: String,
    },
}
