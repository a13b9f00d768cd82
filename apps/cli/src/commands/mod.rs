//! One module per `veiviser` subcommand.

pub mod check;
pub mod contacts;
pub mod guides;
pub mod melding;
pub mod search;
pub mod sync;
pub mod walk;
