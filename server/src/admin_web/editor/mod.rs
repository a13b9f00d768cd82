//! The editors: forms over the core's model for someone who does not know TOML.
//!
//! - [`form`]: posted name/value pairs, field ids, and placing validation findings on fields;
//! - [`step`]: one step of a guide draft.

pub mod form;
pub mod step;
