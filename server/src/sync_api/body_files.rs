//! Published response bodies of a mid size ([`DEFAULT_SIZES`]: the national register's
//! compressed snapshots) mirrored in sealed in-memory files, so the connection layer can send
//! them the way nginx sends a static file: with `sendfile`, the kernel attaching the file's
//! pages to the socket instead of copying the body into it on every response.
//!
//! Why: a copied body lands in fresh socket memory for every response (64 connections × 55 kB
//! is megabytes of cache traffic, on the server and on the client reading it); a sent file is
//! the same few pages for everyone. On the national register's compressed snapshots that copy
//! was what kept the live endpoint at 0.87× nginx (ADR 0012).
//!
//! How it stays correct: a mirror is registered with the [`Bytes`] it copies, and the registry
//! holds that `Bytes`, so while a mirror is registered no other allocation can take its
//! address. A buffer the HTTP layer writes is looked up by address ([`BodyFiles::find`]): if it
//! lies inside a registered body, it *is* that body's memory, and the same bytes are in the
//! mirror at the same offset. The mirror is sealed against writes, growing and shrinking, so it
//! cannot change after the check. Anything not found, or any platform without `memfd` and
//! `sendfile`, is written as before.

use axum::body::Bytes;
use std::ops::RangeInclusive;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

/// The body sizes mirrored: below 32 KiB a copy costs less than the extra system call; above
/// 64 KiB (more than one pass of `sendfile`'s 16-page pipe) the kernel's page-by-page send cost
/// the server more than the copy saved the reader (measured on loopback, ADR 0012: a 120 kB
/// body 10 % and the 855 kB register 2× slower by `sendfile`, the 40–55 kB ones 5–8 % faster).
pub const DEFAULT_SIZES: RangeInclusive<usize> = 32 * 1024..=64 * 1024;

/// One mirrored body.
#[derive(Debug)]
struct Mirror {
    /// The body (held so its address stays its own while registered).
    bytes: Bytes,
    /// The sealed file holding the same bytes.
    file: Arc<std::fs::File>,
}

/// The registry of mirrored bodies, shared by the served content (which registers the bodies
/// of each published view) and every connection (which looks them up when writing).
#[derive(Debug)]
pub struct BodyFiles {
    sizes: RangeInclusive<usize>,
    mirrors: RwLock<Arc<Vec<Mirror>>>,
    /// The lowest and one past the highest address of any mirrored body: a buffer outside
    /// this span (a response head, a small body) is answered without taking the lock.
    span: (AtomicUsize, AtomicUsize),
    sent: AtomicU64,
}

/// Where a buffer being written is in a mirrored body.
#[derive(Debug, Clone)]
pub struct Found {
    /// The mirror file.
    pub file: Arc<std::fs::File>,
    /// The buffer's first byte's offset in it.
    pub offset: u64,
}

impl BodyFiles {
    /// An empty registry mirroring bodies whose length is in `sizes`.
    pub fn new(sizes: RangeInclusive<usize>) -> Arc<Self> {
        Arc::new(BodyFiles {
            sizes,
            mirrors: RwLock::new(Arc::new(Vec::new())),
            span: (AtomicUsize::new(0), AtomicUsize::new(0)),
            sent: AtomicU64::new(0),
        })
    }

    /// Whether this platform can send mirrored bodies at all.
    pub fn supported() -> bool {
        cfg!(any(target_os = "linux", target_os = "android"))
    }

    /// Makes `bodies` (those of a mirrored size) the mirrored set: bodies already mirrored keep
    /// their file, new ones get one, the rest are dropped. A body whose file cannot be made
    /// (`memfd` refused, out of memory) is written as before, the reason logged once per call;
    /// on a platform without `memfd` nothing is mirrored.
    pub fn set(&self, bodies: impl IntoIterator<Item = Bytes>) {
        if !Self::supported() {
            // Nothing could be sent from a file here: no mirrors, and no warning per publish.
            return;
        }
        let current = self.mirrors.read().expect("body files").clone();
        let mut next = Vec::new();
        let mut failure = None;
        for bytes in bodies {
            if bytes.is_empty()
                || !self.sizes.contains(&bytes.len())
                || next
                    .iter()
                    .any(|m: &Mirror| m.bytes.as_ptr() == bytes.as_ptr())
            {
                continue;
            }
            if let Some(kept) = current
                .iter()
                .find(|m| m.bytes.as_ptr() == bytes.as_ptr() && m.bytes.len() == bytes.len())
            {
                next.push(Mirror {
                    bytes: kept.bytes.clone(),
                    file: kept.file.clone(),
                });
                continue;
            }
            match sealed_file(&bytes) {
                Ok(file) => next.push(Mirror {
                    bytes,
                    file: Arc::new(file),
                }),
                Err(e) => failure = Some(e),
            }
        }
        if let Some(e) = failure {
            tracing::warn!("published bodies are copied, not sent from a file: {e}");
        }
        let low = next.iter().map(|m| m.bytes.as_ptr() as usize).min();
        let high = next
            .iter()
            .map(|m| m.bytes.as_ptr() as usize + m.bytes.len())
            .max();
        let mut mirrors = self.mirrors.write().expect("body files");
        // Widen first, narrow after the swap: a reader may look up needlessly, never miss a
        // registered body it could have sent (and missing one only means a plain write).
        self.span
            .0
            .fetch_min(low.unwrap_or(usize::MAX), Ordering::Relaxed);
        self.span.1.fetch_max(high.unwrap_or(0), Ordering::Relaxed);
        *mirrors = Arc::new(next);
        self.span
            .0
            .store(low.unwrap_or(usize::MAX), Ordering::Relaxed);
        self.span.1.store(high.unwrap_or(0), Ordering::Relaxed);
    }

