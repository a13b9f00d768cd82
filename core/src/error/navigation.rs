//! Guide navigation errors: a move the walk's current step does not allow.

use thiserror::Error;

/// A move or lookup that does not fit the walk's current state.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NavigationError {
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
    /// The move does not fit the current state (e.g. answering an end step, `back` on the
    /// first step, a session of another guide).
    #[error("{0}")]
    InvalidState(String),
    /// A step or guide the walk refers to does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "step `x`".
        what: String,
    },
}
