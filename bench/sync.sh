#!/usr/bin/env bash
# Sync benchmark (NOT part of CI): throughput of the sync endpoint against nginx serving the
# same bytes as a static file, measured in one run on loopback, and bytes on the wire for a
# full sync, a one-guide delta and an unchanged sync, measured with the real `veiviser` CLI.
#
#   bash bench/sync.sh            # release build, ~3-4 minutes on 2 cores
#
# Knobs (environment): BENCH_DURATION (wrk seconds per run, default 10), BENCH_CONNECTIONS
# (default 32), BENCH_THREADS (wrk threads, default 2), BENCH_COLLECTION (default guides).
#
# Targets (issue 4): sync endpoint >= 0.9x nginx requests/s (full snapshot and 304);
# a one-guide delta <= 1.2x that guide's compressed size; unchanged sync = 304 with no body.
#
# Needs Debian's wrk and nginx (installed with apt-get when missing), curl, zstd, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"

DURATION="${BENCH_DURATION:-10}"
CONNS="${BENCH_CONNECTIONS:-32}"
THREADS="${BENCH_THREADS:-2}"
COLLECTION="${BENCH_COLLECTION:-guides}"
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
  $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null 2>&1 \
    || { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null; }
fi
for t in wrk nginx curl zstd python3 cargo; do
  command -v "$t" >/dev/null || { log "missing $t"; exit 1; }
done

log "building release binaries"
cargo build --release --quiet -p veiviser-server -p veiviser
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}/release"
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

# start_server NAME ARGS... : starts veiviser-server serve, sets $URL
start_server() {
  local name="$1"; shift
  "$SERVER_BIN" serve --listen 127.0.0.1:0 --rescan-secs 1 "$@" \
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

status_and_size() { # URL [HEADER...] -> "CODE BYTES" (raw bytes on the wire, not decoded)
  local url="$1"; shift
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  curl -s -o /dev/null -w '%{http_code} %{size_download}\n' "${args[@]}" "$url"
}

ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.2f}')" "$1" "$2"; }

# --- 1. throughput: sync endpoint vs nginx, same bytes ------------------------------------
log "starting the demo server"
start_server demo --demo --data "$WORK/demo-data"
SYNC_URL="$URL/v1/collections/$COLLECTION/changeset"

WWW="$WORK/www"
mkdir -p "$WWW/zstd" "$WORK/nginx"
curl -s -o "$WWW/full.json" "$SYNC_URL"
curl -s -H 'Accept-Encoding: zstd' -o "$WWW/zstd/full.json" "$SYNC_URL"
ETAG="$(curl -s -D - -o /dev/null "$SYNC_URL" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')"
chmod -R a+rX "$WWW"

cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes $(nproc);
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { application/json json; }
  default_type application/json;
  client_body_temp_path $WORK/nginx/tmp;
  proxy_temp_path $WORK/nginx/tmp;
  fastcgi_temp_path $WORK/nginx/tmp;
  uwsgi_temp_path $WORK/nginx/tmp;
  scgi_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:0;
    root $WWW;
    location /zstd/ { add_header Content-Encoding zstd; }
  }
}
EOF
# nginx cannot listen on port 0: pick a free port with python.
NGINX_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
sed -i "s/listen 127.0.0.1:0;/listen 127.0.0.1:$NGINX_PORT;/" "$WORK/nginx/nginx.conf"
mkdir -p "$WORK/nginx/tmp"
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon on;' 2>"$WORK/nginx/start.err" \
  || { cat "$WORK/nginx/start.err" >&2; exit 1; }
NGINX="http://127.0.0.1:$NGINX_PORT"
sleep 0.3
NGINX_ETAG="$(curl -s -D - -o /dev/null "$NGINX/full.json" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')"

# Same bytes check.
cmp -s <(curl -s "$SYNC_URL") <(curl -s "$NGINX/full.json") || { log "identity bodies differ"; exit 1; }
cmp -s <(curl -s -H 'Accept-Encoding: zstd' "$SYNC_URL") <(curl -s "$NGINX/zstd/full.json") \
  || { log "zstd bodies differ"; exit 1; }

