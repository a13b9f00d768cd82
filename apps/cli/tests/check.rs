//! `veiviser check` end to end: the real binary on real files.
//!
//! Accepts the shipped guide; rejects one example of each error kind with exit code 1 and a
//! line on stderr naming the file, the step and the field.

use std::path::{Path, PathBuf};
use std::process::Command;
use veiviser_testkit::fixtures::{invalid_guide, INVALID_GUIDES, MINIMAL_GUIDE_TOML};
use veiviser_testkit::paths::shipped_guide_path;

/// A small valid guide (the shared fixture); each test breaks it in exactly one way.
const BASE: &str = MINIMAL_GUIDE_TOML;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn check(files: &[&Path]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .arg("check")
        .args(files)
        .output()
        .expect("run veiviser");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Writes `BASE` with `from` replaced by `to` (which must change it) and checks it.
fn check_variant(dir: &tempfile::TempDir, name: &str, from: &str, to: &str) -> (PathBuf, Run) {
    let src = if from.is_empty() {
        format!("{BASE}{to}")
    } else {
        assert!(BASE.contains(from), "{name}: `{from}` is not in BASE");
        BASE.replacen(from, to, 1)
    };
    let path = dir.path().join(format!("{name}.toml"));
    std::fs::write(&path, src).unwrap();
    let run = check(&[&path]);
    (path, run)
}

/// The variant is rejected with exit 1 and a stderr line `FILE: <location>: …<fragment>…`.
#[track_caller]
fn assert_rejected(name: &str, from: &str, to: &str, location: &str, fragment: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (path, run) = check_variant(&dir, name, from, to);
    assert_eq!(run.code, 1, "{name}: exit code; stderr:\n{}", run.stderr);
    let prefix = format!("{}: {location}: ", path.display());
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with(&prefix) && l.contains(fragment));
    assert!(
        line.is_some(),
        "{name}: no stderr line starting `{prefix}` containing `{fragment}`:\n{}",
        run.stderr
    );
    assert!(
        run.stdout.is_empty(),
        "{name}: nothing on stdout for an invalid file"
    );
}

