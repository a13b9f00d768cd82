//! The delta cache: each delta body is built once per (collection, base revision, target
//! revision), shared by every client whose `since` falls on that base, in a cache bounded by
//! bytes and evicting the least recently used body.
//!
//! A delta's JSON names the client's `since`, so the same delta is sent with many `since`
//! values. The cache keeps a [`DeltaBody`]: the body **without** `since`, precompressed once,
//! and puts `{"since":N,` in front per request without compressing anything again:
//! - identity: the prefix, then the rest;
//! - gzip: one member whose deflate stream is a stored block with the prefix, then the
//!   precompressed raw deflate stream of the rest, and the CRC-32 of both combined;
//! - zstd: one frame whose first block is a raw block with the prefix, then the
//!   precompressed blocks of the rest (compressed without content size or checksum).
//!
//! Concurrent requests for a body being built wait for that one build (a per-key
//! [`tokio::sync::OnceCell`]); a failed build is retried by the next request. At most one
//! build per CPU runs at once, which bounds the memory of builds in progress.

use axum::body::Bytes;
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::{OnceCell, Semaphore};
use veiviser_core::sync::protocol::Collection;

use crate::sync_api::encoded::Encoding;

/// What a delta body is keyed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeltaKey {
    /// The collection.
    pub collection: Collection,
    /// The revision the client holds (the newest one at or before its `since`).
    pub base: u64,
    /// The revision the delta leads to (the collection's head).
    pub target: u64,
}

/// A delta changeset without its `since`, precompressed (see the module doc), in every
/// encoding, so no response decompresses or compresses anything.
#[derive(Debug)]
pub struct DeltaBody {
    /// The JSON object after its opening `{`, without `since` (`"collection":…}`) (always
    /// kept: an `Option` only for the decompressing fallback below).
    rest: Option<Bytes>,
    /// Its length.
    rest_len: usize,
    /// The raw deflate stream of `rest` (final block included).
    deflate: Bytes,
    /// CRC-32 state of `rest`.
    crc: crc32fast::Hasher,
    /// A zstd frame header (no content size, no checksum) and the blocks of `rest`.
    zstd: Option<(Bytes, Bytes)>,
}

const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// Splits a zstd frame made without content size and checksum into header and blocks.
fn split_zstd_frame(frame: &[u8]) -> Option<(Bytes, Bytes)> {
    if frame.len() < 6 || frame[..4] != ZSTD_MAGIC {
        return None;
    }
    let fhd = frame[4];
    let fcs_flag = fhd >> 6;
    let single_segment = (fhd >> 5) & 1 == 1;
    let checksum = (fhd >> 2) & 1 == 1;
    let dict_len = [0usize, 1, 2, 4][usize::from(fhd & 3)];
    // A single-segment frame's window is its content size: a longer body would not fit.
    if single_segment || fcs_flag != 0 || checksum {
        return None;
    }
    let header_len = 4 + 1 + 1 + dict_len;
    if frame.len() < header_len {
        return None;
    }
    Some((
        Bytes::copy_from_slice(&frame[..header_len]),
        Bytes::copy_from_slice(&frame[header_len..]),
    ))
}

impl DeltaBody {
    /// Precompresses `json`, a changeset serialized without `since` (it starts with `{`).
    pub fn new(json: &[u8]) -> DeltaBody {
        let rest = json.strip_prefix(b"{").unwrap_or(json);
        let mut deflate =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
        deflate
            .write_all(rest)
            .expect("compressing into memory cannot fail");
        let deflate = deflate
            .finish()
            .expect("compressing into memory cannot fail");
        let mut crc = crc32fast::Hasher::new();
        crc.update(rest);
        let zstd = zstd::bulk::Compressor::new(3)
            .and_then(|mut c| {
                c.set_parameter(zstd::zstd_safe::CParameter::ContentSizeFlag(false))?;
                c.set_parameter(zstd::zstd_safe::CParameter::ChecksumFlag(false))?;
                c.compress(rest)
            })
            .ok()
            .and_then(|frame| split_zstd_frame(&frame));
        DeltaBody {
            rest: Some(Bytes::copy_from_slice(rest)),
            rest_len: rest.len(),
            deflate: Bytes::from(deflate),
            crc,
            zstd,
        }
    }

    /// Bytes held.
    pub fn size(&self) -> usize {
        self.rest.as_ref().map_or(0, Bytes::len)
            + self.deflate.len()
            + self.zstd.as_ref().map_or(0, |(h, b)| h.len() + b.len())
            + std::mem::size_of::<Self>()
    }

    fn prefix(since: u64) -> Vec<u8> {
        format!("{{\"since\":{since},").into_bytes()
    }

