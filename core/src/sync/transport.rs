//! How sync requests reach the server: a small object-safe trait (bytes in, status + headers +
//! bytes out) that the apps implement with their platform HTTP stack, and a default blocking
//! HTTP transport for the CLI and the tests (feature `http-transport`).
//!
//! Transports return the *decoded* body (after gzip/zstd), and report how many body bytes
//! crossed the wire when they know it.

use std::fmt;

/// One HTTP header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpHeader {
    /// The header name (compare case-insensitively).
    pub name: String,
    /// The header value.
    pub value: String,
}

/// A request the sync engine wants sent. Always a `GET` without a body.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpRequest {
    /// The absolute URL, e.g. `http://127.0.0.1:8080/v1/latest`.
    pub url: String,
    /// Headers to send (e.g. `If-None-Match`, `Accept-Encoding`).
    pub headers: Vec<HttpHeader>,
}

/// What came back.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpResponse {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: Vec<HttpHeader>,
    /// The body, already decoded from any `Content-Encoding`.
    pub body: Vec<u8>,
    /// Body bytes as received on the wire (compressed size), when the transport knows it.
    pub wire_bytes: Option<u64>,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

/// The request could not be completed: no connection, timeout, broken body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    /// What went wrong (no personal data; it may be logged).
    pub message: String,
    /// The answer arrived but its compressed body does not decode: it was altered or damaged
    /// in transit (an integrity failure, not an unreachable server).
    pub damaged_body: bool,
}

