//! `veiviser-server export-static DIR`: (re)write the static export of the sync protocol.

use crate::cli::args::ExportStaticArgs;
use crate::cli::exit::CliResult;
use crate::data_dir::DataDir;
use crate::publishing::static_export::{export_static, StaticExportOptions, StaticExportReport};
use std::path::Path;

/// Exports the data folder's published content into `DIR`.
pub fn run(args: ExportStaticArgs) -> CliResult {
    let opts = StaticExportOptions {
        max_delta_span: args.max_delta_span,
        max_deltas: args.max_deltas,
        ..StaticExportOptions::default()
    };
    let report = export_static(&DataDir::new(&args.data), &args.dir, &opts)?;
    println!("{}", describe(&args.dir, &report));
    Ok(())
}

/// One line saying what an export did (also printed by `import --static-dir`).
pub fn describe(dir: &Path, r: &StaticExportReport) -> String {
    if r.written {
        format!(
            "static export of sequence {} in {} ({} files written, {} reused, {} delta sources, {} old exports removed); serve {}/{}",
            r.head,
            r.folder.display(),
            r.files_written,
            r.files_reused,
            r.deltas,
            r.pruned,
            dir.display(),
            crate::publishing::static_export::CURRENT_LINK
        )
    } else {
        format!(
            "static export in {} is already at sequence {}",
            dir.display(),
            r.head
        )
    }
}
