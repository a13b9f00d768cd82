//! `veiviser search`: find places (kommuner, poststeder, postcodes, bydeler), services and
//! guide steps by name or text, folding Norwegian letters and tolerating small typos.
//!
//! Guides come from the local store with `--data`, else from the demo guides built into the
//! binary (`server/content/guides/`).

use super::contacts::{load_book, DataArgs};
use crate::exit::{CliError, CliResult};
use veiviser_core::guide::{parse_guide_toml, Guide, GuideSearchIndex};
use veiviser_core::view::SearchResultsView;
use veiviser_core::Lang;

/// The demo guides built into the binary, searched when no `--data` store is given.
pub const DEMO_GUIDES: [(&str, &str); 5] = [
    (
        "fra-bekymring-til-handling.toml",
        include_str!("../../../../server/content/guides/fra-bekymring-til-handling.toml"),
    ),
    (
        "snakke-med-barnet.toml",
        include_str!("../../../../server/content/guides/snakke-med-barnet.toml"),
    ),
    (
        "den-nodvendige-samtalen.toml",
        include_str!("../../../../server/content/guides/den-nodvendige-samtalen.toml"),
    ),
    (
        "mistanke-om-vold-og-overgrep.toml",
        include_str!("../../../../server/content/guides/mistanke-om-vold-og-overgrep.toml"),
    ),
    (
        "skrive-bekymringsmelding.toml",
        include_str!("../../../../server/content/guides/skrive-bekymringsmelding.toml"),
    ),
];

/// The guides to search: the local store's (those this app can show), or the built-in demo.
fn guides(data: &DataArgs) -> CliResult<Vec<Guide>> {
    if let Some(dir) = &data.data {
        let content = crate::local_content::LocalArgs {
            data: Some(dir.clone()),
            trusted_keys: data.trusted_keys.clone(),
        }
        .open()?
        .content;
        return Ok(content
            .guides()?
            .into_iter()
            .filter_map(|g| g.guide.ok())
            .collect());
    }
    DEMO_GUIDES
        .iter()
        .map(|(name, text)| {
            parse_guide_toml(&format!("built-in:{name}"), text)
                .map(|p| p.guide)
                .map_err(|e| CliError::from(veiviser_core::Error::from(e)))
        })
        .collect()
}

/// Arguments of `veiviser search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for, e.g. "grunerlokka", "Bærum", "0582", "alarmtelefonen", "nødvendige samtalen".
    pub query: String,
    /// The most hits to show of places and services, and again of guide steps.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Print the hits as JSON.
    #[arg(long)]
    pub json: bool,
    /// Language of the text output: nb, nn or en.
    #[arg(long, value_name = "LANG", default_value = "nb")]
    pub lang: Lang,
    /// Where the data comes from.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs `veiviser search`.
pub fn run(args: Args) -> CliResult {
    if args.query.trim().is_empty() {
        return Err(CliError::usage(
            "the search query is empty: give a name or a postcode",
        ));
    }
    let (book, sources) = load_book(&args.data)?;
    if args.data.data.is_some() && !args.json {
        eprintln!("veiviser: searching {}", sources.directory);
    }
    let guide_index = GuideSearchIndex::build(guides(&args.data)?);
    let view = SearchResultsView::with_guides(
        &args.query,
        book.search(&args.query, args.limit)?,
        guide_index.search(&args.query, args.limit),
        args.lang,
    );
    if args.json {
        let json = serde_json::to_string_pretty(&view.hits)
            .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
        println!("{json}");
        return Ok(());
    }
    if let Some(empty) = &view.empty_text {
        println!("{empty}");
        return Ok(());
    }
    for hit in &view.hits {
        let postcodes = hit
            .postnumre_text
            .as_deref()
            .map(|p| format!(" · {p}"))
            .unwrap_or_default();
        let example = hit
            .example_data_mark
            .as_deref()
            .map(|m| format!("  {m}"))
            .unwrap_or_default();
        let link = match (&hit.guide_id, &hit.step_id) {
            (Some(guide), Some(step)) => format!("  → veiviser walk {guide} ({step})"),
            _ => String::new(),
        };
        println!(
            "{:<10} {} – {}{postcodes}{example}{link}",
            hit.kind_label, hit.name, hit.detail
        );
    }
    Ok(())
}
