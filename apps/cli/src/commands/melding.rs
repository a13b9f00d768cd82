//! `veiviser melding`: report-of-concern drafts kept only on this device, encrypted, deleted
//! 14 days after the last edit (docs/melding.md, docs/adr/0008-report-of-concern-drafts.md).
//!
//! Drafts live in `<data>/drafts/`; the master key is the key file `<data>/drafts.key`
//! (created with mode 0600) unless `--key-file` or `VEIVISER_DRAFTS_PASSPHRASE` says
//! otherwise. Nothing but `show` and `export` ever prints what a draft holds.

use crate::commands::contacts::DataArgs;
use crate::exit::{CliError, CliResult, Exit};
use crate::local_content::LocalArgs;
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};
use veiviser_core::directory::resolve::Location;
use veiviser_core::drafts::key::load_or_create_salt;
use veiviser_core::drafts::view::{draft_view, summary};
use veiviser_core::drafts::{
    ks_fiks_json, plain_text, Adresse, Conversation, ConversationWith, Draft, DraftError,
    DraftStore, Foresatt, MasterKey, Measure, Observation, Recipient, WalkOrigin,
};
use veiviser_core::guide::navigator::Session;
use veiviser_core::{Lang, Sector};

/// Env var: a passphrase for the drafts' master key instead of the key file (Argon2id).
pub const PASSPHRASE_ENV: &str = "VEIVISER_DRAFTS_PASSPHRASE";

const AFTER_HELP: &str = "\
Drafts stay on this device, encrypted (XChaCha20-Poly1305, one data key per draft), and are
destroyed 14 days after the last edit (--retention-days: fewer). Export them into the national
portal or your employer's archive, then delete them. Never send a melding by ordinary e-mail;
in an acute situation call first (112, or the barnevernvakt).

Master key: --key-file FILE (default <data>/drafts.key, created with mode 0600), or a
passphrase in $VEIVISER_DRAFTS_PASSPHRASE (Argon2id; salt in <data>/drafts/salt).

Exit codes: 0 ok, 1 the draft is incomplete (export lists every missing field), 2 usage
(unknown id, bad date or number), 4 a draft is damaged or sealed with another key (other
drafts are unaffected), 5 storage or key-file failure.";

/// Arguments of `veiviser melding`.
#[derive(Debug, clap::Args)]
#[command(after_long_help = AFTER_HELP)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Sub,
    /// The data folder (default: $VEIVISER_DATA, else ~/.local/share/veiviser).
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
    /// The master key file (default: `<data>/drafts.key`).
    #[arg(long, value_name = "FILE", global = true)]
    pub key_file: Option<PathBuf>,
    /// Language of the texts: nb, nn or en.
    #[arg(long, default_value_t = Lang::Nb, global = true)]
    pub lang: Lang,
    /// The instant to act at instead of now (RFC 3339), for expiry checks and scripts.
    #[arg(long, value_name = "RFC3339", global = true, value_parser = parse_at)]
    pub at: Option<DateTime<Utc>>,
}

/// The `melding` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Start a draft, optionally from a guide walk (--guide with --answer); prints its id.
    New(NewArgs),
    /// Set fields of a draft: recipient, child, texts, retention.
    Set(Box<SetArgs>),
    /// Add a dated observation.
    AddObservation(ObservationArgs),
    /// Add a parent or guardian (at most two).
    AddForesatt(ForesattArgs),
    /// Add a conversation held (or --not-held with the reason).
    AddConversation(ConversationArgs),
    /// Add a measure already tried.
    AddMeasure(MeasureArgs),
    /// Set your reporter profile (kept once, encrypted).
    Profile(ProfileArgs),
    /// Show a draft with guidance, expiry and what is missing.
    Show(ShowArgs),
    /// Export as KS Fiks v2 JSON or plain text in the portal's order.
    Export(ExportArgs),
    /// Destroy a draft.
    Delete(IdArg),
    /// List the drafts with their expiry.
    List(ListArgs),
}

