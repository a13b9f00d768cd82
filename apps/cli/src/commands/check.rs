//! `veiviser check`: validate guide files before they are published.
//!
//! Every file is checked, every finding printed on stderr, one per line:
//! `FILE:LINE:COL: message` for syntax errors, `FILE: step STEP_ID: FIELD: message`
//! otherwise. Exit 0 when all files are valid (warnings are printed but allowed), 1 when
//! any file is invalid, 2 when a file cannot be read.
//!
//! With several files, once each is valid on its own they are checked as one set, as the
//! server checks a publish: unique ids, and every cross-guide link leads to a guide of the
//! set that is not a dead end (`validate_labelled_guide_set`).

use crate::exit::{CliError, CliResult, Exit};
use std::path::PathBuf;
use veiviser_core::guide::validate::validate_labelled_guide_set;
use veiviser_core::guide::{guide_from_json, load_guide_file, Guide, ParsedGuide};
use veiviser_core::{ContentError, ContentErrors, Error, InputError};

/// Arguments of `veiviser check`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 all valid (warnings allowed), 1 invalid content, \
2 a file could not be read.\nFiles ending in .json are read as wire-format guides; \
anything else as the TOML authoring format (docs/guide-format.md)."
)]
pub struct Args {
    /// Guide files to check (TOML authoring format, or .json wire format).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// What became of one file.
enum Outcome {
    Valid { warnings: usize },
    Invalid { errors: usize },
    Unreadable,
}

/// Runs `veiviser check`.
pub fn run(args: Args) -> CliResult {
    let mut invalid = 0usize;
    let mut unreadable = 0usize;
    let mut error_count = 0usize;
    let mut valid: Vec<(String, Guide)> = Vec::new();
    for path in &args.files {
        let (outcome, guide) = check_file(path);
        if let Some(guide) = guide {
            valid.push((path.display().to_string(), guide));
        }
        match outcome {
            Outcome::Valid { warnings } => {
                let note = match warnings {
                    0 => String::new(),
                    1 => " (1 warning)".to_string(),
                    n => format!(" ({n} warnings)"),
                };
                println!("{}: ok{note}", path.display());
            }
            Outcome::Invalid { errors } => {
                invalid += 1;
                error_count += errors;
            }
            Outcome::Unreadable => unreadable += 1,
        }
    }
    let total = args.files.len();
    if valid.len() > 1 && valid.len() == total {
        let set: Vec<(&str, &Guide)> = valid.iter().map(|(l, g)| (l.as_str(), g)).collect();
        let issues = validate_labelled_guide_set(&set);
        let errors = issues
            .iter()
            .filter(|i| i.severity == veiviser_core::Severity::Error)
            .count();
        for issue in &issues {
            eprintln!("{issue}");
        }
        if errors > 0 {
            return Err(CliError::new(
                Exit::InvalidContent,
                format!("the {total} guides do not fit together as one set, {errors} error(s): fix them and run check again"),
            ));
        }
        println!(
            "{total} guides: ok as one set (ids unique, every link leads to a guide of the set)"
        );
    }
    if unreadable > 0 {
        return Err(CliError::new(
            Exit::Usage,
            format!(
                "{unreadable} of {total} file(s) could not be read{}",
                if invalid > 0 {
                    format!("; {invalid} invalid with {error_count} error(s)")
                } else {
                    String::new()
                }
            ),
        ));
    }
    if invalid > 0 {
        return Err(CliError::new(
            Exit::InvalidContent,
            format!("{invalid} of {total} file(s) invalid, {error_count} error(s): fix them and run check again"),
        ));
    }
    Ok(())
}

fn check_file(path: &std::path::Path) -> (Outcome, Option<Guide>) {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let result = if is_json {
        read_wire(path)
    } else {
        load_guide_file(path)
    };
    match result {
        Ok(parsed) => {
            for w in &parsed.warnings {
                eprintln!("{w}");
            }
            (
                Outcome::Valid {
                    warnings: parsed.warnings.len(),
                },
                Some(parsed.guide),
            )
        }
        Err(Error::Content(ContentError::Invalid(ContentErrors(issues)))) => {
            for issue in &issues {
                eprintln!("{issue}");
            }
            (
                Outcome::Invalid {
                    errors: issues
                        .iter()
                        .filter(|i| i.severity == veiviser_core::Severity::Error)
                        .count(),
                },
                None,
            )
        }
        Err(Error::Input(InputError::Read { path: p, source })) => {
            let hint = if source.kind() == std::io::ErrorKind::NotFound {
                ": no such file; check the path"
            } else {
                ""
            };
            eprintln!("{p}: cannot read: {source}{hint}");
            (Outcome::Unreadable, None)
        }
        Err(other) => {
            // e.g. a wire guide that needs a newer app.
            eprintln!("{}: {other}", path.display());
            (Outcome::Invalid { errors: 1 }, None)
        }
    }
}

/// Reads a wire-format (JSON) guide; it is validated by the core on the way in.
fn read_wire(path: &std::path::Path) -> Result<ParsedGuide, Error> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| {
        Error::Input(InputError::Read {
            path: label.clone(),
            source,
        })
    })?;
    let guide = guide_from_json(&label, &bytes)?;
    let warnings = veiviser_core::guide::validate_guide(&guide, &label);
    Ok(ParsedGuide { guide, warnings })
}
