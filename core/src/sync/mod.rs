//! Signed content and the sans-I/O sync engine: canonical bytes, signatures, changesets.

pub mod bundled;
pub mod canonical;
pub mod content_check;
pub mod engine;
pub mod failpoints;
pub mod highwater;
pub mod local;
#[cfg(test)]
mod local_tests;
pub mod progress;
pub mod protocol;
pub mod signing;
pub mod transport;

pub use local::{LocalContent, SyncOptions, SyncReport};
pub use progress::{CancelFlag, SyncListener, SyncProgress, SyncStage};
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError};
