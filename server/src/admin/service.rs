//! The admin domain service: accounts, sessions, tokens and the audit log here; drafts,
//! reviews, urgent publishes and rollbacks in [`crate::admin::workflow`]. The JSON API and
//! the HTML pages both call it; every method checks the caller's roles itself, so no route
//! can forget to.

use crate::admin::accounts::{
    check_name, check_password, constant_time_eq, dummy_hash, hash_password, new_api_token,
    random_token, secret_hash, verify_password, Account, AccountView, LoginLimiter, Role,
    TokenRecord,
};
use crate::admin::audit::{Actor, AuditEvent, AuditQuery};
use crate::admin::drafts::Issue;
use crate::admin::gate::PublishGate;
use crate::admin::store::{AdminStore, StoreError, Tree};
use crate::data_dir::DataDir;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock};
use utoipa::ToSchema;
use veiviser_core::sync::signing::SigningKey;

/// Settings of the admin side.
#[derive(Debug, Clone)]
pub struct AdminConfig {
    /// Mark cookies `Secure` (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// How long a signed-in session lasts.
    pub session_hours: i64,
    /// How long an urgent publish may wait for its second review before admins are warned.
    pub second_review_hours: i64,
}

impl Default for AdminConfig {
    fn default() -> Self {
        AdminConfig {
            secure_cookies: false,
            session_hours: 8,
            second_review_hours: 24,
        }
    }
}

/// How many hex digits of a token's SHA-256 name it (in lists and for revoking).
pub const TOKEN_ID_CHARS: usize = 16;

/// An API token as listed (its id, not the token).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    /// The first hex digits of the token's SHA-256 (the token itself is not stored).
    pub id: String,
    /// The account it acts as.
    pub account: String,
    /// What it is for.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// Who is calling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Principal {
    /// The account name.
    pub name: String,
    /// Its roles.
    pub roles: BTreeSet<Role>,
}

impl Principal {
    /// Whether the caller has `role`.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// `Err(Forbidden)` unless the caller has one of `roles`; `action` says what was refused.
    pub fn require(&self, roles: &[Role], action: &str) -> Result<(), AdminError> {
        if roles.iter().any(|r| self.has(*r)) {
            Ok(())
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.name()).collect();
            Err(AdminError::Forbidden(format!(
                "{action} needs the role {}; `{}` has {}",
                names.join(" or "),
                self.name,
                self.roles
                    .iter()
                    .map(|r| r.name())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }
}

/// A session as stored (under the SHA-256 of its id).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Session {
    /// The signed-in account; `None` before sign-in (a session that only carries a CSRF token
    /// for the sign-in form).
    pub account: Option<String>,
    /// The synchronizer token every form post and cookie-authenticated request must carry.
    pub csrf: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it ends.
    pub expires_at: DateTime<Utc>,
}

/// A session id (the cookie value) with its session.
#[derive(Debug, Clone)]
pub struct SessionHandle {
    /// The id: the cookie's value. Never stored, never logged.
    pub id: String,
    /// The session.
    pub session: Session,
}

/// Why an admin action was refused.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    /// No (valid) credentials.
    #[error("sign in first")]
    Unauthenticated,
    /// Wrong name or password.
    #[error("wrong name or password")]
    BadCredentials,
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// No such thing.
    #[error("{0}")]
    NotFound(String),
    /// A request field is wrong.
    #[error("{field}: {message}")]
    BadRequest {
        /// The field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// The content does not pass the checks.
    #[error("{message}")]
    Invalid {
        /// Summary.
        message: String,
        /// Every finding.
        issues: Vec<Issue>,
    },
    /// The request conflicts with the current state (e.g. a stale draft).
    #[error("{message}")]
    Conflict {
        /// What to do.
        message: String,
        /// What changed.
        details: serde_json::Value,
    },
    /// Too many failed sign-ins: wait this many seconds.
    #[error("too many failed sign-ins; try again in {0} s")]
    RateLimited(u64),
    /// A server fault.
    #[error("{0}")]
    Internal(String),
}

impl From<StoreError> for AdminError {
    fn from(e: StoreError) -> Self {
        AdminError::Internal(e.to_string())
    }
}

/// A demo account made by `serve --demo`.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Its name.
    pub name: String,
    /// Its public password.
    pub password: String,
    /// Its roles.
    pub roles: Vec<Role>,
}

/// The admin domain service of one data folder.
pub struct AdminService {
    pub(in crate::admin) store: AdminStore,
    pub(in crate::admin) gate: PublishGate,
    pub(in crate::admin) data: DataDir,
    pub(in crate::admin) config: AdminConfig,
    pub(in crate::admin) limiter: LoginLimiter,
    /// Serializes state changes (two approvals of one review cannot both publish).
    pub(in crate::admin) lock: Mutex<()>,
    pub(in crate::admin) after_publish: OnceLock<Box<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for AdminService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminService")
            .field("store", &self.store)
            .field("gate", &self.gate)
            .finish_non_exhaustive()
    }
}

