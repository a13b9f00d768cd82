#!/usr/bin/env bash
# Sync benchmark (NOT part of CI), one run for two content sets:
#
#   demo  the demo content from server/content/ (the `guides` snapshot is measured);
#   full  the demo content plus the FULL national postcode register and every bydel pair file
#         from the reference data (the `places` snapshot, the size of the real thing).
#
# For each set, on loopback with Debian's wrk:
#   - throughput of the sync endpoint against nginx serving the same bytes as static files:
#     full snapshot uncompressed, gzip and zstd, and unchanged (If-None-Match -> 304); server and
#     nginx alternate BENCH_ROUNDS times per case and the medians are compared, so load from
#     other processes hits both sides alike; plus the /v1/latest poll (no nginx reference);
#   - bytes on the wire for a full sync, a one-guide delta and an unchanged sync, measured with
#     the real `veiviser` CLI (it asks for zstd, gzip) and with curl per encoding.
#
#   bash bench/sync.sh                                       # release build, ~10 minutes on 2 cores
#   BENCH_DURATION=2 BENCH_ROUNDS=1 bash bench/sync.sh       # a quick look
#
# Knobs (environment): BENCH_DURATION (wrk seconds per run, default 10), BENCH_CONNECTIONS
# (default 64), BENCH_THREADS (wrk threads, default 2), BENCH_ROUNDS (default 3), BENCH_SETS
# (default "demo full"), BENCH_PROFILE (cargo profile of the binaries, default release; `dev`
# only checks that the script works), VEIVISER_REFERENCE_DIR (default ../shared/reference, needed
# for the `full` set).
#
# Targets (issue 4): sync endpoint >= 0.9x nginx requests/s (full snapshot and 304);
# a one-guide delta <= 1.2x that guide's compressed size; unchanged sync = 304 with no body.
#
# Needs Debian's wrk and nginx (installed with apt-get when missing), curl, zstd, gzip, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DURATION="${BENCH_DURATION:-10}"
CONNS="${BENCH_CONNECTIONS:-64}"
THREADS="${BENCH_THREADS:-2}"
ROUNDS="${BENCH_ROUNDS:-3}"
SETS="${BENCH_SETS:-demo full}"
PROFILE="${BENCH_PROFILE:-release}"
REF="${VEIVISER_REFERENCE_DIR:-$ROOT/../shared/reference}"
GUIDE_ID="fra-bekymring-til-handling"

log() { echo "bench: $*" >&2; }

# --- tools -------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v nginx >/dev/null 2>&1 || need_apt+=(nginx-light)
command -v zstd >/dev/null 2>&1 || need_apt+=(zstd)
if [ "${#need_apt[@]}" -gt 0 ]; then
  log "installing ${need_apt[*]} with apt-get"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
for t in wrk nginx curl zstd gzip python3 cargo; do
  command -v "$t" >/dev/null || { log "missing $t"; exit 1; }
done
case " $SETS " in
  *" full "*)
    [ -f "$REF/postnummer/postal_codes.tab" ] && [ -d "$REF/bydel-postnummer" ] \
      || { log "reference data not found in $REF (set VEIVISER_REFERENCE_DIR, or BENCH_SETS=demo)"; exit 1; } ;;
esac

log "building the binaries ($PROFILE)"
cargo build --profile "$PROFILE" --quiet -p veiviser-server -p veiviser
PROFILE_DIR="$PROFILE"; [ "$PROFILE" = dev ] && PROFILE_DIR=debug
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/$PROFILE_DIR"
SERVER_BIN="$TARGET/veiviser-server"
CLI_BIN="$TARGET/veiviser"

WORK="$(mktemp -d /tmp/veiviser-bench.XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/nginx/nginx.pid" ]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

RESULTS="$WORK/results"   # lines: SET KEY VALUE
: >"$RESULTS"
put() { echo "$1 $2 $3" >>"$RESULTS"; }

