//! How each [`Action`] changes the app's state (the crux `update`).

use super::event::{Action, AreaChoice, AreaPurpose, Effect};
use super::screens::ScreenId;
use super::state::WalkState;
use super::{App, AppContent};
use crate::directory::Location;
use crate::guide::{Guide, Session};
use crate::i18n::catalog as msg;
use crate::roles::ContactRole;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;

impl App {
    /// Applies `action` at `now`; returns the effects it asks for (the persist comes after).
    pub(super) fn update(&mut self, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
        let mut effects = Vec::new();
        let on_area = self.state.screen == ScreenId::Area;
        match action {
            Action::Launch => {}
            Action::GoHome => self.state.screen = ScreenId::Home,
            Action::OpenGuide { guide_id } => self.start_walk(&guide_id, None),
            Action::FollowLink { guide_id } => {
                let area = self.state.walk.as_ref().and_then(|w| w.area.clone());
                self.start_walk(&guide_id, area);
            }
            Action::ResumeWalk => {
                if self.state.walk.is_some() {
                    self.state.screen = ScreenId::GuideStep;
                }
            }
            Action::Answer { option_id } => self.walk_move(|s, g| s.answer(g, &option_id)),
            Action::Next => self.walk_move(|s, g| s.next(g)),
            Action::Back => self.walk_move(|s, _| s.back()),
            Action::AcuteExit => self.walk_move(|s, g| s.acute_exit(g)),
            Action::RestartWalk => self.walk_move(|s, g| s.restart(g)),
            Action::EndWalk => {
                // The walk's state and the area chosen for the child go together.
                self.state.walk = None;
                self.run.resume_text = None;
                self.state.screen = ScreenId::Home;
            }
            Action::OpenContacts { role } => {
                if role.is_some() {
                    self.state.contacts_role = role;
                }
                self.state.screen = ScreenId::Contacts;
            }
            Action::OpenArea { purpose } => self.open_area(purpose),
            // The area screen's own actions (a stale one from elsewhere changes nothing).
            Action::SearchArea { query } if on_area => self.search_area(query),
            Action::ChooseArea { area } if on_area => self.choose_area(area),
            Action::SearchArea { .. } | Action::ChooseArea { .. } => {}
            Action::SkipArea => {
                if self.area_purpose() == AreaPurpose::Walk {
                    if let Some(walk) = &mut self.state.walk {
                        walk.area_skipped = true;
                    }
                }
                if on_area {
                    self.close_area();
                }
            }
            Action::ClearArea { purpose } => {
                match purpose {
                    AreaPurpose::Walk => {
                        if let Some(walk) = &mut self.state.walk {
                            walk.area = None;
                        }
                    }
                    AreaPurpose::Default => self.state.default_area = None,
                }
                self.run.pending_area = None;
            }
            Action::OpenSettings => self.state.screen = ScreenId::Settings,
            Action::SetLanguage { lang } => {
                self.state.lang = lang;
                self.run.resume_text = None;
            }
            Action::SetSector { sector } => {
                self.state.sector = sector;
                self.state.sector_skipped = sector.is_none();
                self.resettle_walk();
            }
            Action::SkipSector => self.state.sector_skipped = true,
            Action::SyncNow => {
                self.run.sync_error = None;
                effects.push(Effect::Sync);
            }
            Action::SyncFinished => {
                self.run.sync_error = None;
                self.run.synced_at = Some(now);
            }
            Action::SyncFailed { kind } => self.run.sync_error = Some((kind, now)),
            Action::OpenWhatsNew => self.state.screen = ScreenId::WhatsNew,
            Action::DismissWhatsNew => {
                self.state.whats_new = None;
                self.state.seen_revisions = self.current_revisions();
                self.state.seen_release = self.content.newest_release();
                if self.state.screen == ScreenId::WhatsNew {
                    self.state.screen = ScreenId::Home;
                }
            }
            Action::OpenAbout => self.state.screen = ScreenId::About,
            Action::Call { tel_uri } => {
                if is_tel_uri(&tel_uri) {
                    effects.push(Effect::Dial { tel_uri });
                }
            }
            Action::OpenUrl { url } => effects.push(Effect::OpenUrl { url }),
        }
        if self.state.screen != ScreenId::Area && (on_area || self.state.area_purpose.is_some()) {
            // Left the area screen some other way: forget what it was open for.
            self.state.area_purpose = None;
            self.state.area_return = None;
            self.run.area_query.clear();
            self.run.pending_area = None;
            self.run.area_message = None;
        }
        effects
    }

    /// Starts a walk through `guide_id` (replacing the one in progress and its area).
    fn start_walk(&mut self, guide_id: &str, area: Option<AreaChoice>) {
        let Some(guide) = self.content.guide(guide_id).cloned() else {
            return;
        };
        if let Ok(session) = Session::start_in(&guide, self.state.sector) {
            self.state.walk = Some(WalkState {
                session,
                area_skipped: false,
                area,
            });
            self.run.resume_text = None;
            self.state.screen = ScreenId::GuideStep;
        }
    }

