#!/bin/sh
# The kiosk UI end to end, headless (SDL_VIDEODRIVER=offscreen): driven by
# --script on a virtual clock, observed through --trace lines and
# screenshots. Prints TAP lines.
. tests/lib.sh
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
C=tests/fixtures/ui-content
SIZE=800x480

# colours FILE: number of distinct colours in a PNG (0 when unknown)
colours() {
    if command -v identify >/dev/null 2>&1; then identify -format '%k' "$1" 2>/dev/null || echo 0
    else echo 0; fi
}

# not_blank FILE "description": a real picture, not one flat colour
not_blank() {
    n=$(colours "$1")
    if [ ! -s "$1" ]; then not_ok "$2 (no file)"
    elif [ "$n" = 0 ] && [ "$(wc -c <"$1")" -gt 4000 ]; then ok "$2 (size only)"
    elif [ "$n" -gt 50 ]; then ok "$2"
    else not_ok "$2 ($n colours)"; fi
}

# differ A B "description"
differ() {
    if [ -s "$1" ] && [ -s "$2" ] && ! cmp -s "$1" "$2"; then ok "$3"; else not_ok "$3"; fi
}

# run NAME SCRIPT-TEXT [OPTIONS...]: run the kiosk on a script, trace in $TMP/NAME.trace
run() {
    name=$1; text=$2; shift 2
    printf '%s\n' "$text" >"$TMP/$name.script"
    "$KIOSK" --content "$C" --window $SIZE --trace --script "$TMP/$name.script" "$@" \
        >"$TMP/$name.trace" 2>"$TMP/$name.log"
}

# after_tap NAME XY: run NAME: the menu, then a tap at XY (its trace lists
# the targets of what that shows)
after_tap() {
    run "$1" "tap 0.5 0.5
wait 1000
tap $2
wait 300"
}

# target TRACE NAME: "X Y" of the last traced target called NAME
target() {
    grep "^trace: target $2 " "$1" | tail -n 1 | awk '{print $4, $5}'
}

# 1. the first frame
expect_status 0 "--screenshot saves the first frame" \
    "$KIOSK" --content "$C" --window $SIZE --screenshot "$TMP/first.png"
not_blank "$TMP/first.png" "the first frame is not blank"

# 2. attract → menu
run menu "shot $TMP/attract.png
tap 0.5 0.5
wait 300
shot $TMP/menu.png"
check "the script run ends cleanly" test $? -eq 0
contains "$TMP/menu.trace" "start scene=attract" "the kiosk starts in the attract loop"
contains "$TMP/menu.trace" "input scene=menu" "a tap on the attract loop opens the menu"
not_blank "$TMP/attract.png" "attract screenshot is not blank"
not_blank "$TMP/menu.png" "menu screenshot is not blank"
differ "$TMP/attract.png" "$TMP/menu.png" "attract and menu look different"

# 3. every domain tile opens its domain
domains=$(grep '^trace: target domain:' "$TMP/menu.trace" | awk '{print $3}' | sed 's/^domain://' | sort -u)
n=$(echo "$domains" | grep -c .)
check "the menu shows a tile per domain ($n)" test "$n" -eq 3
prev="$TMP/menu.png"
for d in $domains; do
    xy=$(target "$TMP/menu.trace" "domain:$d")
    run "dom-$d" "tap 0.5 0.5
wait 1000
tap $xy
wait 300
shot $TMP/page-$d.png"
    contains "$TMP/dom-$d.trace" "scene=page domain=$d " "a tap on the $d tile opens $d"
    not_blank "$TMP/page-$d.png" "page $d is not blank"
    differ "$prev" "$TMP/page-$d.png" "page $d differs from the previous screen"
    prev="$TMP/page-$d.png"
done

# 4. tabs, back and home on a domain with two pages
xy=$(target "$TMP/menu.trace" "domain:bewerbung")
after_tap tabs "$xy"
tab=$(target "$TMP/tabs.trace" "tab:zeitplan")
back=$(target "$TMP/tabs.trace" "back")
home=$(target "$TMP/tabs.trace" "home")
run tabs2 "tap 0.5 0.5
wait 1000
tap $xy
wait 1000
tap $tab
wait 1000
shot $TMP/tab2.png
tap $back
wait 1000
tap $home
wait 300"
contains "$TMP/tabs2.trace" "domain=bewerbung page=zeitplan" "a tab opens the second page"
contains "$TMP/tabs2.trace" "input scene=page domain=bewerbung page=ueberblick" "back returns to the first tab"
check "home returns to the menu" sh -c "tail -n 20 '$TMP/tabs2.trace' | grep -q 'input scene=menu'"
differ "$TMP/page-bewerbung.png" "$TMP/tab2.png" "the second tab looks different"

# 5. the language toggle changes the text; where the bar has no room for
# the switch, its language button (the globe) opens the chooser first
en=$(target "$TMP/menu.trace" "lang:en")
choose=""
langs=$(target "$TMP/menu.trace" "languages")
if [ -z "$en" ] && [ -n "$langs" ]; then
    after_tap chooser "$langs"
    en=$(target "$TMP/chooser.trace" "lang:en")
    choose="tap $langs
wait 600"
fi
run lang "tap 0.5 0.5
wait 1000
$choose
tap $en
wait 300
shot $TMP/menu-en.png"
contains "$TMP/lang.trace" "lang=en" "the language toggle switches to English"
differ "$TMP/menu.png" "$TMP/menu-en.png" "the English menu looks different"

