//! Ed25519 signing keys with ids, the trusted-key list, and signature verification.
//!
//! Trust is configured, never delivered by sync: a client verifies against a
//! [`TrustedKeys`] list fixed at build time or given explicitly (a file), and the key id in
//! every [`SignatureInfo`] selects the key, so keys can be rotated.
//!
//! File formats (both TOML, `#` comments allowed):
//! - signing key (secret; `veiviser-server keygen` writes it):
//!   ```toml
//!   algorithm = "ed25519"
//!   key_id = "veiviser-1a2b3c4d"
//!   public_key = "<base64 of the 32-byte public key>"
//!   secret_key = "<base64 of the 32-byte seed>"
//!   ```
//! - trusted keys (public): one line per key, `key_id = "<base64 public key>"`.

use crate::error::IntegrityError;
use crate::sync::canonical::{canonical_bytes, canonical_bytes_for_records, StateHeader};
use crate::sync::protocol::{Changeset, SignatureInfo};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use ed25519_dalek::Signer as _;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// A key file or trusted-key list that could not be read; names the source and the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{source_name}: {message}")]
pub struct KeyError {
    /// The file (or other source) that was read.
    pub source_name: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl KeyError {
    fn new(source_name: &str, message: impl Into<String>) -> Self {
        KeyError {
            source_name: source_name.to_string(),
            message: message.into(),
        }
    }
}

/// Whether `id` is a valid key id: 1–64 characters from `A-Z a-z 0-9 . _ -`.
pub fn is_valid_key_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The default key id of a public key: `<prefix>-<first 8 hex digits of SHA-256(public key)>`.
pub fn derive_key_id(prefix: &str, public_key: &[u8; 32]) -> String {
    let digest = Sha256::digest(public_key);
    let hex: String = digest[..4].iter().map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

/// An Ed25519 signing key with its id: the server's publishing key.
#[derive(Clone)]
pub struct SigningKey {
    key_id: String,
    key: ed25519_dalek::SigningKey,
}

impl fmt::Debug for SigningKey {
    /// Never prints the secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("key_id", &self.key_id)
            .field("public_key", &self.public_key_base64())
            .finish_non_exhaustive()
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyFile {
    algorithm: String,
    key_id: String,
    public_key: String,
    secret_key: String,
}

impl SigningKey {
    /// A fresh random key from the OS random source; its id is derived with `prefix`.
    pub fn generate(prefix: &str) -> Result<Self, KeyError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| KeyError::new("random source", format!("cannot get random bytes: {e}")))?;
        let key = ed25519_dalek::SigningKey::from_bytes(&seed);
        let key_id = derive_key_id(prefix, &key.verifying_key().to_bytes());
        Self::from_seed(key_id, seed)
    }

    /// The key with this 32-byte seed and id (for tests and fixed test vectors).
    pub fn from_seed(key_id: impl Into<String>, seed: [u8; 32]) -> Result<Self, KeyError> {
        let key_id = key_id.into();
        if !is_valid_key_id(&key_id) {
            return Err(KeyError::new(
                "key id",
                format!("`{key_id}` is not a valid key id: use 1-64 of A-Z a-z 0-9 . _ -"),
            ));
        }
        Ok(SigningKey {
            key_id,
            key: ed25519_dalek::SigningKey::from_bytes(&seed),
        })
    }

    /// Parses a key file's text; `source_name` is used in error messages.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<Self, KeyError> {
        let file: KeyFile = toml::from_str(text).map_err(|e| {
            KeyError::new(
                source_name,
                format!("not a Veiviser signing key file: {}", e.message()),
            )
        })?;
        if file.algorithm != "ed25519" {
            return Err(KeyError::new(
                source_name,
                format!(
                    "algorithm: `{}` is not supported; only `ed25519`",
                    file.algorithm
                ),
            ));
        }
        let seed: [u8; 32] = decode_32(&file.secret_key)
            .map_err(|m| KeyError::new(source_name, format!("secret_key: {m}")))?;
        let key = Self::from_seed(file.key_id, seed)
            .map_err(|e| KeyError::new(source_name, e.message))?;
        let public: [u8; 32] = decode_32(&file.public_key)
            .map_err(|m| KeyError::new(source_name, format!("public_key: {m}")))?;
        if public != key.public_key_bytes() {
            return Err(KeyError::new(
                source_name,
                "public_key does not belong to secret_key: the file is damaged; restore it or make a new key with `veiviser-server keygen`",
            ));
        }
        Ok(key)
    }

