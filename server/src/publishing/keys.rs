//! Which key the server signs with: a key file, or the committed demo key with `--demo`.

use std::path::Path;
use veiviser_core::sync::signing::{KeyError, SigningKey, TrustedKeys};

/// The demo signing key's file text. DEMO ONLY: the secret is public in the repository.
pub const DEMO_SIGNING_KEY: &str = include_str!("../../content/keys/DEMO-ONLY-signing-key.toml");

/// The demo public key as a trusted-keys file (what the CLI trusts by default).
pub const DEMO_TRUSTED_KEYS: &str = include_str!("../../content/keys/DEMO-ONLY-trusted-keys.toml");

/// The demo signing key.
pub fn demo_key() -> SigningKey {
    SigningKey::from_toml_str(
        DEMO_SIGNING_KEY,
        "server/content/keys/DEMO-ONLY-signing-key.toml",
    )
    .expect("the committed demo key is valid")
}

/// The signing key from `--key FILE`, or the demo key when `demo` and no file is given.
pub fn signing_key(key_file: Option<&Path>, demo: bool) -> Result<SigningKey, KeyError> {
    match (key_file, demo) {
        (Some(path), _) => SigningKey::from_file(path),
        (None, true) => Ok(demo_key()),
        (None, false) => Err(KeyError {
            source_name: "--key".into(),
            message: "no signing key: give --key FILE (make one with `veiviser-server keygen --out FILE`), or use --demo to run with the public demo key".into(),
        }),
    }
}

/// The keys a restore accepts: `--trusted-keys FILE`, else the public half of the signing key.
pub fn restore_trust(
    trusted_file: Option<&Path>,
    key: Option<&SigningKey>,
) -> Result<TrustedKeys, KeyError> {
    if let Some(path) = trusted_file {
        return TrustedKeys::from_file(path);
    }
    match key {
        Some(k) => {
            let mut t = TrustedKeys::new();
            t.insert(k.key_id(), k.public_key_bytes());
            Ok(t)
        }
        None => Err(KeyError {
            source_name: "restore".into(),
            message: "nothing to check the backup's signatures against: give --trusted-keys FILE or --key FILE (or --demo)".into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_key_is_labelled_and_matches_its_trusted_keys_file() {
        let key = demo_key();
        assert!(key.key_id().starts_with("demo-only-"), "{}", key.key_id());
        let trusted = TrustedKeys::from_toml_str(DEMO_TRUSTED_KEYS, "demo").unwrap();
        assert_eq!(trusted.get(key.key_id()), Some(&key.public_key_bytes()));
        assert!(DEMO_SIGNING_KEY.contains("DEMO ONLY") && DEMO_TRUSTED_KEYS.contains("DEMO ONLY"));
    }

    #[test]
    fn no_key_without_demo_is_refused() {
        let err = signing_key(None, false).unwrap_err();
        assert!(
            err.message.contains("--demo") && err.message.contains("keygen"),
            "{err}"
        );
        assert!(signing_key(None, true).is_ok());
    }
}