impl AdminService {
    /// Opens the admin database of `data` (`DATA/admin/`); `key` goes into the signing gate.
    pub fn open(data: DataDir, key: SigningKey, config: AdminConfig) -> Result<Self, AdminError> {
        data.create()
            .map_err(|e| AdminError::Internal(e.to_string()))?;
        let store = AdminStore::open(&AdminStore::path_in(data.root()))?;
        let service = AdminService {
            store,
            gate: PublishGate::new(data.clone(), key),
            data,
            config,
            limiter: LoginLimiter::default(),
            lock: Mutex::new(()),
            after_publish: OnceLock::new(),
        };
        service.sweep_sessions()?;
        Ok(service)
    }

    /// The settings.
    pub fn config(&self) -> &AdminConfig {
        &self.config
    }

    /// The data folder.
    pub fn data(&self) -> &DataDir {
        &self.data
    }

    /// Runs `f` after every publish (the server refreshes what it serves).
    pub fn on_publish(&self, f: impl Fn() + Send + Sync + 'static) {
        let _ = self.after_publish.set(Box::new(f));
    }

    pub(in crate::admin) fn published_hook(&self) {
        if let Some(f) = self.after_publish.get() {
            f();
        }
    }

    pub(in crate::admin) fn state_lock(&self) -> std::sync::MutexGuard<'_, ()> {
        self.lock.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Appends an audit event.
    pub fn audit_event(
        &self,
        actor: Actor,
        kind: &str,
        target: &str,
        detail: impl Into<String>,
    ) -> Result<u64, AdminError> {
        let detail = detail.into();
        Ok(self.store.append_audit(|seq| AuditEvent {
            seq,
            at: Utc::now(),
            actor,
            kind: kind.into(),
            target: target.into(),
            detail,
        })?)
    }

    // ---- accounts ----

    /// Creates an account. `by` is the admin doing it, or `None` from the server's command
    /// line (`user add`) and the demo set-up.
    pub fn create_account(
        &self,
        by: Option<&Principal>,
        name: &str,
        roles: &[Role],
        password: &str,
        demo: bool,
    ) -> Result<AccountView, AdminError> {
        if let Some(p) = by {
            p.require(&[Role::Admin], "creating an account")?;
        }
        check_name(name).map_err(|m| AdminError::BadRequest {
            field: "name".into(),
            message: m,
        })?;
        if roles.is_empty() {
            return Err(AdminError::BadRequest {
                field: "roles".into(),
                message: "give at least one role: editor, reviewer or admin".into(),
            });
        }
        if !demo {
            check_password(password).map_err(|m| AdminError::BadRequest {
                field: "password".into(),
                message: m,
            })?;
        }
        let _g = self.state_lock();
        if self.store.get::<Account>(Tree::Accounts, name)?.is_some() {
            return Err(AdminError::Conflict {
                message: format!("the account `{name}` exists already"),
                details: serde_json::json!({ "name": name }),
            });
        }
        let account = Account {
            name: name.into(),
            roles: roles.iter().copied().collect(),
            password_hash: hash_password(password),
            created_at: Utc::now(),
            disabled: false,
            demo,
        };
        self.store.put(Tree::Accounts, name, &account)?;
        let actor = by.map_or(Actor::System, |p| Actor::User(p.name.clone()));
        let roles: Vec<&str> = roles.iter().map(|r| r.name()).collect();
        self.audit_event(
            actor,
            "account_created",
            &format!("account:{name}"),
            format!(
                "roles {}{}",
                roles.join(", "),
                if demo { " (demo)" } else { "" }
            ),
        )?;
        Ok(AccountView::from(&account))
    }

    /// Every account (admins only).
    pub fn accounts(&self, by: &Principal) -> Result<Vec<AccountView>, AdminError> {
        by.require(&[Role::Admin], "listing accounts")?;
        self.all_accounts()
    }

    /// Every account, for the server's command line (no caller to check).
    pub fn all_accounts(&self) -> Result<Vec<AccountView>, AdminError> {
        Ok(self
            .store
            .all::<Account>(Tree::Accounts)?
            .iter()
            .map(AccountView::from)
            .collect())
    }

    /// Whether any account exists (a fresh install has none).
    pub fn has_accounts(&self) -> Result<bool, AdminError> {
        Ok(!self.store.all::<Account>(Tree::Accounts)?.is_empty())
    }