    /// Reads a key file.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| KeyError::new(&name, format!("cannot read the signing key: {e}")))?;
        Self::from_toml_str(&text, &name)
    }

    /// The key file's text (contains the secret; write it with restrictive permissions).
    pub fn to_toml_string(&self) -> String {
        let file = KeyFile {
            algorithm: "ed25519".into(),
            key_id: self.key_id.clone(),
            public_key: self.public_key_base64(),
            secret_key: B64.encode(self.key.to_bytes()),
        };
        format!(
            "# Veiviser Ed25519 signing key. SECRET: keep it off shared disks and out of git.\n{}",
            toml::to_string(&file).expect("a key file always serializes")
        )
    }

    /// The key id carried in every signature.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// The 32-byte public key.
    pub fn public_key_bytes(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    /// The public key in standard base64 (what a trusted-keys file holds).
    pub fn public_key_base64(&self) -> String {
        B64.encode(self.public_key_bytes())
    }

    /// The line for a trusted-keys file: `key_id = "base64"`.
    pub fn trusted_keys_line(&self) -> String {
        format!("{} = \"{}\"", self.key_id, self.public_key_base64())
    }

    /// Signs arbitrary canonical bytes.
    pub fn sign_bytes(&self, canonical: &[u8]) -> SignatureInfo {
        SignatureInfo {
            key_id: self.key_id.clone(),
            sig: B64.encode(self.key.sign(canonical).to_bytes()),
        }
    }

    /// Signs a full collection state; `header.key_id` must be this key's id.
    pub fn sign_state(
        &self,
        header: &StateHeader,
        records: &BTreeMap<String, Value>,
    ) -> SignatureInfo {
        debug_assert_eq!(
            header.key_id, self.key_id,
            "the header must name the signing key"
        );
        self.sign_bytes(&canonical_bytes(header, records))
    }
}

fn decode_32(b64: &str) -> Result<[u8; 32], String> {
    let bytes = B64
        .decode(b64.trim())
        .map_err(|e| format!("not valid base64 ({e})"))?;
    bytes
        .try_into()
        .map_err(|v: Vec<u8>| format!("expected 32 bytes, found {}", v.len()))
}

/// The public keys a client accepts signatures from, by key id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedKeys {
    keys: BTreeMap<String, [u8; 32]>,
}

impl TrustedKeys {
    /// An empty list (trusts nothing).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) a key.
    pub fn insert(&mut self, key_id: impl Into<String>, public_key: [u8; 32]) {
        self.keys.insert(key_id.into(), public_key);
    }

    /// The public key with this id, if trusted.
    pub fn get(&self, key_id: &str) -> Option<&[u8; 32]> {
        self.keys.get(key_id)
    }

    /// The trusted key ids, sorted.
    pub fn key_ids(&self) -> impl Iterator<Item = &str> {
        self.keys.keys().map(String::as_str)
    }

    /// Number of trusted keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no key is trusted.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Parses a trusted-keys file's text (`key_id = "base64"` lines); errors name the line.
    pub fn from_toml_str(text: &str, source_name: &str) -> Result<Self, KeyError> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let at = e
                .span()
                .map(|s| {
                    format!(
                        " (line {})",
                        text[..s.start.min(text.len())].lines().count().max(1)
                    )
                })
                .unwrap_or_default();
            KeyError::new(
                source_name,
                format!("not a trusted-keys file{at}: {}", e.message()),
            )
        })?;
        let mut keys = TrustedKeys::new();
        for (id, value) in table {
            if !is_valid_key_id(&id) {
                return Err(KeyError::new(
                    source_name,
                    format!("`{id}` is not a valid key id"),
                ));
            }
            let b64 = value.as_str().ok_or_else(|| {
                KeyError::new(
                    source_name,
                    format!("{id}: expected a base64 string, e.g. {id} = \"…\""),
                )
            })?;
            let public =
                decode_32(b64).map_err(|m| KeyError::new(source_name, format!("{id}: {m}")))?;
            ed25519_dalek::VerifyingKey::from_bytes(&public).map_err(|_| {
                KeyError::new(source_name, format!("{id}: not a valid Ed25519 public key"))
            })?;
            keys.insert(id, public);
        }
        if keys.is_empty() {
            return Err(KeyError::new(
                source_name,
                "no keys: add a line `key_id = \"base64 public key\"`",
            ));
        }
        Ok(keys)
    }

    /// Reads a trusted-keys file.
    pub fn from_file(path: &Path) -> Result<Self, KeyError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| KeyError::new(&name, format!("cannot read the trusted keys: {e}")))?;
        Self::from_toml_str(&text, &name)
    }

    /// The file text for this list (sorted by key id).
    pub fn to_toml_string(&self) -> String {
        self.keys
            .iter()
            .map(|(id, pk)| format!("{id} = \"{}\"\n", B64.encode(pk)))
            .collect()
    }
}

