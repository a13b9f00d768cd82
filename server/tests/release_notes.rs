//! Release notes ("Hva er nytt"): written by the publish itself, signed as the `releases`
//! collection, naming what the batch changed, pruned to the newest `KEPT`.

mod common;

use common::*;
use veiviser_core::release_note::{ReleaseNote, KEPT};
use veiviser_core::sync::protocol::Collection;
use veiviser_core::LocalizedText;
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::import::{ImportError, ImportOptions};
use veiviser_server::publishing::publish::NoteRequest;

fn with_note(actor: &str, nb: &str) -> ImportOptions {
    ImportOptions {
        note: Some(NoteRequest {
            summary: LocalizedText::nb(nb),
            urgent: false,
        }),
        ..opts(actor)
    }
}

fn notes(data: &DataDir) -> Vec<ReleaseNote> {
    let scan = data.scan().unwrap();
    let current = data.current(&scan).unwrap();
    let Some(rev) = current.get(&Collection::Releases) else {
        return Vec::new();
    };
    // The revision is signed like any other: verify it with the trusted test key.
    rev.changeset.verify_full(&trusted()).unwrap();
    rev.changeset
        .records
        .iter()
        .map(|r| serde_json::from_value(r.data.clone()).unwrap())
        .collect()
}

#[test]
fn a_note_names_the_batch_and_what_it_changed() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let data = DataDir::new(tmp.path().join("data"));
    let files = content_of_every_kind(&content);
    let batch = import_paths(&data, &files, &with_note("kari", "Første versjon"))
        .unwrap()
        .batch
        .unwrap();
    // Guides, directory and places at 1..=3, then the note at 4.
    let made: Vec<_> = batch
        .revisions
        .iter()
        .map(|r| (r.sequence, r.collection))
        .collect();
    assert_eq!(made.last(), Some(&(4, Collection::Releases)), "{made:?}");
    let got = notes(&data);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].sequence, 1);
    assert_eq!(got[0].id, ReleaseNote::record_id(1));
    assert_eq!(got[0].summary.nb, "Første versjon");
    assert_eq!(got[0].guides, ["guide-a"]);
    assert_eq!(got[0].entries, ["area:0301", "service:test-barnevern-oslo"]);

    // Nothing changed: no batch, so no note either.
    let again = import_paths(&data, &files, &with_note("kari", "Ingenting")).unwrap();
    assert!(again.batch.is_none());
    assert_eq!(notes(&data).len(), 1);
}

#[test]
fn an_empty_summary_publishes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let files = content_of_every_kind(&tmp.path().join("content"));
    let err = import_paths(&data, &files, &with_note("kari", "  ")).unwrap_err();
    match err {
        ImportError::Publish(e) => assert!(e.to_string().contains("summary.nb"), "{e}"),
        other => panic!("expected a refused publish, got {other}"),
    }
    assert_eq!(data.scan().unwrap().head(), 0, "nothing may be published");
}

#[test]
fn the_collection_keeps_the_newest_notes() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let dir = tmp.path().join("content");
    for revision in 1..=(KEPT as u32 + 2) {
        let file = write(&dir, "guide.toml", &guide_toml("g", revision));
        import_paths(
            &data,
            &[file],
            &with_note("kari", &format!("Revisjon {revision}")),
        )
        .unwrap()
        .batch
        .unwrap();
    }
    let got = notes(&data);
    assert_eq!(got.len(), KEPT);
    let summaries: Vec<_> = got.iter().map(|n| n.summary.nb.as_str()).collect();
    assert!(!summaries.contains(&"Revisjon 1") && !summaries.contains(&"Revisjon 2"));
    assert!(summaries.contains(&format!("Revisjon {}", KEPT + 2).as_str()));
}
