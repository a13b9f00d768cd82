//! How the app's state becomes an [`AppView`] (the crux `view`): the frame, the acute bar,
//! the navigation, and the home, settings, what's-new and about screens. The walk, contacts
//! and area screens are in `render_walk`.

use super::event::{Action, AreaChoice, AreaPurpose, SyncFailureKind};
use super::numbers::{action, spaced_digits};
use super::render_walk;
use super::screens::*;
use super::update::location_of;
use super::App;
use crate::directory::ContactBook;
use crate::i18n::catalog::{self as msg, Message};
use crate::i18n::Lang;
use crate::sector::Sector;
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Oslo;

/// The frame for the app's state at `now`.
pub(super) fn view(app: &App, now: DateTime<Utc>) -> AppView {
    let lang = app.state.lang;
    let screen_id = app.state.screen;
    let (title, screen) = match screen_id {
        ScreenId::GuideStep => match render_walk::guide_step(app, now) {
            Some((title, step)) => (title, Screen::GuideStep { step }),
            None => home_screen(app, now),
        },
        ScreenId::Contacts => (
            msg::APP_TITLE_CONTACTS.get(lang).to_string(),
            Screen::Contacts {
                contacts: render_walk::contacts(app, now),
            },
        ),
        ScreenId::Area => (
            msg::APP_TITLE_AREA.get(lang).to_string(),
            Screen::Area {
                area: render_walk::area(app),
            },
        ),
        ScreenId::Settings => (
            msg::APP_TITLE_SETTINGS.get(lang).to_string(),
            Screen::Settings {
                settings: settings(app),
            },
        ),
        ScreenId::WhatsNew => (
            msg::APP_TITLE_WHATS_NEW.get(lang).to_string(),
            Screen::WhatsNew {
                whats_new: whats_new(app),
            },
        ),
        ScreenId::About => (
            msg::APP_TITLE_ABOUT.get(lang).to_string(),
            Screen::About { about: about(app) },
        ),
        ScreenId::Home => home_screen(app, now),
    };
    let screen_id = match &screen {
        Screen::Home { .. } => ScreenId::Home,
        _ => screen_id,
    };
    AppView {
        lang,
        screen_id,
        title,
        acute_bar: acute_bar(lang),
        screen,
        nav: nav(screen_id, lang),
        effects: Vec::new(),
    }
}

/// The emergency numbers, always the same three: police 112, ambulance 113 and Alarmtelefonen
/// for barn og unge 116 111 (national numbers, research notes domain.md §2), so the bar shows
/// before any content is read and whatever content is loaded.
pub(super) fn acute_bar(lang: Lang) -> AcuteBarView {
    let call = |number: &str, name: Message| {
        let name = name.get(lang).to_string();
        let tel_uri = format!("tel:{}", number.replace(' ', ""));
        CallView {
            call: ActionView {
                label: msg::APP_CALL.fill(lang, &[("number", number)]),
                accessibility_label: msg::APP_CALL_A11Y.fill(
                    lang,
                    &[
                        ("number", number),
                        ("name", &name),
                        ("digits", &spaced_digits(number)),
                    ],
                ),
                action: Action::Call {
                    tel_uri: tel_uri.clone(),
                },
                selected: false,
                style: ActionStyle::Danger,
            },
            number: number.to_string(),
            name,
            tel_uri,
        }
    };
    AcuteBarView {
        heading: msg::APP_ACUTE_HEADING.get(lang).to_string(),
        calls: vec![
            call("112", msg::APP_ACUTE_POLICE),
            call("113", msg::APP_ACUTE_AMBULANCE),
            call("116 111", msg::APP_ACUTE_ALARMTELEFON),
        ],
    }
}

fn nav(current: ScreenId, lang: Lang) -> Vec<ActionView> {
    let item = |label: Message, action: Action, id: ScreenId| ActionView {
        label: label.get(lang).to_string(),
        accessibility_label: label.get(lang).to_string(),
        action,
        selected: id == current,
        style: ActionStyle::Secondary,
    };
    vec![
        item(msg::APP_NAV_HOME, Action::GoHome, ScreenId::Home),
        item(
            msg::APP_NAV_CONTACTS,
            Action::OpenContacts { role: None },
            ScreenId::Contacts,
        ),
        item(
            msg::APP_NAV_SETTINGS,
            Action::OpenSettings,
            ScreenId::Settings,
        ),
        item(msg::APP_NAV_ABOUT, Action::OpenAbout, ScreenId::About),
    ]
}

