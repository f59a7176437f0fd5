#!/bin/sh
# A town's fleet polling at once: KIOSKS connections (default 1,000) send
# the conditional GET of an unchanged channel manifest to one nginx on
# loopback for SECONDS seconds, as kiosks do every poll (If-None-Match, so
# each answer is a 304 without body). wrk plays the kiosks; requests per
# second, latency and failures go to stdout (and build/bench_poll.txt).
#   tests/bench/bench_poll.sh BUILD_DIR [KIOSKS] [SECONDS]
set -u
B=${1:-build}
KIOSKS=${2:-1000}
SECONDS_=${3:-10}
. tests/lib.sh
. tests/nginx-lib.sh
trap 'nginx_stop; rm -rf "$TMP"' EXIT

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1
    fi
    command -v wrk >/dev/null 2>&1 || { echo "fleet poll: skipped (install wrk)"; exit 0; }
fi
[ -x "$NGINX" ] || { echo "fleet poll: skipped (install nginx-light)"; exit 0; }

"$B/kiosk-publish" keygen --out "$TMP/keys" >/dev/null
used_copy content "$TMP/content"
"$B/kiosk-publish" --key "$TMP/keys/kiosk.key" --channel rathaus "$TMP/content" "$TMP/www" >/dev/null
NGINX_WORKER_CONNECTIONS=$((KIOSKS + 64)) nginx_start "" || { echo "fleet poll: nginx did not start"; exit 1; }
url="$NGINX_URL/pub/rathaus/manifest.yaml"
etag=$(curl -sI "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
[ -n "$etag" ] || { echo "fleet poll: no ETag from nginx"; exit 1; }
ulimit -n $((KIOSKS * 2 + 256)) 2>/dev/null
wrk -t2 -c"$KIOSKS" -d"${SECONDS_}s" --latency -H "If-None-Match: $etag" "$url" >"$TMP/wrk.txt" 2>&1
cp "$TMP/wrk.txt" "$B/bench_poll.wrk.txt"
rps=$(awk '/^Requests\/sec:/ {print $2}' "$TMP/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$TMP/wrk.txt")
bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$TMP/wrk.txt")
# connect, write and timeout errors are failed polls; "read" errors are
# nginx closing a kept-alive connection after keepalive_requests (wrk
# reconnects), which a kiosk polling every few minutes never meets.
fail=$(awk '/Socket errors:/ {gsub(",", ""); print $4 + $8 + $10}' "$TMP/wrk.txt")
closed=$(awk '/Socket errors:/ {gsub(",", ""); print $6}' "$TMP/wrk.txt")
codes=$(awk '{print $2}' "$TMP/nginx/logs/access.log" | sort | uniq -c | awk '{printf "%s%s x %s", sep, $1, $2; sep=", "}')
echo "fleet poll: $KIOSKS kiosks at once for ${SECONDS_} s: ${rps:-?} requests/s, latency p99 ${p99:-?}, ${bad:-0} HTTP errors, ${fail:-0} failed connections, ${closed:-0} keep-alive closes (nginx answered: $codes)" | tee "$B/bench_poll.txt"
