//! Sync progress for the apps (a callback interface) and cancellation (a handle object).
//!
//! Lock discipline: the core calls its listener on the syncing thread while it holds the
//! store's sync lock. The app's listener is therefore never called there: [`ListenerBridge`]
//! hands every event to a dedicated delivery thread that holds no lock, and the syncing
//! thread waits until the event was delivered (so `cancel()` from inside the listener takes
//! effect at exactly that stage). If the listener starts another sync on the same store, the
//! waiting is released ([`Gate::release`]) and the outer sync continues without waiting, so a
//! listener that calls back into the store — even into `sync` — cannot deadlock.

use crate::error::VeiviserError;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::thread::JoinHandle;
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

/// How far delivery to the app's listener has got; the syncing thread waits on it.
#[derive(Debug, Default)]
pub(crate) struct Gate {
    state: Mutex<GateState>,
    changed: Condvar,
}

#[derive(Debug, Default)]
struct GateState {
    delivered: u64,
    released: bool,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, GateState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Blocks until event `n` was delivered or the gate was released.
    fn wait_delivered(&self, n: u64) {
        let guard = self.lock();
        let _guard = self
            .changed
            .wait_while(guard, |s| s.delivered < n && !s.released)
            .unwrap_or_else(|p| p.into_inner());
    }

    fn mark_delivered(&self, n: u64) {
        let mut s = self.lock();
        s.delivered = s.delivered.max(n);
        drop(s);
        self.changed.notify_all();
    }

    /// Stops the syncing thread from waiting for deliveries from now on.
    pub(crate) fn release(&self) {
        self.lock().released = true;
        self.changed.notify_all();
    }
}

/// Gates of the syncs running on one store, so a new sync can release them.
#[derive(Debug, Default)]
pub(crate) struct ActiveGates(Mutex<Vec<Weak<Gate>>>);

impl ActiveGates {
    fn register(&self, gate: &Arc<Gate>) {
        let mut gates = self.0.lock().unwrap_or_else(|p| p.into_inner());
        gates.retain(|g| g.strong_count() > 0);
        gates.push(Arc::downgrade(gate));
    }

    /// Releases every running sync's gate (a new sync is starting on this store).
    pub(crate) fn release_all(&self) {
        let gates: Vec<Arc<Gate>> = {
            let gates = self.0.lock().unwrap_or_else(|p| p.into_inner());
            gates.iter().filter_map(Weak::upgrade).collect()
        };
        for gate in gates {
            gate.release();
        }
    }
}

/// The core-side listener: forwards each event to the delivery thread and waits for it.
struct Forwarder {
    events: Mutex<Option<mpsc::Sender<(u64, SyncProgress)>>>,
    sent: Mutex<u64>,
    gate: Arc<Gate>,
}

impl CoreSyncListener for Forwarder {
    fn on_progress(&self, progress: &SyncProgress) {
        let n = {
            let mut sent = self.sent.lock().unwrap_or_else(|p| p.into_inner());
            *sent += 1;
            *sent
        };
        let queued = self
            .events
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .as_ref()
            .is_some_and(|tx| tx.send((n, progress.clone())).is_ok());
        if queued {
            self.gate.wait_delivered(n);
        }
    }
}

/// Connects the core's listener hook to the app's [`SyncListener`] for one sync.
pub(crate) struct ListenerBridge {
    forwarder: Option<Arc<Forwarder>>,
    delivery: Option<JoinHandle<()>>,
}

impl ListenerBridge {
    /// Starts the delivery thread for `listener` (nothing when there is none).
    pub(crate) fn start(listener: Option<Box<dyn SyncListener>>, active: &ActiveGates) -> Self {
        let Some(listener) = listener else {
            return ListenerBridge {
                forwarder: None,
                delivery: None,
            };
        };
        let gate = Arc::new(Gate::default());
        active.register(&gate);
        let (tx, rx) = mpsc::channel::<(u64, SyncProgress)>();
        let delivery_gate = gate.clone();
        let delivery = std::thread::Builder::new()
            .name("veiviser-sync-listener".into())
            .spawn(move || {
                // Whatever happens to the listener, the syncing thread must not wait forever.
                struct ReleaseOnExit(Arc<Gate>);
                impl Drop for ReleaseOnExit {
                    fn drop(&mut self) {
                        self.0.release();
                    }
                }
                let _release = ReleaseOnExit(delivery_gate.clone());
                for (n, progress) in rx {
                    // A failing app listener must not fail the sync; the event counts as
                    // delivered (an exception arrives as an error, a Rust panic is caught).
                    let call = std::panic::AssertUnwindSafe(|| listener.on_progress(progress));
                    let _ = std::panic::catch_unwind(call);
                    delivery_gate.mark_delivered(n);
                }
            });
        match delivery {
            Ok(handle) => ListenerBridge {
                forwarder: Some(Arc::new(Forwarder {
                    events: Mutex::new(Some(tx)),
                    sent: Mutex::new(0),
                    gate,
                })),
                delivery: Some(handle),
            },
            // No thread for the listener: sync without progress rather than not at all.
            Err(_) => ListenerBridge {
                forwarder: None,
                delivery: None,
            },
        }
    }

