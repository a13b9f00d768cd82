//! The connection layer under the router: accepting TCP connections within a cap, timing out
//! slow or idle ones, and serving HTTP/1.1 on them with hyper: each request goes to the
//! [`Handler`] (the sync fast path when it takes the request, else the router), and each
//! response goes out through a [`SendfileStream`] (mid-sized published bodies by `sendfile`).
//!
//! Three rules keep idle and slowloris clients from starving the server of sockets and file
//! descriptors (so `/healthz` and real devices keep being answered):
//! - **header-read timeout** ([`ConnectionLimits::header_read_timeout`]): a request head must
//!   have arrived completely within this time from when the server starts waiting for it
//!   (the connection was opened, or the previous response was sent). This is also the
//!   keep-alive idle timeout: a connection that sends no next request is closed after it;
//! - **connection cap** ([`ConnectionLimits::max_connections`], below the open-file limit):
//!   a connection over the cap closes the *oldest idle* connection (one with no request in
//!   progress and no response being sent: an idle, keep-alive or slowloris socket) to make
//!   room; when every connection is busy answering, the new one is closed at once;
//! - accept errors (e.g. out of file descriptors) pause the accept loop for a moment instead
//!   of spinning.
//!
//! Nothing here logs or keeps a client's address.

use crate::sync_api::body_files::BodyFiles;
use crate::sync_api::fast_path::{SyncRoute, SyncRoutes};
use crate::sync_api::sendfile_stream::SendfileStream;
use axum::body::Bytes;
use axum::response::Response;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::collections::BTreeMap;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify};

/// Connection limits of `serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Connections open at once; more close the oldest idle one (or are closed).
    pub max_connections: usize,
    /// Time for a complete request head (and the keep-alive idle timeout).
    pub header_read_timeout: Duration,
}

/// File descriptors kept free for the data folder, the database and the runtime.
pub const RESERVED_FILES: u64 = 128;

