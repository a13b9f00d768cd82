//! The `veiviser-server` command line: [`args`] says what each subcommand takes, one file per
//! subcommand runs it, and [`exit`] is the one mapping from errors to exit codes (README.md,
//! "The server", lists them). [`logging`] sets up the log output (only the server's own
//! events, never an address).

pub mod args;
mod audit;
mod backup;
pub mod exit;
mod export;
pub(crate) mod export_static;
mod import;
mod keygen;
pub mod logging;
mod serve;
pub mod user;

pub use args::{Cli, Command, DEFAULT_DATA, DEFAULT_LISTEN};
pub use exit::{CliError, CliResult, Exit};

use clap::Parser;
use std::process::ExitCode;

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs a parsed command line and returns its exit code (printing the error, if any).
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Serve(args) => serve::run(args),
        Command::Keygen(args) => keygen::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
        Command::ExportStatic(args) => export_static::run(args),
        Command::Backup(args) => backup::run_backup(args),
        Command::Restore(args) => backup::run_restore(args),
        Command::Audit(args) => audit::run(args),
        Command::User(cmd) => user::run(cmd),
    };
    match result {
        Ok(()) => Exit::Ok.into(),
        Err(e) => e.report(),
    }
}

/// The actor recorded when `--actor` is not given: the user name of this session.
fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}
