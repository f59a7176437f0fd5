#!/bin/sh
# How the kiosk uses its screen, headless: the display schedule (black and
# not rendering out of hours, a touch wakes it) and screen rotation (the
# picture turned, touches turned back). Driven by --script, observed through
# --trace and screenshots. Prints TAP lines.
. tests/lib.sh
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
C=tests/fixtures/ui-content

# run NAME SCRIPT-TEXT [OPTIONS...]: run the kiosk on a script, trace in $TMP/NAME.trace
run() {
    name=$1; text=$2; shift 2
    printf '%s\n' "$text" >"$TMP/$name.script"
    "$KIOSK" --content "$C" --trace --script "$TMP/$name.script" "$@" \
        >"$TMP/$name.trace" 2>"$TMP/$name.log"
}

# black FILE "description": every pixel black
black() {
    if ! command -v convert >/dev/null 2>&1; then
        if [ -s "$1" ]; then ok "$2 (exists only)"; else not_ok "$2 (no file)"; fi
        return
    fi
    max=$(convert "$1" -format '%[fx:maxima.r+maxima.g+maxima.b]' info: 2>/dev/null)
    if [ "$max" = 0 ]; then ok "$2"; else not_ok "$2 (brightest pixel: $max)"; fi
}
# not_black FILE "description": something on it
not_black() {
    if ! command -v convert >/dev/null 2>&1; then
        if [ -s "$1" ]; then ok "$2 (exists only)"; else not_ok "$2 (no file)"; fi
        return
    fi
    n=$(identify -format '%k' "$1" 2>/dev/null)
    if [ "${n:-0}" -gt 50 ]; then ok "$2"; else not_ok "$2 ($n colours)"; fi
}

# 1. a schedule closed every day: black from the start, a touch wakes it
cat >"$TMP/closed.yaml" <<YAML
display:
  wake_on_touch: true
  hours:
    monday: closed
    tuesday: closed
    wednesday: closed
    thursday: closed
    friday: closed
    saturday: closed
    sunday: closed
YAML
run closed "shot $TMP/off.png
wait 5000
tap 0.5 0.5
wait 300
shot $TMP/woke.png
wait 20000
shot $TMP/off2.png" --config "$TMP/closed.yaml" --window 800x480 --idle-timeout 5 --countdown 5
check "the scripted run ends cleanly" test $? -eq 0
contains "$TMP/closed.trace" "t=0 display off" "out of hours the display is off from the start"
black "$TMP/off.png" "out of hours the screen is black"
contains "$TMP/closed.trace" "display on" "a touch wakes the display (wake_on_touch)"
check "the waking touch shows the attract loop, not the menu" \
    sh -c "! grep -q 'scene=menu' '$TMP/closed.trace'"
not_black "$TMP/woke.png" "after the touch the attract loop shows"
check "after the idle time the display goes off again" \
    test "$(grep -c 'display off' "$TMP/closed.trace")" -ge 2
black "$TMP/off2.png" "and the screen is black again"

# 2. without wake_on_touch a touch out of hours does nothing
sed 's/wake_on_touch: true/wake_on_touch: false/' "$TMP/closed.yaml" >"$TMP/nowake.yaml"
run nowake "tap 0.5 0.5
wait 300
shot $TMP/nowake.png" --config "$TMP/nowake.yaml" --window 800x480
check "without wake_on_touch a touch leaves the display off" \
    sh -c "! grep -q 'display on' '$TMP/nowake.trace'"
black "$TMP/nowake.png" "and the screen stays black"

# 3. open all week: the schedule changes nothing
sed 's/closed/"24h"/' "$TMP/closed.yaml" >"$TMP/open.yaml"
run open "tap 0.5 0.5
wait 300" --config "$TMP/open.yaml" --window 800x480
check "open hours: the display never goes off" sh -c "! grep -q 'display off' '$TMP/open.trace'"
contains "$TMP/open.trace" "input scene=menu" "open hours: a tap opens the menu"

# 4. rotation: a portrait panel showing a landscape picture turned by 90 degrees
run rot-menu "tap 0.5 0.5
wait 300
shot $TMP/rot-menu.png" --window 1080x1920 --rotation 90
contains "$TMP/rot-menu.trace" "input scene=menu" "rotated: a tap in the middle opens the menu"
check "rotated: the scene is laid out landscape" sh -c "grep -q 'start scene=attract' '$TMP/rot-menu.trace'"
if command -v identify >/dev/null 2>&1; then
    size=$(identify -format '%wx%h' "$TMP/rot-menu.png")
    check "rotated: the screenshot is the panel, 1080x1920 ($size)" test "$size" = 1080x1920
