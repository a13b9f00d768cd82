//! The anti-rollback high-water mark: the newest state of each collection this device accepted.
//!
//! It lives in a small JSON file *outside* the sled store, written atomically (temp file,
//! fsync, rename, fsync of the folder), so deleting or rebuilding the store cannot re-open a
//! replay of older signed content. The bundled snapshot's marks act as a floor on top of it.

use crate::error::{IntegrityError, Result, StorageError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file name of the high-water file inside the data folder.
pub const HIGHWATER_FILE: &str = "highwater.json";

/// The newest accepted state of one collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Its server sequence.
    pub sequence: u64,
    /// Its publish time.
    pub published_at: DateTime<Utc>,
}

/// The high-water marks of every collection, by collection name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighWater {
    /// File format; currently 1.
    pub format: u32,
    /// Per collection.
    pub collections: BTreeMap<String, Mark>,
}

/// What [`HighWater::load`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// The marks (empty when the file was missing or unreadable).
    pub marks: HighWater,
    /// Set when the file existed but could not be read: the marks were reset and must be
    /// re-derived from the store and the bundled floor.
    pub damaged: Option<String>,
}

impl HighWater {
    /// Reads the file at `path`; a missing file is empty marks, a damaged one is reported.
    pub fn load(path: &Path) -> Result<Loaded> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Loaded {
                    marks: HighWater::default(),
                    damaged: None,
                })
            }
            Err(e) => {
                return Err(StorageError::io(
                    format!("cannot read the anti-rollback file {}", path.display()),
                    e,
                )
                .into())
            }
        };
        match serde_json::from_slice::<HighWater>(&bytes) {
            Ok(marks) if marks.format == 1 => Ok(Loaded {
                marks,
                damaged: None,
            }),
            Ok(marks) => Ok(Loaded {
                marks: HighWater::default(),
                damaged: Some(format!(
                    "{}: unknown format {}",
                    path.display(),
                    marks.format
                )),
            }),
            Err(e) => Ok(Loaded {
                marks: HighWater::default(),
                damaged: Some(format!("{}: {e}", path.display())),
            }),
        }
    }

    /// The mark of `collection`, if any.
    pub fn mark(&self, collection: &str) -> Option<Mark> {
        self.collections.get(collection).copied()
    }

    /// Raises the mark of `collection` to `mark` (never lowers it); returns whether it changed.
    pub fn raise(&mut self, collection: &str, mark: Mark) -> bool {
        let entry = self.collections.entry(collection.to_string());
        match entry {
            std::collections::btree_map::Entry::Vacant(v) => {
                v.insert(mark);
                true
            }
            std::collections::btree_map::Entry::Occupied(mut o) => {
                let cur = *o.get();
                let new = Mark {
                    sequence: cur.sequence.max(mark.sequence),
                    published_at: cur.published_at.max(mark.published_at),
                };
                o.insert(new);
                new != cur
            }
        }
    }

    /// Refuses a state of `collection` older than its mark (in sequence or publish time).
    pub fn check(
        &self,
        collection: &str,
        sequence: u64,
        published_at: DateTime<Utc>,
    ) -> std::result::Result<(), IntegrityError> {
        let Some(mark) = self.mark(collection) else {
            return Ok(());
        };
        if sequence < mark.sequence {
            return Err(IntegrityError::Rollback {
                collection: collection.to_string(),
                offered: sequence,
                seen: mark.sequence,
            });
        }
        if published_at < mark.published_at {
            return Err(IntegrityError::StalePublishTime {
                collection: collection.to_string(),
                offered: sequence,
                seen: mark.sequence,
                offered_at: published_at.to_rfc3339(),
                seen_at: mark.published_at.to_rfc3339(),
            });
        }
        Ok(())
    }

    /// Writes the marks to `path` atomically: temp file, fsync, rename, fsync of the folder.
    pub fn save(&self, path: &Path) -> Result<()> {
        let io = |e: std::io::Error| StorageError::io(format!("writing {}", path.display()), e);
        let dir = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(io)?;
        let tmp: PathBuf = dir.join(format!(
            ".{}.tmp-{}",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("highwater"),
            std::process::id()
        ));
        let mut body = serde_json::to_vec_pretty(&HighWater {
            format: 1,
            collections: self.collections.clone(),
        })
        .expect("marks always serialize");
        body.push(b'\n');
        {
            let mut f = std::fs::File::create(&tmp).map_err(io)?;
            f.write_all(&body).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)?;
        sync_dir(dir);
        Ok(())
    }
}

/// Makes a rename inside `dir` durable. Directories cannot be opened as files on every OS;
/// there the rename is as durable as the OS makes it.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn mark(sequence: u64, t: &str) -> Mark {
        Mark {
            sequence,
            published_at: at(t),
        }
    }

    #[test]
    fn missing_file_is_empty_and_save_load_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join(HIGHWATER_FILE);
        let loaded = HighWater::load(&path).unwrap();
        assert_eq!(loaded.marks, HighWater::default());
        assert_eq!(loaded.damaged, None);
        let mut hw = loaded.marks;
        assert!(hw.raise("guides", mark(5, "2026-11-01T00:00:00Z")));
        hw.save(&path).unwrap();
        let back = HighWater::load(&path).unwrap();
        assert_eq!(back.damaged, None);
        assert_eq!(
            back.marks.mark("guides"),
            Some(mark(5, "2026-11-01T00:00:00Z"))
        );
        // No temp file is left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, [HIGHWATER_FILE]);
    }

    #[test]
    fn marks_only_go_up() {
        let mut hw = HighWater::default();
        hw.raise("guides", mark(5, "2026-11-02T00:00:00Z"));
        assert!(!hw.raise("guides", mark(4, "2026-11-01T00:00:00Z")));
        assert_eq!(hw.mark("guides").unwrap().sequence, 5);
        assert!(hw.raise("guides", mark(6, "2026-11-03T00:00:00Z")));
        assert_eq!(hw.mark("guides").unwrap().sequence, 6);
    }

    #[test]
    fn older_sequence_or_older_publish_time_is_a_rollback() {
        let mut hw = HighWater::default();
        hw.raise("guides", mark(5, "2026-11-02T00:00:00Z"));
        assert!(hw.check("guides", 5, at("2026-11-02T00:00:00Z")).is_ok());
        assert!(hw.check("guides", 6, at("2026-11-03T00:00:00Z")).is_ok());
        assert!(hw.check("directory", 1, at("2000-01-01T00:00:00Z")).is_ok());
        assert_eq!(
            hw.check("guides", 4, at("2026-11-03T00:00:00Z")),
            Err(IntegrityError::Rollback {
                collection: "guides".into(),
                offered: 4,
                seen: 5
            })
        );
        let err = hw
            .check("guides", 6, at("2026-11-01T00:00:00Z"))
            .unwrap_err();
        assert!(err.to_string().contains("published 2026-11-01"), "{err}");
        assert!(matches!(
            hw.check("guides", 6, at("2026-11-01T00:00:00Z")),
            Err(IntegrityError::StalePublishTime {
                offered: 6,
                seen: 5,
                ..
            })
        ));
    }

    #[test]
    fn a_damaged_file_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(HIGHWATER_FILE);
        std::fs::write(&path, b"{ not json").unwrap();
        let loaded = HighWater::load(&path).unwrap();
        assert!(loaded.marks.collections.is_empty());
        assert!(loaded.damaged.unwrap().contains(HIGHWATER_FILE));
    }
}