/// Checks `sig` over `canonical` bytes of `collection` against the trusted keys.
///
/// An unknown key id is [`IntegrityError::UntrustedKey`]; a malformed or wrong signature is
/// [`IntegrityError::SignatureInvalid`].
pub fn verify(
    collection: &str,
    canonical: &[u8],
    sig: &SignatureInfo,
    trusted: &TrustedKeys,
) -> Result<(), IntegrityError> {
    let public = trusted
        .get(&sig.key_id)
        .ok_or_else(|| IntegrityError::UntrustedKey {
            collection: collection.to_string(),
            key_id: sig.key_id.clone(),
        })?;
    let invalid = || IntegrityError::SignatureInvalid {
        collection: collection.to_string(),
    };
    let key = ed25519_dalek::VerifyingKey::from_bytes(public).map_err(|_| invalid())?;
    let raw = B64.decode(sig.sig.as_bytes()).map_err(|_| invalid())?;
    let signature = ed25519_dalek::Signature::from_slice(&raw).map_err(|_| invalid())?;
    key.verify_strict(canonical, &signature)
        .map_err(|_| invalid())
}

/// Checks `sig` over a full collection state; the header's key id must match the signature's.
pub fn verify_state(
    header: &StateHeader,
    records: &BTreeMap<String, Value>,
    sig: &SignatureInfo,
    trusted: &TrustedKeys,
) -> Result<(), IntegrityError> {
    let collection = header.collection.as_str();
    if header.key_id != sig.key_id {
        return Err(IntegrityError::SignatureInvalid {
            collection: collection.to_string(),
        });
    }
    verify(collection, &canonical_bytes(header, records), sig, trusted)
}

impl Changeset {
    /// The header the signature of this changeset's full state is made over.
    pub fn state_header(&self) -> StateHeader {
        StateHeader {
            collection: self.collection,
            schema_version: self.schema_version,
            sequence: self.sequence,
            published_at: self.published_at,
            key_id: self.signature.key_id.clone(),
        }
    }