# 6. idle: countdown, then back to the attract loop in the default language
run idle "tap 0.5 0.5
wait 1000
$choose
tap $en
wait 5500
shot $TMP/countdown.png
wait 12000
shot $TMP/back.png" --idle-timeout 5 --countdown 10
contains "$TMP/idle.trace" "warning=1" "no touch for the idle time shows the countdown"
contains "$TMP/idle.trace" "timer scene=attract domain=- page=- lang=de" \
    "after the countdown the attract loop returns, in German again"
differ "$TMP/menu-en.png" "$TMP/countdown.png" "the countdown is visible"
not_blank "$TMP/back.png" "the attract loop after idle is not blank"

# a touch during the countdown keeps the visitor where they were
run idle2 "tap 0.5 0.5
wait 5500
tap 0.5 0.5
wait 3000" --idle-timeout 5
if grep -q "scene=attract.*warning=0" "$TMP/idle2.trace" && \
   [ "$(grep -c 'scene=attract' "$TMP/idle2.trace")" -eq 1 ]; then
    ok "a touch during the countdown dismisses it"
else
    not_ok "a touch during the countdown dismisses it"; sed 's/^/#   /' "$TMP/idle2.trace" | grep -v target
fi

# 7. a swipe on the attract loop changes the slide
run swipe "swipe 0.8 0.5 0.2 0.5 200
wait 1000"
contains "$TMP/swipe.trace" "slide=1" "a swipe to the left shows the next slide"

# 8. a long page scrolls with a finger, and keeps gliding after a flick
xy=$(target "$TMP/menu.trace" "domain:energie")
run scroll "tap 0.5 0.5
wait 1000
tap $xy
wait 300
shot $TMP/scroll0.png
swipe 0.5 0.75 0.5 0.7 300
wait 1000
shot $TMP/scroll1.png"
run flick "tap 0.5 0.5
wait 1000
tap $xy
wait 300
swipe 0.5 0.7 0.5 0.62 48
shot $TMP/scroll2.png
wait 1500
shot $TMP/scroll3.png"
differ "$TMP/scroll0.png" "$TMP/scroll1.png" "dragging scrolls the page"
differ "$TMP/scroll2.png" "$TMP/scroll3.png" "a flick keeps the page moving (momentum)"
check "scrolling does not change the scene" test "$(grep -c 'input scene=' "$TMP/scroll.trace")" -eq 2

# 9. every resolution renders
for s in 800x480 1280x800 1920x1080 1080x1920; do
    expect_status 0 "renders at $s" "$KIOSK" --content "$C" --window $s --screenshot "$TMP/s-$s.png"
done

# 10. a broken image gets a placeholder and a log line, not a crash
xy=$(target "$TMP/menu.trace" "domain:mobilitaet")
run broken "tap 0.5 0.5
wait 1000
tap $xy
wait 300
shot $TMP/broken.png"
contains "$TMP/broken.log" "placeholder" "a broken image is logged and replaced"

# 11. script errors are reported with their position
printf 'tap 0.5\n' >"$TMP/bad.script"
expect_status 2 "a bad script is a usage error" "$KIOSK" --content "$C" --window $SIZE --script "$TMP/bad.script"
"$KIOSK" --content "$C" --window $SIZE --script "$TMP/bad.script" 2>"$TMP/bad.err"
contains "$TMP/bad.err" "bad.script:1:1: error:" "script errors carry file:line:col"
expect_status 2 "--window needs WxH" "$KIOSK" --window big

# 12. --watch: a broken edit keeps the last good content on screen (with the
# errors), the fixed file is picked up without a restart
cp -R "$C" "$TMP/watch"
"$KIOSK" --content "$TMP/watch" --window $SIZE --watch >"$TMP/watch.out" 2>"$TMP/watch.log" &
pid=$!
sleep 3
sed -i 's/^title:/titel:/' "$TMP/watch/domains/energie.yaml"
sleep 3
sed -i 's/^titel:/title:/; s/Intelligente Netze/Kluge Netze/' "$TMP/watch/domains/energie.yaml"
sleep 3
kill "$pid"
wait "$pid"
check "--watch ends cleanly on SIGTERM" test $? -eq 0
contains "$TMP/watch.log" "keeping the last good content" "--watch keeps the last good content when an edit breaks it"
contains "$TMP/watch.log" "content switched" "--watch switches to the fixed content without a restart"

# 13. characters the font lacks (an emoji, CJK) are drawn as a fallback mark
run glyphs "tap 0.5 0.5
wait 1000
$choose
tap $en
wait 300
shot $TMP/glyphs.png"
check "text with glyphs the font lacks renders" test -s "$TMP/glyphs.png"

# 14. the accessibility toggles, on the sheet "Bedienhilfen" opens: a tap on
# "contrast" and on "large" changes the screen, a second tap brings the same
# picture back (state per session)
a11y=$(target "$TMP/menu.trace" "a11y")
check "the bar has the accessibility button" test -n "$a11y"
after_tap sheet "$a11y"
hc=$(target "$TMP/sheet.trace" "contrast")
lt=$(target "$TMP/sheet.trace" "large")
run toggles "tap 0.5 0.5
wait 1000
tap $a11y
wait 600
shot $TMP/t0.png
tap $hc
wait 300
shot $TMP/t1.png
tap $hc
wait 300
shot $TMP/t2.png"
check "the menu has a contrast toggle" test -n "$hc"
check "the menu has a large-text toggle" test -n "$lt"
differ "$TMP/t0.png" "$TMP/t1.png" "a tap on the contrast toggle switches to high contrast"
check "a second tap on the contrast toggle switches back" cmp -s "$TMP/t0.png" "$TMP/t2.png"
run large "tap 0.5 0.5
wait 1000
tap $a11y
wait 600
tap $lt
wait 300
shot $TMP/l1.png"
differ "$TMP/t0.png" "$TMP/l1.png" "a tap on the large-text toggle changes the menu"
