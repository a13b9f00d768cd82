//! `veiviser-server audit`: print the audit trail.

use crate::cli::args::AuditArgs;
use crate::cli::exit::CliResult;
use crate::data_dir::DataDir;
use crate::publishing::audit::{audit_trail, json_line, text_line};

/// One line per publish, as text or JSON lines.
pub fn run(args: AuditArgs) -> CliResult {
    for batch in audit_trail(&DataDir::new(&args.data))? {
        if args.json {
            println!("{}", json_line(&batch));
        } else {
            println!("{}", text_line(&batch));
        }
    }
    Ok(())
}
