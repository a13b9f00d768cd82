//! `veiviser search` across guides: guide steps are found by their text, with Norwegian
//! folding and typo tolerance, each hit linking into its step; place and service hits keep
//! their details in the asked language.

use serde_json::Value;
use std::process::Command;

fn search_json(args: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .arg("search")
        .args(args)
        .arg("--json")
        .output()
        .expect("run veiviser");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .expect("JSON")
        .as_array()
        .expect("an array of hits")
        .clone()
}

fn guide_ids(hits: &[Value]) -> Vec<&str> {
    hits.iter().filter_map(|h| h["guide_id"].as_str()).collect()
}

#[test]
fn both_spellings_find_the_parents_conversation_guide() {
    for q in ["nødvendige samtalen", "nodvendig samtale"] {
        let hits = search_json(&[q]);
        let first = hits
            .iter()
            .find(|h| h["guide_id"].is_string())
            .unwrap_or_else(|| panic!("{q}: no guide hit in {hits:?}"));
        assert_eq!(first["guide_id"], "den-nodvendige-samtalen", "{q}");
        assert_eq!(first["kind"], "guide", "{q}: the title matched");
        assert!(first["step_id"].is_string(), "{q}: a link into the step");
    }
    let text = Command::new(env!("CARGO_BIN_EXE_veiviser"))
        .args(["search", "nodvendig samtale"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("veiviser walk den-nodvendige-samtalen"),
        "{text}"
    );
}

#[test]
fn a_step_is_found_by_its_text_and_links_into_it() {
    let hits = search_json(&["aldri vanlig e-post"]);
    let step = hits
        .iter()
        .find(|h| h["kind"] == "guide_step")
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert_eq!(step["guide_id"], "skrive-bekymringsmelding");
    let id = step["id"].as_str().unwrap();
    assert_eq!(
        id,
        format!(
            "{}:{}",
            step["guide_id"].as_str().unwrap(),
            step["step_id"].as_str().unwrap()
        )
    );
    // A typo still finds it.
    let hits = search_json(&["barnehus anonymt"]);
    assert!(
        guide_ids(&hits).contains(&"mistanke-om-vold-og-overgrep"),
        "{hits:?}"
    );
    let hits = search_json(&["barnehsu anonymt"]);
    assert!(
        guide_ids(&hits).contains(&"mistanke-om-vold-og-overgrep"),
        "typo: {hits:?}"
    );
}

#[test]
fn places_come_first_and_speak_the_asked_language() {
    let hits = search_json(&["alarmtelefonen", "--lang", "en"]);
    assert_eq!(hits[0]["kind"], "service");
    assert_eq!(hits[0]["id"], "alarmtelefonen");
    assert!(
        hits[0]["detail"].as_str().unwrap().ends_with("· Norway"),
        "{}",
        hits[0]["detail"]
    );
    let hits = search_json(&["grunerlokka", "--lang", "en"]);
    assert_eq!(hits[0]["detail"], "Bydel 02 in Oslo");
    let hits = search_json(&["grunerlokka", "--lang", "nn"]);
    assert_eq!(hits[0]["detail"], "Bydel 02 i Oslo");
    assert!(search_json(&["xqzxqzxq"]).is_empty());
}
