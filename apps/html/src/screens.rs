//! The screens other than a step: home, contacts, area, settings, what's new, about.

use crate::actions::{action, action_list, ActionTarget};
use crate::markup::Markup;
use crate::numbers::number_list;
use crate::step::choice_prompt;
use veiviser_core::app::{
    AboutView, AreaView, BannerView, ContactsScreenView, HomeView, SettingsView, WhatsNewItemView,
    WhatsNewView,
};

/// Banners in plain words, each with its action when there is one.
fn banners(m: &mut Markup, banners: &[BannerView], target: &dyn ActionTarget) {
    for b in banners {
        m.open("div", &[("class", "notice"), ("data-banner", banner_id(b))]);
        m.elem("p", &[], &b.text);
        if let Some(a) = &b.action {
            action(m, a, target, "");
        }
        m.close("div");
    }
}

fn banner_id(b: &BannerView) -> &'static str {
    use veiviser_core::app::BannerKind as K;
    match b.kind {
        K::StaleContent => "stale_content",
        K::ExampleData => "example_data",
        K::DemoContent => "demo_content",
        K::SyncError => "sync_error",
        K::WhatsNew => "whats_new",
        K::NeedsUpdate => "needs_update",
        K::Resumed => "resumed",
        K::Repaired => "repaired",
    }
}

/// A heading and its paragraphs, as one section.
fn text_section(m: &mut Markup, heading: &str, paragraphs: &[String]) {
    m.open("section", &[]);
    m.elem("h2", &[], heading);
    for p in paragraphs {
        m.elem("p", &[], p);
    }
    m.close("section");
}

/// Home: banners, the walk to continue, the guides, the user's area.
pub fn home(m: &mut Markup, h: &HomeView, target: &dyn ActionTarget) {
    banners(m, &h.banners, target);
    if let Some(resume) = &h.resume {
        m.open("div", &[("class", "actions")]);
        action(m, resume, target, "wide");
        m.close("div");
    }
    m.open("section", &[("aria-labelledby", "guides-heading")]);
    m.elem("h2", &[("id", "guides-heading")], &h.guides_heading);
    if let Some(empty) = &h.guides_empty_text {
        m.elem("p", &[], empty);
    }
    m.open("ul", &[("class", "plain")]);
    for g in &h.guides {
        m.open("li", &[]).open("article", &[("class", "card")]);
        // The guide's title is its open button (one target, no repeated title).
        match &g.open {
            Some(open) if open.label == g.title => {
                m.open("h3", &[]);
                action(m, open, target, "wide");
                m.close("h3");
            }
            _ => {
                m.elem("h3", &[], &g.title);
            }
        }
        if let Some(summary) = &g.summary {
            m.elem("p", &[], summary);
        }
        if let Some(text) = &g.unavailable_text {
            m.elem("p", &[("class", "notice")], text);
        }
        if let Some(open) = g.open.as_ref().filter(|o| o.label != g.title) {
            action(m, open, target, "wide");
        }
        m.close("article").close("li");
    }
    m.close("ul").close("section");
    m.open("section", &[("class", "area")]);
    m.elem("p", &[], &h.area_text);
    action(m, &h.area_action, target, "wide");
    m.close("section");
    if let Some(as_of) = &h.content_as_of_text {
        m.elem("p", &[("class", "muted")], as_of);
    }
}

/// Contacts: the roles to choose from, then the numbers.
pub fn contacts(m: &mut Markup, c: &ContactsScreenView, target: &dyn ActionTarget) {
    if !c.roles.is_empty() {
        m.open("ul", &[("class", "screens roles")]);
        for a in &c.roles {
            m.open("li", &[]);
            action(m, a, target, "");
            m.close("li");
        }
        m.close("ul");
    }
    number_list(m, &c.numbers, target);
}

