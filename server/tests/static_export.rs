//! The static export: every file is the live server's body for the same request, unchanged
//! sequence-addressed files are reused, file times (nginx's ETags) strictly increase with the
//! sequence, old exports are pruned and the swap is a symlink.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use http_body_util::BodyExt;
use std::io::Read;
use std::path::Path;
use tower::ServiceExt;
use veiviser_core::sync::protocol::{Changeset, Collection};
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::static_export::{
    current_export, export_static, sequence_times, StaticExportOptions,
};
use veiviser_server::sync_api::router::app;
use veiviser_server::sync_api::served::ServeConfig;
use veiviser_server::sync_api::state::AppState;

async fn live(state: &AppState, uri: &str) -> Vec<u8> {
    let resp = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), 200, "{uri}");
    resp.into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

fn publish_guides(data: &DataDir, dir: &Path, n: u32) {
    let files = vec![write(
        dir,
        &format!("g{n}/a.toml"),
        &guide_toml("guide-a", n),
    )];
    import_paths(data, &files, &opts("ola")).unwrap();
}

fn mtime(path: &Path) -> std::time::SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[tokio::test]
async fn the_export_holds_the_live_bodies_and_is_swapped_and_pruned() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    import_paths(
        &data,
        &content_of_every_kind(&tmp.path().join("c")),
        &opts("kari"),
    )
    .unwrap();
    publish_guides(&data, tmp.path(), 2);
    let out = tmp.path().join("static");
    let opts = StaticExportOptions {
        max_delta_span: 1000,
        max_deltas: 2,
        keep_exports: 2,
    };
    let first = export_static(&data, &out, &opts).unwrap();
    assert!(first.written && first.files_reused == 0);
    assert_eq!(first.head, 4);
    assert_eq!(current_export(&out).unwrap(), first.folder);

    let state = state(&data, ServeConfig::default(), 16);
    let root = out.join("current/v1");
    assert_eq!(
        std::fs::read(root.join("latest.json")).unwrap(),
        live(&state, "/v1/latest").await
    );
    // Every published collection (the demo publishes no release note, so no `releases`).
    let latest: veiviser_core::sync::protocol::Latest =
        serde_json::from_slice(&std::fs::read(root.join("latest.json")).unwrap()).unwrap();
    assert_eq!(latest.collections.len(), 3);
    for &c in latest.collections.keys() {
        let dir = root.join("collections").join(c.as_str()).join("head");
        let full = std::fs::read(dir.join("full.json")).unwrap();
        assert_eq!(full, live(&state, &c.changeset_path(None)).await, "{c}");
        let cs: Changeset = serde_json::from_slice(&full).unwrap();
        assert!(cs.full);
        // The precompressed variants hold the same bytes.
        let mut gz = Vec::new();
        flate2::read::GzDecoder::new(&std::fs::read(dir.join("full.json.gz")).unwrap()[..])
            .read_to_end(&mut gz)
            .unwrap();
        assert_eq!(gz, full);
        let zst = zstd::decode_all(&std::fs::read(dir.join("full.json.zst")).unwrap()[..]).unwrap();
        assert_eq!(zst, full);
    }
    // Guides were published at 1 and 4: deltas from both (the head's is empty).
    let guides = root.join("collections/guides/head");
    for since in [1, 4] {
        let file = std::fs::read(guides.join(format!("since-{since}.json"))).unwrap();
        let path = Collection::Guides.changeset_path(Some(since));
        assert_eq!(file, live(&state, &path).await, "{path}");
    }
    // File times strictly increase with the sequence (they are nginx's ETags).
    let dir_of = |c: &str| root.join("collections").join(c).join("head/full.json");
    assert!(mtime(&dir_of("directory")) < mtime(&dir_of("places")));
    assert!(mtime(&dir_of("places")) < mtime(&dir_of("guides")));
    assert_eq!(mtime(&root.join("latest.json")), mtime(&dir_of("guides")));

    // Nothing new: nothing written.
    let again = export_static(&data, &out, &opts).unwrap();
    assert!(!again.written);
    assert_eq!(again.folder, first.folder);

    // Two more publishes: unchanged collections are hard-linked, at most 2 delta sources,
    // and only 2 export folders stay.
    publish_guides(&data, tmp.path(), 3);
    let second = export_static(&data, &out, &opts).unwrap();
    assert!(second.files_reused >= 6, "{second:?}");
    publish_guides(&data, tmp.path(), 4);
    let third = export_static(&data, &out, &opts).unwrap();
    assert_eq!(third.head, 6);
    assert!(third.pruned >= 1, "{third:?}");
    let folders = std::fs::read_dir(out.join("exports")).unwrap().count();
    assert_eq!(folders, 2);
    let guides = out.join("current/v1/collections/guides/head");
    assert!(guides.join("since-6.json").is_file() && guides.join("since-5.json").is_file());
    assert!(!guides.join("since-4.json").exists(), "max_deltas = 2");
    state.content.refresh().unwrap();
    let file = std::fs::read(guides.join("since-5.json")).unwrap();
    assert_eq!(
        file,
        live(&state, "/v1/collections/guides/changeset?since=5").await
    );

    // One batch in one second still gives every sequence its own time.
    let times = sequence_times(&data.scan().unwrap());
    let values: Vec<u64> = times.values().copied().collect();
    assert!(values.windows(2).all(|w| w[0] < w[1]), "{values:?}");
}
