//! `veiviser-server import`: validate content files, merge them into the published state
//! and publish the result as one batch — or nothing at all when anything is invalid.
//!
//! Merge rules, per collection the files touch:
//! - guides: each file adds or replaces one guide (by id); a changed guide must raise its
//!   `revision`;
//! - directory: entries are added or replaced by id (`area:…`, `service:…`);
//! - places: a register file replaces the whole register; a bydel-pair file replaces the
//!   pairs of the municipalities it covers;
//! - `--replace` makes the given files the complete content of the collections they touch;
//! - `--delete COLLECTION/ID` removes a record.
//!
//! After merging, each touched collection is validated as a whole (the same constructors the
//! devices use), so a reference to a missing area or a bad postcode is caught here.

use crate::data_dir::{CurrentRevision, DataDir};
use crate::publishing::content::{self, guide_record, ContentFile, ContentKind, Loaded};
use crate::publishing::publish::{
    publish, records_of, NewState, NoteRequest, PublishError, PublishMeta,
};
use crate::publishing::published::BatchRecord;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use veiviser_core::directory::{
    BydelPair, Directory, DirectoryEntry, PlaceEntry, Places, PostcodeRow,
};
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::signing::SigningKey;
use veiviser_core::{ContentErrors, ContentIssue};

/// Format version of directory records.
pub const DIRECTORY_SCHEMA_VERSION: u32 = 1;
/// Format version of places records.
pub const PLACES_SCHEMA_VERSION: u32 = 1;

/// How to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Recorded in the audit trail.
    pub actor: String,
    /// The given files are the complete content of the collections they touch.
    pub replace: bool,
    /// Records to remove.
    pub deletes: Vec<(Collection, String)>,
    /// The publish time; `None` = now.
    pub published_at: Option<DateTime<Utc>>,
    /// Treat every file as this kind instead of guessing from its name.
    pub kind: Option<ContentKind>,
    /// The note for staff ("Hva er nytt") this publish carries.
    pub note: Option<NoteRequest>,
}

/// What an import did.
#[derive(Debug)]
pub struct ImportReport {
    /// The published batch; `None` when the content was already published.
    pub batch: Option<BatchRecord>,
    /// Findings that did not block publishing.
    pub warnings: Vec<ContentIssue>,
}

/// Why nothing was published.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The content is invalid; every finding is listed.
    #[error("{0}\nnothing was published")]
    Content(ContentErrors),
    /// The data folder could not be read or written.
    #[error("{0}")]
    Publish(PublishError),
}

/// Parses `COLLECTION/ID` (for `--delete`).
pub fn parse_delete(s: &str) -> Result<(Collection, String), String> {
    let (c, id) = s
        .split_once('/')
        .ok_or_else(|| format!("`{s}`: expected COLLECTION/ID, e.g. guides/my-guide"))?;
    let collection = c.parse::<Collection>().map_err(|e| e.to_string())?;
    if id.is_empty() {
        return Err(format!("`{s}`: the id is empty"));
    }
    Ok((collection, id.to_string()))
}

/// Validates `paths` and publishes them into `data` signed with `key`.
pub fn import(
    data: &DataDir,
    key: &SigningKey,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let files = if paths.is_empty() && !opts.deletes.is_empty() {
        Vec::new()
    } else {
        content::read_files(paths, opts.kind).map_err(ImportError::Content)?
    };
    import_files(data, key, &files, opts)
}

/// Like [`import`], for files already read.
pub fn import_files(
    data: &DataDir,
    key: &SigningKey,
    files: &[ContentFile],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let loaded = content::load(files).map_err(ImportError::Content)?;
    let warnings = loaded.warnings.clone();
    let meta = PublishMeta {
        actor: opts.actor.clone(),
        sources: files.iter().map(ContentFile::source).collect(),
        published_at: opts.published_at,
        note: opts.note.clone(),
    };
    let mut content_errors = None;
    let result = publish(data, key, &meta, |current| {
        merge(current, loaded, opts).map_err(|e| {
            let message = e.to_string();
            content_errors = Some(e);
            message
        })
    });
    match result {
        Ok(batch) => Ok(ImportReport { batch, warnings }),
        Err(PublishError::Rejected(_)) if content_errors.is_some() => {
            Err(ImportError::Content(content_errors.expect("checked above")))
        }
        Err(e) => Err(ImportError::Publish(e)),
    }
}

fn issue(file: &str, step: Option<&str>, field: Option<&str>, message: String) -> ContentIssue {
    let mut i = content::file_issue(file, message);
    i.step = step.map(str::to_string);
    i.field = field.map(str::to_string);
    i
}