    /// Disables or enables an account (admins only; not one's own).
    pub fn set_disabled(
        &self,
        by: &Principal,
        name: &str,
        disabled: bool,
    ) -> Result<AccountView, AdminError> {
        by.require(&[Role::Admin], "disabling an account")?;
        if by.name == name {
            return Err(AdminError::Conflict {
                message: "you cannot disable your own account".into(),
                details: serde_json::json!({ "name": name }),
            });
        }
        let _g = self.state_lock();
        let mut account = self
            .store
            .get::<Account>(Tree::Accounts, name)?
            .ok_or_else(|| AdminError::NotFound(format!("no account `{name}`")))?;
        account.disabled = disabled;
        self.store.put(Tree::Accounts, name, &account)?;
        self.audit_event(
            Actor::User(by.name.clone()),
            if disabled {
                "account_disabled"
            } else {
                "account_enabled"
            },
            &format!("account:{name}"),
            "",
        )?;
        Ok(AccountView::from(&account))
    }

    /// Makes the demo accounts (one per role, and a second reviewer for urgent fixes) when
    /// they are missing; their passwords are public.
    pub fn ensure_demo_accounts(&self) -> Result<Vec<DemoAccount>, AdminError> {
        let demo = [
            ("demo-editor", Role::Editor),
            ("demo-reviewer", Role::Reviewer),
            ("demo-reviewer-2", Role::Reviewer),
            ("demo-admin", Role::Admin),
        ];
        let mut out = Vec::new();
        for (name, role) in demo {
            let password = format!("DEMO-ONLY-{name}");
            if self.store.get::<Account>(Tree::Accounts, name)?.is_none() {
                self.create_account(None, name, &[role], &password, true)?;
            }
            out.push(DemoAccount {
                name: name.into(),
                password,
                roles: vec![role],
            });
        }
        Ok(out)
    }

    fn principal_of(&self, name: &str) -> Result<Option<Principal>, AdminError> {
        Ok(self
            .store
            .get::<Account>(Tree::Accounts, name)?
            .filter(|a| !a.disabled)
            .map(|a| Principal {
                name: a.name,
                roles: a.roles,
            }))
    }

    // ---- sessions ----

    fn new_session(
        &self,
        account: Option<String>,
        hours: i64,
    ) -> Result<SessionHandle, AdminError> {
        let id = random_token();
        let now = Utc::now();
        let session = Session {
            account,
            csrf: random_token(),
            created_at: now,
            expires_at: now + Duration::hours(hours),
        };
        self.store
            .put(Tree::Sessions, &secret_hash(&id), &session)?;
        Ok(SessionHandle { id, session })
    }

    /// A session without an account, for the sign-in form's CSRF token.
    pub fn anonymous_session(&self) -> Result<SessionHandle, AdminError> {
        self.new_session(None, 1)
    }

