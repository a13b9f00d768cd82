//! The one flat error the apps branch on, converted from the core's errors in one place, with
//! its reporting policy.
//!
//! Every variant has a [`ErrorPolicy`]: *expected* errors are part of normal use (offline, a
//! busy server, a cancelled sync, a move the step does not allow) and the app only reacts to
//! them; *reported* errors point at a bug, damaged storage or an attack on the content, and are
//! also handed to the app's [`ErrorReporter`] (registered with [`set_error_reporter`]) when they
//! are raised. A report carries the variant name and the detail with anything path-like
//! removed — never personal data.

use std::cell::Cell;
use std::sync::{Arc, Mutex};
use veiviser_core::error::{
    ContentError, Error as CoreError, InputError, IntegrityError, NavigationError, SyncError,
};

/// Everything a call into Veiviser can fail with. Every variant carries `detail`: a sentence
/// for logs and developers (English, never personal data); apps show their own localized text
/// chosen by the variant.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum VeiviserError {
    /// The server could not be reached (no network, DNS, refused, timeout) or answered with an
    /// error. Local content is unchanged and still usable.
    #[error("{detail}")]
    Offline {
        /// What went wrong.
        detail: String,
    },
    /// The server asked the app to wait `seconds` before syncing again.
    #[error("{detail}")]
    Backoff {
        /// Seconds to wait before the next sync.
        seconds: u64,
        /// What went wrong.
        detail: String,
    },
    /// Synced content failed its signature check (altered or corrupted); nothing was changed.
    #[error("{detail}")]
    SignatureInvalid {
        /// The collection whose signature failed (`guides`, `directory`, `places`).
        collection: String,
        /// What went wrong.
        detail: String,
    },
    /// Synced content was signed by a key this app does not trust; nothing was changed.
    #[error("{detail}")]
    UntrustedKey {
        /// The key id named in the signature.
        key_id: String,
        /// What went wrong.
        detail: String,
    },
    /// The server offered content older than what this device has seen (a replay); refused.
    #[error("{detail}")]
    Rollback {
        /// The sequence the server offered.
        offered: u64,
        /// The highest sequence this device has accepted.
        seen: u64,
        /// What went wrong.
        detail: String,
    },
    /// The content needs a newer version of the app: ask the user to update.
    #[error("{detail}")]
    SchemaTooNew {
        /// The client version the content requires.
        needed: u32,
        /// The client version of this build.
        supported: u32,
        /// What went wrong.
        detail: String,
    },
    /// The answer is not one the current step offers.
    #[error("{detail}")]
    InvalidAnswer {
        /// The current step.
        step_id: String,
        /// The id that was given.
        option_id: String,
        /// The ids the step accepts.
        valid_options: Vec<String>,
        /// What went wrong.
        detail: String,
    },
    /// The action does not fit the current state (answering an end step, `back` on the first
    /// step, a session of another guide).
    #[error("{detail}")]
    InvalidState {
        /// What went wrong.
        detail: String,
    },
    /// An argument the app passed cannot be used (e.g. a saved session that cannot be read).
    #[error("{detail}")]
    InvalidInput {
        /// What went wrong.
        detail: String,
    },
    /// Content failed validation (names file, step and field); nothing was loaded.
    #[error("{detail}")]
    InvalidContent {
        /// Every finding, one per line.
        detail: String,
    },
    /// A guide, step, area or entry asked for by id does not exist.
    #[error("{detail}")]
    NotFound {
        /// What was looked for.
        detail: String,
    },
    /// The local store could not be read or written.
    #[error("{detail}")]
    Storage {
        /// What went wrong.
        detail: String,
    },
    /// The operation was cancelled; nothing was changed.
    #[error("{detail}")]
    Cancelled {
        /// What happened.
        detail: String,
    },
    /// A bug or an unexpected failure, e.g. an exception thrown by an app-supplied callback.
    #[error("{detail}")]
    Internal {
        /// What went wrong.
        detail: String,
    },
}

/// Whether an error is part of normal use or worth reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPolicy {
    /// Normal use (offline, busy server, cancelled, a move the step does not allow): the app
    /// reacts to it; nothing is reported.
    Expected,
    /// A bug, damaged storage, or content that failed its integrity or validation checks:
    /// handed to the app's [`ErrorReporter`] too.
    Reported,
}