/// Parses published records of a collection with this build's types.
fn published_entries<T: serde::de::DeserializeOwned>(
    collection: Collection,
    current: &BTreeMap<Collection, CurrentRevision>,
    issues: &mut Vec<ContentIssue>,
) -> Vec<(String, T)> {
    let Some(rev) = current.get(&collection) else {
        return Vec::new();
    };
    rev.changeset
        .records
        .iter()
        .filter_map(|r| match serde_json::from_value::<T>(r.data.clone()) {
            Ok(v) => Some((r.id.clone(), v)),
            Err(e) => {
                issues.push(issue(
                    &format!("published {collection} (sequence {})", rev.changeset.sequence),
                    Some(&r.id),
                    None,
                    format!("this server cannot read the published record ({e}); import the collection again with --replace"),
                ));
                None
            }
        })
        .collect()
}

/// Remembers that record `id` came from `file`, under the record id and the bare entry id
/// (`service:x` and `x`), as whole-collection checks name either.
fn remember(sources: &mut HashMap<String, String>, id: &str, file: &str) {
    if let Some((_, bare)) = id.split_once(':') {
        sources.insert(bare.to_string(), file.to_string());
    }
    sources.insert(id.to_string(), file.to_string());
}

/// Rewrites findings about a record from a whole-collection check to name the file it came from.
fn attribute(errors: ContentErrors, sources: &HashMap<String, String>) -> Vec<ContentIssue> {
    errors
        .0
        .into_iter()
        .map(|mut i| {
            if let Some(file) = i.step.as_ref().and_then(|s| sources.get(s)) {
                i.file = file.clone();
            }
            i
        })
        .collect()
}

/// Checks the whole guide set that would be published (the imported guides with the ones
/// already published): unique ids, and every cross-guide link leads to a guide of the set
/// that is not a dead end. Findings name the imported file, or `published guide `ID``.
fn validate_guide_set(
    records: &BTreeMap<String, Value>,
    loaded: &BTreeMap<String, (String, veiviser_core::guide::Guide)>,
) -> Vec<ContentIssue> {
    let published: Vec<(String, veiviser_core::guide::Guide)> = records
        .iter()
        .filter(|(id, _)| !loaded.contains_key(*id))
        .filter_map(|(id, v)| {
            // Published guides were validated when published; one this build cannot read
            // (a newer format) is left out rather than blocking the import.
            serde_json::from_value(v.clone())
                .ok()
                .map(|g| (format!("published guide `{id}`"), g))
        })
        .collect();
    let set: Vec<(&str, &veiviser_core::guide::Guide)> = loaded
        .values()
        .map(|(file, g)| (file.as_str(), g))
        .chain(published.iter().map(|(label, g)| (label.as_str(), g)))
        .collect();
    veiviser_core::guide::validate::validate_labelled_guide_set(&set)
        .into_iter()
        .filter(|i| i.severity == veiviser_core::Severity::Error)
        .collect()
}

