//! `veiviser walk`: walk a guide by script (`--answer`) or interactively on a terminal.
//!
//! Loading ([`load_guide`]), moving ([`apply_answers`]) and rendering (`render`) are separate,
//! so another source of guides (e.g. the local store) only needs another loader.

mod interactive;
mod render;
mod screen;

use crate::exit::{CliError, CliResult, Exit};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use veiviser_core::app::{App, AppContent, AppState, AreaChoice, GuideEntry, ScreenId, WalkState};
use veiviser_core::guide::navigator::{valid_choices, Move, ResumeOutcome, Session};
use veiviser_core::guide::{load_guide_file, Guide};
use veiviser_core::i18n::catalog as msg;
use veiviser_core::{Error, Lang, NavigationError, Sector};

const AFTER_HELP: &str = "\
Choices (--answer, repeat in order):
  OPTION_ID   an option of the current question, as listed under the step
  next        continue past an action step
  acute       take the acute exit (\"Akutt fare nå\") from any step
  A real option id wins over `next`/`acute`. An id the current step does not offer
  exits with code 2 and lists the valid ids; nothing is saved.
  With --sector, a sector question (\"Hvor jobber du?\") is answered from the sector
  without asking: it stays in the path and the summary says so (taken.via = \"sector\").

Without --answer and --json on a terminal, the walk is interactive: the sector is asked
once (Enter skips it), then type a number to choose, Enter to continue, o = choose the
area (postcode or place, then the bydel), b = back, a = acute danger now, r = restart,
q = quit. Otherwise the current step is printed once (the start step when no answers are
given). Text is the staff app's step screen (the core's AppView): the emergency numbers
first, titles, the numbers for the step's contacts resolved for --postnummer (and
--bydel), wrapped at the terminal width ($COLUMNS, else the terminal, else 80).

--json prints one document:
  guide {id, revision, title}, lang, sector, acute_step,
  step {id, kind, urgent, is_acute_step, title, text, options[] {id, label}, checklist[],
        contacts[] (role ids, call-first on urgent steps), legal[] {id, law, section,
        citation, title, url}, links[] {guide, label, available}, can_go_back},
  path[] (step ids, first to current), choices[] (valid --answer ids now),
  summary[] (steps done), resume (null, or {outcome, message} with --session).

--session FILE keeps the walk between runs: it is resumed first (against a newer revision
the answers are replayed, or the walk restarts with a message) and saved after the answers.
It holds only step and option ids, never anything about a child.

Exit codes: 0 ok, 1 invalid guide file, 2 usage (unknown option id, bad flag), 5 the
session file could not be written.";

/// Arguments of `veiviser walk`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// The guide file (TOML authoring format, e.g. server/content/guides/*.toml), or a guide
    /// id read from the local store (with --data, or when no such file exists).
    #[arg(value_name = "FILE-or-GUIDE_ID")]
    pub file: PathBuf,
    /// A choice to apply, in order: an option id, `next` (action steps) or `acute`.
    #[arg(long = "answer", value_name = "OPTION_ID")]
    pub answers: Vec<String>,
    /// Your sector: shows its legal rule beside barnevernsloven (barnehage, skole, helsestasjon, tannhelse, fastlege, nav).
    #[arg(long)]
    pub sector: Option<Sector>,
    /// Language of the texts: nb, nn or en (missing translations fall back to bokmål).
    #[arg(long, default_value_t = Lang::Nb)]
    pub lang: Lang,
    /// Print one JSON document (see --help) instead of text.
    #[arg(long)]
    pub json: bool,
    /// Resume the walk from this file and save it back afterwards.
    #[arg(long, value_name = "FILE")]
    pub session: Option<PathBuf>,
    /// Where the child lives: the numbers on each step are resolved for this postcode.
    #[arg(long, value_name = "NNNN")]
    pub postnummer: Option<String>,
    /// The bydel (bydelsnummer, e.g. 09), when the postcode spans several.
    #[arg(long, value_name = "NN", requires = "postnummer")]
    pub bydel: Option<String>,
    /// Evaluate opening hours at this instant instead of now (RFC 3339, e.g.
    /// 2026-12-02T10:00:00+01:00).
    #[arg(long, value_name = "RFC3339", value_parser = crate::commands::contacts::parse_at)]
    pub at: Option<chrono::DateTime<chrono::Utc>>,
    /// Read GUIDE_ID from the local store in this folder (what `veiviser sync` fetched; a
    /// fresh install has the bundled demo content). Default folder: $VEIVISER_DATA, else
    /// ~/.local/share/veiviser.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Public keys the local store is checked against (default: $VEIVISER_TRUSTED_KEYS, else
    /// the built-in DEMO-ONLY key).
    #[arg(long, value_name = "FILE")]
    pub trusted_keys: Option<PathBuf>,
}

