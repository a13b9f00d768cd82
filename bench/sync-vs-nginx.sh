#!/usr/bin/env bash
# Sync endpoint throughput against nginx serving the same bytes as a static file, measured in
# one run on loopback with Debian's wrk, plus bytes on the wire for a full sync, a one-guide
# delta and an unchanged sync. Not part of .ci/run.
#
#   apt-get install wrk nginx-light     # Debian packages (nginx or nginx-light)
#   bash bench/sync-vs-nginx.sh         # DURATION=10s CONNECTIONS=64 THREADS=2 ROUNDS=3
#
# Content: the demo content from server/content/, plus the full postcode register and bydel
# pairs from the reference data (VEIVISER_REFERENCE, default ../shared/reference), so the
# `places` snapshot has the size of the real thing. Targets (issue 4): server ≥ 0.9× nginx;
# a one-guide delta ≤ 1.2× that guide's compressed size; unchanged = 304 with no body.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REF=${VEIVISER_REFERENCE:-$ROOT/../shared/reference}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}

for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install wrk nginx-light curl)" >&2; exit 1; }
done
[ -f "$REF/postnummer/postal_codes.tab" ] || { echo "reference data not found in $REF (set VEIVISER_REFERENCE)" >&2; exit 1; }
[ -d "$REF/bydel-postnummer" ] || { echo "bydel pairs not found in $REF/bydel-postnummer" >&2; exit 1; }

echo "== building veiviser-server (release)"
cargo build --quiet --release -p veiviser-server
BIN=$ROOT/target/release/veiviser-server

WORK=$(mktemp -d)
SERVER_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "== publishing the demo content and the full register"
"$BIN" keygen --out "$WORK/key.toml" >/dev/null
DATA=$WORK/data
"$BIN" import server/content/guides server/content/directory --data "$DATA" --key "$WORK/key.toml" --actor bench >/dev/null
"$BIN" import "$REF/postnummer/postal_codes.tab" "$REF/bydel-postnummer" --data "$DATA" --key "$WORK/key.toml" --actor bench >/dev/null

"$BIN" serve --data "$DATA" --key "$WORK/key.toml" --listen 127.0.0.1:0 --max-in-flight 100000 >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/^listening on //p' "$WORK/server.out" | head -1)
[ -n "$URL" ] || { cat "$WORK/server.err" >&2; exit 1; }

# The same bytes as static files for nginx (identity and gzip_static).
mkdir -p "$WORK/www"
curl -sf "$URL/v1/collections/places/changeset" -o "$WORK/www/places.json"
curl -sf -H 'Accept-Encoding: gzip' "$URL/v1/collections/places/changeset" -o "$WORK/www/places.json.gz"
NGINX_PORT=$(free_port)
USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx.conf" <<EOF
$USER_LINE
worker_processes 2;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  types { application/json json; }
  gzip_static on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
  }
}
EOF
mkdir -p "$WORK/nginx-tmp"
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
STATIC=http://127.0.0.1:$NGINX_PORT/places.json
for _ in $(seq 1 50); do curl -sf -o /dev/null "$STATIC" && break; sleep 0.1; done
cmp -s <(curl -sf "$STATIC") "$WORK/www/places.json" || { echo "nginx does not serve the snapshot" >&2; exit 1; }

