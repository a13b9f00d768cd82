//! Delivering a sync's progress off the store's sync lock, so a listener may call back in.
//!
//! The driver calls its [`SyncListener`] on the syncing thread while it holds the store's sync
//! lock. A listener that calls back into the same content — a read, or even another `sync` —
//! would deadlock there. [`DeviceContent::sync_detached`] therefore hands every event to a
//! delivery thread of its own that holds no lock, and the syncing thread waits until the event
//! was delivered (so a cancel from inside the listener takes effect at exactly that stage). If
//! another sync starts on the same content meanwhile, the waiting of the running ones is
//! released ([`ActiveGates::release_all`]) and they continue without waiting, so a listener
//! that starts a sync cannot deadlock either. The gates are per content instance because the
//! lock they work around is per store.

use super::{DeviceContent, SyncOptions};
use crate::error::Result;
use crate::sync::progress::{CancelFlag, NoProgress, SyncListener, SyncProgress};
use crate::sync::report::SyncReport;
use crate::sync::transport::Transport;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::thread::JoinHandle;

impl DeviceContent {
    /// [`DeviceContent::sync`] with `listener` called on a delivery thread of its own, never
    /// while a lock of this content is held: it may call back into this content, even start
    /// another sync, without deadlock. Every event reaches the listener before this returns;
    /// a panicking listener never fails the sync.
    pub fn sync_detached(
        &self,
        transport: &dyn Transport,
        server: &str,
        options: &SyncOptions,
        listener: Option<Box<dyn SyncListener>>,
        cancel: &CancelFlag,
    ) -> Result<SyncReport> {
        // A sync started (e.g. from a listener) while another waits on its listener must not
        // deadlock: let the running ones stop waiting for their listeners.
        self.gates.release_all();
        let delivery = Delivery::start(listener, &self.gates);
        let result = self.sync(transport, server, options, delivery.as_listener(), cancel);
        // Every progress event reaches the listener before returning (no lock held now).
        delivery.finish();
        result
    }
}

/// How far delivery to the listener has got; the syncing thread waits on it.
#[derive(Debug, Default)]
struct Gate {
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
    fn release(&self) {
        self.lock().released = true;
        self.changed.notify_all();
    }
}

/// Gates of the syncs running on one content instance, so a new sync can release them.
#[derive(Debug, Default)]
pub(super) struct ActiveGates(Mutex<Vec<Weak<Gate>>>);

impl ActiveGates {
    fn register(&self, gate: &Arc<Gate>) {
        let mut gates = self.0.lock().unwrap_or_else(|p| p.into_inner());
        gates.retain(|g| g.strong_count() > 0);
        gates.push(Arc::downgrade(gate));
    }

    /// Releases every running sync's gate (a new sync is starting on this store).
    pub(super) fn release_all(&self) {
        let gates: Vec<Arc<Gate>> = {
            let gates = self.0.lock().unwrap_or_else(|p| p.into_inner());
            gates.iter().filter_map(Weak::upgrade).collect()
        };
        for gate in gates {
            gate.release();
        }
    }
}

/// The driver-side listener: forwards each event to the delivery thread and waits for it.
struct Forwarder {
    events: Mutex<Option<mpsc::Sender<(u64, SyncProgress)>>>,
    sent: Mutex<u64>,
    gate: Arc<Gate>,
}

