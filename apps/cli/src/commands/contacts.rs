//! `veiviser contacts`: who to call for a child, right now, best first.
//!
//! Loading (the built-in demo, or admin files given with `--directory`, `--postcodes` and
//! `--bydel-pairs`) is kept apart from rendering, so other data sources (the synced local
//! store) can plug in without touching the output.

use crate::exit::{CliError, CliResult};
use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;
use std::path::PathBuf;
use veiviser_core::directory::load::{
    bydel_pairs_from_path, directory_from_dir, directory_from_sources, places_from_sources,
    register_from_file, SourceBytes, SourceFile,
};
use veiviser_core::directory::{
    AdviceReason, ContactBook, ContactsAnswer, ContactsQuery, Location, OpenState, Places,
};
use veiviser_core::{ContactRole, Lang};

/// The demo directory shipped in `server/content/directory/`, built into the binary.
const DEMO_DIRECTORY: [(&str, &str); 2] = [
    (
        "national.toml",
        include_str!("../../../../server/content/directory/national.toml"),
    ),
    (
        "oslo.toml",
        include_str!("../../../../server/content/directory/oslo.toml"),
    ),
];

/// The hand-made postcode sample shipped with the demo (not the register).
const SAMPLE_REGISTER: (&str, &[u8]) = (
    "places/postnummer-utvalg.tab",
    include_bytes!("../../../../server/content/directory/places/postnummer-utvalg.tab"),
);

/// The hand-made bydel-pair sample shipped with the demo.
const SAMPLE_BYDEL_PAIRS: [(&str, &[u8]); 2] = [
    (
        "places/bydel/oslo.tsv",
        include_bytes!("../../../../server/content/directory/places/bydel/oslo.tsv"),
    ),
    (
        "places/bydel/trondheim.tsv",
        include_bytes!("../../../../server/content/directory/places/bydel/trondheim.tsv"),
    ),
];

/// Where the directory and places come from; shared by `contacts` and `search`.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// Bring's postcode register (tab-separated, UTF-8 or ANSI). Default: the built-in sample
    /// of a few postcodes.
    #[arg(long, value_name = "FILE")]
    pub postcodes: Option<PathBuf>,
    /// A folder of directory files (*.toml, *.json). Default: the built-in demo directory.
    #[arg(long, value_name = "DIR")]
    pub directory: Option<PathBuf>,
    /// Postcode → bydel candidates: one .tsv file or a folder of them, lines
    /// `postnummer<TAB>bydel[<TAB>kommunenummer]`; without the third column the file is named
    /// after its municipality (oslo.tsv or 0301.tsv). Default: the built-in sample when
    /// --postcodes is not given, otherwise none.
    #[arg(long, value_name = "FILE-or-DIR")]
    pub bydel_pairs: Option<PathBuf>,
    /// Read the directory and places from the local store in this folder (what `veiviser
    /// sync` fetched; works offline) instead of the built-in demo or files.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["postcodes", "directory", "bydel_pairs"])]
    pub data: Option<PathBuf>,
    /// Public keys the local store is checked against (default: $VEIVISER_TRUSTED_KEYS, else
    /// the built-in DEMO-ONLY key); only with --data.
    #[arg(long, value_name = "FILE", requires = "data")]
    pub trusted_keys: Option<PathBuf>,
}

/// Which data an answer was computed from, for the user and for JSON.
#[derive(Debug, Clone, Serialize)]
pub struct DataSources {
    /// The directory: a folder, or the built-in demo.
    pub directory: String,
    /// The postcode register: a file, or the built-in sample.
    pub postcodes: String,
    /// The bydel pairs: a file or folder, the built-in sample, or none.
    pub bydel_pairs: String,
    /// Postcodes loaded.
    pub postcode_count: usize,
}

const BUILT_IN_DEMO: &str = "built-in demo (server/content/directory)";
const BUILT_IN_SAMPLE: &str = "built-in sample (a few postcodes, not the register)";

