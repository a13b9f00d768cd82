//! The numbers to call for a step or a role: one card per number, call button first.

use crate::actions::{action, action_list, action_with, ActionTarget};
use crate::markup::Markup;
use veiviser_core::app::{NumberEntryView, NumberListView};
use veiviser_core::directory::OpenState;

/// The list with its heading, area line and notices.
pub fn number_list(m: &mut Markup, list: &NumberListView, target: &dyn ActionTarget) {
    m.open(
        "section",
        &[("class", "numbers"), ("aria-labelledby", "numbers-heading")],
    );
    m.elem("h2", &[("id", "numbers-heading")], &list.heading);
    m.elem("p", &[], &list.area_text);
    m.open("div", &[("class", "actions")]);
    action(m, &list.area_action, target, "wide");
    if let Some(skip) = &list.skip_area {
        action(m, skip, target, "wide");
    }
    m.close("div");
    for notice in &list.notices {
        m.elem("p", &[("class", "notice")], &notice.message);
    }
    if let Some(banner) = &list.example_data_banner {
        m.elem("p", &[("class", "notice")], banner);
    }
    if let Some(text) = &list.unconfirmed_text {
        m.elem("p", &[("class", "notice")], text);
    }
    m.open("ul", &[("class", "plain")]);
    for entry in &list.entries {
        m.open("li", &[]);
        number_entry(m, entry, target);
        m.close("li");
    }
    m.close("ul");
    m.elem("p", &[("class", "muted")], &list.at_text);
    m.close("section");
}

fn number_entry(m: &mut Markup, e: &NumberEntryView, target: &dyn ActionTarget) {
    m.open(
        "article",
        &[
            ("class", "card"),
            ("data-contact", &e.title),
            ("data-service", &e.service_id),
        ],
    );
    m.open("h3", &[]).text(&e.title);
    if let Some(mark) = &e.example_data_mark {
        m.text(" ").elem("span", &[("class", "mark")], mark);
    }
    m.close("h3");
    m.elem("p", &[("class", "reason")], &e.reason_text);
    let state_class = match e.state {
        OpenState::Open => "state-open",
        OpenState::Closed => "state-closed",
        OpenState::Unknown | OpenState::HoursNotConfirmed => "state-unknown",
    };
    m.open("p", &[])
        .elem("span", &[("class", state_class)], &e.state_text);
    if let Some(opens) = &e.opens_text {
        m.text(" – ").text(opens);
    }
    m.close("p");
    if let Some(hours) = &e.hours_text {
        m.elem("p", &[("class", "muted")], hours);
    }
    match (&e.call, &e.no_number_text) {
        // The call names the service as well as the number: "Ring 02800 Politiet – ikke akutt".
        (Some(call), _) => action_with(m, call, target, "wide", &[&call.label, &e.title]),
        (None, Some(text)) => {
            m.elem("p", &[("class", "notice")], text);
        }
        (None, None) => {}
    }
    if let Some(also) = &e.also_text {
        m.elem("p", &[], also);
    }
    if let Some(note) = &e.note_text {
        m.elem("p", &[], note);
    }
    action_list(m, &e.links, target);
    m.elem("p", &[("class", "muted")], &e.last_verified_text);
    m.close("article");
}
