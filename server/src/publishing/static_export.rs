//! `veiviser-server export-static DIR`: the sync protocol as files any static web server,
//! object store or CDN can serve at the URLs the client already uses (`docs/protocol.md`,
//! "Serving from static files").
//!
//! Layout of `DIR/` (nginx's `root` is `DIR/current`; `server/static/nginx-veiviser*.conf`
//! maps the request URLs onto these files):
//!
//! ```text
//! current -> exports/<head:012>-<stamp>        swapped atomically (rename of a new symlink)
//! exports/<head:012>-<stamp>/
//!   export.json                                what this export holds (heads, delta sources)
//!   healthz.json                               {"sequence": N, "status": "ok"}
//!   v1/latest.json                             GET /v1/latest (identity only)
//!   v1/collections/<c>/head -> <h>             the collection's newest revision
//!   v1/collections/<c>/<h>/full.json{,.gz,.zst}          …/changeset (no since, or since=0)
//!   v1/collections/<c>/<h>/since-<N>.json{,.gz,.zst}     …/changeset?since=N
//! ```
//!
//! Every body is byte for byte what the live server sends (`full.json` is the revision file,
//! deltas and `latest` are built the way the live server builds them). Files under `<c>/<h>/` never change
//! once written (their path names the state they lead to), so the next export hard-links them
//! instead of compressing them again, and a CDN may cache them forever.
//!
//! **File times are ETags.** nginx's ETag of a static file is its modification time and size,
//! so every file gets the time of the sequence it leads to: the publish time, raised where
//! needed so that each sequence has its own second ([`sequence_times`]). Re-exporting the same
//! content gives the same ETags (an unchanged device still gets `304`), and a new state at the
//! same URL always gets a new ETag. `latest.json` is the exception: its time is derived from
//! its body ([`static_latest_mtime`]), so its ETag commits to the body and the client keeps
//! it for the poll (an unchanged device's poll is a `304` from nginx).
//!
//! **Pruning never strands a device**: deltas are written from the collection's newest
//! revisions within `max_delta_span` sequences of its head (at most `max_deltas` of them); any
//! other `since` has no file and the web server answers the full snapshot, which the client
//! accepts from any state, exactly as the live server does for a device too far behind. Old
//! export folders are removed once `keep_exports` newer ones exist.

use crate::data_dir::DataDir;
use crate::publishing::publish::records_of;
use crate::publishing::published::{self, sync_dir, PublishedError, PublishedScan};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use veiviser_core::sync::engine::static_latest_mtime;
use veiviser_core::sync::protocol::{Changeset, Collection, CollectionHead, Latest};

/// The symlink a web server's root points at.
pub const CURRENT_LINK: &str = "current";
/// The folder holding the export folders.
pub const EXPORTS_DIR: &str = "exports";
/// The manifest inside each export folder.
pub const MANIFEST_FILE: &str = "export.json";
/// The precompressed variants written beside every body, as file-name suffixes.
pub const VARIANTS: [&str; 3] = ["", ".gz", ".zst"];

/// How much history to export.
#[derive(Debug, Clone)]
pub struct StaticExportOptions {
    /// Deltas only from revisions at most this many sequences behind the head (as `serve
    /// --max-delta-span`).
    pub max_delta_span: u64,
    /// At most this many delta sources per collection (the newest revisions).
    pub max_deltas: usize,
    /// Export folders kept, the current one included (older ones may still be read by
    /// requests in flight).
    pub keep_exports: usize,
}

impl Default for StaticExportOptions {
    fn default() -> Self {
        StaticExportOptions {
            max_delta_span: 1000,
            max_deltas: 100,
            keep_exports: 3,
        }
    }
}

/// What an export did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticExportReport {
    /// The global sequence exported.
    pub head: u64,
    /// The export folder now served.
    pub folder: PathBuf,
    /// `false` when `current` already held this sequence and nothing was written.
    pub written: bool,
    /// Files compressed and written.
    pub files_written: usize,
    /// Files hard-linked from the previous export.
    pub files_reused: usize,
    /// Delta sources (`since` values) written, over all collections.
    pub deltas: usize,
    /// Old export folders removed.
    pub pruned: usize,
}

fn io_err<'a>(path: &'a Path, what: &str) -> impl Fn(std::io::Error) -> PublishedError + 'a {
    let what = what.to_string();
    move |e| PublishedError::new(path, format!("{what}: {e}"))
}

/// The file time of every sequence `1..=head`: its batch's publish time (whole seconds),
/// raised to one second after the previous sequence's when needed, so the times strictly
/// increase and are the same for the same published history.
pub fn sequence_times(scan: &PublishedScan) -> BTreeMap<u64, u64> {
    let mut times = BTreeMap::new();
    let mut previous: Option<u64> = None;
    for batch in scan.batches.values() {
        let published = batch.published_at.timestamp().max(0) as u64;
        for s in batch.first..=batch.last {
            let t = match previous {
                Some(p) if published <= p => p + 1,
                _ => published,
            };
            times.insert(s, t);
            previous = Some(t);
        }
    }
    times
}

