//! `veiviser-server import`: validate content files and publish them as one batch.

use crate::cli::args::ImportArgs;
use crate::cli::default_actor;
use crate::cli::exit::{CliError, CliResult, Exit};
use crate::data_dir::DataDir;
use crate::publishing::import::{import, ImportError, ImportOptions};
use crate::publishing::keys;
use crate::publishing::static_export::{export_static, StaticExportOptions};

/// Imports, printing what was published (or every finding when nothing was).
pub fn run(args: ImportArgs) -> CliResult {
    let key = keys::signing_key(args.key.key.as_deref(), args.key.demo)?;
    if args.files.is_empty() && args.delete.is_empty() {
        return Err(CliError::usage(
            "nothing to import: give content files or folders (or --delete COLLECTION/ID)",
        ));
    }
    let data = DataDir::new(&args.data);
    let opts = ImportOptions {
        actor: args.actor.unwrap_or_else(default_actor),
        replace: args.replace,
        deletes: args.delete,
        published_at: None,
        kind: args.kind,
        note: args.note.note(),
    };
    let report = import(&data, &key, &args.files, &opts).map_err(import_failure)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    match report.batch {
        Some(batch) => {
            for r in &batch.revisions {
                println!(
                    "published {} at sequence {} ({} records: {} added or changed, {} deleted)",
                    r.collection, r.sequence, r.records, r.changed, r.deleted
                );
            }
            println!(
                "actor: {}; a running server picks this up within a few seconds",
                batch.actor
            );
        }
        None => println!("nothing changed: this content is already published"),
    }
    if let Some(dir) = &args.static_dir {
        let r = export_static(&data, dir, &StaticExportOptions::default()).map_err(|e| {
            CliError::new(
                Exit::Storage,
                format!("{e}; the content was published, but the static export in {} is not up to date: run `veiviser-server export-static`", dir.display()),
            )
        })?;
        println!("{}", crate::cli::export_static::describe(dir, &r));
    }
    Ok(())
}

/// Every finding on its own line, then how many; or the storage failure.
fn import_failure(e: ImportError) -> CliError {
    let exit = Exit::from(&e);
    match e {
        ImportError::Content(errors) => CliError::new(
            exit,
            format!(
                "{} problem(s) found; nothing was published",
                errors.errors().count()
            ),
        )
        .with_details(errors.0.iter().map(|issue| issue.to_string()).collect()),
        ImportError::Publish(e) => CliError::new(exit, format!("{e}; nothing was published")),
    }
}
