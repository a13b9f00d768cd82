//! The Veiviser server as a library, so tests can build the same router as `main`.
//!
//! The server has two jobs, one folder each:
//! - [`publishing`]: on the server host, from the command line, `import` validates content
//!   files and publishes them as signed, immutable revisions in the data folder; `export`,
//!   `backup`/`restore`, `audit` and `keygen` work on the same files;
//! - [`sync_api`]: the anonymous sync protocol (`docs/protocol.md`) that devices poll, served
//!   from an index of the published revisions with precomputed response bodies.
//!
//! Shared: the data folder's layout ([`data_dir`]) and the command line ([`cli`]). The sync
//! side reads from the publishing side, never the other way round.

pub mod admin;
pub mod admin_web;
pub mod cli;
pub mod data_dir;
pub mod publishing;
pub mod sync_api;
