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