/// Loads the directory and places named by `args` (or the built-in demo) into a contact book.
pub fn load_book(args: &DataArgs) -> CliResult<(ContactBook, DataSources)> {
    if let Some(data) = &args.data {
        return crate::local_content::book_from_store(data, args.trusted_keys.as_deref());
    }
    let directory = match &args.directory {
        Some(dir) => directory_from_dir(dir)?,
        None => {
            let files: Vec<SourceFile> = DEMO_DIRECTORY
                .iter()
                .map(|(name, text)| SourceFile {
                    name: format!("built-in:{name}"),
                    text: text.to_string(),
                })
                .collect();
            directory_from_sources(&files).map_err(veiviser_core::Error::from)?
        }
    };
    let (places, postcodes, bydel_pairs) = match &args.postcodes {
        Some(path) => {
            let rows = register_from_file(path)?;
            let (pairs, described) = match &args.bydel_pairs {
                Some(p) => (bydel_pairs_from_path(p, &rows)?, p.display().to_string()),
                None => (Vec::new(), "none (give --bydel-pairs)".to_string()),
            };
            let places = Places::from_rows(rows, pairs).map_err(veiviser_core::Error::from)?;
            (places, path.display().to_string(), described)
        }
        None => {
            let register = SourceBytes {
                name: format!("built-in:{}", SAMPLE_REGISTER.0),
                bytes: SAMPLE_REGISTER.1.to_vec(),
            };
            let places = match &args.bydel_pairs {
                Some(p) => {
                    let rows = veiviser_core::directory::postcodes::parse_register(
                        &register.name,
                        &register.bytes,
                    )
                    .map_err(veiviser_core::Error::from)?;
                    let pairs = bydel_pairs_from_path(p, &rows)?;
                    Places::from_rows(rows, pairs).map_err(veiviser_core::Error::from)?
                }
                None => {
                    let pairs: Vec<SourceBytes> = SAMPLE_BYDEL_PAIRS
                        .iter()
                        .map(|(name, bytes)| SourceBytes {
                            name: format!("built-in:{name}"),
                            bytes: bytes.to_vec(),
                        })
                        .collect();
                    places_from_sources(&register, &pairs).map_err(veiviser_core::Error::from)?
                }
            };
            let pairs = args
                .bydel_pairs
                .as_ref()
                .map_or_else(|| BUILT_IN_SAMPLE.to_string(), |p| p.display().to_string());
            (places, BUILT_IN_SAMPLE.to_string(), pairs)
        }
    };
    let sources = DataSources {
        directory: args
            .directory
            .as_ref()
            .map_or_else(|| BUILT_IN_DEMO.to_string(), |d| d.display().to_string()),
        postcodes,
        bydel_pairs,
        postcode_count: places.rows().len(),
    };
    Ok((ContactBook::new(directory, places), sources))
}

/// Arguments of `veiviser contacts`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The child's postcode (4 digits).
    #[arg(long, value_name = "NNNN", conflicts_with = "kommune")]
    pub postnummer: Option<String>,
    /// The child's municipality (4-digit kommunenummer).
    #[arg(long, value_name = "NNNN")]
    pub kommune: Option<String>,
    /// The child's bydel within --kommune: a number (04) or a name.
    #[arg(long, value_name = "NN", requires = "kommune")]
    pub bydel: Option<String>,
    /// The contact role the guide step asks for.
    #[arg(long, value_name = "ROLE", default_value = "barnevern", value_parser = parse_role)]
    pub role: ContactRole,
    /// Evaluate opening hours at this instant instead of now (RFC 3339, e.g.
    /// 2027-05-17T10:00:00+02:00).
    #[arg(long, value_name = "RFC3339", value_parser = parse_at)]
    pub at: Option<DateTime<Utc>>,
    /// The step is urgent: emergency numbers first.
    #[arg(long)]
    pub urgent: bool,
    /// Print the answer as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the text output: nb, nn or en.
    #[arg(long, value_name = "LANG", default_value = "nb", value_parser = parse_lang)]
    pub lang: Lang,
    /// Where the data comes from.
    #[command(flatten)]
    pub data: DataArgs,
}

fn parse_role(s: &str) -> Result<ContactRole, String> {
    s.parse()
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    s.parse()
}

fn parse_at(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("`{s}` is not an RFC 3339 time: write e.g. 2027-05-17T10:00:00+02:00"))
}

