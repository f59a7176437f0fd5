#!/bin/sh
# Operators' features end to end, headless, against a real nginx on
# 127.0.0.1: the emergency notice (kiosk-publish --notice → signed manifest
# → --update-once → STATE/notice.yaml → a full-screen card, across restarts
# without network, gone at its end and with the next manifest without one),
# and screenshots (SIGUSR1 → STATE/screenshots/screen.png → HTTP PUT to
# nginx's dav module; an upload that hangs does not stop the UI).
. tests/lib.sh
. tests/nginx-lib.sh
trap 'nginx_stop; [ -n "${kpid:-}" ] && kill "$kpid" 2>/dev/null; [ -n "${hpid:-}" ] && kill "$hpid" 2>/dev/null; rm -rf "$TMP"' EXIT
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}

nginx_require "operations"

ST=$TMP/state
WWW=$TMP/www
KEYS=$TMP/keys
SIZE=800x480
C=content

# notice FILE STARTS ENDS: a notice document with that window
notice() {
    cat >"$1" <<EOF2
text:
  de: "Bürgerbüro heute geschlossen"
  en: "Citizens' office closed today"
  leicht: "Das Bürger-Büro ist heute zu."
starts: $2
ends: $3
EOF2
}
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
publish() { "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$@" "$TMP/pubsrc" "$WWW"; }
update() {
    "$KIOSK" --update-once --channel "$NGINX_URL/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
        --state-dir "$ST" --update-timeout 8 >"$TMP/out" 2>&1
}
# first_frame NAME: start the kiosk on the state dir (no channel: no
# network), save the first frame as NAME.png, trace into NAME.trace
first_frame() {
    "$KIOSK" --content "$C" --state-dir "$ST" --window $SIZE --trace --screenshot "$TMP/$1.png" \
        >"$TMP/$1.trace" 2>"$TMP/$1.log"
}
# pixel FILE X Y: "r,g,b" of one pixel
pixel() { convert "$1" -format '%[fx:int(255*p{'"$2,$3"'}.r)],%[fx:int(255*p{'"$2,$3"'}.g)],%[fx:int(255*p{'"$2,$3"'}.b)]' info:; }
RED="127,29,29"

"$PUBLISH" keygen --out "$KEYS" >/dev/null 2>&1
used_copy "$C" "$TMP/pubsrc"
LOCATIONS="
        location /shots/ {
            alias $TMP/shots/;
            dav_methods PUT;
            create_full_put_path on;
            client_max_body_size 32m;
        }"
mkdir -p "$TMP/shots"
nginx_start "$LOCATIONS" || { echo "not ok - nginx starts"; exit 0; }

# --- emergency notice ----------------------------------------------------------
notice "$TMP/now.yaml" "$(at '-1 hour')" "$(at '+2 hours')"
expect_status 0 "publish with a notice" publish --notice "$TMP/now.yaml"
contains "$WWW/rathaus/manifest.yaml" "format: 2" "a manifest with a notice is format 2"
contains "$WWW/rathaus/manifest.yaml" "Citizens' office closed today" "the notice is in the signed manifest"
expect_status 0 "update with a notice" update
check "the updater keeps the notice in the state directory" test -s "$ST/notice.yaml"
nginx_stop
expect_status 0 "the kiosk starts without network" first_frame notice1
contains "$TMP/notice1.trace" "notice on" "the notice is shown at start, from the state directory"
check "the first frame is the notice card" test "$(pixel "$TMP/notice1.png" 5 5)" = "$RED"
expect_status 0 "the kiosk starts again without network" first_frame notice2
contains "$TMP/notice2.trace" "notice on" "the notice survives a restart"
check "the kiosk without a state directory shows no notice" \
    sh -c "'$KIOSK' --content '$C' --window $SIZE --trace --screenshot '$TMP/plain.png' 2>/dev/null | grep -q 'notice on' && exit 1 || exit 0"
check "the plain first frame is not the notice card" test "$(pixel "$TMP/plain.png" 5 5)" != "$RED"

