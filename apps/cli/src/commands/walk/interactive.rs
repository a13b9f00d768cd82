//! The interactive walk on a terminal: the core's app model ([`App`]) drawn as text. Numbered
//! choices, Enter to continue, the acute exit always one key away; the sector is asked once
//! (inline, skippable) and the area on request (`o`). Reads lines, so it works the same over
//! any input (and in tests).

use super::screen::{self, Hints, Layout};
use std::io::{self, BufRead, Write};
use std::time::SystemTime;
use veiviser_core::app::{Action, App, AppView, ChoicePromptView, Effect, Event, Screen};

/// What one line of input asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// Option number `n` (1-based).
    Pick(usize),
    /// An option id typed out.
    Id(String),
    /// Enter: continue past an action step.
    Continue,
    Back,
    Acute,
    Restart,
    Area,
    Quit,
}

fn parse(line: &str) -> Command {
    let t = line.trim();
    match t.to_lowercase().as_str() {
        "" => Command::Continue,
        "b" | "back" | "tilbake" => Command::Back,
        "a" | "!" | "akutt" | "acute" => Command::Acute,
        "r" | "restart" => Command::Restart,
        "o" | "område" | "area" => Command::Area,
        "q" | "quit" | "avslutt" => Command::Quit,
        _ => match t.parse::<usize>() {
            Ok(n) => Command::Pick(n),
            Err(_) => Command::Id(t.to_owned()),
        },
    }
}

/// Drives `app` from `input` until the user quits or the input ends; `now` is the shell's
/// clock (a test passes a fixed instant).
pub fn run(
    app: &mut App,
    now: &dyn Fn() -> SystemTime,
    layout: Layout,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut view = app.dispatch(Event::new(now(), Action::Launch));
    loop {
        if let Screen::GuideStep { step } = &view.screen {
            if let Some(prompt) = step.sector_prompt.clone() {
                // Asked once: a choice or a skip both end the question.
                let Some(action) = ask(&prompt, layout, input, out)? else {
                    return Ok(());
                };
                view = app.dispatch(Event::new(now(), action));
                continue;
            }
        }
        let Screen::GuideStep { step } = &view.screen else {
            return Ok(());
        };
        writeln!(out)?;
        write!(out, "{}", screen::step(&view, layout, Hints::Keys))?;
        write!(out, "{}", screen::keys(step, view.lang, layout))?;
        out.flush()?;
        let Some(line) = read(input)? else {
            writeln!(out)?;
            return Ok(());
        };
        let action = match parse(&line) {
            Command::Quit => return Ok(()),
            Command::Back => step.back_action.as_ref().map(|a| a.action.clone()),
            Command::Acute => step.acute_action.as_ref().map(|a| a.action.clone()),
            Command::Restart => Some(step.restart_action.action.clone()),
            Command::Continue => step.continue_action.as_ref().map(|a| a.action.clone()),
            Command::Pick(n) => match step.options.get(n.wrapping_sub(1)) {
                Some(o) => Some(o.action.clone()),
                None if n == 1 => step.continue_action.as_ref().map(|a| a.action.clone()),
                None => None,
            },
            Command::Id(id) => step
                .options
                .iter()
                .find(|o| {
                    o.action
                        == Action::Answer {
                            option_id: id.clone(),
                        }
                })
                .map(|o| o.action.clone()),
            Command::Area => {
                match choose_area(app, &view, now, layout, input, out)? {
                    Some(v) => view = v,
                    None => return Ok(()),
                }
                continue;
            }
        };
        match action {
            Some(action) => {
                view = app.dispatch(Event::new(now(), action));
                effects(&view, out)?;
            }
            None => writeln!(out, "?")?,
        }
    }
}

/// Shows what a call would dial (a terminal cannot dial).
fn effects(view: &AppView, out: &mut impl Write) -> io::Result<()> {
    for e in &view.effects {
        if let Effect::Dial { tel_uri } = e {
            writeln!(out, "☎ {tel_uri}")?;
        }
    }
    Ok(())
}

