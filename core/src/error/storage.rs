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
    /// The store folder cannot be written for a reason outside the data: no permission, a
    /// read-only file system, a full disk, a file where the folder should be. Never treated
    /// as damage: nothing is moved aside or discarded for it.
    #[error("local storage: {path} cannot be written ({source}); nothing was discarded: fix the folder's permissions or free some space")]
    Unwritable {
        /// The store folder.
        path: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The content was opened read-only (the last content the store held, or the bundled
    /// snapshot) because the store could not be opened for writing; this says why. Syncing
    /// is refused until the folder can be written.
    #[error("{0}; syncing is off until then")]
    ReadOnly(String),
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

    /// The OS error behind this one when it is about the environment, not the data
    /// ([`is_environment_io`]): sled's or the file system's I/O error.
    pub fn environment_cause(&self) -> Option<&std::io::Error> {
        let io = match self {
            StorageError::Io { source, .. } | StorageError::Unwritable { source, .. } => source,
            StorageError::Sled {
                source: sled::Error::Io(io),
                ..
            } => io,
            _ => return None,
        };
        is_environment_io(io).then_some(io)
    }

    /// A storage I/O failure while doing `what` (name the path in it).
    pub fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        StorageError::Io {
            what: what.into(),
            source,
        }
    }
}

/// Whether an I/O error says the folder cannot be *used* (permissions, a read-only file
/// system, no space or quota left, a file or folder in the way) rather than that the data in
/// it is bad. Such errors must never lead to a rebuild.
pub fn is_environment_io(e: &std::io::Error) -> bool {
    use std::io::ErrorKind as K;
    matches!(
        e.kind(),
        K::PermissionDenied
            | K::ReadOnlyFilesystem
            | K::StorageFull
            | K::QuotaExceeded
            | K::NotADirectory
            | K::IsADirectory
            | K::AlreadyExists
            | K::FileTooLarge
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error as IoError, ErrorKind};

    #[test]
    fn permission_space_and_obstacles_are_environment_errors_not_damage() {
        for kind in [
            ErrorKind::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem,
            ErrorKind::StorageFull,
            ErrorKind::QuotaExceeded,
            ErrorKind::NotADirectory,
            ErrorKind::AlreadyExists,
        ] {
            assert!(is_environment_io(&IoError::from(kind)), "{kind:?}");
        }
        // The raw OS errors as Linux reports them (EACCES, EROFS, ENOSPC, EDQUOT, ENOTDIR).
        for errno in [1, 13, 30, 28, 122, 20, 17] {
            assert!(
                is_environment_io(&IoError::from_raw_os_error(errno)),
                "errno {errno}"
            );
        }
        for kind in [
            ErrorKind::InvalidData,
            ErrorKind::UnexpectedEof,
            ErrorKind::Other,
        ] {
            assert!(!is_environment_io(&IoError::from(kind)), "{kind:?}");
        }
        let sled_denied = StorageError::sled(
            "opening",
            sled::Error::Io(IoError::from(ErrorKind::PermissionDenied)),
        );
        assert!(sled_denied.environment_cause().is_some());
        let sled_corrupt =
            StorageError::sled("opening", sled::Error::Unsupported("bad format".into()));
        assert!(sled_corrupt.environment_cause().is_none());
        assert!(StorageError::Damaged("x".into())
            .environment_cause()
            .is_none());
    }
}
