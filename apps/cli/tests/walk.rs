//! `veiviser walk` on the shipped guide, by script: the acute path, the violence/abuse path,
//! the report path for several sectors, errors and exit codes, and resuming a saved session
//! against edited revisions of the guide.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn shipped_guide() -> PathBuf {
    veiviser_testkit::paths::shipped_guide_path()
}

fn run(file: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .arg("walk")
        .arg(file)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run veiviser")
}

/// `walk FILE --answer A... EXTRA... --json`, asserting success; the JSON document.
fn walk_json(file: &Path, answers: &[&str], extra: &[&str]) -> Value {
    let mut args: Vec<&str> = answers.iter().flat_map(|a| ["--answer", a]).collect();
    args.extend_from_slice(extra);
    args.push("--json");
    let out = run(file, &args);
    assert!(
        out.status.success(),
        "walk {answers:?} {extra:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn strs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not an array: {v}"))
        .iter()
        .map(|x| x.as_str().expect("string"))
        .collect()
}

fn citations(doc: &Value) -> Vec<&str> {
    doc["step"]["legal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["citation"].as_str().unwrap())
        .collect()
}

const TO_Q2: &[&str] = &["next", "nei"];
const VIOLENCE: &[&str] = &["next", "nei", "ja"];
/// To the sector branch `SEKTOR` (S0 -> Q1 -> Q2 -> A3 -> SEKTOR).
const TO_SECTOR: &[&str] = &["next", "nei", "nei", "next"];
/// To the report step A6 through the sector branch's `other` option (straight on to A4).
const REPORT: &[&str] = &["next", "nei", "nei", "next", "other", "next", "nei", "ja"];

/// To the report step A6 through `sector`'s own step (A3-BH, A3-SK, …), answering the
/// branch by hand (no `--sector`).
fn report_in(sector: &'static str) -> Vec<&'static str> {
    let mut route = TO_SECTOR.to_vec();
    route.extend([sector, "next", "next", "nei", "ja"]);
    route
}

/// The same route with `--sector` given: the branch answers itself, so no sector answer.
fn report_with_sector() -> Vec<&'static str> {
    let mut route = TO_SECTOR.to_vec();
    route.extend(["next", "next", "nei", "ja"]);
    route
}

#[test]
fn json_document_has_the_contract_fields() {
    let doc = walk_json(&shipped_guide(), &[], &[]);
    assert_eq!(doc["guide"]["id"], "fra-bekymring-til-handling");
    assert!(doc["guide"]["revision"].as_u64().unwrap() >= 1);
    assert_eq!(doc["acute_step"], "A1");
    let step = &doc["step"];
    assert_eq!(step["id"], "S0");
    assert_eq!(step["kind"], "action");
    assert_eq!(step["urgent"], false);
    assert!(step["text"].as_str().unwrap().starts_with("Du er bekymret"));
    assert_eq!(step["title"], "Jeg er bekymret");
    for field in ["options", "checklist", "contacts", "legal", "links"] {
        assert!(step[field].is_array(), "step.{field}");
    }
    assert_eq!(strs(&doc["path"]), ["S0"]);
    assert_eq!(strs(&doc["choices"]), ["next", "acute"]);
    assert_eq!(doc["resume"], Value::Null);

    let doc = walk_json(&shipped_guide(), &["next"], &[]);
    let options: Vec<(&str, &str)> = doc["step"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["label"].as_str().unwrap()))
        .collect();
    assert_eq!(
        options,
        [
            ("ja", "Ja, barnet er i fare nå"),
            ("nei", "Nei, ikke akutt")
        ]
    );
    assert_eq!(doc["step"]["kind"], "question");
}

