#!/usr/bin/env bash
# Browser test of the admin UI (issue 11): builds veiviser-server and the veiviser CLI, then
# drives /admin of a real `veiviser-server serve --demo` (a free loopback port, a scratch data
# folder) in real headless Chromium (tests/browser/admin/admin.test.mjs): sign-in, the step
# editor with an inline error, review request, four eyes, approval, a real `veiviser sync`, an
# urgent publish on the second-review list, axe-core on every page. Screenshots and the axe
# report: target/artifacts/admin/ (a CI artifact, not in git). Exits non-zero on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"

bash scripts/install-browser-deps.sh
echo "== building veiviser-server and veiviser"
cargo build --quiet --locked -p veiviser-server -p veiviser
echo "== Chromium: the admin UI against serve --demo"
VEIVISER_BIN_DIR="$TARGET_DIR/debug" node tests/browser/admin/admin.test.mjs