impl TransportError {
    /// The request could not be completed (no connection, timeout, a cut-off body).
    pub fn new(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            damaged_body: false,
        }
    }

    /// The body arrived but does not decode (a gzip or zstd stream that was tampered with).
    pub fn damaged_body(message: impl Into<String>) -> Self {
        TransportError {
            message: message.into(),
            damaged_body: true,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

/// Sends one request and returns the response; implemented by each platform.
///
/// Object-safe and `Send + Sync`, so the FFI layer can hand in a foreign implementation as
/// `Arc<dyn Transport>`. Non-2xx statuses are responses, not errors.
pub trait Transport: Send + Sync {
    /// Sends `request` and waits for the whole response.
    fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Whether [`Transport::send`] may be called from several threads at once: a sync then
    /// fetches the changesets of all changed collections concurrently (one round trip instead
    /// of one per collection on a slow link). `false` unless the implementation says so, so
    /// an app's transport is called one request at a time, as the README promises.
    fn concurrent(&self) -> bool {
        false
    }
}

#[cfg(feature = "http-transport")]
pub use http::HttpTransport;

#[cfg(feature = "http-transport")]
mod http {
    use super::{HttpHeader, HttpRequest, HttpResponse, Transport, TransportError};
    use std::io::Read;
    use std::time::Duration;

    /// Largest response body accepted, compressed or decoded (the whole national register
    /// is a few MB).
    const MAX_BODY: u64 = 64 * 1024 * 1024;

    /// The default blocking HTTP/1.1 transport (ureq), with gzip and zstd decoding.
    ///
    /// Plain `http://` only: content is signed end to end, and requests carry nothing about
    /// the user, so TLS adds no integrity here; a deployment that wants it supplies a
    /// transport of its own (the apps use their platform's HTTPS stack).
    #[derive(Debug)]
    pub struct HttpTransport {
        agent: ureq::Agent,
    }

    impl Default for HttpTransport {
        fn default() -> Self {
            Self::new(Duration::from_secs(30))
        }
    }

    impl HttpTransport {
        /// A transport whose requests give up after `timeout`.
        pub fn new(timeout: Duration) -> Self {
            let config = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .timeout_global(Some(timeout))
                .timeout_connect(Some(Duration::from_secs(10)))
                .user_agent(concat!("veiviser/", env!("CARGO_PKG_VERSION")))
                .accept_encoding("zstd, gzip")
                .max_redirects(3)
                .build();
            HttpTransport {
                agent: ureq::Agent::new_with_config(config),
            }
        }
    }

    fn decode(encoding: Option<&str>, raw: Vec<u8>) -> Result<Vec<u8>, TransportError> {
        let bad = |what: &str, e: std::io::Error| {
            TransportError::damaged_body(format!("the server sent a broken {what} body: {e}"))
        };
        match encoding.map(|e| e.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("identity") => Ok(raw),
            Some("gzip") | Some("x-gzip") => {
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(raw.as_slice())
                    .take(MAX_BODY + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| bad("gzip", e))?;
                check_size(out.len() as u64)?;
                Ok(out)
            }
            Some("zstd") => {
                let mut out = Vec::new();
                zstd::stream::read::Decoder::new(raw.as_slice())
                    .map_err(|e| bad("zstd", e))?
                    .take(MAX_BODY + 1)
                    .read_to_end(&mut out)
                    .map_err(|e| bad("zstd", e))?;
                check_size(out.len() as u64)?;
                Ok(out)
            }
            Some(other) => Err(TransportError::new(format!(
                "the server used an unsupported Content-Encoding `{other}`"
            ))),
        }
    }

    fn check_size(n: u64) -> Result<(), TransportError> {
        if n > MAX_BODY {
            return Err(TransportError::new(format!(
                "the server's answer is larger than {MAX_BODY} bytes"
            )));
        }
        Ok(())
    }

    impl Transport for HttpTransport {
        /// ureq's agent is shared by threads and pools its connections.
        fn concurrent(&self) -> bool {
            true
        }

        fn send(&self, request: &HttpRequest) -> Result<HttpResponse, TransportError> {
            if request.url.starts_with("https://") {
                return Err(TransportError::new(format!(
                        "{}: this build's HTTP client speaks plain http:// only (content is signed, so integrity does not depend on TLS); use an http:// URL",
                        request.url
                    )));
            }
            let mut builder = self.agent.get(&request.url);
            for h in &request.headers {
                builder = builder.header(h.name.as_str(), h.value.as_str());
            }
            let mut response = builder
                .call()
                .map_err(|e| TransportError::new(format!("{}: {e}", request.url)))?;
            let status = response.status().as_u16();
            let headers: Vec<HttpHeader> = response
                .headers()
                .iter()
                .map(|(name, value)| HttpHeader {
                    name: name.as_str().to_string(),
                    value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
                })
                .collect();
            let raw = response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map_err(|e| {
                    TransportError::new(format!("{}: reading the answer: {e}", request.url))
                })?;
            let wire_bytes = raw.len() as u64;
            let encoding = headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case("content-encoding"))
                .map(|h| h.value.clone());
            let body = decode(encoding.as_deref(), raw)?;
            Ok(HttpResponse {
                status,
                headers,
                body,
                wire_bytes: Some(wire_bytes),
            })
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use std::io::Write;

        #[test]
        fn decodes_gzip_and_zstd_and_refuses_unknown_encodings() {
            let text = b"{\"hello\":\"verden\"}".repeat(50);
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(&text).unwrap();
            let gz = gz.finish().unwrap();
            assert_eq!(decode(Some("gzip"), gz.clone()).unwrap(), text);
            let zs = zstd::encode_all(text.as_slice(), 3).unwrap();
            assert_eq!(decode(Some("zstd"), zs).unwrap(), text);
            assert_eq!(decode(None, text.clone()).unwrap(), text);
            assert!(decode(Some("br"), gz.clone()).is_err());
            let mut broken = gz;
            broken.truncate(10);
            assert!(decode(Some("gzip"), broken).is_err());
        }

        #[test]
        fn an_unreachable_server_is_a_transport_error() {
            // A port that was just free: bind, note it, close it.
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let t = HttpTransport::new(Duration::from_secs(5));
            let url = format!("http://127.0.0.1:{port}/v1/latest");
            let err = t
                .send(&HttpRequest {
                    url: url.clone(),
                    headers: vec![],
                })
                .unwrap_err();
            assert!(err.message.contains(&url), "{err}");
        }
    }
}
