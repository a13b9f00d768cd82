//! A small loopback HTTP proxy that sits between the CLI and the real server and plays the
//! attacker or the overloaded network: it can flip a byte, replay a recorded older response,
//! re-sign content with another key, or answer 503 with Retry-After. The production server
//! has no such switches; this is the only place they exist.
//!
//! It speaks just enough HTTP/1.1 for the sync client: `GET` without a body, one request per
//! connection (`Connection: close`), identity-encoded answers.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use veiviser_core::sync::canonical::canonical_bytes_for_records;
use veiviser_core::sync::protocol::Changeset;
use veiviser_core::sync::signing::SigningKey;
use veiviser_core::sync::transport::{HttpHeader, HttpRequest, HttpTransport, Transport};

/// A response as the proxy stores and replays it (body decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// The status code.
    pub status: u16,
    /// Headers worth passing on (ETag, Retry-After, Content-Type).
    pub headers: Vec<(String, String)>,
    /// The decoded body.
    pub body: Vec<u8>,
}

/// What the proxy does to traffic.
#[derive(Clone)]
pub enum Mode {
    /// Forward unchanged.
    Pass,
    /// Flip the case of one letter inside the records of every `200` changeset body (the JSON
    /// stays valid; only the signature can tell).
    FlipByte,
    /// For a request whose path starts with one of these prefixes, answer the recorded
    /// response instead of asking the server; forward everything else.
    Replay(Vec<(String, Recorded)>),
    /// Ask the server for a full snapshot, change the first record, and sign the result
    /// properly with this key (an attacker's key, or a trusted key id with the wrong key).
    Resign(Arc<SigningKey>),
    /// Answer every request with `503` and `Retry-After: N` without asking the server.
    Busy(u64),
}

/// A running proxy; stops accepting when dropped.
pub struct Proxy {
    url: String,
    upstream: String,
    mode: Arc<Mutex<Mode>>,
    seen: Arc<Mutex<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proxy").field("url", &self.url).finish()
    }
}

fn transport() -> HttpTransport {
    HttpTransport::new(Duration::from_secs(20))
}

fn fetch(upstream: &str, path: &str, headers: Vec<HttpHeader>) -> Recorded {
    let resp = transport()
        .send(&HttpRequest {
            url: format!("{upstream}{path}"),
            headers,
        })
        .unwrap_or_else(|e| panic!("proxy: upstream {path}: {e}"));
    let keep = ["etag", "retry-after", "content-type"];
    Recorded {
        status: resp.status,
        headers: resp
            .headers
            .iter()
            .filter(|h| keep.contains(&h.name.to_ascii_lowercase().as_str()))
            .map(|h| (h.name.clone(), h.value.clone()))
            .collect(),
        body: resp.body,
    }
}

