//! `veiviser-server backup` and `restore`: copy the published files and the admin state out,
//! and back in (the admin state as plain files in `BACKUP/admin/`, see
//! [`crate::admin::export`]).

use crate::admin::export::{self, AdminBackupError, AdminExport, EXPORT_DIR};
use crate::admin::store::{AdminStore, Tree};
use crate::cli::args::{BackupArgs, RestoreArgs};
use crate::cli::exit::{CliError, CliResult, Exit};
use crate::data_dir::DataDir;
use crate::publishing::{backup, keys};

impl From<AdminBackupError> for CliError {
    fn from(e: AdminBackupError) -> Self {
        let exit = match &e {
            AdminBackupError::Damaged { .. } => Exit::Integrity,
            AdminBackupError::NotEmpty(_) => Exit::Usage,
            AdminBackupError::Io { .. } | AdminBackupError::Store(_) => Exit::Storage,
        };
        CliError::new(exit, e)
    }
}

fn describe(e: &AdminExport) -> String {
    format!(
        "{} accounts, {} API tokens, {} drafts, {} reviews, {} audit events",
        e.records(Tree::Accounts),
        e.records(Tree::Tokens),
        e.records(Tree::Drafts),
        e.records(Tree::Reviews),
        e.records(Tree::Audit)
    )
}

/// The admin state to back up: from `--admin-from FILE`, else from `DATA/admin/` when it
/// exists (it must not be held by a running server).
fn admin_export(args: &BackupArgs, data: &DataDir) -> CliResult<Option<AdminExport>> {
    if args.published_only {
        return Ok(None);
    }
    if let Some(file) = &args.admin_from {
        return Ok(Some(export::read_document(file)?.export));
    }
    let path = AdminStore::path_in(data.root());
    if !path.exists() {
        return Ok(None);
    }
    let store = AdminStore::open(&path).map_err(|e| {
        if e.in_use {
            CliError::new(
                Exit::Storage,
                format!(
                    "the admin database {} is in use by another process (a running `serve`?), so its accounts, drafts, reviews and audit log cannot be read; nothing was backed up. Stop the server and run backup again, or save GET /v1/admin/export from the running server (an admin's token) to a file and pass it with --admin-from FILE; --published-only backs up the published files alone",
                    path.display()
                ),
            )
        } else {
            AdminBackupError::from(e).into()
        }
    })?;
    Ok(Some(export::export_store(&store)?))
}

/// Copies the published files and the admin state into the backup folder.
pub fn run_backup(args: BackupArgs) -> CliResult {
    let data = DataDir::new(&args.data);
    // The admin state is read first: a held database fails before anything is copied.
    let admin = admin_export(&args, &data)?;
    let r = backup::backup(&data, &args.out)?;
    println!(
        "backed up {} batches up to sequence {} into {} ({} new files)",
        r.batches,
        r.head,
        args.out.display(),
        r.files_written
    );
    let dir = args.out.join(EXPORT_DIR);
    match admin {
        Some(e) => {
            export::write_dir(&e, &dir)?;
            println!(
                "backed up the admin state ({}; not sessions) into {} (it holds password hashes: protect the backup like the data folder)",
                describe(&e),
                dir.display()
            );
        }
        None if args.published_only => {
            println!("the admin state was not backed up (--published-only)")
        }
        None => println!(
            "no admin state to back up ({} does not exist)",
            AdminStore::path_in(data.root()).display()
        ),
    }
    Ok(())
}

/// Checks a backup against the trusted keys and restores it into the data folder, then its
/// admin state into the admin database.
pub fn run_restore(args: RestoreArgs) -> CliResult {
    let key = match (&args.key.key, args.key.demo) {
        (None, false) => None,
        (file, demo) => Some(keys::signing_key(file.as_deref(), demo)?),
    };
    let trusted = keys::restore_trust(args.trusted_keys.as_deref(), key.as_ref())?;
    let data = DataDir::new(&args.data);
    let admin_dir = args.from.join(EXPORT_DIR);
    let admin_path = AdminStore::path_in(data.root());
    // The whole admin export is checked, and the admin database looked at, before anything
    // is written.
    let admin = if args.published_only {
        None
    } else if admin_dir.exists() {
        let valid = export::read_dir(&admin_dir)?;
        let target = export::check_target(&admin_path, args.replace_admin)?;
        Some((valid, target))
    } else {
        None
    };
    let r = backup::restore(&args.from, &data, &trusted)?;
    println!(
        "restored {} batches up to sequence {} into {} ({} files written); the database was rebuilt",
        r.batches,
        r.head,
        args.data.display(),
        r.files_written
    );
    match admin {
        Some((valid, target)) => {
            let moved = export::install(&valid, &admin_path, target)?;
            println!(
                "restored the admin state ({}) into {}; everyone signs in again (sessions are not part of a backup)",
                describe(&valid.export),
                admin_path.display()
            );
            if let Some(old) = moved {
                println!(
                    "the admin database that was there is kept at {}",
                    old.display()
                );
            }
        }
        None if args.published_only => println!(
            "the admin state was not restored (--published-only); {} is as it was",
            admin_path.display()
        ),
        None => println!(
            "the backup holds no admin state ({} does not exist)",
            admin_dir.display()
        ),
    }
    Ok(())
}
