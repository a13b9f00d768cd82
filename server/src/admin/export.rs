//! The admin state as plain files, for `backup` and `restore`: one JSON-lines file per tree of
//! `DATA/admin/` (`TREE-<hash>.jsonl`) and `manifest.json` with each file's name, record
//! count, size and SHA-256, so a backup does not depend on sled's file format, a new export
//! replaces the previous one atomically (the manifest's rename), and a damaged or truncated
//! export is refused, naming the file and the line, before anything is written.
//!
//! Exported: accounts (with their password hashes), API tokens (stored only as hashes),
//! drafts, reviews and the audit log (keeping its sequence numbers). Not exported: sessions
//! (everyone signs in again after a restore).
//!
//! A line is `{"key":K,"sha256":H,"value":V}`: `K` the record's key (an audit event's
//! sequence number in decimal), `V` the record exactly as the database holds it, `H` the
//! SHA-256 of `V`'s bytes (so a changed line is named even when it still parses).

use crate::admin::accounts::{Account, TokenRecord};
use crate::admin::audit::{Actor, AuditEvent};
use crate::admin::drafts::Draft;
use crate::admin::review::Review;
use crate::admin::service::{AdminError, AdminService, Principal};
use crate::admin::store::{AdminStore, RawRecords, StoreError, Tree};
use crate::admin::Role;
use crate::publishing::published::{sha256_hex, sync_dir};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use utoipa::ToSchema;

/// The folder of a backup that holds the admin export.
pub const EXPORT_DIR: &str = "admin";
/// The manifest's file name (written last).
pub const MANIFEST: &str = "manifest.json";
/// The manifest's `format`.
pub const FORMAT: &str = "veiviser-admin-export/1";
/// The trees an export holds, in file order (not sessions).
pub const EXPORTED: [Tree; 5] = [
    Tree::Accounts,
    Tree::Tokens,
    Tree::Drafts,
    Tree::Reviews,
    Tree::Audit,
];

/// Why an export could not be made, read or restored.
#[derive(Debug, thiserror::Error)]
pub enum AdminBackupError {
    /// A file of the export is damaged, truncated or not an export: nothing was written.
    #[error("{}: {message}; nothing was restored", location(.file, *.line))]
    Damaged {
        /// The file.
        file: String,
        /// The line (1-based), when one line is at fault.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{}: {message}", .path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// The admin database already holds records and `--replace-admin` was not given.
    #[error("the admin database {} already holds accounts, drafts or audit events: nothing was restored (pass --replace-admin to move it aside and restore the backup's admin state, or --published-only to restore the published files alone)", .0.display())]
    NotEmpty(PathBuf),
    /// The admin database failed (e.g. a running server holds it).
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn location(file: &str, line: Option<usize>) -> String {
    match line {
        Some(n) => format!("{file} line {n}"),
        None => file.to_string(),
    }
}

fn whole_file(file: impl std::fmt::Display, message: impl Into<String>) -> AdminBackupError {
    AdminBackupError::Damaged {
        file: file.to_string(),
        line: None,
        message: message.into(),
    }
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> AdminBackupError + '_ {
    move |e| AdminBackupError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// One file of an export in the manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ManifestFile {
    /// The file name (`TREE.jsonl`).
    pub file: String,
    /// The tree it holds.
    pub tree: String,
    /// How many records (lines).
    pub records: usize,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its SHA-256, lowercase hex.
    pub sha256: String,
}

/// The manifest of an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// When the export was made.
    pub created_at: DateTime<Utc>,
    /// Every file, one per exported tree.
    pub files: Vec<ManifestFile>,
}

/// An export in memory: the manifest and the files' text (what `GET /v1/admin/export`
/// answers, and what `backup` writes into `BACKUP/admin/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AdminExport {
    /// Counts and hashes.
    pub manifest: Manifest,
    /// The JSON-lines files by name.
    pub files: BTreeMap<String, String>,
}

impl AdminExport {
    /// The number of records of `tree`.
    pub fn records(&self, tree: Tree) -> usize {
        self.manifest
            .files
            .iter()
            .find(|f| f.tree == tree.name())
            .map_or(0, |f| f.records)
    }
}

/// `TREE-<the first 16 hex digits of its SHA-256>.jsonl`: a new export never overwrites a file
/// of the one before, so the manifest's rename is the one moment an export changes.
fn file_name(tree: Tree, sha256: &str) -> String {
    format!(
        "{}-{}.jsonl",
        tree.name(),
        sha256.get(..16).unwrap_or(sha256)
    )
}