# taps and swipes do not reach the scene under the card
printf 'tap 0.5 0.5\nwait 500\nswipe 0.8 0.5 0.2 0.5 200\nwait 500\ntap 0.5 0.5\nwait 500\nquit\n' >"$TMP/taps.script"
"$KIOSK" --content "$C" --state-dir "$ST" --window $SIZE --trace --script "$TMP/taps.script" >"$TMP/taps.trace" 2>&1
check "taps and swipes do not go through the notice" sh -c "grep -q 'notice on' '$TMP/taps.trace' && ! grep -q ' input scene=' '$TMP/taps.trace'"
"$KIOSK" --content "$C" --window $SIZE --trace --script "$TMP/taps.script" >"$TMP/taps2.trace" 2>&1
check "(without the notice the same taps open pages)" grep -q ' input scene=page' "$TMP/taps2.trace"

# a notice whose time is over, or has not come yet, is not shown
cp "$ST/notice.yaml" "$TMP/keep.yaml"
notice "$ST/notice.yaml" "$(at '-2 days')" "$(at '-1 day')"
first_frame expired
check "an expired notice is not shown" sh -c "! grep -q 'notice on' '$TMP/expired.trace'"
notice "$ST/notice.yaml" "$(at '+1 day')" "$(at '+2 days')"
first_frame future
check "a notice that has not started is not shown" sh -c "! grep -q 'notice on' '$TMP/future.trace'"
echo "not: [a notice" >"$ST/notice.yaml"
first_frame damaged
check "a damaged notice file shows nothing" sh -c "! grep -q 'notice on' '$TMP/damaged.trace'"
contains "$TMP/damaged.log" "notice" "a damaged notice file is logged"

# it goes away at its end by itself, while the kiosk runs
notice "$ST/notice.yaml" "$(at '-1 hour')" "$(at '+3 seconds')"
"$KIOSK" --content "$C" --state-dir "$ST" --window $SIZE --trace >"$TMP/run.trace" 2>"$TMP/run.log" &
kpid=$!
i=0
while [ $i -lt 100 ] && ! grep -q 'notice off' "$TMP/run.trace"; do sleep 0.1; i=$((i + 1)); done
kill "$kpid" 2>/dev/null; wait "$kpid" 2>/dev/null; kpid=
contains "$TMP/run.trace" "notice on" "a running kiosk shows the notice"
contains "$TMP/run.trace" "notice off" "the notice disappears at its end without network"

expect_status 2 "publish refuses a notice that is already over" publish --notice "$ST/notice.yaml"
notice "$TMP/bad.yaml" "$(at '+2 hours')" "$(at '+1 hour')"
expect_status 2 "publish refuses a notice that ends before it starts" publish --notice "$TMP/bad.yaml"
contains "$TMP/out" "ends before it starts" "publish says why"

# a newer manifest without a notice clears it
cp "$TMP/keep.yaml" "$ST/notice.yaml"
nginx_start "$LOCATIONS"
expect_status 0 "publish without a notice" publish
contains "$TMP/out" "published version" "dropping the notice publishes a new version"
check "a manifest without a notice is format 1" grep -q '^format: 1$' "$WWW/rathaus/manifest.yaml"
expect_status 0 "update without a notice" update
check "the update removes the notice file" test ! -e "$ST/notice.yaml"
first_frame cleared
check "the notice is gone after the update" sh -c "! grep -q 'notice on' '$TMP/cleared.trace'"
check "the first frame is the content again" test "$(pixel "$TMP/cleared.png" 5 5)" != "$RED"

# --- screenshots ------------------------------------------------------------------
# start_kiosk LOG ARGS...: the kiosk in the background; waits for its first frame
start_kiosk() {
    log=$1; shift
    "$KIOSK" --content "$C" --window $SIZE "$@" >"$TMP/$log.out" 2>"$TMP/$log.log" &
    kpid=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q 'first frame' "$TMP/$log.log"; do sleep 0.1; i=$((i + 1)); done
}
stop_kiosk() {
    kill "$kpid" 2>/dev/null
    wait "$kpid"
    krc=$?
    kpid=
}
wait_file() { # wait_file PATH: up to 10 s
    i=0
    while [ $i -lt 100 ] && [ ! -s "$1" ]; do sleep 0.1; i=$((i + 1)); done
    [ -s "$1" ]
}