/// Computes the new state of every collection the import touches.
pub fn merge(
    current: &BTreeMap<Collection, CurrentRevision>,
    loaded: Loaded,
    opts: &ImportOptions,
) -> Result<BTreeMap<Collection, NewState>, ContentErrors> {
    let mut issues = Vec::new();
    let mut out = BTreeMap::new();
    let deletes = |c: Collection| {
        opts.deletes
            .iter()
            .filter(move |(dc, _)| *dc == c)
            .map(|(_, id)| id.as_str())
    };
    let current_records = |c: Collection| {
        current
            .get(&c)
            .map(|r| records_of(&r.changeset))
            .unwrap_or_default()
    };

    // Guides.
    if !loaded.guides.is_empty() || deletes(Collection::Guides).next().is_some() {
        let published = current_records(Collection::Guides);
        let mut records = if opts.replace && !loaded.guides.is_empty() {
            BTreeMap::new()
        } else {
            published.clone()
        };
        for (id, (file, guide)) in &loaded.guides {
            let data = guide_record(guide);
            if let Some(old) = published.get(id).filter(|old| **old != data) {
                let old_rev = old.get("revision").and_then(Value::as_u64).unwrap_or(0);
                if u64::from(guide.revision) <= old_rev {
                    issues.push(issue(
                        file,
                        None,
                        Some("revision"),
                        format!(
                            "guide `{id}` is published at revision {old_rev} with different content: raise `revision` to {} or more",
                            old_rev + 1
                        ),
                    ));
                }
            }
            records.insert(id.clone(), data);
        }
        for id in deletes(Collection::Guides) {
            if records.remove(id).is_none() {
                issues.push(issue(
                    "--delete",
                    None,
                    None,
                    format!("guides/{id} is not published"),
                ));
            }
        }
        issues.extend(validate_guide_set(&records, &loaded.guides));
        out.insert(
            Collection::Guides,
            NewState {
                schema_version: veiviser_core::guide::SCHEMA_VERSION,
                records,
            },
        );
    }

    // Directory.
    if !loaded.directory.is_empty() || deletes(Collection::Directory).next().is_some() {
        let mut entries: BTreeMap<String, DirectoryEntry> =
            if opts.replace && !loaded.directory.is_empty() {
                BTreeMap::new()
            } else {
                published_entries(Collection::Directory, current, &mut issues)
                    .into_iter()
                    .collect()
            };
        let mut sources = HashMap::new();
        for (id, (file, entry)) in &loaded.directory {
            entries.insert(id.clone(), entry.clone());
            remember(&mut sources, id, file);
        }
        for id in deletes(Collection::Directory) {
            if entries.remove(id).is_none() {
                issues.push(issue(
                    "--delete",
                    None,
                    None,
                    format!("directory/{id} is not published"),
                ));
            }
        }
        match Directory::from_entries(entries.into_values().collect()) {
            Ok(directory) => {
                let records = directory
                    .entries()
                    .into_iter()
                    .map(|e| (e.id(), serde_json::to_value(&e).expect("entries serialize")))
                    .collect();
                out.insert(
                    Collection::Directory,
                    NewState {
                        schema_version: DIRECTORY_SCHEMA_VERSION,
                        records,
                    },
                );
            }
            Err(errors) => issues.extend(attribute(errors, &sources)),
        }
    }

    // Places.
    if loaded.register.is_some()
        || !loaded.bydel_files.is_empty()
        || deletes(Collection::Places).next().is_some()
    {
        let replace = opts.replace;
        let published: Vec<(String, PlaceEntry)> = if replace {
            Vec::new()
        } else {
            published_entries(Collection::Places, current, &mut issues)
        };
        let mut sources = HashMap::new();
        let rows: Vec<PostcodeRow> = match &loaded.register {
            Some((file, rows)) => {
                for r in rows {
                    remember(&mut sources, &r.id(), file);
                }
                rows.clone()
            }
            None => published
                .iter()
                .filter_map(|(_, e)| match e {
                    PlaceEntry::Postcode(r) => Some(r.clone()),
                    PlaceEntry::Bydel(_) => None,
                })
                .collect(),
        };
        let mut pairs: Vec<BydelPair> = published
            .iter()
            .filter_map(|(_, e)| match e {
                PlaceEntry::Bydel(p) => Some(p.clone()),
                PlaceEntry::Postcode(_) => None,
            })
            .collect();
        match content::parse_bydel_files(&loaded.bydel_files, &rows) {
            Ok(files) => {
                let replaced: BTreeSet<String> = files
                    .iter()
                    .flat_map(|(_, ps)| ps.iter().map(|p| p.kommunenummer.clone()))
                    .collect();
                pairs.retain(|p| !replaced.contains(&p.kommunenummer));
                for (file, ps) in files {
                    for p in ps {
                        remember(&mut sources, &p.id(), &file);
                        pairs.push(p);
                    }
                }
            }
            Err(errors) => issues.extend(errors.0),
        }
        let mut rows = rows;
        for id in deletes(Collection::Places) {
            let before = rows.len() + pairs.len();
            rows.retain(|r| r.id() != id);
            pairs.retain(|p| p.id() != id);
            if rows.len() + pairs.len() == before {
                issues.push(issue(
                    "--delete",
                    None,
                    None,
                    format!("places/{id} is not published"),
                ));
            }
        }
        match Places::from_rows(rows, pairs) {
            Ok(places) => {
                let records = places
                    .entries()
                    .into_iter()
                    .map(|e| (e.id(), serde_json::to_value(&e).expect("entries serialize")))
                    .collect();
                out.insert(
                    Collection::Places,
                    NewState {
                        schema_version: PLACES_SCHEMA_VERSION,
                        records,
                    },
                );
            }
            Err(errors) => issues.extend(attribute(errors, &sources)),
        }
    }

    if issues.is_empty() {
        Ok(out)
    } else {
        Err(ContentErrors(issues))
    }
}
