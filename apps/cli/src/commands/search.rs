//! `veiviser search`: find places (kommuner, poststeder, postcodes, bydeler) and services by
//! name, folding Norwegian letters and tolerating small typos.

use super::contacts::{load_book, DataArgs};
use crate::exit::{CliError, CliResult};
use veiviser_core::view::SearchResultsView;
use veiviser_core::Lang;

/// Arguments of `veiviser search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for, e.g. "grunerlokka", "Bærum", "0582", "alarmtelefonen".
    pub query: String,
    /// The most hits to show.
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
    let view = SearchResultsView::new(&args.query, book.search(&args.query, args.limit), args.lang);
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
        println!(
            "{:<10} {} – {}{postcodes}{example}",
            hit.kind_label, hit.name, hit.detail
        );
    }
    Ok(())
}
