//! Progress reporting and cancellation for a sync: a listener hook and a cancel flag.

use crate::sync::protocol::Collection;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The stage a sync is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SyncStage {
    /// Asking the server what is new.
    Polling,
    /// Downloading one collection's changes.
    Fetching,
    /// Merging downloaded changes into a staged copy.
    Staging,
    /// Checking signatures and content of the staged copies.
    Verifying,
    /// Swapping the staged copies in and flushing them to disk.
    Applying,
    /// Finished successfully.
    Done,
}

/// One progress update: the stage, the collection when there is one, and `step` of `steps`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SyncProgress {
    /// What is happening.
    pub stage: SyncStage,
    /// The collection concerned, if any.
    pub collection: Option<Collection>,
    /// Steps completed so far (for a progress bar).
    pub step: u32,
    /// Total steps expected (may grow once the poll says what to fetch).
    pub steps: u32,
}

/// Receives progress updates; the CLI draws a bar, the FFI forwards them to the app.
///
/// Called on the syncing thread while that store's sync lock is held. Keep it quick and do not
/// call back into the same store from it: front ends that run foreign code (the FFI) forward
/// events to another thread.
pub trait SyncListener: Send + Sync {
    /// Called at every stage change.
    fn on_progress(&self, progress: &SyncProgress);
}

/// A listener that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct NoProgress;

impl SyncListener for NoProgress {
    fn on_progress(&self, _progress: &SyncProgress) {}
}

/// A flag another thread sets to stop a sync between stages; a cancelled sync changes nothing.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// A flag that is not set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the sync to stop at the next stage boundary.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}
