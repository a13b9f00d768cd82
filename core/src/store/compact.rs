//! Keeping the sled part of the store bounded: rebuild it into a fresh folder and swap that
//! in when it has grown past a few times its live data.
//!
//! sled 0.34 reclaims the space of removed values lazily and sometimes never (its README:
//! "sled uses too much space sometimes"; issue #1484). The chunks live in files beside it and
//! are removed exactly ([`super::chunk_files`]), but every sync still rewrites heads and
//! indexes in sled. On open, when sled's files take more than [`COMPACT_FACTOR`] × its live
//! data plus [`COMPACT_SLACK`], the live heads, bookkeeping and generation indexes are copied
//! into a new sled folder `<folder>.compact`, flushed, and swapped in:
//!
//! 1. `<folder>` → `<folder>.old`; 2. `<folder>.old/chunks` → `<folder>.compact/chunks`;
//! 3. `<folder>.compact` → `<folder>`; 4. remove `<folder>.old`.
//!
//! A crash at any point leaves a state [`finish_interrupted`] completes on the next open:
//! `.old` without the folder means steps 2–3 are still due (the copy was complete before
//! step 1); `.old` beside the folder means only step 4 is; a `.compact` alone is an unfinished
//! copy and is removed. Nothing is lost either way: the store is a cache of signed content.

use super::chunk_files::CHUNKS_DIR;
use super::sled_store::{parse_gen_key, OpenFailure, SledStore};
use crate::error::{Error, Result, StorageError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// sled is rebuilt when its files take more than this many times its live data…
pub const COMPACT_FACTOR: u64 = 4;
/// …plus this many bytes (sled's own files and log segments).
pub const COMPACT_SLACK: u64 = 4 << 20;

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// Where the fresh copy is built.
pub fn compact_path(path: &Path) -> PathBuf {
    sibling(path, ".compact")
}

/// Where the replaced folder waits to be removed.
pub fn old_path(path: &Path) -> PathBuf {
    sibling(path, ".old")
}

/// Completes or undoes a compaction a crash interrupted (see the module docs).
pub fn finish_interrupted(path: &Path) -> std::io::Result<()> {
    let (fresh, old) = (compact_path(path), old_path(path));
    if old.exists() {
        if !path.exists() && fresh.exists() {
            if old.join(CHUNKS_DIR).exists() {
                move_chunks(&old, &fresh)?;
            }
            std::fs::rename(&fresh, path)?;
        }
        std::fs::remove_dir_all(&old)?;
    }
    if fresh.exists() {
        std::fs::remove_dir_all(&fresh)?;
    }
    Ok(())
}

/// Bytes the files under `path` take.
pub fn folder_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// Bytes of sled's own files in the store folder: everything but the chunk folder, which is
/// not listed at all (it holds one file per chunk, and sizing them on every open was a
/// measurable part of a cold start).
fn sled_files_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_name() != CHUNKS_DIR)
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_size(&e.path()),
            _ => e.metadata().map(|m| m.len()).unwrap_or(0),
        })
        .sum()
}

/// Moves the chunk folder of the store in `from` into the store in `to`.
fn move_chunks(from: &Path, to: &Path) -> std::io::Result<()> {
    let target = to.join(CHUNKS_DIR);
    if target.exists() {
        std::fs::remove_dir_all(&target)?;
    }
    std::fs::rename(from.join(CHUNKS_DIR), target)
}

/// Whether sled files of `on_disk` bytes holding `live` bytes of data are rebuilt.
pub fn needs_compaction(on_disk: u64, live: u64) -> bool {
    on_disk
        > COMPACT_FACTOR
            .saturating_mul(live)
            .saturating_add(COMPACT_SLACK)
}

fn sled_err(what: &str) -> impl Fn(sled::Error) -> Error + '_ {
    move |e| StorageError::sled(what, e).into()
}

/// Compacts `store` when its folder has outgrown its content; returns the store to use (the
/// same one when nothing was needed, or when the copy could not be made).
pub(super) fn maybe_compact(store: SledStore) -> Result<SledStore> {
    compact_when(store, needs_compaction)
}

/// [`maybe_compact`] with the rule `needed(bytes on disk, live bytes)`.
fn compact_when(store: SledStore, needed: fn(u64, u64) -> bool) -> Result<SledStore> {
    let path = store.path.clone();
    let live = store.live_sled_bytes()?;
    let on_disk = sled_files_size(&path);
    if !needed(on_disk, live) {
        return Ok(store);
    }
    let fresh = compact_path(&path);
    let copied = std::fs::remove_dir_all(&fresh)
        .or_else(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(e),
        })
        .map_err(|e| Error::from(StorageError::io(fresh.display().to_string(), e)))
        .and_then(|()| copy_live(&store, &fresh));
    if copied.is_err() {
        // No space for the copy, say: keep using the store as it is (a failed compaction
        // only costs space; the next open tries again).
        let _ = std::fs::remove_dir_all(&fresh);
        return Ok(store);
    }
    drop(store);
    let old = old_path(&path);
    let swap = |e| Error::from(StorageError::io(path.display().to_string(), e));
    std::fs::rename(&path, &old).map_err(swap)?;
    move_chunks(&old, &fresh).map_err(swap)?;
    std::fs::rename(&fresh, &path).map_err(swap)?;
    std::fs::remove_dir_all(&old).map_err(swap)?;
    reopen(&path)
}

