//! The Android (Compose) and iOS (SwiftUI) screen files take only the `AppView` and send only
//! events: none may name the guide session, the store, the device content or the app object
//! itself. Identifiers are read after removing comments and string literals, so a comment that
//! mentions `Session` is fine and a call to it is not. The checker is proven on bad samples.

use std::path::{Path, PathBuf};

/// Types and calls a screen must not use: the guide session, the store and device content,
/// the FFI objects behind the app model, and the app model and state holder themselves (a
/// screen gets an `AppView` and a function that sends an event).
const FORBIDDEN: &[&str] = &[
    "Session",
    "GuideSession",
    "Veiviser",
    "DeviceContent",
    "ContentStore",
    "SledStore",
    "MemoryStore",
    "Navigator",
    "ContactBook",
    "OpenOptions",
    "HttpTransport",
    "SyncListener",
    "CancelHandle",
    "App",
    "AppStateHolder",
    "AppModel",
    "dispatch",
];

/// The screen folders, relative to the repository root, and the file extension in each.
const SCREEN_DIRS: &[(&str, &str)] = &[
    ("apps/android/app/src/main/kotlin/no/veiviser/app/ui", "kt"),
    ("apps/ios/Veiviser/Screens", "swift"),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The identifiers of Kotlin or Swift source with their line numbers, comments (nested block
/// comments too) and string literals (plain and triple-quoted) left out.
fn identifiers(src: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize, s: &str| {
        s.chars()
            .enumerate()
            .all(|(k, c)| chars.get(i + k) == Some(&c))
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if at(i, "//") {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            while i < chars.len() {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
            }
        } else if at(i, "\"\"\"") {
            i += 3;
            while i < chars.len() && !at(i, "\"\"\"") {
                line += usize::from(chars[i] == '\n');
                i += 1;
            }
            i += 3;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' && chars[i] != '\n' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((line, chars[start..i].iter().collect()));
        } else {
            i += 1;
        }
    }
    out
}

/// Every forbidden identifier in `src`, as `name:line: `ident``.
fn violations(name: &str, src: &str) -> Vec<String> {
    identifiers(src)
        .into_iter()
        .filter(|(_, id)| FORBIDDEN.contains(&id.as_str()))
        .map(|(line, id)| {
            format!("{name}:{line}: uses `{id}`: a screen takes the AppView and sends events")
        })
        .collect()
}

fn files_in(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_in(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

#[test]
fn screen_files_use_only_the_app_view_and_events() {
    let root = repo_root();
    let mut problems = Vec::new();
    for (dir, ext) in SCREEN_DIRS {
        let mut files = Vec::new();
        files_in(&root.join(dir), ext, &mut files);
        // A folder without screens would make this test pass vacuously.
        assert!(
            files.len() >= 3,
            "{dir}: expected the screen files, found {}",
            files.len()
        );
        for file in files {
            let src = std::fs::read_to_string(&file).unwrap();
            let name = file.strip_prefix(&root).unwrap().display().to_string();
            problems.extend(violations(&name, &src));
        }
    }
    assert!(
        problems.is_empty(),
        "screen files use the session or store directly:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_checker_flags_bad_screens_and_ignores_comments_and_strings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (file, expected) in [
        (
            "bad_screen.kt",
            &["Veiviser", "GuideSession", "Session", "App"][..],
        ),
        (
            "bad_screen.swift",
            &["DeviceContent", "dispatch", "Veiviser"][..],
        ),
    ] {
        let src = std::fs::read_to_string(dir.join(file)).unwrap();
        let found = violations(file, &src);
        for id in expected {
            assert!(
                found.iter().any(|p| p.contains(&format!("`{id}`"))),
                "{file}: `{id}` not flagged; found {found:?}"
            );
        }
    }
    let good = "// Session is mentioned in a comment only\n/* nested /* Veiviser */ App */\nval s = \"GuideSession\"\nval t = \"\"\"\nDeviceContent\n\"\"\"\nfun StepScreen(view: AppView, send: (AppEvent) -> Unit) {}\n";
    assert_eq!(violations("good.kt", good), Vec::<String>::new());
    assert_eq!(
        violations("line.kt", "\n\nval x: Session")[0],
        "line.kt:3: uses `Session`: a screen takes the AppView and sends events"
    );
}

/// Every file of the shells is either built here (the Kotlin state holder and its test) or
/// says in its first lines that it is platform-only, as the README lists them.
#[test]
fn platform_only_files_say_so() {
    let root = repo_root();
    let built_here = "apps/android/state/src/";
    let mut files = Vec::new();
    for (dir, ext) in [
        ("apps/android", "kts"),
        ("apps/android", "kt"),
        ("apps/android", "xml"),
        ("apps/android", "toml"),
        ("apps/android", "properties"),
        ("apps/ios", "swift"),
        ("apps/ios", "plist"),
        ("apps/ios", "yml"),
    ] {
        files_in(&root.join(dir), ext, &mut files);
    }
    assert!(files.len() >= 20, "found only {} shell files", files.len());
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut unmarked = Vec::new();
    for file in files {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        let head: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .take(3)
            .collect();
        let marked = head.contains("PLATFORM-ONLY");
        if name.starts_with(built_here) == marked {
            unmarked.push(name);
        } else if marked && !readme.contains(&name) {
            unmarked.push(format!("{name} (not in the README's list)"));
        }
    }
    assert!(
        unmarked.is_empty(),
        "files not marked as they are built:\n{}",
        unmarked.join("\n")
    );
}