/// `melding new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The guide walked (a TOML file, or a guide id in the local store).
    #[arg(long, value_name = "FILE-or-GUIDE_ID")]
    pub guide: Option<PathBuf>,
    /// The walk's choices, in order (as for `veiviser walk --answer`).
    #[arg(long = "answer", value_name = "OPTION_ID", requires = "guide")]
    pub answers: Vec<String>,
    /// Your sector (its legal rule is recorded beside barnevernsloven § 13-2).
    #[arg(long)]
    pub sector: Option<Sector>,
    /// Days after the last edit until the draft is destroyed (1-14).
    #[arg(long, value_name = "DAYS")]
    pub retention_days: Option<u32>,
}

/// A draft id.
#[derive(Debug, clap::Args)]
pub struct IdArg {
    /// The draft id (as `melding list` shows).
    pub id: String,
}

/// `melding set`.
#[derive(Debug, clap::Args)]
pub struct SetArgs {
    /// The draft id.
    pub id: String,
    /// Look up kommune and bydel from the child's postcode (the postcode register given
    /// with --postcodes and --bydel-pairs, else the built-in sample).
    #[arg(long, value_name = "NNNN")]
    pub postnummer: Option<String>,
    /// Bring's postcode register for --postnummer (as for `veiviser contacts`).
    #[arg(long, value_name = "FILE", requires = "postnummer")]
    pub postcodes: Option<PathBuf>,
    /// Postcode → bydel pairs for --postnummer (as for `veiviser contacts`).
    #[arg(long, value_name = "FILE-or-DIR", requires = "postnummer")]
    pub bydel_pairs: Option<PathBuf>,
    /// The kommunenummer (with --kommunenavn), instead of a lookup.
    #[arg(long, value_name = "NNNN")]
    pub kommunenummer: Option<String>,
    /// The kommunenavn.
    #[arg(long)]
    pub kommunenavn: Option<String>,
    /// The bydelsnummer (2 digits).
    #[arg(long, value_name = "NN")]
    pub bydelsnummer: Option<String>,
    /// The bydelsnavn.
    #[arg(long)]
    pub bydelsnavn: Option<String>,
    /// The child's full name.
    #[arg(long)]
    pub child_name: Option<String>,
    /// The child's fødselsnummer or D-number.
    #[arg(long)]
    pub fnr: Option<String>,
    /// The child is not born yet.
    #[arg(long)]
    pub unborn: bool,
    /// The child's street address.
    #[arg(long)]
    pub child_address: Option<String>,
    /// The child's postcode (address).
    #[arg(long)]
    pub child_postnummer: Option<String>,
    /// The child's post town.
    #[arg(long)]
    pub child_poststed: Option<String>,
    /// Whether the child has been told: yes or no.
    #[arg(long, value_parser = parse_yes_no)]
    pub child_informed: Option<bool>,
    /// Why the child has not been told.
    #[arg(long)]
    pub child_reason: Option<String>,
    /// The concern in your words (melding).
    #[arg(long)]
    pub melding: Option<String>,
    /// How long it has lasted, earlier concerns (historie).
    #[arg(long)]
    pub historie: Option<String>,
    /// Anything else (andre synspunkter).
    #[arg(long)]
    pub andre_synspunkter: Option<String>,
    /// Interpreter needed (language), or empty.
    #[arg(long)]
    pub tolk: Option<String>,
    /// Other services involved with the child.
    #[arg(long)]
    pub andre_hjelpeinstanser: Option<String>,
    /// Days after the last edit until the draft is destroyed (1-14).
    #[arg(long, value_name = "DAYS")]
    pub retention_days: Option<u32>,
}

