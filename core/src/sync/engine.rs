//! The sans-I/O heart of the client sync: builds requests and reads responses.
//!
//! Nothing here touches the network, the disk or the clock; the driver in
//! ([`DeviceContent::sync`](crate::device::DeviceContent::sync)) sends what these functions build through a
//! [`Transport`](crate::sync::transport::Transport) and applies what they decide to the store.
//! Every decision is a plain function of its
//! inputs, so it is tested without a server.

use crate::error::{Error, IntegrityError, Result, StorageError, SyncError};
use crate::sync::canonical::StateHeader;
use crate::sync::protocol::{ApiError, Changeset, Collection, Latest, SignatureInfo, LATEST_PATH};
use crate::sync::transport::{HttpHeader, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the device stores beside a collection's records (the head metadata, as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalState {
    /// The collection.
    pub collection: Collection,
    /// Format version of its records.
    pub schema_version: u32,
    /// The server sequence of the stored state.
    pub sequence: u64,
    /// When the stored state was published.
    pub published_at: DateTime<Utc>,
    /// The signature over the stored full state.
    pub signature: SignatureInfo,
    /// The public key (base64) that verified it when it was stored, so damage on disk can be
    /// detected later even if the trusted-key list has changed since.
    pub verified_with: String,
    /// The changeset response's `ETag`, sent back as `If-None-Match`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// Where it came from: `bundled` or the server URL.
    pub source: String,
    /// The store's digest of the records the signature was verified over
    /// (`store::Staged::digest`): at open, matching it against the live generation's digest
    /// stands in for verifying the signature again (ADR 0010). Absent in states stored by
    /// older builds, which are verified in full.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_digest: Option<String>,
    /// How many records the stored state holds ("content as of" shows it without reading
    /// them). Absent in states stored by older builds, which count the records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
}

impl LocalState {
    /// The header the signature is bound to.
    pub fn header(&self) -> StateHeader {
        StateHeader {
            collection: self.collection,
            schema_version: self.schema_version,
            sequence: self.sequence,
            published_at: self.published_at,
            key_id: self.signature.key_id.clone(),
        }
    }

    /// Encodes the state for the store's head metadata.
    pub fn to_meta(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("local state always serializes")
    }

    /// Decodes head metadata; damage is a storage error.
    pub fn from_meta(collection: &str, meta: &[u8]) -> Result<Self> {
        serde_json::from_slice(meta).map_err(|e| {
            Error::Storage(StorageError::Damaged(format!(
                "the stored state of {collection} is damaged ({e}); it will be rebuilt"
            )))
        })
    }
}

fn header(name: &str, value: impl Into<String>) -> HttpHeader {
    HttpHeader {
        name: name.to_string(),
        value: value.into(),
    }
}

fn url(server: &str, path: &str) -> String {
    format!("{}{path}", server.trim_end_matches('/'))
}

/// The cheap poll: `GET /v1/latest`, conditional on the last poll's ETag.
pub fn poll_request(server: &str, etag: Option<&str>) -> HttpRequest {
    let mut headers = vec![header("Accept", "application/json")];
    if let Some(etag) = etag {
        headers.push(header("If-None-Match", etag));
    }
    HttpRequest {
        url: url(server, LATEST_PATH),
        headers,
    }
}

/// The changeset request for `collection` from sequence `since` (`None`: a full snapshot).
pub fn changeset_request(
    server: &str,
    collection: Collection,
    since: Option<u64>,
    etag: Option<&str>,
) -> HttpRequest {
    let mut headers = vec![header("Accept", "application/json")];
    if let Some(etag) = etag {
        headers.push(header("If-None-Match", etag));
    }
    HttpRequest {
        url: url(server, &collection.changeset_path(since)),
        headers,
    }
}

/// The longest wait a `Retry-After` can impose: 24 h. The header is unsigned, so anyone on
/// the path can send it; a longer value (or a deadline saved by an older build) is cut to this.
pub const MAX_BACKOFF_SECONDS: u64 = 24 * 60 * 60;

/// The wait when a busy answer has no usable `Retry-After`.
pub const DEFAULT_BACKOFF_SECONDS: u64 = 60;

