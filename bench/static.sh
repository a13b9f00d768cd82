#!/usr/bin/env bash
# Sync at national scale (issue 13), one run (NOT part of CI). Two content sets:
#
#   demo      the demo content from server/content/ (the `guides` snapshot is measured);
#   national  50 guides, the demo directory, the FULL national postcode register and every bydel
#             pair file from the reference data (the `places` snapshot is measured).
#
# Each set is published with 10 revisions of one guide (so devices can be on many sequences),
# served live by `veiviser-server serve` and as a static export (`export-static`) by nginx with
# the shipped configuration (server/static/nginx-veiviser*.conf). It measures:
#   1. wrk on loopback: requests/s of the live endpoint, of the static export and of nginx
#      serving the same bytes as plain files, for the full snapshot uncompressed / gzip / zstd /
#      unchanged (If-None-Match -> 304), and for /v1/latest;
#   2. BENCH_DEVICES (10,000) simulated devices at mixed sequences (1 in 10 fresh, 6 in 10 behind
#      on guides, 3 in 10 up to date) against the live server and against the static export
#      (national set): errors, p50/p99, server CPU seconds, peak RSS (tests/examples/sync_load.rs);
#   3. the first full sync of the national content by the real CLI on a slow link (1.6 Mbit/s,
#      300 ms RTT; a shaping proxy on loopback, as this kernel has no sch_netem for tc netem),
#      from the static export and from the live server: seconds and bytes;
#   4. cold start of the staff app on a device with the national register and 50 guides synced,
#      the path a phone takes at launch: open the store, the app's content, the home screen with
#      the saved own area, a guide's first step with its numbers, the contacts screen
#      (tests/examples/cold_start.rs), against reading the same store's bytes from disk;
#   5. the device folder's size after the first sync and after BENCH_PUBLISHES (100) successive
#      publishes, each exported and synced through nginx.
#
#   bash bench/static.sh                    # release build; a few minutes on 2 cores
#   BENCH_DURATION=2 BENCH_DEVICES=2000 BENCH_PUBLISHES=20 bash bench/static.sh   # a quick look
#
# Knobs: BENCH_DURATION (wrk seconds per run, default 3), BENCH_ROUNDS (3: each throughput case
# is run this many times, live/static/plain interleaved, and the best of each kept),
# BENCH_CONNECTIONS (64), BENCH_THREADS
# (2), BENCH_DEVICES (10000), BENCH_DEVICE_CONCURRENCY (64 devices at once), BENCH_PUBLISHES
# (100), BENCH_PROFILE (release), BENCH_NO_BUILD (set: use the binaries as built),
# VEIVISER_REFERENCE_DIR (../shared/reference).
# Needs wrk, nginx, curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DURATION="${BENCH_DURATION:-3}"
ROUNDS="${BENCH_ROUNDS:-3}"
CONNS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
DEVICES="${BENCH_DEVICES:-10000}"
DEVICE_CONC="${BENCH_DEVICE_CONCURRENCY:-64}"
PUBLISHES="${BENCH_PUBLISHES:-100}"
PROFILE="${BENCH_PROFILE:-release}"
REF="${VEIVISER_REFERENCE_DIR:-$ROOT/../shared/reference}"
GUIDE_ID="fra-bekymring-til-handling"

log() { echo "bench: $*" >&2; }