fn line_prefix(key: &str, sha256: &str) -> String {
    format!(
        "{{\"key\":{},\"sha256\":\"{sha256}\",\"value\":",
        serde_json::Value::String(key.to_string())
    )
}

/// Makes the export of `store` (every exported tree, as the database holds it).
pub fn export_store(store: &AdminStore) -> Result<AdminExport, AdminBackupError> {
    let mut files = BTreeMap::new();
    let mut entries = Vec::new();
    for tree in EXPORTED {
        let mut text = String::new();
        let raw = store.raw_entries(tree)?;
        for (k, v) in &raw {
            let key = if tree == Tree::Audit {
                <[u8; 8]>::try_from(k.as_slice())
                    .map(|b| u64::from_be_bytes(b).to_string())
                    .ok()
            } else {
                String::from_utf8(k.clone()).ok()
            };
            let value = std::str::from_utf8(v).ok().filter(|v| !v.contains('\n'));
            let (Some(key), Some(value)) = (key, value) else {
                return Err(StoreError {
                    path: PathBuf::from(tree.name()),
                    message: format!(
                        "a record under key {k:?} is not one line of JSON: cannot export it"
                    ),
                    in_use: false,
                }
                .into());
            };
            text.push_str(&line_prefix(&key, &sha256_hex(value.as_bytes())));
            text.push_str(value);
            text.push_str("}\n");
        }
        let sha256 = sha256_hex(text.as_bytes());
        let file = file_name(tree, &sha256);
        entries.push(ManifestFile {
            file: file.clone(),
            tree: tree.name().to_string(),
            records: raw.len(),
            bytes: text.len(),
            sha256,
        });
        files.insert(file, text);
    }
    Ok(AdminExport {
        manifest: Manifest {
            format: FORMAT.to_string(),
            created_at: Utc::now(),
            files: entries,
        },
        files,
    })
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), AdminBackupError> {
    let mut f = std::fs::File::create(path).map_err(io(path))?;
    f.write_all(bytes).map_err(io(path))?;
    f.sync_all().map_err(io(path))
}

fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), AdminBackupError> {
    let tmp = dir.join(format!(".{name}.tmp"));
    write_synced(&tmp, bytes)?;
    let to = dir.join(name);
    std::fs::rename(&tmp, &to).map_err(io(&to))
}

/// Writes `export` into `dir` (created), atomically: the data files (named by their hash, so
/// none of the previous export is overwritten) are written to temporary names, fsynced and
/// renamed, then the manifest the same way; only then are the previous export's files
/// removed. A crash at any point leaves the previous export or the new one, whole.
pub fn write_dir(export: &AdminExport, dir: &Path) -> Result<(), AdminBackupError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    for (name, text) in &export.files {
        write_atomically(dir, name, text.as_bytes())?;
    }
    sync_dir(dir);
    let manifest = serde_json::to_vec_pretty(&export.manifest).expect("a manifest serializes");
    write_atomically(dir, MANIFEST, &manifest)?;
    sync_dir(dir);
    for entry in std::fs::read_dir(dir).map_err(io(dir))?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = name.ends_with(".jsonl") && !export.files.contains_key(&name);
        if old || (name.starts_with('.') && name.ends_with(".tmp")) {
            std::fs::remove_file(entry.path()).map_err(io(&entry.path()))?;
        }
    }
    Ok(())
}

/// Reads the export in `dir` (see [`write_dir`]) and checks it with [`validate`].
pub fn read_dir(dir: &Path) -> Result<ValidExport, AdminBackupError> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            whole_file(
                path.display(),
                "is missing: the admin export is incomplete (was `backup` interrupted? run it again)",
            )
        } else {
            io(&path)(e)
        }
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .map_err(|e| whole_file(path.display(), format!("not an admin export manifest: {e}")))?;
    let mut files = BTreeMap::new();
    for f in &manifest.files {
        // Only names an export makes are read (no path outside `dir`).
        if EXPORTED.iter().any(|t| file_name(*t, &f.sha256) == f.file) {
            let p = dir.join(&f.file);
            match std::fs::read(&p) {
                Ok(text) => {
                    files.insert(f.file.clone(), String::from_utf8_lossy(&text).into_owned());
                }
                // Named as missing by `validate`.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(io(&p)(e)),
            }
        }
    }
    validate(&AdminExport { manifest, files }, &|name| {
        dir.join(name).display().to_string()
    })
}

