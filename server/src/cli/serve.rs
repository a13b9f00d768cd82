//! `veiviser-server serve`: run the sync API.

use crate::cli::args::ServeArgs;
use crate::cli::exit::{CliError, CliResult, Exit};
use crate::cli::logging;
use crate::data_dir::DataDir;
use crate::publishing::static_export::{export_static, StaticExportOptions};
use crate::publishing::{demo, keys};
use crate::sync_api::connections::{cap_for_file_limit, open_file_limit, ConnectionLimits};
use crate::sync_api::serve::{serve, ServeOptions};
use crate::sync_api::served::ServeConfig;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// Checks the key and the content, then serves until Ctrl-C or SIGTERM.
pub fn run(args: ServeArgs) -> CliResult {
    logging::init();
    let key = keys::signing_key(args.key.key.as_deref(), args.key.demo)
        .map_err(|e| CliError::new(Exit::from(&e), format!("refusing to start: {e}")))?;
    if args.key.demo {
        tracing::warn!(
            "DEMO MODE: signing with the public demo key `{}`; never use it for real content",
            key.key_id()
        );
    }
    if let Some(dir) = args.static_dir.clone() {
        let opts = StaticExportOptions {
            max_delta_span: args.max_delta_span,
            ..StaticExportOptions::default()
        };
        keep_exported(args.data.clone(), dir, opts, args.rescan_secs.max(1));
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
        limits: ConnectionLimits {
            max_connections: match args.max_connections {
                0 => cap_for_file_limit(open_file_limit()),
                n => n,
            },
            header_read_timeout: Duration::from_secs(args.header_read_timeout.max(1)),
        },
        admin: (!args.no_admin).then(|| crate::admin::AdminConfig {
            secure_cookies: args.secure_cookies,
            second_review_hours: args.second_review_hours.max(1),
            ..crate::admin::AdminConfig::default()
        }),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::new(Exit::Storage, format!("cannot start the runtime: {e}")))?;
    runtime.block_on(serve(opts, |addr| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "listening on http://{addr}");
        let _ = out.flush();
        tracing::info!("listening on http://{addr}");
    }))?;
    Ok(())
}

/// Keeps the static export in `dir` at the newest published sequence: a thread that looks
/// every `every_secs` seconds (as the server's own rescan does) and exports what is new.
fn keep_exported(data: PathBuf, dir: PathBuf, opts: StaticExportOptions, every_secs: u64) {
    std::thread::spawn(move || {
        let data = DataDir::new(data);
        let mut last = 0;
        loop {
            match data.scan().map(|s| s.head()) {
                Ok(head) if head > 0 && head != last => match export_static(&data, &dir, &opts) {
                    Ok(r) => {
                        last = r.head;
                        tracing::info!("{}", crate::cli::export_static::describe(&dir, &r));
                    }
                    Err(e) => tracing::error!("static export failed: {e}"),
                },
                Ok(_) => {}
                Err(e) => tracing::error!("static export: cannot read the published files: {e}"),
            }
            std::thread::sleep(Duration::from_secs(every_secs));
        }
    });
}
