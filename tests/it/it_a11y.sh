#!/bin/sh
# Accessibility end to end, headless, on a virtual clock: the two-finger
# hold switches speech mode on, a touch reads the element under the finger,
# a double tap activates it, swipes walk the reading order, every new place
# is announced, timeouts stretch, "more time" and the toggles work, and
# everything said reaches a WAV file through the real speech engine.
# Observed through --trace ("trace: say LANG TEXT") and --audio-out.
. tests/lib.sh
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
C=content
SIZE=800x480

# run NAME SCRIPT-TEXT [OPTIONS...]: trace in $TMP/NAME.trace, speech in $TMP/NAME.wav
run() {
    name=$1; text=$2; shift 2
    printf '%s\n' "$text" >"$TMP/$name.script"
    "$KIOSK" --content "$C" --window $SIZE --trace --audio-out "$TMP/$name.wav" \
        --script "$TMP/$name.script" "$@" >"$TMP/$name.trace" 2>"$TMP/$name.log"
}

# target TRACE NAME: "X Y" of the last traced target called NAME
target() {
    grep "^trace: target $2 " "$1" | tail -n 1 | awk '{print $4, $5}'
}

lacks() {
    if grep -qF -- "$2" "$1"; then not_ok "$3"; grep -F -- "$2" "$1" | sed 's/^/#   /' | head -n 5; else ok "$3"; fi
}

# rms WAV: RMS amplitude (sox), 0 when unknown
rms() {
    sox "$1" -n stat 2>&1 | awk -F: '/RMS +amplitude/ {gsub(/ /, "", $2); print $2; exit}'
}

# 1. a short two-finger touch does nothing; a two-second hold starts speech mode
run short "hold2 0.4 0.5 1500
wait 200"
lacks "$TMP/short.trace" "Vorlesen ist an" "a hold of 1.5 s does not start speech mode"
lacks "$TMP/short.trace" "scene=menu" "nor does it open the menu as a tap would"

run hold "hold2 0.4 0.5 2100
wait 200"
check "the run ends cleanly" test $? -eq 0
contains "$TMP/hold.trace" "say de Vorlesen ist an." "a two-second hold starts speech mode and says so"
contains "$TMP/hold.trace" "scene=menu" "from the attract loop it opens the menu"
said=$(grep -c '^trace: say ' "$TMP/hold.trace")
check "then the menu is announced ($said utterances)" test "$said" -ge 2
check "the speech was written to the WAV file" test -s "$TMP/hold.wav"
if command -v sox >/dev/null 2>&1; then
    r=$(rms "$TMP/hold.wav")
    if awk -v r="${r:-0}" 'BEGIN {exit !(r > 0.01)}'; then ok "the speech is not silent (RMS $r)"
    else not_ok "the speech is not silent (RMS ${r:-?})"; fi
else
    not_ok "sox is installed (tools/install-deps.sh --test)"
fi

