//! The state shared by every request handler.

use crate::sync_api::limit::Limiter;
use crate::sync_api::served::ServedContent;
use std::sync::Arc;

/// Cheap to clone: everything is behind `Arc`s.
#[derive(Clone)]
pub struct AppState {
    /// The published content, as served.
    pub content: Arc<ServedContent>,
    /// The load-shedding limiter of the sync endpoints (applied by the router as a layer).
    pub limiter: Arc<Limiter>,
}