# start_server NAME ARGS... : starts veiviser-server serve, sets $URL
start_server() {
  local name="$1"; shift
  "$SERVER_BIN" serve --listen 127.0.0.1:0 --rescan-secs 1 --max-in-flight 100000 "$@" \
    >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=("$!")
  for _ in $(seq 1 100); do
    if [ -s "$WORK/$name.out" ]; then break; fi
    sleep 0.1
  done
  URL="$(head -1 "$WORK/$name.out" | sed 's/^listening on //')"
  [ -n "$URL" ] || { log "server $name did not start:"; cat "$WORK/$name.err" >&2; exit 1; }
}

rps() { # rps URL [HEADER]
  local out
  if [ $# -ge 2 ]; then
    out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" -H "$2" "$1")"
  else
    out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" "$1")"
  fi
  if echo "$out" | grep -q "Non-2xx or 3xx responses"; then
    log "wrk saw error responses for $1:"; echo "$out" >&2; exit 1
  fi
  echo "$out" | awk '/^Requests\/sec:/ {print $2}'
}

etag() { curl -s -D - -o /dev/null "$@" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r'; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
wire() { curl -s -o /dev/null -w '%{size_download}' "$@"; }  # raw body bytes, not decoded
json_field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$@"; }
seq_of() { curl -sf "$1/v1/latest" | python3 -c "import json,sys; print(json.load(sys.stdin)['collections']['$2']['sequence'])"; }

# --- content: one signing key, one data folder and server per set ------------------------
"$SERVER_BIN" keygen --out "$WORK/key.toml" --prefix bench >"$WORK/keygen.out"
grep '^trusted-keys line: ' "$WORK/keygen.out" | sed 's/^trusted-keys line: //' >"$WORK/trusted.toml"
# A key of its own, so the CLI's bundled demo snapshot is not trusted and the first sync is a
# full one.

declare -A SERVER COLLECTION
for set in $SETS; do
  data="$WORK/$set-data"
  log "publishing the $set content"
  "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench \
    server/content/guides server/content/directory >/dev/null
  case "$set" in
    demo) COLLECTION[$set]=guides ;;
    full)
      "$SERVER_BIN" import --key "$WORK/key.toml" --data "$data" --actor bench \
        "$REF/postnummer/postal_codes.tab" "$REF/bydel-postnummer" >/dev/null
      COLLECTION[$set]=places ;;
    *) log "unknown set $set (BENCH_SETS: demo, full)"; exit 1 ;;
  esac
  start_server "$set" --key "$WORK/key.toml" --data "$data"
  SERVER[$set]="$URL"
done

# --- nginx: the same bytes as static files -------------------------------------------------
# /SET/full.json (uncompressed; gzip_static serves full.json.gz) and /zstd/SET/full.json
# (precompressed; Debian's nginx has no zstd module, so the header is added by hand).
WWW="$WORK/www"
mkdir -p "$WORK/nginx/tmp"
for set in $SETS; do
  url="${SERVER[$set]}/v1/collections/${COLLECTION[$set]}/changeset"
  mkdir -p "$WWW/$set" "$WWW/zstd/$set"
  curl -sf -o "$WWW/$set/full.json" "$url"
  curl -sf -H 'Accept-Encoding: gzip' -o "$WWW/$set/full.json.gz" "$url"
  curl -sf -H 'Accept-Encoding: zstd' -o "$WWW/zstd/$set/full.json" "$url"
done
chmod -R a+rX "$WWW"
# nginx cannot listen on port 0: pick a free port with python.
NGINX_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
USER_LINE=""; [ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx/nginx.conf" <<EOF
$USER_LINE
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/json json; }
  default_type application/json;
  gzip_static on;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WWW;
    location /zstd/ { add_header Content-Encoding zstd; }
  }
}
EOF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon on;' 2>"$WORK/nginx/start.err" \
  || { cat "$WORK/nginx/start.err" >&2; exit 1; }
NGINX="http://127.0.0.1:$NGINX_PORT"
for _ in $(seq 1 50); do curl -sf -o /dev/null "$NGINX/$set/full.json" && break; sleep 0.1; done