    /// The guide of the walk in progress.
    pub(super) fn walk_guide(&self) -> Option<&Arc<Guide>> {
        let walk = self.state.walk.as_ref()?;
        self.content.guide(walk.session.guide_id())
    }

    /// Applies a move to the walk; an invalid move (a stale button) changes nothing.
    fn walk_move(&mut self, mv: impl FnOnce(&mut Session, &Guide) -> crate::Result<()>) {
        let Some(guide) = self.walk_guide().cloned() else {
            return;
        };
        let Some(walk) = &mut self.state.walk else {
            return;
        };
        let mut session = walk.session.clone();
        if mv(&mut session, &guide).is_ok() {
            walk.session = session;
            self.run.resume_text = None;
        }
        self.state.screen = ScreenId::GuideStep;
    }

    /// Re-answers the walk's sector branches after the sector changed.
    fn resettle_walk(&mut self) {
        let Some(guide) = self.walk_guide().cloned() else {
            return;
        };
        let sector = self.state.sector;
        if let Some(walk) = &mut self.state.walk {
            if let Ok((session, _)) = Session::resume_in(&guide, walk.session.clone(), sector) {
                walk.session = session;
            }
        }
    }

    /// What the area screen is open for (the walk's area when a walk is in progress).
    pub(super) fn area_purpose(&self) -> AreaPurpose {
        match self.state.area_purpose {
            Some(AreaPurpose::Walk) if self.state.walk.is_some() => AreaPurpose::Walk,
            Some(p @ AreaPurpose::Default) => p,
            _ if self.state.walk.is_some() && self.state.screen == ScreenId::GuideStep => {
                AreaPurpose::Walk
            }
            _ => AreaPurpose::Default,
        }
    }

    fn open_area(&mut self, purpose: AreaPurpose) {
        let purpose = if purpose == AreaPurpose::Walk && self.state.walk.is_none() {
            AreaPurpose::Default
        } else {
            purpose
        };
        if self.state.screen != ScreenId::Area {
            self.state.area_return = Some(self.state.screen);
        }
        self.state.area_purpose = Some(purpose);
        self.state.screen = ScreenId::Area;
        self.run.area_query.clear();
        self.run.pending_area = None;
        self.run.area_message = None;
    }

    fn close_area(&mut self) {
        self.state.screen = self.state.area_return.take().unwrap_or(ScreenId::Home);
        if self.state.screen == ScreenId::Area {
            self.state.screen = ScreenId::Home;
        }
        self.state.area_purpose = None;
        self.run.area_query.clear();
        self.run.pending_area = None;
        self.run.area_message = None;
    }

