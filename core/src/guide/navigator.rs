//! The navigator: a pure state machine that walks one guide, step by step. No I/O.
//!
//! A [`Session`] is a small, serializable value (guide id, revision, current step, history).
//! Every operation takes the [`Guide`] it walks by reference, so neither side borrows the
//! other and both can cross an FFI boundary as owned values.
//!
//! How a session moves:
//! - on a **question** step: [`Session::answer`] with one of the step's option ids;
//! - on an **action** step: [`Session::next`] (or `answer` with the implicit option id
//!   [`NEXT`], so a script can treat "continue" like any other answer);
//! - on an **end** step there is nowhere to go but [`Session::back`], [`Session::restart`]
//!   or the acute exit;
//! - from **every** step: [`Session::acute_exit`] jumps to the guide's `acute_step`, recorded
//!   in the history so that `back` returns to where the user was.
//!
//! **Sector branches.** A session started with the user's sector ([`Session::start_in`]) answers
//! every `branch_on = "sector"` question itself: the sector's option (else `other`) is taken
//! as soon as the walk reaches the step, recorded as [`Move::Sector`], so the step is in the
//! path and the summary says the choice was made from the sector ([`Taken::Sector`]). `back`
//! steps over such moves to the user's own last move. Without a sector the question is asked
//! like any other. The sector is saved with the session and kept on resume.
//!
//! [`Session::choose`] applies one scripted choice (an option id, `next` or [`ACUTE`]) and is
//! what the CLI's `--answer` uses. `back` after any move restores the exact previous state.
//! [`Session::resume`] revalidates a saved session against the guide as it is now and never
//! lands on a step that no longer exists.
//!
//! Step lookups go through a small id → position cache that a session builds once for its
//! guide (not serialized, ignored by `==`, every hit checked against the guide), so a
//! transition does not scan the steps; see `core/benches/guide.rs` for the figures.

use crate::error::{Error, NavigationError, Result};
use crate::guide::model::{Guide, Step, StepKind};
use crate::i18n::catalog as msg;
use crate::i18n::Lang;
use crate::roles::ContactRole;
use crate::sector::Sector;
use serde::{Deserialize, Serialize};
use step_index::StepIndex;

mod step_view;
pub use step_view::{LegalView, LinkView, OptionView, StepView, StepViewKind};

mod step_index;

/// The implicit option id that continues past an action step.
pub const NEXT: &str = "next";

/// The reserved choice id that takes the acute exit (used by [`Session::choose`] and the CLI).
pub const ACUTE: &str = "acute";

/// Where a user is in one guide, and how they got there. Serializable so an app can resume.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Session {
    guide_id: String,
    revision: u32,
    current: String,
    #[serde(default)]
    history: Vec<Move>,
    /// The user's sector, chosen once: answers sector branches (none: they are asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sector: Option<Sector>,
    /// Step positions by id (a cache: not serialized, ignored by `==`).
    #[serde(skip)]
    index: StepIndex,
}

/// One recorded move: the step it was made on and how the user left it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "via", rename_all = "snake_case")]
pub enum Move {
    /// Chose an option on a question step.
    Answer {
        /// The question step.
        from: String,
        /// The chosen option's id.
        option: String,
    },
    /// Continued past an action step.
    Next {
        /// The action step.
        from: String,
    },
    /// Took the acute exit.
    Acute {
        /// The step the user was on when they took it.
        from: String,
    },
    /// A sector branch answered from the session's sector, without asking.
    Sector {
        /// The branching question step.
        from: String,
        /// The option taken for the sector (its id, or `other`).
        option: String,
    },
}

impl Move {
    /// The step this move was made on.
    pub fn from(&self) -> &str {
        match self {
            Move::Answer { from, .. }
            | Move::Next { from }
            | Move::Acute { from }
            | Move::Sector { from, .. } => from,
        }
    }

    /// Whether the user made this move (not the sector).
    pub fn is_users(&self) -> bool {
        !matches!(self, Move::Sector { .. })
    }
}

/// What happened when a saved session was resumed against the guide as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ResumeOutcome {
    /// Same revision: the user is exactly where they were.
    Exact,
    /// The guide changed, the recorded answers still lead through it: replayed on the new revision.
    Replayed {
        /// The revision the session was saved on.
        from_revision: u32,
        /// The revision it now walks.
        to_revision: u32,
    },
    /// The recorded path no longer exists: the session starts over from the first step.
    Restarted {
        /// The revision the session was saved on.
        from_revision: u32,
        /// The revision it now walks.
        to_revision: u32,
        /// Which step or answer is gone (English, for logs and developers; no personal data).
        reason: String,
    },
}

impl ResumeOutcome {
    /// A sentence to show the user, in `lang`; `None` when nothing changed.
    pub fn user_message(&self, lang: Lang) -> Option<String> {
        let (message, revision) = match self {
            ResumeOutcome::Exact => return None,
            ResumeOutcome::Replayed { to_revision, .. } => (msg::RESUME_REPLAYED, to_revision),
            ResumeOutcome::Restarted { to_revision, .. } => (msg::RESUME_RESTARTED, to_revision),
        };
        Some(message.fill(lang, &[("revision", &revision.to_string())]))
    }
}

/// How the user left a step in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "via", rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Taken {
    /// Chose an option.
    Answer {
        /// The option id.
        option: String,
        /// Its label in the chosen language.
        label: String,
    },
    /// Continued past an action step.
    Next,
    /// Took the acute exit.
    Acute,
    /// The option was chosen from the user's sector, without asking.
    Sector {
        /// The option id.
        option: String,
        /// Its label in the chosen language.
        label: String,
        /// "Valgt ut fra sektoren din", in the chosen language.
        note: String,
    },
}

/// One step of the walk so far, for the end screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SummaryItem {
    /// The step id.
    pub step_id: String,
    /// Question, action or end.
    pub kind: StepViewKind,
    /// Whether the step was urgent.
    pub urgent: bool,
    /// The step's title, or its text when it has none.
    pub heading: String,
    /// How the user left it; `None` for the step they are on now.
    pub taken: Option<Taken>,
    /// Contacts the step named.
    pub contacts: Vec<ContactRole>,
    /// Citations of the legal references the step showed for the sector.
    pub legal: Vec<String>,
}

