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

# The fuzz corpora are replayed on every toolchain by `cargo test` (testkit/tests/fuzz_corpus.rs);
# a short bounded libFuzzer run of each target needs nightly and cargo-fuzz, which CI lacks.
echo "== fuzz (bounded run of each target)"
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "skipped: no nightly toolchain (\`cargo +nightly --version\` fails); the corpora were replayed by cargo test"
elif ! cargo fuzz --version >/dev/null 2>&1; then
  echo "skipped: cargo-fuzz is not installed (\`cargo install cargo-fuzz\`); the corpora were replayed by cargo test"
else
  secs="${VEIVISER_FUZZ_SECONDS:-10}"
  # Fuzz a scratch copy of each corpus, so new inputs libFuzzer finds are not committed.
  scratch="$(mktemp -d)"
  trap 'rm -rf "$scratch"' EXIT
  targets=$(sed -n 's/^name = "\([a-z_]*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^veiviser-fuzz$')
  (cd fuzz && cargo +nightly fuzz build)
  for target in $targets; do
    cp -r "fuzz/corpus/$target" "$scratch/$target"
    echo "-- fuzz $target for ${secs}s"
    (cd fuzz && cargo +nightly fuzz run "$target" "$scratch/$target" -- \
      -max_total_time="$secs" -print_final_stats=1 2>&1 | grep -E 'stat::number_of_executed_units|Done|ERROR|panicked' || true)
    if [ -n "$(ls fuzz/artifacts/"$target" 2>/dev/null)" ]; then
      echo "fuzz target $target found a crash: see fuzz/artifacts/$target" >&2
      exit 1
    fi
  done
fi

if [ -x scripts/test-bindings.sh ] || [ -f scripts/test-bindings.sh ]; then
  echo "== bindings (Python, Kotlin/JVM, Swift generation, export coverage)"
  bash scripts/install-binding-deps.sh
  bash scripts/test-bindings.sh
fi

echo "== Android state holder on the JVM (real library, real server on loopback)"
bash scripts/test-android-jvm.sh

echo "== app screens in Chromium (every screens.md state and guide step, nb and nn, 100 % and 200 %)"
bash scripts/test-browser-app.sh

echo "== admin API fuzzing (schemathesis against the served OpenAPI, bounded time)"
bash scripts/test-admin-api.sh

echo "== browser: the admin UI (/admin) in headless Chromium against serve --demo"
bash scripts/test-browser-admin.sh
