//! The editors: forms over the core's model for someone who does not know TOML.
//!
//! - [`entry`]: a directory entry (names, role, channels and hours, source, verified);
//! - [`document`]: a guide draft's TOML as the model and back;
//! - [`form`]: posted name/value pairs, field ids, and placing validation findings on fields;
//! - [`meta`]: a guide's own fields (title, summary, start, acute step, review date);
//! - [`step`]: one step of a guide draft.

pub mod document;
pub mod entry;
pub mod form;
pub mod meta;
pub mod step;
