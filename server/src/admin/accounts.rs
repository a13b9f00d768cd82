//! Accounts, roles, passwords, API tokens and the failed-login limiter.
//!
//! Passwords are stored as argon2id PHC strings (salted, the crate's recommended cost); API
//! tokens and session ids are 256-bit random values stored only as their SHA-256, so a copy
//! of the database gives no one a way in.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use utoipa::ToSchema;

/// What an account may do. An account has one or more roles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Writes drafts and requests review.
    Editor,
    /// Approves or declines reviews, publishes urgent fixes, confirms them, rolls back (and
    /// may write drafts, but never approve one of their own).
    Reviewer,
    /// Manages accounts and reads the audit log (does not touch content).
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Editor, Role::Reviewer, Role::Admin];

    /// The role's name (`editor`, `reviewer`, `admin`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Editor => "editor",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Role {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Role::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| format!("unknown role `{s}`: use editor, reviewer or admin"))
    }
}

/// An account as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Account {
    /// The sign-in name (lowercase letters, digits, `.`, `-`, `_`).
    pub name: String,
    /// Its roles.
    pub roles: BTreeSet<Role>,
    /// The argon2id PHC string of the password.
    pub password_hash: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// A disabled account cannot sign in or use its tokens.
    #[serde(default)]
    pub disabled: bool,
    /// Made by `serve --demo` (its password is public).
    #[serde(default)]
    pub demo: bool,
}

/// An account as shown (no password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct AccountView {
    /// The sign-in name.
    pub name: String,
    /// Its roles.
    pub roles: Vec<Role>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// Whether it is disabled.
    pub disabled: bool,
    /// Whether it is a public demo account.
    pub demo: bool,
}

impl From<&Account> for AccountView {
    fn from(a: &Account) -> Self {
        AccountView {
            name: a.name.clone(),
            roles: a.roles.iter().copied().collect(),
            created_at: a.created_at,
            disabled: a.disabled,
            demo: a.demo,
        }
    }
}

/// An API token as stored (under the SHA-256 of the token).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenRecord {
    /// The account it acts as.
    pub account: String,
    /// What it is for (e.g. `nightly import`).
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// The shortest password accepted for a real account.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Checks an account name: 2–64 of `a-z 0-9 . - _`, starting with a letter or digit.
pub fn check_name(name: &str) -> Result<(), String> {
    let ok_chars = name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    let ok_start = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if (2..=64).contains(&name.len()) && ok_chars && ok_start {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid account name: use 2 to 64 lowercase letters, digits, `.`, `-` or `_`, starting with a letter or digit"
        ))
    }
}

/// Checks a new password's length.
pub fn check_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(format!(
            "the password is too short: use at least {MIN_PASSWORD_CHARS} characters (a few words are easy to remember)"
        ))
    } else {
        Ok(())
    }
}

/// `n` random bytes from the OS.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the OS random source works");
    b
}

/// A fresh 256-bit random value, URL-safe base64 (session ids, CSRF tokens).
pub fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

/// A fresh API token: `vv_` and 256 random bits.
pub fn new_api_token() -> String {
    format!("vv_{}", random_token())
}

/// The SHA-256 (hex) of a secret, the form in which secrets are stored and looked up.
pub fn secret_hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares two strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The argon2id PHC string of `password` with a fresh salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::encode_b64(&random_bytes::<16>()).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 with default parameters hashes any password")
        .to_string()
}

/// Whether `password` matches the stored PHC string.
pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A PHC string no password matches, verified against for unknown names (so a wrong name
/// takes as long as a wrong password).
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()))
}

/// Failed sign-ins allowed per account within [`LoginLimiter::WINDOW`].
pub const MAX_FAILURES_PER_ACCOUNT: u32 = 5;
/// Failed sign-ins allowed per client address within [`LoginLimiter::WINDOW`].
pub const MAX_FAILURES_PER_ADDRESS: u32 = 20;

/// Counts failed sign-ins per account and per address (in memory: a restart forgets them).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl LoginLimiter {
    /// How long failures are counted; a limited account or address waits until it ends.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    fn keys(account: &str, address: Option<&str>) -> Vec<(String, u32)> {
        let mut keys = vec![(format!("account:{account}"), MAX_FAILURES_PER_ACCOUNT)];
        if let Some(a) = address {
            keys.push((format!("address:{a}"), MAX_FAILURES_PER_ADDRESS));
        }
        keys
    }

    /// `Err(seconds to wait)` when the account or the address has failed too often.
    pub fn check(&self, account: &str, address: Option<&str>) -> Result<(), u64> {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("limiter lock");
        map.retain(|_, (_, start)| now.duration_since(*start) < Self::WINDOW);
        for (key, max) in Self::keys(account, address) {
            if let Some((count, start)) = map.get(&key) {
                if *count >= max {
                    let left = Self::WINDOW.saturating_sub(now.duration_since(*start));
                    return Err(left.as_secs().max(1));
                }
            }
        }
        Ok(())
    }

    /// Records a failed sign-in.
    pub fn failed(&self, account: &str, address: Option<&str>) {
        let now = Instant::now();
        let mut map = self.failures.lock().expect("limiter lock");
        for (key, _) in Self::keys(account, address) {
            map.entry(key).or_insert((0, now)).0 += 1;
        }
    }

    /// Forgets the account's failures after a successful sign-in (the address's stay).
    pub fn succeeded(&self, account: &str) {
        self.failures
            .lock()
            .expect("limiter lock")
            .remove(&format!("account:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_own_hash() {
        let h = hash_password("correct horse battery");
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password(&h, "correct horse battery"));
        assert!(!verify_password(&h, "correct horse batterx"));
        assert!(!verify_password("not a hash", "x"));
    }

    #[test]
    fn the_limiter_locks_an_account_after_five_failures() {
        let l = LoginLimiter::default();
        for _ in 0..MAX_FAILURES_PER_ACCOUNT {
            assert!(l.check("kari", Some("10.0.0.1")).is_ok());
            l.failed("kari", Some("10.0.0.1"));
        }
        assert!(l.check("kari", Some("10.0.0.2")).is_err());
        assert!(l.check("ola", Some("10.0.0.1")).is_ok());
        l.succeeded("kari");
        assert!(l.check("kari", None).is_ok());
    }

    #[test]
    fn names_and_roles_parse() {
        assert!(check_name("kari.nordmann").is_ok());
        assert!(check_name("Kari").is_err());
        assert!(check_name("-x").is_err());
        assert_eq!("reviewer".parse::<Role>(), Ok(Role::Reviewer));
        assert!("owner".parse::<Role>().is_err());
    }
}