# 2. explore by touch: a tap on a tile reads it and opens nothing; a double
# tap opens it and the page is announced; swipes step through the elements
# (the last tile whose top shows: the menu scrolls, and the trace gives a
# tile's box unscrolled; the finger goes near its top)
set -- $(awk '/^trace: screen / { split($3, wh, "x"); W = wh[1]; H = wh[2] }
    /^trace: target domain:/ && $7 + 80 < H * 0.8 { d = $3; x = ($6 + $8 / 2) / W; y = ($7 + 40) / H }
    END { printf "%s %.4f %.4f\n", d, x, y }' "$TMP/hold.trace")
dom=$1
xy="$2 $3"
run explore "hold2 0.4 0.5 2100
wait 3000
tap $xy
wait 500
doubletap $xy
wait 500
swipe 0.2 0.6 0.7 0.6 200
wait 300
swipe 0.2 0.6 0.7 0.6 200
wait 300
swipe 0.7 0.6 0.2 0.6 200
wait 300"
check "explore run ends cleanly" test $? -eq 0
contains "$TMP/explore.trace" "scene=page domain=${dom#domain:}" "a double tap on the focused tile opens $dom"
grep -A100 "scene=page domain=${dom#domain:}" "$TMP/explore.trace" >"$TMP/page-part"
title=$(sed -n 's/^trace: say de Seite \([^,]*\),.*/\1/p' "$TMP/page-part" | head -n 1)
check "the page is announced by its title ('$title')" test -n "$title"
# what was said last before the page opened: the tile, read by the single tap
awk '/^trace: t=.* scene=page/ {exit} /^trace: say/ {last=$0} END {print last}' "$TMP/explore.trace" >"$TMP/before-page"
# (a page of a domain with several is announced "Domain: Page"; the tile
# says the domain's title)
contains "$TMP/before-page" "say de ${title%%:*}" "the tile under the finger was read aloud first"
run single "hold2 0.4 0.5 2100
wait 3000
tap $xy
wait 1000"
lacks "$TMP/single.trace" "scene=page" "a single tap in speech mode reads and opens nothing"
swipes=$(grep -c '^trace: say ' "$TMP/page-part")
check "each swipe says an element ($swipes utterances on the page)" test "$swipes" -ge 4
# the third swipe (back) says what the first said
first=$(grep '^trace: say ' "$TMP/page-part" | sed -n 2p)
third=$(grep '^trace: say ' "$TMP/page-part" | sed -n 4p)
check "a swipe back says the element before again" test -n "$first" -a "$first" = "$third"

# the page follows the focus: swiping through a long page scrolls it
bxy=$(target "$TMP/hold.trace" domain:bewerbung)
{
    printf 'hold2 0.4 0.5 2100\nwait 3000\ndoubletap %s\nwait 3000\nshot %s\n' "$bxy" "$TMP/follow0.png"
    i=0; while [ $i -lt 14 ]; do printf 'swipe 0.2 0.6 0.7 0.6 200\nwait 300\n'; i=$((i + 1)); done
    printf 'shot %s\n' "$TMP/follow1.png"
} >"$TMP/follow.script"
"$KIOSK" --content "$C" --window $SIZE --trace --audio-out "$TMP/follow.wav" \
    --script "$TMP/follow.script" >"$TMP/follow.trace" 2>&1
contains "$TMP/follow.trace" "scene=page domain=bewerbung" "a double tap opens the Bewerbung page"
contains "$TMP/follow.trace" " scroll " "swiping through the long page scrolls it to the focused element"
check "the screen shows the page scrolled" sh -c "! cmp -s '$TMP/follow0.png' '$TMP/follow1.png'"

# 3. timeouts stretch in speech mode; the session's end ends speech mode
run timeout "hold2 0.4 0.5 2100
wait 20000
wait 20000
wait 40000
wait 10000" --idle-timeout 20 --countdown 10
warn_t=$(grep 'warning=1' "$TMP/timeout.trace" | head -n 1 | sed 's/.*t=\([0-9]*\).*/\1/')
check "in speech mode the warning comes after three idle periods (t=$warn_t)" \
    test "${warn_t:-0}" -ge 60000
contains "$TMP/timeout.trace" "say de Noch" "the countdown is spoken"
contains "$TMP/timeout.trace" "timer scene=attract" "then the attract loop returns"
run after "hold2 0.4 0.5 2100
wait 100000
tap 0.5 0.5
wait 300" --idle-timeout 20 --countdown 10
last_on=$(grep -n 'Vorlesen ist an' "$TMP/after.trace" | tail -n 1 | cut -d: -f1)
tail -n +"$((last_on + 1))" "$TMP/after.trace" | sed -n '/timer scene=attract/,$p' >"$TMP/next-visitor"
grep '^trace: say' "$TMP/next-visitor" | grep -v 'Zum Vorlesen zwei Finger\|To hear the screen read aloud' >"$TMP/next-said"
check "the next visitor's tap is not read out: speech mode ended with the session" test ! -s "$TMP/next-said"
contains "$TMP/next-visitor" "say de Zum Vorlesen zwei Finger" "a new session starts with the spoken hint how to switch speech on (German)"
contains "$TMP/next-visitor" "say en To hear the screen read aloud, hold two fingers" "and in English"
contains "$TMP/next-visitor" "input scene=" "and a plain tap acts again (opens the menu or the slide's domain)"

# 4. more time: the warning's button gives another idle period
run more "tap 0.5 0.5
wait 20500
shot $TMP/countdown.png
wait 100" --idle-timeout 20 --countdown 10
xy=$(target "$TMP/more.trace" more-time)
check "the warning has a more-time button" test -n "$xy"
contains "$TMP/more.trace" "trace: chime" "the warning sounds a chime"
# warnings_after_more_time MS: how many warnings a visitor sees who asks for
# more time on the first warning, then waits MS
warnings_after_more_time() {
    run more-$1 "tap 0.5 0.5
wait 21000
tap $xy
wait $1" --idle-timeout 20 --countdown 10
    grep -c 'warning=1' "$TMP/more-$1.trace"
}
w=$(warnings_after_more_time 35000)
check "after more time no warning for another idle period (warnings: $w)" test "$w" -eq 1
w=$(warnings_after_more_time 41000)
check "after twice the idle time the warning comes again (warnings: $w)" test "$w" -eq 2

# 5. the toggles: high contrast and large text change the picture, for this session only
run toggles "tap 0.5 0.5
wait 300
shot $TMP/menu.png"
axy=$(target "$TMP/toggles.trace" a11y)
check "the bar has the accessibility button" test -n "$axy"
run sheet "tap 0.5 0.5
wait 1000
tap $axy
wait 300"
cxy=$(target "$TMP/sheet.trace" contrast)
lxy=$(target "$TMP/sheet.trace" large)
check "the menu has a contrast toggle" test -n "$cxy"
check "the menu has a large-text toggle" test -n "$lxy"
run toggles2 "tap 0.5 0.5
wait 1000
tap $axy
wait 300
tap $cxy
wait 300
shot $TMP/contrast.png
tap $lxy
wait 300
shot $TMP/both.png
wait 200000
tap 0.5 0.5
wait 300
shot $TMP/again.png" --idle-timeout 20 --countdown 10
check "high contrast changes the picture" sh -c "! cmp -s '$TMP/menu.png' '$TMP/contrast.png'"
check "large text changes it again" sh -c "! cmp -s '$TMP/contrast.png' '$TMP/both.png'"
check "the next session starts without them" cmp -s "$TMP/menu.png" "$TMP/again.png"

# 6. the wheelchair layout: every control in the lower part of the screen
printf 'content: %s\nlow_reach: true\n' "$C" >"$TMP/low.yaml"
printf 'tap 0.5 0.5\nwait 300\n' >"$TMP/low.script"
"$KIOSK" --config "$TMP/low.yaml" --window $SIZE --trace --script "$TMP/low.script" >"$TMP/low.trace" 2>&1
n=$(grep -c '^trace: target ' "$TMP/low.trace")
high=$(awk '$1 == "trace:" && $2 == "target" && $5 < 0.4' "$TMP/low.trace" | wc -l)
check "low_reach: the menu's $n targets all sit below 40 % of the height ($high above)" test "$n" -gt 3 -a "$high" -eq 0

# 7. speech can be switched off in the configuration
printf 'content: %s\nspeech: false\n' "$C" >"$TMP/nospeech.yaml"
printf 'hold2 0.4 0.5 2100\nwait 200\n' >"$TMP/nospeech.script"
"$KIOSK" --config "$TMP/nospeech.yaml" --window $SIZE --trace --audio-out "$TMP/ns.wav" \
    --script "$TMP/nospeech.script" >"$TMP/nospeech.trace" 2>&1
lacks "$TMP/nospeech.trace" "Vorlesen ist an" "speech: false leaves the two-finger hold without effect"
printf 'tap 0.5 0.5\nwait 200\n' >"$TMP/nospeech.script"
"$KIOSK" --config "$TMP/nospeech.yaml" --window $SIZE --trace --audio-out "$TMP/ns.wav" \
    --script "$TMP/nospeech.script" >"$TMP/nospeech2.trace" 2>&1
lacks "$TMP/nospeech2.trace" "trace: say" "and gives no spoken hint"

# 8. screenshots of the accessible looks, for review
expect_status 0 "--screenshot-all saves the accessible looks" \
    "$KIOSK" --content "$C" --window $SIZE --screenshot-all "$TMP/all"
for f in page-contrast page-large page-contrast-large menu-contrast menu-large idle-countdown; do
    check "$f.png is saved" test -s "$TMP/all/$f.png"
done

# 9. every language speaks speech mode's words from its own table (the
# help, the menu's announcement); swipes keep their meaning in every
# language (right: next, left: previous, as the help says), and the next
# element follows the writing direction: in Arabic the menu's title at
# the right is read before the speech mark at its left, as in German the
# title at the left before the mark at its right
# entry CODE KEY: the UI's words of that key in assets/strings/CODE.yaml
entry() {
    sed -n "s/^  $2: //p" "assets/strings/$1.yaml" | sed 's/^"\(.*\)"$/\1/'
}
# content_text KEY CODE: a top-level text of the bundled kiosk.yaml
content_text() {
    awk -v k="$1:" -v c="  $2: " '$1 == k {f = 1; next} f && index($0, c) == 1 {print substr($0, length(c) + 1); exit}
         f && /^[^ ]/ {exit}' "$C/kiosk.yaml"
}
printf 'hold2 0.4 0.5 2100\nwait 3000\nswipe 0.2 0.6 0.7 0.6 200\nwait 300\nswipe 0.2 0.6 0.7 0.6 200\nwait 300\nswipe 0.7 0.6 0.2 0.6 200\nwait 300\n' >"$TMP/langs.script"
for L in de tr uk ar; do
    printf 'content: %s\ndefault_language: %s\n' "$C" "$L" >"$TMP/$L.yaml"
    "$KIOSK" --config "$TMP/$L.yaml" --window $SIZE --trace --audio-out "$TMP/$L.wav" \
        --script "$TMP/langs.script" >"$TMP/$L.trace" 2>"$TMP/$L.log"
    n=$(grep -c '^trace: target domain:' "$TMP/$L.trace")
    grep '^trace: say ' "$TMP/$L.trace" >"$TMP/$L.said"
    help=$(entry "$L" speech_help)
    topics=$(entry "$L" topics_n | sed "s/%zu/$n/")
    check "$L: speech mode starts with the help of its own table" test "$(sed -n 1p "$TMP/$L.said")" = "trace: say $L $help"
    check "$L: the menu is announced from its own table ('$topics')" test "$(sed -n 2p "$TMP/$L.said")" = "trace: say $L $topics"
    title=$(content_text menu_title "$L")
    mark=$(entry "$L" speech_mark)
    check "$L: the first swipe to the right says the menu's title ('$title')" test "$(sed -n 3p "$TMP/$L.said")" = "trace: say $L $title"
    check "$L: the second the speech mark beside it ('$mark')" test "$(sed -n 4p "$TMP/$L.said")" = "trace: say $L $mark"
    check "$L: a swipe to the left goes back to the title" test "$(sed -n 5p "$TMP/$L.said")" = "trace: say $L $title"
done
set -- $(awk '/^trace: target / {x[$3] = $6} END {print x["back"], x["a11y"]}' "$TMP/ar.trace")
check "ar: the scene is mirrored (Back at $1 px right of the accessibility button at $2 px)" test "${1:-0}" -gt "${2:-0}"
# the help says what the gestures do: right or left, next or previous
contains "$TMP/ar.said" "السحب إلى اليمين أو إلى اليسار: العنصر التالي أو السابق" "ar: the help says a swipe to the right is next, to the left previous"
contains "$TMP/de.said" "Nach rechts oder links wischen: das nächste oder das vorige Element" "de: the help says the same"