log "wrk: ${DURATION}s per run, $CONNS connections, $THREADS threads ($COLLECTION full snapshot: $(stat -c %s "$WWW/full.json") bytes identity, $(stat -c %s "$WWW/zstd/full.json") bytes zstd)"
S_FULL=$(rps "$SYNC_URL");                                   N_FULL=$(rps "$NGINX/full.json")
S_ZSTD=$(rps "$SYNC_URL" "Accept-Encoding: zstd");           N_ZSTD=$(rps "$NGINX/zstd/full.json")
S_304=$(rps "$SYNC_URL" "If-None-Match: $ETAG");             N_304=$(rps "$NGINX/full.json" "If-None-Match: $NGINX_ETAG")
S_POLL=$(rps "$URL/v1/latest");                              S_POLL304=$(rps "$URL/v1/latest" "If-None-Match: $(curl -s -D - -o /dev/null "$URL/v1/latest" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')")

# --- 2. bytes on the wire, measured by the real client -----------------------------------
log "bytes on the wire: a server signing with its own key (so the CLI's bundled demo snapshot is not trusted and the first sync is a full one)"
"$SERVER_BIN" keygen --out "$WORK/key.toml" --prefix bench >"$WORK/keygen.out"
grep '^trusted-keys line: ' "$WORK/keygen.out" | sed 's/^trusted-keys line: //' >"$WORK/trusted.toml"
"$SERVER_BIN" import --key "$WORK/key.toml" --data "$WORK/key-data" --actor bench \
  server/content/guides server/content/directory >/dev/null
start_server keyed --key "$WORK/key.toml" --data "$WORK/key-data"
KEYED="$URL"
CLIENT="$WORK/client"
json_field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {'d': d}))" "$@"; }

"$CLI_BIN" sync --server "$KEYED" --data "$CLIENT" --trusted-keys "$WORK/trusted.toml" --json >"$WORK/full.json" 2>"$WORK/full.err"
FULL_BYTES=$(json_field "$WORK/full.json" "d['wire_bytes']")
FULL_OUTCOMES=$(json_field "$WORK/full.json" "','.join(c['collection']+':'+c['outcome'] for c in d['collections'])")
FULL_IDENTITY=$(curl -s "$KEYED/v1/latest" | wc -c)
for c in guides directory places; do
  FULL_IDENTITY=$(( FULL_IDENTITY + $(curl -s "$KEYED/v1/collections/$c/changeset" | wc -c) ))
done

# One edited guide.
mkdir -p "$WORK/edit"
sed -e 's/^revision = 1/revision = 2/' \
    -e 's/^nb = "Fra bekymring til handling"/nb = "Fra bekymring til handling (revisjon 2)"/' \
    "server/content/guides/$GUIDE_ID.toml" >"$WORK/edit/$GUIDE_ID.toml"
