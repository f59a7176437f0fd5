#!/bin/sh
# Touch that forgives and never misfires, end to end through --script on a
# virtual clock: a double tap acts once (on the attract loop, on Back and on
# the button that opens a sheet),
# a tap 3 mm outside a control still hits it, a tap early in a cross-fade
# opens the slide that was showing. Prints TAP lines.
. tests/lib.sh
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
C=tests/fixtures/ui-content
# The fixture's slides: leuchtturm (8 s, no domain: a tap opens the menu),
# then menschen (6 s, domain bewerbung); a cross-fade takes 0.7 s.
ON_MENSCHEN=9000    # menschen shows, its cross-fade over
BACK_TO_FIRST=14000 # menschen fades out, leuchtturm fades in

# run NAME SIZE SCRIPT-TEXT: the kiosk on a script, trace in $TMP/NAME.trace
run() {
    name=$1; size=$2; text=$3
    printf '%s\n' "$text" >"$TMP/$name.script"
    "$KIOSK" --content "$C" --window "$size" --trace --script "$TMP/$name.script" \
        >"$TMP/$name.trace" 2>"$TMP/$name.log"
}

# target TRACE NAME: "X Y" (script position) of the last traced target NAME
target() {
    grep "^trace: target $2 " "$1" | tail -n 1 | awk '{print $4, $5}'
}

# states TRACE: the navigation states traced, one a line, from "scene=" on
states() {
    sed -n 's/^trace: t=[0-9]* [a-z]* \(scene=.*\)/\1/p' "$1"
}

# 1. a double tap on the attract loop opens the slide's domain, and the
# second tap does not act on the page it opened: whatever lies under the
# finger there (English or the language chooser, large text or the
# accessibility sheet: whichever the bar shows) stays as it was
run single 800x480 "wait $ON_MENSCHEN
tap 0.5 0.5
wait 1000
shot $TMP/single.png"
contains "$TMP/single.trace" "input scene=page domain=bewerbung page=ueberblick lang=de" \
    "a tap on the attract loop opens the slide's domain"
# first_of NAME...: the first of the targets the page has
first_of() {
    for n in "$@"; do
        [ -n "$(target "$TMP/single.trace" "$n")" ] && { echo "$n"; return; }
    done
    echo "$1"
}
for t in $(first_of lang:en languages) $(first_of large a11y); do
    xy=$(target "$TMP/single.trace" "$t")
    check "the page has a target $t" test -n "$xy"
    run "double-$t" 800x480 "wait $ON_MENSCHEN
doubletap $xy
wait 1000
shot $TMP/double-$t.png"
    n=$(grep -c ' input scene=' "$TMP/double-$t.trace")
    if [ "$n" -eq 1 ] && grep -q 'input scene=page domain=bewerbung page=ueberblick lang=de' \
        "$TMP/double-$t.trace"; then
        ok "a double tap on the attract loop (where $t will be) opens the slide's domain, once"
    else
        not_ok "a double tap on the attract loop (where $t will be) opens the slide's domain, once"
        grep '^trace: t=' "$TMP/double-$t.trace" | sed 's/^/#   /'
    fi
    check "and changes nothing else ($t not switched: the same picture as after one tap)" \
        cmp -s "$TMP/single.png" "$TMP/double-$t.png"
done

# 2. a double tap on Back goes back exactly one step: from the second tab
# to the first, not on to the menu
run tabs 800x480 "tap 0.5 0.5
wait 1000"
dom=$(target "$TMP/tabs.trace" domain:bewerbung)
run tabs2 800x480 "tap 0.5 0.5
wait 1000
tap $dom
wait 1000"
tab=$(target "$TMP/tabs2.trace" tab:zeitplan)
back=$(target "$TMP/tabs2.trace" back)
check "the page has a second tab and a back button" test -n "$tab" -a -n "$back"
run back 800x480 "tap 0.5 0.5
wait 1000
tap $dom
wait 1000
tap $tab
wait 1000
doubletap $back
wait 1000"
last=$(states "$TMP/back.trace" | tail -n 1)
check "a double tap on Back goes back one step, to the first tab ($last)" \
    test "${last%% lang=*}" = "scene=page domain=bewerbung page=ueberblick"
after=$(states "$TMP/back.trace" | sed -n '/page=zeitplan/,$p' | grep -c 'scene=menu')
check "and not on to the menu ($after menu states after the second tab)" test "$after" -eq 0
run back2 800x480 "tap 0.5 0.5
wait 1000
tap $dom
wait 1000
tap $tab
wait 1000
tap $back
wait 1000
tap $back
wait 1000"
check "two presses of Back a second apart go back two steps" \
    sh -c "tail -n 30 '$TMP/back2.trace' | grep -q 'input scene=menu'"

