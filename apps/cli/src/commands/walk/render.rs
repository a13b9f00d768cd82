//! Rendering the current step of a walk: as text for people, or as one JSON document for scripts.

use crate::exit::CliResult;
use serde_json::{json, Value};
use std::fmt::Write as _;
use veiviser_core::guide::navigator::{
    valid_choices, ResumeOutcome, Session, StepView, StepViewKind,
};
use veiviser_core::guide::Guide;
use veiviser_core::i18n::catalog as msg;
use veiviser_core::view::ResumeView;
use veiviser_core::{Lang, Sector};

/// The interface words of a walk in one language (all from the core's catalog).
pub struct Ui {
    /// The language of these words (also used for contact role labels).
    pub lang: Lang,
    /// "Path".
    pub path: &'static str,
    /// Banner over the contacts of an urgent step.
    pub call_first: &'static str,
    /// Heading of the contacts of a normal step.
    pub contacts: &'static str,
    /// Heading of the checklist.
    pub checklist: &'static str,
    /// Heading of the legal references.
    pub legal: &'static str,
    /// Heading of the options.
    pub choose: &'static str,
    /// How to continue past an action step.
    pub continue_: &'static str,
    /// The acute exit, always visible.
    pub acute: &'static str,
    /// Shown on an end step.
    pub end: &'static str,
    /// Heading of the summary.
    pub summary: &'static str,
    /// Label of the revision.
    pub revision: &'static str,
    /// "back".
    pub back: &'static str,
    /// "restart".
    pub restart: &'static str,
    /// "quit".
    pub quit: &'static str,
    /// Heading of the links to other guides.
    pub links: &'static str,
    /// Beside a link whose guide is not on this device.
    pub link_unavailable: &'static str,
}

/// The interface words for `lang`, from the core's message catalog.
pub fn ui(lang: Lang) -> &'static Ui {
    const NB: Ui = Ui {
        lang: Lang::Nb,
        path: msg::WALK_PATH.nb,
        call_first: msg::WALK_CALL_FIRST.nb,
        contacts: msg::WALK_CONTACTS.nb,
        checklist: msg::WALK_CHECKLIST.nb,
        legal: msg::WALK_LEGAL.nb,
        choose: msg::WALK_CHOOSE.nb,
        continue_: msg::WALK_CONTINUE.nb,
        acute: msg::WALK_ACUTE.nb,
        end: msg::WALK_END.nb,
        summary: msg::WALK_SUMMARY.nb,
        revision: msg::WALK_REVISION.nb,
        back: msg::WALK_BACK.nb,
        restart: msg::WALK_RESTART.nb,
        quit: msg::WALK_QUIT.nb,
        links: msg::WALK_LINKS.nb,
        link_unavailable: msg::WALK_LINK_UNAVAILABLE.nb,
    };
    const NN: Ui = Ui {
        lang: Lang::Nn,
        path: msg::WALK_PATH.nn,
        call_first: msg::WALK_CALL_FIRST.nn,
        contacts: msg::WALK_CONTACTS.nn,
        checklist: msg::WALK_CHECKLIST.nn,
        legal: msg::WALK_LEGAL.nn,
        choose: msg::WALK_CHOOSE.nn,
        continue_: msg::WALK_CONTINUE.nn,
        acute: msg::WALK_ACUTE.nn,
        end: msg::WALK_END.nn,
        summary: msg::WALK_SUMMARY.nn,
        revision: msg::WALK_REVISION.nn,
        back: msg::WALK_BACK.nn,
        restart: msg::WALK_RESTART.nn,
        quit: msg::WALK_QUIT.nn,
        links: msg::WALK_LINKS.nn,
        link_unavailable: msg::WALK_LINK_UNAVAILABLE.nn,
    };
    const EN: Ui = Ui {
        lang: Lang::En,
        path: msg::WALK_PATH.en,
        call_first: msg::WALK_CALL_FIRST.en,
        contacts: msg::WALK_CONTACTS.en,
        checklist: msg::WALK_CHECKLIST.en,
        legal: msg::WALK_LEGAL.en,
        choose: msg::WALK_CHOOSE.en,
        continue_: msg::WALK_CONTINUE.en,
        acute: msg::WALK_ACUTE.en,
        end: msg::WALK_END.en,
        summary: msg::WALK_SUMMARY.en,
        revision: msg::WALK_REVISION.en,
        back: msg::WALK_BACK.en,
        restart: msg::WALK_RESTART.en,
        quit: msg::WALK_QUIT.en,
        links: msg::WALK_LINKS.en,
        link_unavailable: msg::WALK_LINK_UNAVAILABLE.en,
    };
    match lang {
        Lang::Nb => &NB,
        Lang::Nn => &NN,
        Lang::En => &EN,
    }
}

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

