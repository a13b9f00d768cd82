//! The sealed file format of one draft (or the reporter profile): a plaintext header that is
//! authenticated, the data key wrapped under the master key, and the body sealed under the
//! data key, both with XChaCha20-Poly1305.
//!
//! ```text
//! header (42 bytes, the associated data of both seals)
//!   magic "VVDRAFT\0" (8) | version 1 (1) | kind (1) | id (16) | master-key fingerprint (8)
//!   | expires_at, Unix seconds, big-endian, 0 = never (8)
//! wrap nonce (24) | wrapped data key (32 + 16 tag)
//! body nonce (24) | sealed JSON body (n + 16 tag)
//! ```

use super::error::{DraftError, DraftResult};
use super::key::{random_key, MasterKey, KEY_LEN};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use zeroize::Zeroizing;

const MAGIC: &[u8; 8] = b"VVDRAFT\0";
const VERSION: u8 = 1;
/// Length of the plaintext header.
pub const HEADER_LEN: usize = 42;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const WRAPPED_LEN: usize = KEY_LEN + TAG_LEN;
/// Where the wrapped data key ends and the body nonce starts.
const BODY_AT: usize = HEADER_LEN + NONCE_LEN + WRAPPED_LEN;
/// The smallest valid file: header, wrapped key, body nonce and an empty body's tag.
pub const MIN_LEN: usize = BODY_AT + NONCE_LEN + TAG_LEN;

/// What a sealed file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A report-of-concern draft.
    Draft = 1,
    /// The reporter profile.
    Profile = 2,
}

/// The plaintext header of a sealed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Draft or profile.
    pub kind: Kind,
    /// The random id (16 bytes).
    pub id: [u8; 16],
    /// The fingerprint of the master key it was sealed under.
    pub fingerprint: [u8; 8],
    /// When it expires (Unix seconds), 0 = never.
    pub expires_at: i64,
}

impl Header {
    fn to_bytes(&self) -> [u8; HEADER_LEN] {
        let mut out = [0u8; HEADER_LEN];
        out[..8].copy_from_slice(MAGIC);
        out[8] = VERSION;
        out[9] = self.kind as u8;
        out[10..26].copy_from_slice(&self.id);
        out[26..34].copy_from_slice(&self.fingerprint);
        out[34..42].copy_from_slice(&self.expires_at.to_be_bytes());
        out
    }

    /// Parses the header of `file` without any key (`name` names the file in errors).
    pub fn parse(file: &[u8], name: &str) -> DraftResult<Header> {
        let damaged = |reason: &str| DraftError::Damaged {
            id: name.to_string(),
            reason: reason.to_string(),
        };
        if file.len() < MIN_LEN {
            return Err(damaged("the file is truncated"));
        }
        if &file[..8] != MAGIC {
            return Err(damaged("not a Veiviser draft file"));
        }
        if file[8] != VERSION {
            return Err(damaged("unknown format version"));
        }
        let kind = match file[9] {
            1 => Kind::Draft,
            2 => Kind::Profile,
            _ => return Err(damaged("unknown file kind")),
        };
        let mut id = [0u8; 16];
        id.copy_from_slice(&file[10..26]);
        let mut fingerprint = [0u8; 8];
        fingerprint.copy_from_slice(&file[26..34]);
        let mut exp = [0u8; 8];
        exp.copy_from_slice(&file[34..42]);
        Ok(Header {
            kind,
            id,
            fingerprint,
            expires_at: i64::from_be_bytes(exp),
        })
    }
}

fn nonce() -> DraftResult<[u8; NONCE_LEN]> {
    let mut n = [0u8; NONCE_LEN];
    getrandom::fill(&mut n).map_err(|e| DraftError::Key {
        message: format!("no random numbers: {e}"),
    })?;
    Ok(n)
}

/// Seals `body` under a fresh data key wrapped by `master`; returns the whole file.
pub fn seal(master: &MasterKey, header: &Header, body: &[u8]) -> DraftResult<Vec<u8>> {
    let head = header.to_bytes();
    let data_key = random_key()?;
    let wrap_nonce = nonce()?;
    let body_nonce = nonce()?;
    let wrapper = XChaCha20Poly1305::new(Key::from_slice(master.bytes()));
    let wrapped = wrapper
        .encrypt(
            XNonce::from_slice(&wrap_nonce),
            Payload {
                msg: data_key.as_ref(),
                aad: &head,
            },
        )
        .map_err(|_| DraftError::Key {
            message: "cannot wrap the data key".into(),
        })?;
    let cipher = XChaCha20Poly1305::new(Key::from_slice(data_key.as_ref()));
    let sealed = cipher
        .encrypt(
            XNonce::from_slice(&body_nonce),
            Payload {
                msg: body,
                aad: &head,
            },
        )
        .map_err(|_| DraftError::Key {
            message: "cannot seal the draft".into(),
        })?;
    let mut out = Vec::with_capacity(BODY_AT + NONCE_LEN + sealed.len());
    out.extend_from_slice(&head);
    out.extend_from_slice(&wrap_nonce);
    out.extend_from_slice(&wrapped);
    out.extend_from_slice(&body_nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Unwraps the data key of `file` (checking the header); `name` names the draft in errors.
fn unwrap_key(
    master: &MasterKey,
    file: &[u8],
    name: &str,
) -> DraftResult<(Header, Zeroizing<Vec<u8>>)> {
    let header = Header::parse(file, name)?;
    if header.fingerprint != master.fingerprint() {
        return Err(DraftError::WrongKey {
            id: name.to_string(),
        });
    }
    let head = &file[..HEADER_LEN];
    let wrap_nonce = &file[HEADER_LEN..HEADER_LEN + NONCE_LEN];
    let wrapped = &file[HEADER_LEN + NONCE_LEN..BODY_AT];
    let wrapper = XChaCha20Poly1305::new(Key::from_slice(master.bytes()));
    let key = wrapper
        .decrypt(
            XNonce::from_slice(wrap_nonce),
            Payload {
                msg: wrapped,
                aad: head,
            },
        )
        .map_err(|_| DraftError::Damaged {
            id: name.to_string(),
            reason: "the header or the wrapped key does not authenticate".into(),
        })?;
    Ok((header, Zeroizing::new(key)))
}

/// Checks that `file`'s header is authentic under `master` (one small AEAD, no body).
pub fn verify_header(master: &MasterKey, file: &[u8], name: &str) -> DraftResult<Header> {
    unwrap_key(master, file, name).map(|(h, _)| h)
}

/// Opens `file`: its header and the plaintext body (wiped when dropped).
pub fn open(
    master: &MasterKey,
    file: &[u8],
    name: &str,
) -> DraftResult<(Header, Zeroizing<Vec<u8>>)> {
    let (header, key) = unwrap_key(master, file, name)?;
    let head = &file[..HEADER_LEN];
    let body_nonce = &file[BODY_AT..BODY_AT + NONCE_LEN];
    let sealed = &file[BODY_AT + NONCE_LEN..];
    let cipher = XChaCha20Poly1305::new(Key::from_slice(&key));
    let body = cipher
        .decrypt(
            XNonce::from_slice(body_nonce),
            Payload {
                msg: sealed,
                aad: head,
            },
        )
        .map_err(|_| DraftError::Damaged {
            id: name.to_string(),
            reason: "the content does not authenticate".into(),
        })?;
    Ok((header, Zeroizing::new(body)))
}
