//! The HTTP endpoints: health, the cheap poll and the changeset endpoint.

pub mod changeset;
pub mod health;
pub mod latest;