/// A date as people read it in Norway: 22.11.2026.
fn date_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Oslo).format("%d.%m.%Y").to_string()
}

/// A date and time: 22.11.2026 13:00.
fn time_text(t: DateTime<Utc>) -> String {
    t.with_timezone(&Oslo).format("%d.%m.%Y %H:%M").to_string()
}

/// The place an area choice points to, in words ("Bjerke (Oslo)", "2000 Lillestrøm").
pub(super) fn area_place(book: &ContactBook, area: &AreaChoice) -> String {
    let location = location_of(area);
    let res = book.resolve(&location).unwrap_or_default();
    res.place_name()
        .or_else(|| area.postnummer.clone())
        .unwrap_or_default()
}

fn newest_content(app: &App) -> Option<DateTime<Utc>> {
    app.content.as_of.iter().map(|a| a.published_at).max()
}

fn home_screen(app: &App, now: DateTime<Utc>) -> (String, Screen) {
    (
        msg::APP_TITLE_HOME.get(app.state.lang).to_string(),
        Screen::Home {
            home: home(app, now),
        },
    )
}

fn home(app: &App, now: DateTime<Utc>) -> HomeView {
    let lang = app.state.lang;
    let mut banners = Vec::new();
    if app.state.whats_new.is_some() {
        banners.push(BannerView {
            kind: BannerKind::WhatsNew,
            text: msg::APP_BANNER_WHATS_NEW.get(lang).to_string(),
            action: Some(action(
                msg::APP_OPEN_WHATS_NEW.get(lang),
                msg::APP_OPEN_WHATS_NEW.get(lang),
                Action::OpenWhatsNew,
            )),
        });
    }
    if let Some(text) = sync_error_text(app) {
        banners.push(BannerView {
            kind: BannerKind::SyncError,
            text,
            action: Some(action(
                msg::APP_SYNC_RETRY.get(lang),
                msg::APP_SYNC_RETRY.get(lang),
                Action::SyncNow,
            )),
        });
    }
    if let Some(newest) = newest_content(app) {
        let days = (now - newest).num_days();
        if days > i64::from(app.content.max_content_age_days) {
            banners.push(BannerView {
                kind: BannerKind::StaleContent,
                text: msg::APP_BANNER_STALE.fill(
                    lang,
                    &[("days", &days.to_string()), ("date", &date_text(newest))],
                ),
                action: Some(action(
                    msg::APP_SYNC_NOW.get(lang),
                    msg::APP_SYNC_NOW.get(lang),
                    Action::SyncNow,
                )),
            });
        }
    }
    if app.content.demo {
        banners.push(BannerView {
            kind: BannerKind::DemoContent,
            text: msg::APP_BANNER_DEMO.get(lang).to_string(),
            action: None,
        });
    }
    if app
        .content
        .book
        .directory()
        .services()
        .iter()
        .any(|s| s.example_data)
    {
        banners.push(BannerView {
            kind: BannerKind::ExampleData,
            text: msg::APP_BANNER_EXAMPLE_DATA.get(lang).to_string(),
            action: None,
        });
    }
    if !app.content.repair_notices.is_empty() {
        banners.push(BannerView {
            kind: BannerKind::Repaired,
            text: msg::APP_BANNER_REPAIRED.get(lang).to_string(),
            action: None,
        });
    }
    let sector = app.state.sector;
    let mut guides: Vec<(bool, GuideEntryView)> = app
        .content
        .guides
        .iter()
        .map(|g| match &g.card {
            Ok(guide) => {
                let title = guide.title.get(lang).to_string();
                let mine = sector.is_some_and(|s| guide.audience.contains(&s));
                let open = ActionView {
                    label: title.clone(),
                    accessibility_label: msg::APP_OPEN_GUIDE_A11Y.fill(lang, &[("title", &title)]),
                    action: Action::OpenGuide {
                        guide_id: g.id.clone(),
                    },
                    selected: false,
                    style: ActionStyle::Primary,
                };
                (
                    !mine,
                    GuideEntryView {
                        guide_id: g.id.clone(),
                        summary: Some(guide.summary.get(lang).to_string()),
                        title,
                        unavailable_text: None,
                        open: Some(open),
                    },
                )
            }
            Err(_) => (
                true,
                GuideEntryView {
                    guide_id: g.id.clone(),
                    title: g.id.clone(),
                    summary: None,
                    unavailable_text: Some(msg::APP_GUIDE_NEEDS_UPDATE.get(lang).to_string()),
                    open: None,
                },
            ),
        })
        .collect();
    guides.sort_by_key(|(rank, _)| *rank);
    let resume = app.walk_guide().and_then(|guide| {
        let walk = app.state.walk.as_ref()?;
        let step = guide.step(walk.session.current_step_id())?;
        let heading = step.title.as_ref().unwrap_or(&step.text).get(lang);
        let label =
            msg::APP_RESUME_WALK.fill(lang, &[("guide", guide.title.get(lang)), ("step", heading)]);
        Some(ActionView {
            accessibility_label: label.clone(),
            label,
            action: Action::ResumeWalk,
            selected: false,
            style: ActionStyle::Primary,
        })
    });
    let (area_text, area_action) = default_area(app);
    HomeView {
        banners,
        resume,
        guides_heading: msg::APP_GUIDES_HEADING.get(lang).to_string(),
        guides_empty_text: guides
            .is_empty()
            .then(|| msg::APP_GUIDES_NONE.get(lang).to_string()),
        guides: guides.into_iter().map(|(_, g)| g).collect(),
        area_text,
        area_action,
        content_as_of_text: newest_content(app)
            .map(|t| msg::APP_CONTENT_AS_OF.fill(lang, &[("date", &date_text(t))])),
    }
}

