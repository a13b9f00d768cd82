//! The `If-None-Match` header: the ETags the client already has.

use axum::extract::FromRequestParts;
use axum::http::header::{self, Entry};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use std::convert::Infallible;

/// Every `If-None-Match` value of the request (moved out of it, not copied).
#[derive(Debug, Clone, Default)]
pub struct IfNoneMatch(Vec<HeaderValue>);

impl IfNoneMatch {
    /// The header values as given.
    pub fn new(values: Vec<HeaderValue>) -> Self {
        IfNoneMatch(values)
    }

    /// Whether any value matches `etag` (weak comparison; `*` matches anything).
    pub fn matches(&self, etag: &str) -> bool {
        any_matches(&self.0, etag)
    }
}

/// Whether any of these `If-None-Match` values matches `etag` (weak comparison; `*` matches
/// anything; an unreadable value matches nothing).
pub fn any_matches<'a>(values: impl IntoIterator<Item = &'a HeaderValue>, etag: &str) -> bool {
    fn bare(tag: &str) -> &str {
        let tag = tag.trim();
        tag.strip_prefix("W/").unwrap_or(tag)
    }
    let want = bare(etag);
    values.into_iter().any(|v| {
        // The common case first: the one ETag the client was sent, as sent.
        v.as_bytes() == etag.as_bytes()
            || v.to_str()
                .is_ok_and(|v| v.split(',').any(|t| t.trim() == "*" || bare(t) == want))
    })
}

impl<S: Send + Sync> FromRequestParts<S> for IfNoneMatch {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(match parts.headers.entry(header::IF_NONE_MATCH) {
            Entry::Occupied(e) => IfNoneMatch(e.remove_entry_mult().1.collect()),
            Entry::Vacant(_) => IfNoneMatch::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inm(values: &[&'static str]) -> IfNoneMatch {
        IfNoneMatch::new(values.iter().map(|v| HeaderValue::from_static(v)).collect())
    }

    #[test]
    fn weak_and_star_and_lists_match() {
        let etag = "\"guides-4-abc\"";
        assert!(!inm(&[]).matches(etag));
        assert!(inm(&["\"guides-4-abc\""]).matches(etag));
        assert!(inm(&["W/\"guides-4-abc\""]).matches(etag));
        assert!(inm(&["\"x\", \"guides-4-abc\""]).matches(etag));
        assert!(inm(&["\"x\"", "\"guides-4-abc\""]).matches(etag));
        assert!(inm(&["*"]).matches(etag));
        assert!(!inm(&["\"guides-3-abc\""]).matches(etag));
    }
}
