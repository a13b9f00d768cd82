//! The command line's arguments: every subcommand and its flags (clap derive).

use crate::publishing::content::ContentKind;
use crate::publishing::import;
use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use veiviser_core::sync::protocol::Collection;

/// Default data folder.
pub const DEFAULT_DATA: &str = "./veiviser-data";
/// Default listen address.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";

/// Veiviser's publishing server: validates, signs, stores and serves content to devices.
#[derive(Debug, Parser)]
#[command(name = "veiviser-server", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the sync protocol (GET /healthz, /v1/latest, /v1/collections/{c}/changeset).
    Serve(ServeArgs),
    /// Make a new Ed25519 signing key.
    Keygen(KeygenArgs),
    /// Validate content files and publish them atomically (CLI-only, on the server host).
    Import(ImportArgs),
    /// Write a signed full snapshot of every collection (what the CLI embeds).
    Export(ExportArgs),
    /// Write the sync protocol as static files (for nginx, object storage or a CDN) into DIR.
    ExportStatic(ExportStaticArgs),
    /// Copy the published files (the source of truth) and the admin state to a backup folder.
    Backup(BackupArgs),
    /// Check a backup's hashes and signatures, copy it into the data folder, rebuild the database
    /// (and the admin database from the backup's admin state).
    Restore(RestoreArgs),
    /// List the audit trail: every publish, by whom, from which files.
    Audit(AuditArgs),
    /// Manage admin accounts (e.g. the first admin of a fresh install); stop the server first.
    #[command(subcommand)]
    User(crate::cli::user::UserCommand),
}

/// `--key FILE` / `--demo`.
#[derive(Debug, Clone, Args)]
pub struct KeyArgs {
    /// The signing key file (make one with `keygen`).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Use the public DEMO-ONLY key (and, for serve, publish the demo content into an empty data folder).
    #[arg(long)]
    pub demo: bool,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Address to listen on; port 0 picks a free port (printed on the first line of stdout).
    #[arg(long, value_name = "ADDR", default_value = DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub key: KeyArgs,
    /// The demo content folder (with --demo).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Sync requests handled at once; more get 503 with Retry-After.
    #[arg(long, default_value_t = 512)]
    pub max_in_flight: usize,
    /// Seconds a client is told to wait (Retry-After) when the server is busy.
    #[arg(long, default_value_t = 5)]
    pub retry_after: u64,
    /// A client more than this many sequences behind gets a full snapshot.
    #[arg(long, default_value_t = 1000)]
    pub max_delta_span: u64,
    /// Seconds between looks for content published by `import`.
    #[arg(long, default_value_t = 2)]
    pub rescan_secs: u64,
    /// Also keep a static export of the sync protocol in this folder (written at start and
    /// after every publish; see `export-static`).
    #[arg(long, value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    /// Connections open at once; over it the oldest idle one is closed. 0 = the open-file
    /// limit less 128 (896 under `ulimit -n 1024`).
    #[arg(long, default_value_t = 0)]
    pub max_connections: usize,
    /// Seconds a client has to send a complete request head, from connecting or from the
    /// previous response (so also the keep-alive idle timeout).
    #[arg(long, default_value_t = 10)]
    pub header_read_timeout: u64,
    /// Do not serve the admin side (`/v1/admin/`, `/admin`): the sync protocol only.
    #[arg(long)]
    pub no_admin: bool,
    /// Mark the admin session cookie `Secure` (set it when clients reach the server over TLS,
    /// e.g. behind a TLS-terminating proxy).
    #[arg(long)]
    pub secure_cookies: bool,
    /// Hours an urgent publish may wait for its second review before admins are warned.
    #[arg(long, default_value_t = 24)]
    pub second_review_hours: i64,
}