/// The default area in words, and the action that chooses or changes it.
fn default_area(app: &App) -> (String, ActionView) {
    let lang = app.state.lang;
    let text = match &app.state.default_area {
        Some(a) => msg::APP_YOUR_AREA.fill(lang, &[("place", &area_place(&app.content.book, a))]),
        None => msg::APP_YOUR_AREA_NONE.get(lang).to_string(),
    };
    let label = if app.state.default_area.is_some() {
        msg::APP_CHANGE_AREA
    } else {
        msg::APP_CHOOSE_AREA
    };
    let act = action(
        label.get(lang),
        &msg::APP_DEFAULT_AREA_A11Y.fill(lang, &[("action", label.get(lang))]),
        Action::OpenArea {
            purpose: AreaPurpose::Default,
        },
    );
    (text, act)
}

fn sync_error_text(app: &App) -> Option<String> {
    let (kind, at) = app.run.sync_error?;
    let message = match kind {
        SyncFailureKind::Offline => msg::APP_SYNC_FAILED_OFFLINE,
        SyncFailureKind::Rejected => msg::APP_SYNC_FAILED_REJECTED,
        SyncFailureKind::Other => msg::APP_SYNC_FAILED_OTHER,
    };
    Some(message.fill(app.state.lang, &[("time", &time_text(at))]))
}

/// A sector's name in `lang`.
pub(super) fn sector_label(sector: Sector, lang: Lang) -> &'static str {
    match sector {
        Sector::Barnehage => msg::SECTOR_BARNEHAGE.get(lang),
        Sector::Skole => msg::SECTOR_SKOLE.get(lang),
        Sector::Helsestasjon => msg::SECTOR_HELSESTASJON.get(lang),
        Sector::Tannhelse => msg::SECTOR_TANNHELSE.get(lang),
        Sector::Fastlege => msg::SECTOR_FASTLEGE.get(lang),
        Sector::Nav => msg::SECTOR_NAV.get(lang),
    }
}

