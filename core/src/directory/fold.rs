//! Folding names for matching: the vocabulary's [`fold`], re-exported
//! here where the directory search has always found it (guide search uses the same one).

pub use crate::i18n::fold::fold;
