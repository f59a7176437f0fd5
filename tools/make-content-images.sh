#!/bin/sh
# Render the icons and the logo of the default content tree
# (content/images/) from the Material Icons font, white on transparent.
# The PNGs are committed; run this only to change or add an image.
# Needs ImageMagick (convert) and fonts-material-design-icons-iconfont.
# Usage: tools/make-content-images.sh [content-dir]
set -eu

OUT=${1:-content}/images
ICONFONT=/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf

if [ ! -f "$ICONFONT" ]; then
    echo "missing $ICONFONT: apt-get install fonts-material-design-icons-iconfont" >&2
    exit 1
fi
mkdir -p "$OUT/icons"

# utf8 HEX: the UTF-8 bytes of a code point from U+0800 to U+FFFF (every
# Material Icons glyph is there). Spelled out in octal because printf's \u
# is neither POSIX nor locale-independent.
utf8() {
    cp=$((0x$1))
    printf "$(printf '\\%03o\\%03o\\%03o' $((0xE0 | (cp >> 12))) \
        $((0x80 | ((cp >> 6) & 0x3F))) $((0x80 | (cp & 0x3F))))"
}

# glyph CODEPOINT POINTSIZE CANVAS FILE: one icon, centred on a square
# transparent canvas. Every icon gets the same pointsize, so all keep the
# font's optical sizes and margins. No dates in the files: a re-run gives the
# same bytes, so publishing sees no change.
glyph() {
    convert -background none -fill white -font "$ICONFONT" -pointsize "$2" \
        label:"$(utf8 "$1")" -gravity center -extent "${3}x${3}" \
        -define png:exclude-chunks=date,time -strip "$4"
}

# id         codepoint  Material Icons name
while read -r id cp; do
    glyph "$cp" 232 256 "$OUT/icons/$id.png"
done <<LIST
bewerbung        ea23
mobilitaet       e940
energie          ea0b
gesundheit       eaa2
bildung          e80c
zeitplan         ebcc
ergebnis         e153
LIST

# Logo: the city pictogram alone. The kiosk shows the title as text beside
# it, so a wordmark would say the same thing twice.
# Trimmed to the pictogram, so it fills the space the kiosk gives a logo.
glyph e7f1 256 256 "$OUT/logo.png"
convert "$OUT/logo.png" -trim +repage -define png:exclude-chunks=date,time -strip "$OUT/logo.png"
