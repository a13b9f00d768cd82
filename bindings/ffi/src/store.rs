//! `Veiviser`: the apps' handle on the core's `DeviceContent` — open, read, walk guides, sync.
//!
//! A thin shell (`{ inner }`): every method converts its arguments, delegates to
//! [`DeviceContent`] and converts the result. The one-instance-per-folder registry, the
//! contact-book cache and the listener delivery live in the core (`veiviser_core::device`).

use crate::error::{FfiResult, VeiviserError};
use crate::progress::{CancelHandle, CancelOnDrop, ForeignListener, SyncListener};
use crate::runtime::runtime;
use crate::session::{GuideSession, ResumedSession};
use crate::transport::{default_transport, HttpTransport, TransportBridge};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::SystemTime;
use veiviser_core::device::{AsOf, DeviceContent, SyncOptions, SyncReport};
use veiviser_core::directory::{ContactsQuery, Location};
use veiviser_core::sync::bundled::parse_snapshot;
use veiviser_core::sync::signing::TrustedKeys;
use veiviser_core::view::{ContactsView, GuideListView, SearchResultsView, SyncStatusView};
use veiviser_core::{ContactRole, Lang, Sector};

/// How to open the local content.
#[derive(Debug, Clone, uniffi::Record)]
pub struct OpenOptions {
    /// The public keys content must be signed with, in the trusted-keys TOML form
    /// (`key_id = "base64 public key"` per line). Required: trust never comes from sync.
    pub trusted_keys: String,
    /// A signed snapshot shipped with the app (`veiviser-server export`), used before the
    /// first sync and as the anti-rollback floor.
    #[uniffi(default = None)]
    pub bundled_snapshot: Option<Vec<u8>>,
    /// Warn when the newest content is older than this many days (default 60).
    #[uniffi(default = None)]
    pub max_content_age_days: Option<u32>,
}

/// The device's Veiviser content in one folder: guides, directory and places, kept current
/// by `sync`. The app's handle on the core's `DeviceContent` (one name in the app-facing API,
/// one in the core). Opening does no network I/O. One content instance per folder per process:
/// opening a folder that is already open shares the open content (its store, keys and
/// bundled snapshot); `max_content_age_days` applies to the handle it was given to.
/// Thread-safe.
#[derive(Debug, uniffi::Object)]
pub struct Veiviser {
    inner: Arc<DeviceContent>,
    sync_options: SyncOptions,
}

impl Veiviser {
    /// The core's device content behind this handle (for the app model, `crate::app`).
    pub(crate) fn device(&self) -> &Arc<DeviceContent> {
        &self.inner
    }

    /// The content age limit this handle was opened with.
    pub(crate) fn max_content_age_days(&self) -> u32 {
        self.sync_options.max_content_age_days
    }