    /// Bodies mirrored now.
    pub fn len(&self) -> usize {
        self.mirrors.read().expect("body files").len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Counts `n` body bytes sent from a mirror.
    pub fn note_sent(&self, n: usize) {
        self.sent.fetch_add(n as u64, Ordering::Relaxed);
    }

    /// Body bytes sent from mirrors so far (by every connection).
    pub fn sent_from_files(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// The mirror holding `buf` (by address), with `buf`'s offset in it.
    pub fn find(&self, buf: &[u8]) -> Option<Found> {
        if buf.is_empty() {
            return None;
        }
        let start = buf.as_ptr() as usize;
        let end = start + buf.len();
        if start < self.span.0.load(Ordering::Relaxed) || end > self.span.1.load(Ordering::Relaxed)
        {
            return None;
        }
        let mirrors = self.mirrors.read().expect("body files");
        mirrors.iter().find_map(|m| {
            let base = m.bytes.as_ptr() as usize;
            (start >= base && end <= base + m.bytes.len()).then(|| Found {
                file: m.file.clone(),
                offset: (start - base) as u64,
            })
        })
    }
}

/// An anonymous in-memory file holding `bytes`, sealed so it can never change.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn sealed_file(bytes: &[u8]) -> std::io::Result<std::fs::File> {
    use rustix::fs::{MemfdFlags, SealFlags};
    use std::io::Write;
    let fd = rustix::fs::memfd_create(
        "veiviser-body",
        MemfdFlags::CLOEXEC | MemfdFlags::ALLOW_SEALING,
    )?;
    let mut file = std::fs::File::from(fd);
    file.write_all(bytes)?;
    rustix::fs::fcntl_add_seals(
        &file,
        SealFlags::WRITE | SealFlags::GROW | SealFlags::SHRINK | SealFlags::SEAL,
    )?;
    Ok(file)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn sealed_file(_bytes: &[u8]) -> std::io::Result<std::fs::File> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no sealed in-memory files on this platform",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Seek, SeekFrom};

    fn body(n: usize, seed: u8) -> Bytes {
        Bytes::from(
            (0..n)
                .map(|i| (i as u8).wrapping_mul(31) ^ seed)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_slice_of_a_registered_body_is_found_at_its_offset_with_the_same_bytes() {
        if !BodyFiles::supported() {
            return;
        }
        let files = BodyFiles::new(1024..=200_000);
        let big = body(100_000, 7);
        files.set([big.clone(), body(100, 1), big.clone(), body(300_000, 1)]);
        assert_eq!(
            files.len(),
            1,
            "neither the short nor the long body is mirrored"
        );
        let part = &big[40_000..60_000];
        let found = files.find(part).expect("inside the body");
        assert_eq!(found.offset, 40_000);
        let mut file = &*found.file;
        file.seek(SeekFrom::Start(found.offset)).unwrap();
        let mut read = vec![0; part.len()];
        file.read_exact(&mut read).unwrap();
        assert_eq!(read, part);
    }

    #[test]
    fn equal_bytes_elsewhere_straddling_buffers_and_dropped_bodies_are_not_found() {
        if !BodyFiles::supported() {
            return;
        }
        let files = BodyFiles::new(1024..=200_000);
        let whole = body(60_000, 3);
        let big = whole.slice(..50_000);
        files.set([big.clone()]);
        let copy = big.to_vec();
        assert!(files.find(&copy).is_none(), "same bytes, another address");
        assert!(
            files.find(&whole[49_990..50_010]).is_none(),
            "starts inside the body, runs past its end"
        );
        assert!(files.find(&whole[49_990..50_000]).is_some());
        files.set([body(60_000, 4)]);
        assert!(files.find(&big).is_none(), "no longer registered");
    }

    #[test]
    fn a_body_kept_across_views_keeps_its_file() {
        if !BodyFiles::supported() {
            return;
        }
        let files = BodyFiles::new(1024..=200_000);
        let big = body(50_000, 9);
        files.set([big.clone()]);
        let first = files.find(&big).unwrap().file;
        files.set([big.clone(), body(70_000, 2)]);
        assert!(Arc::ptr_eq(&first, &files.find(&big).unwrap().file));
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn a_mirror_cannot_be_written() {
        if !BodyFiles::supported() {
            return;
        }
        use std::io::Write;
        let files = BodyFiles::new(1024..=200_000);
        let big = body(50_000, 5);
        files.set([big.clone()]);
        let found = files.find(&big).unwrap();
        let mut file = &*found.file;
        assert!(file.write_all(b"tampered").is_err(), "sealed");
    }
}
