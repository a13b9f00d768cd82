//! Reading content files for `import`: what kind each file is, and its validated entries.
//!
//! Kinds, by extension (or `--as KIND`):
//! - `*.toml` with `steps` → a guide (authoring format, `docs/guide-format.md`);
//! - other `*.toml`, and `*.json` → directory entries (`[[area]]`, `[[service]]`);
//! - `*.tab`, `*.txt` → Bring's postcode register (UTF-8 or ANSI);
//! - `*.tsv` → postcode → bydel candidate pairs (one municipality per file, named after it).
//!
//! An empty or whitespace-only file is refused, whatever its kind (an empty `.toml` with the
//! errors `veiviser check` gives for it).
//!
//! Folders are read recursively in name order; `*.md` files and dot-files in them are skipped.
//! Every file is read and checked before anything is reported, so one run lists every error.

use crate::publishing::published::{sha256_hex, SourceFile};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use veiviser_core::directory::bydel::{parse_bydel_pairs, BydelPair};
use veiviser_core::directory::load::{kommune_for_file_name, parse_directory_file};
use veiviser_core::directory::postcodes::{parse_register, PostcodeRow};
use veiviser_core::directory::DirectoryEntry;
use veiviser_core::guide::{guide_to_json, parse_guide_toml, Guide};
use veiviser_core::{ContentErrors, ContentIssue, Severity};

/// What a content file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ContentKind {
    /// One guide in the TOML authoring format.
    Guide,
    /// Directory areas and services (TOML or JSON).
    Directory,
    /// Bring's postcode register.
    Register,
    /// Postcode → bydel candidate pairs.
    Bydel,
}

impl ContentKind {
    /// The name used in messages and `--as`.
    pub fn name(self) -> &'static str {
        match self {
            ContentKind::Guide => "guide",
            ContentKind::Directory => "directory",
            ContentKind::Register => "register",
            ContentKind::Bydel => "bydel",
        }
    }
}

/// One file read from disk.
#[derive(Debug, Clone)]
pub struct ContentFile {
    /// The path as given (or found in a given folder).
    pub path: PathBuf,
    /// Its kind.
    pub kind: ContentKind,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl ContentFile {
    /// The name used in errors.
    pub fn label(&self) -> String {
        self.path.display().to_string()
    }

    /// The audit-trail entry for this file.
    pub fn source(&self) -> SourceFile {
        SourceFile {
            name: self.label(),
            sha256: sha256_hex(&self.bytes),
        }
    }
}

/// An error about a whole file (no line or field).
pub fn file_issue(file: &str, message: impl Into<String>) -> ContentIssue {
    ContentIssue {
        severity: Severity::Error,
        file: file.to_string(),
        position: None,
        step: None,
        field: None,
        message: message.into(),
    }
}

/// The kind of `path` from its extension (and, for TOML, whether it has `steps`).
pub fn classify(path: &Path, bytes: &[u8]) -> Option<ContentKind> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)?;
    match ext.as_str() {
        "toml" => {
            let text = String::from_utf8_lossy(bytes);
            let is_guide = match text.parse::<toml::Table>() {
                // An empty (or whitespace- or comment-only) file is no directory file: read
                // it as a guide, so it is refused with the errors `veiviser check` gives.
                Ok(table) => table.is_empty() || table.contains_key("steps"),
                // Unparseable: guess from the folder; the loader reports the syntax error.
                Err(_) => path.components().any(|c| c.as_os_str() == "guides"),
            };
            Some(if is_guide {
                ContentKind::Guide
            } else {
                ContentKind::Directory
            })
        }
        "json" => Some(ContentKind::Directory),
        "tab" | "txt" => Some(ContentKind::Register),
        "tsv" => Some(ContentKind::Bydel),
        _ => None,
    }
}

fn collect_paths(path: &Path, out: &mut Vec<PathBuf>, issues: &mut Vec<ContentIssue>) {
    if path.is_dir() {
        let mut children: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
            Err(e) => {
                issues.push(file_issue(
                    &path.display().to_string(),
                    format!("cannot list the folder: {e}"),
                ));
                return;
            }
        };
        children.sort();
        for child in children {
            let name = child
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let skipped = name.starts_with('.') || name.to_ascii_lowercase().ends_with(".md");
            if !skipped {
                collect_paths(&child, out, issues);
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
}

/// Reads and classifies the given files and folders; all problems are returned together.
pub fn read_files(
    paths: &[PathBuf],
    kind: Option<ContentKind>,
) -> Result<Vec<ContentFile>, ContentErrors> {
    let mut issues = Vec::new();
    let mut found = Vec::new();
    for p in paths {
        if !p.exists() {
            issues.push(file_issue(
                &p.display().to_string(),
                "no such file or folder",
            ));
            continue;
        }
        collect_paths(p, &mut found, &mut issues);
    }
    let mut files = Vec::new();
    for path in found {
        let label = path.display().to_string();
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                issues.push(file_issue(&label, format!("cannot read: {e}")));
                continue;
            }
        };
        match kind.or_else(|| classify(&path, &bytes)) {
            Some(kind) => files.push(ContentFile { path, kind, bytes }),
            None => issues.push(file_issue(
                &label,
                "cannot tell what kind of content this is from its name: use .toml (guide or directory), .json (directory), .tab/.txt (postcode register) or .tsv (bydel pairs), or say it with --as",
            )),
        }
    }
    if files.is_empty() && issues.is_empty() {
        issues.push(file_issue("import", "no content files given"));
    }
    if issues.is_empty() {
        Ok(files)
    } else {
        Err(ContentErrors(issues))
    }
}

