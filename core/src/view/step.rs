//! The step screen: the current step of a walk, in one language and sector.
//!
//! One type, one name: the navigator builds it ([`Session::view`](crate::guide::Session::view)),
//! so it is defined beside the navigator and re-exported here with the other screens (the
//! view layer imports the guide layer, never the other way round).

pub use crate::guide::navigator::{LegalView, LinkView, OptionView, StepView, StepViewKind};
