//! `veiviser-server user add|token|list`: admin accounts from the server host's shell (the
//! first admin of a fresh install is made here). Needs the admin database to itself: stop the
//! server first.
//!
//! The password comes from `VEIVISER_ADMIN_PASSWORD`, else a hidden prompt on a terminal,
//! else the first line of standard input (for scripts).

use crate::admin::{AdminConfig, AdminService, Role};
use crate::cli::args::DEFAULT_DATA;
use crate::cli::exit::{CliError, CliResult, Exit};
use crate::data_dir::DataDir;
use crate::publishing::keys;
use clap::{Args, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

/// The environment variable a script passes the new password in.
pub const PASSWORD_ENV: &str = "VEIVISER_ADMIN_PASSWORD";

/// The `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account (`--role` once per role).
    Add(UserAddArgs),
    /// Make an API token for an account (printed once; stored only hashed).
    Token(UserTokenArgs),
    /// List the accounts.
    List(UserListArgs),
}

/// Arguments of `user add`.
#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The sign-in name (lowercase letters, digits, `.`, `-`, `_`).
    pub name: String,
    /// A role: editor, reviewer or admin (repeatable).
    #[arg(long = "role", value_name = "ROLE", required = true)]
    pub roles: Vec<Role>,
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
}

/// Arguments of `user token`.
#[derive(Debug, Args)]
pub struct UserTokenArgs {
    /// The account.
    pub name: String,
    /// What the token is for.
    #[arg(long, default_value = "script")]
    pub label: String,
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
}

/// Arguments of `user list`.
#[derive(Debug, Args)]
pub struct UserListArgs {
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
}

impl clap::ValueEnum for Role {
    fn value_variants<'a>() -> &'a [Self] {
        &Role::ALL
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.name()))
    }
}

/// Opens the admin side of `data`. The signing key is not needed to manage accounts: the gate
/// gets a throwaway key and nothing is published.
fn open(data: &PathBuf) -> Result<AdminService, CliError> {
    let throwaway = keys::demo_key();
    AdminService::open(DataDir::new(data), throwaway, AdminConfig::default())
        .map_err(|e| CliError::new(Exit::Storage, e))
}

fn read_password() -> Result<String, CliError> {
    if let Ok(p) = std::env::var(PASSWORD_ENV) {
        return Ok(p);
    }
    if std::io::stdin().is_terminal() {
        return dialoguer::Password::new()
            .with_prompt("Password (at least 12 characters)")
            .with_confirmation("Again", "the passwords differ")
            .interact()
            .map_err(|e| CliError::new(Exit::Usage, format!("cannot read the password: {e}")));
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| {
        CliError::new(
            Exit::Usage,
            format!("cannot read the password from standard input: {e}"),
        )
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Runs a `user` subcommand.
pub fn run(cmd: UserCommand) -> CliResult {
    match cmd {
        UserCommand::Add(a) => {
            let service = open(&a.data)?;
            let password = read_password()?;
            let v = service
                .create_account(None, &a.name, &a.roles, &password, false)
                .map_err(|e| CliError::new(Exit::Usage, e))?;
            let roles: Vec<&str> = v.roles.iter().map(|r| r.name()).collect();
            println!("created account `{}` ({})", v.name, roles.join(", "));
        }
        UserCommand::Token(a) => {
            let service = open(&a.data)?;
            let token = service
                .create_token_for(None, &a.name, &a.label)
                .map_err(|e| CliError::new(Exit::Usage, e))?;
            println!("{token}");
        }
        UserCommand::List(a) => {
            let service = open(&a.data)?;
            let all = service
                .all_accounts()
                .map_err(|e| CliError::new(Exit::Storage, e))?;
            for v in all {
                let roles: Vec<&str> = v.roles.iter().map(|r| r.name()).collect();
                println!(
                    "{}  {}{}{}",
                    v.name,
                    roles.join(","),
                    if v.disabled { "  disabled" } else { "" },
                    if v.demo { "  DEMO" } else { "" }
                );
            }
        }
    }
    Ok(())
}
