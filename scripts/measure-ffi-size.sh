#!/usr/bin/env bash
# Measures what the apps ship: the veiviser-ffi cdylib built with the `release-ffi` profile
# (release, optimised for size, fat LTO; see the root Cargo.toml), stripped of all symbols, for
# the host target (x86_64 on CI machines). Target: at most 6 MB (6,000,000 bytes). Not run by CI
# (the build takes several minutes on 2 cores). Also prints the plain `release` profile's size
# when that library has been built.
#
# Usage: scripts/measure-ffi-size.sh          prints the sizes; exits 1 above the target.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
LIMIT_BYTES=$((6 * 1000 * 1000))

cargo build --profile release-ffi --quiet -p veiviser-ffi
LIB="$TARGET_DIR/release-ffi/libveiviser_ffi.so"
[ -f "$LIB" ] || { echo "measure-ffi-size: $LIB was not built" >&2; exit 1; }
OUT="$TARGET_DIR/release-ffi/ffi-size"
mkdir -p "$OUT"
cp "$LIB" "$OUT/libveiviser_ffi.so"
strip --strip-all "$OUT/libveiviser_ffi.so"

unstripped=$(stat -c %s "$LIB")
stripped=$(stat -c %s "$OUT/libveiviser_ffi.so")
gzipped=$(gzip -9 -c "$OUT/libveiviser_ffi.so" | wc -c)
mb() { awk -v b="$1" 'BEGIN { printf "%.2f MB", b / 1000000 }'; }
echo "target:           $(rustc -vV | sed -n 's/^host: //p')"
echo "profile:          release-ffi (opt-level s, fat LTO, codegen-units 1)"
echo "cdylib:           $unstripped bytes ($(mb "$unstripped"))"
echo "stripped:         $stripped bytes ($(mb "$stripped"))  <- what an app ships (before store compression)"
echo "stripped, gzip -9: $gzipped bytes ($(mb "$gzipped"))"
PLAIN="$TARGET_DIR/release/libveiviser_ffi.so"
if [ -f "$PLAIN" ]; then
    cp "$PLAIN" "$OUT/libveiviser_ffi.release.so"
    strip --strip-all "$OUT/libveiviser_ffi.release.so"
    plain=$(stat -c %s "$OUT/libveiviser_ffi.release.so")
    echo "for comparison, the plain release profile stripped: $plain bytes ($(mb "$plain"))"
fi
if [ "$stripped" -gt "$LIMIT_BYTES" ]; then
    echo "measure-ffi-size: stripped cdylib is above the $(mb "$LIMIT_BYTES") target" >&2
    exit 1
fi
echo "within the $(mb "$LIMIT_BYTES") target"
