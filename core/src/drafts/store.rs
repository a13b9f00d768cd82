//! The draft store: one sealed file per draft in a folder of its own, written atomically,
//! destroyed on delete and on expiry. Separate from the content store by design (ADR 0008):
//! nothing here is ever rebuilt, synced or backed up.

use super::envelope::{self, Header, Kind, HEADER_LEN};
use super::error::{DraftError, DraftResult};
use super::key::MasterKey;
use super::model::{Draft, ReporterProfile, MAX_RETENTION_DAYS};
use chrono::{DateTime, Utc};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use zeroize::Zeroizing;

/// The file name extension of a sealed draft.
const DRAFT_EXT: &str = "draft";
/// The extension of a file being written (removed at open if a crash left it).
const TEMP_EXT: &str = "tmp";
/// The file holding the reporter profile.
const PROFILE_FILE: &str = "profile.sealed";
/// The profile's fixed id inside its header.
const PROFILE_ID: [u8; 16] = [0xff; 16];

/// What opening the store cleaned up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OpenReport {
    /// Ids of the drafts destroyed because they had expired.
    pub expired: Vec<String>,
    /// Leftover temporary files (an interrupted save) removed.
    pub temp_files_removed: usize,
}

/// One entry of [`DraftStore::list`]: its id and expiry, and the draft or why it cannot be read.
#[derive(Debug)]
pub struct Listed {
    /// The draft id.
    pub id: String,
    /// When it will be destroyed (from the header, also when the body cannot be read).
    pub expires_at: Option<DateTime<Utc>>,
    /// The draft, or the error for this draft alone.
    pub draft: DraftResult<Draft>,
}

/// The encrypted drafts of one device, in one folder.
#[derive(Debug)]
pub struct DraftStore {
    dir: PathBuf,
    key: MasterKey,
}

