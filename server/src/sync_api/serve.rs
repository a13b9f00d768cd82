//! `veiviser-server serve`: open the data folder, check the content against the key, listen
//! (through [`crate::sync_api::connections`]: timeouts and a connection cap).

use crate::data_dir::DataDir;
use crate::publishing::demo;
use crate::sync_api::connections::{serve_connections, ConnectionLimits, Handler};
use crate::sync_api::fast_path::SyncRoutes;
use crate::sync_api::limit::Limiter;
use crate::sync_api::router::app;
use crate::sync_api::served::{ServeConfig, ServedContent};
use crate::sync_api::state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};

/// Everything `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The data folder.
    pub data: PathBuf,
    /// Address to listen on (`127.0.0.1:0` picks a free port).
    pub listen: SocketAddr,
    /// The signing key (the demo key with `--demo`).
    pub key: SigningKey,
    /// Publish the demo content first when the data folder is empty.
    pub demo_content: Option<PathBuf>,
    /// Serving settings.
    pub config: ServeConfig,
    /// Sync requests admitted at once before answering 503.
    pub max_in_flight: usize,
    /// The `Retry-After` of a 503, in seconds.
    pub retry_after_secs: u64,
    /// How often to look for content published by `import`.
    pub rescan: Duration,
    /// The connection cap and the header-read timeout.
    pub limits: ConnectionLimits,
    /// Serve the admin side (`/v1/admin/`, `/admin`) with these settings; `None`: sync only.
    pub admin: Option<crate::admin::AdminConfig>,
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The content does not verify with the configured key.
    #[error("{0}")]
    Integrity(String),
    /// Anything else (files, database, network).
    #[error("{0}")]
    Other(String),
}

/// Checks that every served collection signed with the configured key id verifies with it.
/// Collections signed by another key id (before a key rotation) are reported, not refused.
pub fn check_signatures(
    content: &ServedContent,
    key: &SigningKey,
) -> Result<Vec<String>, ServeError> {
    let mut trusted = TrustedKeys::new();
    trusted.insert(key.key_id(), key.public_key_bytes());
    let mut notes = Vec::new();
    for (c, view) in &content.view().collections {
        let cs = &view.changeset;
        if cs.signature.key_id != key.key_id() {
            notes.push(format!(
                "{c} (sequence {}) is signed by key `{}`, not by the configured key `{}`: publish it again to re-sign",
                cs.sequence,
                cs.signature.key_id,
                key.key_id()
            ));
            continue;
        }
        cs.verify_full(&trusted).map_err(|e| {
            ServeError::Integrity(format!(
                "refusing to serve: {e} (sequence {}); restore the data folder from a backup",
                cs.sequence
            ))
        })?;
    }
    Ok(notes)
}

/// Opens the data folder (publishing the demo content into an empty one when asked) and
/// returns the app state.
pub fn prepare(opts: &ServeOptions) -> Result<AppState, ServeError> {
    let data = DataDir::new(&opts.data);
    if let Some(content) = &opts.demo_content {
        let empty = data
            .scan()
            .map_err(|e| ServeError::Other(e.to_string()))?
            .head()
            == 0;
        if empty {
            let report = demo::bootstrap(&data, &opts.key, content)
                .map_err(|e| ServeError::Other(e.to_string()))?;
            if let Some(batch) = report.batch {
                tracing::info!(
                    "published the demo content as sequences {}..={}",
                    batch.first,
                    batch.last
                );
            }
        }
    }
    let content = ServedContent::open(data, opts.config.clone())
        .map_err(|e| ServeError::Other(e.to_string()))?;
    for note in check_signatures(&content, &opts.key)? {
        tracing::warn!("{note}");
    }
    Ok(AppState {
        content: Arc::new(content),
        limiter: Limiter::new(opts.max_in_flight, opts.retry_after_secs),
    })
}

