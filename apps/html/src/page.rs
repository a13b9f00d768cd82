//! The frame of every screen: the document, the acute bar (first, before anything else), the
//! screen's heading and content, and the app's navigation at the bottom.

use crate::actions::{action_with, ActionTarget};
use crate::markup::Markup;
use crate::{screens, step, STYLESHEET};
use veiviser_core::app::{AcuteBarView, AppView, Screen};

/// The whole document: `<html lang>`, the embedded stylesheet, the frame.
pub fn document(view: &AppView, target: &dyn ActionTarget) -> String {
    let mut m = Markup::new();
    m.raw("<!doctype html>");
    m.open("html", &[("lang", view.lang.code())]);
    m.open("head", &[]);
    m.raw("<meta charset=\"utf-8\">");
    m.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    m.elem("title", &[], &view.title);
    m.open("style", &[]).raw(STYLESHEET).close("style");
    m.close("head");
    m.open("body", &[]);
    frame(&mut m, view, target);
    m.close("body");
    m.close("html");
    m.finish()
}

/// The frame without the document around it (for embedding; the page must carry the
/// stylesheet and a `lang`). The root element carries the view's `lang`.
pub fn fragment(view: &AppView, target: &dyn ActionTarget) -> String {
    let mut m = Markup::new();
    m.open(
        "div",
        &[("class", "veiviser-app"), ("lang", view.lang.code())],
    );
    frame(&mut m, view, target);
    m.close("div");
    m.finish()
}

fn frame(m: &mut Markup, view: &AppView, target: &dyn ActionTarget) {
    m.open("header", &[("class", "app-bar")]);
    acute_bar(m, &view.acute_bar, target);
    m.close("header");
    m.open("main", &[("id", "main")]);
    m.elem("h1", &[], &view.title);
    match &view.screen {
        Screen::Home { home } => screens::home(m, home, target),
        Screen::GuideStep { step } => step::guide_step(m, step, &view.title, target),
        Screen::Contacts { contacts } => screens::contacts(m, contacts, target),
        Screen::Area { area } => screens::area(m, area, target),
        Screen::Settings { settings } => screens::settings(m, settings, target),
        Screen::WhatsNew { whats_new } => screens::whats_new(m, whats_new, target),
        Screen::About { about } => screens::about(m, about, target),
    }
    m.close("main");
    if !view.nav.is_empty() {
        m.open("footer", &[("class", "app-footer")]);
        m.open("nav", &[("class", "screens")]);
        m.open("ul", &[]);
        for a in &view.nav {
            m.open("li", &[]);
            crate::actions::action(m, a, target, "");
            m.close("li");
        }
        m.close("ul").close("nav").close("footer");
    }
}

/// 112, 113 and 116 111: one `tel:` link each, the number large, who answers beside it.
fn acute_bar(m: &mut Markup, bar: &AcuteBarView, target: &dyn ActionTarget) {
    m.open(
        "section",
        &[("class", "acute-bar"), ("aria-labelledby", "acute-heading")],
    );
    m.elem("h2", &[("id", "acute-heading")], &bar.heading);
    m.open("ul", &[]);
    for call in &bar.calls {
        m.open("li", &[]);
        action_with(m, &call.call, target, "", &[&call.call.label, &call.name]);
        m.close("li");
    }
    m.close("ul").close("section");
}
