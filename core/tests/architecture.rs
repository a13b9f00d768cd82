//! The layer rules of ARCHITECTURE.md, checked on the source: which core module may use which,
//! and how long a file may grow before it must be split.
//!
//! A rule broken here is a design decision: change ARCHITECTURE.md (and, if it is a real
//! exception, this table) in the same commit, never just the table.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Every top-level module of `veiviser-core` and the modules it may use (`crate::X`).
/// Anything not listed is forbidden; a module not in the table fails the test.
const LAYERS: &[(&str, &[&str])] = &[
    // Vocabulary and text: the leaves.
    ("i18n", &[]),
    ("sector", &["i18n"]),
    ("roles", &["i18n"]),
    ("legal", &["i18n", "sector"]),
    ("error", &["i18n"]),
    ("failpoints", &[]),
    // Pure domain: no storage, no sync, no screens.
    ("guide", &["i18n", "sector", "roles", "legal", "error"]),
    ("directory", &["i18n", "sector", "roles", "legal", "error"]),
    ("release_note", &["i18n"]),
    // Screens: pure functions of domain values, sync reports and the instant; no storage, no
    // I/O (`sync` is sans-I/O: the screens read its report types).
    (
        "view",
        &[
            "i18n",
            "sector",
            "roles",
            "legal",
            "error",
            "guide",
            "directory",
            "release_note",
            "sync",
        ],
    ),
    // Report-of-concern drafts: their own encrypted folder; never the content store, sync or
    // the device registry (ADR 0008), so personal data cannot reach a rebuildable cache.
    (
        "drafts",
        &["i18n", "sector", "roles", "legal", "guide", "directory"],
    ),
    // Storage knows nothing above it (no import from `store` up into `sync` or `device`).
    ("store", &["error", "failpoints"]),
    // The sync protocol and engine: sans-I/O, no store.
    (
        "sync",
        &[
            "i18n",
            "sector",
            "roles",
            "legal",
            "error",
            "guide",
            "directory",
            "release_note",
        ],
    ),
    // The device API: the only module that ties storage, sync and screens together.
    (
        "device",
        &[
            "i18n",
            "sector",
            "roles",
            "legal",
            "error",
            "failpoints",
            "guide",
            "directory",
            "release_note",
            "view",
            "store",
            "sync",
        ],
    ),
    // The staff app's state machine: screens over the domain; reads the device only to build
    // its content (`AppContent::from_device`).
    (
        "app",
        &[
            "i18n",
            "release_note",
            "sector",
            "roles",
            "legal",
            "error",
            "guide",
            "directory",
            "view",
            "sync",
            "device",
        ],
    ),
];

/// Non-test lines a source file may hold before it has to be split by concept.
const MAX_FILE_LINES: usize = 650;

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") && !is_test_file(&path) {
            out.push(path);
        }
    }
}

/// Files that hold only tests (`tests.rs`, `*_tests.rs`): compiled for `cfg(test)` alone.
fn is_test_file(path: &Path) -> bool {
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    name == "tests" || name.ends_with("_tests")
}

/// The top-level module a file under `src/` belongs to (`src/guide/x.rs` -> `guide`).
fn module_of(file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src_dir()).unwrap();
    let first = rel.components().next()?.as_os_str().to_str()?.to_string();
    match first.strip_suffix(".rs") {
        Some("lib") => None,
        Some(m) => Some(m.to_string()),
        None => Some(first),
    }
}

/// The code of a file without its `#[cfg(test)]` modules and comments.
fn production_code(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            // Skip the attribute and the item it guards (a `mod x;` line or a braced block).
            let mut depth = 0i32;
            let mut opened = false;
            for l in lines.by_ref() {
                depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
                opened |= l.contains('{');
                if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                    break;
                }
            }
            continue;
        }
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        out.push(line);
    }
    out
}

/// Every `crate::X` a file mentions, including grouped `use crate::{a, b}` imports.
fn crate_uses(code: &[&str]) -> Vec<String> {
    let joined = code.join("\n");
    let mut found = Vec::new();
    let mut rest = joined.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push(name);
            }
        }
        rest = after;
    }
    found
}

#[test]
fn core_modules_use_only_the_layers_below_them() {
    let layers: BTreeMap<&str, &[&str]> = LAYERS.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let Some(module) = module_of(file) else {
            continue;
        };
        let Some(allowed) = layers.get(module.as_str()) else {
            broken.push(format!(
                "{}: module `{module}` is not in the layer table of core/tests/architecture.rs and ARCHITECTURE.md",
                file.display()
            ));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        for used in crate_uses(&production_code(&text)) {
            if used == module || used == "Result" || used == "Error" {
                // `crate::Result`/`crate::Error` are the umbrella re-exports of `error`.
                if used != module && !allowed.contains(&"error") && module != "error" {
                    broken.push(format!(
                        "{}: `{module}` uses crate::{used} but may not use `error`",
                        file.display()
                    ));
                }
                continue;
            }
            if layers.contains_key(used.as_str()) && !allowed.contains(&used.as_str()) {
                broken.push(format!(
                    "{}: `{module}` may not use crate::{used} (allowed: {})",
                    file.display(),
                    allowed.join(", ")
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "layer rules broken:\n{}",
        broken.join("\n")
    );
}

#[test]
fn no_source_file_outgrows_one_concept() {
    let mut files = Vec::new();
    rust_files(&src_dir(), &mut files);
    let too_long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = production_code(&fs::read_to_string(f).unwrap()).len();
            (n > MAX_FILE_LINES).then(|| format!("{}: {n} lines", f.display()))
        })
        .collect();
    assert!(
        too_long.is_empty(),
        "split these files by concept (limit {MAX_FILE_LINES} non-test lines):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_checker_sees_grouped_and_nested_uses() {
    let code = [
        "use crate::sync::protocol::Changeset;",
        "use crate::{guide::Guide, store::Staged};",
        "// use crate::device::DeviceContent;",
    ];
    let code = production_code(&code.join("\n"))
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    let refs: Vec<&str> = code.iter().map(String::as_str).collect();
    assert_eq!(crate_uses(&refs), ["sync", "guide", "store"]);
    let with_tests =
        "fn a() {}\n#[cfg(test)]\nmod tests {\n    use crate::device::X;\n}\nfn b() {}";
    assert_eq!(production_code(with_tests), ["fn a() {}", "fn b() {}"]);
}