/// Whether `id` is a draft id: 32 lowercase hex digits (so it is also a safe file name).
pub fn is_draft_id(id: &str) -> bool {
    id.len() == 32 && id.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

fn id_bytes(id: &str) -> DraftResult<[u8; 16]> {
    if !is_draft_id(id) {
        return Err(DraftError::invalid(
            "id",
            format!("`{id}` is not a draft id (32 hex digits, as `melding list` shows)"),
        ));
    }
    let mut out = [0u8; 16];
    for (i, b) in out.iter_mut().enumerate() {
        *b = u8::from_str_radix(&id[2 * i..2 * i + 2], 16).unwrap_or(0);
    }
    Ok(out)
}

fn id_string(bytes: &[u8; 16]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn from_unix(secs: i64) -> Option<DateTime<Utc>> {
    (secs != 0)
        .then(|| DateTime::from_timestamp(secs, 0))
        .flatten()
}

impl DraftStore {
    /// Opens (creating) the drafts folder `dir` with `key`, and at `now` destroys every
    /// expired draft and every leftover temporary file. Damaged drafts are left for the user.
    pub fn open(dir: &Path, key: MasterKey, now: DateTime<Utc>) -> DraftResult<(Self, OpenReport)> {
        create_private_dir(dir)?;
        let store = DraftStore {
            dir: dir.to_path_buf(),
            key,
        };
        let report = store.purge_expired(now)?;
        Ok((store, report))
    }

    /// The folder the drafts live in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Destroys every draft whose expiry is at or before `now`, and leftover temporary files.
    pub fn purge_expired(&self, now: DateTime<Utc>) -> DraftResult<OpenReport> {
        let mut report = OpenReport::default();
        for entry in fs::read_dir(&self.dir).map_err(|e| DraftError::io(&self.dir, &e))? {
            let path = entry.map_err(|e| DraftError::io(&self.dir, &e))?.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == TEMP_EXT {
                destroy_file(&path)?;
                report.temp_files_removed += 1;
                continue;
            }
            let Some(id) = draft_id_of(&path) else {
                continue;
            };
            let Ok(bytes) = fs::read(&path) else { continue };
            let Ok(header) = Header::parse(&bytes, &id) else {
                continue; // damaged beyond reading: listed as such, deleted by the user
            };
            // With the right key, trust the expiry only when the header authenticates; a
            // draft sealed under another key expires by its plaintext header (deleting is the
            // safe direction).
            let trusted = if header.fingerprint == self.key.fingerprint() {
                envelope::verify_header(&self.key, &bytes, &id).is_ok()
            } else {
                true
            };
            let expired = from_unix(header.expires_at).is_some_and(|at| at <= now);
            if trusted && expired {
                destroy_file(&path)?;
                report.expired.push(id);
            }
        }
        if !report.expired.is_empty() || report.temp_files_removed > 0 {
            sync_dir(&self.dir)?;
        }
        report.expired.sort();
        Ok(report)
    }

    /// A fresh random draft id.
    pub fn new_id() -> DraftResult<String> {
        let mut b = [0u8; 16];
        getrandom::fill(&mut b).map_err(|e| DraftError::Key {
            message: format!("no random numbers: {e}"),
        })?;
        Ok(id_string(&b))
    }

    fn draft_path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{DRAFT_EXT}"))
    }

    /// Every draft id in the store, sorted.
    pub fn ids(&self) -> DraftResult<Vec<String>> {
        let mut ids = Vec::new();
        for entry in fs::read_dir(&self.dir).map_err(|e| DraftError::io(&self.dir, &e))? {
            let path = entry.map_err(|e| DraftError::io(&self.dir, &e))?.path();
            if let Some(id) = draft_id_of(&path) {
                ids.push(id);
            }
        }
        ids.sort();
        Ok(ids)
    }

    /// Every draft, each decrypted on its own: one damaged file does not hide the others.
    pub fn list(&self) -> DraftResult<Vec<Listed>> {
        let mut out = Vec::new();
        for id in self.ids()? {
            let path = self.draft_path(&id);
            let bytes = fs::read(&path).map_err(|e| DraftError::io(&path, &e))?;
            let expires_at = Header::parse(&bytes, &id)
                .ok()
                .and_then(|h| from_unix(h.expires_at));
            let draft = self.decode(&id, &bytes);
            out.push(Listed {
                id,
                expires_at,
                draft,
            });
        }
        Ok(out)
    }

    fn decode(&self, id: &str, bytes: &[u8]) -> DraftResult<Draft> {
        let (header, body) = envelope::open(&self.key, bytes, id)?;
        if header.kind != Kind::Draft || id_string(&header.id) != id {
            return Err(DraftError::Damaged {
                id: id.to_string(),
                reason: "the file belongs to another draft".into(),
            });
        }
        serde_json::from_slice(&body).map_err(|_| DraftError::Damaged {
            id: id.to_string(),
            reason: "the content is not a draft of this version".into(),
        })
    }

    /// The draft `id`.
    pub fn load(&self, id: &str) -> DraftResult<Draft> {
        id_bytes(id)?;
        let path = self.draft_path(id);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(DraftError::NotFound { id: id.to_string() })
            }
            Err(e) => return Err(DraftError::io(&path, &e)),
        };
        self.decode(id, &bytes)
    }

    /// Saves `draft` as edited at `now` (its expiry restarts from `now`): sealed under a new
    /// data key, written to a temporary file, synced and renamed over the old one.
    pub fn save(&self, draft: &mut Draft, now: DateTime<Utc>) -> DraftResult<()> {
        let id = id_bytes(&draft.id)?;
        if !(1..=MAX_RETENTION_DAYS).contains(&draft.retention_days) {
            return Err(DraftError::invalid(
                "retention_days",
                format!("a draft is kept 1 to {MAX_RETENTION_DAYS} days after the last edit"),
            ));
        }
        draft.updated_at = now;
        let body = Zeroizing::new(serde_json::to_vec(draft).map_err(|e| DraftError::Io {
            path: draft.id.clone(),
            message: format!("cannot encode the draft: {e}"),
        })?);
        let header = Header {
            kind: Kind::Draft,
            id,
            fingerprint: self.key.fingerprint(),
            expires_at: draft.expires_at().timestamp(),
        };
        let sealed = envelope::seal(&self.key, &header, &body)?;
        write_atomic(&self.dir, &self.draft_path(&draft.id), &sealed)
    }

    /// Destroys the draft `id`: its file (with the only copy of its wrapped data key) is
    /// overwritten with zeros, synced and removed.
    pub fn delete(&self, id: &str) -> DraftResult<()> {
        id_bytes(id)?;
        let path = self.draft_path(id);
        if !path.exists() {
            return Err(DraftError::NotFound { id: id.to_string() });
        }
        destroy_file(&path)?;
        sync_dir(&self.dir)
    }

    /// The reporter profile, if one was saved.
    pub fn load_profile(&self) -> DraftResult<Option<ReporterProfile>> {
        let path = self.dir.join(PROFILE_FILE);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(DraftError::io(&path, &e)),
        };
        let (_, body) = envelope::open(&self.key, &bytes, "profile")?;
        serde_json::from_slice(&body)
            .map(Some)
            .map_err(|_| DraftError::Damaged {
                id: "profile".into(),
                reason: "the content is not a profile of this version".into(),
            })
    }

    /// Saves the reporter profile (encrypted like a draft, without expiry).
    pub fn save_profile(&self, profile: &ReporterProfile) -> DraftResult<()> {
        let body = Zeroizing::new(serde_json::to_vec(profile).map_err(|e| DraftError::Io {
            path: PROFILE_FILE.into(),
            message: format!("cannot encode the profile: {e}"),
        })?);
        let header = Header {
            kind: Kind::Profile,
            id: PROFILE_ID,
            fingerprint: self.key.fingerprint(),
            expires_at: 0,
        };
        let sealed = envelope::seal(&self.key, &header, &body)?;
        write_atomic(&self.dir, &self.dir.join(PROFILE_FILE), &sealed)
    }

    /// Destroys the reporter profile (no error when there is none).
    pub fn delete_profile(&self) -> DraftResult<()> {
        let path = self.dir.join(PROFILE_FILE);
        if path.exists() {
            destroy_file(&path)?;
            sync_dir(&self.dir)?;
        }
        Ok(())
    }

    /// Re-seals every draft and the profile under `new_key` (so the app can then destroy the
    /// old key in the Keystore/Keychain, making old flash pages unreadable). Returns the
    /// drafts that could not be opened with the current key; they are left as they are.
    pub fn rotate_master_key(&mut self, new_key: MasterKey) -> DraftResult<Vec<DraftError>> {
        let mut failed = Vec::new();
        let mut files: Vec<(PathBuf, String)> = self
            .ids()?
            .into_iter()
            .map(|id| (self.draft_path(&id), id))
            .collect();
        let profile = self.dir.join(PROFILE_FILE);
        if profile.exists() {
            files.push((profile, "profile".into()));
        }
        for (path, name) in files {
            let bytes = fs::read(&path).map_err(|e| DraftError::io(&path, &e))?;
            match envelope::open(&self.key, &bytes, &name) {
                Ok((mut header, body)) => {
                    header.fingerprint = new_key.fingerprint();
                    let sealed = envelope::seal(&new_key, &header, &body)?;
                    write_atomic(&self.dir, &path, &sealed)?;
                }
                Err(e) => failed.push(e),
            }
        }
        self.key = new_key;
        Ok(failed)
    }
}

