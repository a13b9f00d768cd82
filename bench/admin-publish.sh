#!/usr/bin/env bash
# Admin publish benchmark (NOT part of CI; issue 11): approve-and-publish of a one-guide change
# with the full national postcode register loaded, end to end over HTTP, and the delta a device
# then downloads.
#
#   bash bench/admin-publish.sh        # release build, then a few seconds
#
# Steps, all against a real `veiviser-server serve --demo` (release build) on loopback, with
# Bring's register from ../shared/reference/postnummer imported first:
#   1. an editor starts a draft from the live guide, saves an edited title, requests review;
#   2. a reviewer approves (timed on its own: check under the publish lock, sign, write,
#      fsync, and the server's refresh of what it serves);
#   3. a device that was at the previous sequence polls /v1/latest and fetches the changed
#      collections' deltas (`since` = its sequence), compressed as the app asks (zstd, gzip).
# Prints each step's wall time and the bytes on the wire. Needs curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
REGISTER="${BENCH_REGISTER:-$ROOT/../shared/reference/postnummer/postal_codes.tab}"
RUNS="${BENCH_RUNS:-5}"
log() { echo "bench: $*" >&2; }
for t in curl python3 cargo; do command -v "$t" >/dev/null || { log "missing $t"; exit 1; }; done
[ -f "$REGISTER" ] || { log "no register at $REGISTER (BENCH_REGISTER)"; exit 1; }

log "building the release server"
cargo build --release --quiet -p veiviser-server
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/veiviser-server"

WORK="$(mktemp -d /tmp/veiviser-admin-bench.XXXXXX)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
DATA="$WORK/data"

# The demo content (published by serve --demo into the empty folder), then the full register.
RUST_LOG=error "$BIN" serve --demo --no-admin --data "$DATA" --listen 127.0.0.1:0 >"$WORK/boot" 2>&1 &
PID=$!
until grep -q '^listening on' "$WORK/boot" 2>/dev/null; do sleep 0.1; done
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""
"$BIN" import --demo --actor bench --data "$DATA" --as register "$REGISTER" >/dev/null
rows=$(grep -c . "$REGISTER")
for who in editor reviewer; do
  VEIVISER_ADMIN_PASSWORD="benchmark only password" "$BIN" user add "bench-$who" --role "$who" --data "$DATA" >/dev/null
  "$BIN" user token "bench-$who" --label bench --data "$DATA" >"$WORK/$who.token"
done

RUST_LOG=error "$BIN" serve --demo --data "$DATA" --listen 127.0.0.1:0 >"$WORK/out" 2>"$WORK/err" &
PID=$!
until grep -q 'demo-admin' "$WORK/out" 2>/dev/null; do sleep 0.1; done
URL="$(sed -n 's/^listening on //p' "$WORK/out" | head -1)"
log "server at $URL with the register of $rows postcodes; $RUNS runs"

python3 - "$URL" "$(cat "$WORK/editor.token")" "$(cat "$WORK/reviewer.token")" "$RUNS" <<'PY'
import json, sys, time, urllib.request, subprocess
url, editor, reviewer, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def call(method, path, token, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")

def wire(path, enc):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-H", "Accept-Encoding: " + enc,
                          "-w", "%{size_download} %{http_code}", url + path],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), out[1]

def latest():
    with urllib.request.urlopen(url + "/v1/latest") as r:
        return json.loads(r.read())["collections"]

places = latest()["places"]["sequence"]
full_places, _ = wire(f"/v1/collections/places/changeset", "zstd, gzip")
rows = []
for run in range(runs):
    before = latest()
    t0 = time.perf_counter()
    d = call("POST", "/v1/admin/drafts/from-live", editor, {"collection": "guides", "id": "snakke-med-barnet"})
    text = d["content"].replace('nb = "Snakke med barnet', f'nb = "Snakke med barnet (bench {run})', 1)
    d = call("PUT", f"/v1/admin/drafts/{d['id']}", editor, {"content": text})
    assert d["valid"], d["issues"]
    r = call("POST", f"/v1/admin/drafts/{d['id']}/review", editor, {"summary": {"nb": f"Benkmerking {run}"}})
    t1 = time.perf_counter()
    r = call("POST", f"/v1/admin/reviews/{r['id']}/approve", reviewer)
    t2 = time.perf_counter()
    after = latest()
    changed = [c for c in after if before.get(c, {}).get("sequence") != after[c]["sequence"]]
    poll, _ = wire("/v1/latest", "zstd, gzip")
    delta = 0
    for c in changed:
        since = before.get(c, {}).get("sequence", 0)
        n, code = wire(f"/v1/collections/{c}/changeset?since={since}", "zstd, gzip")
        delta += n
    rows.append((t1 - t0, t2 - t1, poll, delta, ",".join(sorted(changed))))
    print(f"run {run}: draft+save+request {1000*(t1-t0):.1f} ms, approve+publish {1000*(t2-t1):.1f} ms, "
          f"device downloads {poll} B poll + {delta} B deltas ({','.join(sorted(changed))})")
assert latest()["places"]["sequence"] == places, "the register was not republished"
app = sorted(r[1] for r in rows)
print(f"approve+publish median {1000*app[len(app)//2]:.1f} ms (min {1000*app[0]:.1f}, max {1000*app[-1]:.1f}); "
      f"device delta {rows[-1][2] + rows[-1][3]} B on the wire; the unchanged register's full changeset "
      f"would be {full_places} B")
PY