    /// Verifies a *full* changeset (a complete collection state) against `trusted`.
    ///
    /// The one signature check for full states: the server's start-up check, backup and
    /// restore, and the device (bundled snapshot) all call it. A delta, a changeset with
    /// tombstones or duplicate record ids is refused as [`IntegrityError::SignatureInvalid`]:
    /// its records are not the state the signature covers.
    pub fn verify_full(&self, trusted: &TrustedKeys) -> Result<(), IntegrityError> {
        let collection = self.collection.as_str();
        let invalid = || IntegrityError::SignatureInvalid {
            collection: collection.to_string(),
        };
        if !self.full || !self.tombstones.is_empty() {
            return Err(invalid());
        }
        let bytes = canonical_bytes_for_records(&self.state_header(), &self.records)
            .map_err(|_| invalid())?;
        verify(collection, &bytes, &self.signature, trusted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::Collection;
    use serde_json::json;

    fn key() -> SigningKey {
        SigningKey::from_seed("unit-test", [7u8; 32]).unwrap()
    }

    fn state() -> (StateHeader, BTreeMap<String, Value>) {
        let header = StateHeader {
            collection: Collection::Directory,
            schema_version: 1,
            sequence: 3,
            published_at: "2026-11-22T10:00:00Z".parse().unwrap(),
            key_id: "unit-test".into(),
        };
        let mut records = BTreeMap::new();
        records.insert("oslo".to_string(), json!({"name": "Oslo"}));
        (header, records)
    }

    fn trusted() -> TrustedKeys {
        TrustedKeys::from_toml_str(&key().trusted_keys_line(), "test").unwrap()
    }

    fn full_changeset() -> Changeset {
        let (h, r) = state();
        let signature = key().sign_state(&h, &r);
        Changeset {
            collection: h.collection,
            schema_version: h.schema_version,
            sequence: h.sequence,
            published_at: h.published_at,
            since: None,
            full: true,
            records: r
                .into_iter()
                .map(|(id, data)| crate::sync::protocol::Record { id, data })
                .collect(),
            tombstones: Vec::new(),
            signature,
        }
    }

    #[test]
    fn verify_full_accepts_a_genuine_full_state() {
        full_changeset().verify_full(&trusted()).unwrap();
    }

    #[test]
    fn verify_full_refuses_altered_records_deltas_duplicates_and_unknown_keys() {
        let invalid = Err(IntegrityError::SignatureInvalid {
            collection: "directory".into(),
        });
        let mut altered = full_changeset();
        altered.records[0].data = json!({"name": "0slo"});
        assert_eq!(altered.verify_full(&trusted()), invalid);

        let mut delta = full_changeset();
        delta.full = false;
        assert_eq!(delta.verify_full(&trusted()), invalid);

        let mut duplicated = full_changeset();
        duplicated.records.push(duplicated.records[0].clone());
        assert_eq!(duplicated.verify_full(&trusted()), invalid);

        let mut other_sequence = full_changeset();
        other_sequence.sequence += 1;
        assert_eq!(other_sequence.verify_full(&trusted()), invalid);

        assert!(matches!(
            full_changeset().verify_full(&TrustedKeys::new()),
            Err(IntegrityError::UntrustedKey { .. })
        ));
    }

    #[test]
    fn sign_then_verify() {
        let (h, r) = state();
        let sig = key().sign_state(&h, &r);
        verify_state(&h, &r, &sig, &trusted()).unwrap();
    }

    #[test]
    fn altered_content_is_signature_invalid() {
        let (h, mut r) = state();
        let sig = key().sign_state(&h, &r);
        r.insert("oslo".into(), json!({"name": "0slo"}));
        assert_eq!(
            verify_state(&h, &r, &sig, &trusted()),
            Err(IntegrityError::SignatureInvalid {
                collection: "directory".into()
            })
        );
        let (mut h2, r2) = state();
        h2.sequence = 4;
        assert!(matches!(
            verify_state(&h2, &r2, &sig, &trusted()),
            Err(IntegrityError::SignatureInvalid { .. })
        ));
    }

    #[test]
    fn garbage_signature_is_signature_invalid() {
        let (h, r) = state();
        for bad in ["", "not base64!", "AAAA"] {
            let sig = SignatureInfo {
                key_id: "unit-test".into(),
                sig: bad.into(),
            };
            assert!(matches!(
                verify_state(&h, &r, &sig, &trusted()),
                Err(IntegrityError::SignatureInvalid { .. })
            ));
        }
    }

    #[test]
    fn unknown_key_is_untrusted() {
        let (mut h, r) = state();
        let other = SigningKey::from_seed("someone-else", [9u8; 32]).unwrap();
        h.key_id = "someone-else".into();
        let sig = other.sign_state(&h, &r);
        assert_eq!(
            verify_state(&h, &r, &sig, &trusted()),
            Err(IntegrityError::UntrustedKey {
                collection: "directory".into(),
                key_id: "someone-else".into()
            })
        );
    }

    #[test]
    fn a_trusted_id_with_a_different_key_is_invalid() {
        // An attacker reusing a trusted key id with their own key must not pass.
        let (h, r) = state();
        let impostor = SigningKey::from_seed("unit-test", [9u8; 32]).unwrap();
        let sig = impostor.sign_state(&h, &r);
        assert!(matches!(
            verify_state(&h, &r, &sig, &trusted()),
            Err(IntegrityError::SignatureInvalid { .. })
        ));
    }

    #[test]
    fn key_file_round_trip_and_errors() {
        let k = SigningKey::generate("veiviser").unwrap();
        assert!(k.key_id().starts_with("veiviser-") && k.key_id().len() == "veiviser-".len() + 8);
        let text = k.to_toml_string();
        let back = SigningKey::from_toml_str(&text, "k.toml").unwrap();
        assert_eq!(back.key_id(), k.key_id());
        assert_eq!(back.public_key_bytes(), k.public_key_bytes());
        assert!(!format!("{k:?}").contains(&B64.encode(k.key.to_bytes())));

        let swapped = text.replace(&k.public_key_base64(), &key().public_key_base64());
        let err = SigningKey::from_toml_str(&swapped, "k.toml").unwrap_err();
        assert!(
            err.to_string().contains("k.toml") && err.to_string().contains("does not belong"),
            "{err}"
        );
        let err = SigningKey::from_toml_str("key_id = 1", "k.toml").unwrap_err();
        assert!(err.to_string().starts_with("k.toml: "), "{err}");
    }

    #[test]
    fn trusted_keys_file_errors_name_the_problem() {
        let err = TrustedKeys::from_toml_str("", "t.toml").unwrap_err();
        assert!(err.message.contains("no keys"), "{err}");
        let err = TrustedKeys::from_toml_str("a = \"AAAA\"", "t.toml").unwrap_err();
        assert!(err.message.contains("a: expected 32 bytes"), "{err}");
        let err = TrustedKeys::from_toml_str("# c\n\na = = 1", "t.toml").unwrap_err();
        assert!(err.message.contains("line 3"), "{err}");
        let t = TrustedKeys::from_toml_str(
            &format!("# demo\n{}\n", key().trusted_keys_line()),
            "t.toml",
        )
        .unwrap();
        assert_eq!(t.key_ids().collect::<Vec<_>>(), vec!["unit-test"]);
        assert_eq!(
            TrustedKeys::from_toml_str(&t.to_toml_string(), "x").unwrap(),
            t
        );
    }
}
