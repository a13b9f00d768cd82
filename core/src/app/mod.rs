//! The staff app as one state machine (crux style): [`App::dispatch`] takes an [`Event`]
//! (an [`Action`] and the instant the shell read from its clock), changes the state, and
//! returns the [`AppView`] to show with the [`Effect`]s the shell must perform (dial, open a
//! URL, sync, persist the state). No I/O, no clock: the same App runs in the Android and iOS
//! shells (through `veiviser-ffi`), the CLI walk, and the server's admin preview over draft
//! guides, because everything it reads comes in as an [`AppContent`].
//!
//! - [`event`]: what the shell sends and what it must do;
//! - [`screens`]: the view model of every screen;
//! - [`state`]: what is persisted (ids, language, sector, areas);
//! - [`content`]: what the app reads;
//! - `update`: how each action changes the state;
//! - `render` and `numbers`: how the state becomes an [`AppView`];
//! - [`samples`]: every state listed in `apps/screens.md`, built from given content.

pub mod content;
pub mod event;
mod numbers;
mod render;
mod render_walk;
pub mod samples;
pub mod screens;
pub mod state;
mod update;

pub use content::{AppContent, GuideEntry};
pub use event::{Action, AreaChoice, AreaPurpose, Effect, Event, SyncFailureKind};
pub use screens::*;
pub use state::{AppState, WalkState, WhatsNewState};

use crate::guide::{ResumeOutcome, Session};
use chrono::{DateTime, Utc};

/// The staff app: its content, its persisted state and what it holds for the current run.
#[derive(Debug)]
pub struct App {
    content: AppContent,
    state: AppState,
    run: RunState,
}

/// What the app holds for this run only (never persisted).
#[derive(Debug, Clone, Default)]
struct RunState {
    /// What was typed on the area screen.
    area_query: String,
    /// A chosen postcode or municipality that spans several bydeler, waiting for the bydel.
    pending_area: Option<AreaChoice>,
    /// A malformed postcode or no hits, for the area screen.
    area_message: Option<String>,
    /// What the user is told about a saved walk resumed on a changed guide.
    resume_text: Option<String>,
    /// The last sync's failure.
    sync_error: Option<(SyncFailureKind, DateTime<Utc>)>,
    /// When the last sync finished in this run.
    synced_at: Option<DateTime<Utc>>,
}

impl App {
    /// A fresh app over `content`: home screen, bokmål, nothing chosen.
    pub fn new(content: AppContent) -> App {
        let mut app = App {
            content,
            state: AppState::default(),
            run: RunState::default(),
        };
        app.state.seen_revisions = app.current_revisions();
        app.state.seen_release = app.content.newest_release();
        app
    }

    /// The app as it was when `json` (from [`Effect::PersistState`]) was saved, over
    /// `content` as it is now. The walk in progress is revalidated against its guide (exactly
    /// where it was, replayed on a newer revision, or restarted); unreadable state starts
    /// fresh, so a bad save never keeps the app from opening.
    pub fn restore(json: &str, content: AppContent) -> App {
        match AppState::from_json(json) {
            Some(state) => App::from_state(state, content),
            None => App::new(content),
        }
    }

    /// The app in `state` over `content` (a front end that keeps the state itself, like the
    /// CLI walk); the walk is revalidated as in [`App::restore`].
    pub fn from_state(state: AppState, content: AppContent) -> App {
        let mut app = App {
            content,
            state,
            run: RunState::default(),
        };
        app.revalidate_walk();
        app
    }

    /// Handles one event and returns what to show, with the effects to perform.
    pub fn dispatch(&mut self, event: Event) -> AppView {
        let now: DateTime<Utc> = event.now.into();
        let mut effects = self.update(event.action, now);
        effects.push(Effect::PersistState {
            json: self.state.to_json(),
        });
        let mut view = self.view(now);
        view.effects = effects;
        view
    }

    /// Replaces the content (after a sync, or when the admin preview's drafts change) and
    /// records what changed for the what's-new screen.
    pub fn set_content(&mut self, content: AppContent) {
        let old = std::mem::replace(&mut self.content, content);
        self.record_changes(&old);
        self.revalidate_walk();
    }

    /// The content shown.
    pub fn content(&self) -> &AppContent {
        &self.content
    }

    /// The persisted state.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The persisted state as JSON (what [`Effect::PersistState`] carries).
    pub fn state_json(&self) -> String {
        self.state.to_json()
    }

    /// The view of the current state at `now`, without an event (no effects).
    pub fn view(&self, now: DateTime<Utc>) -> AppView {
        render::view(self, now)
    }

    /// The guide revisions in the content now.
    fn current_revisions(&self) -> std::collections::BTreeMap<String, u32> {
        self.content
            .guides
            .iter()
            .filter_map(|g| g.card.as_ref().ok().map(|c| (g.id.clone(), c.revision)))
            .collect()
    }

    /// Puts the walk in progress on the guide as it is now, or drops it when the guide is gone.
    fn revalidate_walk(&mut self) {
        let Some(walk) = self.state.walk.take() else {
            return;
        };
        let Some(guide) = self.content.guide(walk.session.guide_id()).cloned() else {
            if self.state.screen == ScreenId::GuideStep {
                self.state.screen = ScreenId::Home;
            }
            return;
        };
        match Session::resume_in(&guide, walk.session.clone(), self.state.sector) {
            Ok((session, outcome)) => {
                self.run.resume_text = match &outcome {
                    ResumeOutcome::Exact => None,
                    other => other.user_message(self.state.lang),
                };
                self.state.walk = Some(WalkState { session, ..walk });
            }
            Err(_) => {
                if self.state.screen == ScreenId::GuideStep {
                    self.state.screen = ScreenId::Home;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
