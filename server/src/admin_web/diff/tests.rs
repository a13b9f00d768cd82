use super::*;
use crate::admin_web::test_support;
use veiviser_core::guide::StepKind;
use veiviser_core::i18n::LocalizedText;

#[test]
fn an_unchanged_draft_has_an_empty_diff_even_with_a_new_revision() {
    let live = test_support::shipped("snakke-med-barnet");
    let mut draft = live.clone();
    draft.revision += 1;
    assert!(guide_diff(Some(&live), &draft).is_empty());
}

#[test]
fn a_changed_text_and_target_show_as_fields() {
    let live = test_support::shipped("snakke-med-barnet");
    let mut draft = live.clone();
    draft.steps[0].text = LocalizedText::nb("Ny tekst");
    let old_next = match &mut draft.steps[0].kind {
        StepKind::Action { next } => std::mem::replace(next, "A1".into()),
        _ => panic!("S0 is an action"),
    };
    assert_ne!(old_next, "A1");
    let d = guide_diff(Some(&live), &draft);
    assert!(d.guide.is_none());
    assert_eq!(d.steps.len(), 1);
    let s = &d.steps[0];
    assert_eq!((s.id.as_str(), s.change), ("S0", Change::Changed));
    let text = s.fields.iter().find(|f| f.path == "text.nb").unwrap();
    assert_eq!(text.after.as_deref(), Some("Ny tekst"));
    // nn and en were dropped by the new LocalizedText.
    assert!(s
        .fields
        .iter()
        .any(|f| f.path == "text.nn" && f.after.is_none()));
    assert!(s.fields.iter().any(|f| f.path == "next"));
}

#[test]
fn added_and_removed_steps_and_guide_fields() {
    let live = test_support::shipped("snakke-med-barnet");
    let mut draft = live.clone();
    let removed = draft.steps.remove(draft.steps.len() - 1);
    let mut added = draft.steps[0].clone();
    added.id = "NY".into();
    draft.steps.push(added);
    draft.title = LocalizedText::nb("Ny tittel");
    let d = guide_diff(Some(&live), &draft);
    let g = d.guide.unwrap();
    assert!(g.fields.iter().any(|f| f.path == "title.nb"));
    assert!(d
        .steps
        .iter()
        .any(|s| s.id == "NY" && s.change == Change::Added));
    assert!(d
        .steps
        .iter()
        .any(|s| s.id == removed.id && s.change == Change::Removed));
    // A brand-new guide: everything is added.
    let new = guide_diff(None, &live);
    assert_eq!(new.guide.unwrap().change, Change::Added);
    assert_eq!(new.steps.len(), live.steps.len());
    assert!(new.steps.iter().all(|s| s.change == Change::Added));
}