#[test]
fn acute_path_calls_emergency_numbers_first() {
    let doc = walk_json(
        &shipped_guide(),
        &["next", "ja"],
        &["--sector", "barnehage"],
    );
    let step = &doc["step"];
    assert_eq!(step["id"], "A1");
    assert_eq!(step["urgent"], true);
    assert_eq!(step["is_acute_step"], true);
    let contacts = strs(&step["contacts"]);
    assert_eq!(contacts[0], "nodnummer", "call-first: {contacts:?}");
    assert!(contacts.contains(&"barnevernvakt"), "{contacts:?}");
    assert!(contacts.contains(&"alarmtelefon"), "{contacts:?}");
    assert_eq!(strs(&doc["path"]), ["S0", "Q1", "A1"]);
    assert!(citations(&doc).contains(&"straffeloven § 196"));
    // After the acute step the walk continues to the report.
    let doc = walk_json(&shipped_guide(), &["next", "ja", "next"], &[]);
    assert_eq!(doc["step"]["id"], "A6");
}

#[test]
fn acute_exit_is_offered_from_every_step() {
    let routes: &[&[&str]] = &[
        &[],
        &["next"],
        TO_Q2,
        VIOLENCE,
        &["next", "nei", "ansatt-eller-barn"],
        &["next", "nei", "ansatt-eller-barn", "next"],
        &["next", "nei", "barnevernet-spor"],
        &["next", "nei", "nei"],
        TO_SECTOR,
        &["next", "nei", "nei", "next", "barnehage"],
        &["next", "nei", "nei", "next", "other"],
        &["next", "nei", "nei", "next", "other", "next"],
        &["next", "nei", "nei", "next", "other", "next", "ja"],
        &["next", "nei", "nei", "next", "other", "next", "nei", "nei"],
        REPORT,
        &[
            "next", "nei", "nei", "next", "other", "next", "nei", "ja", "next",
        ],
        &[
            "next", "nei", "nei", "next", "other", "next", "nei", "ja", "next", "sendt",
        ],
        &[
            "next",
            "nei",
            "nei",
            "next",
            "other",
            "next",
            "nei",
            "ja",
            "next",
            "ikke-enna",
        ],
        &[
            "next", "nei", "nei", "next", "other", "next", "nei", "nei", "folg-opp",
        ],
    ];
    let mut seen = std::collections::BTreeSet::new();
    for route in routes {
        let before = walk_json(&shipped_guide(), route, &[]);
        let here = before["step"]["id"].as_str().unwrap().to_owned();
        assert!(
            strs(&before["choices"]).contains(&"acute"),
            "{here}: acute not offered"
        );
        let mut with_acute = route.to_vec();
        with_acute.push("acute");
        let doc = walk_json(&shipped_guide(), &with_acute, &[]);
        assert_eq!(doc["step"]["id"], "A1", "acute exit from {here}");
        assert_eq!(doc["step"]["urgent"], true);
        let path = strs(&doc["path"]);
        assert_eq!(path[path.len() - 2], here);
        seen.insert(here);
    }
    assert_eq!(
        seen.len(),
        routes.len(),
        "every route ends on a different step: {seen:?}"
    );
}

#[test]
fn violence_path_keeps_the_parents_out_and_calls_barnevern_and_police() {
    let doc = walk_json(&shipped_guide(), VIOLENCE, &[]);
    let step = &doc["step"];
    assert_eq!(step["id"], "A2");
    assert_eq!(step["urgent"], false);
    let text = step["text"].as_str().unwrap();
    assert!(
        text.contains("Ikke informer eller konfronter foreldrene"),
        "{text}"
    );
    let contacts = strs(&step["contacts"]);
    assert!(
        contacts.contains(&"barnevern") && contacts.contains(&"politi"),
        "{contacts:?}"
    );
    assert!(citations(&doc).contains(&"straffeloven § 196"));
    assert_eq!(strs(&doc["path"]), ["S0", "Q1", "Q2", "A2"]);

    let doc = walk_json(&shipped_guide(), VIOLENCE, &["--lang", "en"]);
    let text = doc["step"]["text"].as_str().unwrap();
    assert!(
        text.contains("Do not inform or confront the parents"),
        "{text}"
    );
}