    fn contacts(
        &self,
        location: Location,
        role: ContactRole,
        at: Option<SystemTime>,
        urgent: bool,
        lang: Lang,
    ) -> FfiResult<ContactsView> {
        let query = ContactsQuery {
            location,
            role,
            at: at.map(Into::into).unwrap_or_else(chrono::Utc::now),
            urgent,
        };
        let book = self.inner.contact_book()?;
        Ok(ContactsView::new(&book, &query, lang)?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl Veiviser {
    /// Opens (or creates) the content in folder `data_dir`, repairing what can be repaired
    /// (a damaged store is rebuilt from the bundled snapshot; see `notices`). No network I/O.
    #[uniffi::constructor]
    pub fn open(data_dir: String, options: OpenOptions) -> FfiResult<Arc<Self>> {
        let trusted = TrustedKeys::from_toml_str(&options.trusted_keys, "trusted_keys")
            .map_err(|e| VeiviserError::invalid_input(e.to_string()))?;
        let bundled = options
            .bundled_snapshot
            .as_deref()
            .map(|bytes| parse_snapshot(bytes, "bundled_snapshot"))
            .transpose()?;
        let inner = DeviceContent::open(&PathBuf::from(data_dir), trusted, bundled)?;
        let mut sync_options = SyncOptions::default();
        if let Some(days) = options.max_content_age_days {
            sync_options.max_content_age_days = days;
        }
        Ok(Arc::new(Veiviser {
            inner,
            sync_options,
        }))
    }

    /// What opening had to repair, for the user (empty when all was well).
    pub fn notices(&self) -> Vec<String> {
        self.inner.notices().to_vec()
    }

    /// Which published state of each collection the device holds.
    pub fn content_as_of(&self) -> FfiResult<Vec<AsOf>> {
        Ok(self.inner.as_of()?)
    }

    /// The sync-status screen in `lang`: what the device holds ("content as of …") and, given
    /// the report `sync` returned, what that sync did.
    #[uniffi::method(default(report = None))]
    pub fn sync_status(&self, lang: Lang, report: Option<SyncReport>) -> FfiResult<SyncStatusView> {
        let as_of = self.inner.as_of()?;
        Ok(SyncStatusView::new(report.as_ref(), &as_of, lang))
    }

    /// The guide-list screen in `lang`: every stored guide, in the store's order; a guide that
    /// cannot be opened (e.g. it needs a newer app) says why in `unavailable`.
    pub fn list_guides(&self, lang: Lang) -> FfiResult<GuideListView> {
        let guides = self.inner.guides()?;
        Ok(GuideListView::new(
            guides
                .iter()
                .map(|g| (g.id.as_str(), g.guide.as_ref().map_err(String::as_str))),
            lang,
        ))
    }

    /// Starts a walk through guide `guide_id`, shown in `lang` for a user in `sector`
    /// (`None`: show every sector's rules).
    pub fn start_guide(
        &self,
        guide_id: String,
        lang: Lang,
        sector: Option<Sector>,
    ) -> FfiResult<Arc<GuideSession>> {
        let guide = self.inner.guide(&guide_id)?;
        GuideSession::start(Arc::new(guide), lang, sector)
    }

    /// Resumes a walk from the string `GuideSession.save()` returned, against the guide as it
    /// is stored now: exactly, replayed on a newer revision, or restarted (see `outcome`).
    pub fn resume_guide(
        &self,
        saved: String,
        lang: Lang,
        sector: Option<Sector>,
    ) -> FfiResult<ResumedSession> {
        let saved = GuideSession::parse_saved(&saved)?;
        let guide = self.inner.guide(saved.guide_id())?;
        GuideSession::resume(Arc::new(guide), saved, lang, sector)
    }

    /// Who to call for a child living at `postcode`, for `role`, at instant `at` (default
    /// now; evaluated in Norwegian local time), best first — never empty. `urgent` (the guide
    /// step is urgent) puts the emergency numbers first. A postcode that does not settle the
    /// bydel returns the candidates (`bydel_candidates`) and says so in `notices`.
    pub fn contacts_for_postcode(
        &self,
        postcode: String,
        role: ContactRole,
        at: Option<SystemTime>,
        urgent: bool,
        lang: Lang,
    ) -> FfiResult<ContactsView> {
        self.contacts(
            Location::Postnummer {
                postnummer: postcode,
            },
            role,
            at,
            urgent,
            lang,
        )
    }

    /// Who to call for a child in municipality `kommunenummer` (4 digits), optionally in a
    /// `bydel` (bydelsnummer or name); otherwise as `contacts_for_postcode`.
    pub fn contacts_for_area(
        &self,
        kommunenummer: String,
        bydel: Option<String>,
        role: ContactRole,
        at: Option<SystemTime>,
        urgent: bool,
        lang: Lang,
    ) -> FfiResult<ContactsView> {
        let location = Location::Kommune {
            kommunenummer,
            bydel,
        };
        self.contacts(location, role, at, urgent, lang)
    }

    /// The search screen in `lang`: services and places (kommune, poststed, postcode, bydel)
    /// matching `query` by name, best first, at most `limit`; folds æ/ø/å and accents and
    /// tolerates small typos.
    pub fn search(&self, query: String, limit: u32, lang: Lang) -> FfiResult<SearchResultsView> {
        let book = self.inner.contact_book()?;
        let hits = book.search(&query, limit as usize)?;
        Ok(SearchResultsView::new(&query, hits, lang))
    }

    /// Syncs from `server_url` (e.g. `https://veiviser.example.kommune.no`): downloads what
    /// changed, verifies signatures, and swaps the new content in atomically. On any error
    /// nothing changes on the device. Runs on Veiviser's own background threads.
    ///
    /// `transport`: the app's HTTP stack (default: the built-in client). `listener`: progress.
    /// `cancel`: stop early. Cancelling the calling coroutine/task cancels the sync too.
    #[uniffi::method(default(transport = None, listener = None, cancel = None))]
    pub async fn sync(
        self: Arc<Self>,
        server_url: String,
        transport: Option<Arc<dyn HttpTransport>>,
        listener: Option<Box<dyn SyncListener>>,
        cancel: Option<Arc<CancelHandle>>,
    ) -> FfiResult<SyncReport> {
        let flag = cancel.map(|c| c.flag()).unwrap_or_default();
        let cancel_on_drop = CancelOnDrop(Some(flag.clone()));
        let this = self.clone();
        let task = runtime().spawn_blocking(move || {
            let transport = TransportBridge(transport.unwrap_or_else(default_transport));
            // The core delivers progress on a thread of its own, off the store's lock, so the
            // app's listener may call back into the store (even start a sync).
            let listener = listener.map(|l| Box::new(ForeignListener(l)) as _);
            this.inner
                .sync_detached(&transport, &server_url, &this.sync_options, listener, &flag)
        });
        let result = task
            .await
            .map_err(|e| VeiviserError::internal(format!("the sync task failed: {e}")))?;
        cancel_on_drop.disarm();
        Ok(result?)
    }
}
