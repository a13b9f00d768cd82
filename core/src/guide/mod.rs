//! Decision guides: the model, the authoring (TOML) and wire (JSON) formats, validation, the
//! navigator, and search over guide texts.

pub mod authoring;
pub mod card;
pub mod model;
pub mod navigator;
mod phone_scan;
pub mod search;
pub mod validate;
pub mod wire;

pub use authoring::{load_guide_file, parse_guide_toml, ParsedGuide};
pub use card::GuideCard;
pub use model::{AnswerOption, Guide, Review, Step, StepKind, CLIENT_VERSION, SCHEMA_VERSION};
pub use navigator::{
    LegalView, LinkView, Move, OptionView, ResumeOutcome, Session, StepView, StepViewKind,
    SummaryItem, Taken,
};
pub use search::{GuideHit, GuideMatch, GuideSearchIndex};
pub use validate::validate_guide;
pub use wire::{guide_from_json, guide_to_json};