/// The current step as text for a person reading a terminal or a log.
pub fn text(
    guide: &Guide,
    session: &Session,
    lang: Lang,
    sector: Option<Sector>,
    resumed: Option<&ResumeOutcome>,
    style: Style,
    has_guide: &dyn Fn(&str) -> bool,
) -> CliResult<String> {
    let ui = ui(lang);
    let mut view = session.view(guide, lang, sector)?;
    view.mark_available(has_guide);
    let mut out = String::new();
    if let Some(message) = resumed.and_then(|r| ResumeView::new(r, lang).message) {
        let _ = writeln!(out, "{message}\n");
    }
    let _ = writeln!(
        out,
        "{} ({} {})",
        style.bold(guide.title.get(lang)),
        ui.revision,
        guide.revision
    );
    let _ = writeln!(out, "{}: {}\n", ui.path, session.path().join(" → "));
    out.push_str(&step_body(&view, ui, style));
    match view.kind {
        StepViewKind::Question => {
            let _ = writeln!(out, "{}:", ui.choose);
            let width = view.options.iter().map(|o| o.id.len()).max().unwrap_or(0);
            for o in &view.options {
                let _ = writeln!(out, "  --answer {:width$}  {}", o.id, o.label);
            }
        }
        StepViewKind::Action => {
            let _ = writeln!(out, "{}: --answer next", ui.continue_);
        }
        StepViewKind::End => {
            let _ = writeln!(out, "{}\n", ui.end);
            out.push_str(&summary_text(guide, session, lang, sector)?);
        }
    }
    if !view.is_acute_step {
        let _ = writeln!(
            out,
            "{}",
            style.alarm(&format!("! {}: --answer acute", ui.acute))
        );
    }
    Ok(out)
}

/// Title, text, contacts (first and loud on urgent steps), checklist and legal references.
pub fn step_body(view: &StepView, ui: &Ui, style: Style) -> String {
    let mut out = String::new();
    let contacts = |out: &mut String| {
        for role in &view.contacts {
            let _ = writeln!(out, "  ☎ {} ({})", role.label(ui.lang), role.id());
        }
    };
    if view.urgent {
        let _ = writeln!(
            out,
            "{}",
            style.alarm(&format!("!!! {} !!!", ui.call_first))
        );
        contacts(&mut out);
        out.push('\n');
    }
    if let Some(title) = &view.title {
        let _ = writeln!(out, "{}", style.bold(title));
    }
    let _ = writeln!(out, "{}\n", view.text);
    if !view.urgent && !view.contacts.is_empty() {
        let _ = writeln!(out, "{}:", ui.contacts);
        contacts(&mut out);
        out.push('\n');
    }
    if !view.checklist.is_empty() {
        let _ = writeln!(out, "{}:", ui.checklist);
        for item in &view.checklist {
            let _ = writeln!(out, "  [ ] {item}");
        }
        out.push('\n');
    }
    if !view.links.is_empty() {
        let _ = writeln!(out, "{}:", ui.links);
        for l in &view.links {
            let missing = if l.available == Some(false) {
                format!(" ({})", ui.link_unavailable)
            } else {
                String::new()
            };
            let _ = writeln!(out, "  → {}: veiviser walk {}{missing}", l.label, l.guide);
        }
        out.push('\n');
    }
    if !view.legal.is_empty() {
        let _ = writeln!(out, "{}:", ui.legal);
        for l in &view.legal {
            let _ = writeln!(out, "  • {} – {}", l.citation, l.title);
            let _ = writeln!(out, "    {}", style.dim(&l.url));
        }
        out.push('\n');
    }
    out
}

/// The steps done so far, for the end screen.
pub fn summary_text(
    guide: &Guide,
    session: &Session,
    lang: Lang,
    sector: Option<Sector>,
) -> CliResult<String> {
    let ui = ui(lang);
    let mut out = format!("{}:\n", ui.summary);
    for (n, item) in session.summary(guide, lang, sector)?.iter().enumerate() {
        let heading = item.heading.lines().next().unwrap_or("");
        let _ = write!(out, "  {}. {heading}", n + 1);
        match &item.taken {
            Some(veiviser_core::guide::Taken::Answer { label, .. }) => {
                let _ = write!(out, " → {label}");
            }
            Some(veiviser_core::guide::Taken::Acute) => {
                let _ = write!(out, " → {}", ui.acute);
            }
            Some(veiviser_core::guide::Taken::Sector { label, note, .. }) => {
                let _ = write!(out, " → {label} ({note})");
            }
            _ => {}
        }
        out.push('\n');
        if !item.contacts.is_empty() {
            let roles: Vec<&str> = item.contacts.iter().map(|r| r.label(ui.lang)).collect();
            let _ = writeln!(out, "     ☎ {}", roles.join(", "));
        }
        if !item.legal.is_empty() {
            let _ = writeln!(out, "     {}", item.legal.join(", "));
        }
    }
    Ok(out)
}