impl Session {
    /// A new session on the guide's first step; sector branches are asked.
    pub fn start(guide: &Guide) -> Result<Session> {
        Session::start_in(guide, None)
    }

    /// A new session for a user in `sector`: sector branches are answered from it (with
    /// `None`, asked). If the first step is a sector branch, the session starts past it.
    pub fn start_in(guide: &Guide, sector: Option<Sector>) -> Result<Session> {
        let mut index = StepIndex::default();
        index.ensure(guide);
        lookup(&index, guide, &guide.start, "start step")?;
        let mut session = Session {
            guide_id: guide.id.clone(),
            revision: guide.revision,
            current: guide.start.clone(),
            history: Vec::new(),
            sector,
            index,
        };
        session.settle(guide)?;
        Ok(session)
    }

    /// The sector this session answers sector branches with, if any.
    pub fn sector(&self) -> Option<Sector> {
        self.sector
    }

    /// The id of the guide this session walks.
    pub fn guide_id(&self) -> &str {
        &self.guide_id
    }

    /// The guide revision this session walks.
    pub fn revision(&self) -> u32 {
        self.revision
    }

    /// The id of the step the user is on.
    pub fn current_step_id(&self) -> &str {
        &self.current
    }

    /// The moves so far, oldest first.
    pub fn history(&self) -> &[Move] {
        &self.history
    }

    /// Whether `back` is possible (there is a move of the user's own to undo).
    pub fn can_go_back(&self) -> bool {
        self.history.iter().any(Move::is_users)
    }

    /// The step ids visited so far, first step first, ending with the current step.
    pub fn path(&self) -> Vec<String> {
        self.history
            .iter()
            .map(|m| m.from().to_owned())
            .chain(std::iter::once(self.current.clone()))
            .collect()
    }

    /// Answers the current question with `option_id` (on an action step only [`NEXT`] is valid).
    pub fn answer(&mut self, guide: &Guide, option_id: &str) -> Result<()> {
        self.prepare(guide)?;
        let step = self.current_step(guide)?;
        let (next, mv) = match &step.kind {
            StepKind::Question { options } => match options.iter().find(|o| o.id == option_id) {
                Some(o) => (
                    o.next.as_str(),
                    Move::Answer {
                        from: step.id.clone(),
                        option: o.id.clone(),
                    },
                ),
                None => {
                    return Err(Error::Navigation(NavigationError::InvalidAnswer {
                        step: step.id.clone(),
                        option: option_id.to_owned(),
                        valid: options.iter().map(|o| o.id.clone()).collect(),
                    }))
                }
            },
            StepKind::Action { next } if option_id == NEXT => (
                next.as_str(),
                Move::Next {
                    from: step.id.clone(),
                },
            ),
            StepKind::Action { .. } => {
                return Err(Error::Navigation(NavigationError::InvalidAnswer {
                    step: step.id.clone(),
                    option: option_id.to_owned(),
                    valid: vec![NEXT.to_owned()],
                }))
            }
            StepKind::End => return Err(at_end(step)),
        };
        self.go(guide, next, mv)
    }