etag() { curl -sfI "$@" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p'; }
SERVER_ETAG=$(etag "$URL/v1/collections/places/changeset")
NGINX_ETAG=$(etag "$STATIC")

rps() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'; }
status_of() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

echo "== throughput: $THREADS threads, $CONNECTIONS connections, $DURATION each (snapshot $(stat -c %s "$WORK/www/places.json") bytes)"
[ "$(status_of -H "If-None-Match: $SERVER_ETAG" "$URL/v1/collections/places/changeset")" = 304 ] || { echo "server gives no 304" >&2; exit 1; }
[ "$(status_of -H "If-None-Match: $NGINX_ETAG" "$STATIC")" = 304 ] || { echo "nginx gives no 304" >&2; exit 1; }
# Alternate server and nginx, ROUNDS times per case, and compare medians: load from other
# processes then hits both sides alike.
ROUNDS=${ROUNDS:-3}
: >"$WORK/rps"
for round in $(seq 1 "$ROUNDS"); do
  echo "   round $round/$ROUNDS"
  echo "full_identity $(rps "$URL/v1/collections/places/changeset") $(rps "$STATIC")" >>"$WORK/rps"
  echo "full_gzip $(rps -H 'Accept-Encoding: gzip' "$URL/v1/collections/places/changeset") $(rps -H 'Accept-Encoding: gzip' "$STATIC")" >>"$WORK/rps"
  echo "unchanged_304 $(rps -H "If-None-Match: $SERVER_ETAG" "$URL/v1/collections/places/changeset") $(rps -H "If-None-Match: $NGINX_ETAG" "$STATIC")" >>"$WORK/rps"
done

echo "== bytes on the wire"
wire() { curl -s -o /dev/null -w '%{size_download}' "$@"; }
FULL_ID=0; FULL_GZ=0; FULL_ZSTD=0
for c in guides directory places; do
  FULL_ID=$((FULL_ID + $(wire "$URL/v1/collections/$c/changeset")))
  FULL_GZ=$((FULL_GZ + $(wire -H 'Accept-Encoding: gzip' "$URL/v1/collections/$c/changeset")))
  FULL_ZSTD=$((FULL_ZSTD + $(wire -H 'Accept-Encoding: zstd' "$URL/v1/collections/$c/changeset")))
done
# One edited guide: the demo guide with a changed title and a raised revision.
GUIDES_SEQ=$(curl -sf "$URL/v1/latest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["collections"]["guides"]["sequence"])')
GUIDE=server/content/guides/fra-bekymring-til-handling.toml
mkdir -p "$WORK/edit"
python3 - "$GUIDE" "$WORK/edit/guide.toml" <<'EOF'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
rev = int(re.search(r"^revision = (\d+)$", src, re.M).group(1))
src = re.sub(r"^revision = \d+$", f"revision = {rev + 1}", src, count=1, flags=re.M)
src = src.replace('nb = "Fra bekymring til handling"', 'nb = "Fra bekymring til handling (endret)"', 1)
open(sys.argv[2], "w", encoding="utf-8").write(src)
EOF
"$BIN" import "$WORK/edit/guide.toml" --data "$DATA" --key "$WORK/key.toml" --actor bench >/dev/null
for _ in $(seq 1 100); do
  NEW_SEQ=$(curl -sf "$URL/v1/latest" | python3 -c 'import json,sys; print(json.load(sys.stdin)["collections"]["guides"]["sequence"])')
  [ "$NEW_SEQ" != "$GUIDES_SEQ" ] && break; sleep 0.1
done
DELTA_URL="$URL/v1/collections/guides/changeset?since=$GUIDES_SEQ"
DELTA_GZ=$(wire -H 'Accept-Encoding: gzip' "$DELTA_URL")
DELTA_ZSTD=$(wire -H 'Accept-Encoding: zstd' "$DELTA_URL")
GUIDE_GZ=$(curl -sf "$DELTA_URL" | python3 -c '
import gzip, json, sys
cs = json.load(sys.stdin)
assert not cs["full"] and len(cs["records"]) == 1, "expected a one-guide delta"
guide = json.dumps(cs["records"][0]["data"], separators=(",", ":"), ensure_ascii=False).encode()
print(len(gzip.compress(guide, 6)))')
DELTA_ETAG=$(etag "$DELTA_URL")
UNCHANGED=$(curl -s -o /dev/null -w '%{http_code} %{size_download} %{size_header}' -H "If-None-Match: $DELTA_ETAG" -H 'Accept-Encoding: zstd' "$URL/v1/collections/guides/changeset?since=$NEW_SEQ")

python3 - "$WORK/rps" "$FULL_ID" "$FULL_GZ" "$FULL_ZSTD" "$DELTA_GZ" "$DELTA_ZSTD" "$GUIDE_GZ" "$UNCHANGED" <<'EOF'
import statistics, sys
a = sys.argv[1:]
runs = {}
for line in open(a[0]):
    case, s, n = line.split()
    runs.setdefault(case, []).append((float(s), float(n)))
full_id, full_gz, full_zstd, delta_gz, delta_zstd, guide_gz = map(int, a[1:7])
status, body, head = a[7].split()
print()
print(f"{'case (median of ' + str(len(runs['full_identity'])) + ' alternating runs)':<42}{'veiviser req/s':>16}{'nginx req/s':>14}{'ratio':>8}")
names = {"full_identity": "full snapshot, places, identity",
         "full_gzip": "full snapshot, places, gzip",
         "unchanged_304": "unchanged: If-None-Match -> 304"}
for case, label in names.items():
    s = statistics.median(x for x, _ in runs[case])
    n = statistics.median(y for _, y in runs[case])
    print(f"{label:<42}{s:>16.0f}{n:>14.0f}{s / n:>7.2f}x")
print()
print(f"full sync, 3 collections: {full_id} B identity, {full_gz} B gzip, {full_zstd} B zstd")
print(f"one-guide delta: {delta_gz} B gzip ({delta_gz / guide_gz:.2f}x the guide's {guide_gz} B gzip), {delta_zstd} B zstd")
print(f"unchanged sync: HTTP {status}, {body} B body, {head} B headers")
EOF
