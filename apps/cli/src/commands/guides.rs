//! `veiviser guides`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser guides`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser guides`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser guides` is not available yet"))
}
