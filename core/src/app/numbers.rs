//! The numbers for a step (or the contacts screen): each contact role resolved for the area
//! into one list, deduplicated by number, with call buttons only for sourced numbers.
//!
//! Built on the contacts screen's ranking (`directory::now::plan`, through
//! [`ContactsView`]) with two rules of its own:
//! - **Office hours.** A local office with no verified channel (Oslo's bydeler) comes first
//!   during office hours — with its note and no call button — and the after-hours service
//!   after it, labelled as the way to reach someone if the office does not answer. Outside
//!   office hours the after-hours service comes first, labelled "utenfor kontortid".
//!   Office hours are the office's own hours when it has any, else [`office_hours`].
//! - **One entry per number.** Services reached on the same number (Barnevernvakten i Oslo
//!   answers 116 111) are one entry, which names the others.

use super::event::{Action, AreaChoice, AreaPurpose};
use super::screens::{ActionStyle, ActionView, NumberEntryView, NumberListView};
use super::update::location_of;
use crate::directory::{
    public_holiday, AdviceReason, ChannelKind, ContactBook, ContactsQuery, Location, NoticeCode,
    OpenState,
};
use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use crate::roles::ContactRole;
use crate::view::{ContactView, ContactsView, NoticeView};
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc, Weekday};
use chrono_tz::Europe::Oslo;

/// What a number list is asked for.
pub(super) struct NumbersRequest<'a> {
    /// The roles, in the step's order.
    pub roles: &'a [ContactRole],
    /// The area, when one is chosen.
    pub area: Option<&'a AreaChoice>,
    /// What "Velg område" chooses.
    pub purpose: AreaPurpose,
    /// The step is urgent: emergency numbers first.
    pub urgent: bool,
    /// Offer to skip the area (asked inline, not yet skipped).
    pub offer_skip: bool,
    /// End with the national safety net (the contacts screen).
    pub safety_net: bool,
    /// The instant.
    pub at: DateTime<Utc>,
    /// The language.
    pub lang: Lang,
}

/// Municipal office hours when an office states none: weekdays 08:00–15:30, not on public
/// holidays. Used only to order and label the list (the after-hours service is always
/// listed right after), never shown as the office's hours.
pub(super) fn office_hours(local: NaiveDateTime) -> bool {
    let weekday = !matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
    let minutes = local.hour() * 60 + local.minute();
    weekday && (8 * 60..15 * 60 + 30).contains(&minutes) && public_holiday(local.date()).is_none()
}

/// The number list for `req`.
pub(super) fn number_list(book: &ContactBook, req: &NumbersRequest<'_>) -> NumberListView {
    let lang = req.lang;
    let location = req.area.map(location_of).unwrap_or(Location::Anywhere);
    let local = req.at.with_timezone(&Oslo).naive_local();
    let mut entries: Vec<NumberEntryView> = Vec::new();
    let mut notices: Vec<NoticeView> = Vec::new();
    let mut example_data = false;
    let mut all_written_only = true;
    let mut place: Option<String> = None;
    for (i, role) in req.roles.iter().enumerate() {
        let query = ContactsQuery {
            location: location.clone(),
            role: *role,
            at: req.at,
            urgent: req.urgent && i == 0,
        };
        let view = ContactsView::new(book, &query, lang).or_else(|_| {
            let anywhere = ContactsQuery {
                location: Location::Anywhere,
                ..query.clone()
            };
            ContactsView::new(book, &anywhere, lang)
        });
        let Ok(view) = view else { continue };
        if place.is_none() {
            place = place_text(&view);
        }
        example_data |= view.example_data;
        all_written_only &= view.unconfirmed_text.is_some();
        for n in &view.notices {
            if n.code != NoticeCode::ExampleData && !notices.iter().any(|m| m.message == n.message)
            {
                notices.push(n.clone());
            }
        }
        for entry in role_entries(&view, *role, req.safety_net, local, lang) {
            merge(&mut entries, entry, lang);
        }
    }
    let has_area = req.area.is_some();
    let area_text = match (&place, has_area) {
        (Some(p), true) => msg::APP_NUMBERS_FOR_AREA.fill(lang, &[("place", p)]),
        _ => msg::APP_NUMBERS_NO_AREA.get(lang).to_string(),
    };
    let area_label = if has_area {
        msg::APP_CHANGE_AREA
    } else {
        msg::APP_CHOOSE_AREA
    };
    NumberListView {
        heading: if req.urgent {
            msg::WALK_CALL_FIRST.get(lang).to_string()
        } else {
            msg::APP_NUMBERS_HEADING.get(lang).to_string()
        },
        call_first: req.urgent,
        area_text,
        has_area,
        area_action: ActionView {
            label: area_label.get(lang).to_string(),
            accessibility_label: area_label.get(lang).to_string(),
            action: Action::OpenArea {
                purpose: req.purpose,
            },
            selected: false,
            style: if has_area {
                ActionStyle::Secondary
            } else {
                ActionStyle::Primary
            },
        },
        skip_area: (req.offer_skip && !has_area).then(|| {
            action(
                msg::APP_SKIP.get(lang),
                msg::APP_SKIP_AREA_A11Y.get(lang),
                Action::SkipArea,
            )
        }),
        entries,
        notices,
        example_data_banner: example_data.then(|| msg::EXAMPLE_DATA_BANNER.get(lang).to_string()),
        unconfirmed_text: (all_written_only && !req.roles.is_empty())
            .then(|| msg::NONE_CONFIRMED_WITH_SERVICE.get(lang).to_string()),
        at_text: crate::view::local_time_text(local, lang),
    }
}