/// `melding add-observation`.
#[derive(Debug, clap::Args)]
pub struct ObservationArgs {
    /// The draft id.
    pub id: String,
    /// The day (YYYY-MM-DD).
    #[arg(long)]
    pub date: String,
    /// The time (HH:MM).
    #[arg(long, default_value = "")]
    pub time: String,
    /// What you saw or heard (describe, do not interpret).
    #[arg(long)]
    pub what: String,
    /// The child's own words, verbatim.
    #[arg(long, default_value = "")]
    pub child_words: String,
    /// When the child said them (HH:MM).
    #[arg(long, default_value = "")]
    pub child_words_time: String,
    /// Who else saw or heard it.
    #[arg(long, default_value = "")]
    pub witnesses: String,
    /// How long it has lasted or how often.
    #[arg(long, default_value = "")]
    pub duration: String,
}

/// `melding add-foresatt`.
#[derive(Debug, clap::Args)]
pub struct ForesattArgs {
    /// The draft id.
    pub id: String,
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Phone.
    #[arg(long, default_value = "")]
    pub phone: String,
    /// Whether this person has been told: yes or no.
    #[arg(long, value_parser = parse_yes_no)]
    pub informed: Option<bool>,
    /// Why not.
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// `melding add-conversation`.
#[derive(Debug, clap::Args)]
pub struct ConversationArgs {
    /// The draft id.
    pub id: String,
    /// With whom: child, parents or other.
    #[arg(long, value_parser = parse_with)]
    pub with: ConversationWith,
    /// The day (YYYY-MM-DD), when held.
    #[arg(long, default_value = "")]
    pub date: String,
    /// What was said.
    #[arg(long, default_value = "")]
    pub summary: String,
    /// It was not held, and why.
    #[arg(long, value_name = "REASON")]
    pub not_held: Option<String>,
}

/// `melding add-measure`.
#[derive(Debug, clap::Args)]
pub struct MeasureArgs {
    /// The draft id.
    pub id: String,
    /// When it started (YYYY-MM-DD).
    #[arg(long, default_value = "")]
    pub date: String,
    /// What was done.
    #[arg(long)]
    pub what: String,
    /// What came of it.
    #[arg(long, default_value = "")]
    pub result: String,
}

/// `melding profile`.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// Your full name.
    #[arg(long)]
    pub name: Option<String>,
    /// Your role.
    #[arg(long)]
    pub role: Option<String>,
    /// Your phone.
    #[arg(long)]
    pub phone: Option<String>,
    /// Your work e-mail.
    #[arg(long)]
    pub email: Option<String>,
    /// Your organisation.
    #[arg(long)]
    pub org: Option<String>,
    /// The organisation number.
    #[arg(long)]
    pub orgnr: Option<String>,
    /// The organisation's street address.
    #[arg(long)]
    pub org_address: Option<String>,
    /// The organisation's postcode.
    #[arg(long)]
    pub org_postnummer: Option<String>,
    /// The organisation's post town.
    #[arg(long)]
    pub org_poststed: Option<String>,
}

/// `melding show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The draft id.
    pub id: String,
    /// Print the view model as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `melding export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The draft id.
    pub id: String,
    /// json (KS Fiks v2) or text (the portal's order).
    #[arg(long, default_value = "json", value_parser = ["json", "text"])]
    pub format: String,
    /// Write to this file (mode 0600) instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `melding list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_at(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .map_err(|e| format!("not an RFC 3339 instant ({e})"))
}

fn parse_yes_no(s: &str) -> Result<bool, String> {
    match s {
        "yes" | "ja" | "true" => Ok(true),
        "no" | "nei" | "false" => Ok(false),
        _ => Err("use yes or no".into()),
    }
}

fn parse_with(s: &str) -> Result<ConversationWith, String> {
    match s {
        "child" | "barnet" => Ok(ConversationWith::Child),
        "parents" | "foreldrene" => Ok(ConversationWith::Parents),
        "other" | "andre" => Ok(ConversationWith::Other),
        _ => Err("use child, parents or other".into()),
    }
}

