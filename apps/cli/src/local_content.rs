//! The CLI's local content: where it lives (`--data`), whom it trusts (`--trusted-keys`), the
//! embedded demo snapshot, and opening it all — shared by `sync`, `guides`, `walk`,
//! `contacts` and `search`.

use crate::exit::{CliError, CliResult, Exit};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use veiviser_core::device::{AsOf, DeviceContent};
use veiviser_core::sync::bundled::parse_snapshot;
use veiviser_core::sync::protocol::Snapshot;
use veiviser_core::sync::signing::TrustedKeys;

/// The signed demo snapshot (`veiviser-server export --demo`), so a fresh install works
/// offline; regenerate with `scripts/update-demo-snapshot.sh`.
pub const BUNDLED_SNAPSHOT: &[u8] = include_bytes!("../assets/demo-snapshot.json");

/// The built-in trusted-key list: the DEMO-ONLY key from `server/content/keys/`.
pub const DEMO_TRUSTED_KEYS: &str =
    include_str!("../../../server/content/keys/DEMO-ONLY-trusted-keys.toml");

/// Env var: the data folder when `--data` is not given.
pub const DATA_ENV: &str = "VEIVISER_DATA";
/// Env var: a trusted-keys file when `--trusted-keys` is not given.
pub const TRUSTED_KEYS_ENV: &str = "VEIVISER_TRUSTED_KEYS";

/// `--data DIR` and `--trusted-keys FILE`, shared by every command that reads local content.
#[derive(Debug, Clone, clap::Args)]
pub struct LocalArgs {
    /// The local content folder (default: $VEIVISER_DATA, else ~/.local/share/veiviser).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Public keys to trust, `key_id = "base64"` per line (default: $VEIVISER_TRUSTED_KEYS,
    /// else the built-in DEMO-ONLY key).
    #[arg(long, value_name = "FILE")]
    pub trusted_keys: Option<PathBuf>,
}

/// Where the trusted keys came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustSource {
    /// The built-in demo key.
    Demo,
    /// A file (flag or env var).
    File(PathBuf),
}

impl TrustSource {
    /// A line saying whom this run trusts.
    pub fn describe(&self, keys: &TrustedKeys) -> String {
        let ids: Vec<&str> = keys.key_ids().collect();
        match self {
            TrustSource::Demo => format!(
                "trusting only the built-in DEMO-ONLY key ({}): anyone can sign with it; use --trusted-keys FILE or {TRUSTED_KEYS_ENV} for real content",
                ids.join(", ")
            ),
            TrustSource::File(path) => {
                format!("trusting {} from {}", ids.join(", "), path.display())
            }
        }
    }
}

