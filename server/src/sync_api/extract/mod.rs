//! Typed extractors for the sync endpoints: each reads one part of the request, and a request
//! it cannot accept is refused with a typed rejection that answers as an
//! [`AppError`](crate::sync_api::error::AppError) (the protocol's JSON error body).
//!
//! | extractor | reads | rejection |
//! |---|---|---|
//! | [`CollectionName`] | path `{collection}` | [`UnknownCollectionRejection`] → `404 not_found` |
//! | [`Since`] | query: only `since=N` | [`SinceRejection`] → `400 bad_request` |
//! | [`NoQuery`] | query: none at all | [`NoQueryRejection`] → `400 bad_request` |
//! | [`IfNoneMatch`] | `If-None-Match` | none (an unreadable value matches nothing) |
//! | [`AcceptEncoding`] | `Accept-Encoding` | none (an unreadable value means identity) |

mod accept_encoding;
mod collection;
mod if_none_match;
mod no_query;
mod since;

pub use accept_encoding::AcceptEncoding;
pub use collection::{CollectionName, UnknownCollectionRejection};
pub use if_none_match::{any_matches, IfNoneMatch};
pub use no_query::{NoQuery, NoQueryRejection};
pub use since::{Since, SinceRejection};

/// The `key=value` pairs of a raw query string (no percent-decoding: the protocol's only
/// parameter is a plain integer), skipping empty pairs.
fn query_pairs(query: Option<&str>) -> impl Iterator<Item = (&str, &str)> {
    query
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}