impl VeiviserError {
    /// The policy for this variant.
    pub fn policy(&self) -> ErrorPolicy {
        match self {
            VeiviserError::Offline { .. }
            | VeiviserError::Backoff { .. }
            | VeiviserError::Cancelled { .. }
            | VeiviserError::SchemaTooNew { .. }
            | VeiviserError::InvalidAnswer { .. }
            | VeiviserError::InvalidState { .. }
            | VeiviserError::InvalidInput { .. }
            | VeiviserError::NotFound { .. } => ErrorPolicy::Expected,
            VeiviserError::SignatureInvalid { .. }
            | VeiviserError::UntrustedKey { .. }
            | VeiviserError::Rollback { .. }
            | VeiviserError::InvalidContent { .. }
            | VeiviserError::Storage { .. }
            | VeiviserError::Internal { .. } => ErrorPolicy::Reported,
        }
    }

    /// The variant's name, as the apps see it (`Storage`, `Offline`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            VeiviserError::Offline { .. } => "Offline",
            VeiviserError::Backoff { .. } => "Backoff",
            VeiviserError::SignatureInvalid { .. } => "SignatureInvalid",
            VeiviserError::UntrustedKey { .. } => "UntrustedKey",
            VeiviserError::Rollback { .. } => "Rollback",
            VeiviserError::SchemaTooNew { .. } => "SchemaTooNew",
            VeiviserError::InvalidAnswer { .. } => "InvalidAnswer",
            VeiviserError::InvalidState { .. } => "InvalidState",
            VeiviserError::InvalidInput { .. } => "InvalidInput",
            VeiviserError::InvalidContent { .. } => "InvalidContent",
            VeiviserError::NotFound { .. } => "NotFound",
            VeiviserError::Storage { .. } => "Storage",
            VeiviserError::Cancelled { .. } => "Cancelled",
            VeiviserError::Internal { .. } => "Internal",
        }
    }

    /// An unexpected failure inside the façade (reported).
    pub(crate) fn internal(detail: impl Into<String>) -> Self {
        VeiviserError::Internal {
            detail: detail.into(),
        }
        .reported()
    }

    /// Hands this error to the app's reporter when its policy says so; returns it unchanged.
    pub(crate) fn reported(self) -> Self {
        if self.policy() == ErrorPolicy::Reported {
            report(&self);
        }
        self
    }

    fn detail(&self) -> &str {
        match self {
            VeiviserError::Offline { detail }
            | VeiviserError::Backoff { detail, .. }
            | VeiviserError::SignatureInvalid { detail, .. }
            | VeiviserError::UntrustedKey { detail, .. }
            | VeiviserError::Rollback { detail, .. }
            | VeiviserError::SchemaTooNew { detail, .. }
            | VeiviserError::InvalidAnswer { detail, .. }
            | VeiviserError::InvalidState { detail }
            | VeiviserError::InvalidInput { detail }
            | VeiviserError::InvalidContent { detail }
            | VeiviserError::NotFound { detail }
            | VeiviserError::Storage { detail }
            | VeiviserError::Cancelled { detail }
            | VeiviserError::Internal { detail } => detail,
        }
    }
}

/// What the app's [`ErrorReporter`] receives: no personal data, no paths.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorReport {
    /// The error's variant (`Storage`, `SignatureInvalid`, `Internal`, …).
    pub kind: String,
    /// The error's detail (English) with every path and URL replaced by `<path>`.
    pub detail: String,
}

/// Receives the errors whose policy is "reported" (a crash reporter, the app's log), when
/// they are raised. Called on the thread that raised the error, with no Veiviser lock held;
/// keep it quick. An exception it throws is ignored.
#[uniffi::export(callback_interface)]
pub trait ErrorReporter: Send + Sync {
    /// One reported error.
    fn report(&self, report: ErrorReport) -> Result<(), VeiviserError>;
}

static REPORTER: Mutex<Option<Arc<dyn ErrorReporter>>> = Mutex::new(None);

thread_local! {
    /// Set while a report is being delivered, so an error raised by the reporter itself is
    /// not reported again (no recursion).
    static REPORTING: Cell<bool> = const { Cell::new(false) };
}

/// Registers the app's error reporter for the whole process (`None` removes it).
#[uniffi::export]
pub fn set_error_reporter(reporter: Option<Box<dyn ErrorReporter>>) {
    let reporter: Option<Arc<dyn ErrorReporter>> = reporter.map(Arc::from);
    *REPORTER.lock().unwrap_or_else(|p| p.into_inner()) = reporter;
}