/// The seconds a `Retry-After` header asks for (delta-seconds or an HTTP date), relative to
/// `now`, at most [`MAX_BACKOFF_SECONDS`]. Unparseable values fall back to
/// [`DEFAULT_BACKOFF_SECONDS`]; a date in the past is 0.
pub fn retry_after_seconds(value: &str, now: DateTime<Utc>) -> u64 {
    let value = value.trim();
    let seconds = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Too many digits for a u64 is still "very long": the cap.
        value.parse::<u64>().unwrap_or(MAX_BACKOFF_SECONDS)
    } else {
        match DateTime::parse_from_rfc2822(value) {
            Ok(at) => u64::try_from(
                at.with_timezone(&Utc)
                    .signed_duration_since(now)
                    .num_seconds(),
            )
            .unwrap_or(0),
            Err(_) => DEFAULT_BACKOFF_SECONDS,
        }
    };
    seconds.min(MAX_BACKOFF_SECONDS)
}

/// The instant `seconds` after `now`, never past `now` + [`MAX_BACKOFF_SECONDS`] (checked
/// arithmetic: no input can overflow it).
pub fn backoff_deadline(now: DateTime<Utc>, seconds: u64) -> DateTime<Utc> {
    let seconds = seconds.min(MAX_BACKOFF_SECONDS) as i64;
    chrono::TimeDelta::try_seconds(seconds)
        .and_then(|d| now.checked_add_signed(d))
        .unwrap_or(now)
}

/// The seconds still to wait for a saved backoff `until`, or `None` when it has passed. A
/// deadline more than [`MAX_BACKOFF_SECONDS`] ahead (saved by an older build, or the clock
/// was turned back) counts as the cap.
pub fn backoff_remaining(until: DateTime<Utc>, now: DateTime<Utc>) -> Option<u64> {
    let left = until.signed_duration_since(now).num_seconds();
    (left > 0).then(|| (left as u64).min(MAX_BACKOFF_SECONDS))
}

/// Turns a non-success status into the error the user sees; `Ok` for 2xx and 304.
pub fn check_status(resp: &HttpResponse, what: &str, now: DateTime<Utc>) -> Result<()> {
    match resp.status {
        200..=299 | 304 => Ok(()),
        429 | 503 => {
            let seconds = resp
                .header("Retry-After")
                .map(|v| retry_after_seconds(v, now))
                .unwrap_or(DEFAULT_BACKOFF_SECONDS);
            Err(Error::Sync(SyncError::Backoff { seconds }))
        }
        status => {
            let detail = serde_json::from_slice::<ApiError>(&resp.body)
                .map(|e| format!(": {} ({})", e.message, e.error))
                .unwrap_or_default();
            Err(Error::Sync(SyncError::server(format!(
                "{what}: the server answered HTTP {status}{detail}"
            ))))
        }
    }
}

/// The `ETag` the server gives a `/v1/latest` answer: `"latest-<sequence>-<first 12 hex
/// digits of SHA-256 of the body>"` (the body as sent before compression; `protocol.md`).
pub fn latest_etag(sequence: u64, body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body);
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"latest-{sequence}-{hex}\"")
}

/// The modification time (seconds since 1970) a static export gives `latest.json`: taken from
/// the SHA-256 of the body (30 bits, in 2001–2035), so that the `ETag` a static web server
/// builds from the file's time and size commits to the body (ADR 0010). Re-exporting the same
/// body gives the same time, and so the same `ETag`.
pub fn static_latest_mtime(body: &[u8]) -> u64 {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(body);
    let bits = u32::from_be_bytes(digest[..4].try_into().expect("4 bytes")) & 0x3fff_ffff;
    1_000_000_000 + u64::from(bits)
}

/// The `ETag` nginx sends for a `latest.json` written with [`static_latest_mtime`] and served
/// as is: `"<mtime in hex>-<length in hex>"`.
pub fn static_latest_etag(body: &[u8]) -> String {
    format!("\"{:x}-{:x}\"", static_latest_mtime(body), body.len())
}

/// Whether `etag`, sent with the `/v1/latest` body `body` at `sequence`, commits to that
/// body: the live server's [`latest_etag`] or a static host's [`static_latest_etag`].
pub fn poll_etag_commits(etag: &str, sequence: u64, body: &[u8]) -> bool {
    etag == latest_etag(sequence, body) || etag == static_latest_etag(body)
}

/// What the poll said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PollOutcome {
    /// `304`: nothing changed since the last successful sync.
    NotModified,
    /// The newest sequence of every collection.
    Latest {
        /// The body.
        latest: Latest,
        /// The response's ETag, to send next time; `None` unless it commits to the body
        /// received ([`poll_etag_commits`]).
        etag: Option<String>,
    },
}

