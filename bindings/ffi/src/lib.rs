//! uniffi façade over `veiviser-core` for the iOS and Android apps.
//!
//! The core's app-facing records and enums (language, sector, contact role, the step view and
//! summary, the directory and search enums, sync progress, the HTTP request and response, …) derive uniffi themselves behind
//! the core's `uniffi` feature, which only this crate turns on; they reach the apps as the
//! `veiviser_core` component. This crate adds what must have another shape in the apps: the
//! exported objects (`Veiviser`, `GuideSession`, `CancelHandle`), the one flat error converted
//! in one place ([`error`]), the foreign transport and listener traits, records with
//! `SystemTime` fields or computed sentences, and the plumbing that runs the core's blocking
//! sync on a runtime this crate owns (`runtime`) with progress delivered off the core's locks
//! ([`progress`]).
//! `Veiviser` is the apps' handle on `veiviser_core::device::DeviceContent` and only delegates;
//! errors carry a reporting policy ([`error`]). No registry, cache or lock logic lives here.

uniffi::setup_scaffolding!();

pub mod directory;
pub mod drafts;
pub mod error;
pub mod guide;
pub mod progress;
mod runtime;
pub mod session;
pub mod store;
pub mod sync_report;
pub mod transport;

pub use drafts::{generate_master_key, Drafts};
pub use error::{
    set_error_reporter, ErrorPolicy, ErrorReport, ErrorReporter, FfiResult, VeiviserError,
};
pub use guide::GuideSummary;
pub use progress::{CancelHandle, SyncListener};
pub use session::{GuideSession, ResumedSession};
pub use store::{GuideList, OpenOptions, UnavailableGuide, Veiviser};
pub use sync_report::{CollectionSyncReport, ContentAsOf, GuideNeedsUpdate, SyncReport};
pub use transport::{default_transport, HttpTransport};

/// The content feature level this build understands (guides needing more ask for an app update).
#[uniffi::export]
pub fn client_version() -> u32 {
    veiviser_core::guide::CLIENT_VERSION
}