fn read(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut line = String::new();
    Ok((input.read_line(&mut line)? > 0).then_some(line))
}

/// Asks `prompt`; the chosen action, the skip on Enter, `None` when the input ended.
fn ask(
    prompt: &ChoicePromptView,
    layout: Layout,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Option<Action>> {
    loop {
        writeln!(out)?;
        write!(out, "{}> ", screen::prompt(prompt, layout))?;
        out.flush()?;
        let Some(line) = read(input)? else {
            return Ok(None);
        };
        match parse(&line) {
            Command::Continue => return Ok(Some(prompt.skip.action.clone())),
            Command::Pick(n) if (1..=prompt.choices.len()).contains(&n) => {
                return Ok(Some(prompt.choices[n - 1].action.clone()))
            }
            _ => writeln!(out, "? 1–{}", prompt.choices.len())?,
        }
    }
}

/// The area screen on a terminal: type a postcode or place, pick a hit or a bydel.
fn choose_area(
    app: &mut App,
    from: &AppView,
    now: &dyn Fn() -> SystemTime,
    layout: Layout,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Option<AppView>> {
    let Screen::GuideStep { step } = &from.screen else {
        return Ok(Some(from.clone()));
    };
    let mut view = app.dispatch(Event::new(now(), step.numbers.area_action.action.clone()));
    loop {
        let Screen::Area { area } = &view.screen else {
            return Ok(Some(view));
        };
        writeln!(out)?;
        if let Some(picker) = &area.bydel_picker {
            let Some(action) = ask(picker, layout, input, out)? else {
                return Ok(None);
            };
            view = app.dispatch(Event::new(now(), action));
            continue;
        }
        if let Some(m) = &area.message {
            writeln!(out, "{m}")?;
        }
        for (k, hit) in area.results.iter().enumerate() {
            writeln!(out, "  [{}] {}", k + 1, hit.label)?;
        }
        write!(out, "{} ([Enter] {}) > ", area.input_label, area.skip.label)?;
        out.flush()?;
        let Some(line) = read(input)? else {
            return Ok(None);
        };
        let action = match parse(&line) {
            Command::Continue => area.skip.action.clone(),
            Command::Pick(n) if n >= 1 && n <= area.results.len() => {
                area.results[n - 1].action.clone()
            }
            _ => Action::SearchArea {
                query: line.trim().to_string(),
            },
        };
        view = app.dispatch(Event::new(now(), action));
    }
}

#[cfg(test)]
mod tests {
    use super::super::render::Style;
    use super::*;
    use std::sync::Arc;
    use veiviser_core::app::{AppContent, AppState, GuideEntry, ScreenId, WalkState};
    use veiviser_core::directory::{ContactBook, Directory, Places};
    use veiviser_core::guide::{Guide, Session};
    use veiviser_core::Lang;
    use veiviser_testkit::synthetic::{generate_guide, ACUTE_ID, START_ID};

    fn app_over(guide: &Guide) -> App {
        let book = ContactBook::new(
            Directory::from_entries(Vec::new()).unwrap(),
            Places::from_entries(Vec::new()).unwrap(),
        );
        let content = AppContent::new(
            vec![GuideEntry::new(
                guide.id.clone(),
                Ok(Arc::new(guide.clone())),
            )],
            Arc::new(book),
        );
        let state = AppState {
            screen: ScreenId::GuideStep,
            lang: Lang::Nb,
            walk: Some(WalkState {
                session: Session::start(guide).unwrap(),
                area: None,
                area_skipped: false,
            }),
            ..AppState::default()
        };
        App::from_state(state, content)
    }

    fn drive(guide: &Guide, keys: &str) -> (Session, String) {
        let mut app = app_over(guide);
        let mut out = Vec::new();
        let layout = Layout {
            width: 60,
            style: Style::plain(),
        };
        run(
            &mut app,
            &SystemTime::now,
            layout,
            &mut keys.as_bytes(),
            &mut out,
        )
        .unwrap();
        let session = app.state().walk.as_ref().unwrap().session.clone();
        (session, String::from_utf8(out).unwrap())
    }

    #[test]
    fn parses_keys() {
        assert_eq!(parse("2\n"), Command::Pick(2));
        assert_eq!(parse("\n"), Command::Continue);
        assert_eq!(parse(" B "), Command::Back);
        assert_eq!(parse("a"), Command::Acute);
        assert_eq!(parse("o"), Command::Area);
        assert_eq!(parse("q"), Command::Quit);
        assert_eq!(parse("ja"), Command::Id("ja".into()));
    }

    #[test]
    fn the_sector_is_asked_once_then_numbers_back_acute_and_quit() {
        let g = generate_guide(5, 30);
        // Enter skips the sector question; option 1 of the start question is the acute one.
        let (s, out) = drive(&g, "\n1\nb\na\nq\n");
        assert_eq!(s.current_step_id(), ACUTE_ID);
        assert_eq!(s.path(), vec![START_ID, ACUTE_ID]);
        assert_eq!(out.matches("Hvor jobber du?").count(), 1, "{out}");
        assert!(out.contains("[a] ! Akutt fare nå"), "{out}");
        assert!(out.contains("!!! AKUTT – RING FØRST !!!"), "{out}");
        assert!(out.contains("Akutt hjelp: Ring 112"), "{out}");
        assert!(
            out.lines().all(|l| l.chars().count() <= 60),
            "wrapped at 60 columns: {out}"
        );
    }

    #[test]
    fn the_area_is_chosen_on_o_and_the_numbers_follow_it() {
        let trusted = veiviser_core::sync::signing::TrustedKeys::from_toml_str(
            crate::local_content::DEMO_TRUSTED_KEYS,
            "demo",
        )
        .unwrap();
        let snapshot = crate::local_content::bundled_snapshot().unwrap();
        let device =
            veiviser_core::device::DeviceContent::in_memory(trusted, Some(snapshot)).unwrap();
        let content = AppContent::from_device(&device).unwrap();
        let guide = content
            .guide("mistanke-om-vold-og-overgrep")
            .unwrap()
            .clone();
        let state = AppState {
            screen: ScreenId::GuideStep,
            walk: Some(WalkState {
                session: Session::start(&guide).unwrap(),
                area: None,
                area_skipped: false,
            }),
            ..AppState::default()
        };
        let mut app = App::from_state(state, content);
        let at: SystemTime = chrono::DateTime::parse_from_rfc3339("2026-12-02T10:00:00+01:00")
            .unwrap()
            .with_timezone(&chrono::Utc)
            .into();
        let layout = Layout {
            width: 80,
            style: Style::plain(),
        };
        // Skip the sector, continue, "nei", continue, "usikker", then o → 0582 → Bjerke.
        let keys = "\n\n3\n\n2\no\n0582\n1\nq\n";
        let mut out = Vec::new();
        run(&mut app, &|| at, layout, &mut keys.as_bytes(), &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let last = &out[out.rfind("Akutt hjelp").unwrap()..];
        assert!(out.contains("[1] Bjerke"), "{out}");
        assert!(last.contains("Numre for Bjerke (Oslo)"), "{last}");
        assert!(last.contains("22 70 56 50 (tel:22705650)"), "{last}");
        assert!(
            last.contains("✗ Barneverntjenesten i bydel Bjerke"),
            "{last}"
        );
        let walk = app.state().walk.as_ref().unwrap();
        assert_eq!(walk.session.current_step_id(), "A-ANONYM");
        assert_eq!(
            walk.area.as_ref().unwrap().bydelsnummer.as_deref(),
            Some("09")
        );
    }

    #[test]
    fn end_of_input_quits_without_hanging() {
        let g = generate_guide(5, 30);
        let (s, _) = drive(&g, "");
        assert_eq!(s, Session::start(&g).unwrap());
    }
}