#[test]
fn a_step_links_to_other_guides_as_actions() {
    let doc = walk_json(&shipped_guide(), VIOLENCE, &["--lang", "nn"]);
    let links = doc["step"]["links"].as_array().unwrap();
    let targets: Vec<&str> = links.iter().map(|l| l["guide"].as_str().unwrap()).collect();
    assert_eq!(
        targets,
        ["mistanke-om-vold-og-overgrep", "snakke-med-barnet"]
    );
    assert_eq!(links[1]["label"], "Slik snakkar du med barnet");
    assert_eq!(
        links[1]["available"], true,
        "the file lies beside the main guide"
    );
    // A copy alone in a folder: the linked guides are not on this device.
    let tmp = tempfile::tempdir().unwrap();
    let alone = tmp.path().join("fra-bekymring-til-handling.toml");
    std::fs::copy(shipped_guide(), &alone).unwrap();
    let doc = walk_json(&alone, VIOLENCE, &[]);
    assert_eq!(doc["step"]["links"][0]["available"], false);
    let mut args: Vec<&str> = VIOLENCE.iter().flat_map(|a| ["--answer", *a]).collect();
    args.extend(["--lang", "en"]);
    let out = run(&alone, &args);
    let text = String::from_utf8(out.stdout).unwrap();
    // The text is the app's screen, which reads the guides a first launch holds: the linked
    // guide is there.
    assert!(text.contains("See also:"), "{text}");
    assert!(
        text.contains("→ How to talk with the child: veiviser walk snakke-med-barnet"),
        "{text}"
    );
}

#[test]
fn report_path_in_barnehage_shows_barnehageloven_beside_barnevernsloven() {
    let doc = walk_json(
        &shipped_guide(),
        &report_with_sector(),
        &["--sector", "barnehage"],
    );
    assert_eq!(doc["step"]["id"], "A6");
    assert_eq!(doc["sector"], "barnehage");
    assert!(strs(&doc["step"]["contacts"]).contains(&"barnevern"));
    let cites = citations(&doc);
    assert!(cites.contains(&"barnevernsloven § 13-2"), "{cites:?}");
    assert!(cites.contains(&"barnehageloven § 46"), "{cites:?}");
    assert!(!cites.contains(&"helsepersonelloven § 33"), "{cites:?}");
    assert!(
        !cites.iter().any(|c| c.contains("sosialtjenesteloven")),
        "{cites:?}"
    );
    let legal = doc["step"]["legal"].as_array().unwrap();
    for l in legal {
        for field in ["law", "section", "citation", "title", "url"] {
            assert!(l.get(field).is_some(), "legal.{field} in {l}");
        }
        assert!(l["url"]
            .as_str()
            .unwrap()
            .starts_with("https://lovdata.no/"));
    }
    assert_eq!(
        strs(&doc["path"]),
        ["S0", "Q1", "Q2", "A3", "SEKTOR", "A3-BH", "A4", "Q3", "Q4", "A6"]
    );
}

#[test]
fn the_sector_branch_leads_each_sector_to_its_own_step() {
    for (sector, step) in [
        ("barnehage", "A3-BH"),
        ("skole", "A3-SK"),
        ("helsestasjon", "A3-HS"),
        ("tannhelse", "A3-TH"),
        ("nav", "A3-NAV"),
        ("other", "A4"),
    ] {
        let mut route = TO_SECTOR.to_vec();
        route.push(sector);
        let doc = walk_json(&shipped_guide(), &route, &[]);
        assert_eq!(doc["step"]["id"], step, "{sector}");
    }
    let doc = walk_json(
        &shipped_guide(),
        &["next", "nei", "nei", "next", "tannhelse"],
        &[],
    );
    let text = doc["step"]["text"].as_str().unwrap();
    assert!(text.contains("bokstav b"), "{text}");
}