impl SyncListener for Forwarder {
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

/// Connects the driver's listener hook to a detached listener for one sync.
struct Delivery {
    forwarder: Option<Arc<Forwarder>>,
    thread: Option<JoinHandle<()>>,
}

impl Delivery {
    /// Starts the delivery thread for `listener` (nothing when there is none).
    fn start(listener: Option<Box<dyn SyncListener>>, active: &ActiveGates) -> Self {
        let none = Delivery {
            forwarder: None,
            thread: None,
        };
        let Some(listener) = listener else {
            return none;
        };
        let gate = Arc::new(Gate::default());
        active.register(&gate);
        let (tx, rx) = mpsc::channel::<(u64, SyncProgress)>();
        let delivery_gate = gate.clone();
        let thread = std::thread::Builder::new()
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
                    // A failing listener must not fail the sync; the event counts as delivered.
                    let call = std::panic::AssertUnwindSafe(|| listener.on_progress(&progress));
                    let _ = std::panic::catch_unwind(call);
                    delivery_gate.mark_delivered(n);
                }
            });
        match thread {
            Ok(handle) => Delivery {
                forwarder: Some(Arc::new(Forwarder {
                    events: Mutex::new(Some(tx)),
                    sent: Mutex::new(0),
                    gate,
                })),
                thread: Some(handle),
            },
            // No thread for the listener: sync without progress rather than not at all.
            Err(_) => none,
        }
    }

    /// The listener to hand to the driver.
    fn as_listener(&self) -> &dyn SyncListener {
        match &self.forwarder {
            Some(f) => f.as_ref(),
            None => &NoProgress,
        }
    }

    /// Waits until every event was delivered (call after the sync returned, locks free).
    fn finish(mut self) {
        if let Some(f) = self.forwarder.take() {
            f.events.lock().unwrap_or_else(|p| p.into_inner()).take();
        }
        if let Some(handle) = self.thread.take() {
            let _ = handle.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::progress::SyncStage;
    use crate::sync::protocol::Collection;
    use std::sync::mpsc::{channel, Receiver, Sender};
    use std::time::Duration;

    const LIVENESS: Duration = Duration::from_secs(20);

    /// A listener that reports each event and then blocks until the test lets it go.
    struct Blocking {
        seen: Mutex<Sender<SyncStage>>,
        go: Mutex<Receiver<()>>,
    }

    impl SyncListener for Blocking {
        fn on_progress(&self, progress: &SyncProgress) {
            self.seen.lock().unwrap().send(progress.stage).unwrap();
            let _ = self.go.lock().unwrap().recv_timeout(LIVENESS);
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

    fn blocking_delivery(active: &ActiveGates) -> (Delivery, Receiver<SyncStage>, Sender<()>) {
        let (seen_tx, seen_rx) = channel();
        let (go_tx, go_rx) = channel();
        let listener = Blocking {
            seen: Mutex::new(seen_tx),
            go: Mutex::new(go_rx),
        };
        let delivery = Delivery::start(Some(Box::new(listener)), active);
        (delivery, seen_rx, go_tx)
    }

    #[test]
    fn the_syncing_thread_waits_until_the_listener_returned() {
        let active = ActiveGates::default();
        let (delivery, seen, go) = blocking_delivery(&active);
        let (done_tx, done_rx) = channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                delivery
                    .as_listener()
                    .on_progress(&event(SyncStage::Staging));
                done_tx.send(()).unwrap();
            });
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Staging);
            // The listener is still running: the syncing thread has not moved on.
            assert!(done_rx.try_recv().is_err());
            go.send(()).unwrap();
            done_rx.recv_timeout(LIVENESS).unwrap();
        });
        delivery.finish();
    }

    #[test]
    fn a_new_sync_releases_a_thread_waiting_on_a_blocked_listener() {
        let active = ActiveGates::default();
        let (delivery, seen, go) = blocking_delivery(&active);
        let (done_tx, done_rx) = channel();
        std::thread::scope(|scope| {
            scope.spawn(|| {
                delivery
                    .as_listener()
                    .on_progress(&event(SyncStage::Verifying));
                delivery
                    .as_listener()
                    .on_progress(&event(SyncStage::Applying));
                done_tx.send(()).unwrap();
            });
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Verifying);
            // What `sync_detached` does when another sync starts (e.g. from the listener).
            active.release_all();
            done_rx.recv_timeout(LIVENESS).unwrap();
            // Delivery continues in order, no longer waited for.
            go.send(()).unwrap();
            assert_eq!(seen.recv_timeout(LIVENESS).unwrap(), SyncStage::Applying);
            go.send(()).unwrap();
        });
        delivery.finish();
    }

    #[test]
    fn a_panicking_listener_counts_as_delivered() {
        struct Panicking;
        impl SyncListener for Panicking {
            fn on_progress(&self, _progress: &SyncProgress) {
                panic!("listener bug");
            }
        }
        let active = ActiveGates::default();
        let delivery = Delivery::start(Some(Box::new(Panicking)), &active);
        delivery
            .as_listener()
            .on_progress(&event(SyncStage::Polling));
        delivery.as_listener().on_progress(&event(SyncStage::Done));
        delivery.finish();
    }
}
