//! The HTTP transport as a foreign trait: an app routes sync through its own network stack
//! (MDM proxies, certificate pinning); without one, the core's default transport is used.
//!
//! The trait is the façade's own (a foreign trait must return the façade's error); the request
//! and response records are the core's (`veiviser_core::sync::transport`), derived for uniffi
//! there.

use crate::error::{FfiResult, VeiviserError};
use std::sync::Arc;
use veiviser_core::sync::transport::{self as core_transport, HttpRequest, HttpResponse};

/// Sends one HTTP request and waits for the whole response. Implement it with the platform's
/// HTTP stack (OkHttp, URLSession) to route sync through it; throw `VeiviserError.Offline` when
/// the request cannot be completed. Called on a background thread, one request at a time.
#[uniffi::export(with_foreign)]
pub trait HttpTransport: Send + Sync {
    /// Sends `request` and returns the response (any status).
    fn send(&self, request: HttpRequest) -> FfiResult<HttpResponse>;
}

/// The transport used when the app supplies none: the core's blocking HTTP client
/// (plain `http://`, gzip and zstd decoding, 30 s timeout).
#[derive(Debug, Default)]
struct DefaultTransport(core_transport::HttpTransport);

impl HttpTransport for DefaultTransport {
    fn send(&self, request: HttpRequest) -> FfiResult<HttpResponse> {
        core_transport::Transport::send(&self.0, &request)
            .map_err(|e| VeiviserError::Offline { detail: e.message })
    }
}

/// The built-in transport, e.g. to wrap it with logging in an app-side transport.
#[uniffi::export]
pub fn default_transport() -> Arc<dyn HttpTransport> {
    Arc::new(DefaultTransport::default())
}

/// Lets the core's sync engine send through an app-supplied (or the default) transport.
pub(crate) struct TransportBridge(pub(crate) Arc<dyn HttpTransport>);

impl core_transport::Transport for TransportBridge {
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, core_transport::TransportError> {
        self.0
            .send(request.clone())
            .map_err(|e| core_transport::TransportError::new(e.to_string()))
    }
}
