//! uniffi façade over `veiviser-core` for the iOS and Android apps.
//!
//! No logic of its own: wrapper objects that delegate to the core (`Veiviser` is the apps'
//! handle on `veiviser_core::device::DeviceContent`), records that convert from core types,
//! one error conversion point with its reporting policy ([`error`]), and the plumbing that
//! runs the core's blocking sync on a runtime this crate owns (`runtime`) and calls the
//! app's callbacks ([`progress`], [`transport`]). No registry, cache or lock logic lives here.

uniffi::setup_scaffolding!();

pub mod directory;
pub mod error;
pub mod guide;
pub mod progress;
mod runtime;
pub mod session;
pub mod store;
pub mod sync_report;
pub mod transport;
mod vocabulary;

pub use error::{
    set_error_reporter, ErrorPolicy, ErrorReport, ErrorReporter, FfiResult, VeiviserError,
};
pub use guide::{
    AnswerOption, GuideSummary, LegalReference, ResumeOutcome, StepExit, StepKind, StepView,
    SummaryItem,
};
pub use progress::{CancelHandle, ContentCollection, SyncListener, SyncProgress};
pub use session::{GuideSession, ResumedSession};
pub use store::{GuideList, OpenOptions, UnavailableGuide, Veiviser};
pub use sync_report::{CollectionSyncReport, ContentAsOf, GuideNeedsUpdate, SyncReport};
pub use transport::{default_transport, HttpHeader, HttpRequest, HttpResponse, HttpTransport};

/// The content feature level this build understands (guides needing more ask for an app update).
#[uniffi::export]
pub fn client_version() -> u32 {
    veiviser_core::guide::CLIENT_VERSION
}
