#!/bin/sh
# The README's screenshots: a chosen set of the scenes `make screenshots`
# renders, at the three sizes the README shows (the 7" official display,
# a landscape and a portrait 1080p screen), copied into docs/screenshots/.
# Besides, the menu and a page in Arabic and in Ukrainian at 800x480 and
# 1920x1080, and the language chooser with large text and in Arabic at
# 800x480.
# Run through `make docs-screenshots` after a change to the look.
set -eu
src=${1:-build/screenshots}
dst=${2:-docs/screenshots}
scenes="attract attract-en-danach attract-leicht-warum attract-fade menu menu-en menu-leicht
menu-large menu-contrast menu-a11y menu-languages page-bewerbung-warum page-en page-large page-contrast-large
page-zeitplan-termine page-ergebnis-finale page-qr notice idle-countdown"
for size in 800x480 1920x1080 1080x1920; do
    mkdir -p "$dst/$size"
    rm -f "$dst/$size"/*.png
    for s in $scenes; do
        cp "$src/$size/$s.png" "$dst/$size/$s.png"
    done
    for s in menu page-bewerbung-warum; do
        cp "$src/$size-low-reach/$s.png" "$dst/$size/low-reach-$s.png"
    done
done
for size in 800x480 1920x1080; do
    for s in menu-ar page-ar menu-uk page-uk; do
        cp "$src/$size/$s.png" "$dst/$size/$s.png"
    done
done
for s in menu-languages-large menu-languages-ar; do
    cp "$src/800x480/$s.png" "$dst/800x480/$s.png"
done
echo "$dst: $(find "$dst" -name '*.png' | wc -l) screenshots"
