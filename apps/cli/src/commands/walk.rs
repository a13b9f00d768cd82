//! `veiviser walk`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser walk`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser walk`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser walk` is not available yet"))
}
