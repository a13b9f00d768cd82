//! The core's rich error type; front ends map it to exit codes or a flat FFI error in one place.

use std::fmt;
use thiserror::Error;

/// How serious a content finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The content must not be published or used.
    Error,
    /// Publishable, but an editor should look (e.g. a phone number written in prose).
    Warning,
}

/// One finding about a content file: where it is and what to fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContentIssue {
    /// Error or warning.
    pub severity: Severity,
    /// The file (or collection record) the finding is in.
    pub file: String,
    /// Line and column (1-based) for syntax errors, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<(usize, usize)>,
    /// The step (guide) or entry (directory) id, when the finding is inside one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// The field, e.g. `next` or `options[1].next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ContentIssue {
    /// `FILE:LINE:COL: message` for syntax errors, else `FILE: step ID: FIELD: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(step) = &self.step {
            write!(f, ": step {step}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": {field}")?;
        }
        if self.severity == Severity::Warning {
            write!(f, ": warning")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// All findings for one or more files; an `Err` of these means nothing was loaded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ContentErrors(pub Vec<ContentIssue>);

impl ContentErrors {
    /// Only the findings that block publishing.
    pub fn errors(&self) -> impl Iterator<Item = &ContentIssue> {
        self.0.iter().filter(|i| i.severity == Severity::Error)
    }
}

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, issue) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

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

/// Everything that can go wrong in the core.
#[derive(Debug, Error)]
pub enum Error {
    /// Content failed validation; every finding is listed.
    #[error("invalid content:\n{0}")]
    InvalidContent(ContentErrors),
    /// An answer id that the current step does not offer.
    #[error("step `{step}` has no option `{option}`; valid options: {}", valid.join(", "))]
    InvalidAnswer {
        /// The current step.
        step: String,
        /// The id the user gave.
        option: String,
        /// The ids the step offers.
        valid: Vec<String>,
    },
    /// The action does not fit the current state (e.g. answering an end step).
    #[error("{0}")]
    InvalidState(String),
    /// Something asked for by id does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "guide `x`".
        what: String,
    },
    /// Content needs a newer app.
    #[error("{what} needs a newer version of Veiviser (content format {needed}, this app supports {supported}): update the app")]
    SchemaTooNew {
        /// What could not be read.
        what: String,
        /// The client version the content requires.
        needed: u32,
        /// The client version of this build.
        supported: u32,
    },
    /// The server could not be reached or answered with an error.
    #[error("network: {0}")]
    Network(String),
    /// The server asked us to wait before trying again.
    #[error("the server is busy: try again in {seconds} s")]
    Backoff {
        /// Seconds to wait.
        seconds: u64,
    },
    /// Signed content was refused.
    #[error(transparent)]
    Integrity(#[from] IntegrityError),
    /// The local store could not be read or written.
    #[error("local storage: {0}")]
    Storage(String),
    /// The operation was cancelled; nothing was changed.
    #[error("cancelled; nothing was changed")]
    Cancelled,
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

impl From<ContentErrors> for Error {
    fn from(e: ContentErrors) -> Self {
        Error::InvalidContent(e)
    }
}

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
