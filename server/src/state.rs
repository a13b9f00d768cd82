//! The state shared by every request handler.

use crate::limit::Limiter;
use crate::repository::Repository;
use std::sync::Arc;

/// Cheap to clone: everything is behind `Arc`s.
#[derive(Clone)]
pub struct AppState {
    /// The published content.
    pub repo: Arc<Repository>,
    /// The load-shedding limiter of the sync endpoints.
    pub limiter: Arc<Limiter>,
}