    /// The body without `since`, decompressed when only compressed forms are kept.
    fn rest(&self) -> Bytes {
        match (&self.rest, &self.zstd) {
            (Some(rest), _) => rest.clone(),
            (None, Some((header, blocks))) => {
                let frame = [&header[..], &blocks[..]].concat();
                zstd::bulk::decompress(&frame, self.rest_len)
                    .expect("the cached zstd frame decompresses")
                    .into()
            }
            (None, None) => unreachable!("the body is kept when the zstd frame is not"),
        }
    }

    /// The body for a client at `since`, in `encoding`, as one buffer (see [`DeltaBody::parts`]).
    pub fn body(&self, since: u64, encoding: Encoding) -> Bytes {
        self.parts(since, encoding).concat().into()
    }

    /// The body for a client at `since`, in `encoding`, as the pieces a response sends one
    /// after the other: only the few bytes naming `since` (and, for gzip, the header and
    /// trailer) are made per request; the precompressed rest is shared, not copied.
    pub fn parts(&self, since: u64, encoding: Encoding) -> Vec<Bytes> {
        let prefix = Self::prefix(since);
        match encoding {
            Encoding::Identity => vec![Bytes::from(prefix), self.rest()],
            Encoding::Gzip => {
                let mut head = Vec::with_capacity(prefix.len() + 16);
                // Header: magic, deflate, no flags, no time, no extra flags, unknown OS.
                head.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
                // A stored, non-final block with the prefix (it starts byte-aligned).
                let len = u16::try_from(prefix.len()).expect("the prefix is short");
                head.push(0);
                head.extend_from_slice(&len.to_le_bytes());
                head.extend_from_slice(&(!len).to_le_bytes());
                head.extend_from_slice(&prefix);
                let mut crc = crc32fast::Hasher::new();
                crc.update(&prefix);
                crc.combine(&self.crc);
                let total = (prefix.len() + self.rest_len) as u64;
                let mut tail = Vec::with_capacity(8);
                tail.extend_from_slice(&crc.finalize().to_le_bytes());
                tail.extend_from_slice(&((total & 0xffff_ffff) as u32).to_le_bytes());
                vec![Bytes::from(head), self.deflate.clone(), Bytes::from(tail)]
            }
            Encoding::Zstd => match &self.zstd {
                Some((header, blocks)) => {
                    let mut block = Vec::with_capacity(prefix.len() + 3);
                    // A raw, non-last block: 3 bytes, little-endian, size << 3.
                    let size = u32::try_from(prefix.len()).expect("the prefix is short") << 3;
                    block.extend_from_slice(&size.to_le_bytes()[..3]);
                    block.extend_from_slice(&prefix);
                    vec![header.clone(), Bytes::from(block), blocks.clone()]
                }
                None => {
                    let whole = [&prefix[..], &self.rest()[..]].concat();
                    vec![zstd::bulk::compress(&whole, 3)
                        .expect("compressing into memory cannot fail")
                        .into()]
                }
            },
        }
    }
}

#[derive(Debug)]
struct Entry {
    cell: Arc<OnceCell<Arc<DeltaBody>>>,
    bytes: usize,
    used: u64,
}

#[derive(Debug, Default)]
struct Lru {
    entries: HashMap<DeltaKey, Entry>,
    by_use: BTreeMap<u64, DeltaKey>,
    bytes: usize,
    clock: u64,
}

impl Lru {
    fn touch(&mut self, key: DeltaKey) -> Arc<OnceCell<Arc<DeltaBody>>> {
        self.clock += 1;
        let now = self.clock;
        let entry = self.entries.entry(key).or_insert_with(|| Entry {
            cell: Arc::new(OnceCell::new()),
            bytes: 0,
            used: now,
        });
        self.by_use.remove(&entry.used);
        entry.used = now;
        self.by_use.insert(now, key);
        entry.cell.clone()
    }

    fn evict_to(&mut self, max_bytes: usize) {
        while self.bytes > max_bytes {
            let Some((_, key)) = self.by_use.pop_first() else {
                break;
            };
            if let Some(e) = self.entries.remove(&key) {
                self.bytes -= e.bytes;
            }
        }
    }
}

/// The delta bodies being served, at most `max_bytes` of them.
#[derive(Debug)]
pub struct DeltaCache {
    max_bytes: usize,
    lru: Mutex<Lru>,
    builds: AtomicU64,
    /// Builds running at once (one per CPU): bounds their memory and keeps CPUs for requests.
    building: Semaphore,
}

