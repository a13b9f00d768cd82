//! Report-of-concern drafts for the apps: `Drafts` is a handle on the core's encrypted
//! `DraftStore` and only delegates. The app supplies the 32-byte master key from the Android
//! Keystore or the iOS Keychain and keeps the folder out of backups (ADR 0008). Every edit
//! saves at once and returns the draft's view model, built for one language at `now`.

use crate::error::{FfiResult, VeiviserError};
use crate::session::GuideSession;
use chrono::{DateTime, Utc};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;
use veiviser_core::drafts::view::{draft_view, summary};
use veiviser_core::drafts::{
    ks_fiks_json, plain_text, Child, Conversation, Draft, DraftError, DraftStore, DraftSummary,
    DraftView, Foresatt, MasterKey, Measure, MeldingText, Observation, Recipient, ReporterProfile,
};
use veiviser_core::Lang;
use zeroize::Zeroizing;

impl From<DraftError> for VeiviserError {
    fn from(e: DraftError) -> Self {
        let detail = e.to_string();
        match e {
            DraftError::NotFound { .. } => VeiviserError::NotFound { detail },
            DraftError::Invalid { .. } | DraftError::WrongKey { .. } => {
                VeiviserError::InvalidInput { detail }
            }
            // Every missing field by name, one per line (names and sentences, never values).
            DraftError::Incomplete { problems } => VeiviserError::InvalidInput {
                detail: problems
                    .iter()
                    .map(|p| format!("{}: {}", p.field, p.message))
                    .collect::<Vec<_>>()
                    .join("\n"),
            },
            DraftError::Damaged { .. } | DraftError::Key { .. } | DraftError::Io { .. } => {
                VeiviserError::Storage { detail }.reported()
            }
        }
    }
}

fn instant(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from(t)
}

fn master_key(bytes: Vec<u8>) -> FfiResult<MasterKey> {
    let bytes = Zeroizing::new(bytes);
    // A key of the wrong length is the app's mistake, not damaged storage.
    MasterKey::from_bytes(&bytes).map_err(|e| VeiviserError::InvalidInput {
        detail: e.to_string(),
    })
}

/// A fresh random 32-byte master key, for an app to store in its Keystore/Keychain.
#[uniffi::export]
pub fn generate_master_key() -> FfiResult<Vec<u8>> {
    let key = Zeroizing::new(veiviser_core::drafts::key::random_key_bytes()?);
    Ok(key.to_vec())
}

/// The device's report-of-concern drafts: encrypted, one file each, destroyed when expired.
#[derive(Debug, uniffi::Object)]
pub struct Drafts {
    store: Mutex<DraftStore>,
    expired: Vec<String>,
}

impl Drafts {
    fn store(&self) -> MutexGuard<'_, DraftStore> {
        self.store.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn edit(
        &self,
        id: &str,
        lang: Lang,
        now: SystemTime,
        f: impl FnOnce(&mut Draft) -> Result<(), DraftError>,
    ) -> FfiResult<DraftView> {
        let now = instant(now);
        let store = self.store();
        let mut d = store.load(id)?;
        f(&mut d)?;
        store.save(&mut d, now)?;
        let profile = store.load_profile().ok().flatten();
        Ok(draft_view(&d, profile.as_ref(), lang, now))
    }
}

#[uniffi::export]
impl Drafts {
    /// Opens (creating) the drafts folder `dir` with the app's 32-byte `master_key`, and at
    /// `now` destroys every expired draft ([`Drafts::expired_at_open`] lists them).
    #[uniffi::constructor]
    pub fn open(dir: String, master_key_bytes: Vec<u8>, now: SystemTime) -> FfiResult<Arc<Self>> {
        let key = master_key(master_key_bytes)?;
        let (store, report) = DraftStore::open(&PathBuf::from(dir), key, instant(now))?;
        Ok(Arc::new(Drafts {
            store: Mutex::new(store),
            expired: report.expired,
        }))
    }

    /// Ids of the drafts destroyed at open because they had expired.
    pub fn expired_at_open(&self) -> Vec<String> {
        self.expired.clone()
    }

    /// Starts a draft (kept 14 days after the last edit, or `retention_days`, 1-14), from the
    /// current step of `walk` when given: the path, the sector's legal basis and, after the
    /// violence bypass, `orientert = false` for the foresatte with the reason.
    pub fn create(
        &self,
        lang: Lang,
        now: SystemTime,
        walk: Option<Arc<GuideSession>>,
        retention_days: Option<u32>,
    ) -> FfiResult<DraftView> {
        let origin = walk.map(|w| w.walk_origin());
        let now = instant(now);
        let mut d = Draft::new(DraftStore::new_id()?, now, origin, lang);
        if let Some(days) = retention_days {
            d.set_retention_days(days)?;
        }
        let store = self.store();
        store.save(&mut d, now)?;
        let profile = store.load_profile().ok().flatten();
        Ok(draft_view(&d, profile.as_ref(), lang, now))
    }

