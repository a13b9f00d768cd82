//! `import`: validation, atomic publishing, sequences, the audit trail, immutability.

mod common;

use common::*;
use veiviser_core::sync::protocol::Collection;
use veiviser_server::data_dir::DataDir;
use veiviser_server::publishing::import::ImportError;
use veiviser_server::publishing::published::{self, revision_file_name, sha256_hex};

fn published_files(data: &DataDir) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(data.published())
        .map(|rd| {
            rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn every_kind_is_published_as_one_batch_with_an_audit_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let files = content_of_every_kind(&tmp.path().join("content"));
    let data = DataDir::new(tmp.path().join("data"));
    let report = import_paths(&data, &files, &opts("kari.editor")).unwrap();
    let batch = report.batch.unwrap();
    assert_eq!((batch.first, batch.last), (1, 3));
    let made: Vec<(u64, Collection)> = batch
        .revisions
        .iter()
        .map(|r| (r.sequence, r.collection))
        .collect();
    assert_eq!(
        made,
        vec![
            (1, Collection::Guides),
            (2, Collection::Directory),
            (3, Collection::Places)
        ]
    );
    assert_eq!(batch.actor, "kari.editor");
    assert_eq!(batch.sources.len(), 4);
    for (source, path) in batch.sources.iter().zip(&files) {
        assert_eq!(source.sha256, sha256_hex(&std::fs::read(path).unwrap()));
    }
    // Places: 3 register rows and 2 bydel pairs, with the ids of the core's entries.
    let places = &batch.revisions[2];
    assert_eq!(places.records, 5);
    let scan = data.scan().unwrap();
    let current = data.current(&scan).unwrap();
    let ids: Vec<&str> = current[&Collection::Places]
        .changeset
        .records
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        ids.contains(&"postcode:0150") && ids.contains(&"bydel:0301:0150:01"),
        "{ids:?}"
    );
    assert_eq!(
        current[&Collection::Guides].changeset.records[0].id,
        "guide-a"
    );
    // The batch file is the commit record, written beside the revisions.
    assert_eq!(
        published_files(&data),
        vec![
            "000000000001-guides.json",
            "000000000002-directory.json",
            "000000000003-places.json",
            "batch-000000000003.json"
        ]
    );
}

#[test]
fn one_bad_file_publishes_nothing_and_every_error_names_file_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let mut files = content_of_every_kind(&content);
    // A guide whose step leads nowhere, and a register row with a bad kommunenummer.
    let broken_guide = guide_toml("guide-b", 1).replacen("next = \"", "next = \"no-such-step-", 1);
    files.push(write(&content, "guides/guide-b.toml", &broken_guide));
    files.push(write(
        &content,
        "places/more.txt",
        "0152\tOSLO\t301\tOSLO\tG\n",
    ));
    let data = DataDir::new(tmp.path().join("data"));
    let err = import_paths(&data, &files, &opts("kari")).unwrap_err();
    let ImportError::Content(errors) = err else {
        panic!("expected content errors, got {err}")
    };
    let text = errors.to_string();
    assert!(
        text.contains("guide-b.toml") && text.contains("next"),
        "{text}"
    );
    // Only one register per import: the second is named.
    assert!(text.contains("more.txt"), "{text}");
    assert!(
        published_files(&data).is_empty(),
        "nothing may be published: {:?}",
        published_files(&data)
    );

    // After a good import, a bad one leaves the published state exactly as it was.
    let good: Vec<_> = files[..4].to_vec();
    import_paths(&data, &good, &opts("kari")).unwrap();
    let before = published_files(&data);
    let bad_register = write(
        &content,
        "bad/register.tab",
        "0150\tOSLO\t0301\tOSLO\tG\n015X\tOSLO\t0301\tOSLO\tG\n",
    );
    let err = import_paths(&data, &[bad_register], &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad/register.tab:2") && err.contains("postnummer"),
        "{err}"
    );
    assert!(err.contains("nothing was published"), "{err}");
    assert_eq!(published_files(&data), before);
}

