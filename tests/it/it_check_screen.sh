#!/bin/sh
# kiosk --check sees what the screen sees (check.h): images decoded whole, every
# text laid out at the five sizes with and without large text, texts too long
# to read, the tree's entries by the publisher's rule; --strict turns warnings
# into exit 1. Each diagnostic with its exact position and exit status.
. tests/lib.sh

good=tests/fixtures/good

# both: status without --strict, status with it, then the output of the latter
both() {
    want=$1; want_strict=$2; desc=$3; dir=$4
    expect_status "$want" "$desc exits $want" "$KIOSK" --check "$dir"
    cp "$TMP/out" "$TMP/plain"
    expect_status "$want_strict" "$desc exits $want_strict with --strict" "$KIOSK" --check --strict "$dir"
}

# --- an image with a valid header and broken data -------------------------------
both 1 1 "a PNG whose data is broken" tests/fixtures/check-image
contains "$TMP/out" "domains/energie.yaml:8:7: error: image 'images/kaputt.png' does not decode" \
    "the broken image is an error at the icon: that names it"
if grep -q ': ok (' "$TMP/out"; then not_ok "a broken image does not say ok"; else ok "a broken image does not say ok"; fi

# --- texts too long to read, and cut on screen ------------------------------------
both 0 1 "over-long and cut titles" tests/fixtures/check-long
for f in "$TMP/plain" "$TMP/out"; do
    contains "$f" "domains/mobilitaet.yaml:6:7: warning: the domain's title is 227 characters long; a resident at a kiosk reads at most 60" \
        "a 227-character title is too long to read, at its position"
    # the menu cuts no title: a tile grows with its text, and a word too
    # wide for it gets smaller, down to the floor, then breaks with a hyphen
    if grep -q "cut off with an ellipsis on the menu" "$f"; then
        not_ok "the menu cuts neither title"; grep "cut off" "$f" | sed 's/^/#   /' | head -n 5
    else
        ok "the menu cuts neither title"
    fi
done
if grep -q "domains/mobilitaet.yaml:7:7: warning: the domain's title" "$TMP/out"; then
    not_ok "a 57-character title is not too long"; else ok "a 57-character title is not too long"; fi
contains "$TMP/plain" "tests/fixtures/check-long: ok (" "warnings alone still say ok"
contains "$TMP/out" "warnings fail the check with --strict" "--strict says why it fails"

# --- the tree's entries: links, FIFOs, stray files ------------------------------------
t="$TMP/tree"
cp -R "$good" "$t"
ln -s /etc/passwd "$t/images/passwort.png"
both 1 1 "a symbolic link out of the tree" "$t"
contains "$TMP/out" "images/passwort.png: error: a symbolic link; a content tree holds plain files and folders only" \
    "the link is an error naming it"
rm "$t/images/passwort.png"
ln -s /etc "$t/extern"
both 1 1 "a symbolic link to a folder out of the tree" "$t"
contains "$TMP/out" "extern: error: a symbolic link" "the folder link is an error, not followed"
if grep -q "extern/" "$TMP/out"; then not_ok "the linked folder is not walked"; else ok "the linked folder is not walked"; fi
rm "$t/extern"

if mkfifo "$t/domains/rohr" 2>/dev/null; then
    both 1 1 "a FIFO in the tree" "$t"
    contains "$TMP/out" "domains/rohr: error: not a plain file (a FIFO, socket or device); remove it" \
        "the FIFO is an error naming it"
    rm "$t/domains/rohr"
else
    ok "# SKIP mkfifo is not available"
fi

echo "spare" >"$t/images/entwurf.png"
echo "# Notes" >"$t/README.md"
echo "# Sources" >"$t/SOURCES.md"
echo "# Licences" >"$t/images/LICENSE.md"
both 0 1 "a file no content names" "$t"
contains "$TMP/out" "images/entwurf.png: warning: no content file names this file; it is not published" \
    "the unreferenced file is a warning naming it"
if grep -q '\.md' "$TMP/out"; then not_ok "documentation (*.md) is not reported"; sed 's/^/#   /' "$TMP/out"; else ok "documentation (*.md) is not reported"; fi
contains "$TMP/out" "0 errors, 1 warning" "one warning, nothing else"
rm "$t/images/entwurf.png"
both 0 0 "the same tree without the stray file" "$t"

# --- a character no font of the screen has: an error, never a box ------------------
g="$TMP/glyph"
cp -R "$good" "$g"
# line 20: the English paragraph with a CJK character (Noto Sans lacks it);
# line 27: Arabic, which Noto Sans Arabic draws: no error
sed -i -e '20s/.*/          en: Power and heat (\xE6\x9D\xB1) are distributed./' \
    -e '27s/.*/          de: \xD8\xA7\xD9\x84\xD8\xB7\xD8\xA7\xD9\x82\xD8\xA9 2018 (Energie)/' \
    "$g/domains/energie.yaml"
both 1 1 "a character none of the fonts has" "$g"
contains "$TMP/out" "domains/energie.yaml:20:15: error: character U+6771" \
    "the missing glyph is an error at the text, with its code point"
contains "$TMP/out" "character 17 of the text" "and where in the text it is"
if grep -q "energie.yaml:27" "$TMP/out"; then not_ok "Arabic text has its glyphs (Noto Sans Arabic)"; \
    sed 's/^/#   /' "$TMP/out"; else ok "Arabic text has its glyphs (Noto Sans Arabic)"; fi
contains "$TMP/out" "1 error" "one error, nothing else"

# --- usage ---------------------------------------------------------------------------
expect_status 2 "--check --strict without a folder exits 2" "$KIOSK" --check --strict
expect_status 0 "--strict may also follow the folder" "$KIOSK" --check "$good" --strict
expect_status 0 "--strict on a clean tree exits 0" "$KIOSK" --strict --check "$good"

# --- the bundled content --------------------------------------------------------------
# It checks clean with --strict: no errors, no warnings.
if [ -f content/kiosk.yaml ]; then
    "$KIOSK" --check --strict content >"$TMP/out" 2>&1
    rc=$?
    other_diags "$TMP/out" >"$TMP/other"
    if [ -s "$TMP/other" ]; then
        not_ok "the bundled content has no errors or warnings"; sed 's/^/#   /' "$TMP/other"
    else
        ok "the bundled content has no errors or warnings"
    fi
    if [ "$rc" -eq 0 ]; then ok "build/kiosk --check --strict content exits 0"; else not_ok "build/kiosk --check --strict content exits 0 (got $rc)"; sed 's/^/#   /' "$TMP/out"; fi
fi