/// The JSON form: the answer plus where its data came from.
#[derive(Serialize)]
struct JsonAnswer<'a> {
    #[serde(flatten)]
    answer: &'a ContactsAnswer,
    sources: &'a DataSources,
}

/// Runs `veiviser contacts`.
pub fn run(args: Args) -> CliResult {
    let location = match (&args.postnummer, &args.kommune) {
        (Some(p), _) => Location::Postnummer {
            postnummer: p.clone(),
        },
        (None, Some(k)) => Location::Kommune {
            kommunenummer: k.clone(),
            bydel: args.bydel.clone(),
        },
        (None, None) => Location::Anywhere,
    };
    let (book, sources) = load_book(&args.data)?;
    let query = ContactsQuery {
        location,
        role: args.role,
        at: args.at.unwrap_or_else(Utc::now),
        urgent: args.urgent,
    };
    let answer = book.contacts(&query)?;
    if args.json {
        let json = serde_json::to_string_pretty(&JsonAnswer {
            answer: &answer,
            sources: &sources,
        })
        .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
        println!("{json}");
    } else {
        print!("{}", render_text(&answer, &sources, args.lang));
    }
    Ok(())
}

/// Picks the text for `lang`.
fn tr<'a>(lang: Lang, nb: &'a str, nn: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Nb => nb,
        Lang::Nn => nn,
        Lang::En => en,
    }
}

fn local_time_text(rfc3339: &str, lang: Lang) -> String {
    match DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => {
            let day = t.weekday().num_days_from_monday() as usize;
            let names = match lang {
                Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
                _ => ["man.", "tir.", "ons.", "tor.", "fre.", "lør.", "søn."],
            };
            format!("{} {}", names[day], t.format("%d.%m.%Y %H:%M"))
        }
        Err(_) => rfc3339.to_string(),
    }
}

