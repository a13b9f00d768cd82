//! Sync progress for the apps (a callback interface) and cancellation (a handle object).
//!
//! Only foreign-callback plumbing: converting the core's progress events and calling the
//! app's listener (`ForeignListener`). The lock discipline — delivering events on a thread
//! that holds no store lock, and releasing waiting syncs when another one starts, so a
//! listener that calls back into the store cannot deadlock — is the core's
//! (`veiviser_core::device::DeviceContent::sync_detached`), because the lock is the store's.

use crate::error::VeiviserError;
use std::sync::Arc;
use veiviser_core::sync::{CancelFlag, SyncListener as CoreSyncListener, SyncProgress};

/// Receives sync progress. Called on a background thread (never the UI thread), one event at
/// a time and in order, with no Veiviser lock held: it may call back into the store. An
/// exception thrown by the listener is ignored: it never fails the sync.
#[uniffi::export(callback_interface)]
pub trait SyncListener: Send + Sync {
    /// Called at every stage change; the sync waits until it returns, so keep it quick.
    fn on_progress(&self, progress: SyncProgress) -> Result<(), VeiviserError>;
}

/// Cancels a running sync: pass it to `sync`, call `cancel()` from any thread. A cancelled
/// sync changes nothing on the device (staged content is discarded) and fails with
/// `Cancelled`; once the new content is being swapped in it completes instead.
#[derive(Debug, Default, uniffi::Object)]
pub struct CancelHandle {
    flag: CancelFlag,
}

#[uniffi::export]
impl CancelHandle {
    /// A handle that has not been cancelled.
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Asks the sync to stop at the next stage boundary.
    pub fn cancel(&self) {
        self.flag.cancel();
    }

    /// Whether `cancel()` was called.
    pub fn is_cancelled(&self) -> bool {
        self.flag.is_cancelled()
    }
}

impl CancelHandle {
    /// The core flag behind this handle.
    pub(crate) fn flag(&self) -> CancelFlag {
        self.flag.clone()
    }
}

/// Cancels the sync when the foreign future is dropped before it finished (a cancelled
/// Kotlin coroutine or Swift task), so the blocking work stops too.
pub(crate) struct CancelOnDrop(pub(crate) Option<CancelFlag>);

impl CancelOnDrop {
    /// The sync finished: do not cancel.
    pub(crate) fn disarm(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(flag) = self.0.take() {
            flag.cancel();
        }
    }
}

/// The app's listener as the core sees it: converts each event and calls the foreign
/// callback. The core (`DeviceContent::sync_detached`) calls it on a delivery thread of its
/// own, never while a store lock is held; an exception thrown by the app is ignored.
pub(crate) struct ForeignListener(pub(crate) Box<dyn SyncListener>);

impl CoreSyncListener for ForeignListener {
    fn on_progress(&self, progress: &SyncProgress) {
        // A failing app listener must not fail the sync: the event counts as delivered.
        let _ = self.0.on_progress(progress.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::sync::protocol::Collection;
    use veiviser_core::sync::SyncStage;

    #[test]
    fn a_failing_listener_is_ignored() {
        struct Failing;
        impl SyncListener for Failing {
            fn on_progress(&self, _progress: SyncProgress) -> Result<(), VeiviserError> {
                Err(VeiviserError::Internal {
                    detail: "listener bug".into(),
                })
            }
        }
        ForeignListener(Box::new(Failing)).on_progress(&SyncProgress {
            stage: SyncStage::Polling,
            collection: Some(Collection::Guides),
            step: 0,
            steps: 3,
        });
    }

    #[test]
    fn a_dropped_unfinished_sync_cancels_its_flag() {
        let flag = CancelFlag::new();
        drop(CancelOnDrop(Some(flag.clone())));
        assert!(flag.is_cancelled());
        let finished = CancelFlag::new();
        CancelOnDrop(Some(finished.clone())).disarm();
        assert!(!finished.is_cancelled());
    }
}
