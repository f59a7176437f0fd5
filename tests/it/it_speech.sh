#!/bin/sh
# kiosk --speak-content: every text of the content spoken, German then
# English, into one WAV: a valid file, not silence, as long as the text.
. tests/lib.sh

wav="$TMP/content.wav"
expect_status 0 "--speak-content on the bundled content exits 0" "$KIOSK" --content content --speak-content "$wav"
cp "$TMP/out" "$TMP/said"
check "the WAV file is written" test -s "$wav"
check "it starts with a RIFF/WAVE header" sh -c "[ \"\$(head -c 4 '$wav')\" = RIFF ] && [ \"\$(dd if='$wav' bs=1 skip=8 count=8 2>/dev/null)\" = 'WAVEfmt ' ]"

if command -v sox >/dev/null 2>&1; then
    sox --i "$wav" >"$TMP/info" 2>&1
    contains "$TMP/info" "Channels       : 1" "sox reads it: mono"
    contains "$TMP/info" "16-bit Signed Integer PCM" "sox reads it: 16-bit PCM"
    sox "$wav" -n stat 2>"$TMP/stat"
    rms=$(awk -F: '/RMS +amplitude/ {gsub(/ /, "", $2); print $2; exit}' "$TMP/stat")
    secs=$(awk -F: '/Length \(seconds\)/ {gsub(/ /, "", $2); print $2; exit}' "$TMP/stat")
    if awk -v r="${rms:-0}" 'BEGIN {exit !(r > 0.01)}'; then ok "the speech is not silent (RMS $rms)"
    else not_ok "the speech is not silent (RMS ${rms:-?})"; sed 's/^/#   /' "$TMP/stat"; fi
else
    not_ok "sox is installed (tools/install-deps.sh --test)"
    secs=""
fi

# the length matches the amount of text: 0.02 to 0.2 s a character
chars=$(sed -n 's/.*: \([0-9]*\) characters, .*/\1/p' "$TMP/said")
if [ "${chars:-0}" -gt 5000 ]; then ok "the whole content is said ($chars characters)"
else not_ok "the whole content is said (${chars:-no} characters)"; sed 's/^/#   /' "$TMP/said"; fi
if [ -n "$secs" ] && awk -v s="$secs" -v c="${chars:-0}" 'BEGIN {exit !(c > 0 && s >= 0.02 * c && s <= 0.2 * c)}'; then
    ok "its length is plausible ($secs s for $chars characters)"
else
    not_ok "its length is plausible (${secs:-?} s for ${chars:-?} characters)"
fi

# a smaller content says less, in proportion
small="$TMP/small.wav"
expect_status 0 "--speak-content on a small tree exits 0" "$KIOSK" --content tests/fixtures/good --speak-content "$small"
check "the small tree's speech is shorter" test "$(wc -c <"$small")" -lt "$(wc -c <"$wav")"
check "the small tree's speech is not empty" test "$(wc -c <"$small")" -gt 100000

# failures: no content, no place to write
expect_status 1 "--speak-content on a missing folder exits 1" "$KIOSK" --content "$TMP/nowhere" --speak-content "$TMP/x.wav"
check "and writes no file" test ! -e "$TMP/x.wav"
expect_status 1 "an unwritable WAV path exits 1" "$KIOSK" --content tests/fixtures/good --speak-content "$TMP/no/such/dir/x.wav"
contains "$TMP/out" "$TMP/no/such/dir/x.wav" "the unwritable path is named"
expect_status 0 "--help describes --speak-content" "$KIOSK" --help
contains "$TMP/out" "--speak-content WAV" "--help names --speak-content"