/// The draft id a path names (`<32 hex>.draft`), if it is one.
fn draft_id_of(path: &Path) -> Option<String> {
    if path.extension().and_then(|e| e.to_str()) != Some(DRAFT_EXT) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    is_draft_id(stem).then(|| stem.to_string())
}

fn create_private_dir(dir: &Path) -> DraftResult<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).map_err(|e| DraftError::io(dir, &e))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path` and
/// syncs the folder: a crash at any point leaves the old file or the new one.
fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> DraftResult<()> {
    let tmp = path.with_extension(TEMP_EXT);
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(|e| DraftError::io(&tmp, &e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| DraftError::io(&tmp, &e))?;
    drop(f);
    fs::rename(&tmp, path).map_err(|e| DraftError::io(path, &e))?;
    sync_dir(dir)
}

/// Overwrites a file with zeros, syncs and removes it.
fn destroy_file(path: &Path) -> DraftResult<()> {
    let len = fs::metadata(path)
        .map_err(|e| DraftError::io(path, &e))?
        .len();
    let mut f = fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| DraftError::io(path, &e))?;
    let zeros = vec![0u8; usize::try_from(len).unwrap_or(0).max(HEADER_LEN)];
    f.write_all(&zeros)
        .and_then(|()| f.sync_all())
        .map_err(|e| DraftError::io(path, &e))?;
    drop(f);
    fs::remove_file(path).map_err(|e| DraftError::io(path, &e))
}

fn sync_dir(dir: &Path) -> DraftResult<()> {
    #[cfg(unix)]
    {
        let d = fs::File::open(dir).map_err(|e| DraftError::io(dir, &e))?;
        d.sync_all().map_err(|e| DraftError::io(dir, &e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
