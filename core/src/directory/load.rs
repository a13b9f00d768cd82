//! Loading the directory and places from the files an admin maintains.
//!
//! - Directory: `*.toml` or `*.json` files with `[[area]]` and `[[service]]` entries; unknown
//!   fields are errors naming file, line and field path.
//! - Postcode register: Bring's tab-separated file, UTF-8 or ANSI.
//! - Bydel pairs: one `*.tsv` file, or a folder of them, one per municipality, named after it
//!   (`oslo.tsv`, `0301.tsv`) unless each line carries the kommunenummer as a third column.
//!
//! Every loader collects all findings and returns nothing when there is any.

use super::area::Area;
use super::bydel::{parse_bydel_pairs, BydelPair};
use super::catalog::{Directory, DirectoryEntry};
use super::fold::fold;
use super::places::Places;
use super::postcodes::{parse_register, PostcodeRow};
use super::service::Service;
use crate::error::{ContentErrors, ContentIssue, Error, InputError, Severity};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A directory file's text and the name it is reported under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The file name or path; its extension (`.toml`, `.json`) decides the format.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// The shape of one directory file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryFile {
    #[serde(default, alias = "areas")]
    area: Vec<Area>,
    #[serde(default, alias = "services")]
    service: Vec<Service>,
}

fn issue(
    file: &str,
    position: Option<(usize, usize)>,
    field: Option<String>,
    message: String,
) -> ContentIssue {
    ContentIssue {
        severity: Severity::Error,
        file: file.to_string(),
        position,
        step: None,
        field,
        message,
    }
}

/// 1-based line and column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary_compat(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, index: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut index: usize) -> usize {
        while index > 0 && !self.is_char_boundary(index) {
            index -= 1;
        }
        index
    }
}

fn field_path(path: &serde_path_to_error::Path) -> Option<String> {
    let p = path.to_string();
    (p != "." && !p.is_empty()).then_some(p)
}

/// Parses one directory file (TOML, or JSON when the name ends in `.json`).
pub fn parse_directory_file(name: &str, text: &str) -> Result<Vec<DirectoryEntry>, ContentErrors> {
    let parsed: Result<DirectoryFile, ContentIssue> =
        if name.to_ascii_lowercase().ends_with(".json") {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let field = field_path(e.path());
                let inner = e.into_inner();
                let message = inner.to_string();
                let message = match message.rfind(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                issue(name, Some((inner.line(), inner.column())), field, message)
            })
        } else {
            match toml::Deserializer::parse(text) {
                Err(e) => Err(issue(
                    name,
                    e.span().map(|s| line_column(text, s.start)),
                    None,
                    e.message().trim().to_string(),
                )),
                Ok(de) => serde_path_to_error::deserialize(de).map_err(|e| {
                    let field = field_path(e.path());
                    let inner = e.into_inner();
                    issue(
                        name,
                        inner.span().map(|s| line_column(text, s.start)),
                        field,
                        inner.message().trim().to_string(),
                    )
                }),
            }
        };
    match parsed {
        Ok(file) => Ok(file
            .area
            .into_iter()
            .map(DirectoryEntry::Area)
            .chain(file.service.into_iter().map(DirectoryEntry::Service))
            .collect()),
        Err(issue) => Err(ContentErrors(vec![issue])),
    }
}

/// Builds the directory from file texts; all files are checked and nothing is returned when
/// any has an error.
pub fn directory_from_sources(files: &[SourceFile]) -> Result<Directory, ContentErrors> {
    let mut issues = Vec::new();
    let mut entries = Vec::new();
    for file in files {
        match parse_directory_file(&file.name, &file.text) {
            Ok(list) => entries.extend(list.into_iter().map(|e| (file.name.clone(), e))),
            Err(e) => issues.extend(e.0),
        }
    }
    if !issues.is_empty() {
        return Err(ContentErrors(issues));
    }
    Directory::from_sourced(entries)
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|source| {
        Error::Input(InputError::Read {
            path: path.display().to_string(),
            source,
        })
    })
}