/// Copies the live sled data of `store` into a new sled folder at `fresh` and closes it (the
/// chunk files are moved over by the swap).
fn copy_live(store: &SledStore, fresh: &Path) -> Result<()> {
    let copy = SledStore::try_open(fresh).map_err(|e| {
        Error::Storage(StorageError::Damaged(match e {
            OpenFailure::Locked(m) | OpenFailure::Broken(m) => m,
            OpenFailure::Unwritable(e) => e.to_string(),
        }))
    })?;
    let heads = super::ContentStore::heads(store)?;
    for entry in store.heads.iter() {
        let (k, v) = entry.map_err(sled_err("reading heads"))?;
        copy.heads.insert(k, v).map_err(sled_err("copying heads"))?;
    }
    for entry in store.meta.iter() {
        let (k, v) = entry.map_err(sled_err("reading bookkeeping"))?;
        copy.meta
            .insert(k, v)
            .map_err(sled_err("copying bookkeeping"))?;
    }
    for entry in store.gens.iter() {
        let (k, index) = entry.map_err(sled_err("reading generations"))?;
        let live = parse_gen_key(&k)
            .is_some_and(|(c, g)| heads.get(&c).is_some_and(|h| h.generation == g));
        if !live {
            continue;
        }
        copy.gens
            .insert(k, index)
            .map_err(sled_err("copying generations"))?;
    }
    copy.db.flush().map_err(sled_err("flushing the copy"))?;
    Ok(())
}

/// Opens the swapped-in folder, waiting (at most 2 s) for sled's background threads of the
/// copy to let go of its file lock.
fn reopen(path: &Path) -> Result<SledStore> {
    let start = Instant::now();
    loop {
        match SledStore::try_open(path) {
            Ok(store) => return Ok(store),
            Err(OpenFailure::Locked(_)) if start.elapsed() < Duration::from_secs(2) => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(OpenFailure::Locked(m) | OpenFailure::Broken(m)) => {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "reopening the compacted store in {}: {m}",
                    path.display()
                ))))
            }
            Err(OpenFailure::Unwritable(e)) => {
                return Err(StorageError::Unwritable {
                    path: path.display().to_string(),
                    source: e,
                }
                .into())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Change, ContentStore, StageBase, Swap};

    #[test]
    fn the_threshold_is_a_multiple_of_live_content() {
        assert!(!needs_compaction(COMPACT_SLACK, 0));
        assert!(needs_compaction(COMPACT_SLACK + 1, 0));
        assert!(!needs_compaction(COMPACT_SLACK + 4 * 1000, 1000));
        assert!(needs_compaction(COMPACT_SLACK + 4 * 1000 + 1, 1000));
    }

    #[test]
    fn an_interrupted_swap_is_completed_and_an_unfinished_copy_removed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        // Crash between step 1 and 2: only .old and .compact exist.
        std::fs::create_dir_all(old_path(&path)).unwrap();
        std::fs::create_dir_all(compact_path(&path)).unwrap();
        std::fs::write(compact_path(&path).join("f"), b"new").unwrap();
        finish_interrupted(&path).unwrap();
        assert_eq!(std::fs::read(path.join("f")).unwrap(), b"new");
        assert!(!old_path(&path).exists() && !compact_path(&path).exists());
        // An unfinished copy beside the folder is removed, the folder kept.
        std::fs::create_dir_all(compact_path(&path)).unwrap();
        finish_interrupted(&path).unwrap();
        assert!(path.join("f").exists() && !compact_path(&path).exists());
    }

    #[test]
    fn a_grown_folder_is_rebuilt_with_the_same_content_and_shrinks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let big = |i: u32| Change::Upsert {
            id: format!("r{i:03}"),
            value: vec![(i % 251) as u8; 40_000],
        };
        {
            let (store, _) = SledStore::open(&path).unwrap();
            // Rewrite 2 MB of content many times over, with bookkeeping writes between.
            for round in 0..6u32 {
                let changes: Vec<Change> = (0..50).map(|i| big(i + round)).collect();
                let s = store.stage("guides", StageBase::Empty, &changes).unwrap();
                let digest = s.digest.clone();
                store
                    .swap(&[Swap {
                        staged: s,
                        meta: digest.into_bytes(),
                    }])
                    .unwrap();
                store.flush().unwrap();
                store.collect_garbage().unwrap();
            }
            // Bookkeeping rewritten many times: dead space sled keeps.
            for i in 0..200u32 {
                let junk = vec![(i % 256) as u8; 64 * 1024];
                store
                    .set_meta(&format!("junk{}", i % 7), Some(&junk))
                    .unwrap();
            }
            for i in 0..7 {
                store.set_meta(&format!("junk{i}"), None).unwrap();
            }
            store.set_meta("k", Some(b"v")).unwrap();
            store.flush().unwrap();
        }
        let before = folder_size(&path);
        let store = reopen(&path).unwrap();
        let chunks = store.chunks.size();
        assert!(chunks >= 50 * 40_000, "{chunks}");
        let live = store.live_sled_bytes().unwrap();
        let store = compact_when(store, |_, _| true).unwrap();
        let after = folder_size(&path);
        assert!(
            after < before && !needs_compaction(after - chunks, live),
            "{before} -> {after} bytes for {live} live in sled and {chunks} in chunks"
        );
        let records = store.records("guides").unwrap();
        assert_eq!(records.len(), 50);
        assert_eq!(records[0].1, vec![5u8; 40_000]);
        let head = store.head("guides").unwrap().unwrap();
        assert_eq!(
            store.live_digest("guides").unwrap().unwrap().into_bytes(),
            head.meta
        );
        assert_eq!(store.meta("k").unwrap(), Some(b"v".to_vec()));
        assert!(!old_path(&path).exists() && !compact_path(&path).exists());
    }
}
