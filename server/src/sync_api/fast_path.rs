//! The sync endpoints answered by the connection layer ahead of the router: a `GET` of
//! `/v1/latest` or `/v1/collections/{collection}/changeset` with a query the endpoint accepts
//! goes straight from hyper's request to the shared [`answer`] (no routing, extractor,
//! middleware or per-request header building), behind the same load-shedding [`Limiter`]
//! and with the same debug-level request log line. Anything else (another method, a query or
//! path the endpoint refuses, every other route) goes to the router, which answers it as
//! before; so the bytes and headers a client gets do not depend on which path answered.
//!
//! [`Limiter`]: crate::sync_api::limit::Limiter

use crate::sync_api::answer;
use crate::sync_api::encoded::Encoding;
use crate::sync_api::extract::{any_matches, Since};
use crate::sync_api::request_log::log_line;
use crate::sync_api::state::AppState;
use axum::http::{header, HeaderMap, Method, Uri};
use axum::response::{IntoResponse, Response};
use std::time::Instant;
use veiviser_core::sync::protocol::Collection;

/// The route of `/v1/latest` (the router's and the fast path's).
pub const LATEST: &str = "/v1/latest";
/// The route template of a collection's changeset (the router's and the fast path's).
pub const CHANGESET: &str = "/v1/collections/{collection}/changeset";
/// What precedes the collection in a changeset path.
const CHANGESET_PREFIX: &str = "/v1/collections/";
/// What follows it.
const CHANGESET_SUFFIX: &str = "/changeset";

/// A sync request the fast path answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncRoute {
    /// `GET /v1/latest` without a query.
    Latest,
    /// `GET /v1/collections/{collection}/changeset` with no query or a valid `since`.
    Changeset {
        /// The collection named by the path.
        collection: Collection,
        /// The client's `since`.
        since: Option<u64>,
    },
}

impl SyncRoute {
    /// The route of a request the fast path answers exactly as the router would; `None` for
    /// anything else (the router answers those).
    pub fn of(method: &Method, uri: &Uri) -> Option<SyncRoute> {
        if method != Method::GET {
            return None;
        }
        let path = uri.path();
        if path == LATEST {
            return uri.query().is_none().then_some(SyncRoute::Latest);
        }
        let collection = path
            .strip_prefix(CHANGESET_PREFIX)?
            .strip_suffix(CHANGESET_SUFFIX)?
            .parse()
            .ok()?;
        let since = Since::parse(uri.query()).ok()?.0;
        Some(SyncRoute::Changeset { collection, since })
    }

    /// The route template, as the request log names it.
    pub fn template(self) -> &'static str {
        match self {
            SyncRoute::Latest => LATEST,
            SyncRoute::Changeset { .. } => CHANGESET,
        }
    }
}

/// Answers [`SyncRoute`]s from the served content.
#[derive(Clone)]
pub struct SyncRoutes {
    state: AppState,
    log: bool,
}

impl SyncRoutes {
    /// Answers from `state`; logs a line per request when debug logging is enabled now (as the
    /// router decides when it is built).
    pub fn new(state: AppState) -> Self {
        SyncRoutes {
            state,
            log: tracing::enabled!(tracing::Level::DEBUG),
        }
    }

    /// The served content's mid-sized bodies, mirrored in files (for the connection layer).
    pub fn body_files(&self) -> std::sync::Arc<crate::sync_api::body_files::BodyFiles> {
        self.state.content.body_files()
    }

    /// The answer to `route`, given the request's headers: `503` + `Retry-After` when the
    /// limiter is full, else what the router's handler would answer.
    pub async fn answer(&self, route: SyncRoute, headers: &HeaderMap) -> Response {
        let started = self.log.then(Instant::now);
        let response = match self.state.limiter.enter() {
            Err(busy) => busy.into_response(),
            Ok(_permit) => {
                let encoding = Encoding::negotiate(
                    headers
                        .get(header::ACCEPT_ENCODING)
                        .and_then(|v| v.to_str().ok()),
                );
                let client_has =
                    |etag: &str| any_matches(headers.get_all(header::IF_NONE_MATCH), etag);
                match route {
                    SyncRoute::Latest => answer::latest(&self.state.content, client_has, encoding),
                    SyncRoute::Changeset { collection, since } => answer::changeset(
                        &self.state.content,
                        collection,
                        since,
                        client_has,
                        encoding,
                    )
                    .await
                    .unwrap_or_else(IntoResponse::into_response),
                }
            }
        };
        if let Some(started) = started {
            log_line("GET", route.template(), response.status(), started);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(method: Method, uri: &str) -> Option<SyncRoute> {
        SyncRoute::of(&method, &uri.parse().unwrap())
    }

    #[test]
    fn the_changeset_template_is_its_prefix_a_parameter_and_its_suffix() {
        assert_eq!(
            CHANGESET,
            format!("{CHANGESET_PREFIX}{{collection}}{CHANGESET_SUFFIX}")
        );
    }

    #[test]
    fn only_accepted_sync_gets_take_the_fast_path() {
        assert_eq!(route(Method::GET, "/v1/latest"), Some(SyncRoute::Latest));
        assert_eq!(
            route(Method::GET, "/v1/collections/guides/changeset?since=7"),
            Some(SyncRoute::Changeset {
                collection: Collection::Guides,
                since: Some(7)
            })
        );
        assert_eq!(
            route(Method::GET, "/v1/collections/places/changeset"),
            Some(SyncRoute::Changeset {
                collection: Collection::Places,
                since: None
            })
        );
        for (method, uri) in [
            (Method::HEAD, "/v1/latest"),
            (Method::POST, "/v1/latest"),
            (Method::GET, "/v1/latest?"),
            (Method::GET, "/v1/latest?x=1"),
            (Method::GET, "/v1/latest/"),
            (Method::GET, "/v1/collections/nope/changeset"),
            (Method::GET, "/v1/collections/gu%69des/changeset"),
            (Method::GET, "/v1/collections/guides/changeset?since=x"),
            (
                Method::GET,
                "/v1/collections/guides/changeset?since=1&since=2",
            ),
            (Method::GET, "/v1/collections/guides/changeset/"),
            (Method::GET, "/v1/collections//changeset"),
            (Method::GET, "/healthz"),
        ] {
            assert_eq!(route(method.clone(), uri), None, "{method} {uri}");
        }
    }
}
