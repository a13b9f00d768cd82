//! `veiviser sync`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser sync`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser sync`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser sync` is not available yet"))
}
