//! The master key the app supplies (Android Keystore, iOS Keychain), or the terminal client's
//! key file (0600) or passphrase (Argon2id). It only ever wraps per-draft data keys.

use super::error::{DraftError, DraftResult};
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

/// Length of every key (master and data): 256 bits.
pub const KEY_LEN: usize = 32;
/// Length of a passphrase salt.
pub const SALT_LEN: usize = 16;

/// The 32-byte key that wraps every draft's data key; wiped from memory when dropped.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; KEY_LEN]>);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

impl MasterKey {
    /// A master key from exactly 32 bytes (what the Keystore/Keychain hands the app).
    pub fn from_bytes(bytes: &[u8]) -> DraftResult<MasterKey> {
        let arr: [u8; KEY_LEN] = bytes.try_into().map_err(|_| DraftError::Key {
            message: format!(
                "a master key is {KEY_LEN} bytes, got {}: generate one with the platform keystore",
                bytes.len()
            ),
        })?;
        Ok(MasterKey(Zeroizing::new(arr)))
    }

    /// A fresh random master key (from the operating system's generator).
    pub fn generate() -> DraftResult<MasterKey> {
        Ok(MasterKey(random_key()?))
    }

    /// A master key stretched from a passphrase with Argon2id (19 MiB, 2 passes, 1 lane) and
    /// `salt` (at least 8 bytes; [`load_or_create_salt`] keeps one per folder).
    pub fn from_passphrase(passphrase: &str, salt: &[u8]) -> DraftResult<MasterKey> {
        if passphrase.chars().count() < 8 {
            return Err(DraftError::Key {
                message: "the passphrase must have at least 8 characters".into(),
            });
        }
        let params =
            argon2::Params::new(19 * 1024, 2, 1, Some(KEY_LEN)).map_err(|e| DraftError::Key {
                message: format!("argon2 parameters: {e}"),
            })?;
        let kdf = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; KEY_LEN]);
        kdf.hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
            .map_err(|e| DraftError::Key {
                message: format!("argon2: {e}"),
            })?;
        Ok(MasterKey(out))
    }

    /// Reads the key file at `path`, or creates it with 32 random bytes and mode 0600. A file
    /// that group or others may read is refused (on Unix), as is one of the wrong length.
    pub fn load_or_create_key_file(path: &Path) -> DraftResult<MasterKey> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let bytes = Zeroizing::new(bytes);
                check_private(path)?;
                MasterKey::from_bytes(&bytes).map_err(|_| DraftError::Key {
                    message: format!(
                        "{}: not a key file ({} bytes, expected {KEY_LEN})",
                        path.display(),
                        bytes.len()
                    ),
                })
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = MasterKey::generate()?;
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| DraftError::io(parent, &e))?;
                }
                write_private_new(path, key.0.as_ref())?;
                Ok(key)
            }
            Err(e) => Err(DraftError::io(path, &e)),
        }
    }

    /// The raw key bytes (for wrapping inside this module only).
    pub(crate) fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }

    /// A short, non-secret fingerprint that tells "wrong key" apart from "damaged file".
    pub(crate) fn fingerprint(&self) -> [u8; 8] {
        let mut h = Sha256::new();
        h.update(b"veiviser-drafts-master-key-fingerprint-v1");
        h.update(self.0.as_ref());
        let d = h.finalize();
        let mut out = [0u8; 8];
        out.copy_from_slice(&d[..8]);
        out
    }
}

/// The passphrase salt kept in `path` (created with 16 random bytes on first use).
pub fn load_or_create_salt(path: &Path) -> DraftResult<Vec<u8>> {
    match std::fs::read(path) {
        Ok(bytes) if bytes.len() == SALT_LEN => Ok(bytes),
        Ok(bytes) => Err(DraftError::Key {
            message: format!(
                "{}: not a salt file ({} bytes, expected {SALT_LEN})",
                path.display(),
                bytes.len()
            ),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut salt = vec![0u8; SALT_LEN];
            getrandom::fill(&mut salt).map_err(|e| DraftError::Key {
                message: format!("no random numbers: {e}"),
            })?;
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| DraftError::io(parent, &e))?;
            }
            write_private_new(path, &salt)?;
            Ok(salt)
        }
        Err(e) => Err(DraftError::io(path, &e)),
    }
}

/// 32 random bytes for a new master key (for an app to store in its Keystore/Keychain).
pub fn random_key_bytes() -> DraftResult<[u8; KEY_LEN]> {
    Ok(*random_key()?)
}

/// 32 random bytes in a wiped-on-drop buffer.
pub(crate) fn random_key() -> DraftResult<Zeroizing<[u8; KEY_LEN]>> {
    let mut k = Zeroizing::new([0u8; KEY_LEN]);
    getrandom::fill(k.as_mut()).map_err(|e| DraftError::Key {
        message: format!("no random numbers: {e}"),
    })?;
    Ok(k)
}

/// Creates `path` (it must not exist) readable by its owner only, writes and syncs `bytes`.
fn write_private_new(path: &Path, bytes: &[u8]) -> DraftResult<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| DraftError::io(path, &e))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| DraftError::io(path, &e))
}

/// Refuses a key file that group or others may read or write.
fn check_private(path: &Path) -> DraftResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path).map_err(|e| DraftError::io(path, &e))?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(DraftError::Key {
                message: format!(
                    "{}: the key file is readable by others (mode {mode:o}); run `chmod 600` on it",
                    path.display()
                ),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
