//! The admin web UI at `/admin` (issue 11, item 9): server-rendered HTML pages over the admin
//! service, working without JavaScript, bokmål first with English available, WCAG 2.1 AA,
//! under a strict Content-Security-Policy.
//!
//! - [`messages`]: the UI's own message table (nb, en);
//! - [`flowchart`]: a guide's graph as SVG plus a text outline;
//! - [`diff`]: what a draft changes against live, field by field;
//! - [`editor`]: the forms over the core's model (guide steps, directory entries);
//! - [`page`]: the page chrome and rendering; [`security`]: the CSP and other headers;
//! - [`session`]: the session and language cookies, the CSRF check; [`state`]: the service;
//! - [`routes`] and [`pages`]: the handlers and their templates; [`mod@router`]: `/admin`;
//! - [`preview`]: a draft walked as staff will see it (the app model, `veiviser-html`);
//! - [`error`]: failures as pages (sign-in, 403, 404, the 409 of a stale draft).
//!
//! The admin service (`crate::admin`) checks every role; these pages only render what it
//! returns and never read the signing key.

pub mod diff;
pub mod editor;
pub mod error;
pub mod flowchart;
pub mod messages;
pub mod page;
pub mod pages;
pub mod preview;
pub mod router;
pub mod routes;
pub mod security;
pub mod session;
pub mod state;
#[cfg(test)]
mod test_support;

pub use router::router;
pub use state::WebState;
