//! The Veiviser publishing server as a library, so tests can build the same router as `main`.
//!
//! Content flows one way: `import` validates files and publishes them as signed, immutable
//! revisions in the data folder ([`published`]); the server indexes them in sled
//! ([`index`]), precomputes the response bodies ([`repository`]) and serves the sync
//! protocol ([`app`], `docs/protocol.md`).

pub mod app;
pub mod backup;
pub mod cli;
pub mod content;
pub mod data_dir;
pub mod demo;
pub mod encoded;
pub mod error;
pub mod export;
pub mod import;
pub mod index;
pub mod keys;
pub mod limit;
pub mod publish;
pub mod published;
pub mod repository;
pub mod routes;
pub mod serve;
pub mod state;
