#!/usr/bin/env bash
# Builds the veiviser-ffi cdylib and generates Kotlin, Swift and Python bindings from it
# (uniffi library mode) into bindings/generated/{kotlin,swift,python}. The library holds two
# uniffi namespaces, so each language gets two files: `veiviser_ffi` (the façade: objects,
# errors, transport and listener; bindings/ffi/uniffi.toml) and `veiviser_core` (the core's own
# records and enums, derived behind its `uniffi` feature; core/uniffi.toml). Generated code is
# never committed (bindings/generated is git-ignored).
#
# Usage: scripts/gen-bindings.sh [--release]
#   --release   build the library with the `release-ffi` profile (what the apps ship).
# The Python folder also gets a copy of the library, so `import veiviser_ffi` and
# `import veiviser_core` work from there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PROFILE=debug
CARGO_PROFILE=()
if [ "${1:-}" = "--release" ]; then
    PROFILE=release-ffi
    CARGO_PROFILE=(--profile release-ffi)
elif [ -n "${1:-}" ]; then
    echo "usage: $0 [--release]" >&2
    exit 2
fi

TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$ROOT/bindings/generated"

cargo build --quiet -p veiviser-ffi "${CARGO_PROFILE[@]}"
# Same uniffi version as the library (pinned in the workspace); the bindgen is always a debug build.
cargo build --quiet -p uniffi-bindgen

case "$(uname -s)" in
    Darwin) LIB="$TARGET_DIR/$PROFILE/libveiviser_ffi.dylib"; EXT=dylib ;;
    *) LIB="$TARGET_DIR/$PROFILE/libveiviser_ffi.so"; EXT=so ;;
esac
[ -f "$LIB" ] || { echo "gen-bindings: $LIB was not built" >&2; exit 1; }

BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
rm -rf "$OUT"
mkdir -p "$OUT"
for lang in kotlin swift python; do
    "$BINDGEN" generate "$LIB" --language "$lang" --out-dir "$OUT/$lang" --no-format
done
# Both namespaces must come out in every language (the core's only with its `uniffi` feature on).
for f in kotlin/no/veiviser/ffi/veiviser_ffi.kt kotlin/no/veiviser/core/veiviser_core.kt \
    swift/VeiviserFFI.swift swift/VeiviserCore.swift python/veiviser_ffi.py python/veiviser_core.py; do
    [ -s "$OUT/$f" ] || { echo "gen-bindings: $OUT/$f was not generated" >&2; exit 1; }
done
cp "$LIB" "$OUT/python/libveiviser_ffi.$EXT"
mkdir -p "$OUT/lib"
cp "$LIB" "$OUT/lib/libveiviser_ffi.$EXT"

echo "gen-bindings: $PROFILE library $LIB -> $OUT/{kotlin,swift,python}" >&2
