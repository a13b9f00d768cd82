//! The interactive walk on a terminal: numbered choices, Enter to continue, and the acute
//! exit always one key away. Reads lines, so it works the same over any input (and in tests).

use super::render::{step_body, summary_text, ui, Style};
use std::io::{self, BufRead, Write};
use veiviser_core::guide::navigator::{Session, StepViewKind};
use veiviser_core::guide::Guide;
use veiviser_core::{Lang, Sector};

/// What one line of input asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// Option number `n` (1-based) on a question.
    Pick(usize),
    /// An option id typed out.
    Id(String),
    /// Enter: continue past an action step.
    Continue,
    Back,
    Acute,
    Restart,
    Quit,
}

fn parse(line: &str) -> Command {
    let t = line.trim();
    match t.to_lowercase().as_str() {
        "" => Command::Continue,
        "b" | "back" | "tilbake" => Command::Back,
        "a" | "!" | "akutt" | "acute" => Command::Acute,
        "r" | "restart" => Command::Restart,
        "q" | "quit" | "avslutt" => Command::Quit,
        _ => match t.parse::<usize>() {
            Ok(n) => Command::Pick(n),
            Err(_) => Command::Id(t.to_owned()),
        },
    }
}

/// How the walk is shown: language, sector, colours, and which linked guides are here.
pub struct Shown<'a> {
    /// The language of the texts.
    pub lang: Lang,
    /// The user's sector (its legal rules), if given.
    pub sector: Option<Sector>,
    /// Colours or plain text.
    pub style: Style,
    /// Whether a linked guide is on this device.
    pub has_guide: &'a dyn Fn(&str) -> bool,
}

