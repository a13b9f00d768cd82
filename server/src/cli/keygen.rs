//! `veiviser-server keygen`: make a new Ed25519 signing key file.

use crate::cli::args::KeygenArgs;
use crate::cli::exit::{CliError, CliResult, Exit};
use std::io::Write;
use veiviser_core::sync::signing::SigningKey;

/// Writes a new key (never over an existing file, readable by its owner only).
pub fn run(args: KeygenArgs) -> CliResult {
    if args.out.exists() {
        return Err(CliError::usage(format!(
            "{}: already exists; refusing to overwrite a key",
            args.out.display()
        )));
    }
    let key = SigningKey::generate(&args.prefix)?;
    let text = key.to_toml_string();
    let written = {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(&args.out).and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
    };
    written.map_err(|e| {
        CliError::new(
            Exit::Storage,
            format!("{}: cannot write: {e}", args.out.display()),
        )
    })?;
    println!("key id: {}", key.key_id());
    println!("public key: {}", key.public_key_base64());
    println!("trusted-keys line: {}", key.trusted_keys_line());
    println!(
        "wrote the secret key to {} (keep it off shared disks and out of git)",
        args.out.display()
    );
    Ok(())
}
