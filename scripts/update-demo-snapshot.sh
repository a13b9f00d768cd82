#!/usr/bin/env bash
# Regenerates the signed demo snapshot that the `veiviser` CLI embeds
# (apps/cli/assets/demo-snapshot.json), from the demo content in server/content/.
#
# Run it whenever the demo content (server/content/) or its published_at (demo.toml) changes;
# the test `bundled_snapshot_equals_a_fresh_export` in tests/ fails until you do.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet -p veiviser-server -- export --demo --out apps/cli/assets/demo-snapshot.json
