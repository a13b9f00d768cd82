//! How a generation of records is laid out as a few content-addressed chunks and one index,
//! and the digest that commits to it.
//!
//! The records of a generation (sorted by id) are cut into *chunks* of whole records, each
//! stored under the SHA-256 of its bytes; the generation's *index* lists its chunks (hash,
//! length, record count, last id). The generation's digest is the SHA-256 of the index, so it
//! commits to every record byte: a reader checks a chunk's bytes against the hash it was
//! looked up by, and the index against the digest the sync layer stored after verifying the
//! signature (ADR 0010).
//!
//! Cuts depend on the record ids, not only on sizes, so a delta that changes one record
//! rewrites one chunk (plus at most a neighbour), not the whole collection: a cut follows a
//! record once the chunk holds at least [`MIN_CHUNK`] bytes and the id's hash says so (one id
//! in [`CUT_ONE_IN`]), or unconditionally at [`MAX_CHUNK`] bytes.

use crate::error::{Error, Result, StorageError};
use sha2::{Digest, Sha256};

/// A chunk is not cut before it holds this many bytes.
pub const MIN_CHUNK: usize = 16 * 1024;
/// A chunk is always cut once it holds this many bytes.
pub const MAX_CHUNK: usize = 256 * 1024;
/// Past [`MIN_CHUNK`], one record id in this many ends a chunk.
pub const CUT_ONE_IN: u64 = 4;

const INDEX_MAGIC: &[u8; 4] = b"VVG1";

/// One chunk of a generation: its bytes, their hash and the last record id in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// SHA-256 of `bytes` (the key the chunk is stored under).
    pub hash: [u8; 32],
    /// The framed records.
    pub bytes: Vec<u8>,
}

/// One entry of a generation index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkRef {
    /// The chunk's key.
    pub hash: [u8; 32],
    /// Its length in bytes.
    pub len: u32,
    /// The last (greatest) record id in it.
    pub last_id: String,
}

fn damaged(what: &str) -> Error {
    Error::Storage(StorageError::Damaged(format!(
        "{what}: the store is damaged"
    )))
}

/// FNV-1a: a stable, platform-independent hash of a record id for the cut rule.
fn id_hash(id: &str) -> u64 {
    id.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn frame_record(out: &mut Vec<u8>, id: &str, value: &[u8]) {
    out.extend_from_slice(&(id.len() as u32).to_be_bytes());
    out.extend_from_slice(id.as_bytes());
    out.extend_from_slice(&(value.len() as u32).to_be_bytes());
    out.extend_from_slice(value);
}

/// Cuts records (sorted by id) into chunks and builds the index that lists them.
pub fn layout<'a>(records: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> (Vec<Chunk>, Vec<u8>) {
    let mut chunks = Vec::new();
    let mut refs = Vec::new();
    let mut current = Vec::new();
    let mut last = String::new();
    let mut finish = |current: &mut Vec<u8>, last: &str| {
        let bytes = std::mem::take(current);
        let hash: [u8; 32] = Sha256::digest(&bytes).into();
        refs.push(ChunkRef {
            hash,
            len: bytes.len() as u32,
            last_id: last.to_string(),
        });
        chunks.push(Chunk { hash, bytes });
    };
    for (id, value) in records {
        frame_record(&mut current, id, value);
        last.clear();
        last.push_str(id);
        let cut = current.len() >= MAX_CHUNK
            || (current.len() >= MIN_CHUNK && id_hash(id) % CUT_ONE_IN == 0);
        if cut {
            finish(&mut current, &last);
        }
    }
    if !current.is_empty() {
        finish(&mut current, &last);
    }
    (chunks, encode_index(&refs))
}

fn encode_index(refs: &[ChunkRef]) -> Vec<u8> {
    let mut out = Vec::with_capacity(8 + refs.len() * 48);
    out.extend_from_slice(INDEX_MAGIC);
    out.extend_from_slice(&(refs.len() as u32).to_be_bytes());
    for r in refs {
        out.extend_from_slice(&r.hash);
        out.extend_from_slice(&r.len.to_be_bytes());
        out.extend_from_slice(&(r.last_id.len() as u32).to_be_bytes());
        out.extend_from_slice(r.last_id.as_bytes());
    }
    out
}

/// A cursor over framed bytes that reports truncation as damage.
struct Cursor<'a> {
    bytes: &'a [u8],
    what: &'a str,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if self.bytes.len() < n {
            return Err(damaged(self.what));
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(
            self.take(4)?.try_into().expect("took 4"),
        ))
    }

    fn string(&mut self) -> Result<&'a str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| damaged(self.what))
    }
}

