//! Actions as HTML: a call is a `tel:` link, a web page a link, and every other action a link
//! to where the [`ActionTarget`] says it leads, or a button when it leads nowhere here.

use crate::markup::Markup;
use veiviser_core::app::{Action, ActionStyle, ActionView};

/// Where an action leads in rendered HTML. The browser tests link every action to the
/// rendered file of the state it leads to; the admin preview may link nowhere ([`Inert`]).
/// Calls and web pages need no target: they are `tel:` and web links.
pub trait ActionTarget {
    /// The URL to follow for `action`, or `None` to render it as a button that does nothing
    /// without the app around it.
    fn href(&self, action: &Action) -> Option<String>;
}

/// Links no action anywhere (calls and web pages excepted).
#[derive(Debug, Clone, Copy, Default)]
pub struct Inert;

impl ActionTarget for Inert {
    fn href(&self, _action: &Action) -> Option<String> {
        None
    }
}

/// The URL an action opens by itself, whatever the target: `tel:` or a web address.
fn own_href(action: &Action) -> Option<String> {
    match action {
        Action::Call { tel_uri } => Some(tel_uri.clone()),
        Action::OpenUrl { url } => Some(url.clone()),
        _ => None,
    }
}

/// The CSS class of an action in `style`, plus `extra`.
fn class_of(a: &ActionView, extra: &str) -> String {
    let style = match a.style {
        ActionStyle::Primary => "primary",
        ActionStyle::Secondary => "secondary",
        ActionStyle::Danger => "danger",
    };
    let call = if matches!(a.action, Action::Call { .. }) {
        " call"
    } else {
        ""
    };
    format!("button {style}{call} {extra}")
        .trim_end()
        .to_string()
}

/// Writes one action, its label visible; a call also shows who answers (see [`action_with`]).
pub fn action(m: &mut Markup, a: &ActionView, target: &dyn ActionTarget, extra_class: &str) {
    action_with(m, a, target, extra_class, &[&a.label]);
}

/// Writes one action with `visible` as its visible content (e.g. "Ring 112", then "Politi").
///
/// The accessible name always contains the visible text (WCAG 2.5.3, label in name): when
/// the view's `accessibility_label` contains it, that label is the name; otherwise the visible
/// text is the name and the view's label its description (`aria-describedby`), so a screen
/// reader still hears it (e.g. a label that does not repeat the visible words).
pub fn action_with(
    m: &mut Markup,
    a: &ActionView,
    target: &dyn ActionTarget,
    extra_class: &str,
    visible: &[&str],
) {
    let class = class_of(a, extra_class);
    let spoken = a.accessibility_label.trim();
    let shown = visible.join(" ");
    let contains = |outer: &str, inner: &str| {
        // Whole words in order, as axe's label-in-name rule compares them.
        let words = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        let (outer, inner) = (words(outer), words(inner));
        !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner.as_slice())
    };
    let (aria_label, description) = if spoken.is_empty() || spoken == shown.trim() {
        (None, None)
    } else if contains(spoken, &shown) {
        (Some(spoken), None)
    } else {
        (None, Some(spoken))
    };
    let description_id = description.map(|_| m.next_id("desc"));
    let mut attrs: Vec<(&str, &str)> = vec![("class", &class)];
    let href = own_href(&a.action).or_else(|| target.href(&a.action));
    let tag = if href.is_some() { "a" } else { "button" };
    match &href {
        Some(href) => {
            attrs.push(("href", href));
            if a.selected {
                attrs.push(("aria-current", "true"));
            }
        }
        None => {
            attrs.insert(0, ("type", "button"));
            if a.selected {
                attrs.push(("aria-pressed", "true"));
            }
        }
    }
    if let Some(label) = aria_label {
        attrs.push(("aria-label", label));
    }
    if let Some(id) = &description_id {
        attrs.push(("aria-describedby", id));
    }
    attrs.push(("data-action", action_id(&a.action)));
    m.open(tag, &attrs);
    for (i, part) in visible.iter().enumerate() {
        let class = if i == 0 { "label" } else { "detail" };
        if i > 0 {
            // A space between the parts, so their text reads "Ring 112 Politiet", not
            // "Ring 112Politiet" (the accessible name must contain the visible words).
            m.text(" ");
        }
        m.elem("span", &[("class", class)], part);
    }
    if let (Some(id), Some(text)) = (&description_id, description) {
        m.elem("span", &[("id", id), ("hidden", "")], text);
    }
    m.close(tag);
}