/// The validated content of an import, before it is merged with what is published.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Guides by id, with the file each came from.
    pub guides: BTreeMap<String, (String, Guide)>,
    /// Directory entries by record id, with their file.
    pub directory: BTreeMap<String, (String, DirectoryEntry)>,
    /// The register, when one was given (it replaces the published one), with its file.
    pub register: Option<(String, Vec<PostcodeRow>)>,
    /// Bydel-pair files: (file, its bytes) — parsed once the register is known.
    pub bydel_files: Vec<(String, Vec<u8>)>,
    /// Findings that do not block publishing.
    pub warnings: Vec<ContentIssue>,
}

/// Whether a file has no content at all: empty, or only whitespace.
pub fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

fn utf8<'a>(file: &'a ContentFile, issues: &mut Vec<ContentIssue>) -> Option<&'a str> {
    match std::str::from_utf8(&file.bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let line = file.bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                + 1;
            let mut issue = file_issue(&file.label(), "is not UTF-8 text: save it as UTF-8");
            issue.position = Some((line, 1));
            issues.push(issue);
            None
        }
    }
}

/// Parses and validates every file; duplicate ids across files are errors naming both files.
pub fn load(files: &[ContentFile]) -> Result<Loaded, ContentErrors> {
    let mut loaded = Loaded::default();
    let mut issues = Vec::new();
    for file in files {
        let label = file.label();
        match file.kind {
            ContentKind::Guide => {
                let Some(text) = utf8(file, &mut issues) else {
                    continue;
                };
                match parse_guide_toml(&label, text) {
                    Ok(parsed) => {
                        loaded.warnings.extend(parsed.warnings);
                        let id = parsed.guide.id.clone();
                        if let Some((other, _)) = loaded.guides.get(&id) {
                            let mut issue = file_issue(
                                &label,
                                format!("guide `{id}` is also in {other}: import each guide once"),
                            );
                            issue.field = Some("id".into());
                            issues.push(issue);
                        } else {
                            loaded.guides.insert(id, (label, parsed.guide));
                        }
                    }
                    Err(errors) => issues.extend(errors.0),
                }
            }
            ContentKind::Directory => {
                let Some(text) = utf8(file, &mut issues) else {
                    continue;
                };
                if is_blank(&file.bytes) {
                    issues.push(file_issue(
                        &label,
                        "is empty: a directory file needs at least one [[area]] or [[service]]",
                    ));
                    continue;
                }
                match parse_directory_file(&label, text) {
                    Ok(entries) => {
                        for entry in entries {
                            let id = entry.id();
                            if let Some((other, _)) = loaded.directory.get(&id) {
                                let mut issue = file_issue(
                                    &label,
                                    format!("`{id}` is also in {other}: define each entry once"),
                                );
                                issue.step = Some(id.clone());
                                issues.push(issue);
                            } else {
                                loaded.directory.insert(id, (label.clone(), entry));
                            }
                        }
                    }
                    Err(errors) => issues.extend(errors.0),
                }
            }
            ContentKind::Register => {
                if let Some((other, _)) = &loaded.register {
                    issues.push(file_issue(&label, format!("a second postcode register (the first is {other}): import one register")));
                    continue;
                }
                match parse_register(&label, &file.bytes) {
                    Ok(rows) => loaded.register = Some((label, rows)),
                    Err(errors) => issues.extend(errors.0),
                }
            }
            ContentKind::Bydel if is_blank(&file.bytes) => issues.push(file_issue(
                &label,
                "is empty: a bydel-pair file needs one `postcode<TAB>bydel` line per pair",
            )),
            ContentKind::Bydel => loaded.bydel_files.push((label, file.bytes.clone())),
        }
    }
    if issues.is_empty() {
        Ok(loaded)
    } else {
        Err(ContentErrors(issues))
    }
}

/// Parses bydel-pair files against a register (which names the municipality of `oslo.tsv`).
pub fn parse_bydel_files(
    files: &[(String, Vec<u8>)],
    register: &[PostcodeRow],
) -> Result<Vec<(String, Vec<BydelPair>)>, ContentErrors> {
    let mut issues = Vec::new();
    let mut out = Vec::new();
    for (label, bytes) in files {
        let stem = Path::new(label)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        let kommune = kommune_for_file_name(stem, register);
        match parse_bydel_pairs(label, bytes, kommune.as_deref()) {
            Ok(pairs) => out.push((label.clone(), pairs)),
            Err(errors) => issues.extend(errors.0),
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(ContentErrors(issues))
    }
}

/// A guide as its record document (its wire JSON).
pub fn guide_record(guide: &Guide) -> serde_json::Value {
    serde_json::from_slice(&guide_to_json(guide)).expect("guide wire JSON is valid JSON")
}