/// Reads an export saved from `GET /v1/admin/export` (a JSON document) and checks it.
pub fn read_document(path: &Path) -> Result<ValidExport, AdminBackupError> {
    let text = std::fs::read_to_string(path).map_err(io(path))?;
    let export: AdminExport = serde_json::from_str(&text).map_err(|e| {
        whole_file(
            path.display(),
            format!("not an admin export (the answer of GET /v1/admin/export): {e}"),
        )
    })?;
    validate(&export, &|name| format!("{} ({name})", path.display()))
}

/// A checked export: the raw records of every tree, ready to restore.
#[derive(Debug, Clone)]
pub struct ValidExport {
    /// The export as read.
    pub export: AdminExport,
    trees: Vec<(Tree, RawRecords)>,
}

fn check_value<T: DeserializeOwned>(raw: &str) -> Result<T, String> {
    serde_json::from_str(raw).map_err(|e| e.to_string())
}

/// Checks one record's value against its tree's type and its key; the key's bytes.
fn check_record(tree: Tree, key: &str, raw: &str) -> Result<Vec<u8>, String> {
    let named = |what: &str, name: &str| {
        if name == key {
            Ok(key.as_bytes().to_vec())
        } else {
            Err(format!("the key {key:?} is not the {what} {name:?}"))
        }
    };
    match tree {
        Tree::Accounts => named("account name", &check_value::<Account>(raw)?.name),
        Tree::Drafts => named("draft id", &check_value::<Draft>(raw)?.id),
        Tree::Reviews => named("review id", &check_value::<Review>(raw)?.id),
        Tree::Tokens => {
            check_value::<TokenRecord>(raw)?;
            if key.len() == 64 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(key.as_bytes().to_vec())
            } else {
                Err(format!("the key {key:?} is not a token's SHA-256"))
            }
        }
        Tree::Audit => {
            let event = check_value::<AuditEvent>(raw)?;
            if event.seq.to_string() == key {
                Ok(event.seq.to_be_bytes().to_vec())
            } else {
                Err(format!(
                    "the key {key:?} is not the event's sequence number {}",
                    event.seq
                ))
            }
        }
        Tree::Sessions => Err("sessions are never exported".into()),
    }
}

fn check_file(
    tree: Tree,
    entry: &ManifestFile,
    text: &str,
    name: &str,
) -> Result<RawRecords, AdminBackupError> {
    let at = |line: Option<usize>, message: String| AdminBackupError::Damaged {
        file: name.to_string(),
        line,
        message,
    };
    let mut records: RawRecords = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let n = Some(i + 1);
        let Some(line) = line.strip_suffix('\n') else {
            return Err(at(
                n,
                "ends without a line break: the file is truncated".into(),
            ));
        };
        #[derive(Deserialize)]
        struct Line {
            key: String,
            sha256: String,
        }
        let parsed: Line = serde_json::from_str(line)
            .map_err(|e| at(n, format!("does not parse as an export line: {e}")))?;
        let raw = line
            .strip_prefix(&line_prefix(&parsed.key, &parsed.sha256))
            .and_then(|rest| rest.strip_suffix('}'))
            .ok_or_else(|| {
                at(
                    n,
                    "is not in the export's line format {\"key\":…,\"sha256\":…,\"value\":…}"
                        .into(),
                )
            })?;
        if sha256_hex(raw.as_bytes()) != parsed.sha256 {
            return Err(at(
                n,
                "the record does not match its SHA-256: it was damaged or edited".into(),
            ));
        }
        let key = check_record(tree, &parsed.key, raw)
            .map_err(|e| at(n, format!("not a valid {} record: {e}", tree.name())))?;
        if records.last().is_some_and(|(last, _)| *last >= key) {
            return Err(at(
                n,
                format!("the key {:?} is out of order or repeated", parsed.key),
            ));
        }
        records.push((key, raw.as_bytes().to_vec()));
    }
    if records.len() != entry.records {
        return Err(at(
            None,
            format!(
                "holds {} records, the manifest says {}: the file is truncated or from another backup",
                records.len(),
                entry.records
            ),
        ));
    }
    if text.len() != entry.bytes || sha256_hex(text.as_bytes()) != entry.sha256 {
        return Err(at(
            None,
            "does not match the SHA-256 in the manifest: it is damaged or from another backup"
                .into(),
        ));
    }
    Ok(records)
}

