//! Languages, localized content text, and the one message catalog for every sentence
//! Veiviser shows (bokmål, nynorsk, English).
//!
//! - [`lang`]: the languages and their fallback chain (bokmål first);
//! - [`text`]: [`LocalizedText`], text as content editors write it;
//! - [`catalog`]: the interface's own messages, each in all three languages;
//! - [`fold`]: folding Norwegian text for matching (search over places, services and guides).

pub mod catalog;
pub mod fold;
pub mod lang;
pub mod text;

pub use catalog::Message;
pub use lang::Lang;
pub use text::LocalizedText;
