//! Every endpoint through `tower::ServiceExt::oneshot` on the real router and a real sled index.

mod common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::response::Response;
use common::*;
use http_body_util::BodyExt;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use tower::ServiceExt;
use veiviser_core::sync::canonical::StateHeader;
use veiviser_core::sync::protocol::{ApiError, Changeset, Collection, Latest};
use veiviser_core::sync::signing::verify_state;
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::published::revision_file_name;
use veiviser_server::sync_api::router::app;
use veiviser_server::sync_api::served::ServeConfig;
use veiviser_server::sync_api::state::AppState;

async fn get(state: &AppState, uri: &str, headers: &[(&str, &str)]) -> Response {
    let mut req = Request::get(uri);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    app(state.clone())
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap()
}

async fn body(resp: Response) -> Vec<u8> {
    resp.into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

async fn json<T: serde::de::DeserializeOwned>(resp: Response) -> T {
    serde_json::from_slice(&body(resp).await).unwrap()
}

fn header_of(resp: &Response, name: header::HeaderName) -> Option<String> {
    resp.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
}

/// Applies a changeset to a state the way a client does, then verifies the signature.
fn apply_and_verify(
    mut state: BTreeMap<String, serde_json::Value>,
    cs: &Changeset,
) -> BTreeMap<String, serde_json::Value> {
    if cs.full {
        state.clear();
    }
    for r in &cs.records {
        state.insert(r.id.clone(), r.data.clone());
    }
    for t in &cs.tombstones {
        state.remove(&t.id);
    }
    let header = StateHeader {
        collection: cs.collection,
        schema_version: cs.schema_version,
        sequence: cs.sequence,
        published_at: cs.published_at,
        key_id: cs.signature.key_id.clone(),
    };
    verify_state(&header, &state, &cs.signature, &trusted()).unwrap();
    state
}

/// Data with three guides at sequence 1 and directory and places at 2 and 3.
fn published(tmp: &Path) -> DataDir {
    let content = tmp.join("content");
    let mut files = content_of_every_kind(&content);
    files.push(write(
        &content,
        "guides/guide-b.toml",
        &guide_toml("guide-b", 1),
    ));
    files.push(write(
        &content,
        "guides/guide-c.toml",
        &guide_toml("guide-c", 1),
    ));
    let data = DataDir::new(tmp.join("data"));
    import_paths(&data, &files, &opts("kari")).unwrap();
    data
}

/// Edits guide-a (revision 2), deletes guide-b, adds guide-d: guides go to sequence 4.
fn second_publish(tmp: &Path, data: &DataDir) {
    let content = tmp.join("content2");
    let edited = guide_toml("guide-a", 2).replacen(
        "nb = \"Fra bekymring til handling\"",
        "nb = \"Endret\"",
        1,
    );
    let files = vec![
        write(&content, "a.toml", &edited),
        write(&content, "d.toml", &guide_toml("guide-d", 1)),
    ];
    let mut o = opts("ola");
    o.deletes = vec![(Collection::Guides, "guide-b".into())];
    let batch = import_paths(data, &files, &o).unwrap().batch.unwrap();
    assert_eq!(batch.first, 4);
}

#[tokio::test]
async fn healthz_answers_ok_with_the_sequence() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 8);
    let resp = get(&state, "/healthz", &[]).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let v: serde_json::Value = json(resp).await;
    assert_eq!(v, serde_json::json!({"status": "ok", "sequence": 3}));
}