    /// The live session with this id, if any.
    pub fn session(&self, id: &str) -> Result<Option<Session>, AdminError> {
        let key = secret_hash(id);
        match self.store.get::<Session>(Tree::Sessions, &key)? {
            Some(s) if s.expires_at > Utc::now() => Ok(Some(s)),
            Some(_) => {
                self.store.remove(Tree::Sessions, &key)?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// The caller of a session id (signed in, account enabled), if any.
    pub fn session_principal(&self, id: &str) -> Result<Option<Principal>, AdminError> {
        match self.session(id)?.and_then(|s| s.account) {
            Some(name) => self.principal_of(&name),
            None => Ok(None),
        }
    }

    /// Whether `token` is the CSRF token of the session `id`.
    pub fn check_csrf(&self, id: &str, token: &str) -> Result<bool, AdminError> {
        Ok(self
            .session(id)?
            .is_some_and(|s| constant_time_eq(&s.csrf, token)))
    }

    /// Signs in: checks the limiter and the password, ends the previous session (`old`, if
    /// any) and returns a new one (a new id: the session id rotates on sign-in).
    pub fn login(
        &self,
        name: &str,
        password: &str,
        address: Option<&str>,
        old: Option<&str>,
    ) -> Result<SessionHandle, AdminError> {
        if let Err(wait) = self.limiter.check(name, address) {
            self.audit_event(
                Actor::System,
                "login_rate_limited",
                &format!("account:{name}"),
                format!("sign-in refused for {wait} s"),
            )?;
            return Err(AdminError::RateLimited(wait));
        }
        let account = self.store.get::<Account>(Tree::Accounts, name)?;
        let hash = account
            .as_ref()
            .map_or(dummy_hash(), |a| a.password_hash.as_str());
        let ok = verify_password(hash, password) && account.as_ref().is_some_and(|a| !a.disabled);
        if !ok {
            self.limiter.failed(name, address);
            self.audit_event(
                Actor::System,
                "login_failed",
                &format!("account:{name}"),
                "",
            )?;
            return Err(AdminError::BadCredentials);
        }
        self.limiter.succeeded(name);
        if let Some(old) = old {
            self.store.remove(Tree::Sessions, &secret_hash(old))?;
        }
        let handle = self.new_session(Some(name.into()), self.config.session_hours)?;
        self.audit_event(
            Actor::User(name.into()),
            "login",
            &format!("account:{name}"),
            "",
        )?;
        Ok(handle)
    }

    /// Ends a session.
    pub fn logout(&self, id: &str) -> Result<(), AdminError> {
        let key = secret_hash(id);
        if let Some(s) = self.store.get::<Session>(Tree::Sessions, &key)? {
            self.store.remove(Tree::Sessions, &key)?;
            if let Some(name) = s.account {
                self.audit_event(
                    Actor::User(name.clone()),
                    "logout",
                    &format!("account:{name}"),
                    "",
                )?;
            }
        }
        Ok(())
    }

    /// Removes expired sessions (at start; a session is also dropped when looked up expired).
    fn sweep_sessions(&self) -> Result<(), AdminError> {
        let now = Utc::now();
        let n = self
            .store
            .remove_where::<Session>(Tree::Sessions, |s| s.expires_at <= now)?;
        if n > 0 {
            tracing::debug!("removed {n} expired admin sessions");
        }
        Ok(())
    }

    // ---- API tokens ----

    /// Makes an API token for the caller; the token is returned once, stored only hashed.
    pub fn create_token(&self, by: &Principal, label: &str) -> Result<String, AdminError> {
        self.create_token_for(Some(by), &by.name, label)
    }

    /// Makes an API token for `account` (`by`: the caller, who must be that account or an
    /// admin; `None` from the command line).
    pub fn create_token_for(
        &self,
        by: Option<&Principal>,
        account: &str,
        label: &str,
    ) -> Result<String, AdminError> {
        if let Some(p) = by {
            if p.name != account {
                p.require(&[Role::Admin], "making a token for another account")?;
            }
        }
        if self
            .store
            .get::<Account>(Tree::Accounts, account)?
            .is_none()
        {
            return Err(AdminError::NotFound(format!("no account `{account}`")));
        }
        let label = label.trim();
        if label.is_empty() || label.chars().count() > 100 {
            return Err(AdminError::BadRequest {
                field: "label".into(),
                message: "say what the token is for, in at most 100 characters".into(),
            });
        }
        let token = new_api_token();
        let record = TokenRecord {
            account: account.into(),
            label: label.into(),
            created_at: Utc::now(),
        };
        self.store
            .put(Tree::Tokens, &secret_hash(&token), &record)?;
        let actor = by.map_or(Actor::System, |p| Actor::User(p.name.clone()));
        self.audit_event(actor, "token_created", &format!("account:{account}"), label)?;
        Ok(token)
    }

    /// The API tokens of the caller (admins: of everyone), oldest first; never the tokens
    /// themselves, which are not stored.
    pub fn tokens(&self, by: &Principal) -> Result<Vec<TokenView>, AdminError> {
        let mut all: Vec<TokenView> = self
            .store
            .entries::<TokenRecord>(Tree::Tokens)?
            .into_iter()
            .filter(|(_, t)| t.account == by.name || by.has(Role::Admin))
            .map(|(hash, t)| TokenView {
                id: hash[..TOKEN_ID_CHARS].to_string(),
                account: t.account,
                label: t.label,
                created_at: t.created_at,
            })
            .collect();
        all.sort_by_key(|t| t.created_at);
        Ok(all)
    }

    /// Revokes a token by its id (one's own; admins: anyone's).
    pub fn revoke_token(&self, by: &Principal, id: &str) -> Result<(), AdminError> {
        let _g = self.state_lock();
        let found = self
            .store
            .entries::<TokenRecord>(Tree::Tokens)?
            .into_iter()
            .find(|(hash, _)| id.len() == TOKEN_ID_CHARS && hash.starts_with(id));
        let Some((hash, t)) = found else {
            return Err(AdminError::NotFound(format!("no token `{id}`")));
        };
        if t.account != by.name {
            by.require(&[Role::Admin], "revoking another account's token")?;
        }
        self.store.remove(Tree::Tokens, &hash)?;
        self.audit_event(
            Actor::User(by.name.clone()),
            "token_revoked",
            &format!("account:{}", t.account),
            t.label,
        )?;
        Ok(())
    }

    /// The caller of an API token (account enabled), if any.
    pub fn token_principal(&self, token: &str) -> Result<Option<Principal>, AdminError> {
        match self
            .store
            .get::<TokenRecord>(Tree::Tokens, &secret_hash(token))?
        {
            Some(t) => self.principal_of(&t.account),
            None => Ok(None),
        }
    }

    // ---- audit ----

    /// The audit log, filtered (admins only).
    pub fn audit(&self, by: &Principal, query: &AuditQuery) -> Result<Vec<AuditEvent>, AdminError> {
        by.require(&[Role::Admin], "reading the audit log")?;
        Ok(query.apply(self.store.audit()?))
    }
}