#[test]
fn with_a_sector_the_branch_answers_itself_and_the_summary_says_so() {
    for (sector, step) in [
        ("barnehage", "A3-BH"),
        ("skole", "A3-SK"),
        ("helsestasjon", "A3-HS"),
        ("tannhelse", "A3-TH"),
        ("nav", "A3-NAV"),
        ("fastlege", "A4"),
    ] {
        let doc = walk_json(&shipped_guide(), TO_SECTOR, &["--sector", sector]);
        assert_eq!(doc["step"]["id"], step, "{sector}");
        let path = strs(&doc["path"]);
        assert_eq!(
            path[path.len() - 2],
            "SEKTOR",
            "{sector}: the branch stays in the path"
        );
        let summary = doc["summary"].as_array().unwrap();
        let branch = &summary[summary.len() - 2];
        assert_eq!(branch["step_id"], "SEKTOR");
        assert_eq!(branch["taken"]["via"], "sector", "{sector}");
        let expected = if sector == "fastlege" {
            "other"
        } else {
            sector
        };
        assert_eq!(branch["taken"]["option"], expected, "{sector}");
        assert_eq!(branch["taken"]["note"], "valgt ut fra sektoren din");
    }
    // After the automatic answer the walk goes on from the sector's step.
    let mut route = TO_SECTOR.to_vec();
    route.push("next");
    let doc = walk_json(&shipped_guide(), &route, &["--sector", "barnehage"]);
    assert_eq!(doc["step"]["id"], "A4");
    // Without a sector the branch is asked like any other question.
    let doc = walk_json(&shipped_guide(), TO_SECTOR, &[]);
    assert_eq!(doc["step"]["id"], "SEKTOR");
    assert_eq!(doc["step"]["kind"], "question");
    // An older script that answers the branch by hand still walks the same route.
    let doc = walk_json(
        &shipped_guide(),
        &report_in("barnehage"),
        &["--sector", "barnehage"],
    );
    assert_eq!(doc["step"]["id"], "A6");
    assert_eq!(
        strs(&doc["path"]),
        ["S0", "Q1", "Q2", "A3", "SEKTOR", "A3-BH", "A4", "Q3", "Q4", "A6"]
    );
    // The text summary names the choice and why.
    let mut route = report_with_sector();
    route.extend(["next", "sendt", "next"]);
    let mut args: Vec<&str> = route.iter().flat_map(|a| ["--answer", *a]).collect();
    args.extend(["--sector", "tannhelse", "--lang", "nn"]);
    let out = run(&shipped_guide(), &args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("(valt ut frå sektoren din)"), "{text}");
}

#[test]
fn report_path_in_health_sectors_shows_helsepersonelloven_beside_barnevernsloven() {
    for sector in ["helsestasjon", "tannhelse"] {
        let doc = walk_json(
            &shipped_guide(),
            &report_with_sector(),
            &["--sector", sector],
        );
        assert_eq!(doc["step"]["id"], "A6");
        let cites = citations(&doc);
        assert!(
            cites.contains(&"barnevernsloven § 13-2"),
            "{sector}: {cites:?}"
        );
        assert!(
            cites.contains(&"helsepersonelloven § 33"),
            "{sector}: {cites:?}"
        );
        assert!(
            !cites.contains(&"barnehageloven § 46"),
            "{sector}: {cites:?}"
        );
    }
}

#[test]
fn report_path_in_school_cites_the_new_education_act_without_the_repealed_section() {
    let doc = walk_json(
        &shipped_guide(),
        &report_with_sector(),
        &["--sector", "skole"],
    );
    let cites = citations(&doc);
    assert!(cites.contains(&"barnevernsloven § 13-2"), "{cites:?}");
    assert!(cites.contains(&"opplæringslova"), "{cites:?}");
    assert!(!cites.iter().any(|c| c.contains("15-3")), "{cites:?}");
}