#[test]
fn a_directory_entry_pointing_at_a_missing_area_is_refused_with_its_file() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let bad = DIRECTORY_TOML.replace("covers = [\"0301\"]", "covers = [\"0301-99\"]");
    let file = write(&content, "directory/bad.toml", &bad);
    let data = DataDir::new(tmp.path().join("data"));
    let err = import_paths(&data, &[file], &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("bad.toml") && err.contains("test-barnevern-oslo") && err.contains("covers"),
        "{err}"
    );
    assert!(published_files(&data).is_empty());
}

#[test]
fn sequences_grow_and_published_files_are_never_rewritten() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let files = content_of_every_kind(&content);
    let data = DataDir::new(tmp.path().join("data"));
    import_paths(&data, &files, &opts("kari")).unwrap();
    let first_guides = std::fs::read(
        data.published()
            .join(revision_file_name(1, Collection::Guides)),
    )
    .unwrap();

    // The same content again: nothing to publish.
    assert!(import_paths(&data, &files, &opts("kari"))
        .unwrap()
        .batch
        .is_none());

    // An edit without a higher revision is refused, naming the field.
    let edited = guide_toml("guide-a", 1).replacen(
        "nb = \"Fra bekymring til handling\"",
        "nb = \"Fra bekymring til handling (ny)\"",
        1,
    );
    let path = write(&content, "guides/guide-a.toml", &edited);
    let err = import_paths(&data, std::slice::from_ref(&path), &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("guide-a.toml") && err.contains("revision") && err.contains("raise"),
        "{err}"
    );

    // With the revision raised it is published as sequence 4; only guides change.
    let edited = edited.replacen("revision = 1\n", "revision = 2\n", 1);
    write(&content, "guides/guide-a.toml", &edited);
    let batch = import_paths(&data, &[path], &opts("ola"))
        .unwrap()
        .batch
        .unwrap();
    assert_eq!(
        (batch.first, batch.last, batch.revisions[0].collection),
        (4, 4, Collection::Guides)
    );
    assert_eq!(batch.revisions[0].changed, 1);
    assert_eq!(
        std::fs::read(
            data.published()
                .join(revision_file_name(1, Collection::Guides))
        )
        .unwrap(),
        first_guides
    );
    let scan = data.scan().unwrap();
    let actors: Vec<&str> = scan.batches.values().map(|b| b.actor.as_str()).collect();
    assert_eq!(actors, vec!["kari", "ola"]);
    let err = published::write_immutable(
        &data.published(),
        &revision_file_name(4, Collection::Guides),
        b"x",
    )
    .unwrap_err();
    assert!(err.message.contains("never rewritten"), "{err}");
}

#[test]
fn delete_and_replace_remove_records() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let a = write(&content, "a.toml", &guide_toml("guide-a", 1));
    let b = write(&content, "b.toml", &guide_toml("guide-b", 1));
    let data = DataDir::new(tmp.path().join("data"));
    import_paths(&data, &[a.clone(), b], &opts("kari")).unwrap();
    let mut o = opts("kari");
    o.deletes = vec![(Collection::Guides, "guide-b".into())];
    let batch = import_paths(&data, &[], &o).unwrap().batch.unwrap();
    assert_eq!(
        (batch.revisions[0].records, batch.revisions[0].deleted),
        (1, 1)
    );
    o.deletes = vec![(Collection::Guides, "guide-b".into())];
    let err = import_paths(&data, &[], &o).unwrap_err().to_string();
    assert!(err.contains("guides/guide-b is not published"), "{err}");

    let c = write(&content, "c.toml", &guide_toml("guide-c", 1));
    let mut o = opts("kari");
    o.replace = true;
    let batch = import_paths(&data, &[c], &o).unwrap().batch.unwrap();
    assert_eq!(
        (batch.revisions[0].records, batch.revisions[0].deleted),
        (1, 1)
    );
    let _ = a;
}