impl From<DraftError> for CliError {
    fn from(e: DraftError) -> Self {
        let exit = match &e {
            DraftError::Incomplete { .. } => Exit::InvalidContent,
            DraftError::NotFound { .. } | DraftError::Invalid { .. } => Exit::Usage,
            DraftError::WrongKey { .. } | DraftError::Damaged { .. } => Exit::Integrity,
            DraftError::Key { .. } | DraftError::Io { .. } => Exit::Storage,
        };
        let message = match &e {
            DraftError::Incomplete { problems } => {
                let mut m = "the draft is not complete:".to_string();
                for p in problems {
                    m.push_str(&format!("\n  {}: {}", p.field, p.message));
                }
                m
            }
            other => other.to_string(),
        };
        CliError::new(exit, message)
    }
}

struct Ctx {
    data: PathBuf,
    store: DraftStore,
    lang: Lang,
    now: DateTime<Utc>,
}

fn master_key(data: &Path, key_file: Option<&Path>) -> CliResult<MasterKey> {
    if let Some(pass) = std::env::var_os(PASSPHRASE_ENV).filter(|p| !p.is_empty()) {
        let pass = pass.to_string_lossy().into_owned();
        let salt = load_or_create_salt(&data.join("drafts").join("salt"))?;
        return Ok(MasterKey::from_passphrase(&pass, &salt)?);
    }
    let path = key_file.map_or_else(|| data.join("drafts.key"), Path::to_path_buf);
    Ok(MasterKey::load_or_create_key_file(&path)?)
}

fn open(args: &Args) -> CliResult<Ctx> {
    let data = LocalArgs {
        data: args.data.clone(),
        trusted_keys: None,
    }
    .data_dir();
    std::fs::create_dir_all(&data)
        .map_err(|e| CliError::new(Exit::Storage, format!("{}: {e}", data.display())))?;
    let now = args.at.unwrap_or_else(Utc::now);
    let key = master_key(&data, args.key_file.as_deref())?;
    let (store, report) = DraftStore::open(&data.join("drafts"), key, now)?;
    for id in &report.expired {
        eprintln!("veiviser: draft {id} expired and was destroyed");
    }
    Ok(Ctx {
        data,
        store,
        lang: args.lang,
        now,
    })
}

fn print(out: &str) {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    let _ = lock.write_all(out.as_bytes()).and_then(|()| lock.flush());
}

fn saved_line(ctx: &Ctx, d: &Draft) -> String {
    format!(
        "{}\t{}\n",
        d.id,
        veiviser_core::drafts::view::expiry_text(d.days_left(ctx.now), ctx.lang)
    )
}

fn edit(ctx: &Ctx, id: &str, f: impl FnOnce(&mut Draft) -> CliResult) -> CliResult {
    let mut d = ctx.store.load(id)?;
    f(&mut d)?;
    ctx.store.save(&mut d, ctx.now)?;
    print(&saved_line(ctx, &d));
    Ok(())
}

fn set_if(target: &mut String, v: &Option<String>) {
    if let Some(v) = v {
        *target = v.clone();
    }
}

