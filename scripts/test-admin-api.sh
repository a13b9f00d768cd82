#!/usr/bin/env bash
# Fuzzes the admin API (/v1/admin/) from its served OpenAPI document with schemathesis, for a
# bounded time: no 5xx, every response matches the documented schema and content type.
#
#   scripts/test-admin-api.sh            # 60 s (VEIVISER_ADMIN_FUZZ_SECONDS to change)
#
# A real `veiviser-server serve --demo` on a loopback port, in a scratch data folder with one
# account holding every role (so every operation is reached past its role check), called
# with that account's API token (which the fuzzer is not let revoke: revoking is tested in
# server/tests/admin_api.rs). schemathesis is installed from PyPI (pinned) if missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEMATHESIS_VERSION="${VEIVISER_SCHEMATHESIS_VERSION:-4.32.5}"
SECS="${VEIVISER_ADMIN_FUZZ_SECONDS:-60}"
log() { echo "test-admin-api: $*" >&2; }

if [ "$(schemathesis --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    log "installing schemathesis $SCHEMATHESIS_VERSION with pip"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore "schemathesis==$SCHEMATHESIS_VERSION" \
        || python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --break-system-packages "schemathesis==$SCHEMATHESIS_VERSION"
fi

cargo build --quiet -p veiviser-server --bin veiviser-server
BIN="${CARGO_TARGET_DIR:-target}/debug/veiviser-server"

scratch="$(mktemp -d)"
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

data="$scratch/data"
VEIVISER_ADMIN_PASSWORD="fuzzing only, never used elsewhere" \
    "$BIN" user add fuzzer --role editor --role reviewer --role admin --data "$data" >/dev/null
token="$("$BIN" user token fuzzer --label schemathesis --data "$data")"

RUST_LOG=error "$BIN" serve --demo --data "$data" --listen 127.0.0.1:0 >"$scratch/out" 2>"$scratch/err" &
server_pid=$!
for _ in $(seq 1 200); do
    if grep -q '^listening on ' "$scratch/out" 2>/dev/null && grep -q 'demo-admin' "$scratch/out"; then break; fi
    sleep 0.1
done
url="$(sed -n 's/^listening on //p' "$scratch/out" | head -1)"
[ -n "$url" ] || { log "the server did not start:"; cat "$scratch/err" >&2; exit 1; }
log "fuzzing $url/v1/admin/openapi.json for ${SECS}s"

set +e
# From the scratch folder: schemathesis writes its own state folder into the working one.
(cd "$scratch" && schemathesis run "$url/v1/admin/openapi.json" \
    --header "Authorization: Bearer $token" \
    --exclude-operation-id revoke_token \
    --checks not_a_server_error,response_schema_conformance,content_type_conformance \
    --max-time "$SECS" \
    --workers 1 \
    --suppress-health-check all \
    --no-color) 2>&1 | tee "$scratch/report" | tail -40
status=${PIPESTATUS[0]}
set -e
if grep -qiE "panicked|internal error" "$scratch/err"; then
    log "the server logged a failure:"; cat "$scratch/err" >&2; exit 1
fi
exit "$status"