/// Reads the poll's response.
pub fn read_poll(resp: &HttpResponse, now: DateTime<Utc>) -> Result<PollOutcome> {
    check_status(resp, "polling for updates", now)?;
    if resp.status == 304 {
        return Ok(PollOutcome::NotModified);
    }
    let latest = serde_json::from_slice::<Latest>(&resp.body).map_err(|e| {
        Error::Sync(SyncError::server(format!(
            "polling for updates: the server's answer is not a /v1/latest document ({e}); is this a Veiviser server?"
        )))
    })?;
    // `latest` is not signed: keep its ETag only if it commits to this very body (the live
    // server's hash, or the static export's file time). A tampered body carrying the genuine
    // ETag would otherwise be remembered, and the genuine server would answer `304` to it
    // until the next publish (a device frozen on old content).
    let etag = resp
        .header("ETag")
        .filter(|etag| poll_etag_commits(etag, latest.sequence, &resp.body))
        .map(str::to_string);
    Ok(PollOutcome::Latest { latest, etag })
}

/// One collection to fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetch {
    /// The collection.
    pub collection: Collection,
    /// The local sequence to ask a delta from (`None`: ask for a full snapshot).
    pub since: Option<u64>,
    /// The local ETag to send as `If-None-Match`.
    pub etag: Option<String>,
}

/// Decides which collections to fetch: those the server has newer than the device.
///
/// A server that reports an *older* sequence than the device has accepted (`seen`, the
/// high-water marks) is refused as a rollback before anything is downloaded.
pub fn plan(
    local: &BTreeMap<Collection, LocalState>,
    seen: &BTreeMap<Collection, u64>,
    latest: &Latest,
) -> Result<Vec<Fetch>> {
    let mut fetches = Vec::new();
    for collection in Collection::ALL {
        let Some(remote) = latest.collections.get(&collection) else {
            continue;
        };
        if let Some(&seen) = seen.get(&collection) {
            if remote.sequence < seen {
                return Err(IntegrityError::Rollback {
                    collection: collection.to_string(),
                    offered: remote.sequence,
                    seen,
                }
                .into());
            }
        }
        let mine = local.get(&collection);
        if mine.is_some_and(|m| m.sequence >= remote.sequence) {
            continue;
        }
        fetches.push(Fetch {
            collection,
            since: mine.map(|m| m.sequence),
            etag: mine.and_then(|m| m.etag.clone()),
        });
    }
    Ok(fetches)
}

/// What a changeset request returned.
#[derive(Debug, Clone, PartialEq)]
pub enum ChangesetOutcome {
    /// `304`: the device already has the newest state.
    NotModified,
    /// A delta or a full snapshot to apply.
    Changeset {
        /// The body.
        changeset: Box<Changeset>,
        /// The response's ETag.
        etag: Option<String>,
    },
}

/// Reads a changeset response for `fetch`, refusing one that does not fit the request.
///
/// A `200` whose body is not a well-formed changeset is treated as altered in transit
/// ([`IntegrityError::SignatureInvalid`]): it cannot be verified, so it is refused.
pub fn read_changeset(
    resp: &HttpResponse,
    fetch: &Fetch,
    now: DateTime<Utc>,
) -> Result<ChangesetOutcome> {
    let what = format!("fetching {}", fetch.collection);
    check_status(resp, &what, now)?;
    if resp.status == 304 {
        return Ok(ChangesetOutcome::NotModified);
    }
    let altered = || {
        Error::from(IntegrityError::SignatureInvalid {
            collection: fetch.collection.to_string(),
        })
    };
    let changeset: Changeset = serde_json::from_slice(&resp.body).map_err(|_| altered())?;
    if changeset.collection != fetch.collection {
        return Err(altered());
    }
    if changeset.full {
        if !changeset.tombstones.is_empty() {
            return Err(altered());
        }
    } else if fetch.since.is_none() || changeset.since != fetch.since {
        return Err(Error::Sync(SyncError::server(format!(
            "{what}: the server sent a delta from sequence {:?} but this device has {:?}; try again",
            changeset.since, fetch.since
        ))));
    }
    Ok(ChangesetOutcome::Changeset {
        changeset: Box::new(changeset),
        etag: resp.header("ETag").map(str::to_string),
    })
}

