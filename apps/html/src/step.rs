//! A step of a walk: the acute exit, the numbers (first on urgent steps), the text, the
//! answers or "continue", the checklist and legal references, the links, and the walk's
//! controls (back, restart, end).

use crate::actions::{action, action_list, ActionTarget};
use crate::markup::Markup;
use crate::numbers::number_list;
use veiviser_core::app::{ChoicePromptView, GuideStepView};
use veiviser_core::guide::navigator::Taken;

/// The step screen; `page_title` is the frame's heading (the guide's title is not repeated).
pub fn guide_step(m: &mut Markup, s: &GuideStepView, page_title: &str, target: &dyn ActionTarget) {
    m.open("p", &[("class", "muted")]);
    if s.guide_title != page_title {
        m.elem("span", &[], &s.guide_title).text(" · ");
    }
    m.elem("span", &[], &s.progress_text).close("p");
    if let Some(text) = &s.resume_text {
        m.elem("p", &[("class", "notice")], text);
    }
    if let Some(acute) = &s.acute_action {
        m.open("div", &[("class", "actions")]);
        action(m, acute, target, "wide");
        m.close("div");
    }
    if let Some(prompt) = &s.sector_prompt {
        choice_prompt(m, prompt, "sector-question", target);
    }
    if s.call_first {
        number_list(m, &s.numbers, target);
        body(m, s, target);
    } else {
        body(m, s, target);
        number_list(m, &s.numbers, target);
    }
    if !s.summary.is_empty() {
        if let Some(h) = &s.summary_heading {
            m.elem("h2", &[], h);
        }
        m.open("ol", &[("class", "summary")]);
        for item in &s.summary {
            m.open("li", &[]).text(&item.heading);
            match &item.taken {
                Some(Taken::Answer { label, .. }) => {
                    m.text(": ").elem("strong", &[], label);
                }
                Some(Taken::Sector { label, note, .. }) => {
                    m.text(": ").elem("strong", &[], label);
                    m.text(" (").text(note).text(")");
                }
                Some(Taken::Next) | Some(Taken::Acute) | None => {}
            }
            m.close("li");
        }
        m.close("ol");
    }
    m.open("div", &[("class", "actions walk-controls")]);
    if let Some(back) = &s.back_action {
        action(m, back, target, "wide");
    }
    action(m, &s.restart_action, target, "wide");
    action(m, &s.end_action, target, "wide");
    m.close("div");
}

/// The step's own content: heading, text, answers or continue, checklist, law, links.
fn body(m: &mut Markup, s: &GuideStepView, target: &dyn ActionTarget) {
    m.open(
        "section",
        &[("class", "step"), ("aria-labelledby", "step-heading")],
    );
    m.elem("h2", &[("id", "step-heading")], &s.heading);
    for paragraph in s.step.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        m.elem("p", &[], paragraph.trim());
    }
    action_list(m, &s.options, target);
    if let Some(next) = &s.continue_action {
        m.open("div", &[("class", "actions")]);
        action(m, next, target, "wide");
        m.close("div");
    }
    if !s.step.checklist.is_empty() {
        if let Some(h) = &s.checklist_heading {
            m.elem("h3", &[], h);
        }
        m.open("ul", &[("class", "checklist")]);
        for item in &s.step.checklist {
            m.elem("li", &[], item);
        }
        m.close("ul");
    }
    if !s.step.legal.is_empty() {
        if let Some(h) = &s.legal_heading {
            m.elem("h3", &[], h);
        }
        m.open("ul", &[("class", "plain legal")]);
        for l in &s.step.legal {
            // The link opens the provision on lovdata.no; its text is the citation and title.
            m.open("li", &[])
                .open("a", &[("href", &l.url)])
                .text(&l.citation)
                .text(" – ")
                .text(&l.title)
                .close("a")
                .close("li");
        }
        m.close("ul");
    }
    action_list(m, &s.links, target);
    m.close("section");
}

/// A question asked inline (the sector, the bydel): a group of answers and "skip".
pub fn choice_prompt(m: &mut Markup, p: &ChoicePromptView, id: &str, target: &dyn ActionTarget) {
    m.open(
        "section",
        &[("class", "card prompt"), ("aria-labelledby", id)],
    );
    m.elem("h2", &[("id", id)], &p.question);
    m.elem("p", &[], &p.explanation);
    action_list(m, &p.choices, target);
    m.open("div", &[("class", "actions")]);
    action(m, &p.skip, target, "wide");
    m.close("div");
    m.close("section");
}