    /// The listener to hand to the core.
    pub(crate) fn as_core(&self) -> &dyn CoreSyncListener {
        match &self.forwarder {
            Some(f) => f.as_ref(),
            None => &veiviser_core::sync::progress::NoProgress,
        }
    }

    /// Waits until every event was delivered (call after the core sync returned, locks free).
    pub(crate) fn finish(mut self) {
        if let Some(f) = self.forwarder.take() {
            f.events.lock().unwrap_or_else(|p| p.into_inner()).take();
        }
        if let Some(handle) = self.delivery.take() {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{channel, Receiver, Sender};
    use std::time::Duration;
    use veiviser_core::sync::protocol::Collection;
    use veiviser_core::sync::SyncStage;

    const LIVENESS: Duration = Duration::from_secs(20);

    /// A listener that reports each event and then blocks until the test lets it go.
    struct Blocking {
        seen: Mutex<Sender<SyncStage>>,
        go: Mutex<Receiver<()>>,
    }

    impl SyncListener for Blocking {
        fn on_progress(&self, progress: SyncProgress) -> Result<(), VeiviserError> {
            self.seen.lock().unwrap().send(progress.stage).unwrap();
            let _ = self.go.lock().unwrap().recv_timeout(LIVENESS);
            Ok(())
        }
    }

    fn event(stage: SyncStage) -> SyncProgress {
        SyncProgress {
            stage,
            collection: Some(Collection::Guides),
            step: 1,
            steps: 3,
        }
    }

    fn blocking_bridge(active: &ActiveGates) -> (ListenerBridge, Receiver<SyncStage>, Sender<()>) {
        let (seen_tx, seen_rx) = channel();
        let (go_tx, go_rx) = channel();
        let listener = Blocking {
            seen: Mutex::new(seen_tx),
            go: Mutex::new(go_rx),
        };
        let bridge = ListenerBridge::start(Some(Box::new(listener)), active);
        (bridge, seen_rx, go_tx)
    }

    #[test]
    fn the_syncing_thread_waits_until_the_listener_returned() {
        let active = ActiveGates::default();
        let (bridge, seen, go) = blocking_bridge(&active);
        let (done_tx, done_rx) = channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                bridge.as_core().on_progress(&event(SyncStage::Staging));
                done_tx.send(()).unwrap();
            });
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Staging);
            // The listener is still running: the syncing thread has not moved on.
            assert!(done_rx.try_recv().is_err());
            go.send(()).unwrap();
            done_rx.recv_timeout(LIVENESS).unwrap();
        });
        bridge.finish();
    }

    #[test]
    fn a_new_sync_releases_a_thread_waiting_on_a_blocked_listener() {
        let active = ActiveGates::default();
        let (bridge, seen, go) = blocking_bridge(&active);
        let (done_tx, done_rx) = channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                bridge.as_core().on_progress(&event(SyncStage::Verifying));
                bridge.as_core().on_progress(&event(SyncStage::Applying));
                done_tx.send(()).unwrap();
            });
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Verifying);
            // What `Veiviser::sync` does when another sync starts (e.g. from the listener).
            active.release_all();
            done_rx.recv_timeout(LIVENESS).unwrap();
            // Delivery continues in order, no longer waited for.
            go.send(()).unwrap();
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Applying);
            go.send(()).unwrap();
        });
        bridge.finish();
    }

    #[test]
    fn a_failing_listener_counts_as_delivered() {
        struct Failing;
        impl SyncListener for Failing {
            fn on_progress(&self, _progress: SyncProgress) -> Result<(), VeiviserError> {
                Err(VeiviserError::Internal {
                    detail: "listener bug".into(),
                })
            }
        }
        let active = ActiveGates::default();
        let bridge = ListenerBridge::start(Some(Box::new(Failing)), &active);
        bridge.as_core().on_progress(&event(SyncStage::Polling));
        bridge.as_core().on_progress(&event(SyncStage::Done));
        bridge.finish();
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