impl DeltaCache {
    /// An empty cache holding at most `max_bytes` of bodies.
    pub fn new(max_bytes: usize) -> Self {
        DeltaCache {
            max_bytes,
            lru: Mutex::new(Lru::default()),
            builds: AtomicU64::new(0),
            building: Semaphore::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            ),
        }
    }

    /// How many bodies were built so far (each key once while it stays cached).
    pub fn builds(&self) -> u64 {
        self.builds.load(Ordering::Relaxed)
    }

    /// Bytes held now.
    pub fn bytes(&self) -> usize {
        self.lru.lock().expect("delta cache").bytes
    }

    /// Bodies held now.
    pub fn len(&self) -> usize {
        self.lru.lock().expect("delta cache").entries.len()
    }

    /// Whether no body is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The body for `key`, built by `build` (on the blocking pool) when not cached; requests
    /// for a key being built wait for that build.
    pub async fn get_or_build<E: Send + 'static>(
        &self,
        key: DeltaKey,
        build: impl FnOnce() -> Result<DeltaBody, E> + Send + 'static,
    ) -> Result<Arc<DeltaBody>, DeltaBuildError<E>> {
        let cell = self.lru.lock().expect("delta cache").touch(key);
        let mut built = false;
        let body = cell
            .get_or_try_init(|| async {
                built = true;
                let _slot = self
                    .building
                    .acquire()
                    .await
                    .map_err(|e| DeltaBuildError::Panicked(e.to_string()))?;
                self.builds.fetch_add(1, Ordering::Relaxed);
                match tokio::task::spawn_blocking(build).await {
                    Ok(Ok(body)) => Ok(Arc::new(body)),
                    Ok(Err(e)) => Err(DeltaBuildError::Build(e)),
                    Err(e) => Err(DeltaBuildError::Panicked(e.to_string())),
                }
            })
            .await?
            .clone();
        if built {
            let mut lru = self.lru.lock().expect("delta cache");
            let size = body.size();
            if let Some(e) = lru
                .entries
                .get_mut(&key)
                .filter(|e| Arc::ptr_eq(&e.cell, &cell))
            {
                e.bytes = size;
                lru.bytes += size;
            }
            lru.evict_to(self.max_bytes);
        }
        Ok(body)
    }
}

/// Why a delta body could not be built.
#[derive(Debug, thiserror::Error)]
pub enum DeltaBuildError<E> {
    /// The build failed.
    #[error("{0}")]
    Build(E),
    /// The build panicked.
    #[error("building a delta failed: {0}")]
    Panicked(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn json(n: usize) -> Vec<u8> {
        let records: Vec<String> = (0..n)
            .map(|i| format!("{{\"id\":\"r{i}\",\"data\":{{\"name\":\"Tjeneste {i}\"}}}}"))
            .collect();
        format!(
            "{{\"collection\":\"directory\",\"full\":false,\"records\":[{}],\"sequence\":9}}",
            records.join(",")
        )
        .into_bytes()
    }

    #[test]
    fn every_encoding_decodes_to_the_body_with_since() {
        for n in [0, 1, 50, 20_000] {
            let body = DeltaBody::new(&json(n));
            assert!(body.zstd.is_some(), "the zstd frame can be spliced");
            for since in [0, 7, 123_456_789, u64::MAX] {
                let want = [format!("{{\"since\":{since},").as_bytes(), &json(n)[1..]].concat();
                assert_eq!(body.body(since, Encoding::Identity), want);
                let v: serde_json::Value = serde_json::from_slice(&want).unwrap();
                assert_eq!(v["since"], serde_json::json!(since));
                let mut out = Vec::new();
                flate2::read::GzDecoder::new(&body.body(since, Encoding::Gzip)[..])
                    .read_to_end(&mut out)
                    .unwrap();
                assert_eq!(out, want, "gzip, {n} records");
                let zstd = body.body(since, Encoding::Zstd);
                assert_eq!(
                    zstd::decode_all(&zstd[..]).unwrap(),
                    want,
                    "zstd, {n} records"
                );
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_requests_build_once_and_memory_is_bounded_by_bytes() {
        let one = DeltaBody::new(&json(200)).size();
        let cache = Arc::new(DeltaCache::new(one * 10 + one / 2));
        let key = |base| DeltaKey {
            collection: Collection::Directory,
            base,
            target: 500,
        };
        let tasks: Vec<_> = (0..32)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move {
                    cache
                        .get_or_build(key(1), || {
                            std::thread::sleep(std::time::Duration::from_millis(50));
                            Ok::<_, String>(DeltaBody::new(&json(200)))
                        })
                        .await
                        .unwrap()
                })
            })
            .collect();
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(cache.builds(), 1, "32 concurrent requests, one build");
        for base in 0..300 {
            cache
                .get_or_build(key(base), || Ok::<_, String>(DeltaBody::new(&json(200))))
                .await
                .unwrap();
            assert!(cache.bytes() <= one * 10 + one / 2);
        }
        assert_eq!(cache.len(), 10);
        // The most recently used stay; a failed build is not cached.
        let before = cache.builds();
        cache
            .get_or_build(key(299), || Ok::<_, String>(DeltaBody::new(&json(1))))
            .await
            .unwrap();
        assert_eq!(cache.builds(), before);
        assert!(cache
            .get_or_build(key(1000), || Err::<DeltaBody, _>("no".to_string()))
            .await
            .is_err());
        cache
            .get_or_build(key(1000), || Ok::<_, String>(DeltaBody::new(&json(1))))
            .await
            .unwrap();
    }
}