/// Writes actions as a list, one per item.
pub fn action_list(m: &mut Markup, actions: &[ActionView], target: &dyn ActionTarget) {
    if actions.is_empty() {
        return;
    }
    m.open("ul", &[("class", "plain actions")]);
    for a in actions {
        m.open("li", &[]);
        action(m, a, target, "wide");
        m.close("li");
    }
    m.close("ul");
}

/// A stable name of the action's kind (`data-action`), for tests and the admin preview.
pub fn action_id(action: &Action) -> &'static str {
    match action {
        Action::Launch => "launch",
        Action::GoHome => "go_home",
        Action::OpenGuide { .. } => "open_guide",
        Action::ResumeWalk => "resume_walk",
        Action::Answer { .. } => "answer",
        Action::Next => "next",
        Action::Back => "back",
        Action::AcuteExit => "acute_exit",
        Action::RestartWalk => "restart_walk",
        Action::EndWalk => "end_walk",
        Action::FollowLink { .. } => "follow_link",
        Action::OpenContacts { .. } => "open_contacts",
        Action::OpenArea { .. } => "open_area",
        Action::SearchArea { .. } => "search_area",
        Action::ChooseArea { .. } => "choose_area",
        Action::SkipArea => "skip_area",
        Action::ClearArea { .. } => "clear_area",
        Action::OpenSettings => "open_settings",
        Action::SetLanguage { .. } => "set_language",
        Action::SetSector { .. } => "set_sector",
        Action::SkipSector => "skip_sector",
        Action::SyncNow => "sync_now",
        Action::SyncFinished => "sync_finished",
        Action::SyncFailed { .. } => "sync_failed",
        Action::OpenWhatsNew => "open_whats_new",
        Action::DismissWhatsNew => "dismiss_whats_new",
        Action::OpenAbout => "open_about",
        Action::Call { .. } => "call",
        Action::OpenUrl { .. } => "open_url",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(label: &str, spoken: &str, action: Action) -> ActionView {
        ActionView {
            label: label.into(),
            accessibility_label: spoken.into(),
            action,
            selected: false,
            style: ActionStyle::Secondary,
        }
    }

    fn render(a: &ActionView, visible: &[&str]) -> String {
        let mut m = Markup::new();
        action_with(&mut m, a, &Inert, "", visible);
        m.finish()
    }

    #[test]
    fn a_spoken_label_that_contains_the_visible_one_is_the_name() {
        let html = render(
            &view("Bjerke", "Velg bydel Bjerke", Action::SkipArea),
            &["Bjerke"],
        );
        assert!(html.starts_with("<button type=\"button\""), "{html}");
        assert!(html.contains("aria-label=\"Velg bydel Bjerke\""), "{html}");
        assert!(!html.contains("aria-describedby"), "{html}");
    }

    #[test]
    fn otherwise_the_visible_text_is_the_name_and_the_spoken_label_its_description() {
        // "Vel området ditt" contains "Vel område" as text, not as words: not a label in name.
        let a = view("Vel område", "Vel området ditt", Action::SkipArea);
        let html = render(&a, &["Vel område"]);
        assert!(!html.contains("aria-label"), "{html}");
        assert!(html.contains("aria-describedby=\"desc-1\""), "{html}");
        assert!(
            html.contains("<span id=\"desc-1\" hidden=\"\">Vel området ditt</span>"),
            "{html}"
        );
    }

    #[test]
    fn a_call_is_a_tel_link_showing_number_and_service() {
        let a = view(
            "Ring 112",
            "Ring Politi på 1 1 2",
            Action::Call {
                tel_uri: "tel:112".into(),
            },
        );
        let html = render(&a, &["Ring 112", "Politi"]);
        assert!(
            html.starts_with("<a class=\"button secondary call\" href=\"tel:112\""),
            "{html}"
        );
        assert!(
            html.contains(
                "<span class=\"label\">Ring 112</span> <span class=\"detail\">Politi</span>"
            ),
            "{html}"
        );
        assert!(html.contains("data-action=\"call\""), "{html}");
    }
}
