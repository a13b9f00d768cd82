//! The page handlers, one file per area: sign-in and language ([`auth`]), the dashboard and
//! lists ([`lists`]), drafts ([`drafts`]) and what is done with them ([`actions`]), the step editor ([`steps`]), the directory entry
//! editor ([`entry`]), reviews ([`reviews`]) and the preview walk ([`preview`]).
//!
//! Every handler reads a [`Caller`] (or sends the browser to sign in), calls the admin
//! service (which checks roles) and renders a page or redirects after a successful post; the
//! admin side's CSRF guard in front of the routes has already refused any post without the
//! session's token.

pub mod actions;
pub mod auth;
pub mod drafts;
pub mod entry;
pub mod lists;
pub mod preview;
pub mod reviews;
pub mod steps;

use crate::admin::Role;
use crate::admin_web::messages::Ui;
use crate::admin_web::page::{Chrome, Section, UserChip};
use crate::admin_web::session::Caller;
use crate::admin_web::state::WebState;
use chrono::{DateTime, Utc};
use veiviser_core::sync::protocol::Collection;

/// The role's name in the page language.
pub fn role_name(ui: Ui, role: Role) -> &'static str {
    match role {
        Role::Editor => ui.role_editor(),
        Role::Reviewer => ui.role_reviewer(),
        Role::Admin => ui.role_admin(),
    }
}

/// The chrome of a signed-in page.
pub fn chrome(
    state: &WebState,
    caller: &Caller,
    title: impl Into<String>,
    section: Section,
) -> Chrome {
    let ui = caller.ui;
    let roles: Vec<&str> = caller
        .principal
        .roles
        .iter()
        .map(|r| role_name(ui, *r))
        .collect();
    let mut c = Chrome::new(ui, title, &caller.path).with_nav(section, caller.has(Role::Admin));
    c.user = Some(UserChip {
        signed_in_as: Ui::fill(
            ui.signed_in_as(),
            &[
                ("name", &caller.principal.name),
                ("role", &roles.join(", ")),
            ],
        ),
    });
    c.csrf = caller.csrf.clone();
    c.demo = state.demo;
    c
}

/// A time as the pages show it (UTC, to the minute).
pub fn when(t: &DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The live records of `collection` as (id, record JSON), in id order.
pub fn live_records(
    state: &WebState,
    collection: Collection,
) -> Result<Vec<(String, serde_json::Value)>, crate::admin::AdminError> {
    let data = state.service.data();
    let internal = |e: &dyn std::fmt::Display| crate::admin::AdminError::Internal(e.to_string());
    let scan = data.scan().map_err(|e| internal(&e))?;
    let current = data.current(&scan).map_err(|e| internal(&e))?;
    let mut out: Vec<(String, serde_json::Value)> = current
        .get(&collection)
        .map(|r| {
            r.changeset
                .records
                .iter()
                .map(|x| (x.id.clone(), x.data.clone()))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}