/// The answer as text for a terminal, best contact first.
pub fn render_text(answer: &ContactsAnswer, sources: &DataSources, lang: Lang) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let role = answer.role;
    let _ = writeln!(
        out,
        "{} {} ({}) – {}{}",
        tr(
            lang,
            "Hvem du kontakter:",
            "Kven du kontaktar:",
            "Who to contact:"
        ),
        if lang == Lang::En {
            role.id()
        } else {
            role.label_nb()
        },
        role.id(),
        local_time_text(&answer.at, lang),
        if answer.urgent {
            tr(lang, " – HASTER", " – HASTAR", " – URGENT")
        } else {
            ""
        }
    );
    if let Some(p) = &answer.postcode {
        let _ = writeln!(
            out,
            "{}: {} {} ({})",
            tr(lang, "Postnummer", "Postnummer", "Postcode"),
            p.postnummer,
            p.poststed,
            p.kategori.describe(lang)
        );
    }
    if let Some(k) = &answer.kommune {
        let _ = writeln!(
            out,
            "{}: {} ({})",
            tr(lang, "Kommune", "Kommune", "Municipality"),
            k.name.as_deref().unwrap_or("?"),
            k.kommunenummer
        );
    }
    if let Some(b) = &answer.bydel {
        let number = b
            .bydelsnummer
            .as_deref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let _ = writeln!(out, "Bydel: {}{number}", b.name);
    }
    if !answer.bydel_candidates.is_empty() {
        let names: Vec<String> = answer
            .bydel_candidates
            .iter()
            .map(|b| match &b.bydelsnummer {
                Some(n) if !b.name.ends_with(n.as_str()) => format!("{} ({n})", b.name),
                _ => b.name.clone(),
            })
            .collect();
        let _ = writeln!(
            out,
            "{}: {}",
            tr(
                lang,
                "Bydel ikke avgjort – mulige bydeler",
                "Bydel ikkje avgjort – moglege bydelar",
                "Bydel not settled – candidates"
            ),
            names.join(", ")
        );
    }
    if answer.example_data {
        let _ = writeln!(
            out,
            "{}",
            tr(
                lang,
                "!!! EKSEMPELDATA: ikke bruk disse oppføringene i en ekte sak.",
                "!!! EKSEMPELDATA: ikkje bruk desse oppføringane i ei ekte sak.",
                "!!! EXAMPLE DATA: do not rely on these entries in a real case."
            )
        );
    }
    if !answer.notices.is_empty() {
        out.push('\n');
        for notice in &answer.notices {
            let _ = writeln!(out, "! {}", notice.text.get(lang));
        }
    }
    out.push('\n');
    for (i, c) in answer.contacts.iter().enumerate() {
        let reason = match c.reason {
            AdviceReason::Urgent => tr(lang, "nødnummer", "naudnummer", "emergency"),
            AdviceReason::Primary => tr(
                lang,
                "ansvarlig tjeneste",
                "ansvarleg teneste",
                "responsible service",
            ),
            AdviceReason::AfterHours => tr(
                lang,
                "utenfor kontortid / reserve",
                "utanfor kontortid / reserve",
                "after hours / fallback",
            ),
            AdviceReason::NationalFallback => tr(lang, "nasjonalt", "nasjonalt", "national"),
        };
        let example = if c.example_data {
            tr(
                lang,
                "  [EKSEMPELDATA]",
                "  [EKSEMPELDATA]",
                "  [EXAMPLE DATA]",
            )
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{}. {} – {} · {}{example}",
            i + 1,
            c.name.get(lang),
            c.area_name,
            reason
        );
        if c.channels.is_empty() {
            let _ = writeln!(
                out,
                "     {}",
                tr(
                    lang,
                    "ingen verifisert kontaktinformasjon",
                    "ingen verifisert kontaktinformasjon",
                    "no verified contact details"
                )
            );
        }
        for ch in &c.channels {
            let state = match ch.state {
                OpenState::Open => tr(lang, "ÅPEN", "OPEN", "OPEN"),
                OpenState::Closed => tr(lang, "STENGT", "STENGD", "CLOSED"),
                OpenState::Unknown => ch.state.label(lang),
            };
            let hours = ch
                .hours
                .as_ref()
                .map(|h| format!(" ({})", h.describe(lang)))
                .unwrap_or_default();
            let holiday = ch
                .holiday
                .map(|h| format!(" – {}", h.name(lang)))
                .unwrap_or_default();
            let opens = ch
                .opens_at
                .as_deref()
                .map(|t| {
                    format!(
                        ", {} {}",
                        tr(lang, "åpner", "opnar", "opens"),
                        local_time_text(t, lang)
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     {} {}: {state}{holiday}{hours}{opens}",
                ch.kind.label(lang),
                ch.value
            );
            if let Some(note) = &ch.note {
                let _ = writeln!(out, "       {}", note.get(lang));
            }
        }
        if let Some(address) = &c.address {
            let _ = writeln!(
                out,
                "     {}: {address}",
                tr(lang, "Adresse", "Adresse", "Address")
            );
        }
        if let Some(note) = &c.note {
            let _ = writeln!(out, "     {}", note.get(lang));
        }
        let stale = if c.stale {
            tr(
                lang,
                " – MER ENN 12 MÅNEDER SIDEN, sjekk nummeret",
                " – MEIR ENN 12 MÅNADER SIDAN, sjekk nummeret",
                " – MORE THAN 12 MONTHS AGO, check the number",
            )
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "     {} {}{stale}",
            tr(lang, "Sist bekreftet", "Sist stadfesta", "Last verified"),
            c.last_verified
        );
    }
    let source = |s: &str| -> String {
        match s {
            BUILT_IN_DEMO => {
                tr(lang, "innebygd demo", "innebygd demo", "built-in demo").to_string()
            }
            BUILT_IN_SAMPLE => tr(
                lang,
                "innebygd utvalg (ikke hele registeret)",
                "innebygd utval (ikkje heile registeret)",
                "built-in sample (not the register)",
            )
            .to_string(),
            other => other.to_string(),
        }
    };
    let _ = writeln!(
        out,
        "\n{}: {} · {}: {} ({}) · {}: {}",
        tr(lang, "Katalog", "Katalog", "Directory"),
        source(&sources.directory),
        tr(lang, "postnumre", "postnummer", "postcodes"),
        source(&sources.postcodes),
        sources.postcode_count,
        tr(lang, "bydeler", "bydelar", "bydeler"),
        source(&sources.bydel_pairs)
    );
    out
}
