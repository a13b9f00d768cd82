//! Unit tests of guide validation: one or more per kind of finding.

use super::*;
use crate::guide::model::{AnswerOption, Review};
use crate::legal::LegalRef;
use crate::roles::ContactRole;
use crate::sector::Sector;

fn text(s: &str) -> LocalizedText {
    LocalizedText::nb(s)
}

fn step(id: &str, kind: StepKind) -> Step {
    Step {
        id: id.into(),
        title: None,
        text: text(&format!("Tekst for {id}")),
        kind,
        urgent: false,
        loop_back: false,
        checklist: vec![],
        contacts: vec![],
        legal: vec![],
        links: vec![],
        branch_on: None,
    }
}

fn action(id: &str, next: &str) -> Step {
    step(id, StepKind::Action { next: next.into() })
}

fn question(id: &str, options: &[(&str, &str)]) -> Step {
    step(
        id,
        StepKind::Question {
            options: options
                .iter()
                .map(|(o, n)| AnswerOption {
                    id: (*o).into(),
                    label: text(o),
                    next: (*n).into(),
                })
                .collect(),
        },
    )
}

/// start → q (ja → acute → end, nei → end); acute is urgent with a contact.
fn valid() -> Guide {
    let mut acute = action("akutt", "slutt");
    acute.urgent = true;
    acute.contacts = vec![ContactRole::Nodnummer];
    acute.legal = vec!["bvl".into()];
    Guide {
        id: "test".into(),
        revision: 1,
        schema_version: 1,
        min_client_version: 1,
        title: text("Tittel"),
        summary: text("Sammendrag"),
        audience: vec![Sector::Barnehage],
        review: Review {
            reviewed_by: "Test".into(),
            reviewed_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
            next_review: None,
        },
        start: "start".into(),
        acute_step: "akutt".into(),
        legal: vec![LegalRef {
            id: "bvl".into(),
            law: "barnevernsloven".into(),
            section: Some("§ 13-2".into()),
            title: text("Meldeplikt"),
            url: "https://lovdata.no/lov/2021-06-18-97/§13-2".into(),
            sectors: vec![],
        }],
        steps: vec![
            action("start", "q"),
            question("q", &[("ja", "akutt"), ("nei", "slutt")]),
            acute,
            step("slutt", StepKind::End),
        ],
    }
}

fn errors(g: &Guide) -> Vec<ContentIssue> {
    validate_guide(g, "g.toml")
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .collect()
}

fn has(issues: &[ContentIssue], step: Option<&str>, field: &str, needle: &str) -> bool {
    issues.iter().any(|i| {
        i.step.as_deref() == step && i.field.as_deref() == Some(field) && i.message.contains(needle)
    })
}

#[track_caller]
fn assert_one(g: &Guide, step: Option<&str>, field: &str, needle: &str) {
    let errs = errors(g);
    assert!(has(&errs, step, field, needle), "{errs:#?}");
    assert_eq!(errs.len(), 1, "expected exactly one error: {errs:#?}");
}

#[test]
fn valid_guide_has_no_findings() {
    assert_eq!(validate_guide(&valid(), "g.toml"), vec![]);
}

#[test]
fn dangling_next_names_step_and_field_and_suggests() {
    let mut g = valid();
    g.steps[0].kind = StepKind::Action { next: "qq".into() };
    let errs = errors(&g);
    assert!(
        has(&errs, Some("start"), "next", "did you mean `q`"),
        "{errs:#?}"
    );
    // q is now unreachable too: both findings are reported, nothing else.
    assert!(
        has(&errs, Some("q"), "id", "cannot be reached"),
        "{errs:#?}"
    );
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

#[test]
fn dangling_option_next() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "borte")]);
    assert_one(&g, Some("q"), "options[1].next", "`borte`");
}

#[test]
fn duplicate_step_id() {
    let mut g = valid();
    g.steps.push(step("slutt", StepKind::End));
    assert_one(&g, Some("slutt"), "id", "used twice");
}

#[test]
fn unreachable_step() {
    let mut g = valid();
    g.steps.push(action("foreldrelos", "slutt"));
    assert_one(&g, Some("foreldrelos"), "id", "cannot be reached");
}

#[test]
fn acute_step_counts_as_reachable_from_everywhere() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "slutt"), ("nei", "slutt")]);
    assert_eq!(errors(&g), vec![]);
}

#[test]
fn no_end_reachable() {
    let mut g = valid();
    // a ↔ b loop with loop_back (so not a cycle error) and no way out.
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("kanskje", "a")]);
    g.steps.push(action("a", "b"));
    let mut b = action("b", "a");
    b.loop_back = true;
    g.steps.push(b);
    let errs = errors(&g);
    assert!(has(&errs, Some("a"), "next", "no end step"), "{errs:#?}");
    assert!(has(&errs, Some("b"), "next", "no end step"), "{errs:#?}");
    assert_eq!(errs.len(), 2, "{errs:#?}");
}

#[test]
fn cycle_without_loop_back_is_rejected_and_allowed_with_it() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("igjen", "r")]);
    g.steps.push(action("r", "q"));
    assert_one(&g, Some("r"), "next", "`q` → `r` → `q`");
    g.steps[4].loop_back = true;
    assert_eq!(errors(&g), vec![]);
}

#[test]
fn self_loop_is_a_cycle() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("igjen", "q")]);
    assert_one(&g, Some("q"), "options[2].next", "cycle");
}