start_kiosk shot --state-dir "$ST" --screenshot-url "$NGINX_URL/shots/kiosk-1/"
check "no screenshot before it is asked for" test ! -e "$ST/screenshots/screen.png"
kill -USR1 "$kpid"
check "SIGUSR1 saves a screenshot into STATE/screenshots" wait_file "$ST/screenshots/screen.png"
check "the screenshot is a PNG of the screen's size" test "$(identify -format '%m %wx%h' "$ST/screenshots/screen.png")" = "PNG $SIZE"
sd=$(convert "$ST/screenshots/screen.png" -format '%[fx:standard_deviation]' info:)
check "the screenshot is not blank" awk "BEGIN { exit !($sd > 0.02) }"
check "the screenshot is uploaded with PUT" wait_file "$TMP/shots/kiosk-1/screen.png"
sleep 0.3
check "the upload has the same bytes" cmp -s "$ST/screenshots/screen.png" "$TMP/shots/kiosk-1/screen.png"
check "no temporary file is left behind" test -z "$(ls -A "$ST/screenshots" | grep -v '^screen.png$')"
check "the kiosk still runs after the shot" kill -0 "$kpid"
stop_kiosk
check "the kiosk quits cleanly" test "$krc" -eq 0
contains "$TMP/nginx/logs/access.log" "/shots/kiosk-1/screen.png 201" "nginx stored the upload"

# A link planted in place of STATE/screenshots (an account that can write the
# state directory) is not followed: nothing is written into its target.
mkdir -p "$TMP/victim" "$TMP/lst"
echo keep >"$TMP/victim/screen.png"
ln -s "$TMP/victim" "$TMP/lst/screenshots"
vsum=$(cd "$TMP/victim" && find . -printf '%p %y %s\n' | LC_ALL=C sort | sha256sum)
start_kiosk planted --state-dir "$TMP/lst"
kill -USR1 "$kpid"
i=0
while [ $i -lt 50 ] && ! grep -Eq 'not followed|saved|cannot save' "$TMP/planted.log"; do sleep 0.1; i=$((i + 1)); done
stop_kiosk
contains "$TMP/planted.log" "screenshots: a symbolic link or not a directory: not followed" \
    "a link in place of STATE/screenshots: refused by name"
check "a link in place of STATE/screenshots: nothing written into its target" \
    test "$(cd "$TMP/victim" && find . -printf '%p %y %s\n' | LC_ALL=C sort | sha256sum)" = "$vsum"

if ! command -v python3 >/dev/null 2>&1; then
    echo "ok - a hanging upload does not block the UI # SKIP python3 not installed"
else
# an upload that hangs (a server that accepts and never answers) blocks
# neither the UI nor the next shots, and not the exit
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True)
time.sleep(120)' >"$TMP/hang.port" &
hpid=$!
i=0
while [ $i -lt 50 ] && [ ! -s "$TMP/hang.port" ]; do sleep 0.1; i=$((i + 1)); done
start_kiosk hang --screenshot-dir "$TMP/sd" --screenshot-interval 1 \
    --screenshot-url "http://127.0.0.1:$(cat "$TMP/hang.port")/x.png"
wait_file "$TMP/sd/screen.png"
first=$(stat -c %i "$TMP/sd/screen.png" 2>/dev/null)
sleep 2.5
second=$(stat -c %i "$TMP/sd/screen.png" 2>/dev/null)
check "with an upload hanging, timed screenshots go on" test -n "$first" -a -n "$second" -a "$first" != "$second"
kill -USR1 "$kpid"
sleep 0.3
check "with an upload hanging, the UI still answers signals" kill -0 "$kpid"
t0=$(date +%s)
stop_kiosk
t1=$(date +%s)
check "with an upload hanging, the kiosk quits at once" test $((t1 - t0)) -le 3
check "the kiosk quits cleanly after all" test "$krc" -eq 0
kill "$hpid" 2>/dev/null; hpid=
fi

start_kiosk nodir
kill -USR1 "$kpid"
sleep 0.5
check "SIGUSR1 does not end a kiosk without a screenshot directory" kill -0 "$kpid"
stop_kiosk
contains "$TMP/nodir.log" "SIGUSR1 ignored" "it says why nothing was saved"

start_kiosk refused --screenshot-dir "$TMP/sd2" --screenshot-url "http://127.0.0.1:1/x.png"
kill -USR1 "$kpid"
wait_file "$TMP/sd2/screen.png"
sleep 1
check "an unreachable upload URL does not stop the kiosk" kill -0 "$kpid"
stop_kiosk
contains "$TMP/refused.log" "PUT http://127.0.0.1:1/x.png" "a failed upload is logged"
expect_status 2 "--screenshot-url needs http(s)" "$KIOSK" --screenshot-url ftp://x/ --check "$C"
expect_status 2 "--screenshot-interval needs seconds" "$KIOSK" --screenshot-interval soon --check "$C"
