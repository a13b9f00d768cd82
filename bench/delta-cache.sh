#!/usr/bin/env bash
# Delta-cache benchmark (NOT part of CI; issue 9, defect 4): throughput of the changeset
# endpoint when every client asks with the same `since`, and when clients rotate over 300
# different `since` values (300 base revisions), measured in one run on loopback, with the
# server's RSS.
#
#   bash bench/delta-cache.sh          # release build, then ~1-2 minutes on 2 cores
#
# Knobs (environment): BENCH_DURATION (wrk seconds per run, default 5), BENCH_CONNECTIONS
# (default 32), BENCH_THREADS (wrk threads, default 2), BENCH_SERVICES (directory entries
# changed by every publish, default 200), BENCH_REVISIONS (default 301).
#
# Target: rotating throughput within 2x of the fixed-`since` case (ratio >= 0.5), and the
# server's peak RSS bounded (the delta cache holds at most 64 MiB by default).
#
# Needs Debian's wrk (installed with apt-get when missing), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DURATION="${BENCH_DURATION:-5}"
CONNS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
SERVICES="${BENCH_SERVICES:-200}"
REVISIONS="${BENCH_REVISIONS:-301}"
ROTATE=$((REVISIONS - 1))

log() { echo "bench: $*" >&2; }

if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq wrk >/dev/null; }
fi
for t in wrk curl python3 cargo; do
  command -v "$t" >/dev/null || { log "missing $t"; exit 1; }
done

log "building the release server"
cargo build --release --quiet -p veiviser-server
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/veiviser-server"

WORK="$(mktemp -d /tmp/veiviser-delta-bench.XXXXXX)"
PID=""
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- content: REVISIONS publishes of a directory whose SERVICES entries all change ----------
log "publishing $REVISIONS directory revisions of $SERVICES entries each"
python3 - "$WORK/dir-template.toml" "$SERVICES" <<'PY'
import sys
path, n = sys.argv[1], int(sys.argv[2])
out = ['[[area]]\nkommune = "0301"\nname = "Oslo"\nlast_verified = "2026-11-01"\nexample_data = true\n']
for k in range(n):
    out.append(f'[[service]]\nid = "bench-{k:04}"\nname = "Benketjeneste {k} (testdata VARIANT)"\n'
               f'role = "barnevern"\ncovers = ["0301"]\nlast_verified = "2026-11-01"\nexample_data = true\n')
open(path, "w").write("\n".join(out))
PY
for i in $(seq 1 "$REVISIONS"); do
  sed "s/VARIANT/$i/" "$WORK/dir-template.toml" > "$WORK/oslo.toml"
  "$BIN" import "$WORK/oslo.toml" --data "$WORK/data" --demo --actor bench >/dev/null
done

# --- server -----------------------------------------------------------------------------
RUST_LOG=warn "$BIN" serve --data "$WORK/data" --demo --listen 127.0.0.1:0 \
  --max-in-flight 100000 > "$WORK/serve.out" 2> "$WORK/serve.err" &
PID=$!
for _ in $(seq 1 100); do
  grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break
  sleep 0.1
done
URL="$(sed -n 's/^listening on //p' "$WORK/serve.out" | head -1)"
[ -n "$URL" ] || { log "the server did not start"; cat "$WORK/serve.err" >&2; exit 1; }
rss() { awk -v k="$1:" '$1 == k { print int($2 / 1024) }' "/proc/$PID/status"; }
PATH_CS="/v1/collections/directory/changeset"
code="$(curl -s -o /dev/null -w '%{http_code}' "$URL$PATH_CS?since=1")"
[ "$code" = 200 ] || { log "changeset answered $code"; exit 1; }
RSS_START="$(rss VmRSS)"

cat > "$WORK/rotate.lua" <<LUA
-- Each thread rotates \`since\` over 1..$ROTATE, starting at a different place.
local n = 0
function init(args) n = math.random(0, $ROTATE - 1) end
function request()
  n = n + 1
  return wrk.format("GET", "$PATH_CS?since=" .. (1 + n % $ROTATE), { ["Accept-Encoding"] = "zstd, gzip" })
end
LUA

rps() { awk '/^Requests\/sec:/ { print int($2) }'; }
lat() { awk '/^    Latency/ { print $2 }'; }
log "fixed since=1, ${DURATION}s, $CONNS connections"
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -H 'Accept-Encoding: zstd, gzip' \
  "$URL$PATH_CS?since=1" > "$WORK/fixed.txt"
RSS_FIXED="$(rss VmRSS)"
# The first rotating run starts with a cold cache (every base is built once during it); the
# second is the steady state the target is about.
log "rotating since over 1..$ROTATE, cold cache, ${DURATION}s, $CONNS connections"
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -s "$WORK/rotate.lua" "$URL" > "$WORK/cold.txt"
log "rotating since over 1..$ROTATE, warm cache, ${DURATION}s, $CONNS connections"
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -s "$WORK/rotate.lua" "$URL" > "$WORK/rotate.txt"
RSS_ROTATE="$(rss VmRSS)"
RSS_PEAK="$(rss VmHWM)"
FIXED="$(rps < "$WORK/fixed.txt")"
COLD="$(rps < "$WORK/cold.txt")"
ROT="$(rps < "$WORK/rotate.txt")"
BODY="$(curl -s -H 'Accept-Encoding: zstd' "$URL$PATH_CS?since=1" | wc -c)"

echo "delta-cache bench: $REVISIONS directory revisions x $SERVICES entries; zstd delta from since=1: $BODY bytes"
echo "  fixed since:     $FIXED req/s (latency avg $(lat < "$WORK/fixed.txt"))"
echo "  rotating ($ROTATE), cold cache: $COLD req/s (latency avg $(lat < "$WORK/cold.txt"))"
echo "  rotating ($ROTATE), warm cache: $ROT req/s (latency avg $(lat < "$WORK/rotate.txt"))"
python3 -c "print(f'  ratio rotating (warm)/fixed: {$ROT / max($FIXED, 1):.2f} (target >= 0.50); cold/fixed: {$COLD / max($FIXED, 1):.2f}')"
echo "  server RSS: ${RSS_START} MiB at start, ${RSS_FIXED} MiB after fixed, ${RSS_ROTATE} MiB after rotating; peak ${RSS_PEAK} MiB"
grep -h "Non-2xx\|Socket errors" "$WORK/fixed.txt" "$WORK/cold.txt" "$WORK/rotate.txt" || true
echo "  load: $(uptime)"
