//! The device store's chunks as files: `<store>/chunks/<hex SHA-256>`, written once, never
//! changed, removed when no live generation uses them (ADR 0010).
//!
//! sled 0.34 keeps values in tree nodes and rewrites a whole node (stored as a "blob" file once
//! it passes 128 KiB) on every change near it, reclaiming the old copies lazily: a store of
//! 3 MB of chunks took 8 MB after a sync and 20 MB after the next open. Immutable
//! content-addressed files have none of that: a chunk is written once (to a temporary name,
//! fsynced, renamed), read with one `read`, and its space is back the moment it is removed.

use super::chunks::{self, Chunk, ChunkRef};
use crate::error::{Error, Result, StorageError};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder name inside the store folder.
pub const CHUNKS_DIR: &str = "chunks";

const TMP_PREFIX: &str = ".tmp-";

fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(name: &str) -> Option<[u8; 32]> {
    if name.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(name.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// The chunk files of one store folder.
#[derive(Debug, Clone)]
pub struct ChunkFiles {
    dir: PathBuf,
}

impl ChunkFiles {
    /// The chunk folder of the store in `store_dir` (created when missing).
    pub fn open(store_dir: &Path) -> std::io::Result<ChunkFiles> {
        let dir = store_dir.join(CHUNKS_DIR);
        std::fs::create_dir_all(&dir)?;
        Ok(ChunkFiles { dir })
    }

    /// The folder.
    #[cfg(test)]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn io(&self, path: &Path) -> impl Fn(std::io::Error) -> Error + '_ {
        let path = path.display().to_string();
        move |e| StorageError::io(path.clone(), e).into()
    }

    /// The chunk `r` of `collection`, checked against its hash.
    pub fn read(&self, collection: &str, r: &ChunkRef) -> Result<Vec<u8>> {
        let path = self.dir.join(hex(&r.hash));
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::Storage(StorageError::Damaged(format!(
                    "a chunk of {collection} is missing: the store is damaged"
                ))))
            }
            Err(e) => return Err(self.io(&path)(e)),
        };
        chunks::check_chunk(&bytes, &r.hash, &format!("stored {collection}"))?;
        Ok(bytes)
    }

    /// Writes the chunks not already stored (each to a temporary name, fsynced, renamed),
    /// then syncs the folder, so every chunk an index can name is durable before the index.
    pub fn write_all(&self, chunks: &[Chunk]) -> Result<()> {
        let mut wrote = false;
        for chunk in chunks {
            let path = self.dir.join(hex(&chunk.hash));
            if path.exists() {
                continue;
            }
            let tmp = self.dir.join(format!(
                "{TMP_PREFIX}{}-{}",
                hex(&chunk.hash),
                std::process::id()
            ));
            let err = self.io(&tmp);
            let mut f = std::fs::File::create(&tmp).map_err(&err)?;
            f.write_all(&chunk.bytes).map_err(&err)?;
            f.sync_data().map_err(&err)?;
            std::fs::rename(&tmp, &path).map_err(self.io(&path))?;
            wrote = true;
        }
        if wrote {
            self.sync_dir()?;
        }
        Ok(())
    }

    fn sync_dir(&self) -> Result<()> {
        #[cfg(unix)]
        std::fs::File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(self.io(&self.dir))?;
        Ok(())
    }

    /// Removes every chunk file not in `used`, and temporary files a crash left.
    pub fn retain(&self, used: &BTreeSet<[u8; 32]>) -> Result<()> {
        let entries = std::fs::read_dir(&self.dir).map_err(self.io(&self.dir))?;
        for entry in entries {
            let entry = entry.map_err(self.io(&self.dir))?;
            let name = entry.file_name();
            let keep = name
                .to_str()
                .and_then(unhex)
                .is_some_and(|h| used.contains(&h));
            if !keep {
                let path = entry.path();
                std::fs::remove_file(&path).map_err(self.io(&path))?;
            }
        }
        Ok(())
    }

    /// Bytes the chunk files take.
    #[cfg(test)]
    pub fn size(&self) -> u64 {
        super::compact::folder_size(&self.dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_written_once_read_checked_and_collected() {
        let dir = tempfile::tempdir().unwrap();
        let files = ChunkFiles::open(dir.path()).unwrap();
        let (chunks, index) = chunks::layout([("a", &b"1"[..]), ("b", &b"2"[..])]);
        files.write_all(&chunks).unwrap();
        files.write_all(&chunks).unwrap();
        let refs = chunks::decode_index(&index, "t").unwrap();
        assert_eq!(files.read("guides", &refs[0]).unwrap(), chunks[0].bytes);
        std::fs::write(files.dir().join(hex(&refs[0].hash)), b"altered").unwrap();
        assert!(files.read("guides", &refs[0]).is_err());
        std::fs::write(files.dir().join(".tmp-x-1"), b"left by a crash").unwrap();
        files.retain(&BTreeSet::new()).unwrap();
        assert_eq!(std::fs::read_dir(files.dir()).unwrap().count(), 0);
        let missing = files.read("guides", &refs[0]).unwrap_err();
        assert!(missing.to_string().contains("missing"), "{missing}");
        assert_eq!(unhex(&hex(&refs[0].hash)), Some(refs[0].hash));
        assert_eq!(unhex("zz"), None);
    }
}