/// Flips the case of the first ASCII letter of the first string value inside the first
/// record's `"data"` (so ids and the envelope stay intact and the JSON stays valid).
pub fn flip_one_byte(body: &mut [u8]) -> bool {
    let Some(records) = find(body, b"\"records\":[") else {
        return false;
    };
    let Some(data) = find(&body[records..], b"\"data\":") else {
        return false;
    };
    // The first `:"` after the data starts opens a string value; flip a letter inside it.
    let mut i = records + data + 6;
    while i + 2 < body.len() {
        if body[i] == b':' && body[i + 1] == b'"' {
            let mut j = i + 2;
            while j < body.len() && body[j] != b'"' {
                if body[j].is_ascii_alphabetic() {
                    body[j] ^= 0x20;
                    return true;
                }
                j += 1;
            }
            i = j;
        }
        i += 1;
    }
    false
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn resign(body: &[u8], key: &SigningKey) -> Vec<u8> {
    let mut cs: Changeset = serde_json::from_slice(body).expect("a changeset to re-sign");
    assert!(cs.full, "the proxy asks for full snapshots when re-signing");
    if let Some(first) = cs.records.first_mut() {
        first.data = serde_json::json!({"tampered": "by the test proxy"});
    }
    cs.signature.key_id = key.key_id().to_string();
    let bytes =
        canonical_bytes_for_records(&cs.state_header(), &cs.records).expect("unique record ids");
    cs.signature = key.sign_bytes(&bytes);
    serde_json::to_vec(&cs).expect("a changeset serializes")
}

impl Proxy {
    /// Starts a proxy on `127.0.0.1:0` in front of `upstream` (e.g. `http://127.0.0.1:4000`).
    pub fn start(upstream: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        listener.set_nonblocking(true).expect("non-blocking accept");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let proxy = Proxy {
            url,
            upstream: upstream.trim_end_matches('/').to_string(),
            mode: Arc::new(Mutex::new(Mode::Pass)),
            seen: Arc::new(Mutex::new(Vec::new())),
            stop: Arc::new(std::sync::atomic::AtomicBool::new(false)),
        };
        let (upstream, mode, seen, stop) = (
            proxy.upstream.clone(),
            proxy.mode.clone(),
            proxy.seen.clone(),
            proxy.stop.clone(),
        );
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (upstream, mode, seen) = (upstream.clone(), mode.clone(), seen.clone());
                        std::thread::spawn(move || {
                            let _ = handle(stream, &upstream, &mode, &seen);
                        });
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(5));
                    }
                    Err(_) => break,
                }
            }
        });
        proxy
    }

    /// The URL clients should use.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Changes what the proxy does from the next request on.
    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().expect("mode lock") = mode;
    }

    /// Every request path (with query) received so far, in order.
    pub fn requests(&self) -> Vec<String> {
        self.seen.lock().expect("seen lock").clone()
    }

    /// Fetches `path` from the server now and keeps it, to replay later.
    pub fn record(&self, path: &str) -> Recorded {
        fetch(&self.upstream, path, vec![])
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

fn handle(
    stream: TcpStream,
    upstream: &str,
    mode: &Mutex<Mode>,
    seen: &Mutex<Vec<String>>,
) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut headers = BTreeMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    seen.lock().expect("seen lock").push(path.clone());
    let forwarded: Vec<HttpHeader> = headers
        .get("if-none-match")
        .map(|v| HttpHeader {
            name: "If-None-Match".into(),
            value: v.clone(),
        })
        .into_iter()
        .collect();

    let mode = mode.lock().expect("mode lock").clone();
    let response = match mode {
        Mode::Pass => fetch(upstream, &path, forwarded),
        Mode::Busy(secs) => Recorded {
            status: 503,
            headers: vec![("Retry-After".into(), secs.to_string())],
            body: br#"{"error":"busy","message":"the test proxy says: try later"}"#.to_vec(),
        },
        Mode::FlipByte => {
            let mut r = fetch(upstream, &path, forwarded);
            if r.status == 200 && path.contains("/changeset") {
                assert!(flip_one_byte(&mut r.body), "no letter to flip in {path}");
            }
            r
        }
        Mode::Replay(recorded) => match recorded.iter().find(|(p, _)| path.starts_with(p)) {
            Some((_, r)) => r.clone(),
            None => fetch(upstream, &path, forwarded),
        },
        Mode::Resign(key) => {
            if path.contains("/changeset") {
                let full_path = path.split('?').next().unwrap_or(&path).to_string();
                let mut r = fetch(upstream, &full_path, vec![]);
                if r.status == 200 {
                    r.body = resign(&r.body, &key);
                }
                r
            } else {
                fetch(upstream, &path, forwarded)
            }
        }
    };
    write_response(stream, &response)
}

fn write_response(mut stream: TcpStream, r: &Recorded) -> std::io::Result<()> {
    let reason = match r.status {
        200 => "OK",
        304 => "Not Modified",
        503 => "Service Unavailable",
        _ => "Status",
    };
    let mut head = format!("HTTP/1.1 {} {reason}\r\n", r.status);
    for (name, value) in &r.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    let body: &[u8] = if r.status == 304 { &[] } else { &r.body };
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flipping_changes_exactly_one_letter_inside_the_records() {
        let original = br#"{"collection":"guides","records":[{"id":"a","data":{"nb":"Hei"}}]}"#;
        let mut body = original.to_vec();
        assert!(flip_one_byte(&mut body));
        let diff: Vec<usize> = (0..body.len())
            .filter(|&i| body[i] != original[i])
            .collect();
        assert_eq!(diff.len(), 1);
        assert!(serde_json::from_slice::<serde_json::Value>(&body).is_ok());
        assert!(!flip_one_byte(&mut br#"{"x":1}"#.to_vec()));
    }
}
