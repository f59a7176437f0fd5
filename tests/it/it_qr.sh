# The QR code of a link block, as a visitor's phone sees it: render the
# Energie page scrolled to its link, decode the screenshot with zbarimg.
# Tap positions come from the kiosk's own --trace of its touch targets, so
# the test follows the layout at every screen size.
. tests/lib.sh

# target NAME: the last traced position of touch target NAME ("X Y")
target() { sed -n "s/^trace: target $1 \([0-9.]*\) \([0-9.]*\) .*$/\1 \2/p" "$TMP/trace" | tail -n 1; }
run() { "$KIOSK" --window "$size" --content content --script "$TMP/s" --trace >"$TMP/trace" 2>"$TMP/err"; }
# near_top NAME: a position near the top of target NAME ("X Y"): the menu
# scrolls, and a tile low in it may show only its top
near_top() {
    awk -v n="$1" '/^trace: screen / { split($3, wh, "x"); W = wh[1]; H = wh[2] }
        $1 == "trace:" && $2 == "target" && $3 == n { p = sprintf("%.4f %.4f", ($6 + $8 / 2) / W, ($7 + 40) / H) }
        END { print p }' "$TMP/trace"
}

for size in 1920x1080 800x480 1080x1920; do
    rm -f "$TMP/qr.png"
    printf 'tap 0.5 0.5\nwait 500\n' >"$TMP/s"          # leave the attract loop
    run; home=$(target home)
    printf 'tap %s\nwait 800\n' "$home" >>"$TMP/s"     # to the menu
    run; energie=$(near_top domain:energie)
    printf 'tap %s\nwait 800\n' "$energie" >>"$TMP/s"
    for i in 1 2 3; do printf 'swipe 0.5 0.9 0.5 0.2 300\nwait 3000\n' >>"$TMP/s"; done
    printf 'shot %s\n' "$TMP/qr.png" >>"$TMP/s"
    run
    contains "$TMP/trace" "scene=page domain=energie" "$size: the script reaches the Energie page"
    zbarimg -q --raw "$TMP/qr.png" >"$TMP/decoded" 2>/dev/null
    check "$size: the QR code on screen decodes to the page's link" \
        test "$(cat "$TMP/decoded")" = "https://www.wir-tun-was.de"
done