# --- 1. throughput -------------------------------------------------------------------------
: >"$WORK/rps"   # lines: SET CASE SERVER_RPS NGINX_RPS
for set in $SETS; do
  url="${SERVER[$set]}/v1/collections/${COLLECTION[$set]}/changeset"
  static="$NGINX/$set/full.json"
  zstatic="$NGINX/zstd/$set/full.json"
  # Same bytes, every encoding.
  cmp -s <(curl -s "$url") <(curl -s "$static") || { log "$set: uncompressed bodies differ"; exit 1; }
  cmp -s <(curl -s -H 'Accept-Encoding: gzip' "$url") <(curl -s -H 'Accept-Encoding: gzip' "$static") \
    || { log "$set: gzip bodies differ"; exit 1; }
  cmp -s <(curl -s -H 'Accept-Encoding: zstd' "$url") <(curl -s "$zstatic") \
    || { log "$set: zstd bodies differ"; exit 1; }
  s_etag="$(etag "$url")"; n_etag="$(etag "$static")"
  [ "$(status_of -H "If-None-Match: $s_etag" "$url")" = 304 ] || { log "$set: server gives no 304"; exit 1; }
  [ "$(status_of -H "If-None-Match: $n_etag" "$static")" = 304 ] || { log "$set: nginx gives no 304"; exit 1; }
  put "$set" collection "${COLLECTION[$set]}"
  put "$set" snapshot_identity "$(stat -c %s "$WWW/$set/full.json")"
  put "$set" snapshot_gzip "$(stat -c %s "$WWW/$set/full.json.gz")"
  put "$set" snapshot_zstd "$(stat -c %s "$WWW/zstd/$set/full.json")"

  for round in $(seq 1 "$ROUNDS"); do
    log "$set: throughput round $round/$ROUNDS (${DURATION}s per run, $CONNS connections, $THREADS threads)"
    echo "$set identity $(rps "$url") $(rps "$static")" >>"$WORK/rps"
    echo "$set gzip $(rps "$url" 'Accept-Encoding: gzip') $(rps "$static" 'Accept-Encoding: gzip')" >>"$WORK/rps"
    echo "$set zstd $(rps "$url" 'Accept-Encoding: zstd') $(rps "$zstatic" 'Accept-Encoding: zstd')" >>"$WORK/rps"
    echo "$set 304 $(rps "$url" "If-None-Match: $s_etag") $(rps "$static" "If-None-Match: $n_etag")" >>"$WORK/rps"
  done
  latest="${SERVER[$set]}/v1/latest"
  put "$set" poll_200 "$(rps "$latest")"
  put "$set" poll_304 "$(rps "$latest" "If-None-Match: $(etag "$latest")")"
done

# --- 2. bytes on the wire ------------------------------------------------------------------
for set in $SETS; do
  log "$set: bytes on the wire"
  url="${SERVER[$set]}"
  client="$WORK/$set-client"
  cli_sync() { "$CLI_BIN" sync --server "$url" --data "$client" --trusted-keys "$WORK/trusted.toml" --json >"$WORK/$set-$1.json" 2>"$WORK/$set-$1.err"; }

  cli_sync full
  put "$set" cli_full_bytes "$(json_field "$WORK/$set-full.json" "d['wire_bytes']")"
  put "$set" cli_full_outcomes "$(json_field "$WORK/$set-full.json" "','.join(c['collection']+':'+c['outcome'] for c in d['collections'])")"
  poll=$(curl -s "$url/v1/latest" | wc -c)
  id=0; gz=0; zs=0
  for c in guides directory places; do
    id=$((id + $(wire "$url/v1/collections/$c/changeset")))
    gz=$((gz + $(wire -H 'Accept-Encoding: gzip' "$url/v1/collections/$c/changeset")))
    zs=$((zs + $(wire -H 'Accept-Encoding: zstd' "$url/v1/collections/$c/changeset")))
  done
  put "$set" full_poll "$poll"; put "$set" full_identity "$id"; put "$set" full_gzip "$gz"; put "$set" full_zstd "$zs"

  # One edited guide: the demo guide with a changed title and a raised revision.
  before=$(seq_of "$url" guides)
  mkdir -p "$WORK/$set-edit"
  python3 - "server/content/guides/$GUIDE_ID.toml" "$WORK/$set-edit/$GUIDE_ID.toml" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
