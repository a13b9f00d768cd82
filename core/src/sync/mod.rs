//! Signed content and the sans-I/O sync engine: canonical bytes, signatures, changesets,
//! anti-rollback marks. The device that drives it lives in [`crate::device`].

pub mod bundled;
pub mod canonical;
pub mod content_check;
pub mod engine;
pub mod highwater;
pub mod progress;
pub mod protocol;
pub mod report;
pub mod signing;
pub mod transport;

pub use progress::{CancelFlag, SyncListener, SyncProgress, SyncStage};
pub use transport::{HttpRequest, HttpResponse, Transport, TransportError};