/// Runs `veiviser walk`.
pub fn run(args: Args) -> CliResult {
    let from_store = args.data.is_some()
        || (!args.file.exists() && crate::local_content::looks_like_guide_id(&args.file));
    let guide = if from_store {
        crate::local_content::guide_from_store(
            args.data.as_deref(),
            args.trusted_keys.as_deref(),
            &args.file.to_string_lossy(),
            args.lang,
        )?
    } else {
        load_guide(&args.file)?
    };
    walk(&guide, &args, from_store)
}

/// What the walk's screen reads: the local store (a guide from it), or — for a guide file —
/// the content a first launch holds (the bundled snapshot, in memory), with the walked guide
/// as loaded. Content that cannot be opened leaves the national numbers only.
fn app_content(guide: &Guide, args: &Args, from_store: bool) -> CliResult<AppContent> {
    let local = crate::local_content::LocalArgs {
        data: args.data.clone(),
        trusted_keys: args.trusted_keys.clone(),
    };
    let device = if from_store {
        Some(local.open()?.content)
    } else {
        let (keys, _) = local.trusted_keys()?;
        crate::local_content::bundled_snapshot()
            .ok()
            .and_then(|snap| veiviser_core::device::DeviceContent::in_memory(keys, Some(snap)).ok())
            .map(Arc::new)
    };
    let mut content = match device.map(|d| AppContent::from_device(&d)) {
        Some(Ok(c)) => c,
        _ => AppContent::new(
            Vec::new(),
            Arc::new(veiviser_core::directory::ContactBook::new(
                veiviser_core::directory::Directory::from_entries(Vec::new())
                    .expect("an empty directory is valid"),
                veiviser_core::directory::Places::from_entries(Vec::new())
                    .expect("empty places are valid"),
            )),
        ),
    };
    content.guides.retain(|g| g.id != guide.id);
    content.guides.push(GuideEntry::new(
        guide.id.clone(),
        Ok(Arc::new(guide.clone())),
    ));
    Ok(content)
}

/// The staff app on the walk's step: language, sector, the walk and its area.
fn app_on(
    guide: &Guide,
    args: &Args,
    from_store: bool,
    session: &Session,
    ask_sector: bool,
) -> CliResult<App> {
    let content = app_content(guide, args, from_store)?;
    let area = args.postnummer.as_ref().map(|p| AreaChoice {
        postnummer: Some(p.trim().to_string()),
        kommunenummer: None,
        bydelsnummer: args.bydel.clone(),
    });
    let area = match area {
        // A bydel needs its municipality: the postcode's.
        Some(mut a) if a.bydelsnummer.is_some() => {
            let res = content
                .book
                .resolve(&veiviser_core::directory::Location::Postnummer {
                    postnummer: a.postnummer.clone().unwrap_or_default(),
                })?;
            a.kommunenummer = res.kommune.map(|k| k.kommunenummer);
            Some(a)
        }
        other => other,
    };
    let state = AppState {
        screen: ScreenId::GuideStep,
        lang: args.lang,
        sector: session.sector().or(args.sector),
        sector_skipped: !ask_sector || session.sector().or(args.sector).is_some(),
        walk: Some(WalkState {
            session: session.clone(),
            area,
            area_skipped: true,
        }),
        ..AppState::default()
    };
    Ok(App::from_state(state, content))
}

/// Loads and validates a guide file; an invalid file is exit 1 with every error.
pub fn load_guide(path: &Path) -> CliResult<Guide> {
    Ok(load_guide_file(path)?.guide)
}