#[test]
fn the_question_of_the_duty_itself_shows_the_sector_rule_too() {
    let report = report_with_sector();
    let to_q4 = &report[..report.len() - 1];
    let doc = walk_json(&shipped_guide(), to_q4, &["--sector", "barnehage"]);
    assert_eq!(doc["step"]["id"], "Q4");
    assert!(citations(&doc).contains(&"barnehageloven § 46"));
}

#[test]
fn the_follow_up_loop_can_return_to_the_duty_to_report() {
    let mut route = REPORT[..REPORT.len() - 1].to_vec();
    route.extend(["nei", "bekymringen-oker", "ja"]);
    let doc = walk_json(&shipped_guide(), &route, &[]);
    assert_eq!(doc["step"]["id"], "A6");
    let path = strs(&doc["path"]);
    assert_eq!(path.iter().filter(|s| **s == "Q4").count(), 2, "{path:?}");
}

#[test]
fn an_end_step_is_finished_and_has_a_summary() {
    let mut route = REPORT.to_vec();
    route.extend(["next", "sendt", "next"]);
    let doc = walk_json(&shipped_guide(), &route, &[]);
    assert_eq!(doc["step"]["id"], "E1");
    assert_eq!(doc["step"]["kind"], "end");
    assert_eq!(doc["finished"], true);
    assert_eq!(strs(&doc["choices"]), ["acute"]);
    let summary = doc["summary"].as_array().unwrap();
    assert_eq!(summary.len(), strs(&doc["path"]).len());
    assert_eq!(summary[1]["taken"]["via"], "answer");
    assert_eq!(summary[1]["taken"]["option"], "nei");
}