    /// The draft `id` as the edit screen shows it.
    pub fn view(&self, id: String, lang: Lang, now: SystemTime) -> FfiResult<DraftView> {
        let store = self.store();
        let d = store.load(&id)?;
        let profile = store.load_profile().ok().flatten();
        Ok(draft_view(&d, profile.as_ref(), lang, instant(now)))
    }

    /// Every draft with its expiry; an unreadable one carries its error, the others are fine.
    pub fn list(&self, lang: Lang, now: SystemTime) -> FfiResult<Vec<DraftSummary>> {
        let now = instant(now);
        Ok(self
            .store()
            .list()?
            .iter()
            .map(|l| summary(l, lang, now))
            .collect())
    }

    /// Adds a dated observation.
    pub fn add_observation(
        &self,
        id: String,
        observation: Observation,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| d.add_observation(observation))
    }

    /// Sets the child.
    pub fn set_child(
        &self,
        id: String,
        child: Child,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| {
            d.set_child(child);
            Ok(())
        })
    }

    /// Adds a foresatt (two at most).
    pub fn add_foresatt(
        &self,
        id: String,
        foresatt: Foresatt,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| d.add_foresatt(foresatt, lang))
    }

    /// Sets the receiving kommune and bydel (from the app's directory lookup).
    pub fn set_recipient(
        &self,
        id: String,
        recipient: Recipient,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| {
            d.set_recipient(recipient);
            Ok(())
        })
    }

    /// Sets the free-text fields (melding, historie, andre synspunkter, tolk, other services).
    pub fn set_text(
        &self,
        id: String,
        text: MeldingText,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| {
            d.set_text(text);
            Ok(())
        })
    }

    /// Adds a conversation held, or one not held with the reason.
    pub fn add_conversation(
        &self,
        id: String,
        conversation: Conversation,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| d.add_conversation(conversation))
    }

    /// Adds a measure already tried.
    pub fn add_measure(
        &self,
        id: String,
        measure: Measure,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| d.add_measure(measure))
    }

    /// Sets how many days after the last edit the draft is destroyed (1-14).
    pub fn set_retention_days(
        &self,
        id: String,
        days: u32,
        lang: Lang,
        now: SystemTime,
    ) -> FfiResult<DraftView> {
        self.edit(&id, lang, now, |d| d.set_retention_days(days))
    }

    /// The reporter profile, if saved.
    pub fn profile(&self) -> FfiResult<Option<ReporterProfile>> {
        Ok(self.store().load_profile()?)
    }

    /// Saves the reporter profile (encrypted, kept until deleted).
    pub fn save_profile(&self, profile: ReporterProfile) -> FfiResult<()> {
        Ok(self.store().save_profile(&profile)?)
    }

    /// The draft as KS Fiks v2 JSON, sent at `now`; an incomplete draft is `InvalidInput`
    /// listing every missing field by name.
    pub fn export_json(&self, id: String, lang: Lang, now: SystemTime) -> FfiResult<String> {
        let store = self.store();
        let d = store.load(&id)?;
        let profile = store.load_profile()?;
        let doc = ks_fiks_json(&d, profile.as_ref(), instant(now), lang)?;
        serde_json::to_string_pretty(&doc).map_err(|e| VeiviserError::internal(e.to_string()))
    }

    /// The draft as plain text in the portal's order (missing fields marked).
    pub fn export_text(&self, id: String, lang: Lang) -> FfiResult<String> {
        let store = self.store();
        let d = store.load(&id)?;
        let profile = store.load_profile()?;
        Ok(plain_text(&d, profile.as_ref(), lang))
    }

    /// Destroys the draft `id`.
    pub fn delete(&self, id: String) -> FfiResult<()> {
        Ok(self.store().delete(&id)?)
    }

    /// Re-seals every draft under a new master key; returns the ids that could not be opened
    /// (left as they are). Destroy the old key in the Keystore/Keychain afterwards.
    pub fn rotate_master_key(&self, new_master_key: Vec<u8>) -> FfiResult<Vec<String>> {
        let key = master_key(new_master_key)?;
        let failed = self.store().rotate_master_key(key)?;
        Ok(failed
            .into_iter()
            .map(|e| match e {
                DraftError::WrongKey { id } | DraftError::Damaged { id, .. } => id,
                other => other.to_string(),
            })
            .collect())
    }
}