/// The header-read (and keep-alive idle) timeout when none is given: 10 seconds.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// The process's open-file limit (soft), when the platform tells it.
pub fn open_file_limit() -> Option<u64> {
    #[cfg(unix)]
    {
        rustix::process::getrlimit(rustix::process::Resource::Nofile).current
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The connection cap for a file limit: the limit less [`RESERVED_FILES`], at least 16;
/// 16,384 when the limit is unknown or unlimited.
pub fn cap_for_file_limit(limit: Option<u64>) -> usize {
    match limit {
        Some(n) => usize::try_from(n.saturating_sub(RESERVED_FILES).max(16))
            .unwrap_or(usize::MAX)
            .min(1 << 20),
        None => 16_384,
    }
}

impl ConnectionLimits {
    /// The defaults: the cap from this process's file limit, a 10-second header timeout.
    pub fn for_this_process() -> Self {
        ConnectionLimits {
            max_connections: cap_for_file_limit(open_file_limit()),
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
        }
    }
}

/// One open connection, as the cap sees it.
#[derive(Debug, Default)]
struct Open {
    /// Requests in progress on it.
    busy: AtomicUsize,
    /// Told when the cap closes this connection.
    close: Notify,
}

/// The open connections, oldest first (ids grow).
#[derive(Debug)]
pub struct Connections {
    max: usize,
    next_id: AtomicU64,
    open: Mutex<BTreeMap<u64, Arc<Open>>>,
    evicted: AtomicU64,
    refused: AtomicU64,
}

impl Connections {
    /// An empty set admitting `max` connections.
    pub fn new(max: usize) -> Arc<Self> {
        Arc::new(Connections {
            max: max.max(1),
            next_id: AtomicU64::new(0),
            open: Mutex::new(BTreeMap::new()),
            evicted: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        })
    }

    /// Connections open now.
    pub fn len(&self) -> usize {
        self.open.lock().expect("connections").len()
    }

    /// Whether none is open.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Idle connections closed to make room so far.
    pub fn evicted(&self) -> u64 {
        self.evicted.load(Ordering::Relaxed)
    }

    /// New connections closed because every open one was busy.
    pub fn refused(&self) -> u64 {
        self.refused.load(Ordering::Relaxed)
    }

    /// Admits a new connection, closing the oldest idle one when at the cap; `None` when
    /// every open connection is busy.
    fn admit(&self) -> Option<(u64, Arc<Open>)> {
        let mut open = self.open.lock().expect("connections");
        if open.len() >= self.max {
            let oldest_idle = open
                .iter()
                .find(|(_, c)| c.busy.load(Ordering::Acquire) == 0)
                .map(|(id, _)| *id);
            match oldest_idle.and_then(|id| open.remove(&id)) {
                Some(victim) => {
                    victim.close.notify_one();
                    self.evicted.fetch_add(1, Ordering::Relaxed);
                }
                None => {
                    self.refused.fetch_add(1, Ordering::Relaxed);
                    return None;
                }
            }
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let conn = Arc::new(Open::default());
        open.insert(id, conn.clone());
        Some((id, conn))
    }

    fn remove(&self, id: u64) {
        self.open.lock().expect("connections").remove(&id);
    }
}

/// Counts one request in progress on a connection.
struct Busy(Arc<Open>);

impl Busy {
    fn new(conn: &Arc<Open>) -> Self {
        conn.busy.fetch_add(1, Ordering::AcqRel);
        Busy(conn.clone())
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

/// What each connection serves: the router, optionally with the sync fast path ahead of it
/// (see [`crate::sync_api::fast_path`]).
#[derive(Clone)]
pub struct Handler {
    router: Router,
    sync: Option<Arc<SyncRoutes>>,
    files: Option<Arc<BodyFiles>>,
}

impl Handler {
    /// `router`, with `sync` answering the sync requests it takes before the router sees them
    /// (and its mid-sized bodies sent from their files, see [`SendfileStream`]).
    pub fn new(router: Router, sync: Option<SyncRoutes>) -> Self {
        Handler {
            router,
            files: sync.as_ref().map(SyncRoutes::body_files),
            sync: sync.map(Arc::new),
        }
    }

    /// Answers one request.
    async fn answer(&self, mut request: hyper::Request<Incoming>, peer: SocketAddr) -> Response {
        if let Some(sync) = &self.sync {
            if let Some(route) = SyncRoute::of(request.method(), request.uri()) {
                return sync.answer(route, request.headers()).await;
            }
        }
        // The peer address, for the admin side's failed-login limiter (never logged).
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        let Ok(response) =
            tower::Service::call(&mut self.router.clone(), request.map(axum::body::Body::new))
                .await;
        response
    }
}

impl From<Router> for Handler {
    fn from(router: Router) -> Self {
        Handler::new(router, None)
    }
}

/// A response body that keeps its connection counted busy until it is sent.
struct Counted {
    body: axum::body::Body,
    _busy: Busy,
}

impl http_body::Body for Counted {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// Serves `handler` (a [`Router`], or a [`Handler`] with the sync fast path) on `listener`
/// within `limits` until `shutdown` completes; then stops accepting, lets connections finish
/// their current request (at most 10 seconds) and returns.
pub async fn serve_connections(
    listener: TcpListener,
    handler: impl Into<Handler>,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let handler = handler.into();
    let connections = Connections::new(limits.max_connections);
    let (stop_tx, stop_rx) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            _ = &mut shutdown => break,
        };
        let (tcp, peer) = match accepted {
            Ok(accepted) => accepted,
            Err(e) => {
                // Out of file descriptors or a connection reset before accept: wait a moment.
                tracing::warn!("cannot accept a connection: {}", e.kind());
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Some((id, conn)) = connections.admit() else {
            drop(tcp);
            continue;
        };
        // No Nagle delay: a response's last segment must not wait for the client's ACK.
        let _ = tcp.set_nodelay(true);
        let handler = handler.clone();
        let files = handler.files.clone();
        let connections = connections.clone();
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let service = {
                let conn = conn.clone();
                hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
                    let busy = Busy::new(&conn);
                    let handler = handler.clone();
                    async move {
                        let response = handler.answer(request, peer).await;
                        // Busy until the body is sent: the cap never cuts a response short.
                        Ok::<_, Infallible>(response.map(|body| Counted { body, _busy: busy }))
                    }
                })
            };
            let http = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .serve_connection(TokioIo::new(SendfileStream::new(tcp, files)), service);
            tokio::pin!(http);
            tokio::select! {
                // In order: the connection first (polled on every wake-up), then the rare ones.
                biased;
                _ = http.as_mut() => {}
                _ = conn.close.notified() => {}
                _ = async { stop.wait_for(|s| *s).await.is_ok() } => {
                    http.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_secs(10), http).await;
                }
            }
            connections.remove(id);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(11);
    while !connections.is_empty() && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_closes_the_oldest_idle_connection_and_refuses_when_all_are_busy() {
        let c = Connections::new(2);
        let (a, ca) = c.admit().unwrap();
        let (_b, cb) = c.admit().unwrap();
        let _busy_b = Busy::new(&cb);
        let (_c, _) = c.admit().unwrap();
        assert_eq!((c.len(), c.evicted()), (2, 1));
        assert!(
            !c.open.lock().unwrap().contains_key(&a),
            "a was the oldest idle"
        );
        drop(ca);
        let _busy_c = Busy::new(&c.open.lock().unwrap().values().nth(1).unwrap().clone());
        assert!(c.admit().is_none(), "every connection is busy");
        assert_eq!(c.refused(), 1);
    }

    #[test]
    fn the_cap_stays_below_the_file_limit() {
        assert_eq!(cap_for_file_limit(Some(1024)), 896);
        assert_eq!(cap_for_file_limit(Some(100)), 16);
        assert_eq!(cap_for_file_limit(None), 16_384);
        assert_eq!(cap_for_file_limit(Some(u64::MAX)), 1 << 20);
    }
}
