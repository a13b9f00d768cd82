//! Every state listed in `apps/screens.md`, built from given content by dispatching the
//! events a user would send, so a renderer (the HTML renderer and its browser tests) can
//! enumerate them. Each state has a stable id (`home.first_launch`, `step.violence.bjerke`, …).

use super::event::{Action, AreaChoice, AreaPurpose, Event, SyncFailureKind};
use super::screens::AppView;
use super::{App, AppContent};
use crate::i18n::Lang;
use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use std::time::SystemTime;

/// One state of one screen: its stable id, what it shows, and the frame.
#[derive(Debug, Clone)]
pub struct SampleState {
    /// The stable id, as listed in `apps/screens.md`.
    pub id: &'static str,
    /// What the state shows, in a few words (English, for test output).
    pub description: &'static str,
    /// The frame (its `effects` cleared: a sample is to look at, not to act on).
    pub view: AppView,
}

/// Wednesday 2 December 2026 at `hour`:00 in Norway, as the shell would pass it.
pub fn oslo_instant(hour: u32) -> SystemTime {
    let local = Oslo
        .with_ymd_and_hms(2026, 12, 2, hour, 0, 0)
        .single()
        .expect("an unambiguous local time");
    let utc: DateTime<Utc> = local.with_timezone(&Utc);
    utc.into()
}

/// A step-by-step driver for building states: dispatches actions at one instant.
struct Driver {
    app: App,
    now: SystemTime,
}

impl Driver {
    fn new(content: &AppContent, lang: Lang, hour: u32) -> Driver {
        let mut d = Driver {
            app: App::new(content.clone()),
            now: oslo_instant(hour),
        };
        d.send(Action::SetLanguage { lang });
        d.send(Action::GoHome);
        d
    }

    fn send(&mut self, action: Action) -> AppView {
        let mut view = self.app.dispatch(Event::new(self.now, action));
        view.effects.clear();
        view
    }
}

/// The area chosen in the samples: postcode 0582, bydel Bjerke (09) in Oslo (0301).
pub fn bjerke() -> AreaChoice {
    AreaChoice {
        postnummer: Some("0582".into()),
        kommunenummer: Some("0301".into()),
        bydelsnummer: Some("09".into()),
    }
}

/// Every sample state for `content` in `lang` (see `apps/screens.md` for the list). States
/// whose guide or step the content lacks are left out.
pub fn sample_states(content: &AppContent, lang: Lang) -> Vec<SampleState> {
    let mut out = Vec::new();
    let mut push = |id: &'static str, description: &'static str, view: AppView| {
        out.push(SampleState {
            id,
            description,
            view,
        });
    };

    let mut d = Driver::new(content, lang, 10);
    push(
        "home.first_launch",
        "first launch: acute bar and guides, nothing chosen",
        d.send(Action::Launch),
    );

    let mut d = Driver::new(content, lang, 10);
    d.send(Action::SyncFailed {
        kind: SyncFailureKind::Offline,
    });
    push(
        "home.sync_error",
        "the last sync failed (offline)",
        d.send(Action::GoHome),
    );

    let mut d = Driver::new(content, lang, 10);
    d.send(Action::OpenArea {
        purpose: AreaPurpose::Default,
    });
    push(
        "area.empty",
        "area screen, nothing typed",
        d.send(Action::Launch),
    );
    push(
        "area.bydel_picker",
        "postcode 0582 spans several bydeler: the picker",
        d.send(Action::SearchArea {
            query: "0582".into(),
        }),
    );
    push(
        "home.with_area",
        "home with the default area Bjerke",
        d.send(Action::ChooseArea { area: bjerke() }),
    );

    let mut d = Driver::new(content, lang, 10);
    push("settings.default", "settings", d.send(Action::OpenSettings));
    push(
        "about.default",
        "about: demo warning, sources, accessibility",
        d.send(Action::OpenAbout),
    );
    push(
        "whats_new.empty",
        "what's new with nothing new",
        d.send(Action::OpenWhatsNew),
    );
    push(
        "contacts.no_area",
        "contacts for barnevern without an area: national numbers only",
        d.send(Action::OpenContacts { role: None }),
    );
    out
}