fn settings(app: &App) -> SettingsView {
    let lang = app.state.lang;
    let choice = |label: &str, action: Action, selected: bool| ActionView {
        label: label.to_string(),
        accessibility_label: label.to_string(),
        action,
        selected,
        style: ActionStyle::Secondary,
    };
    let languages = [
        (Lang::Nb, msg::APP_LANG_NB),
        (Lang::Nn, msg::APP_LANG_NN),
        (Lang::En, msg::APP_LANG_EN),
    ]
    .into_iter()
    .map(|(l, m)| choice(m.get(lang), Action::SetLanguage { lang: l }, l == lang))
    .collect();
    let mut sectors: Vec<ActionView> = Sector::ALL
        .into_iter()
        .map(|s| {
            choice(
                sector_label(s, lang),
                Action::SetSector { sector: Some(s) },
                app.state.sector == Some(s),
            )
        })
        .collect();
    sectors.push(choice(
        msg::APP_SECTOR_NONE.get(lang),
        Action::SetSector { sector: None },
        app.state.sector.is_none(),
    ));
    let (area_text, area_action) = default_area(app);
    let mut sync_lines = Vec::new();
    if let Some(newest) = newest_content(app) {
        sync_lines.push(msg::APP_CONTENT_AS_OF.fill(lang, &[("date", &date_text(newest))]));
    } else {
        sync_lines.push(msg::APP_CONTENT_NONE.get(lang).to_string());
    }
    if let Some(at) = app.run.synced_at {
        sync_lines.push(msg::APP_SYNCED_AT.fill(lang, &[("time", &time_text(at))]));
    }
    SettingsView {
        language_heading: msg::APP_LANGUAGE_HEADING.get(lang).to_string(),
        languages,
        sector_heading: msg::APP_SECTOR_QUESTION.get(lang).to_string(),
        sectors,
        area_heading: msg::APP_AREA_HEADING.get(lang).to_string(),
        area_text,
        area_action,
        area_clear: app.state.default_area.as_ref().map(|_| {
            action(
                msg::APP_CLEAR_AREA.get(lang),
                &msg::APP_DEFAULT_AREA_A11Y
                    .fill(lang, &[("action", msg::APP_CLEAR_AREA.get(lang))]),
                Action::ClearArea {
                    purpose: AreaPurpose::Default,
                },
            )
        }),
        sync_heading: msg::APP_SYNC_HEADING.get(lang).to_string(),
        sync_lines,
        sync_error_text: sync_error_text(app),
        sync_action: ActionView {
            label: msg::APP_SYNC_NOW.get(lang).to_string(),
            accessibility_label: msg::APP_SYNC_NOW.get(lang).to_string(),
            action: Action::SyncNow,
            selected: false,
            style: ActionStyle::Primary,
        },
    }
}

fn whats_new(app: &App) -> WhatsNewView {
    let lang = app.state.lang;
    let changes = app.state.whats_new.clone().unwrap_or_default();
    let guides: Vec<WhatsNewItemView> = changes
        .guides
        .iter()
        .map(|(id, from, to)| {
            let guide = app.content.card(id);
            let title = guide
                .map(|g| g.title.get(lang).to_string())
                .unwrap_or_else(|| id.clone());
            let change_text = match from {
                Some(from) => msg::APP_WHATS_NEW_REVISION.fill(
                    lang,
                    &[("from", &from.to_string()), ("to", &to.to_string())],
                ),
                None => msg::APP_WHATS_NEW_NEW_GUIDE.get(lang).to_string(),
            };
            WhatsNewItemView {
                id: id.clone(),
                open: guide.map(|_| {
                    action(
                        msg::APP_OPEN_GUIDE.get(lang),
                        &msg::APP_OPEN_GUIDE_A11Y.fill(lang, &[("title", &title)]),
                        Action::OpenGuide {
                            guide_id: id.clone(),
                        },
                    )
                }),
                summary: note_summary(app, &changes.notes, |n| n.guides.contains(id)),
                title,
                change_text,
            }
        })
        .collect();
    let dir = app.content.book.directory();
    let mut entries: Vec<WhatsNewItemView> = changes
        .entries
        .iter()
        .filter_map(|id| dir.service(id).map(|s| (id, s)))
        .map(|(id, s)| WhatsNewItemView {
            id: id.clone(),
            title: s.name.get(lang).to_string(),
            change_text: msg::APP_WHATS_NEW_ENTRY_CHANGED.get(lang).to_string(),
            summary: note_summary(app, &changes.notes, |n| {
                n.entries
                    .iter()
                    .any(|e| e.strip_prefix("service:") == Some(id.as_str()))
            }),
            open: None,
        })
        .collect();
    entries.extend(
        changes
            .removed_entries
            .iter()
            .map(|(id, name)| WhatsNewItemView {
                id: id.clone(),
                title: name.clone(),
                change_text: msg::APP_WHATS_NEW_ENTRY_REMOVED.get(lang).to_string(),
                summary: None,
                open: None,
            }),
    );
    let place = app
        .state
        .area_for_numbers()
        .map(|a| area_place(&app.content.book, a))
        .unwrap_or_default();
    WhatsNewView {
        guides_heading: msg::APP_WHATS_NEW_GUIDES.get(lang).to_string(),
        entries_heading: msg::APP_WHATS_NEW_ENTRIES.fill(lang, &[("place", &place)]),
        empty_text: (guides.is_empty() && entries.is_empty())
            .then(|| msg::APP_WHATS_NEW_NONE.get(lang).to_string()),
        guides,
        entries,
        dismiss: ActionView {
            label: msg::APP_WHATS_NEW_DISMISS.get(lang).to_string(),
            accessibility_label: msg::APP_WHATS_NEW_DISMISS.get(lang).to_string(),
            action: Action::DismissWhatsNew,
            selected: false,
            style: ActionStyle::Primary,
        },
    }
}

