//! uniffi façade over `veiviser-core` for the iOS and Android apps.
//!
//! The core's app-facing types derive uniffi themselves behind the core's `uniffi` feature,
//! which only this crate turns on, and reach the apps as the `veiviser_core` component: the
//! vocabulary enums (language, sector, contact role, collection, …), every screen's view
//! model (`ContactsView`, `SearchResultsView`, `GuideListView`, `StepView`, `ResumeView`,
//! `SyncStatusView`), the sync reports (`AsOf`, `SyncReport`, with instants as the platform's
//! time type) and the HTTP request and response. This crate adds only what must have another
//! shape in the apps: the exported objects (`Veiviser`, `GuideSession`, `CancelHandle`, and `App`, the staff app's state machine over a `Veiviser`), the
//! one flat error converted in one place with its reporting policy ([`error`]), the foreign
//! transport, listener and reporter traits, the two records that hold an object or the
//! app's options (`ResumedSession`, `OpenOptions`), and the runtime that runs the core's
//! blocking sync (`runtime`) with progress delivered off the core's locks ([`progress`]).
//! `Veiviser` is the apps' handle on `veiviser_core::device::DeviceContent` and only
//! delegates. No registry, cache, lock logic or user-facing sentence lives here.

uniffi::setup_scaffolding!();

pub mod app;
pub mod drafts;
pub mod error;
pub mod progress;
mod runtime;
pub mod session;
pub mod store;
pub mod transport;

pub use app::App;
pub use drafts::{generate_master_key, Drafts};
pub use error::{
    set_error_reporter, ErrorPolicy, ErrorReport, ErrorReporter, FfiResult, VeiviserError,
};
pub use progress::{CancelHandle, SyncListener};
pub use session::{GuideSession, ResumedSession};
pub use store::{OpenOptions, Veiviser};
pub use transport::{default_transport, HttpTransport};

/// The content feature level this build understands (guides needing more ask for an app update).
#[uniffi::export]
pub fn client_version() -> u32 {
    veiviser_core::guide::CLIENT_VERSION
}
