//! `App`: the staff app's state machine (`veiviser_core::app::App`) over a `Veiviser` store.
//!
//! A thin shell: `dispatch` hands the event to the core and returns its `AppView`; the only
//! thing added here is reading the store again when the shell reports a finished sync, so the
//! app shows (and tells what's new about) the content the sync brought.

use crate::error::FfiResult;
use crate::store::Veiviser;
use std::sync::{Arc, Mutex};
use veiviser_core::app::{Action, App as CoreApp, AppContent, AppView, Event};

/// The staff app: send every user action as an `Event` (with the current instant) to
/// `dispatch`, render the `AppView` it returns, and perform its `effects` (dial, open a URL,
/// sync, persist the state). Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct App {
    store: Arc<Veiviser>,
    inner: Mutex<CoreApp>,
}

impl App {
    fn content(store: &Veiviser) -> FfiResult<AppContent> {
        let mut content = AppContent::from_device(store.device())?;
        content.max_content_age_days = store.max_content_age_days();
        Ok(content)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CoreApp> {
        // The core app holds no invariant a panic could break half-way (every update works
        // on copies and assigns at the end), so a poisoned lock is still usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[uniffi::export]
impl App {
    /// The app over the content in `store`: fresh (`saved_state` absent), or as it was when
    /// `saved_state` (the JSON of the last `PersistState` effect) was saved — the same
    /// screen and step. An unreadable saved state starts fresh.
    #[uniffi::constructor(default(saved_state = None))]
    pub fn new(store: Arc<Veiviser>, saved_state: Option<String>) -> FfiResult<Arc<Self>> {
        let content = Self::content(&store)?;
        let inner = match saved_state {
            Some(json) => CoreApp::restore(&json, content),
            None => CoreApp::new(content),
        };
        Ok(Arc::new(App {
            store,
            inner: Mutex::new(inner),
        }))
    }

    /// Handles one event and returns the frame to show, with the effects to perform.
    /// `SyncFinished` first re-reads the store, so the frame shows the synced content.
    pub fn dispatch(&self, event: Event) -> FfiResult<AppView> {
        let mut app = self.lock();
        if event.action == Action::SyncFinished {
            app.set_content(Self::content(&self.store)?);
        }
        Ok(app.dispatch(event))
    }

    /// The persisted state as JSON (the same as the last `PersistState` effect carried).
    pub fn state_json(&self) -> String {
        self.lock().state_json()
    }
}