    /// Continues past the current action step.
    pub fn next(&mut self, guide: &Guide) -> Result<()> {
        self.prepare(guide)?;
        let step = self.current_step(guide)?;
        match &step.kind {
            StepKind::Action { next } => {
                let mv = Move::Next {
                    from: step.id.clone(),
                };
                self.go(guide, next, mv)
            }
            StepKind::Question { options } => {
                Err(Error::Navigation(NavigationError::InvalidState(format!(
                    "step `{}` is a question: answer with one of {}",
                    step.id,
                    options
                        .iter()
                        .map(|o| o.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))))
            }
            StepKind::End => Err(at_end(step)),
        }
    }

    /// Jumps to the guide's acute step from any step; `back` returns. On the acute step itself: no change.
    pub fn acute_exit(&mut self, guide: &Guide) -> Result<()> {
        self.prepare(guide)?;
        self.current_step(guide)?;
        if self.current == guide.acute_step {
            return Ok(());
        }
        let mv = Move::Acute {
            from: self.current.clone(),
        };
        self.go(guide, &guide.acute_step, mv)
    }

    /// Applies one scripted choice: an option id, [`NEXT`] on an action step, or [`ACUTE`] for
    /// the acute exit. A real option id wins over the reserved words. Errors list every valid id.
    pub fn choose(&mut self, guide: &Guide, choice: &str) -> Result<()> {
        self.prepare(guide)?;
        let step = self.current_step(guide)?;
        let is_option = match &step.kind {
            StepKind::Question { options } => options.iter().any(|o| o.id == choice),
            StepKind::Action { .. } => choice == NEXT,
            StepKind::End => false,
        };
        if is_option {
            self.answer(guide, choice)
        } else if choice == ACUTE {
            self.acute_exit(guide)
        } else {
            Err(Error::Navigation(NavigationError::InvalidAnswer {
                step: step.id.clone(),
                option: choice.to_owned(),
                valid: valid_choices(step),
            }))
        }
    }

    /// Undoes the user's last move (and the sector branches answered after it), restoring
    /// the exact previous state.
    pub fn back(&mut self) -> Result<()> {
        match self.history.iter().rposition(Move::is_users) {
            Some(i) => {
                self.current = self.history[i].from().to_owned();
                self.history.truncate(i);
                Ok(())
            }
            None => Err(Error::Navigation(NavigationError::InvalidState(format!(
                "already at the first step `{}`: nothing to go back to",
                self.current
            )))),
        }
    }

    /// Starts over on the first step and forgets the history.
    pub fn restart(&mut self, guide: &Guide) -> Result<()> {
        self.prepare(guide)?;
        lookup(&self.index, guide, &guide.start, "start step")?;
        self.history.clear();
        self.current = guide.start.clone();
        self.settle(guide)
    }

    /// The current step, ready to render in `lang` for a user in `sector` (`None`: show every rule).
    pub fn view(&self, guide: &Guide, lang: Lang, sector: Option<Sector>) -> Result<StepView> {
        let step = self.current_step(guide)?;
        let options = match &step.kind {
            StepKind::Question { options } => options
                .iter()
                .map(|o| OptionView {
                    id: o.id.clone(),
                    label: o.label.get(lang).to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let legal = guide
            .legal_for_step(step, sector)
            .into_iter()
            .map(|l| LegalView {
                id: l.id.clone(),
                law: l.law.clone(),
                section: l.section.clone(),
                citation: l.citation(),
                title: l.title.get(lang).to_owned(),
                url: l.url.clone(),
            })
            .collect();
        Ok(StepView {
            id: step.id.clone(),
            kind: StepViewKind::from(&step.kind),
            urgent: step.urgent,
            is_acute_step: step.id == guide.acute_step,
            title: step.title.as_ref().map(|t| t.get(lang).to_owned()),
            text: step.text.get(lang).to_owned(),
            options,
            checklist: step
                .checklist
                .iter()
                .map(|c| c.get(lang).to_owned())
                .collect(),
            contacts: contacts_in_order(step),
            legal,
            can_go_back: self.can_go_back(),
            links: step
                .links
                .iter()
                .map(|l| LinkView {
                    guide: l.guide.clone(),
                    label: l.label.get(lang).to_owned(),
                    available: None,
                })
                .collect(),
        })
    }

    /// Every step of the walk so far with how the user left it, ending with the current step.
    pub fn summary(
        &self,
        guide: &Guide,
        lang: Lang,
        sector: Option<Sector>,
    ) -> Result<Vec<SummaryItem>> {
        self.check_guide(guide)?;
        let item = |id: &str, taken: Option<Taken>| -> Result<SummaryItem> {
            let step = lookup(&self.index, guide, id, "step")?;
            Ok(SummaryItem {
                step_id: step.id.clone(),
                kind: StepViewKind::from(&step.kind),
                urgent: step.urgent,
                heading: step
                    .title
                    .as_ref()
                    .map(|t| t.get(lang))
                    .unwrap_or_else(|| step.text.get(lang))
                    .to_owned(),
                taken,
                contacts: contacts_in_order(step),
                legal: guide
                    .legal_for_step(step, sector)
                    .into_iter()
                    .map(|l| l.citation())
                    .collect(),
            })
        };
        let mut items = Vec::with_capacity(self.history.len() + 1);
        for mv in &self.history {
            let taken = match mv {
                Move::Answer { from, option } => Taken::Answer {
                    option: option.clone(),
                    label: option_label(&self.index, guide, from, option, lang),
                },
                Move::Next { .. } => Taken::Next,
                Move::Acute { .. } => Taken::Acute,
                Move::Sector { from, option } => Taken::Sector {
                    option: option.clone(),
                    label: option_label(&self.index, guide, from, option, lang),
                    note: msg::CHOSEN_FROM_SECTOR.get(lang).to_owned(),
                },
            };
            items.push(item(mv.from(), Some(taken))?);
        }
        items.push(item(&self.current, None)?);
        Ok(items)
    }

    /// Revalidates a saved session against `guide` as it is now.
    ///
    /// Same revision and a consistent history: [`ResumeOutcome::Exact`]. Otherwise the recorded
    /// moves are replayed from the first step; if every move still applies (same step, same
    /// option), the session lands where they now lead ([`ResumeOutcome::Replayed`]), else it
    /// starts over ([`ResumeOutcome::Restarted`] with the reason). The result is always on a step
    /// that exists. A session of another guide is an error.
    pub fn resume(guide: &Guide, saved: Session) -> Result<(Session, ResumeOutcome)> {
        let sector = saved.sector;
        Session::resume_in(guide, saved, sector)
    }

    /// [`Session::resume`] for a user now in `sector`: the sector branches are answered
    /// from it while the saved answers are replayed (a different sector than the saved one
    /// is a replay, never [`ResumeOutcome::Exact`]).
    pub fn resume_in(
        guide: &Guide,
        saved: Session,
        sector: Option<Sector>,
    ) -> Result<(Session, ResumeOutcome)> {
        if saved.guide_id != guide.id {
            return Err(Error::Navigation(NavigationError::InvalidState(format!(
                "the saved session is for guide `{}`, not `{}`",
                saved.guide_id, guide.id
            ))));
        }
        let from_revision = saved.revision;
        let to_revision = guide.revision;
        let mut replay = Session::start_in(guide, sector)?;
        let mut failure = None;
        for (i, mv) in saved.history.iter().enumerate() {
            if !mv.is_users() {
                // Answered again from the sector by the replay itself.
                continue;
            }
            if let (Move::Answer { from, option }, Some(Move::Sector { from: f, option: o })) =
                (mv, replay.history.last())
            {
                if replay.current != *from && f == from && o == option {
                    // Answered by hand when saved; the sector now gives the same answer.
                    continue;
                }
            }
            if replay.current != mv.from() {
                failure = Some(format!(
                    "move {} was made on step `{}`, but the recorded answers now lead to `{}`",
                    i + 1,
                    mv.from(),
                    replay.current
                ));
                break;
            }
            let applied = match mv {
                Move::Answer { option, .. } => replay.answer(guide, option),
                Move::Next { .. } => replay.next(guide),
                Move::Acute { .. } => replay.acute_exit(guide),
                Move::Sector { .. } => Ok(()),
            };
            if let Err(e) = applied {
                failure = Some(format!("move {} no longer applies: {e}", i + 1));
                break;
            }
        }
        if failure.is_none() && !saved.can_go_back() && saved.current != replay.current {
            failure = Some(format!(
                "the saved session is on step `{}` with no history, but the guide starts at `{}`",
                saved.current, guide.start
            ));
        }
        if let Some(reason) = failure {
            let fresh = Session::start_in(guide, sector)?;
            return Ok((
                fresh,
                ResumeOutcome::Restarted {
                    from_revision,
                    to_revision,
                    reason,
                },
            ));
        }
        if from_revision == to_revision && replay == saved {
            // Equal to the saved session, and it carries the step index already.
            Ok((replay, ResumeOutcome::Exact))
        } else {
            Ok((
                replay,
                ResumeOutcome::Replayed {
                    from_revision,
                    to_revision,
                },
            ))
        }
    }

    /// Moves to `next` (which must exist), recording `mv`, then past any sector branches.
    fn go(&mut self, guide: &Guide, next: &str, mv: Move) -> Result<()> {
        lookup(&self.index, guide, next, "next step")?;
        self.history.push(mv);
        self.current = next.to_owned();
        self.settle(guide)
    }

    /// Answers sector branches from the session's sector while the walk stands on one
    /// (bounded by the number of steps, so a malformed guide cannot loop forever).
    fn settle(&mut self, guide: &Guide) -> Result<()> {
        let Some(sector) = self.sector else {
            return Ok(());
        };
        for _ in 0..guide.steps.len() {
            let step = lookup(&self.index, guide, &self.current, "current step")?;
            let Some(option) = step.branch_option(sector) else {
                return Ok(());
            };
            lookup(&self.index, guide, &option.next, "next step")?;
            self.history.push(Move::Sector {
                from: step.id.clone(),
                option: option.id.clone(),
            });
            self.current = option.next.clone();
        }
        Ok(())
    }

    /// Checks that `guide` is the one this session walks, and indexes its steps once.
    fn prepare(&mut self, guide: &Guide) -> Result<()> {
        self.check_guide(guide)?;
        self.index.ensure(guide);
        Ok(())
    }

    /// The current step; errors if the guide is not the one this session walks.
    fn current_step<'g>(&self, guide: &'g Guide) -> Result<&'g Step> {
        self.check_guide(guide)?;
        lookup(&self.index, guide, &self.current, "current step")
    }

    fn check_guide(&self, guide: &Guide) -> Result<()> {
        if self.guide_id != guide.id || self.revision != guide.revision {
            return Err(Error::Navigation(NavigationError::InvalidState(format!(
                "this session walks guide `{}` revision {}, not `{}` revision {}: resume it first",
                self.guide_id, self.revision, guide.id, guide.revision
            ))));
        }
        Ok(())
    }
}

/// The label of `option` on step `from` in `lang` (the id when the step or option is gone).
fn option_label(index: &StepIndex, guide: &Guide, from: &str, option: &str, lang: Lang) -> String {
    lookup(index, guide, from, "step")
        .ok()
        .and_then(|s| match &s.kind {
            StepKind::Question { options } => options.iter().find(|o| o.id == option),
            _ => None,
        })
        .map(|o| o.label.get(lang).to_owned())
        .unwrap_or_else(|| option.to_owned())
}

/// Every id [`Session::choose`] accepts on `step`.
pub fn valid_choices(step: &Step) -> Vec<String> {
    let mut valid: Vec<String> = match &step.kind {
        StepKind::Question { options } => options.iter().map(|o| o.id.clone()).collect(),
        StepKind::Action { .. } => vec![NEXT.to_owned()],
        StepKind::End => Vec::new(),
    };
    if !valid.iter().any(|v| v == ACUTE) {
        valid.push(ACUTE.to_owned());
    }
    valid
}

fn lookup<'g>(index: &StepIndex, guide: &'g Guide, id: &str, what: &str) -> Result<&'g Step> {
    index.find(guide, id).ok_or_else(|| {
        Error::Navigation(NavigationError::NotFound {
            what: format!("{what} `{id}` in guide `{}`", guide.id),
        })
    })
}