/// Runs `veiviser melding`.
pub fn run(args: Args) -> CliResult {
    let ctx = open(&args)?;
    match args.command {
        Sub::New(a) => new(&ctx, &a),
        Sub::Set(a) => set(&ctx, &a),
        Sub::AddObservation(a) => edit(&ctx, &a.id, |d| {
            Ok(d.add_observation(Observation {
                date: a.date.clone(),
                time: a.time.clone(),
                what: a.what.clone(),
                child_words: a.child_words.clone(),
                child_words_time: a.child_words_time.clone(),
                witnesses: a.witnesses.clone(),
                duration: a.duration.clone(),
            })?)
        }),
        Sub::AddForesatt(a) => edit(&ctx, &a.id, |d| {
            Ok(d.add_foresatt(
                Foresatt {
                    personnavn: a.name.clone(),
                    telefonnummer: a.phone.clone(),
                    orientert: a.informed,
                    orientert_grunn: a.reason.clone(),
                },
                ctx.lang,
            )?)
        }),
        Sub::AddConversation(a) => edit(&ctx, &a.id, |d| {
            Ok(d.add_conversation(Conversation {
                with_whom: a.with,
                held: a.not_held.is_none(),
                date: a.date.clone(),
                summary: a.summary.clone(),
                why_not: a.not_held.clone().unwrap_or_default(),
            })?)
        }),
        Sub::AddMeasure(a) => edit(&ctx, &a.id, |d| {
            Ok(d.add_measure(Measure {
                date: a.date.clone(),
                what: a.what.clone(),
                result: a.result.clone(),
            })?)
        }),
        Sub::Profile(a) => profile(&ctx, &a),
        Sub::Show(a) => {
            let d = ctx.store.load(&a.id)?;
            // An unreadable profile does not hide the draft; export still needs it.
            let profile = ctx.store.load_profile().unwrap_or_else(|e| {
                eprintln!("veiviser: {e}");
                None
            });
            let v = draft_view(&d, profile.as_ref(), ctx.lang, ctx.now);
            if a.json {
                print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&v).expect("a view serializes")
                ));
            } else {
                print(&render_view(&v));
            }
            Ok(())
        }
        Sub::Export(a) => export(&ctx, &a),
        Sub::Delete(a) => {
            ctx.store.delete(&a.id)?;
            print(&format!("{}\tdeleted\n", a.id));
            Ok(())
        }
        Sub::List(a) => {
            let rows: Vec<_> = ctx
                .store
                .list()?
                .iter()
                .map(|l| summary(l, ctx.lang, ctx.now))
                .collect();
            if a.json {
                print(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&rows).expect("summaries serialize")
                ));
            } else {
                let mut out = String::new();
                for r in &rows {
                    match &r.error {
                        None => out.push_str(&format!(
                            "{}\t{}\t{} obs.\n",
                            r.id, r.expiry_text, r.observation_count
                        )),
                        Some(e) => out.push_str(&format!("{}\t{}\t{e}\n", r.id, r.expiry_text)),
                    }
                }
                print(&out);
            }
            Ok(())
        }
    }
}

fn new(ctx: &Ctx, a: &NewArgs) -> CliResult {
    let origin = match &a.guide {
        None => None,
        Some(g) => {
            let guide = if g.exists() {
                crate::commands::walk::load_guide(g)?
            } else {
                crate::local_content::guide_from_store(
                    Some(&ctx.data),
                    None,
                    &g.to_string_lossy(),
                    ctx.lang,
                )?
            };
            let mut session = Session::start(&guide)?;
            crate::commands::walk::apply_answers(&guide, &mut session, &a.answers, ctx.lang)?;
            Some(WalkOrigin::from_walk(&guide, &session, a.sector))
        }
    };
    let mut d = Draft::new(DraftStore::new_id()?, ctx.now, origin, ctx.lang);
    if let Some(days) = a.retention_days {
        d.set_retention_days(days)?;
    }
    ctx.store.save(&mut d, ctx.now)?;
    print(&saved_line(ctx, &d));
    if d.parents_must_not_be_told() {
        eprintln!(
            "veiviser: {}",
            veiviser_core::drafts::messages::Msg::WarnDoNotInformParents.text(ctx.lang)
        );
    }
    Ok(())
}

