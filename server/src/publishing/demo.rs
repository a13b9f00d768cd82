//! The demo: the committed demo key and the content in `server/content/`, published
//! deterministically so `serve --demo` and `export --demo` agree byte for byte.
//!
//! Demo content is everything under `server/content/guides/`, `directory/` and `places/`
//! (guides, directory entries, the sample postcode register and bydel pairs), published as
//! one batch by the actor `bootstrap` at the `published_at` of `server/content/demo.toml`.

use crate::data_dir::DataDir;
use crate::publishing::content::{self, file_issue};
use crate::publishing::export::{snapshot_bytes, snapshot_of};
use crate::publishing::import::{import_files, ImportError, ImportOptions, ImportReport};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use veiviser_core::sync::signing::SigningKey;
use veiviser_core::ContentErrors;

/// The actor recorded for the first, automatic publish.
pub const BOOTSTRAP_ACTOR: &str = "bootstrap";

/// `server/content/` of this source tree.
pub fn default_content_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content")
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    published_at: DateTime<Utc>,
}

/// The demo content's publish time, from `demo.toml`.
pub fn demo_published_at(content_dir: &Path) -> Result<DateTime<Utc>, ContentErrors> {
    let path = content_dir.join("demo.toml");
    let label = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        ContentErrors(vec![file_issue(
            &label,
            format!("cannot read the demo manifest: {e} (is --content the server/content folder?)"),
        )])
    })?;
    let manifest: Manifest = toml::from_str(&text).map_err(|e| {
        let mut i = file_issue(&label, e.message().to_string());
        i.field = Some("published_at".into());
        ContentErrors(vec![i])
    })?;
    Ok(manifest.published_at)
}

/// The demo content folders that exist.
pub fn demo_paths(content_dir: &Path) -> Vec<PathBuf> {
    ["guides", "directory", "places"]
        .iter()
        .map(|d| content_dir.join(d))
        .filter(|p| p.is_dir())
        .collect()
}

/// Publishes the demo content into `data` (all collections replaced) as `bootstrap`.
pub fn bootstrap(
    data: &DataDir,
    key: &SigningKey,
    content_dir: &Path,
) -> Result<ImportReport, ImportError> {
    let published_at = demo_published_at(content_dir).map_err(ImportError::Content)?;
    let files =
        content::read_files(&demo_paths(content_dir), None).map_err(ImportError::Content)?;
    let opts = ImportOptions {
        actor: BOOTSTRAP_ACTOR.into(),
        replace: true,
        deletes: Vec::new(),
        published_at: Some(published_at),
        kind: None,
        note: None,
    };
    import_files(data, key, &files, &opts)
}

/// The signed snapshot of the demo content: what a fresh `serve --demo` publishes, as
/// `export` writes it. Same content and key → same bytes.
pub fn demo_snapshot(content_dir: &Path, key: &SigningKey) -> Result<Vec<u8>, ImportError> {
    let tmp = tempfile::tempdir().map_err(|e| {
        ImportError::Content(ContentErrors(vec![file_issue(
            "temporary folder",
            format!("cannot create: {e}"),
        )]))
    })?;
    let data = DataDir::new(tmp.path());
    bootstrap(&data, key, content_dir)?;
    let snapshot = snapshot_of(&data).map_err(|e| ImportError::Publish(e.into()))?;
    Ok(snapshot_bytes(&snapshot))
}