/// "Bjerke (Oslo)", "Lillestrøm", or the postcode: the place the answer is for.
fn place_text(view: &ContactsView) -> Option<String> {
    let kommune = view.kommune.as_ref().and_then(|k| k.name.clone());
    match (&view.bydel, kommune) {
        (Some(b), Some(k)) => Some(format!("{} ({k})", b.name)),
        (Some(b), None) => Some(b.name.clone()),
        (None, Some(k)) => Some(k),
        (None, None) => view.postcode.as_ref().map(|p| p.line.clone()),
    }
}

/// One role's entries in the order the office-hours rule gives.
fn role_entries(
    view: &ContactsView,
    role: ContactRole,
    safety_net: bool,
    local: NaiveDateTime,
    lang: Lang,
) -> Vec<NumberEntryView> {
    let keep = |c: &&ContactView| {
        c.reason != AdviceReason::NationalFallback || safety_net || c.role == role
    };
    let listed: Vec<&ContactView> = view.contacts.iter().filter(keep).collect();
    let office = listed
        .iter()
        .find(|c| c.reason == AdviceReason::Primary && c.role == role)
        .copied();
    let office_open = match office {
        Some(o) if o.channels.iter().any(|ch| ch.hours.is_some()) => match o.state {
            OpenState::Open => true,
            // Estimated hours are never "open": judge by office hours instead.
            OpenState::HoursNotConfirmed => office_hours(local),
            OpenState::Closed | OpenState::Unknown => false,
        },
        Some(_) => office_hours(local),
        None => false,
    };
    let mut ordered: Vec<&ContactView> = Vec::with_capacity(listed.len());
    ordered.extend(listed.iter().filter(|c| c.reason == AdviceReason::Urgent));
    let primary = listed.iter().filter(|c| c.reason == AdviceReason::Primary);
    let after = listed
        .iter()
        .filter(|c| c.reason == AdviceReason::AfterHours);
    if office_open {
        ordered.extend(primary);
        ordered.extend(after);
    } else {
        ordered.extend(after);
        ordered.extend(primary);
    }
    ordered.extend(
        listed
            .iter()
            .filter(|c| c.reason == AdviceReason::NationalFallback),
    );
    ordered
        .into_iter()
        .map(|c| {
            let reason_text = match c.reason {
                AdviceReason::AfterHours => match office {
                    Some(o) if office_open => {
                        msg::APP_REASON_IF_NO_ANSWER.fill(lang, &[("name", &o.title)])
                    }
                    Some(_) => msg::APP_REASON_OUTSIDE_OFFICE_HOURS.get(lang).to_string(),
                    None => msg::APP_REASON_NO_LOCAL_OFFICE.get(lang).to_string(),
                },
                AdviceReason::Primary if c.role != role => role_label(c.role, lang),
                _ => c.reason_text.clone(),
            };
            entry(c, capitalized(&reason_text), lang)
        })
        .collect()
}

