//! What the app reads: a plain in-memory value, so the device (through the FFI or the CLI)
//! and the server (over draft guides, for the admin preview) build the same app.

use crate::directory::ContactBook;
use crate::guide::Guide;
use crate::release_note::{newest_first, ReleaseNote};
use crate::sync::report::AsOf;
use std::sync::Arc;

/// The content one app instance shows. Built by the front end: from the device store
/// ([`AppContent::from_device`]), or from anything in memory (the admin preview's drafts).
#[derive(Debug, Clone)]
pub struct AppContent {
    /// The guides, in the order to list them; one that cannot be shown says why.
    pub guides: Vec<GuideEntry>,
    /// The contact directory and the places (postcodes, bydeler).
    pub book: Arc<ContactBook>,
    /// Which published state of each collection this is ("content as of").
    pub as_of: Vec<AsOf>,
    /// The signed release notes, newest first (what's new shows their summaries).
    pub release_notes: Vec<ReleaseNote>,
    /// Content older than this many days is shown as stale on the home screen.
    pub max_content_age_days: u32,
    /// The content is the public demo content (signed with the demo key), not a
    /// municipality's own: the home and about screens say so.
    pub demo: bool,
    /// What opening the content had to repair, for the user (from the device).
    pub repair_notices: Vec<String>,
}

/// One guide of the content.
#[derive(Debug, Clone)]
pub struct GuideEntry {
    /// The guide id.
    pub id: String,
    /// The guide, or why it cannot be shown (e.g. it needs a newer app).
    pub guide: Result<Arc<Guide>, String>,
}

impl AppContent {
    /// Content with `guides` and `book` and nothing else known (no "as of", not the demo).
    pub fn new(guides: Vec<GuideEntry>, book: Arc<ContactBook>) -> Self {
        AppContent {
            guides,
            book,
            as_of: Vec::new(),
            release_notes: Vec::new(),
            max_content_age_days: crate::device::DEFAULT_MAX_CONTENT_AGE_DAYS,
            demo: false,
            repair_notices: Vec::new(),
        }
    }

    /// The content stored on the device, as it is now.
    pub fn from_device(device: &crate::device::DeviceContent) -> crate::Result<Self> {
        let guides = device
            .guides()?
            .into_iter()
            .map(|g| GuideEntry {
                id: g.id,
                guide: g.guide.map(Arc::new),
            })
            .collect();
        let demo = device
            .trusted_keys()
            .key_ids()
            .any(|id| id.starts_with("demo-only"));
        Ok(AppContent {
            guides,
            book: device.contact_book()?,
            as_of: device.as_of()?,
            release_notes: newest_first(device.release_notes()?),
            max_content_age_days: crate::device::DEFAULT_MAX_CONTENT_AGE_DAYS,
            demo,
            repair_notices: device.notices().to_vec(),
        })
    }

    /// The newest release note's sequence, when there is one.
    pub fn newest_release(&self) -> Option<u64> {
        self.release_notes.iter().map(|n| n.sequence).max()
    }

    /// The guide with `id`, when it can be shown.
    pub fn guide(&self, id: &str) -> Option<&Arc<Guide>> {
        self.guides
            .iter()
            .find(|g| g.id == id)
            .and_then(|g| g.guide.as_ref().ok())
    }
}
