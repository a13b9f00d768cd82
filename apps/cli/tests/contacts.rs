//! `veiviser contacts` and `veiviser search` end to end: the built-in demo, the full
//! register from the reference data, per-channel states at fixed instants, example-data
//! marks, and exit codes (1 invalid files with file:line: field, 2 usage).

use serde_json::Value;
use std::process::{Command, Output};
use veiviser_testkit::paths::demo_directory_dir;
use veiviser_testkit::reference;

fn veiviser(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .args(args)
        .output()
        .expect("run veiviser")
}

/// The full register and bydel pairs from the reference data (panics when missing).
fn full_args() -> Vec<String> {
    vec![
        "--postcodes".into(),
        reference::postal_codes().display().to_string(),
        "--bydel-pairs".into(),
        reference::bydel_pairs_dir().display().to_string(),
    ]
}

fn json_of(args: &[&str]) -> Value {
    let out = veiviser(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn full_json(extra: &[&str]) -> Value {
    let full = full_args();
    let mut args: Vec<&str> = vec!["contacts", "--json"];
    args.extend(extra);
    args.extend(full.iter().map(String::as_str));
    json_of(&args)
}

fn service_ids(answer: &Value) -> Vec<String> {
    answer["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["service_id"].as_str().unwrap().to_string())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn built_in_register_resolves_2000_to_lillestrom_with_only_national_numbers() {
    let a = json_of(&[
        "contacts",
        "--postnummer",
        "2000",
        "--at",
        "2026-12-02T10:00:00+01:00",
        "--json",
    ]);
    assert_eq!(a["kommune"]["name"], "Lillestrøm", "{a}");
    assert_eq!(a["kommune"]["kommunenummer"], "3205", "{a}");
    let codes: Vec<&str> = a["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no_verified_local_entry"), "{codes:?}");
    for c in a["contacts"].as_array().unwrap() {
        assert_eq!(c["locality"], "national", "only national numbers here: {c}");
        assert!(!c["title"].as_str().unwrap().contains("Oslo"), "{c}");
    }
}

#[test]
fn built_in_demo_answers_0582_with_candidates() {
    let a = json_of(&[
        "contacts",
        "--postnummer",
        "0582",
        "--at",
        "2026-11-23T09:00:00+01:00",
        "--json",
    ]);
    let names: Vec<&str> = a["bydel_candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Bjerke", "Alna"]);
    assert_eq!(service_ids(&a)[0], "barnevernvakten-oslo");
    assert_eq!(a["contacts"][0]["channels"][0]["state"], "open");
    assert_eq!(a["sources"]["postcode_count"], 5122);
    assert!(a["notices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "bydel_not_settled"));
}

#[test]
fn built_in_demo_matches_the_shipped_content_files() {
    // The embedded copy must equal what is in server/content/directory/ (no file forgotten).
    let content = demo_directory_dir();
    let when = "2026-11-23T23:00:00+01:00";
    for location in [
        ["--postnummer", "0582"],
        ["--postnummer", "0010"],
        ["--kommune", "0301"],
    ] {
        let embedded = json_of(&["contacts", location[0], location[1], "--at", when, "--json"]);
        let content_dir = content.display().to_string();
        let register = content.join("places/postnummer.tab").display().to_string();
        let pairs = content.join("places/bydel").display().to_string();
        let from_files = json_of(&[
            "contacts",
            location[0],
            location[1],
            "--at",
            when,
            "--json",
            "--directory",
            &content_dir,
            "--postcodes",
            &register,
            "--bydel-pairs",
            &pairs,
        ]);
        assert_eq!(embedded["contacts"], from_files["contacts"], "{location:?}");
        assert_eq!(
            embedded["bydel_candidates"], from_files["bydel_candidates"],
            "{location:?}"
        );
    }
}

#[test]
fn full_register_resolves_municipalities() {
    let a = full_json(&["--postnummer", "5003"]);
    assert_eq!(a["kommune"]["kommunenummer"], "4601");
    assert_eq!(a["kommune"]["name"], "Bergen");
    let a = full_json(&["--postnummer", "1300"]);
    assert_eq!(a["kommune"]["kommunenummer"], "3201");
    assert!(a["notices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "post_box_postcode"));
    assert!(a["notices"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["code"] == "no_verified_local_entry"));
    let numbers: Vec<&str> = a["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| {
            c["channels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|ch| ch["value"].as_str().unwrap())
        })
        .collect();
    for n in ["116 111", "112", "02800"] {
        assert!(numbers.contains(&n), "{n}");
    }
    let a = full_json(&["--postnummer", "0010"]);
    assert_eq!(a["bydel"]["name"], "St. Hanshaugen");
}

#[test]
fn text_output_shows_channels_states_dates_and_warnings() {
    let full = full_args();
    let mut args = vec![
        "contacts",
        "--postnummer",
        "0557",
        "--role",
        "barnehus",
        "--at",
        "2027-05-17T10:00:00+02:00",
    ];
    args.extend(full.iter().map(String::as_str));
    let out = veiviser(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    let alarm = text
        .find("1. Alarmtelefonen")
        .expect("fallback first on 17 May");
    let barnehus = text
        .find("2. Statens barnehus Oslo")
        .expect("barnehus second");
    assert!(alarm < barnehus, "{text}");
    // The barnehus' hours are an estimate: never "open" or "closed", call to check.
    assert!(
        text.contains("telefon 22 70 56 50: Åpningstid ikke bekreftet – ring for å sjekke"),
        "{text}"
    );
    assert!(text.contains("telefon 116 111: ÅPEN"), "{text}");
    assert!(text.contains("Sist bekreftet 2026-11-22"), "{text}");
    assert!(
        text.contains("Sjekket mot skriftlig kilde 22.11.2026"),
        "{text}"
    );
    assert!(
        text.contains("Ingen av numrene her er bekreftet av tjenestene selv"),
        "{text}"
    );
    // The same hours taken as firm (a copy of the demo directory): closed on 17 May.
    let tmp = firm_hours_directory();
    let dir = tmp.path().display().to_string();
    let mut firm = args.clone();
    firm.extend(["--directory", dir.as_str()]);
    let out = veiviser(&firm);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("telefon 22 70 56 50: STENGT – 17. mai"),
        "{text}"
    );
    assert!(text.contains("åpner tir. 18.05.2027 08:00"), "{text}");
    assert!(
        text.contains("Bydel ikke avgjort – mulige bydeler: Grünerløkka (02), Sagene (03)"),
        "{text}"
    );
    assert!(text.contains("! Postnummer 0557"), "{text}");
}

#[test]
fn urgent_and_dst_through_the_cli() {
    let a = json_of(&[
        "contacts",
        "--kommune",
        "0301",
        "--bydel",
        "2",
        "--urgent",
        "--json",
        "--at",
        "2026-11-23T09:00:00+01:00",
    ]);
    assert_eq!(service_ids(&a)[0], "nodnummer-politi-112");
    assert_eq!(a["bydel"]["name"], "Grünerløkka");
    // 06:30 UTC: 07:30 CET a week before the spring change, 08:30 CEST after it.
    let before = json_of(&[
        "contacts",
        "--kommune",
        "0301",
        "--role",
        "barnehus",
        "--json",
        "--at",
        "2026-03-23T06:30:00Z",
    ]);
    let after = json_of(&[
        "contacts",
        "--kommune",
        "0301",
        "--role",
        "barnehus",
        "--json",
        "--at",
        "2026-03-30T06:30:00Z",
    ]);
    assert_eq!(service_ids(&before)[0], "alarmtelefonen");
    assert_eq!(service_ids(&after)[0], "statens-barnehus-oslo");
    assert_eq!(after["at"], "2026-03-30T08:30:00+02:00");
}

#[test]
fn example_data_is_marked_in_text_and_json() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("eksempel.toml"),
        r#"
[[area]]
kommune = "3201"
name = "Bærum"
last_verified = 2026-11-01
example_data = true

[[service]]
id = "eksempel-kontor"
name = "EKSEMPEL kontor"
role = "barnevern"
covers = ["3201"]
last_verified = 2026-11-01
example_data = true

[[service.channel]]
kind = "phone"
value = "00 00 00 00"
hours = "mon-fri 08:00-15:30"
"#,
    )
    .unwrap();
    let dir = tmp.path().display().to_string();
    let args = [
        "contacts",
        "--postnummer",
        "1337",
        "--directory",
        &dir,
        "--at",
        "2026-11-23T09:00:00+01:00",
    ];
    let out = veiviser(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("EKSEMPEL kontor – Bærum · ansvarlig tjeneste  [EKSEMPELDATA]"),
        "{text}"
    );
    assert!(text.contains("!!! EKSEMPELDATA"), "{text}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let a = json_of(&json_args);
    assert_eq!(a["example_data"], true);
    assert_eq!(a["contacts"][0]["example_data"], true);
    let hits = json_of(&["search", "eksempel", "--json", "--directory", &dir]);
    assert_eq!(hits[0]["example_data"], true);
}

#[test]
fn invalid_directory_exits_1_with_file_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bad.toml");
    std::fs::write(&file, "[[service]]\nid = \"x\"\nname = \"X\"\nrole = \"barnevern\"\ncovers = [\"national\"]\nlast_verified = 2026-11-01\nfax = \"1\"\n").unwrap();
    let out = veiviser(&["contacts", "--directory", &tmp.path().display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:7:1: service[0].fax: unknown field `fax`",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn malformed_register_exits_1_with_file_line_and_field() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("postnummer.tab");
    std::fs::write(
        &file,
        "0001\tOSLO\t0301\tOSLO\tP\n0010\tOSLO\t301\tOSLO\tB\n",
    )
    .unwrap();
    let out = veiviser(&[
        "contacts",
        "--postnummer",
        "0001",
        "--postcodes",
        &file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:2:11: kommunenummer: `301` is not a 4-digit kommunenummer",
            file.display()
        )),
        "{err}"
    );
    assert!(
        out.stdout.is_empty(),
        "nothing is answered from a half-loaded register"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["contacts", "--bydel", "2"],
        vec!["contacts", "--postnummer", "12a"],
        vec!["contacts", "--postnummer", "0582", "--kommune", "0301"],
        vec!["contacts", "--at", "yesterday"],
        vec!["contacts", "--role", "barnvern"],
        vec!["contacts", "--postcodes", "/nonexistent/postal_codes.tab"],
        vec!["search", " "],
    ] {
        let out = veiviser(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty());
    }
}

#[test]
fn works_from_any_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .current_dir(tmp.path())
        .args(["contacts", "--postnummer", "0010", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let a: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["bydel"]["name"], "St. Hanshaugen");
}

#[test]
fn search_finds_places_and_services() {
    let full = full_args();
    let mut args = vec!["search", "grunerlokka", "--json"];
    args.extend(full.iter().map(String::as_str));
    let hits = json_of(&args);
    assert_eq!(hits[0]["name"], "Grünerløkka");
    assert_eq!(hits[0]["kind"], "bydel");
    let mut args = vec!["search", "barum", "--json"];
    args.extend(full.iter().map(String::as_str));
    let hits = json_of(&args);
    assert!(hits
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["name"] == "Bærum" && h["kind"] == "kommune"));
    let out = veiviser(&["search", "alarmtelefon"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("tjeneste   Alarmtelefonen for barn og unge"),
        "{text}"
    );
}

#[test]
fn json_is_the_core_view_model_in_the_chosen_language() {
    // The same object the apps get: the answer's fields plus the ready texts.
    let a = json_of(&[
        "contacts",
        "--postnummer",
        "0582",
        "--at",
        "2026-11-23T23:00:00+01:00",
        "--lang",
        "nn",
        "--json",
    ]);
    assert_eq!(a["lang"], "nn");
    assert!(
        a["heading"]
            .as_str()
            .unwrap()
            .starts_with("Kven du kontaktar:"),
        "{}",
        a["heading"]
    );
    let channels: Vec<&Value> = a["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["channels"].as_array().unwrap())
        .collect();
    assert!(channels
        .iter()
        .any(|ch| ch["value"] == "116 111" && ch["uri"] == "tel:116111"));
    for n in a["notices"].as_array().unwrap() {
        assert_eq!(n["message"], n["text"]["nn"], "{n}");
    }
    assert!(a["sources_text"].as_str().unwrap().starts_with("Katalog:"));
}

#[test]
fn text_output_in_nynorsk_and_english() {
    let full = full_args();
    for (lang, closed, opens) in [
        ("nn", "STENGD – 17. mai", "opnar tys. 18.05.2027 08:00"),
        (
            "en",
            "CLOSED – Constitution Day (17 May)",
            "opens Tue 18.05.2027 08:00",
        ),
    ] {
        let mut args = vec![
            "contacts",
            "--postnummer",
            "0557",
            "--role",
            "barnehus",
            "--at",
            "2027-05-17T10:00:00+02:00",
            "--lang",
            lang,
        ];
        args.extend(full.iter().map(String::as_str));
        // The demo barnehus hours are an estimate: said so in the language.
        let out = veiviser(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        let estimated = if lang == "nn" {
            "Opningstida er ikkje stadfesta – ring for å sjekke"
        } else {
            "Hours not confirmed – call to check"
        };
        assert!(text.contains(estimated), "{lang}: {text}");
        // The same hours taken as firm: closed, and when it opens, in the language.
        let firm = firm_hours_directory();
        let dir = firm.path().display().to_string();
        args.extend(["--directory", dir.as_str()]);
        let out = veiviser(&args);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(closed), "{lang}: {text}");
        assert!(text.contains(opens), "{lang}: {text}");
    }
}

/// A copy of the demo directory with every estimated hour taken as firm.
fn firm_hours_directory() -> tempfile::TempDir {
    let demo = demo_directory_dir();
    let tmp = tempfile::tempdir().unwrap();
    for f in ["national.toml", "oslo.toml"] {
        let t = std::fs::read_to_string(demo.join(f)).unwrap();
        std::fs::write(
            tmp.path().join(f),
            t.replace("hours_estimated = true\n", ""),
        )
        .unwrap();
    }
    tmp
}