fi
# each tile: its place in the scene (trace) turned onto the panel: (x, y) -> (1-y, x)
domains=$(grep '^trace: target domain:' "$TMP/rot-menu.trace" | awk '{print $3}' | sed 's/^domain://' | sort -u)
check "rotated: the menu has domain tiles" test -n "$domains"
for d in $domains; do
    xy=$(grep "^trace: target domain:$d " "$TMP/rot-menu.trace" | tail -n 1 | awk '{printf "%.4f %.4f", 1 - $5, $4}')
    run "rot-$d" "tap 0.5 0.5
wait 1000
tap $xy
wait 300" --window 1080x1920 --rotation 90
    contains "$TMP/rot-$d.trace" "scene=page domain=$d " "rotated 90: a tap on the $d tile opens $d"
done
# the same tile, not turned, lands elsewhere: the mapping matters
d=$(echo "$domains" | head -n 1)
xy=$(grep "^trace: target domain:$d " "$TMP/rot-menu.trace" | tail -n 1 | awk '{printf "%.4f %.4f", $4, $5}')
run rot-wrong "tap 0.5 0.5
wait 1000
tap $xy
wait 300" --window 1080x1920 --rotation 90
check "rotated: the unturned position does not open $d" \
    sh -c "! grep -q 'scene=page domain=$d ' '$TMP/rot-wrong.trace'"
# 270 and 180 turn the other ways: (x, y) -> (y, 1-x) and (1-x, 1-y)
for spec in "270 1080x1920" "180 800x480"; do
    set -- $spec
    run "rot$1" "tap 0.5 0.5
wait 300" --window "$2" --rotation "$1"
    xy=$(grep "^trace: target domain:$d " "$TMP/rot$1.trace" | tail -n 1 |
        awk -v r="$1" '{ if (r == 270) printf "%.4f %.4f", $5, 1 - $4; else printf "%.4f %.4f", 1 - $4, 1 - $5 }')
    run "rot$1-tap" "tap 0.5 0.5
wait 1000
tap $xy
wait 300" --window "$2" --rotation "$1"
    contains "$TMP/rot$1-tap.trace" "scene=page domain=$d " "rotated $1: a tap on the $d tile opens $d"
done

# 5. default_language from the configuration: the kiosk starts (and returns) in it
printf 'default_language: en\n' >"$TMP/en.yaml"
run lang "wait 100" --config "$TMP/en.yaml" --window 800x480
contains "$TMP/lang.trace" "start scene=attract domain=- page=- lang=en" "default_language: en starts in English"

# 6. opening and closing on time (the schedule's clock started with --fake-time)
cat >"$TMP/hours.yaml" <<YAML
display:
  hours:
    monday: "08:00-18:00"
    tuesday: "08:00-18:00"
    wednesday: "08:00-18:00"
    thursday: "08:00-18:00"
    friday: "08:00-18:00"
    saturday: closed
    sunday: closed
YAML
run opening "shot $TMP/early.png
wait 90000
shot $TMP/opened.png" --config "$TMP/hours.yaml" --window 800x480 --fake-time "2026-11-25 07:59"
contains "$TMP/opening.trace" "t=0 display off" "Wednesday 07:59: the display is off"
black "$TMP/early.png" "before opening the screen is black"
contains "$TMP/opening.trace" "t=60000 display on" "at 08:00 sharp the display comes on"
not_black "$TMP/opened.png" "after opening the kiosk shows"
run closing "wait 90000
shot $TMP/closed.png" --config "$TMP/hours.yaml" --window 800x480 --fake-time "2026-11-27 17:59"
contains "$TMP/closing.trace" "t=60000 display off" "at 18:00 the display goes off"
black "$TMP/closed.png" "after closing the screen is black"
run weekend "wait 1000" --config "$TMP/hours.yaml" --window 800x480 --fake-time "2026-11-28 12:00"
contains "$TMP/weekend.trace" "t=0 display off" "Saturday noon: closed"
expect_status 2 "--fake-time needs a date and a time" "$KIOSK" --fake-time "tomorrow" --print-config

# 7. a real run out of hours: standby in the metrics, and no frames drawn
"$KIOSK" --content "$C" --config "$TMP/closed.yaml" --window 800x480 \
    --metrics-file "$TMP/standby.prom" --metrics-interval 1 >/dev/null 2>"$TMP/standby.log" &
KPID=$!
i=0
while ! grep -q 'kiosk_display_power{state="standby"} 1' "$TMP/standby.prom" 2>/dev/null && [ $i -lt 100 ]; do
    sleep 0.1; i=$((i + 1))
done
contains "$TMP/standby.prom" 'kiosk_display_power{state="standby"} 1' "out of hours the metrics say standby"
frames() { grep '^kiosk_frames_presented_total' "$TMP/standby.prom" | awk '{print $2}'; }
f1=$(frames)
sleep 9 # longer than a slide: a running attract loop would have drawn its fade
f2=$(frames)
check "out of hours nothing is rendered (frames $f1, then $f2)" test -n "$f1" -a "$f1" = "$f2"
kill -TERM $KPID
wait $KPID
check "and SIGTERM still ends it cleanly" test $? -eq 0