#[tokio::test]
async fn latest_lists_every_collection_and_answers_304_when_unchanged() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 8);
    let resp = get(&state, "/v1/latest", &[]).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let etag = header_of(&resp, header::ETAG).unwrap();
    let latest: Latest = json(resp).await;
    assert_eq!(latest.sequence, 3);
    let seqs: Vec<(Collection, u64)> = latest
        .collections
        .iter()
        .map(|(c, h)| (*c, h.sequence))
        .collect();
    assert_eq!(
        seqs,
        vec![
            (Collection::Guides, 1),
            (Collection::Directory, 2),
            (Collection::Places, 3)
        ]
    );

    let resp = get(&state, "/v1/latest", &[("if-none-match", &etag)]).await;
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert!(body(resp).await.is_empty());
    let resp = get(
        &state,
        "/v1/latest",
        &[("if-none-match", "\"latest-2-000000000000\"")],
    )
    .await;
    assert_eq!(resp.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_full_snapshot_is_the_published_file_and_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let data = published(tmp.path());
    let state = state(&data, ServeConfig::default(), 8);
    for (c, seq) in [
        (Collection::Guides, 1),
        (Collection::Directory, 2),
        (Collection::Places, 3),
    ] {
        let resp = get(&state, &c.changeset_path(None), &[]).await;
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(
            header_of(&resp, header::CONTENT_TYPE).unwrap(),
            "application/json"
        );
        assert!(header_of(&resp, header::ETAG)
            .unwrap()
            .starts_with(&format!("\"{c}-{seq}-")));
        let bytes = body(resp).await;
        assert_eq!(
            bytes,
            std::fs::read(data.published().join(revision_file_name(seq, c))).unwrap()
        );
        let cs: Changeset = serde_json::from_slice(&bytes).unwrap();
        assert!(cs.full && cs.since.is_none() && cs.tombstones.is_empty());
        assert_eq!(cs.signature.key_id, "server-test");
        apply_and_verify(BTreeMap::new(), &cs);
    }
    // since=0 is "I have nothing".
    let cs: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=0", &[]).await).await;
    assert!(cs.full);
}

#[tokio::test]
async fn a_delta_carries_changes_and_tombstones_and_the_full_state_signature() {
    let tmp = tempfile::tempdir().unwrap();
    let data = published(tmp.path());
    let state = state(&data, ServeConfig::default(), 8);
    let v1: Changeset = json(get(&state, "/v1/collections/guides/changeset", &[]).await).await;
    let v1_state = apply_and_verify(BTreeMap::new(), &v1);
    let old_etag = header_of(
        &get(&state, "/v1/collections/guides/changeset?since=1", &[]).await,
        header::ETAG,
    )
    .unwrap();

    let directory_before = state.content.view().collections[&Collection::Directory].clone();
    second_publish(tmp.path(), &data);
    assert!(state.content.refresh().unwrap());
    // Unchanged collections keep their precomputed bodies across a refresh.
    assert!(std::sync::Arc::ptr_eq(
        &directory_before,
        &state.content.view().collections[&Collection::Directory]
    ));

    let resp = get(
        &state,
        "/v1/collections/guides/changeset?since=1",
        &[("if-none-match", &old_etag)],
    )
    .await;
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "an old ETag gets the new content"
    );
    let new_etag = header_of(&resp, header::ETAG).unwrap();
    assert_ne!(new_etag, old_etag);
    let delta: Changeset = json(resp).await;
    assert!(!delta.full);
    assert_eq!((delta.since, delta.sequence), (Some(1), 4));
    let changed: Vec<&str> = delta.records.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(changed, vec!["guide-a", "guide-d"]);
    let gone: Vec<&str> = delta.tombstones.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(gone, vec!["guide-b"]);
    let merged = apply_and_verify(v1_state, &delta);
    assert_eq!(
        merged.keys().collect::<Vec<_>>(),
        vec!["guide-a", "guide-c", "guide-d"]
    );

    // The delta's signature is the one over the full state (same as the full snapshot's).
    let full: Changeset = json(get(&state, "/v1/collections/guides/changeset", &[]).await).await;
    assert_eq!(full.signature, delta.signature);

    // A client from any sequence between revisions gets the delta from its revision.
    let from3: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=3", &[]).await).await;
    assert_eq!(
        (from3.since, from3.records.len(), from3.tombstones.len()),
        (Some(3), 2, 1)
    );

    // Unchanged collections keep their ETag and answer 304 with no body.
    let resp = get(
        &state,
        "/v1/collections/guides/changeset?since=4",
        &[("if-none-match", &new_etag)],
    )
    .await;
    assert_eq!(resp.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header_of(&resp, header::ETAG).unwrap(), new_etag);
    assert!(body(resp).await.is_empty());
    // Without If-None-Match, since=head is an empty delta that still verifies.
    let empty: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=4", &[]).await).await;
    assert!(empty.records.is_empty() && empty.tombstones.is_empty() && !empty.full);
    apply_and_verify(merged, &empty);
}

