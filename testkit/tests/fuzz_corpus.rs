//! Replays every committed fuzz corpus (`fuzz/corpus/<target>/`) through its target's body
//! (`veiviser_testkit::fuzz`), on any toolchain: a seed or a crash reproducer that panics
//! fails here, without cargo-fuzz or nightly.

use veiviser_testkit::fuzz::TARGETS;
use veiviser_testkit::repo_root;

#[test]
fn every_corpus_file_runs_through_its_target_without_a_panic() {
    let corpus = repo_root().join("fuzz").join("corpus");
    for (name, body) in TARGETS {
        let dir = corpus.join(name);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("no corpus for {name} at {}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "the corpus of {name} is empty");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let run = std::panic::catch_unwind(|| body(&data));
            assert!(run.is_ok(), "{name} panicked on {}", file.display());
        }
    }
}

#[test]
fn every_target_has_a_fuzz_target_file() {
    let targets = repo_root().join("fuzz").join("fuzz_targets");
    for (name, _) in TARGETS {
        let file = targets.join(format!("{name}.rs"));
        let text =
            std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert!(
            text.contains(&format!("veiviser_testkit::fuzz::{name}(data)")),
            "{} does not call its body",
            file.display()
        );
    }
}

#[test]
fn the_bodies_survive_edge_inputs() {
    let inputs: [&[u8]; 6] = [
        b"",
        b"\0",
        b"\xff\xfe",
        b"{}",
        b"[]",
        b"[[steps]]\nid = \"\"\n",
    ];
    for (name, body) in TARGETS {
        for input in inputs {
            let run = std::panic::catch_unwind(|| body(input));
            assert!(run.is_ok(), "{name} panicked on {input:?}");
        }
    }
}

/// The seeds are real inputs the parsers accept (so the fuzzer starts from the interesting
/// side of each parser, not from its first error).
#[test]
fn the_seeds_are_accepted_inputs() {
    use veiviser_core::guide::{guide_from_json, parse_guide_toml};
    use veiviser_core::sync::highwater::HighWater;
    use veiviser_core::sync::signing::TrustedKeys;
    let corpus = repo_root().join("fuzz").join("corpus");
    let read = |target: &str, file: &str| std::fs::read(corpus.join(target).join(file)).unwrap();
    for file in ["minimal.toml", "snakke-med-barnet.toml"] {
        let text = String::from_utf8(read("guide_toml", file)).unwrap();
        parse_guide_toml(file, &text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
    guide_from_json("seed", &read("guide_json", "den-nodvendige-samtalen.json")).unwrap();
    assert!(
        HighWater::from_bytes("seed", &read("highwater", "highwater.json"))
            .damaged
            .is_none()
    );
    let keys = String::from_utf8(read("key_files", "DEMO-ONLY-trusted-keys.toml")).unwrap();
    let keys = TrustedKeys::from_toml_str(&keys, "seed").unwrap();
    let full: veiviser_core::sync::protocol::Changeset =
        serde_json::from_slice(&read("changeset", "places-full.json")).unwrap();
    full.verify_full(&keys).expect("a genuine signed changeset");
    let national = String::from_utf8(read("directory", "national.toml")).unwrap();
    veiviser_core::directory::load::parse_directory_file("national.toml", &national).unwrap();
    for file in ["start.json", "answered.json", "deeper.json", "acute.json"] {
        let saved: veiviser_core::guide::Session =
            serde_json::from_slice(&read("session", file)).unwrap();
        let guide_text = std::fs::read_to_string(
            repo_root().join("server/content/guides/fra-bekymring-til-handling.toml"),
        )
        .unwrap();
        let guide = parse_guide_toml("demo", &guide_text).unwrap().guide;
        veiviser_core::guide::Session::resume(&guide, saved)
            .unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}