/// The revision sequences of each collection, oldest first.
fn revisions_by_collection(scan: &PublishedScan) -> BTreeMap<Collection, Vec<u64>> {
    let mut by: BTreeMap<Collection, Vec<u64>> = BTreeMap::new();
    for batch in scan.batches.values() {
        for r in &batch.revisions {
            by.entry(r.collection).or_default().push(r.sequence);
        }
    }
    by
}

/// The `since` values a delta is written from for a collection whose revisions are
/// `revisions` (oldest first) and whose head is the last of them: the head itself (an empty
/// delta) and the newest earlier revisions within the span, at most `max_deltas` in all.
pub fn delta_sources(revisions: &[u64], opts: &StaticExportOptions) -> Vec<u64> {
    let Some(&head) = revisions.last() else {
        return Vec::new();
    };
    revisions
        .iter()
        .rev()
        .copied()
        .filter(|r| head - r <= opts.max_delta_span)
        .take(opts.max_deltas)
        .collect()
}

/// The delta body from the state `old` (at sequence `since`; `None` when that is the head
/// itself) to the full revision `head`, whose records are `new`.
pub fn delta_body(
    head: &Changeset,
    new: &BTreeMap<String, Value>,
    since: u64,
    old: Option<&BTreeMap<String, Value>>,
) -> Vec<u8> {
    let (records, tombstones) = match old {
        None => (Vec::new(), Vec::new()),
        Some(old) => crate::publishing::publish::delta_between(old, new),
    };
    let cs = Changeset {
        collection: head.collection,
        schema_version: head.schema_version,
        sequence: head.sequence,
        published_at: head.published_at,
        since: None,
        full: false,
        records,
        tombstones,
        signature: head.signature.clone(),
    };
    // Exactly as the live server builds it (`sync_api::delta_cache`): the changeset as a JSON
    // value without `since`, and `{"since":N,` in front.
    let mut value = serde_json::to_value(&cs).expect("a changeset always serializes");
    if let Value::Object(map) = &mut value {
        map.remove("since");
    }
    let json = serde_json::to_vec(&value).expect("a changeset always serializes");
    let mut body = format!("{{\"since\":{since},").into_bytes();
    body.extend_from_slice(json.strip_prefix(b"{").unwrap_or(&json));
    body
}

/// The `/v1/latest` body for these newest revisions at global sequence `sequence`.
pub fn latest_body(sequence: u64, heads: &BTreeMap<Collection, Changeset>) -> Vec<u8> {
    let latest = Latest {
        sequence,
        collections: heads
            .iter()
            .map(|(c, cs)| {
                (
                    *c,
                    CollectionHead {
                        sequence: cs.sequence,
                        published_at: cs.published_at,
                        schema_version: cs.schema_version,
                    },
                )
            })
            .collect(),
    };
    serde_json::to_vec(&latest).expect("Latest always serializes")
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    gz.write_all(body)
        .expect("compressing into memory cannot fail");
    gz.finish().expect("compressing into memory cannot fail")
}

fn zstd(body: &[u8]) -> Vec<u8> {
    zstd::bulk::compress(body, 19).expect("compressing into memory cannot fail")
}

/// Writes `path` with `bytes`, fsynced, with the modification time `mtime` (seconds).
fn write_file(path: &Path, bytes: &[u8], mtime: u64) -> Result<(), PublishedError> {
    let err = io_err(path, "cannot write");
    let mut f = fs::File::create(path).map_err(&err)?;
    f.write_all(bytes).map_err(&err)?;
    f.set_modified(UNIX_EPOCH + Duration::from_secs(mtime))
        .map_err(&err)?;
    f.sync_all().map_err(&err)
}