/// Arguments of `keygen`.
#[derive(Debug, Args)]
pub struct KeygenArgs {
    /// Where to write the key (refuses to overwrite).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Prefix of the key id (`PREFIX-<8 hex digits>`).
    #[arg(long, default_value = "veiviser")]
    pub prefix: String,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Guide TOML, directory TOML/JSON, postcode register (.tab/.txt) and bydel pair (.tsv) files or folders.
    #[arg(value_name = "FILES")]
    pub files: Vec<PathBuf>,
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub key: KeyArgs,
    /// Who publishes (recorded in the audit trail); default: the user name of this session.
    #[arg(long)]
    pub actor: Option<String>,
    /// Make the given files the complete content of the collections they touch.
    #[arg(long)]
    pub replace: bool,
    /// Remove a record, e.g. `guides/my-guide` (repeatable).
    #[arg(long, value_name = "COLLECTION/ID", value_parser = import::parse_delete)]
    pub delete: Vec<(Collection, String)>,
    /// Treat every file as this kind instead of guessing from its name.
    #[arg(long = "as", value_name = "KIND")]
    pub kind: Option<ContentKind>,
    /// After publishing, rewrite the static export in this folder (see `export-static`).
    #[arg(long, value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub note: NoteArgs,
}

/// The note for staff a publish carries ("Hva er nytt"), signed with the content.
#[derive(Debug, Args)]
pub struct NoteArgs {
    /// What changed, for staff, in bokmål (shown on devices as "Hva er nytt").
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    /// The summary in nynorsk (needs --summary).
    #[arg(long, value_name = "TEXT", requires = "summary")]
    pub summary_nn: Option<String>,
    /// The summary in English (needs --summary).
    #[arg(long, value_name = "TEXT", requires = "summary")]
    pub summary_en: Option<String>,
}

impl NoteArgs {
    /// The note to publish, when a summary was given.
    pub fn note(&self) -> Option<crate::publishing::publish::NoteRequest> {
        let nb = self.summary.clone()?;
        Some(crate::publishing::publish::NoteRequest {
            summary: veiviser_core::LocalizedText {
                nb,
                nn: self.summary_nn.clone(),
                en: self.summary_en.clone(),
            },
            urgent: false,
        })
    }
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Where to write the snapshot.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Export this data folder's published content.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Export the demo content instead (deterministic: same content and key, same bytes).
    #[arg(long)]
    pub demo: bool,
    /// The demo content folder (with --demo).
    #[arg(long, value_name = "DIR")]
    pub content: Option<PathBuf>,
}

/// Arguments of `export-static`.
#[derive(Debug, Args)]
pub struct ExportStaticArgs {
    /// The export folder (a web server's root is DIR/current).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Export this data folder's published content.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Deltas only from revisions at most this many sequences behind a collection's head.
    #[arg(long, default_value_t = 1000)]
    pub max_delta_span: u64,
    /// At most this many delta sources per collection (older devices get the full snapshot).
    #[arg(long, default_value_t = 100)]
    pub max_deltas: usize,
}

/// Arguments of `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup folder (created; an earlier backup of the same server is topped up).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Copy only the published files, not the admin state (an earlier `DIR/admin/` is kept).
    #[arg(long, conflicts_with = "admin_from")]
    pub published_only: bool,
    /// Take the admin state from FILE, saved from a running server's `GET /v1/admin/export`,
    /// instead of reading `DATA/admin/` (which a running server holds).
    #[arg(long, value_name = "FILE")]
    pub admin_from: Option<PathBuf>,
}

/// Arguments of `restore`.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup folder.
    #[arg(value_name = "DIR")]
    pub from: PathBuf,
    /// The data folder to restore into (stop the server first).
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Public keys the backup's signatures must verify with.
    #[arg(long, value_name = "FILE")]
    pub trusted_keys: Option<PathBuf>,
    #[command(flatten)]
    #[allow(missing_docs)]
    pub key: KeyArgs,
    /// Restore the backup's admin state over an admin database that holds records (the old
    /// one is moved aside, not deleted).
    #[arg(long, conflicts_with = "published_only")]
    pub replace_admin: bool,
    /// Restore only the published files (e.g. to rebuild a damaged index) and leave
    /// `DATA/admin/` as it is.
    #[arg(long)]
    pub published_only: bool,
}

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
    /// Print JSON lines instead of text.
    #[arg(long)]
    pub json: bool,
}
