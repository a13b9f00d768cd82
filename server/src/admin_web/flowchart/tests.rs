use super::*;
use crate::admin_web::messages::{Ui, UiLang};
use crate::admin_web::test_support::{shipped, SHIPPED};

fn href(id: &str) -> String {
    format!("/admin/x/steps/{id}")
}

#[test]
fn every_step_of_every_shipped_guide_is_a_linked_node() {
    for name in SHIPPED {
        let guide = shipped(name);
        let chart = flowchart(&guide, Ui::new(UiLang::Nb), Lang::Nb, &href);
        let svg = chart.svg.expect(name);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{name}");
        for step in &guide.steps {
            let link = format!("<a href=\"/admin/x/steps/{}\"", step.id);
            assert_eq!(svg.matches(&link).count(), 1, "{name}: {}", step.id);
        }
        assert_eq!(svg.matches("<a ").count(), svg.matches("</a>").count());
        assert!(
            !svg.contains("<style") && !svg.contains("style="),
            "{name}: CSP"
        );
        assert_eq!(chart.outline.len(), guide.steps.len());
    }
}

#[test]
fn acute_and_urgent_steps_are_marked_in_words_and_class() {
    let mut guide = shipped("fra-bekymring-til-handling");
    let other = guide
        .steps
        .iter()
        .position(|s| s.id != guide.acute_step)
        .unwrap();
    guide.steps[other].urgent = true;
    let chart = flowchart(&guide, Ui::new(UiLang::Nb), Lang::Nb, &href);
    let svg = chart.svg.unwrap();
    let acute = format!(
        "<a href=\"/admin/x/steps/{}\" class=\"flow-node acute\">",
        guide.acute_step
    );
    assert!(svg.contains(&acute), "{svg}");
    assert!(svg.contains("[akutt]"));
    let urgent = guide
        .steps
        .iter()
        .find(|s| s.urgent && s.id != guide.acute_step)
        .expect("an urgent step besides the acute one");
    assert!(svg.contains(&format!("steps/{}\" class=\"flow-node urgent\"", urgent.id)));
    let item = chart
        .outline
        .iter()
        .find(|o| o.id == guide.acute_step)
        .unwrap();
    assert!(item.markers.contains(&"akutt"));
}

#[test]
fn text_is_escaped_and_broken_targets_are_named_in_the_outline() {
    let mut guide = shipped("snakke-med-barnet");
    guide.steps[0].title = Some(veiviser_core::i18n::LocalizedText::nb(
        "<script>alert(1)</script>",
    ));
    if let StepKind::Action { next } = &mut guide.steps[0].kind {
        *next = "MANGLER".into();
    }
    let chart = flowchart(&guide, Ui::new(UiLang::En), Lang::Nb, &href);
    let svg = chart.svg.unwrap();
    assert!(!svg.contains("<script>"));
    assert!(svg.contains("&lt;script&gt;"));
    let first = &chart.outline[0];
    assert_eq!(first.edges[0].target, "MANGLER");
    assert_eq!(first.edges[0].href, None);
    assert_eq!(first.edges[0].label, "Next");
}

#[test]
fn a_picture_is_laid_out_once_per_guide_languages_and_links() {
    let mut guide = shipped("fra-bekymring-til-handling");
    // A title no other test uses, so the key is this test's own.
    guide.steps[0].title = Some(veiviser_core::i18n::LocalizedText::nb("Bufret flytskjema"));
    let nb = Ui::new(UiLang::Nb);
    let key = cache::key(&guide, nb, Lang::Nb, &href);
    let first = flowchart(&guide, nb, Lang::Nb, &href).svg.unwrap();
    let again = flowchart(&guide, nb, Lang::Nb, &href).svg.unwrap();
    assert_eq!(again, first);
    assert_eq!(cache::layouts_of(&key), 1, "laid out once, then kept");
    // Other links, another language, or a changed guide are other pictures.
    let links = |id: &str| format!("/admin/y/{id}");
    assert_ne!(cache::key(&guide, nb, Lang::Nb, &links), key);
    assert!(flowchart(&guide, nb, Lang::Nb, &links)
        .svg
        .unwrap()
        .contains("/admin/y/"));
    let en = Ui::new(UiLang::En);
    assert_ne!(cache::key(&guide, en, Lang::En, &href), key);
    assert_ne!(flowchart(&guide, en, Lang::En, &href).svg.unwrap(), first);
    guide.steps[0].title = Some(veiviser_core::i18n::LocalizedText::nb("Endret tittel"));
    assert_ne!(cache::key(&guide, nb, Lang::Nb, &href), key);
    let changed = flowchart(&guide, nb, Lang::Nb, &href).svg.unwrap();
    assert!(changed.contains("Endret tittel") && !changed.contains("Bufret flytskjema"));
    assert_eq!(cache::layouts_of(&key), 1);
}
