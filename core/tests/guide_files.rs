//! Guide files on disk: the shipped guide, the documented example and the invalid fixtures,
//! checked both by the authoring parser and against the published JSON Schema.

use serde_json::Value as Json;
use std::path::Path;
use veiviser_core::guide::{load_guide_file, parse_guide_toml, StepKind};
use veiviser_core::{ContentError, ContentIssue, Error, Sector};
use veiviser_testkit::fixtures::invalid_guide;
use veiviser_testkit::paths::shipped_guide_path;
use veiviser_testkit::repo_root;

/// A TOML document as the JSON the schema describes (dates become `YYYY-MM-DD` strings).
fn toml_to_json(v: &toml::Value) -> Json {
    match v {
        toml::Value::String(s) => Json::String(s.clone()),
        toml::Value::Integer(i) => Json::from(*i),
        toml::Value::Float(f) => Json::from(*f),
        toml::Value::Boolean(b) => Json::Bool(*b),
        toml::Value::Datetime(d) => Json::String(d.to_string()),
        toml::Value::Array(a) => Json::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Json::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

fn schema_errors(src: &str) -> Vec<String> {
    let schema: Json = serde_json::from_str(
        &std::fs::read_to_string(repo_root().join("docs/guide.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema itself is valid");
    let doc = toml_to_json(&toml::Value::Table(toml::from_str(src).unwrap()));
    validator
        .iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn errors_of(path: &Path) -> Vec<ContentIssue> {
    match load_guide_file(path) {
        Err(Error::Content(ContentError::Invalid(e))) => e.errors().cloned().collect(),
        other => panic!(
            "{}: expected invalid content, got {other:?}",
            path.display()
        ),
    }
}

fn has(issues: &[ContentIssue], step: Option<&str>, field: &str, needle: &str) -> bool {
    issues.iter().any(|i| {
        i.step.as_deref() == step && i.field.as_deref() == Some(field) && i.message.contains(needle)
    })
}

#[test]
fn shipped_guide_conforms_to_the_json_schema() {
    let src = std::fs::read_to_string(shipped_guide_path()).unwrap();
    assert_eq!(schema_errors(&src), Vec::<String>::new());
}

#[test]
fn the_schema_is_not_vacuous() {
    let src = std::fs::read_to_string(shipped_guide_path()).unwrap();
    for (from, to, path) in [
        ("kind = \"end\"", "kind = \"end\"\nnxt = \"S0\"", "/steps/"),
        (
            "contacts = [\"barnevern\"]",
            "contacts = [\"barnvern\"]",
            "/contacts/0",
        ),
        ("revision = 1", "revision = \"1\"", "/revision"),
        (
            "reviewed_on = 2026-12-01",
            "reviewed_on = \"22.11.2026\"",
            "/review/reviewed_on",
        ),
        (
            "url = \"https://lovdata.no/lov/2021-06-18-97/§13-2\"",
            "url = \"https://example.org\"",
            "/legal/0/url",
        ),
        (
            "id = \"Q3\"\nkind = \"question\"",
            "id = \"Q3\"\nkind = \"action\"",
            "/steps/",
        ),
    ] {
        let broken = src.replacen(from, to, 1);
        assert_ne!(broken, src, "{from}");
        let errs = schema_errors(&broken);
        assert!(errs.iter().any(|e| e.contains(path)), "{to}: {errs:#?}");
    }
}

#[test]
fn shipped_guide_follows_the_outline() {
    let parsed = load_guide_file(&shipped_guide_path()).unwrap();
    assert!(parsed.warnings.is_empty(), "{:#?}", parsed.warnings);
    let g = parsed.guide;
    assert_eq!(g.start, "S0");
    assert_eq!(g.acute_step, "A1");
    for sector in [Sector::Barnehage, Sector::Skole] {
        assert!(g.audience.contains(&sector));
    }
    let ids: Vec<&str> = g.steps.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "S0", "Q1", "A1", "Q2", "A2", "A3", "A4", "Q3", "A5", "Q4", "A6", "A7", "A8",
    ] {
        assert!(ids.contains(&id), "{id} missing");
    }
    let a1 = g.step("A1").unwrap();
    assert!(a1.urgent);
    let roles: Vec<&str> = a1.contacts.iter().map(|r| r.id()).collect();
    assert_eq!(roles, ["nodnummer", "barnevernvakt", "alarmtelefon"]);
    assert!(matches!(&a1.kind, StepKind::Action { next } if next == "A6"));

    // The duty-to-report step shows the user's sector rule beside barnevernsloven § 13-2.
    let a6 = g.step("A6").unwrap();
    let cites = |s: Option<Sector>| -> Vec<String> {
        g.legal_for_step(a6, s)
            .iter()
            .map(|l| l.citation())
            .collect()
    };
    assert_eq!(
        cites(Some(Sector::Barnehage)),
        ["barnevernsloven § 13-2", "barnehageloven § 46"]
    );
    assert_eq!(
        cites(Some(Sector::Skole)),
        ["barnevernsloven § 13-2", "opplæringslova"]
    );
    assert_eq!(
        cites(Some(Sector::Tannhelse)),
        ["barnevernsloven § 13-2", "helsepersonelloven § 33"]
    );
    assert_eq!(
        cites(Some(Sector::Nav)),
        ["barnevernsloven § 13-2", "sosialtjenesteloven § 45"]
    );

    // Disclosure path: avvergeplikt, police and child welfare the same day, parents not told.
    let a2 = g.step("A2").unwrap();
    assert!(g
        .legal_for_step(a2, Some(Sector::Skole))
        .iter()
        .any(|l| l.citation() == "straffeloven § 196"));
    let roles: Vec<&str> = a2.contacts.iter().map(|r| r.id()).collect();
    for role in ["barnevern", "politi", "legevakt", "barnehus"] {
        assert!(roles.contains(&role), "{role}");
    }
    assert!(a2
        .text
        .nb
        .contains("Ikke informer eller konfronter foreldrene"));

    // The only loop is the deliberate one from the BTI follow-up back to the threshold question.
    let a7 = g.step("A7").unwrap();
    assert!(a7.loop_back);
    assert!(a7.successors().contains(&"Q4"));
    assert_eq!(g.steps.iter().filter(|s| s.loop_back).count(), 1);

    // Every text is in nb and en.
    for s in &g.steps {
        assert!(s.text.en.is_some(), "{} has no English text", s.id);
    }
    // Repealed opplæringslova § 15-3 is not cited; the new law is cited without a section.
    let opp = g.legal.iter().find(|l| l.law == "opplæringslova").unwrap();
    assert_eq!(opp.section, None);
    assert!(opp.url.starts_with("https://lovdata.no/lov/2023-06-09-30"));
}

#[test]
fn documented_example_is_valid_and_conforms_to_the_schema() {
    let doc = std::fs::read_to_string(repo_root().join("docs/guide-format.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```toml\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .filter(|b| b.contains("[[steps]]") && b.contains("acute_step"))
        .collect();
    assert_eq!(
        blocks.len(),
        1,
        "expected one complete example guide in docs/guide-format.md"
    );
    let parsed =
        parse_guide_toml("docs/guide-format.md", blocks[0]).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.warnings.is_empty(), "{:#?}", parsed.warnings);
    assert_eq!(schema_errors(blocks[0]), Vec::<String>::new());
}

#[test]
fn fixture_bad_fields_reports_every_field_error() {
    let e = errors_of(&invalid_guide("bad-fields.toml"));
    assert!(
        has(&e, None, "auidence", "did you mean `audience`?"),
        "{e:#?}"
    );
    assert!(
        has(&e, None, "review.reviewed_on", "not a valid date"),
        "{e:#?}"
    );
    assert!(
        has(&e, Some("start"), "options[0].nxt", "did you mean `next`?"),
        "{e:#?}"
    );
    assert!(
        has(
            &e,
            Some("ring"),
            "contacts[0]",
            "unknown contact role `barnvern`"
        ),
        "{e:#?}"
    );
    assert!(
        has(&e, Some("ring"), "kind", "did you mean `action`?"),
        "{e:#?}"
    );
    assert!(has(&e, None, "legal[0].section", "repealed"), "{e:#?}");
    for issue in &e {
        assert!(issue.file.ends_with("bad-fields.toml"), "{issue}");
    }
}

#[test]
fn fixture_broken_graph_reports_every_graph_error() {
    let e = errors_of(&invalid_guide("broken-graph.toml"));
    assert!(
        has(&e, Some("start"), "options[1].next", "`hjelp`"),
        "{e:#?}"
    );
    assert!(has(&e, Some("glemt"), "id", "cannot be reached"), "{e:#?}");
    assert!(
        has(&e, Some("runde-b"), "next", "closing the cycle"),
        "{e:#?}"
    );
    assert!(has(&e, Some("felle"), "next", "no end step"), "{e:#?}");
    assert!(has(&e, Some("slutt"), "id", "used twice"), "{e:#?}");
    assert!(has(&e, Some("akutt"), "contacts", "urgent"), "{e:#?}");
    assert!(has(&e, Some("start"), "text.nb", "bokmål"), "{e:#?}");
    assert!(
        has(&e, Some("tom"), "options", "at least one option"),
        "{e:#?}"
    );
}

#[test]
fn fixture_syntax_error_has_line_and_column() {
    let e = errors_of(&invalid_guide("syntax-error.toml"));
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].position.map(|p| p.0), Some(4), "{e:#?}");
    let line = e[0].to_string();
    assert!(line.contains("syntax-error.toml:4:"), "{line}");
}
