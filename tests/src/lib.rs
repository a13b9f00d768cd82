//! Helpers for the end-to-end tests: driving the real CLI and looking into its store
//! ([`client`]), a tampering test proxy ([`proxy`]), real nginx serving a static export
//! ([`nginx`]); the binaries and a real server on a
//! loopback port come from the shared `veiviser-testkit` ([`bins`], [`server`]).

pub mod client;
pub mod nginx;
pub mod proxy;

pub use veiviser_testkit::{bins, content_dir, repo_root, server};