fn set(ctx: &Ctx, a: &SetArgs) -> CliResult {
    edit(ctx, &a.id, |d| {
        if let Some(p) = &a.postnummer {
            let (book, _) = crate::commands::contacts::load_book(&DataArgs {
                postcodes: a.postcodes.clone(),
                directory: None,
                bydel_pairs: a.bydel_pairs.clone(),
                data: None,
                trusted_keys: None,
            })?;
            let res = book.resolve(&Location::Postnummer {
                postnummer: p.clone(),
            })?;
            d.set_recipient_from(&res)?;
        }
        if a.kommunenummer.is_some() || a.bydelsnummer.is_some() {
            let mut r = d.recipient.clone().unwrap_or_else(Recipient::default);
            set_if(&mut r.kommunenummer, &a.kommunenummer);
            set_if(&mut r.kommunenavn, &a.kommunenavn);
            set_if(&mut r.bydelsnummer, &a.bydelsnummer);
            set_if(&mut r.bydelsnavn, &a.bydelsnavn);
            d.set_recipient(r);
        }
        let c = &mut d.child;
        set_if(&mut c.personnavn, &a.child_name);
        set_if(&mut c.fnr, &a.fnr);
        if a.unborn {
            c.ufoedt = true;
            c.fnr.clear();
        }
        set_if(&mut c.adresse.adresselinje1, &a.child_address);
        set_if(&mut c.adresse.postnummer, &a.child_postnummer);
        set_if(&mut c.adresse.poststed, &a.child_poststed);
        if a.child_informed.is_some() {
            c.orientert = a.child_informed;
        }
        set_if(&mut c.orientert_grunn, &a.child_reason);
        let t = &mut d.text;
        set_if(&mut t.melding, &a.melding);
        set_if(&mut t.historie, &a.historie);
        set_if(&mut t.andre_synspunkter, &a.andre_synspunkter);
        set_if(&mut t.behov_for_tolk, &a.tolk);
        set_if(&mut t.andre_hjelpeinstanser, &a.andre_hjelpeinstanser);
        if let Some(days) = a.retention_days {
            d.set_retention_days(days)?;
        }
        Ok(())
    })
}

fn profile(ctx: &Ctx, a: &ProfileArgs) -> CliResult {
    let mut p = ctx.store.load_profile()?.unwrap_or_default();
    set_if(&mut p.personnavn, &a.name);
    set_if(&mut p.rolle, &a.role);
    set_if(&mut p.telefonnummer, &a.phone);
    set_if(&mut p.epost, &a.email);
    set_if(&mut p.virksomhet_navn, &a.org);
    set_if(&mut p.orgnr, &a.orgnr);
    let ad: &mut Adresse = &mut p.virksomhet_adresse;
    set_if(&mut ad.adresselinje1, &a.org_address);
    set_if(&mut ad.postnummer, &a.org_postnummer);
    set_if(&mut ad.poststed, &a.org_poststed);
    ctx.store.save_profile(&p)?;
    print("profile saved\n");
    Ok(())
}

fn export(ctx: &Ctx, a: &ExportArgs) -> CliResult {
    let d = ctx.store.load(&a.id)?;
    let profile = ctx.store.load_profile()?;
    let out = if a.format == "json" {
        let doc = ks_fiks_json(&d, profile.as_ref(), ctx.now, ctx.lang)?;
        format!(
            "{}\n",
            serde_json::to_string_pretty(&doc).expect("JSON values serialize")
        )
    } else {
        plain_text(&d, profile.as_ref(), ctx.lang)
    };
    match &a.out {
        None => print(&out),
        Some(path) => {
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            opts.open(path)
                .and_then(|mut f| f.write_all(out.as_bytes()))
                .map_err(|e| CliError::new(Exit::Storage, format!("{}: {e}", path.display())))?;
        }
    }
    Ok(())
}

fn render_view(v: &veiviser_core::drafts::DraftView) -> String {
    let mut s = format!("{}  ({})\n{}\n", v.heading, v.id, v.expiry_text);
    if let Some(w) = &v.warning {
        s.push_str(&format!("\n!! {w}\n"));
    }
    if let Some(o) = &v.origin {
        s.push_str(&format!("\n{o}\n"));
    }
    s.push('\n');
    for g in &v.guidance {
        s.push_str(&format!("* {g}\n"));
    }
    if !v.observations.is_empty() {
        s.push('\n');
        for (i, o) in v.observations.iter().enumerate() {
            s.push_str(&format!("{}. {} {} {}\n", i + 1, o.date, o.time, o.what));
            if !o.child_words.is_empty() {
                s.push_str(&format!(
                    "   «{}» ({})\n",
                    o.child_words, o.child_words_time
                ));
            }
        }
    }
    s.push('\n');
    for p in &v.observation_prompts {
        s.push_str(&format!("? {p}\n"));
    }
    if !v.problems.is_empty() {
        s.push('\n');
        for p in &v.problems {
            s.push_str(&format!("- {}: {}\n", p.field, p.message));
        }
    }
    s
}
