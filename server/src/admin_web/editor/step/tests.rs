use super::*;
use crate::admin_web::messages::UiLang;
use crate::admin_web::test_support::{shipped, SHIPPED};

/// What a browser posts for the form as rendered (no edits).
fn posted(form: &StepForm) -> Pairs {
    let mut p = Vec::new();
    let kind = form.kind.choices.iter().find(|c| c.2).unwrap();
    p.push(("kind".to_string(), kind.0.clone()));
    let mut rows: Vec<&TextRow> = vec![&form.title, &form.text];
    rows.extend(form.checklist.iter());
    rows.extend(form.options.iter().map(|o| &o.label));
    for row in rows {
        for c in &row.cells {
            p.push((c.name.clone(), c.value.clone()));
        }
    }
    let mut selects: Vec<&SelectField> = form.next.iter().collect();
    selects.extend(form.options.iter().map(|o| &o.next));
    for s in selects {
        let v = s
            .choices
            .iter()
            .find(|c| c.2)
            .map(|c| c.0.clone())
            .unwrap_or_default();
        p.push((s.name.clone(), v));
    }
    for o in &form.options {
        p.push((o.id.name.clone(), o.id.value.clone()));
    }
    let mut checks: Vec<&CheckField> = vec![&form.urgent, &form.loop_back];
    checks.extend(form.contacts.iter());
    checks.extend(form.legal.iter());
    for c in checks.into_iter().filter(|c| c.checked) {
        p.push((c.name.clone(), c.value.clone()));
    }
    Pairs(p)
}

#[test]
fn every_shipped_step_survives_the_form_unchanged() {
    let ui = Ui::new(UiLang::Nb);
    for name in SHIPPED {
        let guide = shipped(name);
        for step in &guide.steps {
            let form = step_form(ui, &guide, step, &[]);
            let back = step_from_form(step, &posted(&form));
            assert_eq!(&back, step, "{name}: step {}", step.id);
        }
    }
}

#[test]
fn an_empty_target_is_an_error_at_that_select_and_in_the_summary() {
    let ui = Ui::new(UiLang::Nb);
    let mut guide = shipped("snakke-med-barnet");
    let mut pairs = posted(&step_form(ui, &guide, &guide.steps[0], &[]));
    for (k, v) in &mut pairs.0 {
        if k == "next" {
            v.clear();
        }
        if k == "text.nb" {
            *v = "Ny tekst med <script>".into();
        }
    }
    let edited = step_from_form(&guide.steps[0], &pairs);
    assert_eq!(edited.text.nb, "Ny tekst med <script>");
    guide.steps[0] = edited.clone();
    let issues = veiviser_core::guide::validate_guide(&guide, "draft");
    let form = step_form(ui, &guide, &edited, &issues);
    let next = form.next.as_ref().unwrap();
    assert_eq!(next.errors.len(), 1, "{issues:#?}");
    assert_eq!(form.summary[0].field_id.as_deref(), Some("f-next"));
    assert!(next.choices[0].2, "the empty choice is selected");
}

#[test]
fn answers_are_added_removed_and_blank_rows_ignored() {
    let ui = Ui::new(UiLang::En);
    let guide = shipped("snakke-med-barnet");
    let q = guide
        .steps
        .iter()
        .find(|s| matches!(s.kind, StepKind::Question { .. }) && s.branch_on.is_none())
        .unwrap();
    let form = step_form(ui, &guide, q, &[]);
    let n = form.options.len() - 1;
    let mut pairs = posted(&form);
    pairs.0.push(("options[0].remove".into(), "on".into()));
    for (k, v) in &mut pairs.0 {
        match k.as_str() {
            _ if *k == format!("options[{n}].id") => *v = "ny".into(),
            _ if *k == format!("options[{n}].label.nb") => *v = "Nytt svar".into(),
            _ if *k == format!("options[{n}].next") => *v = guide.start.clone(),
            _ => {}
        }
    }
    let back = step_from_form(q, &pairs);
    let StepKind::Question { options } = &back.kind else {
        panic!()
    };
    assert_eq!(options.len(), n);
    assert_eq!(options.last().unwrap().id, "ny");
    assert_eq!(options.last().unwrap().label.nn, None);
    let StepKind::Question { options: before } = &q.kind else {
        panic!()
    };
    assert!(!options.iter().any(|o| o.id == before[0].id));
}