fn report(error: &VeiviserError) {
    if REPORTING.with(Cell::get) {
        return;
    }
    // Not called with the slot locked: the reporter may register another reporter.
    let Some(reporter) = REPORTER.lock().unwrap_or_else(|p| p.into_inner()).clone() else {
        return;
    };
    let report = ErrorReport {
        kind: error.kind().to_string(),
        detail: redact_paths(error.detail()),
    };
    REPORTING.with(|r| r.set(true));
    let call = std::panic::AssertUnwindSafe(|| reporter.report(report));
    let _ = std::panic::catch_unwind(call);
    REPORTING.with(|r| r.set(false));
}

/// Replaces every path-like word (`/…`, `~/…`, `C:\…`, `scheme://…`) with `<path>`: a data
/// folder's path can name the user.
fn redact_paths(detail: &str) -> String {
    const EDGES: &[char] = &['(', ')', '`', '\'', '"', ',', ';', ':', '.'];
    let is_path = |w: &str| {
        w.starts_with('/')
            || w.starts_with("~/")
            || w.contains("://")
            || w.contains(":\\")
            || w.starts_with("\\\\")
    };
    let mut out = String::with_capacity(detail.len());
    for (i, line) in detail.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let words: Vec<String> = line
            .split(' ')
            .map(|word| {
                let core = word.trim_start_matches(EDGES).trim_end_matches(EDGES);
                if core.is_empty() || !is_path(core) {
                    return word.to_string();
                }
                let start = word.find(core).unwrap_or(0);
                format!("{}<path>{}", &word[..start], &word[start + core.len()..])
            })
            .collect();
        out.push_str(&words.join(" "));
    }
    out
}

impl From<CoreError> for VeiviserError {
    /// The one conversion from the core's errors; reports what the policy says to report.
    fn from(e: CoreError) -> Self {
        let detail = e.to_string();
        let converted = match e {
            CoreError::Content(ContentError::Invalid(_)) => {
                VeiviserError::InvalidContent { detail }
            }
            CoreError::Content(ContentError::SchemaTooNew {
                needed, supported, ..
            }) => VeiviserError::SchemaTooNew {
                needed,
                supported,
                detail,
            },
            CoreError::Content(ContentError::NotFound { .. })
            | CoreError::Navigation(NavigationError::NotFound { .. }) => {
                VeiviserError::NotFound { detail }
            }
            CoreError::Navigation(NavigationError::InvalidAnswer {
                step,
                option,
                valid,
            }) => VeiviserError::InvalidAnswer {
                step_id: step,
                option_id: option,
                valid_options: valid,
                detail,
            },
            CoreError::Navigation(NavigationError::InvalidState(_)) => {
                VeiviserError::InvalidState { detail }
            }
            // A malformed argument (e.g. a postcode that is not 4 digits) keeps the variant
            // the apps already branch on for it.
            CoreError::Input(InputError::Invalid(_)) => VeiviserError::InvalidState { detail },
            // The apps pass no file paths in; a file that cannot be read is storage to them.
            CoreError::Input(InputError::Read { .. }) | CoreError::Storage(_) => {
                VeiviserError::Storage { detail }
            }
            CoreError::Sync(SyncError::Network { .. }) => VeiviserError::Offline { detail },
            CoreError::Sync(SyncError::Backoff { seconds }) => {
                VeiviserError::Backoff { seconds, detail }
            }
            CoreError::Sync(SyncError::Cancelled) => VeiviserError::Cancelled { detail },
            CoreError::Sync(SyncError::Integrity(IntegrityError::SignatureInvalid {
                collection,
            })) => VeiviserError::SignatureInvalid { collection, detail },
            CoreError::Sync(SyncError::Integrity(IntegrityError::UntrustedKey {
                key_id, ..
            })) => VeiviserError::UntrustedKey { key_id, detail },
            CoreError::Sync(SyncError::Integrity(
                IntegrityError::Rollback { offered, seen, .. }
                | IntegrityError::StalePublishTime { offered, seen, .. },
            )) => VeiviserError::Rollback {
                offered,
                seen,
                detail,
            },
        };
        converted.reported()
    }
}

/// An app-supplied callback (a transport or listener) threw something undeclared.
impl From<uniffi::UnexpectedUniFFICallbackError> for VeiviserError {
    fn from(e: uniffi::UnexpectedUniFFICallbackError) -> Self {
        VeiviserError::internal(format!("an app callback failed unexpectedly: {}", e.reason))
    }
}

