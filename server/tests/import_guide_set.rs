//! `import` checks the whole guide set it would publish (the imported guides with the ones
//! already published): a link to a guide outside the set, or a delete that leaves a link
//! dangling, is refused and nothing is published.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use veiviser_core::sync::protocol::Collection;
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::import::ImportError;

fn shipped(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/guides")
        .join(name)
}

fn refused(result: Result<impl std::fmt::Debug, ImportError>) -> String {
    match result {
        Err(ImportError::Content(errors)) => errors.to_string(),
        other => panic!("expected refused content, got {other:?}"),
    }
}

#[test]
fn a_guide_linking_outside_the_set_is_never_published() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let talk = shipped("snakke-med-barnet.toml");
    let message = refused(import_paths(
        &data,
        std::slice::from_ref(&talk),
        &opts("kari"),
    ));
    assert!(
        message.contains(
            "links to guide `mistanke-om-vold-og-overgrep`, which is not in the published set"
        ),
        "{message}"
    );
    assert!(
        !data.published().exists()
            || std::fs::read_dir(data.published())
                .unwrap()
                .next()
                .is_none()
    );

    // All five together are one valid set.
    let all: Vec<PathBuf> = [
        "fra-bekymring-til-handling.toml",
        "snakke-med-barnet.toml",
        "den-nodvendige-samtalen.toml",
        "mistanke-om-vold-og-overgrep.toml",
        "skrive-bekymringsmelding.toml",
    ]
    .iter()
    .map(|n| shipped(n))
    .collect();
    import_paths(&data, &all, &opts("kari")).unwrap();

    // A later import of one guide is checked with the published ones: accepted.
    let edited = tmp.path().join("snakke-med-barnet.toml");
    let text = std::fs::read_to_string(&talk).unwrap();
    std::fs::write(
        &edited,
        text.replacen("revision = 1\n", "revision = 2\n", 1),
    )
    .unwrap();
    import_paths(&data, &[edited], &opts("kari")).unwrap();

    // Deleting a guide others link to would leave dead links: refused.
    let mut o = opts("kari");
    o.deletes = vec![(Collection::Guides, "skrive-bekymringsmelding".into())];
    let message = refused(import_paths(&data, &[], &o));
    assert!(
        message.contains("published guide `fra-bekymring-til-handling`"),
        "{message}"
    );
}
