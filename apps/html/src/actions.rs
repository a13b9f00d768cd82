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
    format!("button {style}{call} {extra}").trim_end().to_string()
}

/// Writes one action. `extra_class` adds layout classes (`wide`); `visible` replaces the
/// visible content (the acute bar's number and name) while the accessible name stays the
/// view's `accessibility_label`.
pub fn action(m: &mut Markup, a: &ActionView, target: &dyn ActionTarget, extra_class: &str) {
    action_with(m, a, target, extra_class, &[&a.label]);
}

/// [`action`] with the visible content as several spans (e.g. number, then name).
pub fn action_with(
    m: &mut Markup,
    a: &ActionView,
    target: &dyn ActionTarget,
    extra_class: &str,
    visible: &[&str],
) {
    let class = class_of(a, extra_class);
    let name = a.accessibility_label.trim();
    let shown = visible.join(" ");
    // The accessible name is the view's label for screen readers, when it says more than the
    // visible text; otherwise the visible text names the action itself.
    let aria = if !name.is_empty() && name != shown.trim() {
        ("aria-label", name)
    } else {
        ("", "")
    };
    let data_action = action_id(&a.action);
    let href = own_href(&a.action).or_else(|| target.href(&a.action));
    let tag = if href.is_some() { "a" } else { "button" };
    match &href {
        Some(href) => {
            let current = if a.selected {
                ("aria-current", "true")
            } else {
                ("", "")
            };
            m.open(
                "a",
                &[
                    ("class", &class),
                    ("href", href),
                    aria,
                    current,
                    ("data-action", data_action),
                ],
            );
        }
        None => {
            let pressed = if a.selected {
                ("aria-pressed", "true")
            } else {
                ("", "")
            };
            m.open(
                "button",
                &[
                    ("type", "button"),
                    ("class", &class),
                    aria,
                    pressed,
                    ("data-action", data_action),
                ],
            );
        }
    }
    for (i, part) in visible.iter().enumerate() {
        let class = if i == 0 { "label" } else { "detail" };
        m.elem("span", &[("class", class)], part);
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