#[test]
fn unknown_option_is_a_usage_error_listing_the_valid_ids() {
    let out = run(
        &shipped_guide(),
        &["--answer", "next", "--answer", "kanskje"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("«kanskje»"), "{err}");
    assert!(err.contains("gyldige valg her: ja, nei, acute"), "{err}");
    assert!(out.stdout.is_empty());

    // On an action step the valid ids are `next` and `acute`.
    let out = run(&shipped_guide(), &["--answer", "ja"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("next, acute"));

    // Past the end nothing but the acute exit is valid.
    let mut args: Vec<&str> = REPORT.iter().flat_map(|a| ["--answer", *a]).collect();
    args.extend([
        "--answer", "next", "--answer", "sendt", "--answer", "next", "--answer", "next",
    ]);
    args.extend(["--lang", "en"]);
    let out = run(&shipped_guide(), &args);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("valid ids here: acute"));
}

#[test]
fn bad_flags_are_usage_errors() {
    let out = run(&shipped_guide(), &["--sector", "bank"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("barnehage"));
    let out = run(&shipped_guide(), &["--lang", "sv"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_invalid_guide_file_exits_1_with_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.toml");
    let src = std::fs::read_to_string(shipped_guide()).unwrap();
    std::fs::write(&file, src.replacen("next = \"Q1\"", "next = \"Q9\"", 1)).unwrap();
    let out = run(&file, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml: step S0: next:"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn without_answers_and_without_a_terminal_it_prints_the_start_step() {
    let out = run(&shipped_guide(), &[]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Jeg er bekymret"), "{text}");
    assert!(text.contains("--answer next"), "{text}");
    assert!(text.contains("Akutt fare nå: --answer acute"), "{text}");
    assert!(
        !text.contains("\x1b["),
        "no colour codes when not on a terminal"
    );
}

#[test]
fn text_output_puts_contacts_first_on_urgent_steps() {
    let out = run(&shipped_guide(), &["--answer", "acute"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let banner = text.find("RING FØRST").expect(&text);
    let emergency = text.find("112 (tel:112)").expect(&text);
    let body = text.find("Sørg for at barnet er trygt").expect(&text);
    assert!(banner < emergency && emergency < body, "{text}");
}

/// Copies the shipped guide into `dir`, edited by `edit`.
fn edited_copy(dir: &Path, name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let src = std::fs::read_to_string(shipped_guide()).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, edit(src)).unwrap();
    path
}

fn set_revision(src: String, revision: u32) -> String {
    let line = src
        .lines()
        .find(|l| l.starts_with("revision = "))
        .expect("revision line")
        .to_owned();
    src.replacen(&line, &format!("revision = {revision}"), 1)
}

/// Removes the `[[steps]]` table of `id` (with its options and checklist).
fn remove_step(src: &str, id: &str) -> String {
    let start = src
        .find(&format!("[[steps]]\nid = \"{id}\""))
        .expect("step table");
    let end = src[start + 1..]
        .find("[[steps]]\nid = ")
        .map(|e| start + 1 + e)
        .unwrap_or(src.len());
    format!("{}{}", &src[..start], &src[end..])
}

#[test]
fn a_session_resumes_against_edited_revisions() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("walk.json");
    let session_arg = session.to_str().unwrap();
    let v1 = edited_copy(dir.path(), "v1.toml", |s| s);

    // Walk to the report step and save.
    let doc = walk_json(&v1, REPORT, &["--session", session_arg]);
    assert_eq!(doc["step"]["id"], "A6");
    assert_eq!(doc["resume"], Value::Null, "a new session file");
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(
        saved.contains("\"guide_id\": \"fra-bekymring-til-handling\""),
        "{saved}"
    );

    // Same revision: exactly where we were.
    let doc = walk_json(&v1, &[], &["--session", session_arg]);
    assert_eq!(doc["step"]["id"], "A6");
    assert_eq!(doc["resume"]["outcome"]["outcome"], "exact");
    assert_eq!(doc["resume"]["message"], Value::Null);

    // A newer revision with the same path (only a text changed): the answers are replayed.
    let v2 = edited_copy(dir.path(), "v2.toml", |s| {
        set_revision(s, 2).replacen(
            "Meldeplikten er din personlige plikt",
            "Opplysningsplikten er din personlige plikt",
            1,
        )
    });
    let doc = walk_json(&v2, &[], &["--session", session_arg]);
    assert_eq!(doc["resume"]["outcome"]["outcome"], "replayed");
    assert_eq!(doc["resume"]["outcome"]["from_revision"], 1);
    assert_eq!(doc["resume"]["outcome"]["to_revision"], 2);
    assert!(doc["resume"]["message"]
        .as_str()
        .unwrap()
        .contains("versjon 2"));
    assert_eq!(doc["guide"]["revision"], 2);
    assert_eq!(doc["step"]["id"], "A6");
    assert!(doc["step"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Opplysningsplikten"));
    assert_eq!(
        strs(&doc["path"]),
        ["S0", "Q1", "Q2", "A3", "SEKTOR", "A4", "Q3", "Q4", "A6"]
    );
    let saved = std::fs::read_to_string(&session).unwrap();
    assert!(
        saved.contains("\"revision\": 2"),
        "saved on the new revision: {saved}"
    );

    // Continue the walk on revision 2 from the saved session.
    let doc = walk_json(&v2, &["next"], &["--session", session_arg]);
    assert_eq!(doc["step"]["id"], "Q5");
    assert_eq!(doc["resume"]["outcome"]["outcome"], "exact");

    // Revision 3 removes a step on the path (A3): the walk restarts, with a message.
    let v3 = edited_copy(dir.path(), "v3.toml", |s| {
        // Q2's option `nei` leads past A3 straight to the sector branch.
        let s = set_revision(s, 3).replacen("next = \"A3\"", "next = \"SEKTOR\"", 1);
        remove_step(&s, "A3")
    });
    let check = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .args(["walk", v3.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "the edited guide is valid: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let doc = walk_json(&v3, &[], &["--session", session_arg]);
    assert_eq!(doc["resume"]["outcome"]["outcome"], "restarted");
    assert!(
        doc["resume"]["outcome"]["reason"]
            .as_str()
            .unwrap()
            .contains("`A3`"),
        "{}",
        doc["resume"]
    );
    let message = doc["resume"]["message"].as_str().unwrap();
    assert!(message.contains("starter fra begynnelsen"), "{message}");
    assert_eq!(doc["step"]["id"], "S0");
    assert_eq!(strs(&doc["path"]), ["S0"]);

    // In text mode the message is shown above the step.
    let out = run(&v3, &["--session", session_arg]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("(versjon 3)") && text.contains("Jeg er bekymret"),
        "{text}"
    );
}

#[test]
fn a_session_of_another_guide_or_a_corrupt_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("walk.json");
    let other = edited_copy(dir.path(), "other.toml", |s| {
        s.replacen(
            "id = \"fra-bekymring-til-handling\"",
            "id = \"en-annen-veileder\"",
            1,
        )
    });
    walk_json(&other, &["next"], &["--session", session.to_str().unwrap()]);
    let out = run(&shipped_guide(), &["--session", session.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`en-annen-veileder`"));

    std::fs::write(&session, "{ not json").unwrap();
    let out = run(&shipped_guide(), &["--session", session.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ikke en Veiviser-øktfil"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&session).unwrap(),
        "{ not json",
        "left untouched"
    );
}

#[test]
fn an_invalid_answer_does_not_save_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("walk.json");
    let s = session.to_str().unwrap();
    walk_json(&shipped_guide(), &["next"], &["--session", s]);
    let before = std::fs::read_to_string(&session).unwrap();
    let out = run(
        &shipped_guide(),
        &["--session", s, "--answer", "nei", "--answer", "tull"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&session).unwrap(), before);
}

#[test]
fn nynorsk_falls_back_to_bokmal_where_a_text_is_not_translated() {
    // The shipped guide is complete in nynorsk.
    let doc = walk_json(&shipped_guide(), &[], &["--lang", "nn"]);
    assert_eq!(doc["lang"], "nn");
    assert!(doc["step"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Du er bekymra"));
    assert_eq!(doc["guide"]["title"], "Frå bekymring til handling");
    // A copy without S0's nynorsk text falls back to bokmål for that text only.
    let dir = tempfile::tempdir().unwrap();
    let copy = edited_copy(dir.path(), "uten-nn.toml", |s| {
        let line = s
            .lines()
            .find(|l| l.starts_with("text.nn = \"Du er bekymra"))
            .expect("S0's nynorsk text")
            .to_owned();
        s.replacen(&format!("{line}\n"), "", 1)
    });
    let doc = walk_json(&copy, &[], &["--lang", "nn"]);
    assert!(doc["step"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Du er bekymret"));
    assert_eq!(doc["step"]["title"], "Eg er bekymra");
}

#[test]
fn suspicion_against_staff_and_a_request_from_barnevernet_have_their_own_routes() {
    let doc = walk_json(&shipped_guide(), &["next", "nei", "ansatt-eller-barn"], &[]);
    assert_eq!(doc["step"]["id"], "A2B");
    let contacts = strs(&doc["step"]["contacts"]);
    assert_eq!(contacts[0], "politi", "{contacts:?}");
    assert!(citations(&doc).contains(&"straffeloven § 196"));
    let doc = walk_json(&shipped_guide(), &["next", "nei", "barnevernet-spor"], &[]);
    assert_eq!(doc["step"]["id"], "A9");
    assert!(strs(&doc["step"]["contacts"]).contains(&"barnevern"));
}

#[test]
fn the_acute_route_asks_whether_the_report_was_sent_before_saying_so() {
    let doc = walk_json(&shipped_guide(), &["next", "ja", "next", "next"], &[]);
    assert_eq!(doc["step"]["id"], "Q5");
    let doc = walk_json(
        &shipped_guide(),
        &["next", "ja", "next", "next", "ikke-enna"],
        &[],
    );
    assert_eq!(doc["step"]["id"], "E5");
    assert_eq!(doc["finished"], true);
    assert!(!doc["step"]["text"]
        .as_str()
        .unwrap()
        .contains("meldingen er sendt"));
}

/// The step screen at a fixed instant for a child in 0582, bydel Bjerke (09).
fn step_text(answers: &[&str], extra: &[&str]) -> String {
    let mut args: Vec<&str> = answers.iter().flat_map(|a| ["--answer", *a]).collect();
    args.extend_from_slice(&[
        "--postnummer",
        "0582",
        "--bydel",
        "09",
        "--at",
        "2026-12-02T10:00:00+01:00",
    ]);
    args.extend_from_slice(extra);
    let out = run(
        &veiviser_testkit::paths::content_dir().join("guides/mistanke-om-vold-og-overgrep.toml"),
        &args,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_text_is_the_app_screen_with_the_numbers_resolved_for_the_area() {
    let text = step_text(&["next", "nei", "next", "usikker"], &[]);
    // The acute bar first, then titles (no step ids), then the numbers for Bjerke.
    assert!(text.starts_with("Akutt hjelp: Ring 112"), "{text}");
    assert!(text.contains("Drøft anonymt"), "{text}");
    assert!(
        !text.contains("A-ANONYM") && !text.contains("S0"),
        "no step ids: {text}"
    );
    assert!(text.contains("Numre for Bjerke (Oslo)"), "{text}");
    let numbers = &text[text.find("Hvem du kan kontakte").expect(&text)..];
    for uri in ["(tel:22705650)", "(tel:116111)", "(tel:02800)"] {
        assert_eq!(numbers.matches(uri).count(), 1, "{uri} once: {text}");
    }
    let bydel = text
        .find("✗ Barneverntjenesten i bydel Bjerke")
        .expect(&text);
    assert!(text[bydel..].contains("ikke verifisert"), "{text}");
    // Without an area: national numbers only and how to choose one.
    let out = run(
        &veiviser_testkit::paths::content_dir().join("guides/mistanke-om-vold-og-overgrep.toml"),
        &[
            "--answer", "next", "--answer", "nei", "--answer", "next", "--answer", "usikker",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Ingen område valgt"), "{text}");
    assert!(text.contains("--postnummer NNNN"), "{text}");
    assert!(!text.contains("Bjerke"), "{text}");
}

#[test]
fn the_text_wraps_at_the_terminal_width_without_splitting_words() {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .args([
            "walk", "--answer", "next", "--answer", "nei", "--answer", "next", "--answer",
            "usikker",
        ])
        .arg(
            veiviser_testkit::paths::content_dir().join("guides/mistanke-om-vold-og-overgrep.toml"),
        )
        .args(["--postnummer", "0582", "--bydel", "09"])
        .env("COLUMNS", "44")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let long: Vec<&str> = text.lines().filter(|l| l.chars().count() > 44).collect();
    // Only a single word longer than the width (a URL) may stand alone on a longer line.
    assert!(long.iter().all(|l| !l.trim().contains(' ')), "{long:?}");
    assert!(text.contains("Barneverntjenesten i bydel"), "{text}");
}

#[test]
fn one_language_per_run_errors_included() {
    for (lang, expect, not) in [
        ("nn", "har ikkje valet", "valid ids"),
        ("en", "valid ids here", "gyldige"),
    ] {
        let out = run(&shipped_guide(), &["--lang", lang, "--answer", "kanskje"]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expect) && !err.contains(not), "{lang}: {err}");
        let out = run(&shipped_guide(), &["--lang", lang]);
        let text = String::from_utf8(out.stdout).unwrap();
        let heading = if lang == "nn" {
            "Akutt hjelp"
        } else {
            "Emergency help"
        };
        assert!(text.starts_with(heading), "{lang}: {text}");
    }
}