/// The summary of the newest of `notes` that `touches` the item, in the app's language.
fn note_summary(
    app: &App,
    notes: &[u64],
    touches: impl Fn(&crate::release_note::ReleaseNote) -> bool,
) -> Option<String> {
    app.content
        .release_notes
        .iter()
        .filter(|n| notes.contains(&n.sequence))
        .find(|n| touches(n))
        .map(|n| n.summary.get(app.state.lang).to_string())
}

fn about(app: &App) -> AboutView {
    let lang = app.state.lang;
    let mut sources: Vec<String> = app
        .content
        .guides
        .iter()
        .filter_map(|g| g.guide().ok())
        .map(|g| {
            msg::APP_ABOUT_GUIDE_SOURCE.fill(
                lang,
                &[
                    ("title", g.title.get(lang)),
                    ("reviewer", &g.review.reviewed_by),
                    ("date", &g.review.reviewed_on.format("%d.%m.%Y").to_string()),
                ],
            )
        })
        .collect();
    sources.push(msg::APP_ABOUT_DIRECTORY_SOURCE.get(lang).to_string());
    sources.push(
        msg::APP_ABOUT_PLACES_SOURCE.fill(
            lang,
            &[(
                "count",
                // Reads the whole register (once): only the about screen needs its size.
                &app.content
                    .book
                    .places()
                    .map(|p| p.rows().len())
                    .unwrap_or(0)
                    .to_string(),
            )],
        ),
    );
    if let Some(newest) = newest_content(app) {
        sources.push(msg::APP_CONTENT_AS_OF.fill(lang, &[("date", &date_text(newest))]));
    }
    AboutView {
        demo_warning: app
            .content
            .demo
            .then(|| msg::APP_ABOUT_DEMO.get(lang).to_string()),
        intro: msg::APP_ABOUT_INTRO.get(lang).to_string(),
        sources_heading: msg::APP_ABOUT_SOURCES.get(lang).to_string(),
        sources,
        accessibility_heading: msg::APP_ABOUT_A11Y_HEADING.get(lang).to_string(),
        accessibility: [
            msg::APP_ABOUT_A11Y_1,
            msg::APP_ABOUT_A11Y_2,
            msg::APP_ABOUT_A11Y_3,
        ]
        .iter()
        .map(|m| m.get(lang).to_string())
        .collect(),
        privacy_heading: msg::APP_ABOUT_PRIVACY_HEADING.get(lang).to_string(),
        privacy: [msg::APP_ABOUT_PRIVACY_1, msg::APP_ABOUT_PRIVACY_2]
            .iter()
            .map(|m| m.get(lang).to_string())
            .collect(),
        version_text: msg::APP_ABOUT_VERSION.fill(
            lang,
            &[("version", &crate::guide::CLIENT_VERSION.to_string())],
        ),
    }
}
