//! The HTTP transport as a foreign trait: an app routes sync through its own network stack
//! (MDM proxies, certificate pinning); without one, the core's default transport is used.

use crate::error::{FfiResult, VeiviserError};
use std::sync::Arc;
use veiviser_core::sync::transport as core_transport;

/// One HTTP header.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    /// The header name (compare case-insensitively).
    pub name: String,
    /// The header value.
    pub value: String,
}

/// A request the sync engine wants sent: always a `GET` without a body.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpRequest {
    /// The absolute URL.
    pub url: String,
    /// Headers to send (e.g. `If-None-Match`, `Accept-Encoding`).
    pub headers: Vec<HttpHeader>,
}

/// What came back. Non-2xx statuses are responses, not errors.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers (`ETag`, `Retry-After`, …).
    pub headers: Vec<HttpHeader>,
    /// The body, already decoded from any `Content-Encoding` (platform stacks do this).
    pub body: Vec<u8>,
    /// Body bytes as received on the wire, when known (for the sync report only).
    pub wire_bytes: Option<u64>,
}

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
        core_transport::Transport::send(&self.0, &request.into())
            .map(Into::into)
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
    fn send(
        &self,
        request: &core_transport::HttpRequest,
    ) -> Result<core_transport::HttpResponse, core_transport::TransportError> {
        self.0
            .send(request.clone().into())
            .map(Into::into)
            .map_err(|e| core_transport::TransportError {
                message: e.to_string(),
            })
    }
}

fn headers_to_ffi(headers: Vec<core_transport::Header>) -> Vec<HttpHeader> {
    headers
        .into_iter()
        .map(|h| HttpHeader {
            name: h.name,
            value: h.value,
        })
        .collect()
}

fn headers_to_core(headers: Vec<HttpHeader>) -> Vec<core_transport::Header> {
    headers
        .into_iter()
        .map(|h| core_transport::Header {
            name: h.name,
            value: h.value,
        })
        .collect()
}

impl From<core_transport::HttpRequest> for HttpRequest {
    fn from(r: core_transport::HttpRequest) -> Self {
        HttpRequest {
            url: r.url,
            headers: headers_to_ffi(r.headers),
        }
    }
}

impl From<HttpRequest> for core_transport::HttpRequest {
    fn from(r: HttpRequest) -> Self {
        core_transport::HttpRequest {
            url: r.url,
            headers: headers_to_core(r.headers),
        }
    }
}

impl From<core_transport::HttpResponse> for HttpResponse {
    fn from(r: core_transport::HttpResponse) -> Self {
        HttpResponse {
            status: r.status,
            headers: headers_to_ffi(r.headers),
            body: r.body,
            wire_bytes: r.wire_bytes,
        }
    }
}

impl From<HttpResponse> for core_transport::HttpResponse {
    fn from(r: HttpResponse) -> Self {
        core_transport::HttpResponse {
            status: r.status,
            headers: headers_to_core(r.headers),
            body: r.body,
            wire_bytes: r.wire_bytes,
        }
    }
}