rev = int(re.search(r"^revision = (\d+)$", src, re.M).group(1))
src = re.sub(r"^revision = \d+$", f"revision = {rev + 1}", src, count=1, flags=re.M)
src = src.replace('nb = "Fra bekymring til handling"', 'nb = "Fra bekymring til handling (endret)"', 1)
open(sys.argv[2], "w", encoding="utf-8").write(src)
EOF
  "$SERVER_BIN" import --key "$WORK/key.toml" --data "$WORK/$set-data" --actor bench "$WORK/$set-edit/$GUIDE_ID.toml" >/dev/null
  for _ in $(seq 1 100); do
    now=$(seq_of "$url" guides)
    [ "$now" != "$before" ] && break; sleep 0.1
  done
  cli_sync delta
  d="$WORK/$set-delta.json"
  g="[c for c in d['collections'] if c['collection']=='guides'][0]"
  put "$set" delta_total "$(json_field "$d" "d['wire_bytes']")"
  put "$set" delta_guides "$(json_field "$d" "$g['wire_bytes']")"
  put "$set" delta_outcome "$(json_field "$d" "$g['outcome']")"
  put "$set" delta_changed "$(json_field "$d" "$g['records_changed']")"
  since=$(json_field "$d" "$g['sequence_before']")
  delta_url="$url/v1/collections/guides/changeset?since=$since"
  put "$set" delta_gzip "$(wire -H 'Accept-Encoding: gzip' "$delta_url")"
  put "$set" delta_gzip_code "$(status_of -H 'Accept-Encoding: gzip' "$delta_url")"
  put "$set" delta_zstd "$(wire -H 'Accept-Encoding: zstd' "$delta_url")"
  # The guide itself (its wire JSON, exactly as in the changeset), compressed on its own.
  curl -sf "$delta_url" | python3 -c '
import json, sys
cs = json.load(sys.stdin)
assert not cs["full"] and len(cs["records"]) == 1, "expected a one-guide delta"
sys.stdout.write(json.dumps(cs["records"][0]["data"], ensure_ascii=False, separators=(",", ":")))' \
    >"$WORK/$set-guide.json"
  put "$set" guide_raw "$(stat -c %s "$WORK/$set-guide.json")"
  put "$set" guide_zstd19 "$(zstd -19 -q -c "$WORK/$set-guide.json" | wc -c)"
  put "$set" guide_zstd3 "$(zstd -3 -q -c "$WORK/$set-guide.json" | wc -c)"
  put "$set" guide_gzip9 "$(gzip -9 -c "$WORK/$set-guide.json" | wc -c)"
  put "$set" guide_gzip6 "$(gzip -6 -c "$WORK/$set-guide.json" | wc -c)"

  cli_sync same
  put "$set" same_bytes "$(json_field "$WORK/$set-same.json" "d['wire_bytes']")"
  put "$set" same_requests "$(json_field "$WORK/$set-same.json" "d['requests']")"
  put "$set" same_poll_304 "$(json_field "$WORK/$set-same.json" "d['poll_not_modified']")"
  read -r code body < <(curl -s -o /dev/null -w '%{http_code} %{size_download}\n' \
    -H "If-None-Match: $(etag "$url/v1/latest")" -H 'Accept-Encoding: zstd, gzip' "$url/v1/latest")
  put "$set" same_poll_code "$code"; put "$set" same_poll_body "$body"
  now=$(seq_of "$url" guides)
  read -r code body head < <(curl -s -o /dev/null -w '%{http_code} %{size_download} %{size_header}\n' \
    -H "If-None-Match: $(etag "$delta_url")" -H 'Accept-Encoding: zstd' "$url/v1/collections/guides/changeset?since=$now")
  put "$set" same_changeset_code "$code"; put "$set" same_changeset_body "$body"; put "$set" same_changeset_head "$head"
done

# --- report ----------------------------------------------------------------------------------
python3 - "$WORK/rps" "$RESULTS" "$SETS" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" "$PROFILE" \
  "wrk -t$THREADS -c$CONNS -d${DURATION}s" "$ROUNDS" <<'EOF'