/// Checks every file of `export` against the manifest (format, one file per exported tree,
/// every line, counts, sizes and SHA-256) and every record against its type; `name` names a
/// file in errors.
pub fn validate(
    export: &AdminExport,
    name: &dyn Fn(&str) -> String,
) -> Result<ValidExport, AdminBackupError> {
    let manifest = &export.manifest;
    let damaged = |message: String| whole_file(name(MANIFEST), message);
    if manifest.format != FORMAT {
        return Err(damaged(format!(
            "format {:?} is not {FORMAT:?}",
            manifest.format
        )));
    }
    let mut trees = Vec::new();
    for tree in EXPORTED {
        let listed: Vec<&ManifestFile> = manifest
            .files
            .iter()
            .filter(|f| f.tree == tree.name())
            .collect();
        let [entry] = listed[..] else {
            return Err(damaged(format!(
                "lists the tree {} {} times (once expected)",
                tree.name(),
                listed.len()
            )));
        };
        let file = file_name(tree, &entry.sha256);
        if entry.sha256.len() != 64 || !entry.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(damaged(format!(
                "the SHA-256 of {} is not 64 hex digits",
                tree.name()
            )));
        }
        if entry.file != file {
            return Err(damaged(format!(
                "names {:?} for the tree {} ({file:?} expected)",
                entry.file,
                tree.name()
            )));
        }
        let text = export
            .files
            .get(&file)
            .ok_or_else(|| damaged(format!("lists {file}, which is missing")))?;
        trees.push((tree, check_file(tree, entry, text, &name(&file))?));
    }
    if manifest.files.len() != EXPORTED.len() {
        return Err(damaged("lists files that are not part of an export".into()));
    }
    Ok(ValidExport {
        export: export.clone(),
        trees,
    })
}

/// What the admin database at a restore target holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No database.
    Missing,
    /// A database without a single record.
    Empty,
    /// A database with records (replaced only with `--replace-admin`).
    NotEmpty,
}

/// Looks at the admin database at `path` (fails if a server holds it); with `replace` false,
/// a database holding records is refused.
pub fn check_target(path: &Path, replace: bool) -> Result<Target, AdminBackupError> {
    if !path.exists() {
        return Ok(Target::Missing);
    }
    if AdminStore::open(path)?.is_empty()? {
        return Ok(Target::Empty);
    }
    if !replace {
        return Err(AdminBackupError::NotEmpty(path.to_path_buf()));
    }
    Ok(Target::NotEmpty)
}

/// Builds the database of `valid` in a new folder beside `path`, then puts it at `path`: an
/// empty database there is removed, one with records (`target` [`Target::NotEmpty`]) is moved
/// aside and its new path returned. A crash before the last rename leaves `path` as it was
/// (or, after the move aside, missing: run `restore` again).
pub fn install(
    valid: &ValidExport,
    path: &Path,
    target: Target,
) -> Result<Option<PathBuf>, AdminBackupError> {
    let parent = path.parent().unwrap_or(Path::new("."));
    let base = path
        .file_name()
        .map_or("admin".into(), |n| n.to_string_lossy().into_owned());
    // What a killed restore left (at worst a restore running at the same moment into the
    // same data folder then fails to rename its own: it never leaves a half database).
    let prefix = format!(".{base}.restoring-");
    for entry in std::fs::read_dir(parent).map_err(io(parent))?.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            std::fs::remove_dir_all(entry.path()).map_err(io(&entry.path()))?;
        }
    }
    let building = parent.join(format!("{prefix}{}", std::process::id()));
    {
        let store = AdminStore::open(&building)?;
        for (tree, records) in &valid.trees {
            store.write_raw(*tree, records)?;
        }
    }
    let moved = match target {
        Target::Missing => None,
        Target::Empty => {
            std::fs::remove_dir_all(path).map_err(io(path))?;
            None
        }
        Target::NotEmpty => {
            let stamp = Utc::now().format("%Y%m%dT%H%M%SZ");
            let aside = parent.join(format!("{base}.replaced-{stamp}"));
            std::fs::rename(path, &aside).map_err(io(&aside))?;
            Some(aside)
        }
    };
    std::fs::rename(&building, path).map_err(io(path))?;
    sync_dir(parent);
    Ok(moved)
}

impl AdminService {
    /// The export of the admin state (admins only; recorded in the audit log, and the event
    /// is part of the export). Taken under the state lock, so it is one consistent moment.
    pub fn export_admin(&self, by: &Principal) -> Result<AdminExport, AdminError> {
        by.require(&[Role::Admin], "exporting the admin state")?;
        let _g = self.state_lock();
        self.audit_event(
            Actor::User(by.name.clone()),
            "admin_exported",
            "admin",
            "the admin state was exported (GET /v1/admin/export)",
        )?;
        export_store(&self.store).map_err(|e| AdminError::Internal(e.to_string()))
    }
}