fn files_with_extensions(dir: &Path, extensions: &[&str]) -> Result<Vec<PathBuf>, Error> {
    let io = |source| {
        Error::Input(InputError::Read {
            path: dir.display().to_string(),
            source,
        })
    };
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        if path.is_file() && extensions.contains(&ext.as_str()) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Loads every `*.toml` and `*.json` file in `dir` (not subfolders) as one directory.
pub fn directory_from_dir(dir: &Path) -> Result<Directory, Error> {
    let paths = files_with_extensions(dir, &["toml", "json"])?;
    if paths.is_empty() {
        return Err(ContentErrors(vec![issue(
            &dir.display().to_string(),
            None,
            None,
            "has no directory files: put the directory in *.toml or *.json files there".into(),
        )])
        .into());
    }
    let mut files = Vec::new();
    for path in paths {
        let bytes = read(&path)?;
        let name = path.display().to_string();
        match String::from_utf8(bytes) {
            Ok(text) => files.push(SourceFile { name, text }),
            Err(_) => {
                return Err(ContentErrors(vec![issue(
                    &name,
                    None,
                    None,
                    "is not UTF-8 text: save it as UTF-8".into(),
                )])
                .into())
            }
        }
    }
    Ok(directory_from_sources(&files)?)
}

/// Loads Bring's postcode register from `path` (UTF-8 or ANSI).
pub fn register_from_file(path: &Path) -> Result<Vec<PostcodeRow>, Error> {
    let bytes = read(path)?;
    Ok(parse_register(&path.display().to_string(), &bytes)?)
}

/// Municipality names in the register, folded, for naming bydel-pair files.
struct KommuneNames(HashMap<String, BTreeSet<String>>);

impl KommuneNames {
    fn new(register: &[PostcodeRow]) -> Self {
        // Unique (name, number) pairs first: folding every row for every file would dominate.
        let unique: HashSet<(&str, &str)> = register
            .iter()
            .map(|r| (r.kommunenavn.as_str(), r.kommunenummer.as_str()))
            .collect();
        let mut folded: HashMap<String, BTreeSet<String>> = HashMap::new();
        for (name, number) in unique {
            folded
                .entry(fold(name))
                .or_default()
                .insert(number.to_string());
        }
        KommuneNames(folded)
    }

    fn find(&self, stem: &str) -> Option<String> {
        if stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) {
            return Some(stem.to_string());
        }
        match self.0.get(&fold(stem)) {
            Some(set) if set.len() == 1 => set.iter().next().cloned(),
            _ => None,
        }
    }
}

/// The municipality a bydel-pair file is for, from its name: a kommunenummer (`0301.tsv`) or a
/// municipality name in the register (`oslo.tsv`, `Bærum.tsv`).
pub fn kommune_for_file_name(stem: &str, register: &[PostcodeRow]) -> Option<String> {
    KommuneNames::new(register).find(stem)
}

/// A bydel-pair file's bytes and name, for [`places_from_sources`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceBytes {
    /// The file name or path (its stem can name the municipality).
    pub name: String,
    /// The raw bytes (UTF-8 or ANSI).
    pub bytes: Vec<u8>,
}

fn file_stem(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem)
}

/// Builds places from a register file and bydel-pair files held in memory (e.g. embedded).
pub fn places_from_sources(
    register: &SourceBytes,
    pair_files: &[SourceBytes],
) -> Result<Places, ContentErrors> {
    let rows = parse_register(&register.name, &register.bytes)?;
    let pairs = pairs_from_sources(pair_files, &rows)?;
    Places::from_rows(rows, pairs)
}

fn pairs_from_sources(
    files: &[SourceBytes],
    rows: &[PostcodeRow],
) -> Result<Vec<BydelPair>, ContentErrors> {
    let mut issues = Vec::new();
    let mut pairs = Vec::new();
    let names = KommuneNames::new(rows);
    for file in files {
        let kommune = names.find(file_stem(&file.name));
        match parse_bydel_pairs(&file.name, &file.bytes, kommune.as_deref()) {
            Ok(list) => pairs.extend(list),
            Err(e) => issues.extend(e.0),
        }
    }
    if issues.is_empty() {
        Ok(pairs)
    } else {
        Err(ContentErrors(issues))
    }
}

/// Loads bydel pairs from a `*.tsv` file or every `*.tsv` file in a folder.
pub fn bydel_pairs_from_path(
    path: &Path,
    register: &[PostcodeRow],
) -> Result<Vec<BydelPair>, Error> {
    let paths = if path.is_dir() {
        let found = files_with_extensions(path, &["tsv"])?;
        if found.is_empty() {
            return Err(ContentErrors(vec![issue(
                &path.display().to_string(),
                None,
                None,
                "has no *.tsv bydel-pair files".into(),
            )])
            .into());
        }
        found
    } else {
        vec![path.to_path_buf()]
    };
    let mut files = Vec::new();
    for p in paths {
        files.push(SourceBytes {
            name: p.display().to_string(),
            bytes: read(&p)?,
        });
    }
    Ok(pairs_from_sources(&files, register)?)
}

/// Loads the register and, optionally, bydel pairs (file or folder) into validated places.
pub fn places_from_files(register: &Path, bydel_pairs: Option<&Path>) -> Result<Places, Error> {
    let rows = register_from_file(register)?;
    let pairs = match bydel_pairs {
        Some(p) => bydel_pairs_from_path(p, &rows)?,
        None => Vec::new(),
    };
    Ok(Places::from_rows(rows, pairs)?)
}
