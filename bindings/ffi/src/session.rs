//! A walk through one guide: the core navigator behind a lock, plus the guide it walks.

use crate::error::{FfiResult, VeiviserError};
use std::sync::{Arc, Mutex, MutexGuard};
use veiviser_core::guide::navigator::{StepView, SummaryItem};
use veiviser_core::guide::{Guide, Session};
use veiviser_core::view::ResumeView;
use veiviser_core::{Lang, Sector};

/// One user's walk through one guide. Thread-safe; every move returns the step to show next.
/// Persist [`GuideSession::save`] after every move and resume it with `Veiviser.resume_guide`
/// after the app was killed.
#[derive(Debug, uniffi::Object)]
pub struct GuideSession {
    guide: Arc<Guide>,
    lang: Lang,
    sector: Option<Sector>,
    session: Mutex<Session>,
}

/// A saved session resumed against the guide as it is stored now. Hand-written because it
/// holds an object (the session); what to tell the user is the core's [`ResumeView`].
#[derive(Debug, uniffi::Record)]
pub struct ResumedSession {
    /// The session, on a step that exists.
    pub session: Arc<GuideSession>,
    /// The resume screen: exactly where it was, replayed on a new revision, or restarted,
    /// with the sentence to show in the session's language.
    pub view: ResumeView,
}

impl GuideSession {
    /// A new walk from the guide's first step.
    pub(crate) fn start(
        guide: Arc<Guide>,
        lang: Lang,
        sector: Option<Sector>,
    ) -> FfiResult<Arc<Self>> {
        let session = Session::start(&guide)?;
        Ok(Arc::new(GuideSession {
            guide,
            lang,
            sector,
            session: Mutex::new(session),
        }))
    }

    /// Resumes the saved form of a session (from [`GuideSession::save`]) against `guide`.
    pub(crate) fn resume(
        guide: Arc<Guide>,
        saved: Session,
        lang: Lang,
        sector: Option<Sector>,
    ) -> FfiResult<ResumedSession> {
        let (session, outcome) = Session::resume(&guide, saved)?;
        let view = ResumeView::new(&outcome, lang);
        Ok(ResumedSession {
            session: Arc::new(GuideSession {
                guide,
                lang,
                sector,
                session: Mutex::new(session),
            }),
            view,
        })
    }

    /// Where a melding started at the current step comes from (for `Drafts.create`).
    pub(crate) fn walk_origin(&self) -> veiviser_core::drafts::WalkOrigin {
        let session = self.session.lock().unwrap_or_else(|p| p.into_inner());
        veiviser_core::drafts::WalkOrigin::from_walk(&self.guide, &session, self.sector)
    }

    /// Reads a saved session string; says what is wrong when it cannot be read.
    pub(crate) fn parse_saved(saved: &str) -> FfiResult<Session> {
        serde_json::from_str(saved).map_err(|e| {
            VeiviserError::invalid_input(format!("the saved guide session cannot be read: {e}"))
        })
    }

    fn lock(&self) -> FfiResult<MutexGuard<'_, Session>> {
        self.session
            .lock()
            .map_err(|_| VeiviserError::internal("guide session lock poisoned by an earlier panic"))
    }

    /// Applies `mv` to the session (the core leaves it unchanged on error) and returns the view.
    fn apply(
        &self,
        mv: impl FnOnce(&mut Session, &Guide) -> veiviser_core::Result<()>,
    ) -> FfiResult<StepView> {
        let mut session = self.lock()?;
        mv(&mut session, &self.guide)?;
        Ok(session.view(&self.guide, self.lang, self.sector)?)
    }
}

#[uniffi::export]
impl GuideSession {
    /// The step the user is on.
    pub fn current_step(&self) -> FfiResult<StepView> {
        self.apply(|_, _| Ok(()))
    }

    /// Answers the current question with one of its option ids.
    pub fn answer(&self, option_id: String) -> FfiResult<StepView> {
        self.apply(|s, g| s.answer(g, &option_id))
    }

    /// Continues past the current action step.
    pub fn next_step(&self) -> FfiResult<StepView> {
        self.apply(|s, g| s.next(g))
    }

    /// Undoes the last move.
    pub fn back(&self) -> FfiResult<StepView> {
        self.apply(|s, _| s.back())
    }

    /// Jumps to the guide's acute-danger step from any step; `back` returns.
    pub fn acute_exit(&self) -> FfiResult<StepView> {
        self.apply(|s, g| s.acute_exit(g))
    }

    /// Starts over on the first step.
    pub fn restart(&self) -> FfiResult<StepView> {
        self.apply(|s, g| s.restart(g))
    }

    /// The step ids visited so far, ending with the current step.
    pub fn path(&self) -> FfiResult<Vec<String>> {
        Ok(self.lock()?.path())
    }

    /// Every step of the walk so far with how the user left it, ending with the current step.
    pub fn summary(&self) -> FfiResult<Vec<SummaryItem>> {
        let session = self.lock()?;
        Ok(session.summary(&self.guide, self.lang, self.sector)?)
    }

    /// The session as a string to persist; give it to `Veiviser.resume_guide` to continue.
    /// It holds the guide id, revision and the moves — nothing about the child.
    pub fn save(&self) -> FfiResult<String> {
        let session = self.lock()?;
        serde_json::to_string(&*session).map_err(|e| {
            VeiviserError::internal(format!("cannot serialize the guide session: {e}"))
        })
    }

    /// The id of the guide being walked.
    pub fn guide_id(&self) -> String {
        self.guide.id.clone()
    }

    /// The guide revision being walked.
    pub fn guide_revision(&self) -> u32 {
        self.guide.revision
    }
}