/// Runs the server until Ctrl-C or SIGTERM; `on_listening` gets the bound address first.
pub async fn serve(
    opts: ServeOptions,
    on_listening: impl FnOnce(SocketAddr),
) -> Result<(), ServeError> {
    let prepared = {
        let opts = opts.clone();
        tokio::task::spawn_blocking(move || prepare(&opts))
            .await
            .map_err(|e| ServeError::Other(e.to_string()))??
    };
    let listener = tokio::net::TcpListener::bind(opts.listen)
        .await
        .map_err(|e| ServeError::Other(format!("cannot listen on {}: {e}", opts.listen)))?;
    let addr = listener
        .local_addr()
        .map_err(|e| ServeError::Other(e.to_string()))?;
    on_listening(addr);

    let content = prepared.content.clone();
    let rescan = opts.rescan;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(rescan);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            let c = content.clone();
            match tokio::task::spawn_blocking(move || c.refresh()).await {
                Ok(Ok(true)) => tracing::info!(
                    "new content published: now at sequence {}",
                    content.view().sequence
                ),
                Ok(Ok(false)) => {}
                Ok(Err(e)) => tracing::error!("cannot load newly published content: {e}"),
                Err(e) => tracing::error!("rescan task failed: {e}"),
            }
        }
    });

    tracing::info!(
        "at most {} connections; request heads within {} s",
        opts.limits.max_connections,
        opts.limits.header_read_timeout.as_secs_f64()
    );
    let sync = SyncRoutes::new(prepared.clone());
    let router = match &opts.admin {
        None => app(prepared),
        Some(config) => {
            let served = prepared.content.clone();
            let admin = open_admin(&opts, config.clone(), &served).await?;
            let web = crate::admin_web::WebState {
                service: admin.clone(),
                demo: opts.demo_content.is_some(),
            };
            crate::admin::mount(app(prepared), admin).merge(crate::admin_web::router(web))
        }
    };
    let handler = Handler::new(router, Some(sync));
    serve_connections(listener, handler, opts.limits, shutdown_signal()).await;
    Ok(())
}

/// Opens the admin side: its database, the demo accounts with `--demo` (printed), a hook
/// that serves a publish at once, and the hourly check of second-review deadlines.
async fn open_admin(
    opts: &ServeOptions,
    config: crate::admin::AdminConfig,
    content: &Arc<ServedContent>,
) -> Result<Arc<crate::admin::AdminService>, ServeError> {
    use crate::admin::AdminService;
    let (data, key, demo) = (
        DataDir::new(&opts.data),
        opts.key.clone(),
        opts.demo_content.is_some(),
    );
    let admin = tokio::task::spawn_blocking(move || {
        let admin = AdminService::open(data, key, config)?;
        let accounts = if demo {
            admin.ensure_demo_accounts()?
        } else {
            Vec::new()
        };
        Ok::<_, crate::admin::AdminError>((admin, accounts))
    })
    .await
    .map_err(|e| ServeError::Other(e.to_string()))?
    .map_err(|e| ServeError::Other(format!("cannot open the admin side: {e}")))?;
    let (admin, accounts) = admin;
    if !accounts.is_empty() {
        use std::io::Write;
        let text = crate::admin::describe_demo_accounts(&accounts);
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
        tracing::warn!("DEMO MODE: demo admin accounts with public passwords are enabled");
    }
    if !admin.has_accounts().unwrap_or(true) {
        tracing::warn!(
            "no admin accounts yet: stop the server and make the first with `veiviser-server user add NAME --role admin`"
        );
    }
    let admin = Arc::new(admin);
    let served = content.clone();
    admin.on_publish(move || {
        if let Err(e) = served.refresh() {
            tracing::error!("cannot load the content just published: {e}");
        }
    });
    let checker = admin.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let c = checker.clone();
            if let Ok(Err(e)) = tokio::task::spawn_blocking(move || c.check_deadlines()).await {
                tracing::error!("cannot check second-review deadlines: {e}");
            }
        }
    });
    Ok(admin)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