#[test]
fn missing_nb_everywhere_is_reported_per_field() {
    let mut g = valid();
    g.title = LocalizedText {
        nb: String::new(),
        nn: None,
        en: Some("Title".into()),
    };
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt")]);
    if let StepKind::Question { options } = &mut g.steps[1].kind {
        options[0].label.nb = " ".into();
    }
    g.steps[3].text.nb.clear();
    g.steps[0].checklist.push(LocalizedText::default());
    g.legal[0].title.nb.clear();
    let errs = errors(&g);
    for (step, field) in [
        (None, "title.nb"),
        (Some("q"), "options[0].label.nb"),
        (Some("slutt"), "text.nb"),
        (Some("start"), "checklist[0].nb"),
        (None, "legal[0].title.nb"),
    ] {
        assert!(has(&errs, step, field, "bokmål"), "{field}: {errs:#?}");
    }
    assert_eq!(errs.len(), 5, "{errs:#?}");
}

#[test]
fn empty_and_duplicate_options() {
    let mut g = valid();
    g.steps[0] = question("start", &[]);
    let errs = errors(&g);
    assert!(
        has(&errs, Some("start"), "options", "at least one option"),
        "{errs:#?}"
    );
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "akutt"), ("ja", "slutt")]);
    assert_one(&g, Some("q"), "options[1].id", "used twice");
}

#[test]
fn urgent_without_contact_and_acute_not_urgent() {
    let mut g = valid();
    g.steps[2].contacts.clear();
    assert_one(&g, Some("akutt"), "contacts", "urgent step must name");
    let mut g = valid();
    g.steps[2].urgent = false;
    assert_one(&g, Some("akutt"), "urgent", "acute_step");
}

#[test]
fn start_and_acute_must_exist() {
    let mut g = valid();
    g.start = "begynn".into();
    g.acute_step = String::new();
    let errs = errors(&g);
    assert!(has(&errs, None, "start", "`begynn`"), "{errs:#?}");
    assert!(has(&errs, None, "acute_step", "missing"), "{errs:#?}");
}

#[test]
fn undefined_legal_ref_and_repealed_section() {
    let mut g = valid();
    g.steps[2].legal = vec!["bvl".into(), "bvI".into()];
    assert_one(&g, Some("akutt"), "legal[1]", "did you mean `bvl`");
    let mut g = valid();
    g.legal[0].law = "opplæringslova".into();
    g.legal[0].section = Some("§ 15-3".into());
    assert_one(&g, None, "legal[0].section", "repealed");
    g.legal[0].section = None;
    assert_eq!(errors(&g), vec![]);
}

#[test]
fn legal_url_must_be_lovdata() {
    let mut g = valid();
    g.legal[0].url = "http://example.org/bvl".into();
    assert_one(&g, None, "legal[0].url", "lovdata.no");
}

#[test]
fn empty_audience_and_reviewer() {
    let mut g = valid();
    g.audience.clear();
    g.review.reviewed_by = " ".into();
    let errs = errors(&g);
    assert!(has(&errs, None, "audience", "barnehage"), "{errs:#?}");
    assert!(
        has(&errs, None, "review.reviewed_by", "reviewer"),
        "{errs:#?}"
    );
}

#[test]
fn reserved_option_ids_are_rejected() {
    let mut g = valid();
    g.steps[1] = question("q", &[("acute", "akutt"), ("nei", "slutt")]);
    assert_one(&g, Some("q"), "options[0].id", "reserved");
}

#[test]
fn bad_ids_are_rejected() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja nei", "akutt"), ("nei", "slutt")]);
    assert_one(&g, Some("q"), "options[0].id", "not allowed");
}

#[test]
fn phone_numbers_in_text_are_warnings_only() {
    let mut g = valid();
    g.steps[2].text.en = Some("Call 112 or 116 111.".into());
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt")]);
    if let StepKind::Question { options } = &mut g.steps[1].kind {
        options[1].label.nb = "Ring barnehuset på 22 70 56 50".into();
    }
    let all = validate_guide(&g, "g.toml");
    assert!(
        all.iter().all(|i| i.severity == Severity::Warning),
        "{all:#?}"
    );
    assert!(has(&all, Some("akutt"), "text.en", "`112`"), "{all:#?}");
    assert!(has(&all, Some("akutt"), "text.en", "`116 111`"), "{all:#?}");
    assert!(
        has(&all, Some("q"), "options[1].label.nb", "`22 70 56 50`"),
        "{all:#?}"
    );
    assert_eq!(all.len(), 3);
}

#[test]
fn findings_display_with_file_step_and_field() {
    let mut g = valid();
    g.steps[0].kind = StepKind::Action { next: "x".into() };
    let errs = errors(&g);
    let line = errs[0].to_string();
    assert!(
        line.starts_with("g.toml: step start: next: leads to `x`"),
        "{line}"
    );
}

#[test]
fn newer_min_client_version_is_an_error() {
    let mut g = valid();
    g.min_client_version = CLIENT_VERSION + 1;
    assert_one(&g, None, "min_client_version", "update Veiviser");
}

#[test]
fn long_cycles_are_abbreviated() {
    let mut g = valid();
    g.steps[1] = question("q", &[("ja", "akutt"), ("nei", "slutt"), ("rundt", "c0")]);
    for k in 0..20 {
        g.steps
            .push(action(&format!("c{k}"), &format!("c{}", k + 1)));
    }
    g.steps
        .push(question("c20", &[("ut", "slutt"), ("rundt", "c0")]));
    let errs = errors(&g);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert!(errs[0].message.contains("`c0` → `c1`"), "{errs:#?}");
    assert!(errs[0].message.contains("… → "), "{errs:#?}");
}
