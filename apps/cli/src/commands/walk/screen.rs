//! The walk as a screen: the core's [`AppView`] drawn as text, wrapped at the terminal width.
//!
//! Every sentence comes from the view (built in the core, in one language); this file only
//! lays it out. Two kinds of hints sit beside the actions: the `--answer` ids of a scripted
//! run, or the keys of the interactive walk.

use super::render::Style;
use std::fmt::Write as _;
use veiviser_core::app::{
    Action, AppView, ChoicePromptView, GuideStepView, NumberEntryView, NumberListView, Screen,
};
use veiviser_core::i18n::catalog as msg;

/// How actions are offered: as `--answer` ids (a script) or as keys (the interactive walk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hints {
    /// `--answer ID` beside each choice.
    Script,
    /// `[1]`, `[Enter]`, `[a]` … beside each choice.
    Keys,
}

/// Lays text out at one width.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Columns to wrap at.
    pub width: usize,
    /// Colours or plain text.
    pub style: Style,
}

impl Layout {
    /// The terminal's width when writing to one (else 80 columns), at least 30.
    pub fn for_output(is_terminal: bool, style: Style) -> Self {
        let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
        let width = from_env
            .or_else(|| is_terminal.then(textwrap::termwidth))
            .unwrap_or(80)
            .max(30);
        Layout { width, style }
    }

