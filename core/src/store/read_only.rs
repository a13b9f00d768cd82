//! Reading a store that cannot be opened for writing: copy its folder aside, open the copy,
//! and load its content into a [`MemoryStore`].
//!
//! sled has no read-only mode: it needs to write to open a database at all. When the folder
//! cannot be written (permissions, a read-only file system, a full disk) or another process
//! holds it (a sync waiting on a slow server), the device still shows the last content the
//! folder held — never an older bundled snapshot instead of it — by reading a private copy.
//! The copy is re-verified against its signatures when the device opens it, like any store,
//! so a copy torn by a concurrent writer is refused, not shown.

use super::{Change, ContentStore, MemoryStore, SledStore, StageBase, Swap};
use crate::error::{Error, Result, StorageError};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The live content of the sled store in `path`, read through a copy in a temporary folder
/// (removed before returning) and held in memory. Fails when the folder cannot be read or
/// copied; the caller then shows what it can without it.
pub fn load_read_only(path: &Path) -> Result<MemoryStore> {
    let copy = temp_copy_path();
    let result = copy_dir(path, &copy)
        .map_err(|e| {
            Error::from(StorageError::io(
                format!("copying {} to read it", path.display()),
                e,
            ))
        })
        .and_then(|()| load_from(&copy));
    let _ = std::fs::remove_dir_all(&copy);
    result
}

fn load_from(copy: &Path) -> Result<MemoryStore> {
    let (sled, _) = SledStore::open(copy)?;
    let memory = MemoryStore::new();
    let mut swaps = Vec::new();
    for (collection, head) in sled.heads()? {
        let changes: Vec<Change> = sled
            .records(&collection)?
            .into_iter()
            .map(|(id, value)| Change::Upsert { id, value })
            .collect();
        swaps.push(Swap {
            staged: memory.stage(&collection, StageBase::Empty, &changes)?,
            meta: head.meta,
        });
    }
    memory.swap(&swaps)?;
    Ok(memory)
}

fn temp_copy_path() -> PathBuf {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("veiviser-read-only-{}-{nanos}", std::process::id()))
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            // A new file, not `fs::copy`: that would carry over a read-only mode, and sled
            // must be able to open the copy for writing.
            std::fs::write(&target, std::fs::read(entry.path())?)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_holds_the_same_live_content_and_leaves_no_temp_folder() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        {
            let (sled, _) = SledStore::open(&path).unwrap();
            let changes = [Change::Upsert {
                id: "a".into(),
                value: b"1".to_vec(),
            }];
            let staged = sled.stage("guides", StageBase::Empty, &changes).unwrap();
            sled.swap(&[Swap {
                staged,
                meta: b"m".to_vec(),
            }])
            .unwrap();
            sled.flush().unwrap();
            // Still held by this handle: the copy must not need the lock.
            let memory = load_read_only(&path).unwrap();
            assert_eq!(
                memory.records("guides").unwrap(),
                [("a".into(), b"1".to_vec())]
            );
            assert_eq!(memory.head("guides").unwrap().unwrap().meta, b"m");
        }
        let leftovers = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("veiviser-read-only-{}-", std::process::id()))
            })
            .count();
        assert_eq!(leftovers, 0);
        assert!(load_read_only(&dir.path().join("missing")).is_err());
    }
}
