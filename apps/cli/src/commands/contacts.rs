//! `veiviser contacts`: who to call for a child, right now, best first.
//!
//! Loading (the built-in demo, or admin files given with `--directory`, `--postcodes` and
//! `--bydel-pairs`) is kept apart from rendering, so other data sources (the synced local
//! store) can plug in without touching the output.

use crate::exit::{CliError, CliResult};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::PathBuf;
use veiviser_core::directory::load::{
    bydel_pairs_from_path, directory_from_dir, directory_from_sources, places_from_sources,
    register_from_file, SourceBytes, SourceFile,
};
use veiviser_core::directory::{ContactBook, ContactsQuery, Location, Places};
use veiviser_core::view::{ContactsView, ContentSources};
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

/// Bring's public postcode register, shipped as demo content (source and date in the file).
const BRING_REGISTER: (&str, &[u8]) = (
    "places/postnummer.tab",
    include_bytes!("../../../../server/content/directory/places/postnummer.tab"),
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
    /// Bring's postcode register (tab-separated, UTF-8 or ANSI). Default: the built-in copy of
    /// Bring's register (demo content, dated in the file).
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
    /// The postcode register: a file, or the built-in Bring register (demo content).
    pub postcodes: String,
    /// The bydel pairs: a file or folder, the built-in sample, or none.
    pub bydel_pairs: String,
    /// Postcodes loaded.
    pub postcode_count: usize,
}

const BUILT_IN_DEMO: &str = ContentSources::BUILT_IN_DEMO;
const BUILT_IN_SAMPLE: &str = ContentSources::BUILT_IN_SAMPLE;
const BUILT_IN_REGISTER: &str = ContentSources::BUILT_IN_REGISTER;

impl From<DataSources> for ContentSources {
    fn from(s: DataSources) -> Self {
        ContentSources {
            directory: s.directory,
            postcodes: s.postcodes,
            bydel_pairs: s.bydel_pairs,
            postcode_count: s.postcode_count as u64,
        }
    }
}

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
                name: format!("built-in:{}", BRING_REGISTER.0),
                bytes: BRING_REGISTER.1.to_vec(),
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
            (places, BUILT_IN_REGISTER.to_string(), pairs)
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

/// An RFC 3339 instant from the command line (`--at`).
pub(crate) fn parse_at(s: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("`{s}` is not an RFC 3339 time: write e.g. 2027-05-17T10:00:00+02:00"))
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
    let view = ContactsView::new(&book, &query, args.lang)?.with_sources(sources.into());
    if args.json {
        // The view model is the JSON document (the same object the apps get).
        let json = serde_json::to_string_pretty(&view)
            .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
        println!("{json}");
    } else {
        print!("{}", render_text(&view));
    }
    Ok(())
}

/// The contacts screen as text for a terminal, best contact first (layout only: every
/// word comes from the view model).
pub fn render_text(view: &ContactsView) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(out, "{}", view.heading);
    for line in [
        view.postcode.as_ref().map(|p| &p.line),
        view.kommune_line.as_ref(),
        view.bydel_line.as_ref(),
        view.bydel_candidates_line.as_ref(),
        view.example_data_banner.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        let _ = writeln!(out, "{line}");
    }
    if !view.notices.is_empty() {
        out.push('\n');
        for notice in &view.notices {
            let _ = writeln!(out, "! {}", notice.message);
        }
    }
    if let Some(unconfirmed) = &view.unconfirmed_text {
        let _ = writeln!(out, "\n{unconfirmed}");
    }
    out.push('\n');
    for (i, c) in view.contacts.iter().enumerate() {
        let example = c
            .example_data_mark
            .as_deref()
            .map(|m| format!("  {m}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}. {} – {} · {}{example}",
            i + 1,
            c.title,
            c.area_name,
            c.reason_text
        );
        if let Some(none) = &c.no_channels_text {
            let _ = writeln!(out, "     {none}");
        }
        for ch in &c.channels {
            let holiday = ch
                .holiday_text
                .as_deref()
                .map(|h| format!(" – {h}"))
                .unwrap_or_default();
            let hours = ch
                .hours_text
                .as_deref()
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            let opens = ch
                .opens_text
                .as_deref()
                .map(|t| format!(", {t}"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "     {} {}: {}{holiday}{hours}{opens}",
                ch.kind_label, ch.value, ch.state_text
            );
            if let Some(note) = &ch.note_text {
                let _ = writeln!(out, "       {note}");
            }
        }
        if let Some(address) = &c.address_text {
            let _ = writeln!(out, "     {address}");
        }
        if let Some(note) = &c.note_text {
            let _ = writeln!(out, "     {note}");
        }
        let _ = writeln!(out, "     {} · {}", c.last_verified_text, c.verified_text);
    }

    if let Some(sources) = &view.sources_text {
        let _ = writeln!(out, "\n{sources}");
    }
    out
}
