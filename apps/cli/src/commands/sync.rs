//! `veiviser sync`: fetch signed content from a server into the local store.
//!
//! Exit codes: 0 synced (or already up to date); 3 the server is unreachable, answered with
//! an error or asked us to wait (Retry-After); 4 integrity: a bad signature, an untrusted key
//! or a rollback (nothing was changed); 5 local storage.

use crate::exit::{CliError, CliResult};
use crate::local_content::{LocalArgs, TrustSource};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;
use veiviser_core::device::{DeviceContent, SyncOptions, DEFAULT_MAX_CONTENT_AGE_DAYS};
use veiviser_core::i18n::catalog as msg;
use veiviser_core::release_note::ReleaseNote;
use veiviser_core::sync::progress::{CancelFlag, SyncListener, SyncProgress};
use veiviser_core::sync::transport::HttpTransport;
use veiviser_core::view::{progress_text, SyncStatusView};
use veiviser_core::Lang;

/// The sync command's output is in English (it has no `--lang`; scripts read it).
const STATUS_LANG: Lang = Lang::En;

/// Arguments of `veiviser sync`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 synced or already up to date, 3 server unreachable or busy, \
4 bad signature / untrusted key / rollback (nothing changed), 5 local storage.\n\
Without --trusted-keys (or VEIVISER_TRUSTED_KEYS) only the built-in DEMO-ONLY key is trusted."
)]
pub struct Args {
    /// The server, e.g. http://127.0.0.1:8080.
    #[arg(long, value_name = "URL")]
    pub server: String,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub local: LocalArgs,
    /// Print a JSON report: sequences before/after per collection, bytes on the wire, records changed.
    #[arg(long)]
    pub json: bool,
    /// Warn when the newest content is older than this many days (a dead server or a frozen feed).
    #[arg(long, value_name = "DAYS", default_value_t = DEFAULT_MAX_CONTENT_AGE_DAYS)]
    pub max_age_days: u32,
    /// The language of "What's new" (the publishers' summaries): nb, nn or en. The status
    /// lines stay in English (scripts read them).
    #[arg(long, value_name = "LANG", default_value = "en", value_parser = |s: &str| s.parse::<Lang>())]
    pub lang: Lang,
    /// Give up on a request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,
}

/// The sequence of the newest stored release note (0 when there is none or it cannot be read).
fn newest_note(content: &DeviceContent) -> u64 {
    content
        .release_notes()
        .ok()
        .and_then(|notes| notes.first().map(|n| n.sequence))
        .unwrap_or(0)
}

/// Draws sync progress as a bar on stderr.
struct Bar(ProgressBar);

impl SyncListener for Bar {
    fn on_progress(&self, p: &SyncProgress) {
        self.0.set_length(u64::from(p.steps));
        self.0.set_position(u64::from(p.step));
        let what = progress_text(p, STATUS_LANG);
        self.0.set_message(what);
    }
}

/// Runs `veiviser sync`.
pub fn run(args: Args) -> CliResult {
    if !args.server.starts_with("http://") && !args.server.starts_with("https://") {
        return Err(CliError::usage(format!(
            "--server `{}` must be a URL like http://127.0.0.1:8080",
            args.server
        )));
    }
    let opened = args.local.open()?;
    let content = &opened.content;
    if !args.json && opened.trust == TrustSource::Demo {
        eprintln!(
            "veiviser: note: {}",
            opened.trust.describe(content.trusted_keys())
        );
    }
    let transport = HttpTransport::new(Duration::from_secs(args.timeout.max(1)));
    let options = SyncOptions {
        max_content_age_days: args.max_age_days,
    };
    let show_bar = !args.json && std::io::stderr().is_terminal();
    let bar = if show_bar {
        let pb = ProgressBar::with_draw_target(Some(3), ProgressDrawTarget::stderr());
        pb.set_style(
            ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        pb
    } else {
        ProgressBar::hidden()
    };
    let listener = Bar(bar);
    // The newest release note before the sync: the ones above it are what's new.
    let seen_note = newest_note(content);
    let result = content.sync(
        &transport,
        &args.server,
        &options,
        &listener,
        &CancelFlag::new(),
    );
    listener.0.finish_and_clear();
    let report = result?;
    let as_of = content.as_of()?;
    let new_notes: Vec<ReleaseNote> = content
        .release_notes()?
        .into_iter()
        .filter(|n| n.sequence > seen_note)
        .collect();

    if args.json {
        let doc = serde_json::json!({
            "server": report.server,
            "poll_not_modified": report.poll_not_modified,
            "requests": report.requests,
            "wire_bytes": report.wire_bytes,
            "collections": report.collections,
            "needs_update": report.needs_update,
            "warnings": report.warnings,
            "notices": content.notices(),
            "content_as_of": as_of,
            "release_notes": new_notes,
            "trusted_keys": opened.trust.describe(content.trusted_keys()),
            "data": opened.data.display().to_string(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("a report always serializes")
        );
        return Ok(());
    }

    let status = SyncStatusView::new(Some(&report), &as_of, STATUS_LANG);
    if let Some(headline) = &status.headline {
        println!("{headline}");
    }
    for c in &status.collections {
        println!(
            "  {:<10} {:<10} {}",
            c.collection, c.sequence_text, c.detail
        );
    }
    if let Some(wire) = &status.wire_text {
        println!("{wire}");
    }
    for line in &status.content_as_of {
        println!("{}", line.text);
    }
    if !new_notes.is_empty() {
        println!("{}:", msg::APP_TITLE_WHATS_NEW.get(args.lang));
        for n in &new_notes {
            println!(
                "  {} {}",
                n.published_at.format("%Y-%m-%d"),
                n.summary.get(args.lang)
            );
        }
    }
    for n in &report.needs_update {
        eprintln!("veiviser: {}", n.message());
    }
    for w in &report.warnings {
        eprintln!("veiviser: warning: {w}");
    }
    Ok(())
}
