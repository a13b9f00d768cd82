//! The `veiviser-server` command line.
//!
//! Exit codes: 0 success; 1 invalid content (nothing published); 2 usage, or a missing or
//! unreadable key; 4 a signature that does not verify; 5 files or database.

use crate::backup;
use crate::content::ContentKind;
use crate::data_dir::DataDir;
use crate::demo;
use crate::export::{snapshot_bytes, snapshot_of, write_file};
use crate::import::{self, ImportError, ImportOptions};
use crate::keys;
use crate::repository::ServeConfig;
use crate::serve::{serve, ServeError, ServeOptions};
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use veiviser_core::sync::protocol::Collection;
use veiviser_core::sync::signing::SigningKey;

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
    /// Copy the published files (the source of truth) to a backup folder.
    Backup(BackupArgs),
    /// Check a backup's hashes and signatures, copy it into the data folder, rebuild the database.
    Restore(RestoreArgs),
    /// List the audit trail: every publish, by whom, from which files.
    Audit(AuditArgs),
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

/// Arguments of `backup`.
#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup folder (created; an earlier backup of the same server is topped up).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// The data folder.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_DATA)]
    pub data: PathBuf,
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

fn fail(code: u8, message: impl std::fmt::Display) -> ExitCode {
    eprintln!("veiviser-server: {message}");
    ExitCode::from(code)
}

fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into())
}

/// Parses the command line and runs it.
pub fn main() -> ExitCode {
    run(Cli::parse())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Serve(args) => run_serve(args),
        Command::Keygen(args) => run_keygen(args),
        Command::Import(args) => run_import(args),
        Command::Export(args) => run_export(args),
        Command::Backup(args) => run_backup(args),
        Command::Restore(args) => run_restore(args),
        Command::Audit(args) => run_audit(args),
    }
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

fn run_serve(args: ServeArgs) -> ExitCode {
    init_logging();
    let key = match keys::signing_key(args.key.key.as_deref(), args.key.demo) {
        Ok(k) => k,
        Err(e) => return fail(2, format!("refusing to start: {e}")),
    };
    if args.key.demo {
        tracing::warn!(
            "DEMO MODE: signing with the public demo key `{}`; never use it for real content",
            key.key_id()
        );
    }
    let opts = ServeOptions {
        data: args.data,
        listen: args.listen,
        key,
        demo_content: args
            .key
            .demo
            .then(|| args.content.unwrap_or_else(demo::default_content_dir)),
        config: ServeConfig {
            max_delta_span: args.max_delta_span,
            ..ServeConfig::default()
        },
        max_in_flight: args.max_in_flight,
        retry_after_secs: args.retry_after,
        rescan: Duration::from_secs(args.rescan_secs.max(1)),
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(5, format!("cannot start the runtime: {e}")),
    };
    let result = runtime.block_on(serve(opts, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
        tracing::info!("listening on http://{addr}");
    }));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(ServeError::Integrity(m)) => fail(4, m),
        Err(ServeError::Other(m)) => fail(5, m),
    }
}

fn run_keygen(args: KeygenArgs) -> ExitCode {
    if args.out.exists() {
        return fail(
            2,
            format!(
                "{}: already exists; refusing to overwrite a key",
                args.out.display()
            ),
        );
    }
    let key = match SigningKey::generate(&args.prefix) {
        Ok(k) => k,
        Err(e) => return fail(2, e),
    };
    let text = key.to_toml_string();
    let written = {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(&args.out).and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
    };
    if let Err(e) = written {
        return fail(5, format!("{}: cannot write: {e}", args.out.display()));
    }
    println!("key id: {}", key.key_id());
    println!("public key: {}", key.public_key_base64());
    println!("trusted-keys line: {}", key.trusted_keys_line());
    println!(
        "wrote the secret key to {} (keep it off shared disks and out of git)",
        args.out.display()
    );
    ExitCode::SUCCESS
}