    /// Searches places; a 4-digit query is a postcode and is chosen at once.
    fn search_area(&mut self, query: String) {
        let trimmed = query.trim().to_string();
        self.run.area_query = trimmed.clone();
        self.run.pending_area = None;
        self.run.area_message = None;
        if trimmed.len() == 4 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            self.choose_area(AreaChoice {
                postnummer: Some(trimmed),
                kommunenummer: None,
                bydelsnummer: None,
            });
        } else if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            let lang = self.state.lang;
            self.run.area_message =
                Some(msg::APP_AREA_NOT_A_POSTCODE.fill(lang, &[("query", &trimmed)]));
        }
    }

    /// Takes `area` for the current purpose, or asks for the bydel when it is not settled.
    fn choose_area(&mut self, area: AreaChoice) {
        let location = location_of(&area);
        let book = self.content.book.clone();
        let Ok(resolution) = book.resolve(&location) else {
            let lang = self.state.lang;
            let query = area.postnummer.clone().unwrap_or_default();
            self.run.area_message =
                Some(msg::APP_AREA_NOT_A_POSTCODE.fill(lang, &[("query", &query)]));
            return;
        };
        let mut area = area;
        if area.kommunenummer.is_none() {
            area.kommunenummer = resolution.kommune.as_ref().map(|k| k.kommunenummer.clone());
        }
        if area.bydelsnummer.is_none() {
            if let Some(b) = &resolution.bydel {
                area.bydelsnummer = b.bydelsnummer.clone();
            }
        }
        if area.kommunenummer.is_none() {
            // An unknown postcode: say so and let the user try again.
            let lang = self.state.lang;
            self.run.area_message = resolution
                .notices
                .first()
                .map(|n| n.text.get(lang).to_string());
            return;
        }
        if area.bydelsnummer.is_none() && resolution.bydel_candidates.len() > 1 {
            self.run.pending_area = Some(area);
            return;
        }
        match self.area_purpose() {
            AreaPurpose::Walk => {
                if let Some(walk) = &mut self.state.walk {
                    walk.area = Some(area);
                    walk.area_skipped = false;
                }
            }
            AreaPurpose::Default => self.state.default_area = Some(area),
        }
        self.close_area();
    }

    /// The run's pending area (waiting for its bydel) and the area screen's texts.
    pub(super) fn area_run(&self) -> (&str, Option<&AreaChoice>, Option<&str>) {
        (
            &self.run.area_query,
            self.run.pending_area.as_ref(),
            self.run.area_message.as_deref(),
        )
    }

    /// Records what changed between `old` and the content now, for the what's-new screen.
    pub(super) fn record_changes(&mut self, old: &AppContent) {
        let mut changes = self.state.whats_new.take().unwrap_or_default();
        for g in &self.content.guides {
            let Ok(guide) = &g.card else { continue };
            let before = self
                .state
                .seen_revisions
                .get(&g.id)
                .copied()
                .or_else(|| old.card(&g.id).map(|o| o.revision));
            if before.is_none_or(|b| guide.revision > b) {
                changes.guides.retain(|(id, _, _)| id != &g.id);
                changes.guides.push((g.id.clone(), before, guide.revision));
            }
        }
        let seen = self.state.seen_release.or_else(|| old.newest_release());
        let area_services: Vec<String> = self
            .state
            .area_for_numbers()
            .map(|a| {
                services_for(&self.content.book, a)
                    .into_iter()
                    .map(|(id, _)| id)
                    .collect()
            })
            .unwrap_or_default();
        for note in &self.content.release_notes {
            if seen.is_some_and(|s| note.sequence <= s) || changes.notes.contains(&note.sequence) {
                continue;
            }
            changes.notes.push(note.sequence);
            for id in &note.guides {
                if !changes.guides.iter().any(|(g, _, _)| g == id) {
                    if let Some(guide) = self.content.card(id) {
                        let before = self.state.seen_revisions.get(id).copied();
                        changes.guides.push((id.clone(), before, guide.revision));
                    }
                }
            }
            for entry in &note.entries {
                let Some(id) = entry.strip_prefix("service:") else {
                    continue;
                };
                if area_services.iter().any(|s| s == id) && !changes.entries.iter().any(|e| e == id)
                {
                    changes.entries.push(id.to_string());
                }
            }
        }
        changes.notes.sort_by_key(|s| std::cmp::Reverse(*s));
        if let Some(area) = self.state.area_for_numbers().cloned() {
            let before = services_for(&old.book, &area);
            let after = services_for(&self.content.book, &area);
            for (id, service) in &after {
                let same = before.iter().any(|(i, s)| i == id && s == service);
                if !same && !changes.entries.contains(id) {
                    changes.entries.push(id.clone());
                }
            }
            for (id, service) in &before {
                if !after.iter().any(|(i, _)| i == id) {
                    let name = service.name.get(self.state.lang).to_string();
                    changes.removed_entries.push((id.clone(), name));
                }
            }
        }
        let empty = changes.guides.is_empty()
            && changes.entries.is_empty()
            && changes.removed_entries.is_empty();
        self.state.whats_new = (!empty).then_some(changes);
    }
}

/// Whether `uri` is a `tel:` URI of digits (and a leading `+`) only.
fn is_tel_uri(uri: &str) -> bool {
    uri.strip_prefix("tel:").is_some_and(|n| {
        let n = n.strip_prefix('+').unwrap_or(n);
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// Where an area choice points, for the directory.
pub(super) fn location_of(area: &AreaChoice) -> Location {
    match (&area.kommunenummer, &area.bydelsnummer, &area.postnummer) {
        (Some(k), Some(b), _) => Location::Kommune {
            kommunenummer: k.clone(),
            bydel: Some(b.clone()),
        },
        (_, _, Some(p)) => Location::Postnummer {
            postnummer: p.clone(),
        },
        (Some(k), None, None) => Location::Kommune {
            kommunenummer: k.clone(),
            bydel: None,
        },
        (None, _, None) => Location::Anywhere,
    }
}

/// The services covering `area` (its bydel, its municipality), by id.
fn services_for(
    book: &crate::directory::ContactBook,
    area: &AreaChoice,
) -> Vec<(String, crate::directory::Service)> {
    let mut ids: Vec<String> = Vec::new();
    if let Some(k) = &area.kommunenummer {
        ids.push(k.clone());
        if let Some(b) = &area.bydelsnummer {
            ids.push(format!("{k}-{b}"));
        }
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for id in &ids {
        for s in book.directory().services_covering(id) {
            if seen.insert(s.id.clone()) {
                out.push((s.id.clone(), s.clone()));
            }
        }
    }
    out
}

/// The roles whose services are local: a step naming one asks for the area.
pub(super) fn needs_area(roles: &[ContactRole]) -> bool {
    roles.iter().any(|r| {
        matches!(
            r,
            ContactRole::Barnevern
                | ContactRole::Barnevernvakt
                | ContactRole::Barnehus
                | ContactRole::Krisesenter
                | ContactRole::Helsestasjon
        )
    })
}