need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx-light)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing ${need_apt[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
for t in wrk nginx curl python3 cargo; do
  command -v "$t" >/dev/null || { log "missing $t"; exit 1; }
done
[ -f "$REF/postnummer/postal_codes.tab" ] && [ -d "$REF/bydel-postnummer" ] \
  || { log "reference data not found in $REF (set VEIVISER_REFERENCE_DIR)"; exit 1; }

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  log "building the binaries ($PROFILE)"
  cargo build --profile "$PROFILE" --quiet -p veiviser-server -p veiviser
  cargo build --profile "$PROFILE" --quiet -p veiviser-tests --example sync_load --example cold_start
fi
PROFILE_DIR="$PROFILE"; [ "$PROFILE" = dev ] && PROFILE_DIR=debug
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE_DIR"
SERVER_BIN="$TARGET/veiviser-server"
CLI_BIN="$TARGET/veiviser"
LOAD_BIN="$TARGET/examples/sync_load"
COLD_BIN="$TARGET/examples/cold_start"

WORK="$(mktemp -d /tmp/veiviser-static-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/nginx/nginx.pid" ]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

RESULTS="$WORK/results"   # lines: KEY VALUE...
: >"$RESULTS"
put() { echo "$*" >>"$RESULTS"; }
compact() { python3 -c 'import json, sys; print(json.dumps(json.load(open(sys.argv[1]))))' "$1"; }
put uptime_start "$(uptime)"

# start_server NAME ARGS... : starts veiviser-server serve, sets $URL and $PID
start_server() {
  local name="$1"; shift
  "$SERVER_BIN" serve --rescan-secs 1 --max-in-flight 100000 "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PID=$!; PIDS+=("$PID")
  for _ in $(seq 1 200); do [ -s "$WORK/$name.out" ] && break; sleep 0.1; done
  URL="$(head -1 "$WORK/$name.out" | sed 's/^listening on //')"
  [ -n "$URL" ] || { log "server $name did not start:"; cat "$WORK/$name.err" >&2; exit 1; }
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
rps() { # rps URL [HEADER]
  local out
  if [ -n "${2:-}" ]; then out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -H "$2" "$1")"
  else out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" "$1")"; fi
  if echo "$out" | grep -q "Non-2xx or 3xx responses"; then
    log "wrk saw error responses for $1:"; echo "$out" >&2; exit 1
  fi
  echo "$out" | awk '/^Requests\/sec:/ {print $2}'
}
# compare SET CASE LIVE_URL LIVE_HEADER STATIC_URL STATIC_HEADER PLAIN_URL PLAIN_HEADER: ROUNDS
# rounds of live, static, plain one after the other (so a burst of load from elsewhere on the
# machine hits all three alike), the best of each kept; appends "SET CASE LIVE STATIC PLAIN".
compare() {
  local set="$1" case="$2" best_l=0 best_s=0 best_p=0 r
  local l s p
  for _ in $(seq 1 "$ROUNDS"); do
    l="$(rps "$3" "$4")"; best_l="$(python3 -c "print(max($best_l, $l))")"
    s="$(rps "$5" "$6")"; best_s="$(python3 -c "print(max($best_s, $s))")"
    p="$(rps "$7" "$8")"; best_p="$(python3 -c "print(max($best_p, $p))")"
    echo "$set $case $l $s $p" >>"$WORK/rps-rounds"
  done
  echo "$set $case $best_l $best_s $best_p" >>"$WORK/rps"
}
etag() { curl -s -D - -o /dev/null "$@" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r'; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
cpu_of() { # CPU seconds (user+system) of the given pids
  local total=0 t
  for p in "$@"; do
    t=$(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0); total=$((total + t))
  done
  python3 -c "print($total / $(getconf CLK_TCK))"
}
hwm_of() { # peak RSS in MiB, summed over the given pids
  local total=0 k
  for p in "$@"; do
    k=$(awk '/^VmHWM:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0); total=$((total + k))
  done
  python3 -c "print(round($total / 1024, 1))"
}

# --- content -----------------------------------------------------------------------------------
"$SERVER_BIN" keygen --out "$WORK/key.toml" --prefix bench >"$WORK/keygen.out"
grep '^trusted-keys line: ' "$WORK/keygen.out" | sed 's/^trusted-keys line: //' >"$WORK/trusted.toml"
# 49 more guides (the demo guide under other ids), so the national set has 50.
mkdir -p "$WORK/guides50"
cp server/content/guides/*.toml "$WORK/guides50/"
python3 - "server/content/guides/$GUIDE_ID.toml" "$WORK/guides50" <<'EOF'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
for i in range(2, 51):
    out = src.replace('id = "fra-bekymring-til-handling"', f'id = "veileder-{i:02}"', 1)
    out = out.replace('nb = "Fra bekymring til handling"', f'nb = "Veileder {i:02}"', 1)
    assert out != src
    open(f"{sys.argv[2]}/veileder-{i:02}.toml", "w", encoding="utf-8").write(out)
EOF
edit_guide() { # edit_guide REVISION OUT_DIR : the demo guide with this revision
  mkdir -p "$2"
  python3 - "server/content/guides/$GUIDE_ID.toml" "$2/$GUIDE_ID.toml" "$1" <<'EOF'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
rev = sys.argv[3]
out = src.replace("revision = 1\n", f"revision = {rev}\n", 1)
out = out.replace('nb = "Fra bekymring til handling"', f'nb = "Fra bekymring til handling (revisjon {rev})"', 1)
assert out != src
open(sys.argv[2], "w", encoding="utf-8").write(out)
EOF
}

declare -A LIVE LIVE_PID COLLECTION GUIDE_SEQS
SETS="demo national"
for set in $SETS; do
  data="$WORK/$set-data"
  log "publishing the $set content"
  case "$set" in
    demo)
      "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench \
        server/content/guides server/content/directory >/dev/null
      COLLECTION[$set]=guides ;;
    national)
      "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench \
        "$WORK/guides50" server/content/directory >/dev/null
      "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench \
        "$REF/postnummer/postal_codes.tab" "$REF/bydel-postnummer" >/dev/null
      COLLECTION[$set]=places ;;
  esac
  for rev in $(seq 2 11); do
    edit_guide "$rev" "$WORK/edit-$set-$rev"
    "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench "$WORK/edit-$set-$rev" >/dev/null
  done
  t0=$(date +%s.%N)
  "$SERVER_BIN" export-static "$WORK/$set-static" --data "$data" >"$WORK/$set-export.out"
  put "$set" export_seconds "$(python3 -c "print(round($(date +%s.%N) - $t0, 2))")"
  put "$set" export_bytes "$(du -sbL "$WORK/$set-static/current" | cut -f1)"
  put "$set" export_files "$(find -L "$WORK/$set-static/current" -type f | wc -l)"
  # Earlier guides sequences (every revision but the head) for the simulated devices.
  GUIDE_SEQS[$set]="$(python3 -c "
import json; m = json.load(open('$WORK/$set-static/current/export.json'))
print(','.join(str(s) for s in m['collections']['guides']['delta_sources'][1:]))")"
  start_server "$set-live" --listen 127.0.0.1:0 --key "$WORK/key.toml" --data "$data"
  LIVE[$set]="$URL"; LIVE_PID[$set]="$PID"
done

# --- nginx: the static export (shipped config) and the same bytes as plain files ----------------
declare -A STATIC PLAIN DELTA_SINCE
WWW="$WORK/www"
mkdir -p "$WORK/nginx/tmp"
SERVERS=""
for set in $SETS; do
  c="${COLLECTION[$set]}"
  head="$WORK/$set-static/current/v1/collections/$c/head"
  mkdir -p "$WWW/$set" "$WWW/zstd/$set"
  cp "$head/full.json" "$head/full.json.gz" "$WWW/$set/"
  cp "$head/full.json.zst" "$WWW/zstd/$set/full.json"
  cp "$WORK/$set-static/current/v1/latest.json" "$WWW/$set/latest.json"
  # The delta from the oldest kept guides revision (9 revisions behind), as a plain file too.
  DELTA_SINCE[$set]="${GUIDE_SEQS[$set]##*,}"
  cp "$WORK/$set-static/current/v1/collections/guides/head/since-${DELTA_SINCE[$set]}.json.zst" "$WWW/zstd/$set/delta.json"
  sp=$(free_port); pp=$(free_port)
  STATIC[$set]="http://127.0.0.1:$sp"; PLAIN[$set]="http://127.0.0.1:$pp"
  SERVERS+="
  server {
    listen 127.0.0.1:$sp;
    root $WORK/$set-static/current;
    include $ROOT/server/static/nginx-veiviser.conf;
  }
  server {
    listen 127.0.0.1:$pp;
    root $WWW;
    types { application/json json; }
    default_type application/json;
    gzip_static on;
    location /zstd/ { add_header Content-Encoding zstd; }
  }"
done
USER_LINE=""; [ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  include $ROOT/server/static/nginx-veiviser-maps.conf;
  $SERVERS
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon on;' 2>"$WORK/nginx/start.err" \
  || { cat "$WORK/nginx/start.err" >&2; exit 1; }
for _ in $(seq 1 50); do curl -sf -o /dev/null "${STATIC[demo]}/v1/latest" && break; sleep 0.1; done
NGINX_MASTER="$(cat "$WORK/nginx/nginx.pid")"
nginx_pids() { echo "$NGINX_MASTER $(pgrep -P "$NGINX_MASTER" | tr '\n' ' ')"; }

# --- 1. throughput ------------------------------------------------------------------------------
: >"$WORK/rps"   # lines: SET CASE LIVE STATIC PLAIN (best of the rounds)
: >"$WORK/rps-rounds"   # the same, one line per round
for set in $SETS; do
  c="${COLLECTION[$set]}"
  live="${LIVE[$set]}/v1/collections/$c/changeset"
  static="${STATIC[$set]}/v1/collections/$c/changeset"
  plain="${PLAIN[$set]}/$set/full.json"
  zplain="${PLAIN[$set]}/zstd/$set/full.json"
  same=yes
  cmp -s <(curl -s "$live") <(curl -s "$static") || same=no
  cmp -s <(curl -s "$live") <(curl -s "$plain") || same=no
  cmp -s <(curl -s -H 'Accept-Encoding: gzip' "$live") <(curl -s -H 'Accept-Encoding: gzip' "$static") || same=no
  cmp -s <(curl -s -H 'Accept-Encoding: zstd' "$live") <(curl -s -H 'Accept-Encoding: zstd' "$static") || same=no
  cmp -s <(curl -s -H 'Accept-Encoding: zstd' "$static") <(curl -s "$zplain") || same=no
  put "$set" same_bytes "$same"
  put "$set" collection "$c"
  put "$set" snapshot_identity "$(stat -c %s "$WWW/$set/full.json")"
  put "$set" snapshot_gzip "$(stat -c %s "$WWW/$set/full.json.gz")"
  put "$set" snapshot_zstd "$(stat -c %s "$WWW/zstd/$set/full.json")"
  l_etag="$(etag "$live")"; s_etag="$(etag "$static")"; p_etag="$(etag "$plain")"
  for u in "$live $l_etag" "$static $s_etag" "$plain $p_etag"; do
    set -- $u
    [ "$(status_of -H "If-None-Match: $2" "$1")" = 304 ] || { log "$set: no 304 from $1"; exit 1; }
  done
  log "$set: throughput (${DURATION}s per run, best of $ROUNDS rounds, $CONNS connections, $THREADS threads)"
  compare "$set" identity "$live" "" "$static" "" "$plain" ""
  compare "$set" gzip "$live" 'Accept-Encoding: gzip' "$static" 'Accept-Encoding: gzip' "$plain" 'Accept-Encoding: gzip'
  compare "$set" zstd "$live" 'Accept-Encoding: zstd' "$static" 'Accept-Encoding: zstd' "$zplain" ""
  compare "$set" 304 "$live" "If-None-Match: $l_etag" "$static" "If-None-Match: $s_etag" "$plain" "If-None-Match: $p_etag"
  d="/v1/collections/guides/changeset?since=${DELTA_SINCE[$set]}"
  cmp -s <(curl -s -H 'Accept-Encoding: zstd' "${LIVE[$set]}$d") <(curl -s "${PLAIN[$set]}/zstd/$set/delta.json") || put "$set" delta_same_bytes no
  put "$set" delta_zstd "$(stat -c %s "$WWW/zstd/$set/delta.json")"
  compare "$set" delta "${LIVE[$set]}$d" 'Accept-Encoding: zstd' "${STATIC[$set]}$d" 'Accept-Encoding: zstd' "${PLAIN[$set]}/zstd/$set/delta.json" ""
  compare "$set" latest "${LIVE[$set]}/v1/latest" "" "${STATIC[$set]}/v1/latest" "" "${PLAIN[$set]}/$set/latest.json" ""
  # The poll of an unchanged device: 304 from both (the static ETag is nginx's own).
  ll_etag="$(etag "${LIVE[$set]}/v1/latest")"; sl_etag="$(etag "${STATIC[$set]}/v1/latest")"; pl_etag="$(etag "${PLAIN[$set]}/$set/latest.json")"
  [ "$(status_of -H "If-None-Match: $sl_etag" "${STATIC[$set]}/v1/latest")" = 304 ] || { log "$set: no 304 for latest from nginx"; exit 1; }
  compare "$set" latest304 "${LIVE[$set]}/v1/latest" "If-None-Match: $ll_etag" "${STATIC[$set]}/v1/latest" "If-None-Match: $sl_etag" "${PLAIN[$set]}/$set/latest.json" "If-None-Match: $pl_etag"
done

# --- 2. 10,000 devices at mixed sequences --------------------------------------------------------
set=national
for target in live static; do
  if [ "$target" = live ]; then url="${LIVE[$set]}"; pids="${LIVE_PID[$set]}"
  else url="${STATIC[$set]}"; pids="$(nginx_pids)"; fi
  log "$set: $DEVICES devices against the $target server ($DEVICE_CONC at once)"
  # shellcheck disable=SC2086
  cpu0=$(cpu_of $pids)
  "$LOAD_BIN" "$url" "$DEVICES" "$DEVICE_CONC" "${GUIDE_SEQS[$set]}" >"$WORK/load-$target.json"
  # shellcheck disable=SC2086
  cpu1=$(cpu_of $pids)
  put "load_$target" json "$(compact "$WORK/load-$target.json")"
  put "load_$target" cpu_s "$(python3 -c "print(round($cpu1 - $cpu0, 2))")"
  # shellcheck disable=SC2086
  put "load_$target" peak_rss_mib "$(hwm_of $pids)"
done

# --- 3. first national sync on a slow link ------------------------------------------------------
# tc netem needs the sch_netem kernel module, which this kernel lacks ("Specified qdisc kind is
# unknown"), so the link is a shaping proxy on loopback: every connection first waits one RTT
# (the TCP handshake), then each direction delivers data at most 1.6 Mbit/s (one link shared by
# all the device's connections, in 1448-byte segments) and 150 ms after it was sent.
cat >"$WORK/shape.py" <<'PY'
import asyncio, sys, time
listen_port, up_host, up_port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
RATE = 1_600_000 / 8          # bytes per second, each direction
DELAY = 0.150                 # one way
SEG = 1448
free_at = {"up": 0.0, "down": 0.0}
async def pump(reader, writer, direction):
    queue = asyncio.Queue()
    async def deliver():
        while True:
            item = await queue.get()
            if item is None:
                break
            due, data = item
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        try:
            writer.write_eof()
        except Exception:
            pass
    task = asyncio.create_task(deliver())
    while True:
        data = await reader.read(SEG)
        if not data:
            break
        now = time.monotonic()
        start = max(now, free_at[direction])
        free_at[direction] = start + len(data) / RATE
        queue.put_nowait((free_at[direction] + DELAY, data))
    queue.put_nowait(None)
    await task
async def handle(cr, cw):
    await asyncio.sleep(2 * DELAY)  # the handshake
    ur, uw = await asyncio.open_connection(up_host, up_port)
    await asyncio.gather(pump(cr, uw, "up"), pump(ur, cw, "down"), return_exceptions=True)
    for w in (cw, uw):
        w.close()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    print("ready", flush=True)
    async with server:
        await server.serve_forever()
asyncio.run(main())
PY
slow_sync() { # slow_sync NAME UPSTREAM_URL
  local client="$WORK/slow-$1" t0 port hostport
  port=$(free_port); hostport="${2#http://}"
  python3 "$WORK/shape.py" "$port" "${hostport%:*}" "${hostport##*:}" >"$WORK/shape-$1.out" 2>&1 &
  local shaper=$!; PIDS+=("$shaper")
  for _ in $(seq 1 50); do grep -q ready "$WORK/shape-$1.out" 2>/dev/null && break; sleep 0.1; done
  t0=$(date +%s.%N)
  "$CLI_BIN" sync --server "http://127.0.0.1:$port" --data "$client" \
    --trusted-keys "$WORK/trusted.toml" --json >"$WORK/slow-$1.json" 2>"$WORK/slow-$1.err" \
    || { log "slow sync from $2 failed:"; cat "$WORK/slow-$1.err" >&2; exit 1; }
  put "slow_$1" seconds "$(python3 -c "print(round($(date +%s.%N) - $t0, 2))")"
  put "slow_$1" json "$(compact "$WORK/slow-$1.json")"
  kill "$shaper" 2>/dev/null || true
}
log "national: first sync on the slow link (1.6 Mbit/s, 300 ms RTT, shaping proxy)"
slow_sync static "${STATIC[national]}"
slow_sync live "${LIVE[national]}"

# --- 4. cold start, and 5. device folder size -----------------------------------------------------
# The live servers are done: stop them so they do not re-read every publish below.
for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
PIDS=()
client="$WORK/device"
cli_sync() {
  "$CLI_BIN" sync --server "${STATIC[national]}" --data "$client" --trusted-keys "$WORK/trusted.toml" \
    --json >"$WORK/device-sync.json" 2>"$WORK/device-sync.err" \
    || { log "device sync failed:"; cat "$WORK/device-sync.err" >&2; exit 1; }
}
cli_sync
put device first_sync "$(compact "$WORK/device-sync.json")"
log "cold start (7 runs)"
for i in 1 2 3 4 5 6 7; do
  "$COLD_BIN" "$client" "$WORK/trusted.toml" "$GUIDE_ID" 0150 >>"$WORK/cold.jsonl"
done
put device size_after_sync "$(du -sb "$client" | cut -f1) $(du -sb "$client/store" | cut -f1)"
log "device folder over $PUBLISHES publishes (import --static-dir, then sync through nginx)"
: >"$WORK/sizes"
for i in $(seq 1 "$PUBLISHES"); do
  rev=$((11 + i))
  edit_guide "$rev" "$WORK/pub-$rev"
  "$SERVER_BIN" import --key "$WORK/key.toml" --data "$WORK/national-data" --actor bench \
    --static-dir "$WORK/national-static" "$WORK/pub-$rev" >/dev/null
  rm -rf "$WORK/pub-$rev"
  cli_sync
  echo "$i $(du -sb "$client" | cut -f1) $(du -sb "$client/store" | cut -f1) $(du -sbL "$WORK/national-static/current" | cut -f1) $(du -sb "$WORK/national-static" | cut -f1)" >>"$WORK/sizes"
done
put uptime_end "$(uptime)"

# --- report -----------------------------------------------------------------------------------------
python3 - "$WORK/rps" "$RESULTS" "$WORK/cold.jsonl" "$WORK/sizes" "$WORK/rps-rounds" "$(date -u +%Y-%m-%dT%H:%MZ)" \
  "$(nproc)" "$PROFILE" "wrk -t$THREADS -c$CONNS -d${DURATION}s" "$DEVICES" "$ROUNDS" <<'EOF'
import json, statistics, sys
rps_file, results_file, cold_file, sizes_file, rounds_file, when, cores, profile, wrk, devices, rounds = sys.argv[1:]
r = {}
for line in open(results_file):
    k, rest = line.rstrip("\n").split(" ", 1)
    if k.startswith("uptime"):
        r[k] = rest; continue
    key, value = rest.split(" ", 1)
    r.setdefault(k, {})[key] = value
def ratio(a, b): return f"{a / b:.2f}" if b else "-"
print()
print(f"== Static sync benchmark ({when}, {cores} cores shared, loopback, {profile} build)")
print(f"   load before: {r['uptime_start'].strip()}")
print(f"   load after:  {r['uptime_end'].strip()}")
print()
print(f"1. Throughput, requests/s ({wrk}, best of {rounds} interleaved rounds per case)")
print(f"   {'case':<36}{'live':>9}{'static':>9}{'plain':>9}   live/plain  static/plain")
labels = {"identity": "full snapshot, uncompressed", "gzip": "full snapshot, gzip",
          "zstd": "full snapshot, zstd", "304": "unchanged (If-None-Match -> 304)",
          "delta": "guides delta, 9 revisions behind, zstd",
          "latest": "/v1/latest (200)", "latest304": "/v1/latest unchanged (304)"}
for line in open(rps_file):
    s, case, a, b, c = line.split(); a, b, c = float(a), float(b), float(c)
    if case == "identity":
        d = r[s]
        print(f"  {s}: {d['collection']} snapshot {d['snapshot_identity']} B, gzip {d['snapshot_gzip']} B, "
              f"zstd {d['snapshot_zstd']} B; live, static and plain bodies identical: {d['same_bytes']}; "
              f"export {d['export_files']} files, {d['export_bytes']} B, {d['export_seconds']} s")
    print(f"   {labels[case]:<36}{a:>9.0f}{b:>9.0f}{c:>9.0f}   {ratio(a, c):>10}  {ratio(b, c):>12}")
print()
print("   Paired rounds (live and plain run one after the other in each round): live/plain median [min-max];")
print("   static/plain, the same nginx against itself, shows the machine's noise")
paired = {}
for line in open(rounds_file):
    s, case, a, b, c = line.split(); a, b, c = float(a), float(b), float(c)
    paired.setdefault((s, case), []).append((a / c if c else 0, b / c if c else 0))
for (s, case), rs in paired.items():
    lp = sorted(x for x, _ in rs); sp = sorted(y for _, y in rs)
    print(f"   {s:<9}{labels[case]:<36} live/plain {statistics.median(lp):.2f} [{lp[0]:.2f}-{lp[-1]:.2f}]"
          f"   static/plain {statistics.median(sp):.2f} [{sp[0]:.2f}-{sp[-1]:.2f}]")
print()
print(f"2. {devices} devices at mixed sequences, national content (1/10 fresh, 6/10 behind on guides, 3/10 up to date)")
for t in ("live", "static"):
    d = json.loads(r[f"load_{t}"]["json"])
    print(f"   {t:<7} errors {d['errors']}, {d['requests']} requests in {d['wall_s']:.1f} s; request p50 "
          f"{d['request_p50_ms']:.1f} ms p99 {d['request_p99_ms']:.1f} ms; device p50 {d['device_p50_ms']:.1f} ms "
          f"p99 {d['device_p99_ms']:.1f} ms; {d['wire_bytes']} B on the wire; server CPU "
          f"{r[f'load_{t}']['cpu_s']} s; peak RSS {r[f'load_{t}']['peak_rss_mib']} MiB")
print()
if "slow_static" in r:
    print("3. First full sync of the national content, 1.6 Mbit/s, 300 ms RTT (shaping proxy on loopback), real CLI")
    for t in ("static", "live"):
        d = json.loads(r[f"slow_{t}"]["json"])
        outs = ",".join(c["collection"] + ":" + c["outcome"] for c in d["collections"])
        print(f"   {t:<7} {r[f'slow_{t}']['seconds']} s, {d['wire_bytes']} B on the wire, {d['requests']} requests ({outs})")
else:
    print("3. Slow link: skipped (no network namespace)")
print()
cold = [json.loads(l) for l in open(cold_file)]
med = lambda k: statistics.median(c[k] for c in cold)
print(f"4. Cold start of the staff app, national register + 50 guides synced (median of {len(cold)} processes)")
print(f"   open the store {med('open_ms'):.2f} ms; + the app's content {med('content_ms'):.2f}; + home screen "
      f"(saved own area {cold[0]['area']!r}) {med('home_ms'):.2f}; + a guide's first step {med('first_step_ms'):.2f}; "
      f"+ the contacts screen = {med('cold_start_ms'):.2f} ms ({cold[0]['contacts']} numbers)")
print(f"   reading the same {cold[0]['store_bytes']} store bytes from disk: {med('read_store_ms'):.2f} ms "
      f"(ratio {med('cold_start_ms') / med('read_store_ms'):.1f}x)")
print(f"   on-CPU time of the cold start (all threads, median): {med('cold_start_cpu_ms'):.2f} ms; waiting for a CPU: {med('cold_start_wait_ms'):.2f} ms")
print(f"   each run (ms, cold start / read): " + ", ".join(f"{c['cold_start_ms']:.1f}/{c['read_store_ms']:.1f}" for c in cold)
      + " (the first after the sync replays sled's log)")
print()
first = r["device"]["size_after_sync"].split()
sizes = [l.split() for l in open(sizes_file)]
print(f"5. Device folder (bytes: whole folder / store): after the first sync {first[0]} / {first[1]}")
for n, folder, store, exp, expdir in sizes:
    if int(n) in (1, 10, 25, 50, 75, 100) or n == sizes[-1][0]:
        print(f"   after {n:>3} publishes: {folder} / {store}   (static export served: {exp} B, export folder with kept exports: {expdir} B)")
EOF