/// Reads a generation index.
pub fn decode_index(bytes: &[u8], what: &str) -> Result<Vec<ChunkRef>> {
    let mut c = Cursor { bytes, what };
    if c.take(4)? != INDEX_MAGIC {
        return Err(damaged(what));
    }
    let n = c.u32()? as usize;
    let mut refs = Vec::with_capacity(n.min(1 << 16));
    for _ in 0..n {
        let hash: [u8; 32] = c.take(32)?.try_into().expect("took 32");
        let len = c.u32()?;
        let last_id = c.string()?.to_string();
        refs.push(ChunkRef { hash, len, last_id });
    }
    if !c.bytes.is_empty() {
        return Err(damaged(what));
    }
    Ok(refs)
}

/// The digest of a generation: hex SHA-256 of its index.
pub fn digest_of_index(index: &[u8]) -> String {
    Sha256::digest(index)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The digest of a generation holding `records` (sorted by id): what [`layout`] would give.
pub fn digest_of<'a>(records: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> String {
    digest_of_index(&layout(records).1)
}

/// Checks chunk bytes against the hash they were stored under.
pub fn check_chunk(bytes: &[u8], hash: &[u8; 32], what: &str) -> Result<()> {
    if Sha256::digest(bytes).as_slice() == hash {
        Ok(())
    } else {
        Err(Error::Storage(StorageError::Damaged(format!(
            "{what}: a stored chunk no longer matches its hash; the store will be rebuilt on the next start"
        ))))
    }
}

/// The records of a (checked) chunk, in order.
pub fn records_of_chunk<'a>(bytes: &'a [u8], what: &'a str) -> Result<Vec<(&'a str, &'a [u8])>> {
    let mut c = Cursor { bytes, what };
    let mut out = Vec::new();
    while !c.bytes.is_empty() {
        let id = c.string()?;
        let n = c.u32()? as usize;
        out.push((id, c.take(n)?));
    }
    Ok(out)
}

/// The position in `refs` of the chunk that would hold `id` (the first whose last id is ≥ it).
pub fn chunk_for(refs: &[ChunkRef], id: &str) -> Option<usize> {
    let i = refs.partition_point(|r| r.last_id.as_str() < id);
    (i < refs.len()).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(n: usize, size: usize) -> Vec<(String, Vec<u8>)> {
        (0..n)
            .map(|i| (format!("id-{i:05}"), vec![b'x'; size]))
            .collect()
    }

    fn view(r: &[(String, Vec<u8>)]) -> Vec<(&str, &[u8])> {
        r.iter().map(|(k, v)| (k.as_str(), v.as_slice())).collect()
    }

    #[test]
    fn chunks_round_trip_and_the_index_finds_every_record() {
        let recs = records(3000, 120);
        let (chunks, index) = layout(view(&recs));
        assert!(chunks.len() > 5, "{} chunks", chunks.len());
        let refs = decode_index(&index, "t").unwrap();
        let mut all = Vec::new();
        for (c, r) in chunks.iter().zip(&refs) {
            check_chunk(&c.bytes, &r.hash, "t").unwrap();
            assert_eq!(c.bytes.len() as u32, r.len);
            all.extend(records_of_chunk(&c.bytes, "t").unwrap());
        }
        assert_eq!(all, view(&recs));
        for (id, _) in &recs {
            let i = chunk_for(&refs, id).unwrap();
            assert!(records_of_chunk(&chunks[i].bytes, "t")
                .unwrap()
                .iter()
                .any(|(k, _)| k == id));
        }
        assert_eq!(chunk_for(&refs, "zzz"), None);
    }

    #[test]
    fn changing_one_record_rewrites_few_chunks() {
        let recs = records(3000, 120);
        let (before, _) = layout(view(&recs));
        let mut edited = recs.clone();
        edited[1500].1 = vec![b'y'; 400];
        let (after, _) = layout(view(&edited));
        let old: std::collections::HashSet<_> = before.iter().map(|c| c.hash).collect();
        let new = after.iter().filter(|c| !old.contains(&c.hash)).count();
        assert!(new <= 2, "{new} of {} chunks rewritten", after.len());
        assert_ne!(
            digest_of(view(&recs)),
            digest_of(view(&edited)),
            "the digest commits to every byte"
        );
    }

    #[test]
    fn damage_is_reported() {
        let recs = records(10, 10);
        let (chunks, index) = layout(view(&recs));
        let mut bad = chunks[0].bytes.clone();
        bad[5] ^= 1;
        assert!(check_chunk(&bad, &chunks[0].hash, "t").is_err());
        assert!(decode_index(&index[..index.len() - 1], "t").is_err());
        assert!(decode_index(b"nope", "t").is_err());
        assert!(records_of_chunk(&chunks[0].bytes[..7], "t").is_err());
    }
}