#[test]
fn an_interrupted_publish_is_invisible_and_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let files = content_of_every_kind(&content);
    let data = DataDir::new(tmp.path().join("data"));
    import_paths(&data, &files[..1], &opts("kari")).unwrap();
    // A crash after writing a revision file but before its batch record.
    std::fs::write(
        data.published()
            .join(revision_file_name(2, Collection::Guides)),
        b"{half",
    )
    .unwrap();
    let scan = data.scan().unwrap();
    assert_eq!(scan.head(), 1);
    assert_eq!(scan.orphans.len(), 1);
    let repo =
        veiviser_server::sync_api::served::ServedContent::open(data.clone(), Default::default())
            .unwrap();
    assert_eq!(repo.view().sequence, 1);
    drop(repo);
    // The next publish removes the leftover and takes sequence 2 itself.
    let batch = import_paths(&data, &files[1..2], &opts("kari"))
        .unwrap()
        .batch
        .unwrap();
    assert_eq!(
        (batch.first, batch.revisions[0].collection),
        (2, Collection::Directory)
    );
    assert!(data.scan().unwrap().orphans.is_empty());
}

#[test]
fn unknown_files_and_a_held_lock_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let odd = write(tmp.path(), "notes.docx", "x");
    let data = DataDir::new(tmp.path().join("data"));
    let err = import_paths(&data, &[odd], &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("notes.docx") && err.contains("--as"), "{err}");
    let missing = tmp.path().join("missing.toml");
    let err = import_paths(&data, &[missing], &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing.toml: no such file"), "{err}");

    let lock = data.lock().unwrap();
    let guide = write(tmp.path(), "g.toml", &guide_toml("guide-a", 1));
    let err = import_paths(&data, std::slice::from_ref(&guide), &opts("kari"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("publish.lock") && err.contains("another import"),
        "{err}"
    );
    drop(lock);
    import_paths(&data, &[guide], &opts("kari")).unwrap();
}

#[test]
fn empty_and_whitespace_only_files_are_refused_with_the_errors_of_check() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    for (name, text) in [
        ("empty.toml", ""),
        ("blank.toml", "  \n\t\n"),
        ("directory/empty.toml", "\n"),
    ] {
        let file = write(tmp.path(), name, text);
        let label = file.display().to_string();
        let err = import_paths(&data, std::slice::from_ref(&file), &opts("kari")).unwrap_err();
        let ImportError::Content(errors) = err else {
            panic!("{name}: {err}");
        };
        // `veiviser check` reads every file as a guide (core's guide loader).
        let check = veiviser_core::guide::parse_guide_toml(&label, text).unwrap_err();
        let got: Vec<String> = errors.0.iter().map(|i| i.to_string()).collect();
        let want: Vec<String> = check.0.iter().map(|i| i.to_string()).collect();
        assert_eq!(got, want, "{name}");
    }
    for (name, text) in [
        ("empty.json", ""),
        ("places/empty.tab", " \n"),
        ("places/0301.tsv", "\n\n"),
    ] {
        let file = write(tmp.path(), name, text);
        let err = import_paths(&data, &[file], &opts("kari")).unwrap_err();
        assert!(matches!(err, ImportError::Content(_)), "{name}: {err}");
        assert!(
            err.to_string().contains(name.rsplit('/').next().unwrap()),
            "{err}"
        );
    }
    let empty_dir = write(tmp.path(), "as-directory.txt", "");
    let mut as_directory = opts("kari");
    as_directory.kind = Some(veiviser_server::publishing::content::ContentKind::Directory);
    let err = import_paths(&data, &[empty_dir], &as_directory).unwrap_err();
    assert!(matches!(err, ImportError::Content(_)), "{err}");
    assert!(is_empty_dir(&data.published()), "nothing is published");
    assert!(published::scan(&data.published())
        .unwrap()
        .batches
        .is_empty());
}
