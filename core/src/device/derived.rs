//! Values the device derives from a verified generation (the guide catalogue, the
//! municipality names) and keeps in the store's bookkeeping for the next start (ADR 0011).
//!
//! Each is stored with the digest of the generation it was derived from and read back only
//! while that generation is live: one derived from any other (an older sync, a crash between
//! the swap and the write) is ignored, and the caller derives it again. Writing is best
//! effort: a store that cannot be written only costs the next start the same work.

use crate::store::ContentStore;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Stored<T> {
    /// The digest of the generation `value` was derived from.
    digest: String,
    value: T,
}

/// The value under `key`, if it was derived from the generation with `digest`.
pub(super) fn load<T: DeserializeOwned>(
    store: &dyn ContentStore,
    key: &str,
    digest: &str,
) -> Option<T> {
    let bytes = store.meta(key).ok()??;
    let stored: Stored<T> = serde_json::from_slice(&bytes).ok()?;
    (stored.digest == digest).then_some(stored.value)
}

/// Keeps `value`, derived from the generation with `digest`, under `key` (best effort).
pub(super) fn save<T: Serialize>(store: &dyn ContentStore, key: &str, digest: &str, value: &T) {
    let stored = Stored {
        digest: digest.to_string(),
        value,
    };
    let Ok(bytes) = serde_json::to_vec(&stored) else {
        return;
    };
    if store.set_meta(key, Some(&bytes)).is_ok() {
        let _ = store.flush();
    }
}