/// `text` with its first letter in upper case ("ansvarlig tjeneste" → "Ansvarlig tjeneste").
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn role_label(role: ContactRole, lang: Lang) -> String {
    role.label(lang).to_string()
}

/// One entry from the contacts screen's contact.
fn entry(c: &ContactView, reason_text: String, lang: Lang) -> NumberEntryView {
    let phone = c.channels.iter().find(|ch| ch.kind == ChannelKind::Phone);
    let call = phone.map(|p| {
        let a11y = msg::APP_CALL_A11Y.fill(
            lang,
            &[
                ("number", &p.value),
                ("name", &c.title),
                ("digits", &spaced_digits(&p.value)),
            ],
        );
        ActionView {
            label: msg::APP_CALL.fill(lang, &[("number", &p.value)]),
            accessibility_label: a11y,
            action: Action::Call {
                tel_uri: p.uri.clone(),
            },
            selected: false,
            style: ActionStyle::Primary,
        }
    });
    let links = c
        .channels
        .iter()
        .filter(|ch| matches!(ch.kind, ChannelKind::Web | ChannelKind::Chat))
        .map(|ch| {
            let label =
                msg::APP_OPEN_LINK.fill(lang, &[("kind", &ch.kind_label), ("value", &ch.value)]);
            let a11y = msg::APP_OPEN_LINK_A11Y.fill(
                lang,
                &[
                    ("kind", &ch.kind_label),
                    ("name", &c.title),
                    ("value", &ch.value),
                ],
            );
            action(
                &label,
                &a11y,
                Action::OpenUrl {
                    url: ch.uri.clone(),
                },
            )
        })
        .collect();
    let note_text = match (&c.note_text, phone.and_then(|p| p.note_text.as_ref())) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.clone().or_else(|| b.cloned()),
    };
    NumberEntryView {
        service_id: c.service_id.clone(),
        title: c.title.clone(),
        role: c.role,
        reason: c.reason,
        reason_text,
        number: phone.map(|p| p.value.clone()),
        tel_uri: phone.map(|p| p.uri.clone()),
        call,
        no_number_text: phone
            .is_none()
            .then(|| msg::APP_NO_NUMBER.get(lang).to_string()),
        also_text: None,
        state: phone.map(|p| p.state).unwrap_or(c.state),
        state_text: phone
            .map(|p| p.state_text.clone())
            .unwrap_or_else(|| c.state.label(lang).to_string()),
        hours_text: phone.and_then(|p| p.hours_text.clone()),
        opens_text: phone.and_then(|p| p.opens_text.clone()),
        note_text,
        last_verified_text: c.last_verified_text.clone(),
        stale: c.stale,
        example_data: c.example_data,
        example_data_mark: c.example_data_mark.clone(),
        links,
    }
}

/// Adds `entry` to `list`, or — when its number (or, without one, its service) is already
/// listed — names it on the entry that has it.
fn merge(list: &mut Vec<NumberEntryView>, entry: NumberEntryView, lang: Lang) {
    let same = |e: &NumberEntryView| match (&e.tel_uri, &entry.tel_uri) {
        (Some(a), Some(b)) => a == b,
        _ => e.service_id == entry.service_id,
    };
    let Some(existing) = list.iter_mut().find(|e| same(e)) else {
        list.push(entry);
        return;
    };
    if existing.service_id == entry.service_id {
        return;
    }
    existing.also_text = Some(match &existing.also_text {
        Some(text) => format!("{text}, {}", entry.title),
        None => msg::APP_ALSO_ANSWERS.fill(lang, &[("names", &entry.title)]),
    });
}

/// "1 1 6 1 1 1": digits one by one, so a screen reader reads a number, not an amount.
pub(super) fn spaced_digits(number: &str) -> String {
    let digits: Vec<String> = number
        .chars()
        .filter(char::is_ascii_digit)
        .map(String::from)
        .collect();
    digits.join(" ")
}

/// A secondary action.
pub(super) fn action(label: &str, a11y: &str, action: Action) -> ActionView {
    ActionView {
        label: label.to_string(),
        accessibility_label: a11y.to_string(),
        action,
        selected: false,
        style: ActionStyle::Secondary,
    }
}
