//! The publishing side: everything that makes, keeps and copies the published content, run
//! from the command line on the server host (never over HTTP).
//!
//! Content flows one way: [`content`] reads and checks files, [`import`] merges them into the
//! published state and [`publish`] signs and commits it as immutable files ([`published`],
//! the source of truth) under the signing key of [`keys`]. [`index`] is the sled database, a
//! rebuildable cache of those files, and [`repository`] keeps it in step with them. [`export`]
//! writes a signed snapshot, [`static_export`] writes the sync protocol as
//! files for any static web server, [`backup`] copies the files out and back in, [`audit`] lists who
//! published what, and [`demo`] publishes the committed demo content.
//!
//! Nothing here depends on the sync side ([`crate::sync_api`]); the sync side reads from here.

pub mod audit;
pub mod backup;
pub mod content;
pub mod demo;
pub mod export;
pub mod import;
pub mod index;
pub mod keys;
pub mod publish;
pub mod published;
pub mod repository;
pub mod static_export;