/// Walks an already loaded, valid guide as `args` ask (everything after loading).
pub fn walk(guide: &Guide, args: &Args, from_store: bool) -> CliResult {
    let (mut session, resumed) = match &args.session {
        Some(path) => open_session(guide, path, args.sector, args.lang)?,
        None => (Session::start_in(guide, args.sector)?, None),
    };
    apply_answers(guide, &mut session, &args.answers, args.lang)?;
    let stdout = std::io::stdout();
    let interactive = args.answers.is_empty()
        && !args.json
        && std::io::stdin().is_terminal()
        && stdout.is_terminal();
    let style = render::Style::for_terminal(stdout.is_terminal());
    // A linked guide is available when its file lies beside this one (a guide from the
    // store: not checked).
    let folder = (args.data.is_none() && args.file.exists())
        .then(|| args.file.parent().map(Path::to_path_buf))
        .flatten();
    let has_guide = |id: &str| match &folder {
        Some(dir) => {
            dir.join(format!("{id}.toml")).exists() || dir.join(format!("{id}.json")).exists()
        }
        None => true,
    };
    let now = {
        let at = args.at;
        move || {
            at.map(std::time::SystemTime::from)
                .unwrap_or_else(std::time::SystemTime::now)
        }
    };
    if interactive {
        let mut app = app_on(guide, args, from_store, &session, true)?;
        let layout = screen::Layout::for_output(true, style);
        let stdin = std::io::stdin();
        interactive::run(
            &mut app,
            &now,
            layout,
            &mut stdin.lock(),
            &mut stdout.lock(),
        )
        .map_err(|e| CliError::new(Exit::Usage, format!("terminal: {e}")))?;
        if let Some(walk) = &app.state().walk {
            session = walk.session.clone();
        }
    } else {
        let out = if args.json {
            let doc = render::json_document(
                guide,
                &session,
                args.lang,
                args.sector,
                resumed.as_ref(),
                &has_guide,
            )?;
            format!(
                "{}\n",
                serde_json::to_string_pretty(&doc).expect("JSON values serialize")
            )
        } else {
            let app = app_on(guide, args, from_store, &session, false)?;
            let view = app.view(now().into());
            let mut text = String::new();
            if let Some(message) = resumed
                .as_ref()
                .and_then(|r| veiviser_core::view::ResumeView::new(r, args.lang).message)
            {
                text.push_str(&format!("{message}\n\n"));
            }
            text.push_str(&screen::step(
                &view,
                screen::Layout::for_output(stdout.is_terminal(), style),
                screen::Hints::Script,
            ));
            text
        };
        let mut lock = stdout.lock();
        // A closed pipe (e.g. `| head`) is not an error worth reporting.
        let _ = lock.write_all(out.as_bytes()).and_then(|()| lock.flush());
    }
    if let Some(path) = &args.session {
        save_session(path, &session, args.lang)?;
    }
    Ok(())
}

/// Applies scripted choices in order; the first invalid one is a usage error listing the valid ids.
///
/// With `--sector`, sector branches are answered without asking; an answer that repeats the
/// option the sector just chose (a script written before that) is accepted and skipped.
pub fn apply_answers(
    guide: &Guide,
    session: &mut Session,
    answers: &[String],
    lang: Lang,
) -> CliResult {
    for (n, answer) in answers.iter().enumerate() {
        let repeats_sector_choice = matches!(
            session.history().last(),
            Some(Move::Sector { option, .. }) if option == answer
        ) && !valid_choices_now(guide, session).contains(answer);
        if repeats_sector_choice {
            continue;
        }
        session.choose(guide, answer).map_err(|e| match e {
            Error::Navigation(NavigationError::InvalidAnswer {
                step,
                option,
                valid,
            }) => CliError::usage(msg::WALK_INVALID_ANSWER.fill(
                lang,
                &[
                    ("option", &option),
                    ("n", &(n + 1).to_string()),
                    ("total", &answers.len().to_string()),
                    ("step", &step),
                    ("valid", &valid.join(", ")),
                ],
            )),
            other => CliError::from(other),
        })?;
    }
    Ok(())
}

/// The ids `choose` accepts on the current step.
fn valid_choices_now(guide: &Guide, session: &Session) -> Vec<String> {
    guide
        .step(session.current_step_id())
        .map(valid_choices)
        .unwrap_or_default()
}

/// Resumes the session saved in `path` (a fresh one if the file does not exist yet); a
/// `--sector` given now replaces the saved one.
fn open_session(
    guide: &Guide,
    path: &Path,
    sector: Option<Sector>,
    lang: Lang,
) -> CliResult<(Session, Option<ResumeOutcome>)> {
    let file = path.display().to_string();
    let say = |m: veiviser_core::i18n::Message, error: &dyn std::fmt::Display| {
        CliError::usage(m.fill(lang, &[("file", &file), ("error", &error.to_string())]))
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Session::start_in(guide, sector)?, None))
        }
        Err(e) => return Err(say(msg::WALK_SESSION_UNREADABLE, &e)),
    };
    let saved: Session =
        serde_json::from_slice(&bytes).map_err(|e| say(msg::WALK_SESSION_INVALID, &e))?;
    let sector = sector.or(saved.sector());
    let (session, outcome) = Session::resume_in(guide, saved, sector)
        .map_err(|e| say(msg::WALK_SESSION_OTHER_GUIDE, &e))?;
    Ok((session, Some(outcome)))
}

/// Writes the session next to its final place and renames it, so a crash leaves the old file.
fn save_session(path: &Path, session: &Session, lang: Lang) -> CliResult {
    let json = serde_json::to_vec_pretty(session).expect("a session serializes");
    let tmp = path.with_extension("tmp-veiviser");
    let fail = |e: std::io::Error| {
        CliError::new(
            Exit::Storage,
            msg::WALK_SESSION_SAVE_FAILED.fill(
                lang,
                &[
                    ("file", &path.display().to_string()),
                    ("error", &e.to_string()),
                ],
            ),
        )
    };
    std::fs::write(&tmp, json).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
