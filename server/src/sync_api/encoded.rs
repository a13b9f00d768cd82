//! A response body precomputed in every content encoding the server offers.

use axum::body::Bytes;
use std::io::Write;

/// A content encoding the server can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// No compression.
    Identity,
    /// `gzip`.
    Gzip,
    /// `zstd`.
    Zstd,
}

impl Encoding {
    /// The `Content-Encoding` value, if any.
    pub fn header_value(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Zstd => Some("zstd"),
        }
    }

    /// The best encoding an `Accept-Encoding` header allows: zstd, then gzip, then identity.
    /// Tokens with `q=0` are refused; `*` accepts anything.
    pub fn negotiate(accept_encoding: Option<&str>) -> Encoding {
        let Some(header) = accept_encoding else {
            return Encoding::Identity;
        };
        let (mut zstd, mut gzip, mut star) = (false, false, false);
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let token = pieces.next().unwrap_or("").trim();
            let refused = pieces.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            if refused {
                continue;
            }
            let is = |name: &str| token.eq_ignore_ascii_case(name);
            if is("zstd") {
                zstd = true;
            } else if is("gzip") || is("x-gzip") {
                gzip = true;
            } else if token == "*" {
                star = true;
            }
        }
        if zstd || star {
            Encoding::Zstd
        } else if gzip {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }
}

/// How hard to compress: published snapshots are compressed once, so they get the best levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// For bodies computed on a request (deltas).
    Fast,
    /// For bodies computed at publish time (full snapshots).
    Best,
}

/// One body in identity, gzip and zstd encodings.
#[derive(Debug, Clone)]
pub struct Encoded {
    /// The uncompressed bytes.
    pub identity: Bytes,
    /// gzip-compressed.
    pub gzip: Bytes,
    /// zstd-compressed.
    pub zstd: Bytes,
}

impl Encoded {
    /// Compresses `body` in every encoding.
    pub fn new(body: Vec<u8>, effort: Effort) -> Encoded {
        let (gzip_level, zstd_level) = match effort {
            Effort::Fast => (6, 3),
            Effort::Best => (9, 19),
        };
        let mut gz =
            flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(gzip_level));
        gz.write_all(&body)
            .expect("compressing into memory cannot fail");
        let gzip = gz.finish().expect("compressing into memory cannot fail");
        let zstd =
            zstd::bulk::compress(&body, zstd_level).expect("compressing into memory cannot fail");
        Encoded {
            identity: Bytes::from(body),
            gzip: Bytes::from(gzip),
            zstd: Bytes::from(zstd),
        }
    }

    /// The bytes for an encoding.
    pub fn get(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Identity => self.identity.clone(),
            Encoding::Gzip => self.gzip.clone(),
            Encoding::Zstd => self.zstd.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn negotiation_prefers_zstd_and_honours_q0() {
        assert_eq!(Encoding::negotiate(None), Encoding::Identity);
        assert_eq!(
            Encoding::negotiate(Some("gzip, deflate, br, zstd")),
            Encoding::Zstd
        );
        assert_eq!(Encoding::negotiate(Some("gzip")), Encoding::Gzip);
        assert_eq!(Encoding::negotiate(Some("GZip")), Encoding::Gzip);
        assert_eq!(Encoding::negotiate(Some(" ZSTD ;q=1")), Encoding::Zstd);
        assert_eq!(
            Encoding::negotiate(Some("zstd;q=0, gzip;q=0.5")),
            Encoding::Gzip
        );
        assert_eq!(Encoding::negotiate(Some("br")), Encoding::Identity);
        assert_eq!(Encoding::negotiate(Some("*")), Encoding::Zstd);
    }

    #[test]
    fn every_encoding_decodes_to_the_body() {
        let body = br#"{"records":[1,2,3]}"#.repeat(50);
        let e = Encoded::new(body.clone(), Effort::Fast);
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&e.gzip[..])
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, body);
        assert_eq!(zstd::decode_all(&e.zstd[..]).unwrap(), body);
        assert!(e.zstd.len() < body.len() && e.gzip.len() < body.len());
    }
}
