//! `veiviser-server export`: write a signed full snapshot of every collection.

use crate::cli::args::ExportArgs;
use crate::cli::exit::{CliError, CliResult, Exit};
use crate::data_dir::DataDir;
use crate::publishing::export::{snapshot_bytes, snapshot_of, write_file};
use crate::publishing::import::ImportError;
use crate::publishing::{demo, keys};

/// Exports the data folder's content, or the demo content with `--demo`.
pub fn run(args: ExportArgs) -> CliResult {
    let bytes = if args.demo {
        let content = args.content.unwrap_or_else(demo::default_content_dir);
        demo::demo_snapshot(&content, &keys::demo_key()).map_err(|e| match e {
            // The findings as one message, as `ContentErrors` prints them.
            ImportError::Content(errors) => CliError::new(Exit::InvalidContent, errors),
            other => CliError::from(other),
        })?
    } else {
        let snapshot = snapshot_of(&DataDir::new(&args.data))?;
        if snapshot.collections.is_empty() {
            return Err(CliError::new(
                Exit::Storage,
                format!(
                    "{}: nothing is published yet; import content first",
                    args.data.display()
                ),
            ));
        }
        snapshot_bytes(&snapshot)
    };
    write_file(&args.out, &bytes)?;
    println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    Ok(())
}