import statistics, sys
rps_file, results_file, sets, when, cores, profile, wrk, rounds = sys.argv[1:]
runs = {}
for line in open(rps_file):
    s, case, a, b = line.split()
    runs.setdefault((s, case), []).append((float(a), float(b)))
r = {}
for line in open(results_file):
    s, key, value = line.rstrip("\n").split(" ", 2)
    r.setdefault(s, {})[key] = value
def n(s, k): return float(r[s][k])
def ratio(a, b): return f"{a / b:.2f}" if b else "-"

print()
print(f"== Sync benchmark ({when}, {cores} cores, loopback, {profile} build)")
print(f"   {wrk}; median of {rounds} alternating runs per case")
print()
print(f"{'Throughput (requests/s)':<46}{'veiviser-server':>16}{'nginx':>11}   ratio (target >= 0.90)")
labels = {"identity": "full snapshot, uncompressed", "gzip": "full snapshot, gzip",
          "zstd": "full snapshot, zstd", "304": "unchanged (If-None-Match -> 304)"}
for s in sets.split():
    c = r[s]
    print(f"  {s}: {c['collection']} snapshot, {c['snapshot_identity']} B uncompressed, "
          f"{c['snapshot_gzip']} B gzip, {c['snapshot_zstd']} B zstd")
    for case, label in labels.items():
        a = statistics.median(x for x, _ in runs[(s, case)])
        b = statistics.median(y for _, y in runs[(s, case)])
        print(f"    {label:<42}{a:>16.0f}{b:>11.0f}   {ratio(a, b)}")
    print(f"    {'poll /v1/latest (200 / 304)':<42}{n(s, 'poll_200'):>16.0f}{n(s, 'poll_304'):>11.0f}   (no nginx reference)")
print()
for s in sets.split():
    c = r[s]
    print(f"Bytes on the wire, {s} content (body bytes; the veiviser CLI asks for zstd, gzip)")
    print(f"  full sync by the CLI (poll + 3 full snapshots)  {c['cli_full_bytes']} B   "
          f"({int(c['full_poll']) + int(c['full_identity'])} uncompressed; {c['cli_full_outcomes']})")
    print(f"  full sync, 3 collections (curl)               {c['full_identity']} B uncompressed, "
          f"{c['full_gzip']} B gzip, {c['full_zstd']} B zstd")
    print(f"  one-guide delta, whole sync by the CLI        {c['delta_total']} B   "
          f"(guides: {c['delta_outcome']}, {c['delta_changed']} record changed)")
    print(f"    of which the guides changeset               {c['delta_guides']} B (zstd)   "
          f"{c['delta_gzip']} B if gzip (HTTP {c['delta_gzip_code']}), {c['delta_zstd']} B zstd (curl)")
    print(f"    that guide alone, compressed                zstd -19: {c['guide_zstd19']}   zstd -3: {c['guide_zstd3']}   "
          f"gzip -9: {c['guide_gzip9']}   gzip -6: {c['guide_gzip6']}   (raw {c['guide_raw']})")
    print(f"    delta / guide (target <= 1.20)              zstd: {ratio(n(s, 'delta_guides'), n(s, 'guide_zstd19'))} (vs -19), "
          f"{ratio(n(s, 'delta_guides'), n(s, 'guide_zstd3'))} (vs -3);  gzip: {ratio(n(s, 'delta_gzip'), n(s, 'guide_gzip9'))} (vs -9), "
          f"{ratio(n(s, 'delta_gzip'), n(s, 'guide_gzip6'))} (vs -6)")
    print(f"  unchanged sync by the CLI                     {c['same_bytes']} B in {c['same_requests']} request "
          f"(poll answered 304: {c['same_poll_304']})")
    print(f"    curl: /v1/latest HTTP {c['same_poll_code']}, {c['same_poll_body']} B body; guides changeset "
          f"HTTP {c['same_changeset_code']}, {c['same_changeset_body']} B body, {c['same_changeset_head']} B headers")
    print()
EOF