/// Result with [`VeiviserError`], as every fallible export returns.
pub type FfiResult<T> = Result<T, VeiviserError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex as StdMutex;
    use veiviser_core::error::{ContentErrors, ContentIssue, Severity, StorageError};

    fn convert(e: CoreError) -> (VeiviserError, String) {
        let text = e.to_string();
        (e.into(), text)
    }

    #[test]
    fn every_core_error_maps_to_a_variant_with_its_message() {
        let cases = vec![
            SyncError::server("connection refused").into(),
            SyncError::Backoff { seconds: 7 }.into(),
            IntegrityError::SignatureInvalid {
                collection: "guides".into(),
            }
            .into(),
            IntegrityError::UntrustedKey {
                collection: "guides".into(),
                key_id: "k-1".into(),
            }
            .into(),
            IntegrityError::Rollback {
                collection: "places".into(),
                offered: 2,
                seen: 5,
            }
            .into(),
            ContentError::SchemaTooNew {
                what: "guide `x`".into(),
                needed: 3,
                supported: 1,
            }
            .into(),
            NavigationError::InvalidAnswer {
                step: "Q1".into(),
                option: "kanskje".into(),
                valid: vec!["ja".into(), "nei".into()],
            }
            .into(),
            NavigationError::InvalidState("at the end".into()).into(),
            ContentError::NotFound {
                what: "guide `x`".into(),
            }
            .into(),
            StorageError::Damaged("disk full".into()).into(),
            StorageError::io("/data", std::io::Error::other("denied")).into(),
            SyncError::Cancelled.into(),
            InputError::Invalid("`12` is not a postcode".into()).into(),
            NavigationError::NotFound {
                what: "step `x`".into(),
            }
            .into(),
            CoreError::from(ContentErrors(vec![ContentIssue {
                severity: Severity::Error,
                file: "guides/x".into(),
                position: None,
                step: Some("Q1".into()),
                field: Some("next".into()),
                message: "dangling".into(),
            }])),
        ];
        let mut names = Vec::new();
        for case in cases {
            let (ffi, text) = convert(case);
            // The human message is the core's message, unchanged.
            assert_eq!(ffi.to_string(), text);
            let name = match &ffi {
                VeiviserError::Offline { .. } => "Offline",
                VeiviserError::Backoff { seconds, .. } => {
                    assert_eq!(*seconds, 7);
                    "Backoff"
                }
                VeiviserError::SignatureInvalid { collection, .. } => {
                    assert_eq!(collection, "guides");
                    "SignatureInvalid"
                }
                VeiviserError::UntrustedKey { key_id, .. } => {
                    assert_eq!(key_id, "k-1");
                    "UntrustedKey"
                }
                VeiviserError::Rollback { offered, seen, .. } => {
                    assert_eq!((*offered, *seen), (2, 5));
                    "Rollback"
                }
                VeiviserError::SchemaTooNew {
                    needed, supported, ..
                } => {
                    assert_eq!((*needed, *supported), (3, 1));
                    assert!(text.contains("update the app"));
                    "SchemaTooNew"
                }
                VeiviserError::InvalidAnswer {
                    step_id,
                    option_id,
                    valid_options,
                    ..
                } => {
                    assert_eq!((step_id.as_str(), option_id.as_str()), ("Q1", "kanskje"));
                    assert_eq!(valid_options, &["ja", "nei"]);
                    "InvalidAnswer"
                }
                VeiviserError::InvalidState { .. } => "InvalidState",
                VeiviserError::NotFound { .. } => "NotFound",
                VeiviserError::Storage { .. } => "Storage",
                VeiviserError::Cancelled { .. } => "Cancelled",
                VeiviserError::InvalidContent { detail } => {
                    assert!(
                        detail.contains("guides/x: step Q1: next: dangling"),
                        "{detail}"
                    );
                    "InvalidContent"
                }
                VeiviserError::InvalidInput { .. } | VeiviserError::Internal { .. } => {
                    panic!("core errors never map to {ffi:?}")
                }
            };
            names.push(name);
        }
        assert_eq!(
            names,
            [
                "Offline",
                "Backoff",
                "SignatureInvalid",
                "UntrustedKey",
                "Rollback",
                "SchemaTooNew",
                "InvalidAnswer",
                "InvalidState",
                "NotFound",
                "Storage",
                "Storage",
                "Cancelled",
                "InvalidState",
                "NotFound",
                "InvalidContent"
            ]
        );
    }

    #[test]
    fn the_policy_says_which_variants_are_expected_and_which_are_reported() {
        let detail = || "d".to_string();
        let expected = [
            VeiviserError::Offline { detail: detail() },
            VeiviserError::Backoff {
                seconds: 1,
                detail: detail(),
            },
            VeiviserError::Cancelled { detail: detail() },
            VeiviserError::SchemaTooNew {
                needed: 2,
                supported: 1,
                detail: detail(),
            },
            VeiviserError::InvalidAnswer {
                step_id: "Q1".into(),
                option_id: "x".into(),
                valid_options: vec![],
                detail: detail(),
            },
            VeiviserError::InvalidState { detail: detail() },
            VeiviserError::InvalidInput { detail: detail() },
            VeiviserError::NotFound { detail: detail() },
        ];
        let reported = [
            VeiviserError::SignatureInvalid {
                collection: "guides".into(),
                detail: detail(),
            },
            VeiviserError::UntrustedKey {
                key_id: "k".into(),
                detail: detail(),
            },
            VeiviserError::Rollback {
                offered: 1,
                seen: 2,
                detail: detail(),
            },
            VeiviserError::InvalidContent { detail: detail() },
            VeiviserError::Storage { detail: detail() },
            VeiviserError::Internal { detail: detail() },
        ];
        for e in &expected {
            assert_eq!(e.policy(), ErrorPolicy::Expected, "{}", e.kind());
        }
        for e in &reported {
            assert_eq!(e.policy(), ErrorPolicy::Reported, "{}", e.kind());
        }
        // Every variant is listed once (the README's table has 14).
        let mut kinds: Vec<_> = expected.iter().chain(&reported).map(|e| e.kind()).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), 14);
    }

    #[test]
    fn paths_never_reach_a_report() {
        assert_eq!(
            redact_paths("local storage: /home/kari/veiviser/store is in use (C:\\Users\\kari): x"),
            "local storage: <path> is in use (<path>): x"
        );
        assert_eq!(
            redact_paths("`~/data`, http://10.0.0.1:8080/v1/latest\nguides/x: step Q1"),
            "`<path>`, <path>\nguides/x: step Q1"
        );
    }

    /// Collects reports (the only test that registers a reporter: it is process-wide).
    struct Collect(Arc<StdMutex<Vec<ErrorReport>>>);

    impl ErrorReporter for Collect {
        fn report(&self, report: ErrorReport) -> Result<(), VeiviserError> {
            self.0.lock().unwrap().push(report);
            // A reporter that fails must not loop or fail the call.
            Err(VeiviserError::internal("reporter failed too"))
        }
    }

    #[test]
    fn the_reporter_gets_storage_and_internal_errors_but_not_expected_ones() {
        let seen = Arc::new(StdMutex::new(Vec::new()));
        set_error_reporter(Some(Box::new(Collect(seen.clone()))));
        let ours = |marker: &str| -> Vec<ErrorReport> {
            seen.lock()
                .unwrap()
                .iter()
                .filter(|r| r.detail.contains(marker))
                .cloned()
                .collect()
        };

        let _ = VeiviserError::from(CoreError::from(StorageError::io(
            "writing /home/kari/data/highwater.json (marker-storage)",
            std::io::Error::other("disk full"),
        )));
        let _ = VeiviserError::internal("the sync task failed (marker-internal)");
        let _ = VeiviserError::from(CoreError::from(SyncError::server("marker-offline")));
        let _ = VeiviserError::from(CoreError::from(SyncError::Cancelled));
        let _ = VeiviserError::from(CoreError::from(NavigationError::InvalidState(
            "marker-state".into(),
        )));

        let storage = ours("marker-storage");
        assert_eq!(storage.len(), 1, "{storage:?}");
        assert_eq!(storage[0].kind, "Storage");
        assert!(!storage[0].detail.contains("kari"), "{:?}", storage[0]);
        assert_eq!(ours("marker-internal").len(), 1);
        assert!(ours("marker-offline").is_empty());
        assert!(ours("marker-state").is_empty());
        assert!(ours("cancelled").is_empty());
        // The reporter's own failure was not reported again.
        assert!(ours("reporter failed too").is_empty());

        set_error_reporter(None);
        let _ = VeiviserError::internal("marker-after-removal");
        assert!(ours("marker-after-removal").is_empty());
    }
}
