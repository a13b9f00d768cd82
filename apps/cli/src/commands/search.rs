//! `veiviser search`: find places (kommuner, poststeder, postcodes, bydeler) and services by
//! name, folding Norwegian letters and tolerating small typos.

use super::contacts::{load_book, DataArgs};
use crate::exit::{CliError, CliResult};
use veiviser_core::directory::SearchHitKind;

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
    /// Where the data comes from.
    #[command(flatten)]
    pub data: DataArgs,
}

fn kind_label(kind: SearchHitKind) -> &'static str {
    match kind {
        SearchHitKind::Service => "tjeneste",
        SearchHitKind::Bydel => "bydel",
        SearchHitKind::Kommune => "kommune",
        SearchHitKind::Poststed => "poststed",
        SearchHitKind::Postnummer => "postnummer",
    }
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
    let hits = book.search(&args.query, args.limit);
    if args.json {
        let json = serde_json::to_string_pretty(&hits)
            .map_err(|e| CliError::usage(format!("could not write JSON: {e}")))?;
        println!("{json}");
        return Ok(());
    }
    if hits.is_empty() {
        println!("Ingen treff for «{}».", args.query);
        return Ok(());
    }
    for hit in hits {
        let postcodes = if hit.postnumre.is_empty() || hit.kind == SearchHitKind::Postnummer {
            String::new()
        } else {
            format!(" · {}", hit.postnumre.join(", "))
        };
        let example = if hit.example_data {
            "  [EKSEMPELDATA]"
        } else {
            ""
        };
        println!(
            "{:<10} {} – {}{postcodes}{example}",
            kind_label(hit.kind),
            hit.name,
            hit.detail
        );
    }
    Ok(())
}