BEFORE=$(curl -s "$KEYED/v1/latest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sequence"])')
"$SERVER_BIN" import --key "$WORK/key.toml" --data "$WORK/key-data" --actor bench "$WORK/edit/$GUIDE_ID.toml" >/dev/null
for _ in $(seq 1 100); do
  NOW=$(curl -s "$KEYED/v1/latest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["sequence"])')
  [ "$NOW" -gt "$BEFORE" ] && break
  sleep 0.1
done
"$CLI_BIN" sync --server "$KEYED" --data "$CLIENT" --trusted-keys "$WORK/trusted.toml" --json >"$WORK/delta.json" 2>"$WORK/delta.err"
DELTA_TOTAL=$(json_field "$WORK/delta.json" "d['wire_bytes']")
DELTA_GUIDES=$(json_field "$WORK/delta.json" "[c for c in d['collections'] if c['collection']=='guides'][0]['wire_bytes']")
DELTA_OUTCOME=$(json_field "$WORK/delta.json" "[c for c in d['collections'] if c['collection']=='guides'][0]['outcome']")
DELTA_CHANGED=$(json_field "$WORK/delta.json" "[c for c in d['collections'] if c['collection']=='guides'][0]['records_changed']")
# The guide itself (its wire JSON, exactly as in the collection), compressed on its own.
curl -s "$KEYED/v1/collections/guides/changeset" \
  | python3 -c "import json,sys; d=json.load(sys.stdin); r=[r for r in d['records'] if r['id']=='$GUIDE_ID'][0]; sys.stdout.write(json.dumps(r['data'], ensure_ascii=False, separators=(',',':')))" \
  >"$WORK/guide.json"
GUIDE_RAW=$(stat -c %s "$WORK/guide.json")
GUIDE_ZSTD19=$(zstd -19 -q -c "$WORK/guide.json" | wc -c)
GUIDE_ZSTD3=$(zstd -3 -q -c "$WORK/guide.json" | wc -c)
GUIDE_GZIP9=$(gzip -9 -c "$WORK/guide.json" | wc -c)
DELTA_SINCE=$(json_field "$WORK/delta.json" "[c for c in d['collections'] if c['collection']=='guides'][0]['sequence_before']")
read -r DELTA_GZ_CODE DELTA_GZIP < <(status_and_size "$KEYED/v1/collections/guides/changeset?since=$DELTA_SINCE" "Accept-Encoding: gzip")

"$CLI_BIN" sync --server "$KEYED" --data "$CLIENT" --trusted-keys "$WORK/trusted.toml" --json >"$WORK/same.json" 2>"$WORK/same.err"
SAME_BYTES=$(json_field "$WORK/same.json" "d['wire_bytes']")
SAME_304=$(json_field "$WORK/same.json" "d['poll_not_modified']")
SAME_REQS=$(json_field "$WORK/same.json" "d['requests']")
LATEST_ETAG="$(curl -s -D - -o /dev/null "$KEYED/v1/latest" | awk -F': ' 'tolower($1)=="etag" {print $2}' | tr -d '\r')"
read -r SAME_CODE SAME_CURL_BYTES < <(status_and_size "$KEYED/v1/latest" "If-None-Match: $LATEST_ETAG" "Accept-Encoding: zstd, gzip")

# --- report ------------------------------------------------------------------------------
cat <<EOF

== Sync benchmark ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, loopback, release build)
   wrk -t$THREADS -c$CONNS -d${DURATION}s; collection: $COLLECTION

Throughput (requests/s)                 veiviser-server      nginx   ratio (target >= 0.90)
  full snapshot, identity           $(printf '%15.0f %10.0f' "$S_FULL" "$N_FULL")   $(ratio "$S_FULL" "$N_FULL")
  full snapshot, zstd               $(printf '%15.0f %10.0f' "$S_ZSTD" "$N_ZSTD")   $(ratio "$S_ZSTD" "$N_ZSTD")
  unchanged (If-None-Match -> 304)  $(printf '%15.0f %10.0f' "$S_304" "$N_304")   $(ratio "$S_304" "$N_304")
  poll /v1/latest (200 / 304)       $(printf '%15.0f %10.0f' "$S_POLL" "$S_POLL304")   (no nginx reference)

Bytes on the wire (body bytes as received by the veiviser CLI; it asks for zstd, gzip)
  full sync (poll + 3 full snapshots)        $FULL_BYTES bytes   ($FULL_IDENTITY uncompressed; $FULL_OUTCOMES)
  one-guide delta, whole sync                $DELTA_TOTAL bytes   (guides: $DELTA_OUTCOME, $DELTA_CHANGED record changed)
    of which the guides changeset            $DELTA_GUIDES bytes (zstd)   $DELTA_GZIP bytes if gzip (HTTP $DELTA_GZ_CODE)
    that guide alone, compressed             zstd -19: $GUIDE_ZSTD19   zstd -3: $GUIDE_ZSTD3   gzip -9: $GUIDE_GZIP9   (raw $GUIDE_RAW)
    delta / guide (target <= 1.20)           zstd: $(ratio "$DELTA_GUIDES" "$GUIDE_ZSTD19") (vs -19), $(ratio "$DELTA_GUIDES" "$GUIDE_ZSTD3") (vs -3);  gzip: $(ratio "$DELTA_GZIP" "$GUIDE_GZIP9")
  unchanged sync                             $SAME_BYTES bytes in $SAME_REQS request (poll answered 304: $SAME_304; curl: HTTP $SAME_CODE, $SAME_CURL_BYTES body bytes)
EOF