    /// `text` wrapped, each line starting with `first` (the first) or `rest` (the others).
    fn para(&self, out: &mut String, first: &str, rest: &str, text: &str) {
        for (i, paragraph) in text.split('\n').enumerate() {
            let lead = if i == 0 { first } else { rest };
            let opts = textwrap::Options::new(self.width)
                .initial_indent(lead)
                .subsequent_indent(rest)
                .break_words(false)
                // Dates and ids keep their hyphens ("2026-11-22" is never split).
                .word_splitter(textwrap::WordSplitter::NoHyphenation);
            for line in textwrap::wrap(paragraph, opts) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
}

/// The acute bar: one line (wrapped) with the three emergency numbers.
pub fn acute_bar(view: &AppView, layout: Layout) -> String {
    let calls: Vec<String> = view
        .acute_bar
        .calls
        .iter()
        .map(|c| format!("{} {} ({})", c.call.label, c.name, c.tel_uri))
        .collect();
    let mut out = String::new();
    let line = format!("{}: {}", view.acute_bar.heading, calls.join(" · "));
    let mut wrapped = String::new();
    layout.para(&mut wrapped, "", "  ", &line);
    for l in wrapped.lines() {
        let _ = writeln!(out, "{}", layout.style.alarm(l));
    }
    out
}

/// The step screen: the acute bar, the guide and step, the numbers (first on urgent steps),
/// the text, the checklist, the legal references, the links and the choices.
pub fn step(view: &AppView, layout: Layout, hints: Hints) -> String {
    let Screen::GuideStep { step } = &view.screen else {
        return acute_bar(view, layout);
    };
    let mut out = acute_bar(view, layout);
    out.push('\n');
    if let Some(text) = &step.resume_text {
        layout.para(&mut out, "", "", text);
        out.push('\n');
    }
    let lang = view.lang;
    let revision = msg::GUIDE_REVISION.fill(lang, &[("revision", &step.revision.to_string())]);
    let title = format!("{} ({revision}) – {}", step.guide_title, step.progress_text);
    layout.para(&mut out, "", "", &layout.style.bold(&title));
    out.push('\n');
    if step.call_first {
        numbers(&mut out, &step.numbers, layout, hints);
    }
    if let Some(title) = &step.step.title {
        layout.para(&mut out, "", "", &layout.style.bold(title));
    }
    layout.para(&mut out, "", "", &step.step.text);
    out.push('\n');
    if !step.call_first && !step.numbers.entries.is_empty() {
        numbers(&mut out, &step.numbers, layout, hints);
    }
    body(&mut out, step, layout);
    choices(&mut out, view, step, layout, hints);
    out
}

fn body(out: &mut String, step: &GuideStepView, layout: Layout) {
    if let Some(heading) = &step.checklist_heading {
        let _ = writeln!(out, "{heading}:");
        for item in &step.step.checklist {
            layout.para(out, "  [ ] ", "      ", item);
        }
        out.push('\n');
    }
    if let Some(heading) = &step.legal_heading {
        let _ = writeln!(out, "{heading}:");
        for l in &step.step.legal {
            layout.para(
                out,
                "  • ",
                "    ",
                &format!("{} – {}", l.citation, l.title),
            );
            let _ = writeln!(out, "    {}", layout.style.dim(&l.url));
        }
        out.push('\n');
    }
    if let Some(heading) = &step.summary_heading {
        let _ = writeln!(out, "{heading}:");
        for (n, item) in step.summary.iter().enumerate() {
            let heading = item.heading.lines().next().unwrap_or("");
            let taken = match &item.taken {
                Some(veiviser_core::guide::Taken::Answer { label, .. }) => format!(" → {label}"),
                Some(veiviser_core::guide::Taken::Sector { label, note, .. }) => {
                    format!(" → {label} ({note})")
                }
                _ => String::new(),
            };
            layout.para(
                out,
                &format!("  {}. ", n + 1),
                "     ",
                &format!("{heading}{taken}"),
            );
        }
        out.push('\n');
    }
}

/// The numbers: heading, area, one entry per number, notices.
pub fn numbers(out: &mut String, list: &NumberListView, layout: Layout, hints: Hints) {
    let heading = if list.call_first {
        layout.style.alarm(&format!("!!! {} !!!", list.heading))
    } else {
        layout.style.bold(&list.heading)
    };
    let _ = writeln!(out, "{heading}");
    let area_hint = match hints {
        Hints::Script => " (--postnummer NNNN)",
        Hints::Keys => " [o]",
    };
    layout.para(
        out,
        "",
        "",
        &format!("{} – {}{area_hint}", list.area_text, list.area_action.label),
    );
    if let Some(banner) = &list.example_data_banner {
        layout.para(out, "", "", banner);
    }
    for n in &list.notices {
        layout.para(out, "  ! ", "    ", &n.message);
    }
    for e in &list.entries {
        entry(out, e, layout);
    }
    if let Some(text) = &list.unconfirmed_text {
        layout.para(out, "  ", "  ", &layout.style.dim(text));
    }
    out.push('\n');
}

fn entry(out: &mut String, e: &NumberEntryView, layout: Layout) {
    let mark = e
        .example_data_mark
        .as_deref()
        .map(|m| format!(" {m}"))
        .unwrap_or_default();
    let head = match (&e.number, &e.tel_uri) {
        (Some(number), Some(uri)) => format!("{}: {number} ({uri}){mark}", e.title),
        _ => format!("{}{mark}", e.title),
    };
    let bullet = if e.call.is_some() { "  ☎ " } else { "  ✗ " };
    layout.para(out, bullet, "    ", &layout.style.bold(&head));
    let mut facts = vec![e.reason_text.clone(), e.state_text.clone()];
    if let Some(h) = &e.hours_text {
        facts.push(h.clone());
    }
    if let Some(o) = &e.opens_text {
        facts.push(o.clone());
    }
    facts.push(e.last_verified_text.clone());
    layout.para(out, "    ", "    ", &facts.join(" · "));
    for line in [&e.no_number_text, &e.also_text, &e.note_text]
        .into_iter()
        .flatten()
    {
        layout.para(out, "    ", "    ", line);
    }
}

fn choices(out: &mut String, view: &AppView, step: &GuideStepView, layout: Layout, hints: Hints) {
    let id_width = step
        .options
        .iter()
        .filter_map(|o| match &o.action {
            Action::Answer { option_id } => Some(option_id.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    if !step.options.is_empty() {
        let _ = writeln!(out, "{}:", msg::WALK_CHOOSE.get(view.lang));
    }
    for (k, o) in step.options.iter().enumerate() {
        let lead = match (&o.action, hints) {
            (Action::Answer { option_id }, Hints::Script) => {
                format!("  --answer {option_id:id_width$}  ")
            }
            _ => format!("  [{}] ", k + 1),
        };
        let rest = " ".repeat(lead.chars().count());
        layout.para(out, &lead, &rest, &o.label);
    }
    if let Some(c) = &step.continue_action {
        let _ = match hints {
            Hints::Script => writeln!(out, "{}: --answer next", c.label),
            Hints::Keys => writeln!(out, "  [Enter] {}", c.label),
        };
    }
    if !step.links.is_empty() {
        let _ = writeln!(out, "{}:", msg::WALK_LINKS.get(view.lang));
    }
    for l in &step.links {
        if let Action::FollowLink { guide_id } = &l.action {
            layout.para(
                out,
                "  → ",
                "    ",
                &format!("{}: veiviser walk {guide_id}", l.label),
            );
        }
    }
    if let Some(a) = &step.acute_action {
        let line = match hints {
            Hints::Script => format!("! {}: --answer acute", a.label),
            Hints::Keys => format!("[a] ! {}", a.label),
        };
        let _ = writeln!(out, "{}", layout.style.alarm(&line));
    }
}

/// A question asked inline (the sector, the bydel), with numbered answers and Enter to skip.
pub fn prompt(p: &ChoicePromptView, layout: Layout) -> String {
    let mut out = String::new();
    layout.para(&mut out, "", "", &layout.style.bold(&p.question));
    layout.para(&mut out, "", "", &p.explanation);
    for (k, c) in p.choices.iter().enumerate() {
        let lead = format!("  [{}] ", k + 1);
        let rest = " ".repeat(lead.chars().count());
        layout.para(&mut out, &lead, &rest, &c.label);
    }
    let _ = writeln!(out, "  [Enter] {}", p.skip.label);
    out
}

/// The keys of the interactive walk, in the view's language, wrapped, ending with the prompt.
pub fn keys(step: &GuideStepView, lang: veiviser_core::Lang, layout: Layout) -> String {
    let mut keys = Vec::new();
    if let Some(b) = &step.back_action {
        keys.push(format!("[b] {}", b.label));
    }
    if let Some(a) = &step.acute_action {
        keys.push(format!("[a] {}", a.label));
    }
    keys.push(format!("[o] {}", step.numbers.area_action.label));
    keys.push(format!("[r] {}", step.restart_action.label));
    keys.push(format!("[q] {}", msg::WALK_QUIT.get(lang)));
    let mut out = String::new();
    layout.para(&mut out, "", "", &format!("{} >", keys.join("  ")));
    format!("{} ", out.trim_end())
}
