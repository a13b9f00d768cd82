//! `veiviser contacts`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser contacts`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser contacts`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser contacts` is not available yet"))
}
