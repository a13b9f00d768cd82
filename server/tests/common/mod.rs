//! Shared test fixtures: small valid content files of every kind, a test key, published data
//! folders, the app state, and ([`binary`]) the real binary.

#![allow(dead_code)]

pub mod binary;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::import::{import, ImportError, ImportOptions, ImportReport};
use veiviser_server::sync_api::limit::Limiter;
use veiviser_server::sync_api::served::{ServeConfig, ServedContent};
use veiviser_server::sync_api::state::AppState;

/// A fixed key for tests (never trusted anywhere else).
pub fn test_key() -> SigningKey {
    SigningKey::from_seed("server-test", [5u8; 32]).unwrap()
}

/// The test key as a trusted-keys list.
pub fn trusted() -> TrustedKeys {
    TrustedKeys::from_toml_str(&test_key().trusted_keys_line(), "test").unwrap()
}

/// The committed demo guide's TOML.
pub fn demo_guide_toml() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/guides/fra-bekymring-til-handling.toml"),
    )
    .unwrap()
}

/// `src` without its `links = [ … ]` blocks: a copy published on its own has no other
/// guides to link to (the import checks links across the published set).
fn without_links(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut in_links = false;
    for line in src.lines() {
        if line.starts_with("links = [") {
            in_links = !line.trim_end().ends_with(']');
            continue;
        }
        if in_links {
            in_links = line.trim() != "]";
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The demo guide with another id and revision (and no links to other guides).
pub fn guide_toml(id: &str, revision: u32) -> String {
    let src = without_links(&demo_guide_toml());
    let src = src.replacen(
        "id = \"fra-bekymring-til-handling\"",
        &format!("id = \"{id}\""),
        1,
    );
    let src = src.replacen("revision = 1\n", &format!("revision = {revision}\n"), 1);
    assert!(
        src.contains(&format!("id = \"{id}\""))
            && src.contains(&format!("revision = {revision}\n"))
    );
    src
}

/// A small valid directory file.
pub const DIRECTORY_TOML: &str = r#"
[[area]]
kommune = "0301"
name = "Oslo"
last_verified = "2026-11-01"
example_data = true

[[service]]
id = "test-barnevern-oslo"
name = "Barneverntjenesten i Oslo (testdata)"
role = "barnevern"
covers = ["0301"]
last_verified = "2026-11-01"
example_data = true
"#;

/// A small valid postcode register (Bring's tab-separated form).
pub const REGISTER_TAB: &str =
    "0150\tOSLO\t0301\tOSLO\tG\n0151\tOSLO\t0301\tOSLO\tG\n5003\tBERGEN\t4601\tBERGEN\tG\n";

/// Bydel pairs for Oslo (file `0301.tsv`).
pub const BYDEL_TSV: &str = "0150\t01\n0151\t01\n";

/// Writes `name` with `text` into `dir` and returns its path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A content folder with one file of every kind.
pub fn content_of_every_kind(dir: &Path) -> Vec<PathBuf> {
    vec![
        write(dir, "guides/guide-a.toml", &guide_toml("guide-a", 1)),
        write(dir, "directory/oslo.toml", DIRECTORY_TOML),
        write(dir, "places/register.tab", REGISTER_TAB),
        write(dir, "places/0301.tsv", BYDEL_TSV),
    ]
}

/// Whether `dir` is missing or empty (nothing was published or copied into it).
pub fn is_empty_dir(dir: &Path) -> bool {
    !dir.exists() || std::fs::read_dir(dir).unwrap().next().is_none()
}

/// A data folder in `tmp/data` with [`content_of_every_kind`] (from `tmp/content`) imported
/// by `kari`: guides, directory and places at sequences 1, 2 and 3.
pub fn published_data(tmp: &Path) -> DataDir {
    let files = content_of_every_kind(&tmp.join("content"));
    let data = DataDir::new(tmp.join("data"));
    import_paths(&data, &files, &opts("kari")).unwrap();
    data
}

/// Import options for tests.
pub fn opts(actor: &str) -> ImportOptions {
    ImportOptions {
        actor: actor.into(),
        replace: false,
        deletes: vec![],
        published_at: None,
        kind: None,
        note: None,
    }
}

/// Imports with the test key.
pub fn import_paths(
    data: &DataDir,
    paths: &[PathBuf],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    import(data, &test_key(), paths, opts)
}

/// The app state over a data folder.
pub fn state(data: &DataDir, config: ServeConfig, max_in_flight: usize) -> AppState {
    let content = ServedContent::open(data.clone(), config).unwrap();
    AppState {
        content: Arc::new(content),
        limiter: Limiter::new(max_in_flight, 7),
    }
}

/// Serves `state` on a loopback port as `serve` wires it (the router with the sync fast path,
/// over the connection layer); stops when the returned sender is dropped.
pub async fn serve_on_loopback(
    state: &AppState,
) -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>) {
    use veiviser_server::sync_api::connections::{serve_connections, ConnectionLimits, Handler};
    use veiviser_server::sync_api::fast_path::SyncRoutes;
    use veiviser_server::sync_api::router::app;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let handler = Handler::new(app(state.clone()), Some(SyncRoutes::new(state.clone())));
    let limits = ConnectionLimits {
        max_connections: 64,
        header_read_timeout: std::time::Duration::from_secs(5),
    };
    tokio::spawn(serve_connections(listener, handler, limits, async {
        let _ = stopped.await;
    }));
    (addr, stop)
}