fn at_end(step: &Step) -> Error {
    Error::Navigation(NavigationError::InvalidState(format!(
        "step `{}` is the end of the guide: go back or restart",
        step.id
    )))
}

/// The step's contact roles; urgent steps put `nodnummer` first (call-first).
fn contacts_in_order(step: &Step) -> Vec<ContactRole> {
    let mut contacts = step.contacts.clone();
    if step.urgent {
        contacts.sort_by_key(|r| *r != ContactRole::Nodnummer);
    }
    contacts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::model::{AnswerOption, BranchOn, Review};
    use crate::i18n::LocalizedText;
    use crate::legal::LegalRef;

    fn text(nb: &str, en: Option<&str>) -> LocalizedText {
        LocalizedText {
            nb: nb.into(),
            nn: None,
            en: en.map(Into::into),
        }
    }

    fn step(id: &str, kind: StepKind) -> Step {
        Step {
            id: id.into(),
            title: None,
            text: text(&format!("Tekst {id}"), None),
            kind,
            urgent: false,
            loop_back: false,
            checklist: Vec::new(),
            contacts: Vec::new(),
            legal: Vec::new(),
            links: Vec::new(),
            branch_on: None,
        }
    }

    fn question(id: &str, options: &[(&str, &str)]) -> Step {
        step(
            id,
            StepKind::Question {
                options: options
                    .iter()
                    .map(|(o, next)| AnswerOption {
                        id: (*o).into(),
                        label: text(&format!("Svar {o}"), Some(&format!("Answer {o}"))),
                        next: (*next).into(),
                    })
                    .collect(),
            },
        )
    }

    fn action(id: &str, next: &str) -> Step {
        step(id, StepKind::Action { next: next.into() })
    }

    fn legal(id: &str, law: &str, section: &str, sectors: Vec<Sector>) -> LegalRef {
        LegalRef {
            id: id.into(),
            law: law.into(),
            section: Some(section.into()),
            title: text(&format!("Tittel {id}"), Some(&format!("Title {id}"))),
            url: format!("https://lovdata.no/{id}"),
            sectors,
        }
    }

    /// start → (ja-akutt → akutt → melding) | (nei → q2 → (ja → vold → melding) |
    /// (nei → observer → q4 → (ja → melding) | (nei → samtale ⟲ q4)))
    fn guide() -> Guide {
        let mut akutt = action("akutt", "melding");
        akutt.urgent = true;
        akutt.contacts = vec![ContactRole::Barnevernvakt, ContactRole::Nodnummer];
        akutt.title = Some(text("Akutt fare", Some("Acute danger")));
        let mut vold = action("vold", "melding");
        vold.text = text(
            "Ikke informer foreldrene.",
            Some("Do not inform the parents."),
        );
        vold.contacts = vec![ContactRole::Barnevern, ContactRole::Politi];
        vold.legal = vec!["bvl".into(), "bhl".into(), "hpl".into()];
        vold.checklist = vec![text("Skriv ned ordene", Some("Write down the words"))];
        let mut samtale = action("samtale", "q4");
        samtale.loop_back = true;
        Guide {
            id: "test".into(),
            revision: 1,
            schema_version: 1,
            min_client_version: 1,
            title: text("Test", None),
            summary: text("Test", None),
            audience: vec![Sector::Barnehage],
            review: Review {
                reviewed_by: "test".into(),
                reviewed_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                next_review: None,
            },
            start: "start".into(),
            acute_step: "akutt".into(),
            legal: vec![
                legal("bvl", "barnevernsloven", "§ 13-2", vec![]),
                legal("bhl", "barnehageloven", "§ 46", vec![Sector::Barnehage]),
                legal(
                    "hpl",
                    "helsepersonelloven",
                    "§ 33",
                    vec![Sector::Helsestasjon],
                ),
            ],
            steps: vec![
                question("start", &[("ja-akutt", "akutt"), ("nei", "q2")]),
                akutt,
                question("q2", &[("ja", "vold"), ("nei", "observer")]),
                vold,
                action("observer", "q4"),
                question("q4", &[("ja", "melding"), ("nei", "samtale")]),
                samtale,
                step("melding", StepKind::End),
            ],
        }
    }

    fn walked(g: &Guide, choices: &[&str]) -> Session {
        let mut s = Session::start(g).unwrap();
        for c in choices {
            s.choose(g, c).unwrap();
        }
        s
    }

    #[test]
    fn start_lands_on_the_first_step_with_no_history() {
        let g = guide();
        let s = Session::start(&g).unwrap();
        assert_eq!(s.current_step_id(), "start");
        assert_eq!(s.guide_id(), "test");
        assert_eq!(s.revision(), 1);
        assert!(s.history().is_empty());
        assert!(!s.can_go_back());
        assert_eq!(s.path(), vec!["start"]);
    }

    #[test]
    fn start_fails_when_the_start_step_is_missing() {
        let mut g = guide();
        g.start = "borte".into();
        let err = Session::start(&g).unwrap_err();
        assert!(err.to_string().contains("`borte`"), "{err}");
    }

    #[test]
    fn answer_follows_the_option_and_records_it() {
        let g = guide();
        let mut s = Session::start(&g).unwrap();
        s.answer(&g, "nei").unwrap();
        assert_eq!(s.current_step_id(), "q2");
        assert_eq!(
            s.history(),
            &[Move::Answer {
                from: "start".into(),
                option: "nei".into()
            }]
        );
        assert_eq!(s.path(), vec!["start", "q2"]);
    }

    #[test]
    fn unknown_answer_lists_the_valid_ids_and_changes_nothing() {
        let g = guide();
        let mut s = walked(&g, &["nei"]);
        let before = s.clone();
        let err = s.answer(&g, "kanskje").unwrap_err();
        match &err {
            Error::Navigation(NavigationError::InvalidAnswer {
                step,
                option,
                valid,
            }) => {
                assert_eq!(step, "q2");
                assert_eq!(option, "kanskje");
                assert_eq!(valid, &["ja", "nei"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("valid options: ja, nei"), "{err}");
        assert_eq!(s, before);
    }

    #[test]
    fn action_steps_take_next_or_the_implicit_next_option() {
        let g = guide();
        let mut s = walked(&g, &["nei", "nei"]);
        assert_eq!(s.current_step_id(), "observer");
        let mut t = s.clone();
        s.next(&g).unwrap();
        t.answer(&g, NEXT).unwrap();
        assert_eq!(s, t);
        assert_eq!(s.current_step_id(), "q4");
        assert_eq!(
            s.history().last(),
            Some(&Move::Next {
                from: "observer".into()
            })
        );
    }

    #[test]
    fn action_steps_reject_other_answers() {
        let g = guide();
        let mut s = walked(&g, &["nei", "nei"]);
        let err = s.answer(&g, "ja").unwrap_err();
        assert!(
            matches!(&err, Error::Navigation(NavigationError::InvalidAnswer { valid, .. }) if valid == &["next"]),
            "{err:?}"
        );
    }

    #[test]
    fn next_on_a_question_is_refused_with_the_options() {
        let g = guide();
        let mut s = Session::start(&g).unwrap();
        let err = s.next(&g).unwrap_err();
        assert!(err.to_string().contains("ja-akutt, nei"), "{err}");
        assert_eq!(s.current_step_id(), "start");
    }

    #[test]
    fn an_end_step_takes_no_answer_and_no_next() {
        let g = guide();
        let mut s = walked(&g, &["nei", "ja", "next"]);
        assert_eq!(s.current_step_id(), "melding");
        let before = s.clone();
        assert!(matches!(
            s.answer(&g, "ja"),
            Err(Error::Navigation(NavigationError::InvalidState(_)))
        ));
        assert!(matches!(
            s.next(&g),
            Err(Error::Navigation(NavigationError::InvalidState(_)))
        ));
        assert_eq!(s, before);
    }

    #[test]
    fn back_after_each_kind_of_move_restores_the_exact_state() {
        let g = guide();
        let s0 = walked(&g, &["nei"]);
        // answer
        let mut s = s0.clone();
        s.answer(&g, "nei").unwrap();
        s.back().unwrap();
        assert_eq!(s, s0);
        // next
        let s1 = walked(&g, &["nei", "nei"]);
        let mut s = s1.clone();
        s.next(&g).unwrap();
        s.back().unwrap();
        assert_eq!(s, s1);
        // acute exit
        let mut s = s1.clone();
        s.acute_exit(&g).unwrap();
        assert_eq!(s.current_step_id(), "akutt");
        s.back().unwrap();
        assert_eq!(s, s1);
    }

    #[test]
    fn back_on_the_first_step_is_refused() {
        let g = guide();
        let mut s = Session::start(&g).unwrap();
        let err = s.back().unwrap_err();
        assert!(err.to_string().contains("first step"), "{err}");
        assert_eq!(s, Session::start(&g).unwrap());
    }

    #[test]
    fn restart_returns_to_the_start_and_forgets_the_history() {
        let g = guide();
        let mut s = walked(&g, &["nei", "ja"]);
        s.restart(&g).unwrap();
        assert_eq!(s, Session::start(&g).unwrap());
    }

    #[test]
    fn acute_exit_works_from_every_step_and_back_returns() {
        let g = guide();
        for target in &g.steps {
            // Reach each step by some route, then take the acute exit.
            let routes: &[&[&str]] = &[
                &[],
                &["ja-akutt"],
                &["nei"],
                &["nei", "ja"],
                &["nei", "nei"],
                &["nei", "nei", "next"],
                &["nei", "nei", "next", "nei"],
                &["nei", "nei", "next", "ja"],
            ];
            let route = routes
                .iter()
                .find(|r| walked(&g, r).current_step_id() == target.id)
                .unwrap();
            let before = walked(&g, route);
            let mut s = before.clone();
            s.acute_exit(&g).unwrap();
            assert_eq!(s.current_step_id(), "akutt", "from {}", target.id);
            if target.id == "akutt" {
                assert_eq!(s, before, "acute exit on the acute step changes nothing");
            } else {
                assert_eq!(
                    s.history().last(),
                    Some(&Move::Acute {
                        from: target.id.clone()
                    })
                );
                s.back().unwrap();
                assert_eq!(s, before);
            }
        }
    }

    #[test]
    fn choose_maps_reserved_words_and_lists_every_valid_id() {
        let g = guide();
        let mut s = Session::start(&g).unwrap();
        s.choose(&g, ACUTE).unwrap();
        assert_eq!(s.current_step_id(), "akutt");
        s.choose(&g, NEXT).unwrap();
        assert_eq!(s.current_step_id(), "melding");
        let err = s.choose(&g, "videre").unwrap_err();
        assert!(
            matches!(&err, Error::Navigation(NavigationError::InvalidAnswer { valid, .. }) if valid == &["acute"]),
            "{err:?}"
        );
        let mut s = Session::start(&g).unwrap();
        let err = s.choose(&g, NEXT).unwrap_err();
        assert!(
            matches!(&err, Error::Navigation(NavigationError::InvalidAnswer { valid, .. }) if valid == &["ja-akutt", "nei", "acute"]),
            "{err:?}"
        );
    }

    #[test]
    fn a_real_option_named_acute_wins_over_the_reserved_word() {
        let mut g = guide();
        g.steps[0] = question("start", &[("acute", "q2"), ("nei", "q2")]);
        let mut s = Session::start(&g).unwrap();
        s.choose(&g, "acute").unwrap();
        assert_eq!(s.current_step_id(), "q2");
    }

    #[test]
    fn view_renders_language_sector_and_call_first_contacts() {
        let g = guide();
        let s = walked(&g, &["ja-akutt"]);
        let v = s.view(&g, Lang::En, None).unwrap();
        assert_eq!(v.id, "akutt");
        assert_eq!(v.kind, StepViewKind::Action);
        assert!(v.urgent && v.is_acute_step && v.can_go_back);
        assert_eq!(v.title.as_deref(), Some("Acute danger"));
        assert_eq!(v.text, "Tekst akutt", "falls back to nb");
        assert_eq!(
            v.contacts,
            vec![ContactRole::Nodnummer, ContactRole::Barnevernvakt],
            "urgent: nodnummer first"
        );

        let s = walked(&g, &["nei", "ja"]);
        let v = s.view(&g, Lang::En, Some(Sector::Barnehage)).unwrap();
        assert_eq!(v.text, "Do not inform the parents.");
        assert_eq!(v.checklist, vec!["Write down the words"]);
        assert_eq!(
            v.contacts,
            vec![ContactRole::Barnevern, ContactRole::Politi],
            "authored order kept on non-urgent steps"
        );
        let cites: Vec<_> = v.legal.iter().map(|l| l.citation.as_str()).collect();
        assert_eq!(cites, ["barnevernsloven § 13-2", "barnehageloven § 46"]);
        assert_eq!(v.legal[1].title, "Title bhl");
        let v = s.view(&g, Lang::Nb, Some(Sector::Helsestasjon)).unwrap();
        let cites: Vec<_> = v.legal.iter().map(|l| l.citation.as_str()).collect();
        assert_eq!(cites, ["barnevernsloven § 13-2", "helsepersonelloven § 33"]);
        let v = s.view(&g, Lang::Nb, None).unwrap();
        assert_eq!(v.legal.len(), 3, "no sector: every rule");

        let v = Session::start(&g)
            .unwrap()
            .view(&g, Lang::Nn, None)
            .unwrap();
        assert_eq!(v.kind, StepViewKind::Question);
        assert!(!v.can_go_back && !v.urgent && !v.is_acute_step);
        assert_eq!(
            v.options,
            vec![
                OptionView {
                    id: "ja-akutt".into(),
                    label: "Svar ja-akutt".into()
                },
                OptionView {
                    id: "nei".into(),
                    label: "Svar nei".into()
                }
            ]
        );
    }

    #[test]
    fn summary_lists_every_step_with_how_it_was_left() {
        let g = guide();
        let mut s = walked(&g, &["nei", "ja", "acute", "next"]);
        let sum = s.summary(&g, Lang::En, Some(Sector::Barnehage)).unwrap();
        let ids: Vec<_> = sum.iter().map(|i| i.step_id.as_str()).collect();
        assert_eq!(ids, ["start", "q2", "vold", "akutt", "melding"]);
        assert_eq!(
            sum[1].taken,
            Some(Taken::Answer {
                option: "ja".into(),
                label: "Answer ja".into()
            })
        );
        assert_eq!(sum[2].taken, Some(Taken::Acute));
        assert_eq!(
            sum[2].legal,
            ["barnevernsloven § 13-2", "barnehageloven § 46"]
        );
        assert_eq!(sum[3].taken, Some(Taken::Next));
        assert_eq!(sum[3].heading, "Acute danger");
        assert!(sum[3].urgent);
        assert_eq!(sum[4].taken, None);
        assert_eq!(sum[4].kind, StepViewKind::End);
        s.restart(&g).unwrap();
        assert_eq!(s.summary(&g, Lang::Nb, None).unwrap().len(), 1);
    }

    #[test]
    fn loops_can_be_walked_and_unwound() {
        let g = guide();
        let mut s = walked(&g, &["nei", "nei", "next"]);
        for _ in 0..3 {
            s.choose(&g, "nei").unwrap();
            s.choose(&g, "next").unwrap();
            assert_eq!(s.current_step_id(), "q4");
        }
        assert_eq!(s.path().len(), 4 + 6);
        for _ in 0..6 {
            s.back().unwrap();
        }
        assert_eq!(s, walked(&g, &["nei", "nei", "next"]));
    }

    #[test]
    fn operations_refuse_a_session_of_another_guide_or_revision() {
        let g = guide();
        let mut s = Session::start(&g).unwrap();
        let mut g2 = g.clone();
        g2.revision = 2;
        let err = s.answer(&g2, "nei").unwrap_err();
        assert!(err.to_string().contains("resume it first"), "{err}");
        assert!(s.view(&g2, Lang::Nb, None).is_err());
        assert!(s.restart(&g2).is_err());
        g2.id = "annen".into();
        assert!(s.acute_exit(&g2).is_err());
    }

    #[test]
    fn a_session_survives_json_exactly() {
        let g = guide();
        let s = walked(&g, &["nei", "nei", "acute"]);
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""via":"acute""#), "{json}");
        let back: Session = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn resume_same_revision_is_exact() {
        let g = guide();
        let s = walked(&g, &["nei", "nei", "next", "nei"]);
        let (r, outcome) = Session::resume(&g, s.clone()).unwrap();
        assert_eq!(outcome, ResumeOutcome::Exact);
        assert_eq!(outcome.user_message(Lang::Nb), None);
        assert_eq!(r, s);
    }

    #[test]
    fn resume_newer_revision_replays_when_the_path_exists() {
        let g = guide();
        let s = walked(&g, &["nei", "ja", "acute"]);
        let mut g2 = g.clone();
        g2.revision = 2;
        g2.steps[3].text = text("Ny tekst", None);
        let (r, outcome) = Session::resume(&g2, s.clone()).unwrap();
        assert_eq!(
            outcome,
            ResumeOutcome::Replayed {
                from_revision: 1,
                to_revision: 2
            }
        );
        assert!(outcome
            .user_message(Lang::Nb)
            .unwrap()
            .contains("versjon 2"));
        assert_eq!(r.revision(), 2);
        assert_eq!(r.current_step_id(), "akutt");
        assert_eq!(r.history(), s.history());
        r.view(&g2, Lang::Nb, None).unwrap();
    }

    #[test]
    fn resume_lands_where_a_retargeted_answer_now_leads() {
        let g = guide();
        let s = walked(&g, &["nei", "ja"]);
        let mut g2 = g.clone();
        g2.revision = 2;
        g2.steps[2] = question("q2", &[("ja", "observer"), ("nei", "observer")]);
        let (r, outcome) = Session::resume(&g2, s).unwrap();
        assert!(matches!(outcome, ResumeOutcome::Replayed { .. }));
        assert_eq!(r.current_step_id(), "observer");
    }

    #[test]
    fn resume_restarts_when_a_step_on_the_path_is_gone() {
        let g = guide();
        let s = walked(&g, &["nei", "nei", "next"]);
        let mut g2 = g.clone();
        g2.revision = 2;
        g2.steps.retain(|s| s.id != "observer");
        g2.steps[2] = question("q2", &[("ja", "vold"), ("nei", "q4")]);
        let (r, outcome) = Session::resume(&g2, s).unwrap();
        match &outcome {
            ResumeOutcome::Restarted {
                from_revision: 1,
                to_revision: 2,
                reason,
            } => assert!(reason.contains("`observer`"), "{reason}"),
            other => panic!("{other:?}"),
        }
        assert!(outcome
            .user_message(Lang::En)
            .unwrap()
            .contains("start from the beginning"));
        assert_eq!(r, Session::start(&g2).unwrap());
    }

    #[test]
    fn resume_restarts_when_an_answer_is_gone() {
        let g = guide();
        let s = walked(&g, &["nei", "ja"]);
        let mut g2 = g.clone();
        g2.revision = 3;
        g2.steps[2] = question("q2", &[("kanskje", "vold"), ("nei", "observer")]);
        let (r, outcome) = Session::resume(&g2, s).unwrap();
        match &outcome {
            ResumeOutcome::Restarted { reason, .. } => {
                assert!(reason.contains("no option `ja`"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(r.current_step_id(), "start");
    }

    #[test]
    fn resume_never_lands_on_a_missing_current_step() {
        let g = guide();
        // A corrupted save at the same revision: the current step does not exist.
        let mut s = Session::start(&g).unwrap();
        s.current = "finnes-ikke".into();
        let (r, outcome) = Session::resume(&g, s).unwrap();
        assert!(matches!(outcome, ResumeOutcome::Restarted { .. }));
        assert_eq!(r, Session::start(&g).unwrap());
        // The start step was renamed in a new revision.
        let s = Session::start(&g).unwrap();
        let mut g2 = g.clone();
        g2.revision = 2;
        g2.steps[0].id = "ny-start".into();
        g2.start = "ny-start".into();
        let (r, outcome) = Session::resume(&g2, s).unwrap();
        assert!(matches!(outcome, ResumeOutcome::Restarted { .. }));
        assert_eq!(r.current_step_id(), "ny-start");
    }

    #[test]
    fn a_stale_step_index_never_returns_a_wrong_step() {
        let g = guide();
        let mut s = walked(&g, &["nei"]);
        // Same id, revision and size, but every step at another position.
        let mut moved = g.clone();
        moved.steps.reverse();
        s.answer(&moved, "nei").unwrap();
        assert_eq!(s.current_step_id(), "observer");
        assert_eq!(s.view(&moved, Lang::Nb, None).unwrap().id, "observer");
        // A step the index has never seen.
        let mut renamed = g.clone();
        renamed.steps[7].id = "ferdig".into();
        renamed.steps[5] = question("q4", &[("ja", "ferdig"), ("nei", "samtale")]);
        s.next(&renamed).unwrap();
        s.answer(&renamed, "ja").unwrap();
        assert_eq!(s.current_step_id(), "ferdig");
        assert_eq!(
            s.view(&renamed, Lang::Nb, None).unwrap().kind,
            StepViewKind::End
        );
    }

    #[test]
    fn the_step_index_is_not_part_of_the_state() {
        let g = guide();
        let s = walked(&g, &["nei", "ja"]);
        let restored: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(restored, s, "equal without an index");
        assert!(!serde_json::to_string(&s).unwrap().contains("index"));
    }

    /// The test guide with a sector branch between `observer` and `q4`.
    fn branching_guide() -> Guide {
        let mut g = guide();
        g.min_client_version = 2;
        g.steps[4] = action("observer", "sektor");
        let mut sektor = question(
            "sektor",
            &[("helsestasjon", "timer"), (BranchOn::DEFAULT_OPTION, "q4")],
        );
        sektor.branch_on = Some(BranchOn::Sector);
        g.steps.push(sektor);
        g.steps.push(action("timer", "q4"));
        g
    }

    #[test]
    fn a_session_with_a_sector_answers_the_branch_and_back_steps_over_it() {
        let g = branching_guide();
        let mut s = Session::start_in(&g, Some(Sector::Helsestasjon)).unwrap();
        for c in ["nei", "nei"] {
            s.choose(&g, c).unwrap();
        }
        let before = s.clone();
        s.next(&g).unwrap();
        assert_eq!(s.current_step_id(), "timer", "answered from the sector");
        assert_eq!(
            s.history().last(),
            Some(&Move::Sector {
                from: "sektor".into(),
                option: "helsestasjon".into()
            })
        );
        assert_eq!(s.path(), ["start", "q2", "observer", "sektor", "timer"]);
        let sum = s.summary(&g, Lang::Nn, None).unwrap();
        assert!(matches!(
            &sum[3].taken,
            Some(Taken::Sector { option, note, .. })
                if option == "helsestasjon" && note == "valt ut frå sektoren din"
        ));
        s.back().unwrap();
        assert_eq!(s, before, "back undoes the user's move and the sector's");
        // Another sector takes `other`; without a sector the branch is asked.
        let mut s = Session::start_in(&g, Some(Sector::Nav)).unwrap();
        for c in ["nei", "nei", "next"] {
            s.choose(&g, c).unwrap();
        }
        assert_eq!(s.current_step_id(), "q4");
        let s = walked(&g, &["nei", "nei", "next"]);
        assert_eq!(s.current_step_id(), "sektor");
        assert_eq!(s.sector(), None);
        // Restart answers a branch at the start again.
        let mut g2 = branching_guide();
        g2.start = "sektor".into();
        g2.steps[0] = question("start", &[("ja-akutt", "akutt"), ("nei", "q2")]);
        let mut s = Session::start_in(&g2, Some(Sector::Helsestasjon)).unwrap();
        assert_eq!(s.current_step_id(), "timer");
        assert!(!s.can_go_back(), "nothing of the user's to undo");
        assert!(s.back().is_err());
        s.next(&g2).unwrap();
        s.restart(&g2).unwrap();
        assert_eq!(s.current_step_id(), "timer");
    }

    #[test]
    fn a_saved_session_keeps_its_sector_and_old_hand_answers_still_resume() {
        let g = branching_guide();
        let mut s = Session::start_in(&g, Some(Sector::Helsestasjon)).unwrap();
        for c in ["nei", "nei", "next", "next"] {
            s.choose(&g, c).unwrap();
        }
        let json = serde_json::to_string(&s).unwrap();
        assert!(json.contains(r#""sector":"helsestasjon""#), "{json}");
        assert!(json.contains(r#""via":"sector""#), "{json}");
        let (r, outcome) = Session::resume(&g, serde_json::from_str(&json).unwrap()).unwrap();
        assert_eq!(outcome, ResumeOutcome::Exact);
        assert_eq!(r, s);
        // A session saved before sectors (answered by hand), resumed with the sector.
        let old = walked(&g, &["nei", "nei", "next", "helsestasjon", "next"]);
        assert!(!serde_json::to_string(&old).unwrap().contains("sector"));
        let (r, outcome) = Session::resume_in(&g, old, Some(Sector::Helsestasjon)).unwrap();
        assert!(
            matches!(outcome, ResumeOutcome::Replayed { .. }),
            "{outcome:?}"
        );
        assert_eq!(r.current_step_id(), "q4");
        assert_eq!(r.sector(), Some(Sector::Helsestasjon));
        // A new sector follows its own option: a saved move on the old sector's step no
        // longer applies, so the walk starts over (in the new sector)...
        let (r, outcome) = Session::resume_in(&g, s.clone(), Some(Sector::Nav)).unwrap();
        assert!(
            matches!(outcome, ResumeOutcome::Restarted { .. }),
            "{outcome:?}"
        );
        assert_eq!(r.sector(), Some(Sector::Nav));
        // ...while a walk saved just past the branch is replayed onto the new option.
        let mut at_branch = s;
        at_branch.back().unwrap();
        at_branch.back().unwrap();
        assert_eq!(at_branch.current_step_id(), "observer");
        at_branch.next(&g).unwrap();
        let (r, outcome) = Session::resume_in(&g, at_branch, Some(Sector::Nav)).unwrap();
        assert!(
            matches!(outcome, ResumeOutcome::Replayed { .. }),
            "{outcome:?}"
        );
        assert_eq!(r.path(), ["start", "q2", "observer", "sektor", "q4"]);
    }

    #[test]
    fn resume_of_another_guide_is_an_error() {
        let g = guide();
        let s = Session::start(&g).unwrap();
        let mut g2 = g.clone();
        g2.id = "annen".into();
        let err = Session::resume(&g2, s).unwrap_err();
        assert!(err.to_string().contains("`test`"), "{err}");
    }
}
