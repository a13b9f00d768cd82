//! `veiviser-server backup` and `restore`: copy the published files out, and back in.

use crate::cli::args::{BackupArgs, RestoreArgs};
use crate::cli::exit::CliResult;
use crate::data_dir::DataDir;
use crate::publishing::{backup, keys};

/// Copies the published files into the backup folder.
pub fn run_backup(args: BackupArgs) -> CliResult {
    let r = backup::backup(&DataDir::new(&args.data), &args.out)?;
    println!(
        "backed up {} batches up to sequence {} into {} ({} new files)",
        r.batches,
        r.head,
        args.out.display(),
        r.files_written
    );
    Ok(())
}

/// Checks a backup against the trusted keys and restores it into the data folder.
pub fn run_restore(args: RestoreArgs) -> CliResult {
    let key = match (&args.key.key, args.key.demo) {
        (None, false) => None,
        (file, demo) => Some(keys::signing_key(file.as_deref(), demo)?),
    };
    let trusted = keys::restore_trust(args.trusted_keys.as_deref(), key.as_ref())?;
    let r = backup::restore(&args.from, &DataDir::new(&args.data), &trusted)?;
    println!(
        "restored {} batches up to sequence {} into {} ({} files written); the database was rebuilt",
        r.batches,
        r.head,
        args.data.display(),
        r.files_written
    );
    Ok(())
}