/// Runs the walk until the user quits or the input ends; returns the session as it was left.
pub fn run(
    guide: &Guide,
    mut session: Session,
    shown: &Shown<'_>,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> io::Result<Session> {
    let Shown {
        lang,
        sector,
        style,
        has_guide,
    } = *shown;
    let ui = ui(lang);
    let mut notice: Option<String> = None;
    loop {
        let mut view = session
            .view(guide, lang, sector)
            .map_err(|e| io::Error::other(e.to_string()))?;
        view.mark_available(has_guide);
        writeln!(out)?;
        if !view.is_acute_step {
            writeln!(out, "{}", style.alarm(&format!("[a] ! {}", ui.acute)))?;
        }
        writeln!(out, "{}", style.dim(&session.path().join(" → ")))?;
        writeln!(out)?;
        write!(out, "{}", step_body(&view, ui, style))?;
        match view.kind {
            StepViewKind::Question => {
                for (k, o) in view.options.iter().enumerate() {
                    writeln!(out, "  [{}] {}", k + 1, o.label)?;
                }
            }
            StepViewKind::Action => writeln!(out, "  [Enter] {}", ui.continue_)?,
            StepViewKind::End => {
                writeln!(out, "{}\n", ui.end)?;
                let summary = summary_text(guide, &session, lang, sector)
                    .map_err(|e| io::Error::other(e.message))?;
                write!(out, "{summary}")?;
            }
        }
        if let Some(n) = notice.take() {
            writeln!(out, "{}", style.bold(&n))?;
        }
        let mut keys = Vec::new();
        if view.can_go_back {
            keys.push(format!("[b] {}", ui.back));
        }
        if !view.is_acute_step {
            keys.push(format!("[a] {}", ui.acute));
        }
        keys.push(format!("[r] {}", ui.restart));
        keys.push(format!("[q] {}", ui.quit));
        write!(out, "{} > ", keys.join("  "))?;
        out.flush()?;

        let mut line = String::new();
        if input.read_line(&mut line)? == 0 {
            writeln!(out)?;
            return Ok(session);
        }
        let result = match parse(&line) {
            Command::Quit => return Ok(session),
            Command::Back => session.back(),
            Command::Acute => session.acute_exit(guide),
            Command::Restart => session.restart(guide),
            Command::Continue => match view.kind {
                StepViewKind::Action => session.next(guide),
                _ => Ok(()),
            },
            Command::Pick(n) => match view.options.get(n.wrapping_sub(1)) {
                Some(o) => session.answer(guide, &o.id),
                None if view.kind == StepViewKind::Action && n == 1 => session.next(guide),
                None => {
                    notice = Some(format!("? 1–{}", view.options.len().max(1)));
                    Ok(())
                }
            },
            Command::Id(id) => session.choose(guide, &id),
        };
        if let Err(e) = result {
            notice = Some(e.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use veiviser_core::guide::StepKind;
    use veiviser_testkit::synthetic::{generate_guide, ACUTE_ID, ACUTE_OPTION, START_ID};

    fn drive(guide: &Guide, keys: &str) -> (Session, String) {
        let mut out = Vec::new();
        let s = run(
            guide,
            Session::start(guide).unwrap(),
            &Shown {
                lang: Lang::Nb,
                sector: None,
                style: Style::plain(),
                has_guide: &|_| true,
            },
            &mut keys.as_bytes(),
            &mut out,
        )
        .unwrap();
        (s, String::from_utf8(out).unwrap())
    }

    #[test]
    fn parses_keys() {
        assert_eq!(parse("2\n"), Command::Pick(2));
        assert_eq!(parse("\n"), Command::Continue);
        assert_eq!(parse(" B "), Command::Back);
        assert_eq!(parse("a"), Command::Acute);
        assert_eq!(parse("q"), Command::Quit);
        assert_eq!(parse("ja"), Command::Id("ja".into()));
    }

    #[test]
    fn numbers_back_acute_and_quit() {
        let g = generate_guide(5, 30);
        // Option 1 of the start question is the acute one in generated guides.
        let (s, out) = drive(&g, "1\nb\na\nq\n");
        assert_eq!(s.current_step_id(), ACUTE_ID);
        assert_eq!(s.path(), vec![START_ID, ACUTE_ID]);
        assert!(out.contains("[a] ! Akutt fare nå"), "{out}");
        assert!(out.contains("!!! AKUTT – RING FØRST !!!"), "{out}");
        let call_first = out.rfind("!!! AKUTT").unwrap();
        assert!(
            out[call_first..].find("Nødnummer").unwrap()
                < out[call_first..].find("Barnevernvakten").unwrap(),
            "nodnummer is listed first on the urgent step: {out}"
        );
    }

    #[test]
    fn enter_continues_an_action_step_and_bad_input_is_explained() {
        let g = generate_guide(5, 30);
        let (s, out) = drive(&g, &format!("{ACUTE_OPTION}\n\n9\nb\nb\nb\n"));
        assert_eq!(s.current_step_id(), START_ID, "walked back to the start");
        assert!(out.contains("? 1–"), "{out}");
        assert!(out.contains("nothing to go back to"), "{out}");
    }

    #[test]
    fn end_of_input_quits_without_hanging() {
        let g = generate_guide(5, 30);
        let (s, _) = drive(&g, "");
        assert_eq!(s, Session::start(&g).unwrap());
    }

    #[test]
    fn an_end_step_shows_the_summary() {
        let g = generate_guide(9, 12);
        // Walk forward until an end step.
        let mut keys = String::new();
        let mut s = Session::start(&g).unwrap();
        for _ in 0..200 {
            let v = s.view(&g, Lang::Nb, None).unwrap();
            match v.kind {
                StepViewKind::Question => {
                    // Avoid the acute option and options into a loop-back step: the rest lead forward.
                    let StepKind::Question { options } = &g.step(&v.id).unwrap().kind else {
                        unreachable!()
                    };
                    let k = options
                        .iter()
                        .position(|o| o.id != ACUTE_OPTION && !g.step(&o.next).unwrap().loop_back)
                        .unwrap();
                    keys.push_str(&format!("{}\n", k + 1));
                    s.answer(&g, &v.options[k].id).unwrap();
                }
                StepViewKind::Action => {
                    keys.push('\n');
                    s.next(&g).unwrap();
                }
                StepViewKind::End => break,
            }
        }
        let (walked, out) = drive(&g, &keys);
        assert_eq!(walked, s);
        assert!(out.contains("Veiledningen er ferdig."), "{out}");
        assert!(out.contains("Dette har du gått gjennom:"), "{out}");
    }
}
