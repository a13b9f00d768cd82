//! The server's log output: stderr, filtered by `RUST_LOG` (default `info`), and only the
//! server's own events.
//!
//! Events of the libraries underneath (hyper, axum, tower, sled, …) are dropped at every
//! level, whatever `RUST_LOG` says: at trace and debug level they print client addresses,
//! ports and request paths, and the README promises that the logs hold no personal data and
//! no client IP addresses. The server's own events never hold them
//! ([`crate::sync_api::request_log`]).

use tracing_subscriber::filter::{filter_fn, FilterExt};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer;

/// Whether events of `target` may be logged: only Veiviser's own crates.
pub fn is_own_target(target: &str) -> bool {
    target.starts_with("veiviser")
}

/// Installs the subscriber (once; later calls do nothing).
pub fn init() {
    let env = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let own = filter_fn(|meta| is_own_target(meta.target()));
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(own.and(env)),
        )
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_own_targets_are_logged() {
        assert!(is_own_target("veiviser_server::sync_api::serve"));
        assert!(is_own_target("veiviser_core::sync"));
        for other in [
            "hyper::proto::h1::conn",
            "hyper_util",
            "axum::serve",
            "tower_http",
            "sled::pagecache",
            "log",
        ] {
            assert!(!is_own_target(other), "{other}");
        }
    }
}
