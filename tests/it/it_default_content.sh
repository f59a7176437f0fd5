#!/bin/sh
# The default content tree (content/) is what a new kiosk shows: it must load
# without a single error or warning, keep its colours readable, and stay small.
. tests/lib.sh

C=content

"$KIOSK" --check "$C" >"$TMP/out" 2>"$TMP/err"
rc=$?
if [ "$rc" -eq 0 ]; then ok "default content passes --check"; else not_ok "default content passes --check (exit $rc)"; fi
# (but for the texts the layout cuts today, being reflowed elsewhere: lib.sh)
if ! other_diags "$TMP/err" | grep -q .; then
    ok "default content has no errors or warnings"
else
    not_ok "default content has no errors or warnings"
    sed 's/^/#   /' "$TMP/err" | head -n 20
fi
contains "$TMP/out" "ok (" "check reports the loaded tree"

# WCAG 2 contrast ratio of two "#rrggbb" colours.
contrast() {
    awk -v a="$1" -v b="$2" '
        function hex(s,   i, v) { v = 0; s = tolower(s)
            for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v }
        function ch(c) { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4 }
        function lum(h) { return 0.2126 * ch(hex(substr(h, 2, 2))) + 0.7152 * ch(hex(substr(h, 4, 2))) \
                               + 0.0722 * ch(hex(substr(h, 6, 2))) }
        BEGIN { x = lum(a); y = lum(b); if (x < y) { t = x; x = y; y = t }
                printf "%.2f\n", (x + 0.05) / (y + 0.05) }'
}
# at_least RATIO MIN: exit 0 when RATIO >= MIN
at_least() { awk -v r="$1" -v m="$2" 'BEGIN { exit !(r + 0 >= m + 0) }'; }

theme() { sed -n "s/^  $1: *\"\\(#[0-9a-fA-F]\\{6\\}\\)\".*/\\1/p" "$C/kiosk.yaml"; }
bg=$(theme background); surface=$(theme surface); text=$(theme text); muted=$(theme muted); accent=$(theme accent)

for pair in "text:$text:background:$bg" "text:$text:surface:$surface" "muted:$muted:background:$bg" \
            "muted:$muted:surface:$surface" "accent:$accent:background:$bg"; do
    IFS=: read -r n1 c1 n2 c2 <<EOF
$pair
EOF
    r=$(contrast "$c1" "$c2")
    if at_least "$r" 7; then ok "theme $n1 on $n2 has contrast $r (>= 7)"; else not_ok "theme $n1 on $n2 has contrast $r (< 7)"; fi
done

# Slide and domain colours are accents on the light theme: they carry white
# (the slides' text, the icons on their discs) at >= 7:1, and stand out on
# the surface as marks (stripes, bullets) at >= 3:1.
bad=""
for f in "$C/attract.yaml" "$C"/domains/*.yaml; do
    for col in $(sed -n 's/^ *color: *"\(#[0-9a-fA-F]\{6\}\)".*/\1/p' "$f"); do
        r=$(contrast "$col" "#ffffff")
        at_least "$r" 7 || bad="$bad ${f#$C/}:$col(white $r)"
        r=$(contrast "$col" "$surface")
        at_least "$r" 3 || bad="$bad ${f#$C/}:$col(surface $r)"
    done
done
if [ -z "$bad" ]; then ok "every slide and domain colour carries white at >= 7:1 and marks the surface at >= 3:1"; else not_ok "colours too weak:$bad"; fi

# Small enough to publish in a moment: no image over 64 KiB, the tree under 512 KiB.
big=$(find "$C" -type f -name '*.png' -size +64k)
if [ -z "$big" ]; then ok "no image over 64 KiB"; else not_ok "images over 64 KiB: $big"; fi
kib=$(du -sk "$C" | cut -f1)
if [ "$kib" -lt 512 ]; then ok "content tree is $kib KiB (< 512)"; else not_ok "content tree is $kib KiB (>= 512)"; fi

# Every domain in the menu has an icon, and every icon is a PNG.
for f in "$C"/domains/*.yaml; do
    icon=$(sed -n 's/^icon: *\(.*\)$/\1/p' "$f")
    id=$(basename "$f" .yaml)
    if [ -n "$icon" ] && [ "$(head -c 4 "$C/$icon" | od -An -c | tr -d ' ')" = '211PNG' ]; then
        ok "domain $id has a PNG icon"
    else
        not_ok "domain $id has a PNG icon ($icon)"
    fi
done
