//! What the app reads: a plain in-memory value, so the device (through the FFI or the CLI)
//! and the server (over draft guides, for the admin preview) build the same app.

use crate::directory::ContactBook;
use crate::guide::{Guide, GuideCard};
use crate::release_note::{newest_first, ReleaseNote};
use crate::sync::report::AsOf;
use std::sync::{Arc, OnceLock};

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

/// Loads a whole guide by id, for a [`GuideEntry`] whose guide is read on first use.
pub type GuideLoader = Arc<dyn Fn(&str) -> Result<Guide, String> + Send + Sync>;

/// One guide of the content: its card (what lists show) at once, the whole guide parsed on
/// first use. Clones share the parsed guide.
#[derive(Clone)]
pub struct GuideEntry {
    /// The guide id.
    pub id: String,
    /// What lists show of it, or why it cannot be shown (e.g. it needs a newer app).
    pub card: Result<GuideCard, String>,
    guide: Arc<OnceLock<Result<Arc<Guide>, String>>>,
    load: Option<GuideLoader>,
}

impl std::fmt::Debug for GuideEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GuideEntry")
            .field("id", &self.id)
            .field("card", &self.card)
            .field("loaded", &self.guide.get().is_some())
            .finish()
    }
}

impl GuideEntry {
    /// An entry for a guide already parsed (or one that could not be).
    pub fn new(id: String, guide: Result<Arc<Guide>, String>) -> Self {
        GuideEntry {
            id,
            card: guide
                .as_ref()
                .map(|g| GuideCard::of(g))
                .map_err(Clone::clone),
            guide: Arc::new(OnceLock::from(guide)),
            load: None,
        }
    }

    /// An entry known by its card, whose guide `load` reads when it is first needed.
    pub fn lazy(id: String, card: Result<GuideCard, String>, load: GuideLoader) -> Self {
        GuideEntry {
            id,
            card,
            guide: Arc::new(OnceLock::new()),
            load: Some(load),
        }
    }

    /// The whole guide (parsed now if it was not yet), or why it cannot be shown.
    pub fn guide(&self) -> Result<&Arc<Guide>, &str> {
        if let Err(why) = &self.card {
            return Err(why);
        }
        self.guide
            .get_or_init(|| match &self.load {
                Some(load) => load(&self.id).map(Arc::new),
                None => Err(format!("guide `{}` was not loaded", self.id)),
            })
            .as_ref()
            .map_err(String::as_str)
    }
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
        // The cards from the catalogue; each guide is read from the store when it is opened.
        let store = device.store().clone();
        let load: GuideLoader = Arc::new(move |id: &str| {
            let bytes = store
                .get(crate::sync::protocol::Collection::Guides.as_str(), id)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("guide `{id}` is no longer stored"))?;
            crate::sync::content_check::parse_guide_bytes(id, &bytes).map_err(|e| e.to_string())
        });
        let guides = device
            .guide_catalogue()?
            .into_iter()
            .map(|g| GuideEntry::lazy(g.id, g.card, load.clone()))
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

    /// The guide with `id`, when it can be shown (parsed on first use).
    pub fn guide(&self, id: &str) -> Option<&Arc<Guide>> {
        self.guides
            .iter()
            .find(|g| g.id == id)
            .and_then(|g| g.guide().ok())
    }

    /// The card of the guide with `id`, when it can be shown (nothing is parsed).
    pub fn card(&self, id: &str) -> Option<&GuideCard> {
        self.guides
            .iter()
            .find(|g| g.id == id)
            .and_then(|g| g.card.as_ref().ok())
    }
}
