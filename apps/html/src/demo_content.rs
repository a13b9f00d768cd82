//! The content a fresh install shows: the bundled first-launch snapshot (the signed demo
//! snapshot the CLI embeds) with the demo key, through the core's `samples::bundled_content`.
//! Shared by `render-screens` and the renderer's tests (included with `#[path]`; not part of
//! the library, so the admin preview does not carry the snapshot).

use veiviser_core::app::samples::bundled_content;
use veiviser_core::app::AppContent;

const SNAPSHOT: &[u8] = include_bytes!("../../cli/assets/demo-snapshot.json");
const TRUSTED_KEYS: &str = include_str!("../../../server/content/keys/DEMO-ONLY-trusted-keys.toml");

/// The demo content as the app sees it on first launch.
pub fn demo_content() -> Result<AppContent, String> {
    bundled_content(SNAPSHOT, TRUSTED_KEYS)
        .map_err(|e| format!("apps/cli/assets/demo-snapshot.json: {e}"))
}
