//! `veiviser search`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser search`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser search`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser search` is not available yet"))
}
