#!/usr/bin/env bash
# The project's test command (README): format, lints, all Rust tests, then the binding suites.
set -euo pipefail
cd "$(dirname "$0")/.."

export VEIVISER_REFERENCE_DIR="${VEIVISER_REFERENCE_DIR:-$PWD/../shared/reference}"
if [ ! -d "$VEIVISER_REFERENCE_DIR/postnummer" ]; then
  echo "reference data not found at $VEIVISER_REFERENCE_DIR (set VEIVISER_REFERENCE_DIR)" >&2
  exit 1
fi

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo doc (warnings denied: broken intra-doc links, bad code blocks)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

echo "== cargo check veiviser-core --no-default-features (the core as the apps embed it)"
cargo check -p veiviser-core --no-default-features --locked

echo "== cargo build (binaries used by end-to-end tests)"
cargo build --workspace --bins --locked

echo "== cargo test"
cargo test --workspace --locked

if [ -x scripts/test-bindings.sh ] || [ -f scripts/test-bindings.sh ]; then
  echo "== bindings (Python, Kotlin/JVM, Swift generation, export coverage)"
  bash scripts/install-binding-deps.sh
  bash scripts/test-bindings.sh
fi