fn run_import(args: ImportArgs) -> ExitCode {
    let key = match keys::signing_key(args.key.key.as_deref(), args.key.demo) {
        Ok(k) => k,
        Err(e) => return fail(2, e),
    };
    if args.files.is_empty() && args.delete.is_empty() {
        return fail(
            2,
            "nothing to import: give content files or folders (or --delete COLLECTION/ID)",
        );
    }
    let data = DataDir::new(&args.data);
    let opts = ImportOptions {
        actor: args.actor.unwrap_or_else(default_actor),
        replace: args.replace,
        deletes: args.delete,
        published_at: None,
        kind: args.kind,
    };
    match import::import(&data, &key, &args.files, &opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("{w}");
            }
            match report.batch {
                Some(batch) => {
                    for r in &batch.revisions {
                        println!(
                            "published {} at sequence {} ({} records: {} added or changed, {} deleted)",
                            r.collection, r.sequence, r.records, r.changed, r.deleted
                        );
                    }
                    println!(
                        "actor: {}; a running server picks this up within a few seconds",
                        batch.actor
                    );
                }
                None => println!("nothing changed: this content is already published"),
            }
            ExitCode::SUCCESS
        }
        Err(ImportError::Content(errors)) => {
            for issue in &errors.0 {
                eprintln!("{issue}");
            }
            fail(
                1,
                format!(
                    "{} problem(s) found; nothing was published",
                    errors.errors().count()
                ),
            )
        }
        Err(ImportError::Publish(e)) => fail(5, format!("{e}; nothing was published")),
    }
}

fn run_export(args: ExportArgs) -> ExitCode {
    let bytes = if args.demo {
        let content = args.content.unwrap_or_else(demo::default_content_dir);
        match demo::demo_snapshot(&content, &keys::demo_key()) {
            Ok(b) => b,
            Err(ImportError::Content(errors)) => return fail(1, errors),
            Err(e) => return fail(5, e),
        }
    } else {
        let data = DataDir::new(&args.data);
        match snapshot_of(&data) {
            Ok(s) if s.collections.is_empty() => {
                return fail(
                    5,
                    format!(
                        "{}: nothing is published yet; import content first",
                        args.data.display()
                    ),
                )
            }
            Ok(s) => snapshot_bytes(&s),
            Err(e) => return fail(5, e),
        }
    };
    if let Err(e) = write_file(&args.out, &bytes) {
        return fail(5, e);
    }
    println!("wrote {} ({} bytes)", args.out.display(), bytes.len());
    ExitCode::SUCCESS
}

fn run_backup(args: BackupArgs) -> ExitCode {
    match backup::backup(&DataDir::new(&args.data), &args.out) {
        Ok(r) => {
            println!(
                "backed up {} batches up to sequence {} into {} ({} new files)",
                r.batches,
                r.head,
                args.out.display(),
                r.files_written
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(5, e),
    }
}

fn run_restore(args: RestoreArgs) -> ExitCode {
    let key = match (&args.key.key, args.key.demo) {
        (None, false) => None,
        (file, demo) => match keys::signing_key(file.as_deref(), demo) {
            Ok(k) => Some(k),
            Err(e) => return fail(2, e),
        },
    };
    let trusted = match keys::restore_trust(args.trusted_keys.as_deref(), key.as_ref()) {
        Ok(t) => t,
        Err(e) => return fail(2, e),
    };
    match backup::restore(&args.from, &DataDir::new(&args.data), &trusted) {
        Ok(r) => {
            println!(
                "restored {} batches up to sequence {} into {} ({} files written); the database was rebuilt",
                r.batches,
                r.head,
                args.data.display(),
                r.files_written
            );
            ExitCode::SUCCESS
        }
        Err(e @ backup::RestoreError::Integrity { .. }) => fail(4, e),
        Err(e) => fail(5, e),
    }
}

fn run_audit(args: AuditArgs) -> ExitCode {
    let scan = match DataDir::new(&args.data).scan() {
        Ok(s) => s,
        Err(e) => return fail(5, e),
    };
    for batch in scan.batches.values() {
        if args.json {
            println!(
                "{}",
                serde_json::to_string(batch).expect("a batch serializes")
            );
            continue;
        }
        let what: Vec<String> = batch
            .revisions
            .iter()
            .map(|r| format!("{}@{}", r.collection, r.sequence))
            .collect();
        let from: Vec<&str> = batch.sources.iter().map(|s| s.name.as_str()).collect();
        println!(
            "{}  {}  {}  from {}",
            batch.published_at.to_rfc3339(),
            batch.actor,
            what.join(", "),
            if from.is_empty() {
                "-".to_string()
            } else {
                from.join(", ")
            }
        );
    }
    ExitCode::SUCCESS
}
