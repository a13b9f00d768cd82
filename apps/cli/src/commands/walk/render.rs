//! The walk's JSON document for scripts (`--json`) and the terminal style; the text for
//! people is the app's step screen (`screen`).

use crate::exit::CliResult;
use serde_json::{json, Value};
use veiviser_core::guide::navigator::{valid_choices, ResumeOutcome, Session, StepViewKind};
use veiviser_core::guide::Guide;
use veiviser_core::view::ResumeView;
use veiviser_core::{Lang, Sector};

/// Whether to use terminal colours (only on a terminal, and never with `NO_COLOR` set).
#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colours when writing to a terminal and `NO_COLOR` is not set.
    pub fn for_terminal(is_terminal: bool) -> Self {
        Style {
            color: is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }

    /// Plain text, no escape codes.
    #[cfg(test)]
    pub fn plain() -> Self {
        Style { color: false }
    }

    /// `s` in bold red (urgent).
    pub fn alarm(&self, s: &str) -> String {
        self.wrap("\x1b[1;31m", s)
    }

    /// `s` in bold.
    pub fn bold(&self, s: &str) -> String {
        self.wrap("\x1b[1m", s)
    }

    /// `s` dimmed.
    pub fn dim(&self, s: &str) -> String {
        self.wrap("\x1b[2m", s)
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("{code}{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
}

/// The JSON document of `veiviser walk --json` (the CLI contract; see the README).
pub fn json_document(
    guide: &Guide,
    session: &Session,
    lang: Lang,
    sector: Option<Sector>,
    resumed: Option<&ResumeOutcome>,
    has_guide: &dyn Fn(&str) -> bool,
) -> CliResult<Value> {
    let mut view = session.view(guide, lang, sector)?;
    view.mark_available(has_guide);
    let summary = session.summary(guide, lang, sector)?;
    let step = guide
        .step(session.current_step_id())
        .expect("the view exists, so the step does");
    Ok(json!({
        "guide": {
            "id": guide.id,
            "revision": guide.revision,
            "title": guide.title.get(lang),
        },
        "lang": lang,
        "sector": sector,
        "acute_step": guide.acute_step,
        "step": view,
        "path": session.path(),
        "choices": valid_choices(step),
        "finished": view.kind == StepViewKind::End,
        "summary": summary,
        "resume": resumed.map(|r| json!({
            "outcome": r,
            "message": ResumeView::new(r, lang).message,
        })),
    }))
}