/// Area: the search field, the matches, the bydel picker, clear and skip.
pub fn area(m: &mut Markup, a: &AreaView, target: &dyn ActionTarget) {
    m.elem("p", &[], &a.intro);
    if let Some(current) = &a.current_text {
        m.elem("p", &[("class", "current")], current);
    }
    // Without script the field submits with Enter; the app sends `SearchArea` with the text.
    m.open(
        "form",
        &[
            ("class", "area-search"),
            ("role", "search"),
            ("method", "get"),
        ],
    );
    m.elem("label", &[("for", "area-query")], &a.input_label);
    m.open(
        "input",
        &[
            ("id", "area-query"),
            ("type", "search"),
            ("name", "q"),
            ("value", &a.query),
            ("autocomplete", "postal-code"),
        ],
    );
    m.close("form");
    if let Some(message) = &a.message {
        m.elem("p", &[("class", "notice"), ("role", "status")], message);
    }
    action_list(m, &a.results, target);
    if let Some(picker) = &a.bydel_picker {
        choice_prompt(m, picker, "bydel-question", target);
    }
    m.open("div", &[("class", "actions")]);
    if let Some(clear) = &a.clear {
        action(m, clear, target, "wide");
    }
    action(m, &a.skip, target, "wide");
    m.close("div");
}

/// Settings: language, sector, default area, sync.
pub fn settings(m: &mut Markup, s: &SettingsView, target: &dyn ActionTarget) {
    for (id, heading, choices) in [
        ("language-heading", &s.language_heading, &s.languages),
        ("sector-heading", &s.sector_heading, &s.sectors),
    ] {
        m.open("section", &[("aria-labelledby", id)]);
        m.elem("h2", &[("id", id)], heading);
        action_list(m, choices, target);
        m.close("section");
    }
    m.open("section", &[("aria-labelledby", "area-heading")]);
    m.elem("h2", &[("id", "area-heading")], &s.area_heading);
    m.elem("p", &[], &s.area_text);
    m.open("div", &[("class", "actions")]);
    action(m, &s.area_action, target, "wide");
    if let Some(clear) = &s.area_clear {
        action(m, clear, target, "wide");
    }
    m.close("div").close("section");
    m.open("section", &[("aria-labelledby", "sync-heading")]);
    m.elem("h2", &[("id", "sync-heading")], &s.sync_heading);
    for line in &s.sync_lines {
        m.elem("p", &[], line);
    }
    if let Some(error) = &s.sync_error_text {
        m.elem("p", &[("class", "notice error")], error);
    }
    action(m, &s.sync_action, target, "wide");
    m.close("section");
}

fn whats_new_items(m: &mut Markup, items: &[WhatsNewItemView], target: &dyn ActionTarget) {
    m.open("ul", &[("class", "plain")]);
    for item in items {
        m.open("li", &[]).open("article", &[("class", "card")]);
        m.elem("h3", &[], &item.title);
        m.elem("p", &[], &item.change_text);
        if let Some(summary) = &item.summary {
            m.elem("p", &[], summary);
        }
        if let Some(open) = &item.open {
            action(m, open, target, "wide");
        }
        m.close("article").close("li");
    }
    m.close("ul");
}

/// What's new: the changed guides, the changed entries for the saved area, dismiss.
pub fn whats_new(m: &mut Markup, w: &WhatsNewView, target: &dyn ActionTarget) {
    if let Some(empty) = &w.empty_text {
        m.elem("p", &[], empty);
    }
    if !w.guides.is_empty() {
        m.elem("h2", &[], &w.guides_heading);
        whats_new_items(m, &w.guides, target);
    }
    if !w.entries.is_empty() {
        m.elem("h2", &[], &w.entries_heading);
        whats_new_items(m, &w.entries, target);
    }
    action(m, &w.dismiss, target, "wide");
}

/// About: the demo warning, sources, accessibility, privacy, the content version.
pub fn about(m: &mut Markup, a: &AboutView, _target: &dyn ActionTarget) {
    if let Some(warning) = &a.demo_warning {
        m.elem("p", &[("class", "notice")], warning);
    }
    m.elem("p", &[], &a.intro);
    text_section(m, &a.sources_heading, &a.sources);
    text_section(m, &a.accessibility_heading, &a.accessibility);
    text_section(m, &a.privacy_heading, &a.privacy);
    m.elem("p", &[("class", "muted")], &a.version_text);
}
