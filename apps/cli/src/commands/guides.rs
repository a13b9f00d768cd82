//! `veiviser guides`: list the guides stored locally, with the "content as of" line.
//!
//! Works offline: it reads the local store only (a fresh install shows the bundled demo
//! content). Guides that need a newer app are listed with that note.

use crate::exit::CliResult;
use crate::local_content::LocalArgs;
use chrono::Utc;
use veiviser_core::device::DEFAULT_MAX_CONTENT_AGE_DAYS;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::view::{GuideListView, SyncStatusView};
use veiviser_core::Lang;

/// The status lines ("content as of …") stay in English, as scripts read them today.
const STATUS_LANG: Lang = Lang::En;

/// Arguments of `veiviser guides`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    #[allow(missing_docs)]
    pub local: LocalArgs,
    /// Language of the titles (nb, nn, en).
    #[arg(long, default_value = "nb")]
    pub lang: Lang,
    /// Print JSON: the guides and the content's sequence and publish time per collection.
    #[arg(long)]
    pub json: bool,
}

/// Runs `veiviser guides`.
pub fn run(args: Args) -> CliResult {
    let opened = args.local.open()?;
    let content = &opened.content;
    let guides = content.guides()?;
    let as_of = content.as_of()?;
    let stale = content.staleness_warning(Utc::now(), DEFAULT_MAX_CONTENT_AGE_DAYS)?;

    if args.json {
        let list: Vec<serde_json::Value> = guides
            .iter()
            .map(|g| match &g.guide {
                Ok(guide) => serde_json::json!({
                    "id": g.id,
                    "revision": guide.revision,
                    "title": guide.title.get(args.lang),
                }),
                Err(why) => serde_json::json!({ "id": g.id, "unavailable": why }),
            })
            .collect();
        let doc = serde_json::json!({
            "guides": list,
            "content_as_of": as_of,
            "warnings": stale.iter().collect::<Vec<_>>(),
            "notices": content.notices(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("JSON always serializes")
        );
        return Ok(());
    }

    let list = GuideListView::new(
        guides
            .iter()
            .map(|g| (g.id.as_str(), g.guide.as_ref().map_err(String::as_str))),
        args.lang,
    );
    if let Some(empty) = &list.empty_text {
        println!("{empty}");
    }
    for item in &list.guides {
        match item.revision {
            Some(revision) => println!("{:<32} rev {:<3} {}", item.id, revision, item.text),
            None => println!("{:<32} {}", item.id, item.text),
        }
    }
    let guide_as_of: Vec<_> = as_of
        .iter()
        .filter(|a| a.collection == Collection::Guides)
        .cloned()
        .collect();
    for line in SyncStatusView::new(None, &guide_as_of, STATUS_LANG).content_as_of {
        println!("{}", line.text);
    }
    if let Some(w) = stale {
        eprintln!("veiviser: warning: {w}");
    }
    Ok(())
}