#[test]
fn accepts_the_shipped_guide_without_warnings() {
    let path = shipped_guide_path();
    let run = check(&[&path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no errors or warnings expected");
    assert!(
        run.stdout.contains("fra-bekymring-til-handling.toml: ok"),
        "{}",
        run.stdout
    );
}

#[test]
fn accepts_the_unmodified_base_guide() {
    let dir = tempfile::tempdir().unwrap();
    let (_, run) = check_variant(&dir, "base", "", "");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn rejects_unknown_start_step_id() {
    assert_rejected(
        "unknown-start",
        "start = \"start\"",
        "start = \"begynn\"",
        "start",
        "`begynn` is not a step",
    );
}

#[test]
fn rejects_duplicate_step_id() {
    assert_rejected(
        "duplicate-id",
        "",
        "\n[[steps]]\nid = \"meld\"\nkind = \"end\"\ntext.nb = \"Igjen.\"\n",
        "step meld: id",
        "used twice",
    );
}

#[test]
fn rejects_dangling_next() {
    assert_rejected(
        "dangling-next",
        "next = \"slutt\"",
        "next = \"slut\"",
        "step meld: next",
        "leads to `slut`, which is not a step in this guide (did you mean `slutt`?)",
    );
}

#[test]
fn rejects_dangling_option_next() {
    assert_rejected(
        "dangling-option",
        "next = \"akutt\"",
        "next = \"hjelp\"",
        "step start: options[0].next",
        "`hjelp`",
    );
}

#[test]
fn rejects_unreachable_step() {
    assert_rejected(
        "unreachable",
        "",
        "\n[[steps]]\nid = \"glemt\"\nkind = \"action\"\ntext.nb = \"Ingen kommer hit.\"\nnext = \"slutt\"\n",
        "step glemt: id",
        "cannot be reached from the start step `start`",
    );
}

#[test]
fn rejects_step_with_no_end_reachable() {
    let to = "label.nb = \"Nei\"\nnext = \"felle\"";
    let dir = tempfile::tempdir().unwrap();
    let src = BASE.replacen("label.nb = \"Nei\"\nnext = \"meld\"", to, 1)
        + "\n[[steps]]\nid = \"felle\"\nkind = \"action\"\ntext.nb = \"Rundt.\"\nnext = \"felle-2\"\n"
        + "\n[[steps]]\nid = \"felle-2\"\nkind = \"action\"\nloop_back = true\ntext.nb = \"Og rundt.\"\nnext = \"felle\"\n";
    assert_ne!(src, BASE);
    let path = dir.path().join("no-end.toml");
    std::fs::write(&path, src).unwrap();
    let run = check(&[&path]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let prefix = format!(
        "{}: step felle: next: no end step can be reached",
        path.display()
    );
    assert!(
        run.stderr.lines().any(|l| l.starts_with(&prefix)),
        "{}",
        run.stderr
    );
}

#[test]
fn rejects_cycle_without_loop_back_and_accepts_it_with() {
    let from = "contacts = [\"nodnummer\", \"barnevernvakt\"]\nnext = \"meld\"";
    let to = "contacts = [\"nodnummer\", \"barnevernvakt\"]\nnext = \"start\"";
    assert_rejected(
        "cycle",
        from,
        to,
        "step akutt: next",
        "closing the cycle `start` → `akutt` → `start`: if the loop is deliberate, set loop_back = true",
    );
    let dir = tempfile::tempdir().unwrap();
    let (_, run) = check_variant(&dir, "loop-back", from, &format!("{to}\nloop_back = true"));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn rejects_missing_nb_text() {
    assert_rejected(
        "missing-nb",
        "text.nb = \"Send melding.\"",
        "text.en = \"Send a report.\"",
        "step meld: text.nb",
        "missing in bokmål",
    );
}

#[test]
fn rejects_missing_nb_option_label() {
    assert_rejected(
        "missing-nb-label",
        "label.nb = \"Ja\"",
        "label.en = \"Yes\"",
        "step start: options[0].label.nb",
        "missing in bokmål",
    );
}

#[test]
fn rejects_empty_options() {
    assert_rejected(
        "empty-options",
        "kind = \"end\"\ntext.nb = \"Ferdig.\"",
        "kind = \"question\"\ntext.nb = \"Ferdig?\"\noptions = []",
        "step slutt: options",
        "a question needs at least one option",
    );
}

#[test]
fn rejects_duplicate_option_id() {
    assert_rejected(
        "duplicate-option",
        "id = \"nei\"",
        "id = \"ja\"",
        "step start: options[1].id",
        "used twice in this step",
    );
}

#[test]
fn rejects_unknown_contact_role_listing_valid_ones() {
    assert_rejected(
        "unknown-role",
        "\"barnevernvakt\"]",
        "\"barnevernsvakt\"]",
        "step akutt: contacts[1]",
        "unknown contact role `barnevernsvakt`: did you mean `barnevernvakt`? Valid roles: nodnummer, politi, barnevern",
    );
}

#[test]
fn rejects_urgent_step_without_contact() {
    assert_rejected(
        "urgent-no-contact",
        "contacts = [\"nodnummer\", \"barnevernvakt\"]\n",
        "",
        "step akutt: contacts",
        "an urgent step must name at least one contact role",
    );
}

#[test]
fn rejects_acute_step_that_is_not_urgent() {
    assert_rejected(
        "acute-not-urgent",
        "urgent = true\n",
        "",
        "step akutt: urgent",
        "acute_step",
    );
}

#[test]
fn rejects_malformed_date() {
    assert_rejected(
        "bad-date",
        "reviewed_on = 2025-03-14",
        "reviewed_on = \"14.03.2025\"",
        "review.reviewed_on",
        "`14.03.2025` is not a valid date: write the date as YYYY-MM-DD",
    );
}

#[test]
fn rejects_impossible_date() {
    assert_rejected(
        "impossible-date",
        "reviewed_on = 2025-03-14",
        "reviewed_on = \"2025-02-30\"",
        "review.reviewed_on",
        "not a valid date",
    );
}

#[test]
fn rejects_unknown_field_with_suggestion() {
    assert_rejected(
        "unknown-field",
        "text.nb = \"Send melding.\"",
        "text.nb = \"Send melding.\"\nlegl = []",
        "step meld: legl",
        "unknown field `legl` in a step: did you mean `legal`?",
    );
}

#[test]
fn rejects_unknown_field_in_an_option() {
    assert_rejected(
        "unknown-option-field",
        "label.nb = \"Nei\"",
        "label.nb = \"Nei\"\nnxt = \"meld\"",
        "step start: options[1].nxt",
        "did you mean `next`?",
    );
}

#[test]
fn rejects_unknown_step_kind() {
    assert_rejected(
        "unknown-kind",
        "kind = \"end\"",
        "kind = \"slutt\"",
        "step slutt: kind",
        "unknown step kind `slutt`",
    );
}

#[test]
fn rejects_syntax_error_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let (path, run) = check_variant(&dir, "syntax", "revision = 1", "revision = 1 1");
    assert_eq!(run.code, 1, "{}", run.stderr);
    let prefix = format!("{}:2:", path.display());
    let line = run.stderr.lines().find(|l| l.starts_with(&prefix));
    let line = line.unwrap_or_else(|| panic!("no `{prefix}COL:` line:\n{}", run.stderr));
    let rest = &line[prefix.len()..];
    let (col, message) = rest.split_once(": ").unwrap();
    assert!(col.parse::<usize>().is_ok_and(|c| c > 1), "{line}");
    assert!(message.starts_with("TOML syntax error"), "{line}");
}

#[test]
fn rejects_repealed_legal_section() {
    assert_rejected(
        "repealed",
        "law = \"barnevernsloven\"\nsection = \"§ 13-2\"",
        "law = \"opplæringslova\"\nsection = \"§ 15-3\"",
        "legal[0].section",
        "opplæringslova § 15-3, which is repealed",
    );
}

#[test]
fn rejects_undefined_legal_reference() {
    assert_rejected(
        "undefined-legal",
        "legal = [\"bvl-13-2\"]",
        "legal = [\"bvl-13-3\"]",
        "step meld: legal[0]",
        "`bvl-13-3`, which is not defined (did you mean `bvl-13-2`?)",
    );
}

#[test]
fn rejects_empty_audience() {
    assert_rejected(
        "empty-audience",
        "audience = [\"barnehage\", \"skole\"]",
        "audience = []",
        "audience",
        "the audience is empty",
    );
}

#[test]
fn phone_number_in_text_is_a_warning_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let (path, run) = check_variant(
        &dir,
        "phone",
        "Ring nødnummer.",
        "Ring 112 eller 22 70 56 50.",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for number in ["`112`", "`22 70 56 50`"] {
        let prefix = format!("{}: step akutt: text.nb: warning: {number}", path.display());
        assert!(
            run.stderr.lines().any(|l| l.starts_with(&prefix)),
            "{}",
            run.stderr
        );
    }
    assert!(run.stdout.contains("ok (2 warnings)"), "{}", run.stdout);
}

#[test]
fn reports_every_file_and_every_error_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let (good, _) = check_variant(&dir, "good", "", "");
    let (bad, _) = check_variant(&dir, "bad", "next = \"slutt\"", "next = \"slut\"\nnxt = 1");
    let run = check(&[&bad, &good]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("good.toml: ok"), "{}", run.stdout);
    let bad = bad.display().to_string();
    assert!(
        run.stderr
            .contains(&format!("{bad}: step meld: next: leads to `slut`")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{bad}: step meld: nxt: unknown field")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 of 2 file(s) invalid"),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_file_is_named_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("finnes-ikke.toml");
    let (good, _) = check_variant(&dir, "good", "", "");
    let run = check(&[&missing, &good]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("{}: cannot read", missing.display())),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("good.toml: ok"),
        "the other file is still checked"
    );
}

#[test]
fn no_file_argument_is_a_usage_error() {
    let run = check(&[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn invalid_fixtures_are_rejected() {
    for name in INVALID_GUIDES {
        let path = invalid_guide(name);
        let run = check(&[&path]);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(&path.display().to_string()),
            "{name}: {}",
            run.stderr
        );
    }
}

#[test]
fn wire_json_guides_are_checked_too() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = shipped_guide_path();
    let guide = veiviser_core::guide::load_guide_file(&shipped)
        .unwrap()
        .guide;
    let mut json: serde_json::Value =
        serde_json::from_slice(&veiviser_core::guide::guide_to_json(&guide)).unwrap();
    let ok = dir.path().join("guide.json");
    std::fs::write(&ok, serde_json::to_vec(&json).unwrap()).unwrap();
    let run = check(&[&ok]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    json["min_client_version"] = serde_json::json!(veiviser_core::guide::CLIENT_VERSION + 1);
    let newer = dir.path().join("newer.json");
    std::fs::write(&newer, serde_json::to_vec(&json).unwrap()).unwrap();
    let run = check(&[&newer]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("update the app"), "{}", run.stderr);
}

/// The five shipped guides, sorted by file name.
fn shipped_guides() -> Vec<PathBuf> {
    let dir = shipped_guide_path().parent().unwrap().to_path_buf();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn accepts_all_five_shipped_guides_as_one_set() {
    let files = shipped_guides();
    assert_eq!(files.len(), 5, "{files:?}");
    let refs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let run = check(&refs);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no errors or warnings expected");
    assert!(
        run.stdout.contains("5 guides: ok as one set"),
        "{}",
        run.stdout
    );
}

#[test]
fn several_files_are_checked_as_one_set_of_links() {
    // The main guide links to guides that are not given: each link is an error (exit 1).
    let files = shipped_guides();
    let main = files
        .iter()
        .find(|p| p.ends_with("fra-bekymring-til-handling.toml"))
        .unwrap();
    let talk = files
        .iter()
        .find(|p| p.ends_with("snakke-med-barnet.toml"))
        .unwrap();
    let run = check(&[main, talk]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "fra-bekymring-til-handling.toml: step A6: links[0].guide: links to guide `skrive-bekymringsmelding`, which is not in the published set"
        ),
        "{}",
        run.stderr
    );
    // Two files with the same id.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("kopi.toml");
    std::fs::copy(talk, &copy).unwrap();
    let mut with_copy: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    with_copy.push(&copy);
    let run = check(&with_copy);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("guide id `snakke-med-barnet` is also used by"),
        "{}",
        run.stderr
    );
    // A single file is checked on its own (its links cannot be followed).
    assert_eq!(check(&[main]).code, 0);
}
