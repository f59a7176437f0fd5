#!/bin/sh
# Render the icons and the wordmark of the default content tree
# (content/images/) from the Material Icons font, white on transparent.
# The PNGs are committed; run this only to change or add an image.
# Needs ImageMagick (convert), fonts-material-design-icons-iconfont and
# the bundled DejaVu fonts. Usage: tools/make-content-images.sh [content-dir]
set -eu

OUT=${1:-content}/images
ICONFONT=/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf
SANS=assets/fonts/DejaVuSans.ttf
BOLD=assets/fonts/DejaVuSans-Bold.ttf

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
digitale-doerfer e587
LIST

# Wordmark: city pictogram, then "Kaiserslautern" over "digitale Stadt".
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
glyph e7f1 200 200 "$tmp/city.png"
convert -background none -fill white -font "$BOLD" -pointsize 64 label:"Kaiserslautern" "$tmp/l1.png"
convert -background none -fill white -font "$SANS" -pointsize 50 label:"digitale Stadt" "$tmp/l2.png"
convert -background none "$tmp/l1.png" "$tmp/l2.png" -gravity west -append "$tmp/words.png"
convert -background none "$tmp/city.png" \( -size 24x1 xc:none \) "$tmp/words.png" -gravity center +append \
    -trim +repage -bordercolor none -border 8 \
    -define png:exclude-chunks=date,time -strip "$OUT/logo.png"