/// The number of records a changeset changes (upserts plus tombstones).
pub fn records_changed(cs: &Changeset) -> u64 {
    (cs.records.len() + cs.tombstones.len()) as u64
}

/// Parses stored record bytes into the id → document map canonical bytes are built from.
pub fn records_to_map(
    collection: &str,
    records: Vec<(String, Vec<u8>)>,
) -> Result<BTreeMap<String, serde_json::Value>> {
    records
        .into_iter()
        .map(|(id, bytes)| {
            serde_json::from_slice(&bytes)
                .map(|v| (id.clone(), v))
                .map_err(|e| {
                    Error::Storage(StorageError::Damaged(format!(
                        "record `{id}` of {collection} in the local store is damaged ({e})"
                    )))
                })
        })
        .collect()
}

/// How old content may get before the user is warned (a dead server or a frozen feed).
pub fn staleness_warning(
    published_at: DateTime<Utc>,
    now: DateTime<Utc>,
    max_age_days: u32,
) -> Option<String> {
    staleness_warning_in(published_at, now, max_age_days, crate::i18n::Lang::En)
}

/// [`staleness_warning`] in `lang` (from the catalog).
pub fn staleness_warning_in(
    published_at: DateTime<Utc>,
    now: DateTime<Utc>,
    max_age_days: u32,
    lang: crate::i18n::Lang,
) -> Option<String> {
    let age = now - published_at;
    (age.num_days() > i64::from(max_age_days)).then(|| {
        crate::i18n::catalog::SYNC_CONTENT_STALE.fill(
            lang,
            &[
                ("days", &age.num_days().to_string()),
                ("limit", &max_age_days.to_string()),
            ],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::{CollectionHead, Record, Tombstone};
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        "2026-11-22T12:00:00Z".parse().unwrap()
    }

    fn resp(status: u16, headers: &[(&str, &str)], body: &[u8]) -> HttpResponse {
        HttpResponse {
            status,
            headers: headers.iter().map(|(n, v)| header(n, *v)).collect(),
            body: body.to_vec(),
            wire_bytes: Some(body.len() as u64),
        }
    }

    fn sig() -> SignatureInfo {
        SignatureInfo {
            key_id: "k".into(),
            sig: "AA==".into(),
        }
    }

    fn state(collection: Collection, sequence: u64) -> LocalState {
        LocalState {
            collection,
            schema_version: 1,
            sequence,
            published_at: now(),
            signature: sig(),
            verified_with: String::new(),
            etag: Some(format!("\"{sequence}\"")),
            source: "bundled".into(),
            content_digest: None,
            records: None,
        }
    }

    fn latest(seqs: &[(Collection, u64)]) -> Latest {
        Latest {
            sequence: seqs.iter().map(|s| s.1).max().unwrap_or(0),
            collections: seqs
                .iter()
                .map(|&(c, sequence)| {
                    (
                        c,
                        CollectionHead {
                            sequence,
                            published_at: now(),
                            schema_version: 1,
                        },
                    )
                })
                .collect(),
        }
    }

    fn changeset(full: bool, since: Option<u64>) -> Changeset {
        Changeset {
            collection: Collection::Guides,
            schema_version: 1,
            sequence: 9,
            published_at: now(),
            since,
            full,
            records: vec![Record {
                id: "a".into(),
                data: json!({"x": 1}),
            }],
            tombstones: if full {
                vec![]
            } else {
                vec![Tombstone { id: "b".into() }]
            },
            signature: sig(),
        }
    }

    #[test]
    fn requests_are_versioned_and_conditional() {
        let r = poll_request("http://h:1/", Some("\"5\""));
        assert_eq!(r.url, "http://h:1/v1/latest");
        assert!(r
            .headers
            .iter()
            .any(|h| h.name == "If-None-Match" && h.value == "\"5\""));
        let r = changeset_request("http://h:1", Collection::Places, Some(3), None);
        assert_eq!(r.url, "http://h:1/v1/collections/places/changeset?since=3");
        assert!(!r.headers.iter().any(|h| h.name == "If-None-Match"));
    }

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        assert_eq!(retry_after_seconds("120", now()), 120);
        assert_eq!(
            retry_after_seconds("Sun, 22 Nov 2026 12:01:30 GMT", now()),
            90
        );
        assert_eq!(
            retry_after_seconds("Sun, 22 Nov 2026 11:00:00 GMT", now()),
            0
        );
        assert_eq!(retry_after_seconds("soon", now()), 60);
    }

    #[test]
    fn retry_after_is_capped_and_never_overflows() {
        for huge in ["100000000000000", "99999999999999999999999", "315360000"] {
            assert_eq!(
                retry_after_seconds(huge, now()),
                MAX_BACKOFF_SECONDS,
                "{huge}"
            );
        }
        assert_eq!(
            retry_after_seconds("Fri, 31 Dec 9999 23:59:59 GMT", now()),
            MAX_BACKOFF_SECONDS
        );
        for garbage in ["", "-1", "1.5", "soon", "\u{0}"] {
            assert_eq!(retry_after_seconds(garbage, now()), DEFAULT_BACKOFF_SECONDS);
        }
        assert_eq!(
            backoff_deadline(now(), u64::MAX),
            now() + chrono::TimeDelta::seconds(MAX_BACKOFF_SECONDS as i64)
        );
        assert_eq!(
            backoff_deadline(DateTime::<Utc>::MAX_UTC, 60),
            DateTime::<Utc>::MAX_UTC
        );
        assert_eq!(
            backoff_remaining(DateTime::<Utc>::MAX_UTC, now()),
            Some(MAX_BACKOFF_SECONDS)
        );
        assert_eq!(backoff_remaining(now(), now()), None);
    }

    #[test]
    fn busy_and_error_statuses_become_backoff_and_network_errors() {
        let e = check_status(&resp(503, &[("retry-after", "7")], b""), "x", now()).unwrap_err();
        assert!(
            matches!(e, Error::Sync(SyncError::Backoff { seconds: 7 })),
            "{e}"
        );
        let e = check_status(&resp(429, &[], b""), "x", now()).unwrap_err();
        assert!(
            matches!(e, Error::Sync(SyncError::Backoff { seconds: 60 })),
            "{e}"
        );
        let body = br#"{"error":"not_found","message":"no such collection"}"#;
        let e = check_status(&resp(404, &[], body), "fetching guides", now()).unwrap_err();
        assert!(matches!(e, Error::Sync(SyncError::Network { .. })));
        assert!(
            e.to_string().contains("HTTP 404: no such collection"),
            "{e}"
        );
        assert!(check_status(&resp(304, &[], b""), "x", now()).is_ok());
    }

    #[test]
    fn poll_304_means_nothing_changed() {
        assert_eq!(
            read_poll(&resp(304, &[], b""), now()).unwrap(),
            PollOutcome::NotModified
        );
        let body = serde_json::to_vec(&latest(&[(Collection::Guides, 4)])).unwrap();
        let genuine = latest_etag(4, &body);
        match read_poll(&resp(200, &[("ETag", &genuine)], &body), now()).unwrap() {
            PollOutcome::Latest { latest, etag } => {
                assert_eq!(latest.collections[&Collection::Guides].sequence, 4);
                assert_eq!(etag, Some(genuine.clone()));
            }
            other => panic!("{other:?}"),
        }
        // An ETag that is not the hash of this body (a tampered body, an unknown server) is
        // not kept.
        let tampered = serde_json::to_vec(&latest(&[(Collection::Guides, 3)])).unwrap();
        for (etag, body) in [(genuine.as_str(), &tampered), ("\"4\"", &body)] {
            match read_poll(&resp(200, &[("ETag", etag)], body), now()).unwrap() {
                PollOutcome::Latest { etag, .. } => assert_eq!(etag, None),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            read_poll(&resp(200, &[], b"<html>"), now()),
            Err(Error::Sync(SyncError::Network { .. }))
        ));
    }

    #[test]
    fn a_static_hosts_etag_is_kept_only_when_its_file_time_commits_to_the_body() {
        let body = serde_json::to_vec(&latest(&[(Collection::Guides, 4)])).unwrap();
        let nginx = static_latest_etag(&body);
        let mtime = static_latest_mtime(&body);
        assert_eq!(nginx, format!("\"{mtime:x}-{:x}\"", body.len()));
        assert!((1_000_000_000..1_000_000_000 + (1 << 30)).contains(&mtime));
        assert_eq!(
            static_latest_mtime(&body),
            mtime,
            "the same body, the same time"
        );
        let kept =
            |etag: &str, body: &[u8]| match read_poll(&resp(200, &[("ETag", etag)], body), now())
                .unwrap()
            {
                PollOutcome::Latest { etag, .. } => etag,
                other => panic!("{other:?}"),
            };
        assert_eq!(kept(&nginx, &body), Some(nginx.clone()));
        // A replayed or tampered body under the genuine file's ETag, or the file time of
        // another body, or nginx's ETag of a file written at an ordinary time: not kept.
        let older = serde_json::to_vec(&latest(&[(Collection::Guides, 3)])).unwrap();
        assert_eq!(kept(&nginx, &older), None);
        assert_eq!(kept(&static_latest_etag(&older), &body), None);
        assert_eq!(kept(&format!("\"6745a3c1-{:x}\"", body.len()), &body), None);
    }

    #[test]
    fn plan_fetches_only_newer_collections_and_refuses_older_servers() {
        let mut local = BTreeMap::new();
        local.insert(Collection::Guides, state(Collection::Guides, 5));
        local.insert(Collection::Directory, state(Collection::Directory, 5));
        let seen: BTreeMap<_, _> = [(Collection::Guides, 5), (Collection::Directory, 5)].into();
        let l = latest(&[
            (Collection::Guides, 7),
            (Collection::Directory, 5),
            (Collection::Places, 6),
        ]);
        let fetches = plan(&local, &seen, &l).unwrap();
        assert_eq!(
            fetches,
            vec![
                Fetch {
                    collection: Collection::Guides,
                    since: Some(5),
                    etag: Some("\"5\"".into())
                },
                Fetch {
                    collection: Collection::Places,
                    since: None,
                    etag: None
                },
            ]
        );
        let old = latest(&[(Collection::Guides, 4)]);
        assert!(matches!(
            plan(&local, &seen, &old),
            Err(Error::Sync(SyncError::Integrity(
                IntegrityError::Rollback {
                    offered: 4,
                    seen: 5,
                    ..
                }
            )))
        ));
    }

    #[test]
    fn changesets_must_fit_the_request() {
        let fetch = Fetch {
            collection: Collection::Guides,
            since: Some(5),
            etag: None,
        };
        let ok = serde_json::to_vec(&changeset(false, Some(5))).unwrap();
        assert!(matches!(
            read_changeset(&resp(200, &[], &ok), &fetch, now()).unwrap(),
            ChangesetOutcome::Changeset { .. }
        ));
        let wrong_base = serde_json::to_vec(&changeset(false, Some(4))).unwrap();
        assert!(matches!(
            read_changeset(&resp(200, &[], &wrong_base), &fetch, now()),
            Err(Error::Sync(SyncError::Network { .. }))
        ));
        let mut garbled = ok.clone();
        garbled[3] = b'}';
        assert!(matches!(
            read_changeset(&resp(200, &[], &garbled), &fetch, now()),
            Err(Error::Sync(SyncError::Integrity(
                IntegrityError::SignatureInvalid { .. }
            )))
        ));
        let mut other = changeset(true, None);
        other.collection = Collection::Places;
        let other = serde_json::to_vec(&other).unwrap();
        assert!(matches!(
            read_changeset(&resp(200, &[], &other), &fetch, now()),
            Err(Error::Sync(SyncError::Integrity(
                IntegrityError::SignatureInvalid { .. }
            )))
        ));
        assert_eq!(
            read_changeset(&resp(304, &[], b""), &fetch, now()).unwrap(),
            ChangesetOutcome::NotModified
        );
    }

    #[test]
    fn records_changed_counts_upserts_and_tombstones() {
        assert_eq!(records_changed(&changeset(false, Some(5))), 2);
        assert_eq!(records_changed(&changeset(true, None)), 1);
    }

    #[test]
    fn local_state_round_trips_through_head_metadata() {
        let s = state(Collection::Directory, 3);
        assert_eq!(LocalState::from_meta("directory", &s.to_meta()).unwrap(), s);
        assert!(matches!(
            LocalState::from_meta("directory", b"{"),
            Err(Error::Storage(StorageError::Damaged(_)))
        ));
    }

    #[test]
    fn stale_content_is_warned_about() {
        let old: DateTime<Utc> = "2026-08-01T00:00:00Z".parse().unwrap();
        assert!(staleness_warning(old, now(), 60)
            .unwrap()
            .contains("days ago"));
        assert_eq!(staleness_warning(now(), now(), 60), None);
    }
}
