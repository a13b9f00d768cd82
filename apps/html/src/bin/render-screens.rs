//! Writes every screen state of `apps/screens.md` (the core's samples) and every step of
//! every guide, in nb and nn, as self-contained HTML files plus a `manifest.json`, for the
//! browser tests (`tests/browser/app/`, run by `scripts/test-browser-app.sh`).
//!
//! The content is the app's bundled first-launch snapshot (the signed demo snapshot the CLI
//! embeds), opened in memory exactly as a fresh install opens it. On each step page the
//! guide's acute action links to the page of the step it leads to, so the test can follow it.
//!
//! Usage: `render-screens --out DIR`

use serde_json::json;
use std::collections::{BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;
use veiviser_core::app::samples::{oslo_instant, sample_states};
use veiviser_core::app::{Action, App, AppContent, AppView, Event, Screen, ScreenId};
use veiviser_core::Lang;
use veiviser_html::{render_page, ActionTarget, Inert};

#[path = "../demo_content.rs"]
mod demo_content;
use demo_content::demo_content;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = match args.as_slice() {
        [flag, dir] if flag == "--out" => PathBuf::from(dir),
        _ => {
            eprintln!("usage: render-screens --out DIR");
            return ExitCode::from(2);
        }
    };
    match run(&out) {
        Ok(n) => {
            println!("render-screens: {n} pages written to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("render-screens: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write(out: &Path, rel: &str, html: &str) -> Result<(), String> {
    let path = out.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))
}

/// A step page's links: the acute exit leads to the rendered acute step.
struct StepLinks {
    acute_file: Option<String>,
}

impl ActionTarget for StepLinks {
    fn href(&self, action: &Action) -> Option<String> {
        match action {
            Action::AcuteExit => self.acute_file.clone(),
            _ => None,
        }
    }
}

fn run(out: &Path) -> Result<usize, String> {
    let content = demo_content()?;
    let mut manifest = Vec::new();
    for lang in [Lang::Nb, Lang::Nn] {
        let code = lang.code();
        let states = sample_states(&content, lang);
        if states.is_empty() {
            return Err("the core's sample_states returned no state".into());
        }
        for s in states {
            let file = format!("{code}/state/{}.html", s.id);
            write(out, &file, &render_page(&s.view, &Inert))?;
            manifest.push(json!({
                "kind": "state", "id": s.id, "lang": code, "file": file,
                "description": s.description, "screen": s.view.screen_id,
            }));
        }
        for entry in &content.guides {
            let Some(guide) = content.guide(&entry.id) else {
                continue;
            };
            let steps = every_step(&content, lang, &entry.id)?;
            // "From every step of every guide": a step the walk cannot reach is not tested.
            let missing: Vec<&str> = guide
                .steps
                .iter()
                .map(|s| s.id.as_str())
                .filter(|id| !steps.iter().any(|(reached, _, _)| reached == id))
                .collect();
            if !missing.is_empty() {
                return Err(format!(
                    "guide {}: steps not reached by any walk: {missing:?}",
                    entry.id
                ));
            }
            for (step_id, view, acute) in steps {
                let stem = format!("{}.{step_id}", entry.id);
                let acute_file = acute.map(|a| (format!("{code}/acute/{stem}.html"), a));
                if let Some((file, view)) = &acute_file {
                    write(out, file, &render_page(view, &Inert))?;
                }
                let file = format!("{code}/step/{stem}.html");
                let links = StepLinks {
                    acute_file: acute_file.as_ref().map(|_| format!("../acute/{stem}.html")),
                };
                write(out, &file, &render_page(&view, &links))?;
                manifest.push(json!({
                    "kind": "step", "id": format!("step.{stem}"), "lang": code, "file": file,
                    "guide": entry.id, "step": step_id,
                    "acute_file": acute_file.map(|(f, _)| f),
                }));
            }
        }
    }
    let n = manifest.len();
    let doc =
        serde_json::to_string_pretty(&json!({ "states": manifest })).map_err(|e| e.to_string())?;
    write(out, "manifest.json", &doc)?;
    Ok(n)
}

fn now() -> SystemTime {
    oslo_instant(10)
}

/// Every step of guide `id` reachable from its start (through every answer, "continue",
/// sector choice and the acute exit), each with the frame the acute exit leads to (none on
/// the acute step).
fn every_step(
    content: &AppContent,
    lang: Lang,
    id: &str,
) -> Result<Vec<(String, AppView, Option<AppView>)>, String> {
    let mut app = App::new(content.clone());
    app.dispatch(Event::new(now(), Action::SetLanguage { lang }));
    app.dispatch(Event::new(
        now(),
        Action::OpenGuide {
            guide_id: id.to_string(),
        },
    ));
    let mut queue = VecDeque::from([app.state_json()]);
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    while let Some(saved) = queue.pop_front() {
        let app = App::restore(&saved, content.clone());
        let view = app.view(now().into());
        let Screen::GuideStep { step } = &view.screen else {
            return Err(format!(
                "guide {id}: a walk state shows {:?}, not a step",
                view.screen_id
            ));
        };
        if step.guide_id != id || !seen.insert(step.step.id.clone()) {
            continue;
        }
        let mut moves: Vec<Action> = step.options.iter().map(|a| a.action.clone()).collect();
        moves.extend(step.continue_action.iter().map(|a| a.action.clone()));
        if let Some(prompt) = &step.sector_prompt {
            moves.extend(prompt.choices.iter().map(|a| a.action.clone()));
        }
        for action in moves {
            let mut next = App::restore(&saved, content.clone());
            let v = next.dispatch(Event::new(now(), action));
            if v.screen_id == ScreenId::GuideStep {
                queue.push_back(next.state_json());
            }
        }
        let acute = match &step.acute_action {
            Some(a) => {
                let mut next = App::restore(&saved, content.clone());
                let mut v = next.dispatch(Event::new(now(), a.action.clone()));
                v.effects.clear();
                // The acute step and what follows it are steps of the guide too.
                queue.push_back(next.state_json());
                Some(v)
            }
            None => None,
        };
        let mut view = view.clone();
        view.effects.clear();
        out.push((step.step.id.clone(), view, acute));
    }
    Ok(out)
}