#[tokio::test]
async fn too_far_behind_or_ahead_gets_a_full_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let data = published(tmp.path());
    second_publish(tmp.path(), &data);
    let config = ServeConfig {
        max_delta_span: 2,
        ..ServeConfig::default()
    };
    let state = state(&data, config, 8);
    let cs: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=1", &[]).await).await;
    assert!(cs.full && cs.since.is_none(), "3 behind with a span of 2");
    let cs: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=2", &[]).await).await;
    assert!(!cs.full);
    // A client claiming a newer sequence than the server has gets the full state (and will
    // see the lower sequence and refuse it as a rollback).
    let cs: Changeset =
        json(get(&state, "/v1/collections/guides/changeset?since=99", &[]).await).await;
    assert!(cs.full && cs.sequence == 4);
}

#[tokio::test]
async fn bodies_are_compressed_by_accept_encoding() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 8);
    let plain = body(get(&state, "/v1/collections/places/changeset", &[]).await).await;
    let resp = get(
        &state,
        "/v1/collections/places/changeset",
        &[("accept-encoding", "gzip")],
    )
    .await;
    assert_eq!(
        header_of(&resp, header::CONTENT_ENCODING).as_deref(),
        Some("gzip")
    );
    assert!(header_of(&resp, header::VARY)
        .unwrap()
        .contains("accept-encoding"));
    let gz = body(resp).await;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&gz[..])
        .read_to_end(&mut out)
        .unwrap();
    assert_eq!(out, plain);
    assert!(gz.len() < plain.len());

    let resp = get(
        &state,
        "/v1/collections/places/changeset?since=1",
        &[("accept-encoding", "gzip, zstd")],
    )
    .await;
    assert_eq!(
        header_of(&resp, header::CONTENT_ENCODING).as_deref(),
        Some("zstd")
    );
    let z = body(resp).await;
    assert_eq!(
        zstd::decode_all(&z[..]).unwrap(),
        plain,
        "since=1 is older than places' first revision: full"
    );

    let resp = get(&state, "/v1/latest", &[("accept-encoding", "zstd")]).await;
    assert_eq!(
        header_of(&resp, header::CONTENT_ENCODING).as_deref(),
        Some("zstd")
    );
    let latest: Latest =
        serde_json::from_slice(&zstd::decode_all(&body(resp).await[..]).unwrap()).unwrap();
    assert_eq!(latest.sequence, 3);
    // Other responses are compressed by tower-http.
    let resp = get(&state, "/no/such/path", &[("accept-encoding", "gzip")]).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header_of(&resp, header::CONTENT_ENCODING).as_deref(),
        Some("gzip")
    );
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&body(resp).await[..])
        .read_to_end(&mut out)
        .unwrap();
    let err: ApiError = serde_json::from_slice(&out).unwrap();
    assert_eq!(err.error, "not_found");
}