impl LocalArgs {
    /// The data folder to use.
    pub fn data_dir(&self) -> PathBuf {
        if let Some(d) = &self.data {
            return d.clone();
        }
        if let Some(d) = std::env::var_os(DATA_ENV).filter(|d| !d.is_empty()) {
            return PathBuf::from(d);
        }
        let base = std::env::var_os("XDG_DATA_HOME")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            });
        match base {
            Some(b) => b.join("veiviser"),
            None => PathBuf::from("veiviser-data"),
        }
    }

    /// The trusted keys and where they came from.
    pub fn trusted_keys(&self) -> CliResult<(TrustedKeys, TrustSource)> {
        let file = self.trusted_keys.clone().or_else(|| {
            std::env::var_os(TRUSTED_KEYS_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        match file {
            Some(path) => {
                let keys =
                    TrustedKeys::from_file(&path).map_err(|e| CliError::usage(e.to_string()))?;
                Ok((keys, TrustSource::File(path)))
            }
            None => {
                let keys = TrustedKeys::from_toml_str(DEMO_TRUSTED_KEYS, "built-in demo keys")
                    .map_err(|e| CliError::new(Exit::Storage, e.to_string()))?;
                Ok((keys, TrustSource::Demo))
            }
        }
    }

    /// Opens the local content (restoring the bundled snapshot where needed) and prints on
    /// stderr anything that had to be repaired.
    pub fn open(&self) -> CliResult<Opened> {
        let (keys, trust) = self.trusted_keys()?;
        let data = self.data_dir();
        let content = open_content(&data, keys)?;
        for notice in content.notices() {
            eprintln!("veiviser: note: {notice}");
        }
        Ok(Opened {
            content,
            trust,
            data,
        })
    }
}

/// Opened local content and how it was configured.
#[derive(Debug)]
pub struct Opened {
    /// The content.
    pub content: Arc<DeviceContent>,
    /// Whom it trusts.
    pub trust: TrustSource,
    /// Its folder.
    pub data: PathBuf,
}

/// The embedded snapshot, parsed.
pub fn bundled_snapshot() -> CliResult<Snapshot> {
    parse_snapshot(BUNDLED_SNAPSHOT, "the bundled demo snapshot").map_err(CliError::from)
}

/// Opens `data` with `keys` and the bundled snapshot; every failure is a storage error (5).
pub fn open_content(data: &Path, keys: TrustedKeys) -> CliResult<Arc<DeviceContent>> {
    let bundled = bundled_snapshot()?;
    Ok(DeviceContent::open(data, keys, Some(bundled))?)
}

/// Opens the local store in `data` (or the default folder) with `trusted_keys` (or the
/// default trust).
fn open_store(data: Option<&Path>, trusted_keys: Option<&Path>) -> CliResult<Opened> {
    LocalArgs {
        data: data.map(Path::to_path_buf),
        trusted_keys: trusted_keys.map(Path::to_path_buf),
    }
    .open()
}

/// "sequence N, published …" of one collection, or "nothing stored".
fn as_of_short(as_of: &[AsOf], c: veiviser_core::sync::protocol::Collection) -> String {
    as_of
        .iter()
        .find(|a| a.collection == c)
        .map(|a| {
            format!(
                "content as of sequence {}, published {}",
                a.sequence,
                a.published_at.format("%Y-%m-%d %H:%M UTC")
            )
        })
        .unwrap_or_else(|| "nothing stored yet: run `veiviser sync`".to_string())
}

/// The contact book from the local store, for `contacts` and `search --data DIR`.
pub fn book_from_store(
    data: &Path,
    trusted_keys: Option<&Path>,
) -> CliResult<(
    veiviser_core::directory::ContactBook,
    crate::commands::contacts::DataSources,
)> {
    use veiviser_core::sync::protocol::Collection;
    let opened = open_store(Some(data), trusted_keys)?;
    let book = opened.content.build_contact_book()?;
    let as_of = opened.content.as_of()?;
    let place = format!(
        "local store {} (places: {})",
        data.display(),
        as_of_short(&as_of, Collection::Places)
    );
    let sources = crate::commands::contacts::DataSources {
        directory: format!(
            "local store {} (directory: {})",
            data.display(),
            as_of_short(&as_of, Collection::Directory)
        ),
        postcodes: place.clone(),
        bydel_pairs: place,
        postcode_count: opened.content.places()?.rows().len(),
    };
    Ok((book, sources))
}

/// Whether `arg` looks like a guide id rather than a file path.
pub fn looks_like_guide_id(arg: &Path) -> bool {
    let s = arg.to_string_lossy();
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A guide from the local store, for `walk GUIDE_ID [--data DIR]`; says on stderr, in
/// `lang`, which revision and which published state it is.
pub fn guide_from_store(
    data: Option<&Path>,
    trusted_keys: Option<&Path>,
    id: &str,
    lang: veiviser_core::Lang,
) -> CliResult<veiviser_core::guide::Guide> {
    use veiviser_core::i18n::catalog as msg;
    use veiviser_core::sync::protocol::Collection;
    let opened = open_store(data, trusted_keys)?;
    let guide = opened.content.guide(id)?;
    let as_of = opened.content.as_of()?;
    let as_of = match as_of.iter().find(|a| a.collection == Collection::Guides) {
        Some(a) => msg::STORE_AS_OF.fill(
            lang,
            &[
                ("sequence", &a.sequence.to_string()),
                (
                    "published",
                    &a.published_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                ),
            ],
        ),
        None => msg::STORE_NOTHING.get(lang).to_string(),
    };
    eprintln!(
        "{}",
        msg::WALK_FROM_STORE.fill(
            lang,
            &[
                ("id", id),
                ("revision", &guide.revision.to_string()),
                ("folder", &opened.data.display().to_string()),
                ("as_of", &as_of),
            ],
        )
    );
    Ok(guide)
}
