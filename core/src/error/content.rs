//! Content errors: validation findings (file, step, field) and content this app cannot use.

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

/// Content that cannot be used: it failed validation, needs a newer app, or is not stored.
#[derive(Debug, Error)]
pub enum ContentError {
    /// Content failed validation; every finding is listed.
    #[error("invalid content:\n{0}")]
    Invalid(ContentErrors),
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
    /// Content asked for by id is not stored on this device (e.g. a guide id).
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "guide `x` in the local store".
        what: String,
    },
}
