//! Storage errors: the local store (sled, the anti-rollback file, the data folder) is unusable.
//!
//! Every message starts with `local storage:`, which the CLI and the apps' logs rely on. The
//! message also includes the cause's text, because front ends print only the top message; the
//! cause itself stays reachable through [`std::error::Error::source`].

use thiserror::Error;

/// The local store could not be read or written.
#[derive(Debug, Error)]
pub enum StorageError {
    /// A file or folder of the local store could not be read or written (storage I/O).
    #[error("local storage: {what}: {source}")]
    Io {
        /// What was being done, naming the path (e.g. "writing /data/highwater.json").
        what: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// sled failed.
    #[error("local storage: {what}: {source}")]
    Sled {
        /// What was being done (e.g. "reading a record").
        what: String,
        /// sled's error.
        #[source]
        source: sled::Error,
    },
    /// Another process holds the store.
    #[error("local storage: {path} is in use by another Veiviser process ({detail}); close it and try again")]
    InUse {
        /// The store folder.
        path: String,
        /// The lock error.
        detail: String,
    },
    /// The stored data is damaged or inconsistent (it is rebuilt from the bundled snapshot
    /// where that is possible).
    #[error("local storage: {0}")]
    Damaged(String),
    /// The bundled snapshot shipped with the app cannot be used.
    #[error("local storage: {0}")]
    Bundled(String),
    /// A lock was poisoned by a panic on another thread.
    #[error("local storage: {0} was poisoned by an earlier panic")]
    Poisoned(&'static str),
}

impl StorageError {
    /// A sled failure while doing `what`.
    pub fn sled(what: impl Into<String>, source: sled::Error) -> Self {
        StorageError::Sled {
            what: what.into(),
            source,
        }
    }

    /// A storage I/O failure while doing `what` (name the path in it).
    pub fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        StorageError::Io {
            what: what.into(),
            source,
        }
    }
}
