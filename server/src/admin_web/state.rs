//! What every admin page handler shares: the admin service and how the server runs.

use crate::admin::AdminService;
use std::sync::Arc;

/// The admin web UI's state.
#[derive(Clone)]
pub struct WebState {
    /// The domain service (roles are checked there, on every call).
    pub service: Arc<AdminService>,
    /// Whether the server runs with the demo accounts (a banner says so on every page).
    pub demo: bool,
}

impl WebState {
    /// Runs a (blocking: sled, argon2, signing) service call off the async workers.
    pub async fn call<T, E>(
        &self,
        f: impl FnOnce(&AdminService) -> Result<T, E> + Send + 'static,
    ) -> Result<T, E>
    where
        T: Send + 'static,
        E: Send + 'static + From<crate::admin::AdminError>,
    {
        let service = self.service.clone();
        match tokio::task::spawn_blocking(move || f(&service)).await {
            Ok(r) => r,
            Err(e) => Err(E::from(crate::admin::AdminError::Internal(format!(
                "the admin call stopped: {e}"
            )))),
        }
    }
}
