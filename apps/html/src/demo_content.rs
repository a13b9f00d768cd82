//! The content a fresh install shows: the bundled first-launch snapshot (the signed demo
//! snapshot the CLI embeds), verified against the demo key and opened in memory. Shared by
//! `render-screens` and the renderer's tests (included with `#[path]`; not part of the library,
//! so the admin preview does not carry the snapshot).

use veiviser_core::app::AppContent;
use veiviser_core::device::DeviceContent;
use veiviser_core::sync::bundled::parse_snapshot;
use veiviser_core::sync::signing::TrustedKeys;

const SNAPSHOT: &[u8] = include_bytes!("../../cli/assets/demo-snapshot.json");
const TRUSTED_KEYS: &str = include_str!("../../../server/content/keys/DEMO-ONLY-trusted-keys.toml");

/// The demo content as the app sees it on first launch.
pub fn demo_content() -> Result<AppContent, String> {
    let trusted = TrustedKeys::from_toml_str(TRUSTED_KEYS, "DEMO-ONLY-trusted-keys.toml")
        .map_err(|e| e.to_string())?;
    let snapshot = parse_snapshot(SNAPSHOT, "apps/cli/assets/demo-snapshot.json")
        .map_err(|e| e.to_string())?;
    let device = DeviceContent::in_memory(trusted, Some(snapshot)).map_err(|e| e.to_string())?;
    AppContent::from_device(&device).map_err(|e| e.to_string())
}
