//! `veiviser`: the terminal client — walk a guide, find who to call, sync signed content.

mod commands;
mod exit;
mod local_content;

use clap::{Parser, Subcommand};
use exit::Exit;
use std::process::ExitCode;

/// Veiviser: from a worry about a child to the right action.
#[derive(Debug, Parser)]
#[command(name = "veiviser", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate guide files (exit 1 and every error on stderr when invalid).
    Check(commands::check::Args),
    /// Walk a guide: scripted with --answer, or interactively on a terminal.
    Walk(commands::walk::Args),
    /// Who to call for a child, right now, best first.
    Contacts(commands::contacts::Args),
    /// Search places and services by name, tolerating typos.
    Search(commands::search::Args),
    /// Fetch signed content from a server into the local store.
    Sync(commands::sync::Args),
    /// List the guides stored locally.
    Guides(commands::guides::Args),
    /// Report-of-concern drafts kept only on this device, encrypted (new, show, export, ...).
    Melding(commands::melding::Args),
}

fn main() -> ExitCode {
    exit::exit_quietly_on_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            };
            let _ = e.print();
            return ExitCode::from(code as u8);
        }
    };
    let result = match cli.command {
        Command::Check(a) => commands::check::run(a),
        Command::Walk(a) => commands::walk::run(a),
        Command::Contacts(a) => commands::contacts::run(a),
        Command::Search(a) => commands::search::run(a),
        Command::Sync(a) => commands::sync::run(a),
        Command::Guides(a) => commands::guides::run(a),
        Command::Melding(a) => commands::melding::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("veiviser: {}", e.message);
            ExitCode::from(e.exit as u8)
        }
    }
}