/// Writes `name` and its precompressed variants into `dir`, or hard-links all of them from
/// `reuse` when it has them (the same path always holds the same bytes). Returns (written, reused).
fn write_body(
    dir: &Path,
    name: &str,
    reuse: Option<&Path>,
    mtime: u64,
    body: impl FnOnce() -> Result<Vec<u8>, PublishedError>,
) -> Result<(usize, usize), PublishedError> {
    if let Some(from) = reuse {
        if VARIANTS
            .iter()
            .all(|v| from.join(format!("{name}{v}")).is_file())
        {
            let linked = VARIANTS.iter().try_for_each(|v| {
                let file = format!("{name}{v}");
                fs::hard_link(from.join(&file), dir.join(&file))
            });
            if linked.is_ok() {
                return Ok((0, VARIANTS.len()));
            }
            // A file system without hard links: write them afresh.
            for v in VARIANTS {
                let _ = fs::remove_file(dir.join(format!("{name}{v}")));
            }
        }
    }
    let body = body()?;
    write_file(&dir.join(name), &body, mtime)?;
    write_file(&dir.join(format!("{name}.gz")), &gzip(&body), mtime)?;
    write_file(&dir.join(format!("{name}.zst")), &zstd(&body), mtime)?;
    Ok((VARIANTS.len(), 0))
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> Result<(), PublishedError> {
    std::os::unix::fs::symlink(target, link).map_err(io_err(link, "cannot create the symlink"))
}

#[cfg(not(unix))]
fn symlink(_target: &Path, link: &Path) -> Result<(), PublishedError> {
    Err(PublishedError::new(
        link,
        "the static export needs symbolic links (Linux, macOS, BSD)",
    ))
}

/// The export folder `DIR/current` points at, if any.
pub fn current_export(dir: &Path) -> Option<PathBuf> {
    let target = fs::read_link(dir.join(CURRENT_LINK)).ok()?;
    let path = if target.is_absolute() {
        target
    } else {
        dir.join(target)
    };
    path.is_dir().then_some(path)
}

/// The global sequence an export folder holds (from its name).
fn export_head(folder: &Path) -> Option<u64> {
    folder
        .file_name()?
        .to_str()?
        .split('-')
        .next()?
        .parse()
        .ok()
}

/// Held while exporting: one export into a folder at a time (a lock on `DIR/.lock`).
struct ExportLock(#[allow(dead_code)] fs::File);

fn lock(dir: &Path) -> Result<ExportLock, PublishedError> {
    let path = dir.join(".lock");
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_err(&path, "cannot open the export lock"))?;
    fs2::FileExt::lock_exclusive(&f).map_err(io_err(&path, "cannot take the export lock"))?;
    Ok(ExportLock(f))
}

/// Writes the static export of `data`'s published content into `dir` (see the module doc),
/// or does nothing when `dir/current` already holds the newest sequence.
pub fn export_static(
    data: &DataDir,
    dir: &Path,
    opts: &StaticExportOptions,
) -> Result<StaticExportReport, PublishedError> {
    let exports = dir.join(EXPORTS_DIR);
    fs::create_dir_all(&exports).map_err(io_err(&exports, "cannot create"))?;
    let _lock = lock(dir)?;
    let scan = data.scan()?;
    let head = scan.head();
    if head == 0 {
        return Err(PublishedError::new(
            data.root(),
            "nothing is published yet; import content first",
        ));
    }
    let previous = current_export(dir);
    if let Some(p) = previous.as_ref().filter(|p| export_head(p) == Some(head)) {
        return Ok(StaticExportReport {
            head,
            folder: p.clone(),
            written: false,
            files_written: 0,
            files_reused: 0,
            deltas: 0,
            pruned: 0,
        });
    }
    let link = dir.join(CURRENT_LINK);
    if link.exists() && fs::symlink_metadata(&link).is_ok_and(|m| !m.file_type().is_symlink()) {
        return Err(PublishedError::new(
            &link,
            "is not a symbolic link: move it away (the export swaps this link)",
        ));
    }

    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let name = format!("{head:012}-{stamp}-{}", std::process::id());
    let folder = exports.join(&name);
    let result = write_export(data, &scan, &folder, previous.as_deref(), opts);
    let (written, reused, deltas) = match result {
        Ok(counts) => counts,
        Err(e) => {
            let _ = fs::remove_dir_all(&folder);
            return Err(e);
        }
    };

    // The swap: a new symlink renamed over `current` (atomic on POSIX file systems).
    let tmp_link = dir.join(format!(".{CURRENT_LINK}.{name}"));
    symlink(&Path::new(EXPORTS_DIR).join(&name), &tmp_link)?;
    fs::rename(&tmp_link, &link).map_err(io_err(&link, "cannot swap the link"))?;
    sync_dir(dir);
    let pruned = prune(&exports, &folder, opts.keep_exports.max(1));
    Ok(StaticExportReport {
        head,
        folder,
        written: true,
        files_written: written,
        files_reused: reused,
        deltas,
        pruned,
    })
}

/// Writes one complete export into `folder`; returns (files written, files reused, deltas).
fn write_export(
    data: &DataDir,
    scan: &PublishedScan,
    folder: &Path,
    previous: Option<&Path>,
    opts: &StaticExportOptions,
) -> Result<(usize, usize, usize), PublishedError> {
    let published_dir = data.published();
    let times = sequence_times(scan);
    let time_of = |s: u64| times.get(&s).copied().unwrap_or(0);
    let head = scan.head();
    let refs: BTreeMap<u64, _> = scan
        .batches
        .values()
        .flat_map(|b| b.revisions.iter().map(|r| (r.sequence, r.clone())))
        .collect();
    let read = |s: u64| -> Result<(Vec<u8>, Changeset), PublishedError> {
        let r = refs.get(&s).ok_or_else(|| {
            PublishedError::new(&published_dir, format!("revision {s} is not published"))
        })?;
        published::read_revision(&published_dir, r)
    };

    let v1 = folder.join("v1");
    let (mut written, mut reused, mut deltas) = (0, 0, 0);
    let mut heads = BTreeMap::new();
    let mut manifest = serde_json::Map::new();
    for (collection, revisions) in revisions_by_collection(scan) {
        let Some(&h) = revisions.last() else { continue };
        let rel = Path::new("collections")
            .join(collection.as_str())
            .join(h.to_string());
        let out = v1.join(&rel);
        fs::create_dir_all(&out).map_err(io_err(&out, "cannot create"))?;
        let reuse = previous.map(|p| p.join("v1").join(&rel));
        let (bytes, changeset) = read(h)?;
        let mut tally = |(w, r): (usize, usize)| {
            written += w;
            reused += r;
        };
        tally(write_body(
            &out,
            "full.json",
            reuse.as_deref(),
            time_of(h),
            || Ok(bytes),
        )?);
        let sources = delta_sources(&revisions, opts);
        let mut new_records = None;
        for &since in &sources {
            tally(write_body(
                &out,
                &format!("since-{since}.json"),
                reuse.as_deref(),
                time_of(h),
                || {
                    let old = if since == h {
                        None
                    } else {
                        Some(records_of(&read(since)?.1))
                    };
                    let new = new_records.get_or_insert_with(|| records_of(&changeset));
                    Ok(delta_body(&changeset, new, since, old.as_ref()))
                },
            )?);
        }
        deltas += sources.len();
        symlink(
            Path::new(&h.to_string()),
            &v1.join("collections")
                .join(collection.as_str())
                .join("head"),
        )?;
        manifest.insert(
            collection.as_str().into(),
            json!({"sequence": h, "delta_sources": sources}),
        );
        heads.insert(collection, changeset);
    }

    // `latest` is served as is (a few hundred bytes), with a file time taken from its body, so
    // that nginx's ETag (time and size) commits to the body and the client keeps it for the
    // poll (`veiviser_core::sync::engine::static_latest_etag`; ADR 0010).
    let latest = latest_body(head, &heads);
    write_file(
        &v1.join("latest.json"),
        &latest,
        static_latest_mtime(&latest),
    )?;
    written += 1;
    let health = serde_json::to_vec(&json!({"status": "ok", "sequence": head}))
        .expect("JSON always serializes");
    write_file(&folder.join("healthz.json"), &health, time_of(head))?;
    let manifest = json!({
        "format": 1,
        "sequence": head,
        "max_delta_span": opts.max_delta_span,
        "max_deltas": opts.max_deltas,
        "collections": manifest,
    });
    let mut manifest = serde_json::to_vec_pretty(&manifest).expect("JSON always serializes");
    manifest.push(b'\n');
    write_file(&folder.join(MANIFEST_FILE), &manifest, time_of(head))?;
    written += 2;
    sync_tree(folder);
    Ok((written, reused, deltas))
}

/// Flushes every folder of the export (best effort), so the swap never points at entries
/// that are not on disk yet.
fn sync_tree(dir: &Path) {
    if let Ok(entries) = fs::read_dir(dir) {
        for e in entries.flatten() {
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                sync_tree(&e.path());
            }
        }
    }
    sync_dir(dir);
}

/// Removes export folders other than the `keep` newest (the current one always stays);
/// returns how many were removed.
fn prune(exports: &Path, current: &Path, keep: usize) -> usize {
    let Ok(entries) = fs::read_dir(exports) else {
        return 0;
    };
    let mut folders: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir() && p != current)
        .collect();
    // Names start with the zero-padded sequence, then the time: newest last.
    folders.sort();
    let excess = folders.len().saturating_sub(keep - 1);
    folders
        .into_iter()
        .take(excess)
        .filter(|p| fs::remove_dir_all(p).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_sources_keep_the_newest_revisions_within_the_span() {
        let opts = StaticExportOptions {
            max_delta_span: 10,
            max_deltas: 3,
            keep_exports: 2,
        };
        assert_eq!(delta_sources(&[], &opts), Vec::<u64>::new());
        assert_eq!(delta_sources(&[4], &opts), vec![4]);
        assert_eq!(delta_sources(&[1, 5, 9, 12], &opts), vec![12, 9, 5]);
        assert_eq!(delta_sources(&[1, 14], &opts), vec![14]);
    }
}
