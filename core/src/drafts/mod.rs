//! Report-of-concern drafts (bekymringsmelding) that never leave the device: dated
//! observations and the KS Fiks v2 fields, encrypted per draft, destroyed 14 days after the
//! last edit. Decisions: `docs/adr/0008-report-of-concern-drafts.md`; usage: `docs/melding.md`.
//!
//! - [`model`]: what a draft holds; [`edit`]: starting one (prefilled from a walk) and editing;
//! - [`origin`]: the walk it came from, its legal basis and the violence bypass;
//! - [`validate()`], [`fnr`]: what is missing or malformed, by KS Fiks field name;
//! - [`export`], [`text`]: KS Fiks v2 JSON and plain text in the portal's order;
//! - [`view`], [`messages`]: the screens' view models and every sentence in nb, nn and en;
//! - [`store`], [`envelope`], [`key`]: the encrypted folder of drafts and the master key.
//!
//! This module never touches the content store, sync or the device registry (ARCHITECTURE.md),
//! never logs, and reads no clock: every instant is passed in.

pub mod edit;
pub mod envelope;
pub mod error;
pub mod export;
pub mod fnr;
pub mod key;
pub mod messages;
pub mod model;
pub mod origin;
pub mod store;
pub mod text;
pub mod validate;
pub mod view;

#[cfg(test)]
mod tests;

pub use error::{DraftError, DraftResult};
pub use export::ks_fiks_json;
pub use key::MasterKey;
pub use model::{
    Adresse, Child, Conversation, ConversationWith, Draft, Foresatt, Measure, MeldingText,
    Observation, Recipient, ReporterProfile, DEFAULT_RETENTION_DAYS,
};
pub use origin::WalkOrigin;
pub use store::{DraftStore, Listed, OpenReport};
pub use text::plain_text;
pub use validate::{validate, Problem};
pub use view::{draft_view, DraftSummary, DraftView};
