//! Admin publishing (issue 11, `docs/adr/0009-admin-publishing.md`): accounts and roles,
//! drafts checked with the rules of `veiviser check`, four-eyes review, urgent publishes with
//! a second review, rollbacks as new sequences, the audit log and the stale-content list.
//!
//! - [`service::AdminService`] is the domain service; the JSON API ([`api`], under
//!   `/v1/admin/`) and the HTML pages under `/admin` both call it, and it checks roles itself;
//! - [`gate::PublishGate`] is the one holder of the signing key on this side: it publishes
//!   only an [`gate::Approval`] that the review workflow made;
//! - [`store::AdminStore`] keeps accounts, sessions, tokens, drafts, reviews and the
//!   append-only audit log in `DATA/admin/` (sled, flushed on every write).
//!
//! The sync side ([`crate::sync_api`]) stays anonymous: nothing here changes its routes.

pub mod accounts;
pub mod api;
pub mod approval;
pub mod audit;
pub mod drafts;
pub mod export;
pub mod gate;
pub mod review;
pub mod service;
pub mod stale;
pub mod store;
pub mod urgent;
pub mod workflow;

pub use accounts::Role;
pub use service::{AdminConfig, AdminError, AdminService, Principal};

use axum::Router;
use std::sync::Arc;

/// The sync app with the admin side added: the JSON API under `/v1/admin/` (and the HTML
/// pages under `/admin`). The sync routes are unchanged.
pub fn mount(sync: Router, service: Arc<AdminService>) -> Router {
    sync.merge(api::router(service))
}

/// Prints the demo accounts (after the `listening on` line): DEMO ONLY, public passwords.
pub fn describe_demo_accounts(accounts: &[service::DemoAccount]) -> String {
    let mut out = String::from(
        "DEMO ONLY admin accounts (public passwords; never use them for real content):\n",
    );
    for a in accounts {
        let roles: Vec<&str> = a.roles.iter().map(|r| r.name()).collect();
        out.push_str(&format!(
            "  {:<16} {:<9} password {}\n",
            a.name,
            roles.join(","),
            a.password
        ));
    }
    out
}
