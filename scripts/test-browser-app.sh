#!/usr/bin/env bash
# Browser test of every app screen (issue 14, item 8): renders every state of apps/screens.md
# in nb and nn with veiviser-html's `render-screens`, then drives them in real headless
# Chromium (tests/browser/app/screens.test.mjs): 390×844 CSS px, 100 % and 200 % text size,
# axe-core, labels, 48 px targets, the acute 112, overflow, non-blank screenshots.
# Screenshots: target/artifacts/screens/ (a CI artifact, not in git). Exits non-zero on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
OUT="$TARGET_DIR/app-screens"

bash scripts/install-browser-deps.sh
echo "== rendering every screen state (nb, nn) into $OUT"
rm -rf "$OUT" "$TARGET_DIR/artifacts/screens"
cargo run --quiet --locked -p veiviser-html --bin render-screens -- --out "$OUT"
echo "== Chromium: every state at 390×844, 100 % and 200 % text"
node tests/browser/app/screens.test.mjs "$OUT"
