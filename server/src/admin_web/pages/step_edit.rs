//! The step editor page: one step of a guide draft.

use crate::admin_web::editor::step::StepForm;
use crate::admin_web::page::Chrome;
use askama::Template;

/// The step editor page.
#[derive(Template)]
#[template(path = "admin/step_edit.html")]
pub struct StepEditPage {
    /// The page chrome.
    pub chrome: Chrome,
    /// Back to the draft.
    pub draft_href: String,
    /// "Tilbake til utkastet …".
    pub draft_label: String,
    /// Where the form posts.
    pub action: String,
    /// `…/steps/` (links to other steps with errors).
    pub step_href_prefix: String,
    /// The form.
    pub form: StepForm,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::admin_web::editor::step::step_form;
    use crate::admin_web::messages::{Ui, UiLang};
    use veiviser_core::guide::{validate_guide, StepKind};
    use veiviser_core::i18n::LocalizedText;

    #[test]
    fn renders_escaped_with_inline_errors_linked_from_the_summary() {
        let mut guide = crate::admin_web::test_support::shipped("snakke-med-barnet");
        guide.steps[0].text = LocalizedText::nb("<script>alert('x')</script>");
        if let StepKind::Action { next } = &mut guide.steps[0].kind {
            next.clear();
        }
        let issues = validate_guide(&guide, "draft");
        let ui = Ui::new(UiLang::Nb);
        let page = StepEditPage {
            chrome: Chrome::new(ui, "Rediger steg S0", "/admin/drafts/1/steps/S0"),
            draft_href: "/admin/drafts/1".into(),
            draft_label: "Tilbake".into(),
            action: "/admin/drafts/1/steps/S0".into(),
            step_href_prefix: "/admin/drafts/1/steps/".into(),
            form: step_form(ui, &guide, &guide.steps[0], &issues),
        };
        let html = page.render().unwrap();
        assert!(!html.contains("<script>"), "unescaped");
        assert!(
            html.contains("&#60;script&#62;") || html.contains("&lt;script&gt;"),
            "{html}"
        );
        assert!(
            html.contains("href=\"#f-next\""),
            "summary links to the field"
        );
        assert!(html.contains("aria-describedby=\"f-next-error\""));
        assert!(html.contains("id=\"f-next-error\""));
        assert!(!html.contains("style="), "no inline style");
    }
}