#[tokio::test]
async fn a_busy_server_answers_503_with_retry_after_and_health_still_answers() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 1);
    let held = state.limiter.try_acquire().unwrap();
    for uri in ["/v1/latest", "/v1/collections/guides/changeset"] {
        let resp = get(&state, uri, &[]).await;
        assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(header_of(&resp, header::RETRY_AFTER).as_deref(), Some("7"));
        let err: ApiError = json(resp).await;
        assert_eq!(err.error, "busy");
    }
    assert_eq!(get(&state, "/healthz", &[]).await.status(), StatusCode::OK);
    drop(held);
    assert_eq!(
        get(&state, "/v1/latest", &[]).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn bad_requests_get_a_clear_json_error() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 8);
    let cases = [
        (
            "/v1/collections/guides/changeset?since=abc",
            StatusCode::BAD_REQUEST,
            "non-negative integer",
        ),
        (
            "/v1/collections/guides/changeset?since=-1",
            StatusCode::BAD_REQUEST,
            "got `-1`",
        ),
        (
            "/v1/collections/guides/changeset?postcode=0150",
            StatusCode::BAD_REQUEST,
            "unknown query parameter `postcode`",
        ),
        (
            "/v1/collections/guides/changeset?since=1&since=2",
            StatusCode::BAD_REQUEST,
            "more than once",
        ),
        (
            "/v1/collections/postcodes/changeset",
            StatusCode::NOT_FOUND,
            "unknown collection `postcodes`",
        ),
        ("/v2/latest", StatusCode::NOT_FOUND, "no such endpoint"),
    ];
    for (uri, status, needle) in cases {
        let resp = get(&state, uri, &[]).await;
        assert_eq!(resp.status(), status, "{uri}");
        let err: ApiError = json(resp).await;
        assert!(err.message.contains(needle), "{uri}: {}", err.message);
    }
}

#[tokio::test]
async fn an_unpublished_collection_is_404_and_appears_once_imported() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let state = state(&data, ServeConfig::default(), 8);
    let latest: Latest = json(get(&state, "/v1/latest", &[]).await).await;
    assert_eq!((latest.sequence, latest.collections.len()), (0, 0));
    let resp = get(&state, "/v1/collections/guides/changeset", &[]).await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let err: ApiError = json(resp).await;
    assert!(
        err.message.contains("has not been published yet"),
        "{}",
        err.message
    );

    let g = write(tmp.path(), "g.toml", &guide_toml("guide-a", 1));
    import_paths(&data, &[g], &opts("kari")).unwrap();
    assert!(state.content.refresh().unwrap());
    assert!(
        !state.content.refresh().unwrap(),
        "nothing new the second time"
    );
    let cs: Changeset = json(get(&state, "/v1/collections/guides/changeset", &[]).await).await;
    assert_eq!(cs.sequence, 1);
}

/// The whole error response: status, JSON content type and the exact body.
async fn error_of(resp: Response) -> (StatusCode, String, serde_json::Value) {
    let status = resp.status();
    let content_type = header_of(&resp, header::CONTENT_TYPE).unwrap_or_default();
    (status, content_type, json(resp).await)
}

