//! Decision guides: the model, the authoring (TOML) and wire (JSON) formats, validation and the navigator.

pub mod model;

pub use model::{AnswerOption, Guide, Review, Step, StepKind, CLIENT_VERSION, SCHEMA_VERSION};
