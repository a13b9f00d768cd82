//! The sync side: the anonymous HTTP protocol devices poll (`docs/protocol.md`).
//!
//! - [`router`]: `fn app(state) -> Router`, shared by [`serve`] and the tests;
//! - [`routes`]: one handler per endpoint, taking typed [`extract`]ors (a request they cannot
//!   accept is refused before the handler runs) and answering [`error::AppError`] on failure;
//! - [`answer`]: the two sync endpoints' answers, shared by the routes and by [`fast_path`],
//!   which answers the sync `GET`s in the connection layer ahead of the router (no routing,
//!   extractor or middleware per request; anything it does not take goes to the router);
//! - [`limit`]: the load-shedding limiter, a tower layer over the `/v1/` routes (and used
//!   directly by [`fast_path`]);
//! - [`served`]: what is served (the indexed published content with precomputed
//!   [`encoded`] bodies and header maps; deltas built once per base revision in the
//!   [`delta_cache`]), and [`respond`] turns those into responses;
//! - [`state`]: what every handler shares; [`serve`]: start-up checks, the listener and the
//!   rescan for newly published content; [`connections`]: accepting connections within a
//!   cap, with a header-read timeout, and serving HTTP/1.1 on them, over a
//!   [`sendfile_stream`] that sends the mid-sized precomputed bodies ([`body_files`]) with
//!   `sendfile`, as nginx sends a static file;
//! - [`request_log`]: the one request log line (method, route template, status, latency).
//!
//! Requests carry nothing about the device or its user, and the logs keep it that way: no
//! client address, port, query string or unrouted path is logged at any level (see
//! [`request_log`] and `cli::logging`). Nothing here writes content: the sync side only reads
//! what [`crate::publishing`] has published.

pub mod answer;
pub mod body_files;
pub mod connections;
pub mod delta_cache;
pub mod encoded;
pub mod error;
pub mod extract;
pub mod fast_path;
pub mod limit;
pub mod request_log;
pub mod respond;
pub mod router;
pub mod routes;
pub mod sendfile_stream;
pub mod serve;
pub mod served;
pub mod state;
