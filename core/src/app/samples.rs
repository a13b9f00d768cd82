//! Every state listed in `apps/screens.md`, built from given content by dispatching the
//! events a user would send, so a renderer (the HTML renderer and its browser tests) can
//! enumerate them. Each state has a stable id (`home.first_launch`, `step.violence.bjerke`, …).

use super::event::{Action, AreaChoice, AreaPurpose, Event, SyncFailureKind};
use super::screens::AppView;
use super::{App, AppContent, GuideEntry};
use crate::i18n::Lang;
use crate::roles::ContactRole;
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

    /// Makes Bjerke the user's own area, through the area screen.
    fn choose_bjerke_as_default(&mut self) {
        self.send(Action::OpenArea {
            purpose: AreaPurpose::Default,
        });
        self.send(Action::ChooseArea { area: bjerke() });
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

/// The violence guide the walk samples use.
pub const SAMPLE_GUIDE: &str = "mistanke-om-vold-og-overgrep";

/// Every sample state for `content` in `lang`, in the order of `apps/screens.md`. Built by
/// dispatching what a user would send; the walk states need the demo's violence guide
/// ([`SAMPLE_GUIDE`]) and are left out without it.
pub fn sample_states(content: &AppContent, lang: Lang) -> Vec<SampleState> {
    let mut out = Vec::new();
    let mut push = |id: &'static str, description: &'static str, view: AppView| {
        out.push(SampleState {
            id,
            description,
            view,
        });
    };
    let area_default = Action::OpenArea {
        purpose: AreaPurpose::Default,
    };

    // Home.
    let mut d = Driver::new(content, lang, 10);
    push(
        "home.first_launch",
        "first launch, offline, nothing saved: acute bar and guides",
        d.send(Action::Launch),
    );
    d.choose_bjerke_as_default();
    push(
        "home.with_area",
        "the default area is Bjerke (Oslo)",
        d.send(Action::GoHome),
    );
    d.send(Action::SyncFailed {
        kind: SyncFailureKind::Offline,
    });
    push(
        "home.sync_error",
        "the last sync failed: no connection",
        d.send(Action::GoHome),
    );
    let mut stale = Driver::new(content, lang, 10);
    stale.now = far_future();
    push(
        "home.stale",
        "the content is older than its limit",
        stale.send(Action::Launch),
    );
    let mut changed = Driver::new(content, lang, 10);
    changed.choose_bjerke_as_default();
    changed.app.set_content(bumped(content));
    push(
        "home.whats_new",
        "a sync brought changes: the what's-new banner",
        changed.send(Action::SyncFinished),
    );

    // A walk.
    let has_guide = content.guide(SAMPLE_GUIDE).is_some();
    if has_guide {
        let mut w = Driver::new(content, lang, 10);
        push(
            "step.sector_prompt",
            "the first step of a walk, the sector asked inline",
            w.send(Action::OpenGuide {
                guide_id: SAMPLE_GUIDE.into(),
            }),
        );
        w.send(Action::SkipSector);
        push("step.question", "a question step", w.send(Action::Next));
        w.send(Action::Answer {
            option_id: "nei".into(),
        });
        w.send(Action::Next);
        push(
            "step.no_area",
            "the violence step with no area: national numbers, choose area, skip",
            w.send(Action::Answer {
                option_id: "usikker".into(),
            }),
        );
        push(
            "area.walk",
            "the area screen for the child of the walk",
            w.send(Action::OpenArea {
                purpose: AreaPurpose::Walk,
            }),
        );
        w.send(Action::ChooseArea { area: bjerke() });
        push(
            "step.violence_bjerke",
            "the violence step for Bjerke at 10:00 on a weekday",
            w.send(Action::Launch),
        );
        push(
            "home.resume",
            "home with a walk in progress to continue",
            w.send(Action::GoHome),
        );
        w.send(Action::ResumeWalk);
        push(
            "step.acute",
            "the acute step: urgent, call first",
            w.send(Action::AcuteExit),
        );
        w.send(Action::Back);
        w.send(Action::Answer {
            option_id: "ikke-grunnlag".into(),
        });
        push(
            "step.end",
            "an end step with the summary of the walk",
            w.send(Action::Launch),
        );
        // The same walk saved, then resumed on a newer revision of the guide.
        let json = w.app.state_json();
        let mut resumed = Driver {
            app: App::restore(&json, bumped(content)),
            now: w.now,
        };
        push(
            "step.resumed",
            "a saved walk resumed on a newer guide revision",
            resumed.send(Action::Launch),
        );
    }

    // Contacts.
    let mut c = Driver::new(content, lang, 10);
    push(
        "contacts.no_area",
        "barnevern without an area: national numbers only, choose area",
        c.send(Action::OpenContacts { role: None }),
    );
    c.choose_bjerke_as_default();
    push(
        "contacts.office_hours",
        "barnevern in Bjerke at 10:00 Wednesday: the bydel first",
        c.send(Action::Launch),
    );
    let mut night = Driver::new(content, lang, 3);
    night.choose_bjerke_as_default();
    push(
        "contacts.night",
        "barnevern in Bjerke at 03:00: Barnevernvakten first",
        night.send(Action::OpenContacts {
            role: Some(ContactRole::Barnevern),
        }),
    );
    let mut lillestrom = Driver::new(content, lang, 10);
    lillestrom.send(area_default.clone());
    lillestrom.send(Action::SearchArea {
        query: "2000".into(),
    });
    push(
        "contacts.no_local_entry",
        "barnevern for postcode 2000: no verified local entry",
        lillestrom.send(Action::OpenContacts {
            role: Some(ContactRole::Barnevern),
        }),
    );

    // Area.
    let mut a = Driver::new(content, lang, 10);
    push(
        "area.empty",
        "the area screen, nothing typed",
        a.send(area_default.clone()),
    );
    push(
        "area.results",
        "places matching a search",
        a.send(Action::SearchArea {
            query: "Bjerke".into(),
        }),
    );
    push(
        "area.not_a_postcode",
        "a number that is not a postcode",
        a.send(Action::SearchArea {
            query: "123".into(),
        }),
    );
    push(
        "area.no_hits",
        "a search with no hits",
        a.send(Action::SearchArea {
            query: "Xyzzyvik".into(),
        }),
    );
    push(
        "area.bydel_picker",
        "postcode 0582 spans several bydeler: the bydel picker",
        a.send(Action::SearchArea {
            query: "0582".into(),
        }),
    );
    a.send(Action::ChooseArea { area: bjerke() });
    push(
        "area.chosen",
        "the area screen with an area chosen",
        a.send(area_default.clone()),
    );

    // Settings, what's new, about.
    let mut s = Driver::new(content, lang, 10);
    push(
        "settings.default",
        "settings: nothing chosen",
        s.send(Action::OpenSettings),
    );
    s.send(Action::SetSector {
        sector: Some(crate::sector::Sector::Barnehage),
    });
    s.send(area_default);
    s.send(Action::ChooseArea { area: bjerke() });
    s.send(Action::SyncFailed {
        kind: SyncFailureKind::Rejected,
    });
    push(
        "settings.chosen",
        "settings: sector, area and a failed sync",
        s.send(Action::OpenSettings),
    );
    push(
        "whats_new.empty",
        "what's new with nothing new",
        s.send(Action::OpenWhatsNew),
    );
    push(
        "whats_new.changes",
        "what's new after a sync changed a guide and an entry",
        changed.send(Action::OpenWhatsNew),
    );
    push(
        "about.default",
        "about: demo warning, sources, accessibility",
        s.send(Action::OpenAbout),
    );
    out
}

/// A day long after the demo content was published (it is then stale).
fn far_future() -> SystemTime {
    oslo_instant(10) + std::time::Duration::from_secs(365 * 24 * 3600)
}

/// `content` after a sync that raised the sample guide's revision and changed the Bjerke
/// entry, with a release note saying so.
pub fn bumped(content: &AppContent) -> AppContent {
    let mut newer = content.clone();
    let mut revision = 0;
    for g in &mut newer.guides {
        if g.id != SAMPLE_GUIDE {
            continue;
        }
        if let Ok(guide) = g.guide() {
            let mut guide = (**guide).clone();
            guide.revision += 1;
            revision = guide.revision;
            *g = GuideEntry::new(g.id.clone(), Ok(std::sync::Arc::new(guide)));
        }
    }
    let sequence = newer.newest_release().unwrap_or(0) + 1;
    newer.release_notes.insert(
        0,
        crate::release_note::ReleaseNote {
            id: crate::release_note::ReleaseNote::record_id(sequence),
            sequence,
            published_at: DateTime::<Utc>::from(oslo_instant(9)),
            summary: crate::i18n::LocalizedText {
                nb: format!("Versjon {revision}: tydeligere råd om anonym drøfting med Statens barnehus."),
                nn: Some(format!("Versjon {revision}: tydelegare råd om anonym drøfting med Statens barnehus.")),
                en: Some(format!("Revision {revision}: clearer advice on discussing a case anonymously with Statens barnehus.")),
            },
            guides: vec![SAMPLE_GUIDE.to_string()],
            entries: vec!["service:barnevern-oslo-bjerke".to_string()],
            urgent: false,
        },
    );
    newer
}

/// The content of a first launch: a device holding only `snapshot` (a signed export, e.g.
/// the CLI's bundled `apps/cli/assets/demo-snapshot.json`), trusting `trusted_keys` (the
/// trusted-keys TOML form), in memory. What the sample states and the app's tests run on.
pub fn bundled_content(snapshot: &[u8], trusted_keys: &str) -> crate::Result<AppContent> {
    use crate::error::{Error, InputError};
    let trusted = crate::sync::signing::TrustedKeys::from_toml_str(trusted_keys, "trusted keys")
        .map_err(|e| Error::Input(InputError::Invalid(e.to_string())))?;
    let snapshot = crate::sync::bundled::parse_snapshot(snapshot, "bundled snapshot")?;
    let device = crate::device::DeviceContent::in_memory(trusted, Some(snapshot))?;
    AppContent::from_device(&device)
}
