//! `veiviser check`.

use crate::exit::{CliError, CliResult};

/// Arguments of `veiviser check`.
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Runs `veiviser check`.
pub fn run(_args: Args) -> CliResult {
    Err(CliError::usage("`veiviser check` is not available yet"))
}