# 3. a tap 3 mm outside a control's edge still hits it when nothing else is
# nearer (at each size, in millimetres of its typical screen); 4 mm out it
# hits nothing.
# spot TRACE: "NAME X3 Y3 X4 Y4" for the first tile (else any target) with a
# pixel 3 mm (whole pixels) outside the middle of one of its edges that no
# other target comes within 4 mm of, and one 4 mm (and a pixel) out the same
# way with no other target within 3.5 mm; positions as a script's. The
# trace gives the screen's size and px/mm and each target's box in pixels.
spot() {
    awk '
    /^trace: screen / { split($3, wh, "x"); W = wh[1]; H = wh[2]; ppmm = $4 }
    /^trace: t=/ { n = 0 }   # a new state: the targets that follow are its own
    /^trace: target / { n++; name[n] = $3; x[n] = $6; y[n] = $7; w[n] = $8; h[n] = $9 }
    function gap(j, px, py,   dx, dy) {
        dx = px < x[j] ? x[j] - px - 1 : px >= x[j] + w[j] ? px - x[j] - w[j] : 0
        dy = py < y[j] ? y[j] - py - 1 : py >= y[j] + h[j] ? py - y[j] - h[j] : 0
        return sqrt(dx * dx + dy * dy)
    }
    function clear(i, px, py, mm,   j) {
        if (px < 0 || py < 0 || px >= W || py >= H) return 0
        for (j = 1; j <= n; j++) if (j != i && gap(j, px, py) <= mm * ppmm) return 0
        return 1
    }
    # target i, direction (sx, sy): -1, 0 or 1 along each axis
    function try(i, sx, sy,   d3, d4, x3, y3, x4, y4) {
        d3 = int(3 * ppmm); d4 = int(4 * ppmm) + 1
        x3 = sx > 0 ? x[i] + w[i] + d3 : sx < 0 ? x[i] - 1 - d3 : x[i] + int(w[i] / 2)
        y3 = sy > 0 ? y[i] + h[i] + d3 : sy < 0 ? y[i] - 1 - d3 : y[i] + int(h[i] / 2)
        x4 = sx > 0 ? x[i] + w[i] + d4 : sx < 0 ? x[i] - 1 - d4 : x3
        y4 = sy > 0 ? y[i] + h[i] + d4 : sy < 0 ? y[i] - 1 - d4 : y3
        if (!clear(i, x3, y3, 4) || !clear(i, x4, y4, 3.5)) return 0
        printf "%s %.6f %.6f %.6f %.6f\n", name[i], (x3 + 0.2) / W, (y3 + 0.2) / H,
            (x4 + 0.2) / W, (y4 + 0.2) / H
        return 1
    }
    END {
        for (pass = 1; pass <= 2; pass++)
            for (i = 1; i <= n; i++) {
                if (pass == 1 && name[i] !~ /^domain:/) continue
                if (try(i, 1, 0) || try(i, -1, 0) || try(i, 0, 1) || try(i, 0, -1)) exit
            }
    }' "$1"
}
for size in 800x480 1920x1080 1080x1920; do
    run "menu-$size" "$size" "tap 0.5 0.5
wait 1000"
    set -- $(spot "$TMP/menu-$size.trace")
    tgt=$1
    check "$size: a control with room around it (${tgt:-none})" test -n "$tgt"
    run "near-$size" "$size" "tap 0.5 0.5
wait 1000
tap $2 $3
wait 1000"
    run "far-$size" "$size" "tap 0.5 0.5
wait 1000
tap $4 $5
wait 1000"
    case $tgt in
    domain:*) want="input scene=page domain=${tgt#domain:} " ;;
    lang:*) want="lang=${tgt#lang:} " ;;
    *) want=" input scene=" ;;
    esac
    n0=$(grep -c -- "$want" "$TMP/menu-$size.trace")
    n1=$(grep -c -- "$want" "$TMP/near-$size.trace")
    check "$size: a tap 3 mm outside $tgt's edge hits it" test "$n1" -gt "$n0"
    n2=$(grep -c ' input scene=' "$TMP/far-$size.trace")
    check "$size: 4 mm outside it the tap acts on nothing" test "$n2" -eq 1
done

# 4. a tap at the start of a cross-fade opens the domain of the slide that
# was showing (menschen: bewerbung), not the menu of the one fading in
run fade 800x480 "wait $((BACK_TO_FIRST + 50))
tap 0.5 0.5
wait 1000"
contains "$TMP/fade.trace" "timer scene=attract domain=- page=- lang=de slide=0" \
    "the cross-fade back to the first slide has begun"
contains "$TMP/fade.trace" "input scene=page domain=bewerbung" \
    "a tap at its start opens the domain of the slide that was showing"
run fade2 800x480 "wait $((BACK_TO_FIRST + 500))
tap 0.5 0.5
wait 1000"
contains "$TMP/fade2.trace" "input scene=menu" \
    "a tap once the new slide's text shows opens what that slide opens (the menu)"

# 5. a double tap on "Bedienhilfen" opens its sheet and leaves it open (a
# sheet opening or closing holds taps off as a scene change does); one more
# tap half a second later closes it
run sheet-menu 800x480 "tap 0.5 0.5
wait 1000"
a11y=$(target "$TMP/sheet-menu.trace" a11y)
check "the bar has the accessibility button" test -n "$a11y"
# sheet_open TRACE: 1 when the targets of the last scene traced (each
# scene's list begins with the bar's Back) include the sheet's close button
sheet_open() {
    awk '/^trace: t=/ || /^trace: target back / { open = 0 }
         /^trace: target sheet:close / { open = 1 }
         END { print open }' "$1"
}
run sheet1 800x480 "tap 0.5 0.5
wait 1000
tap $a11y
wait 1000
shot $TMP/sheet1.png"
run sheet2 800x480 "tap 0.5 0.5
wait 1000
doubletap $a11y
wait 1000
shot $TMP/sheet2.png"
run sheet3 800x480 "tap 0.5 0.5
wait 1000
doubletap $a11y
wait 600
tap $a11y
wait 1000"
check "one tap on Bedienhilfen opens its sheet" test "$(sheet_open "$TMP/sheet1.trace")" = 1
check "a double tap on it opens the sheet and leaves it open" \
    test "$(sheet_open "$TMP/sheet2.trace")" = 1
check "the same screen as after one tap" cmp -s "$TMP/sheet1.png" "$TMP/sheet2.png"
check "a tap half a second later closes it" test "$(sheet_open "$TMP/sheet3.trace")" = 0