#[tokio::test]
async fn extractor_rejections_answer_the_exact_json_error_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 8);
    let cases = [
        (
            "/v1/collections/guides/changeset?since=abc",
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "error": "bad_request",
                "message": "`since` must be a non-negative integer (the sequence of the content the device has), got `abc`"
            }),
        ),
        (
            "/v1/collections/guides/changeset?since=1&since=2",
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "error": "bad_request",
                "message": "`since` is given more than once"
            }),
        ),
        (
            "/v1/collections/guides/changeset?postcode=0150",
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "error": "bad_request",
                "message": "unknown query parameter `postcode`: the only parameter is `since` (requests carry nothing about the device, its area or its user)"
            }),
        ),
        (
            "/v1/collections/postcodes/changeset?since=1",
            StatusCode::NOT_FOUND,
            serde_json::json!({
                "error": "not_found",
                "message": "unknown collection `postcodes`; known collections: guides, directory, places, releases"
            }),
        ),
        // An unknown collection is refused before the query is looked at.
        (
            "/v1/collections/postcodes/changeset?since=abc",
            StatusCode::NOT_FOUND,
            serde_json::json!({
                "error": "not_found",
                "message": "unknown collection `postcodes`; known collections: guides, directory, places, releases"
            }),
        ),
        // `/v1/latest` takes no parameters at all (docs/protocol.md: only `since`, on the
        // changeset endpoint).
        (
            "/v1/latest?area=0301",
            StatusCode::BAD_REQUEST,
            serde_json::json!({
                "error": "bad_request",
                "message": "unknown query parameter `area`: this endpoint takes no parameters (requests carry nothing about the device, its area or its user)"
            }),
        ),
    ];
    for (uri, status, body) in cases {
        let got = error_of(get(&state, uri, &[]).await).await;
        assert_eq!(got, (status, "application/json".to_string(), body), "{uri}");
    }
    // An empty query is no parameter.
    assert_eq!(
        get(&state, "/v1/latest?", &[]).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        get(&state, "/v1/collections/guides/changeset?", &[])
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_limiter_layer_sheds_load_before_any_extractor_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let state = state(&published(tmp.path()), ServeConfig::default(), 1);
    let held = state.limiter.try_acquire().unwrap();
    for uri in [
        "/v1/collections/postcodes/changeset",
        "/v1/collections/guides/changeset?since=abc",
        "/v1/latest?area=0301",
    ] {
        let got = error_of(get(&state, uri, &[]).await).await;
        assert_eq!(
            got,
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "application/json".to_string(),
                serde_json::json!({"error": "busy", "message": "the server is busy; retry after 7 s"})
            ),
            "{uri}"
        );
    }
    // Unknown paths are not sync routes: not limited.
    assert_eq!(
        get(&state, "/v2/latest", &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    drop(held);
    // Each answered request gives its slot back.
    for _ in 0..3 {
        assert_eq!(
            get(&state, "/v1/latest", &[]).await.status(),
            StatusCode::OK
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deltas_are_built_once_per_base_revision_for_every_since_and_encoding() {
    let tmp = tempfile::tempdir().unwrap();
    let data = published(tmp.path());
    second_publish(tmp.path(), &data);
    let state = state(&data, ServeConfig::default(), 64);
    // Guides: revisions 1 and 4. `since` 1, 2 and 3 share base 1; 4 is the head.
    let mut handles = Vec::new();
    for round in 0..3 {
        for since in 1..=4u64 {
            for encoding in ["identity", "gzip", "zstd"] {
                let state = state.clone();
                handles.push(tokio::spawn(async move {
                    let uri = format!("/v1/collections/guides/changeset?since={since}");
                    let resp = get(&state, &uri, &[("accept-encoding", encoding)]).await;
                    assert_eq!(resp.status(), StatusCode::OK);
                    let raw = body(resp).await;
                    let bytes = match encoding {
                        "gzip" => {
                            let mut out = Vec::new();
                            flate2::read::GzDecoder::new(&raw[..])
                                .read_to_end(&mut out)
                                .unwrap();
                            out
                        }
                        "zstd" => zstd::decode_all(&raw[..]).unwrap(),
                        _ => raw,
                    };
                    let cs: Changeset = serde_json::from_slice(&bytes).unwrap();
                    (round, since, cs)
                }));
            }
        }
    }
    let base1 = veiviser_server::publishing::publish::records_of(
        &state.content.repository().revision(1).unwrap().1,
    );
    for h in handles {
        let (_, since, cs) = h.await.unwrap();
        assert_eq!((cs.since, cs.full, cs.sequence), (Some(since), false, 4));
        if since < 4 {
            apply_and_verify(base1.clone(), &cs);
        } else {
            assert!(cs.records.is_empty() && cs.tombstones.is_empty());
        }
    }
    let cache = state.content.delta_cache();
    assert_eq!(
        (cache.builds(), cache.len()),
        (2, 2),
        "36 requests over 4 `since` values: one build per base revision (1 and 4)"
    );
}
