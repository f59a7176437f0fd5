#!/bin/sh
# kiosk --speak-content: every text of the content spoken in every declared
# language into one WAV, and each language into its own WAV beside it with
# the language's voice: valid files, not silence, as long as the text.
. tests/lib.sh

# rms WAV: sox's RMS amplitude of the file (empty without sox)
rms() {
    sox "$1" -n stat 2>&1 | awk -F: '/RMS +amplitude/ {gsub(/ /, "", $2); print $2; exit}'
}
# not_silent WAV WHAT: ok when the RMS amplitude is above 0.01
not_silent() {
    r=$(rms "$1")
    if awk -v r="${r:-0}" 'BEGIN {exit !(r > 0.01)}'; then ok "$2 is not silent (RMS $r)"
    else not_ok "$2 is not silent (RMS ${r:-?})"; fi
}
# voices YAML: "code voice" for each language a kiosk.yaml declares
voices() {
    awk '/^languages:/ {on = 1; next} on && /^[^ #]/ {on = 0}
         on && $1 == "-" && $2 == "code:" {code = $3}
         on && $1 == "voice:" {print code, $2}' "$1"
}

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

# one WAV per declared language, each said with its declared voice; they
# are the whole WAV's parts, in the order of the declaration
voices content/kiosk.yaml >"$TMP/voices"
check "the bundled content declares six languages with their voices" test "$(wc -l <"$TMP/voices")" -eq 6
parts=0
while read -r code voice; do
    part="$TMP/content.$code.wav"
    check "$code is said into its own WAV" test -s "$part"
    if grep -Eq "^$code \(.*\): voice $voice, [0-9]+ characters .*: $part\$" "$TMP/said"; then
        ok "$code is said with its declared voice $voice"
    else
        not_ok "$code is said with its declared voice $voice"; sed 's/^/#   /' "$TMP/said"
    fi
    command -v sox >/dev/null 2>&1 && not_silent "$part" "$code's speech"
    parts=$((parts + $(wc -c <"$part") - 44))
done <"$TMP/voices"
check "the languages' WAVs are the whole WAV in parts" test "$parts" -eq "$(($(wc -c <"$wav") - 44))"
check "no voice is missing for the bundled content" sh -c "! grep -q 'has no voice' '$TMP/said'"
order=$(sed -n 's/^\([a-z-]*\) (.*): voice .*/\1/p' "$TMP/said" | tr '\n' ' ')
check "the languages are said in the declared order ($order)" test "$order" = "$(cut -d' ' -f1 "$TMP/voices" | tr '\n' ' ')"

# a language whose voice espeak-ng lacks (Frisian) speaks German, said once
fy="$TMP/fy"
cp -r tests/fixtures/langs "$fy"
awk '{print} /^    fallback: en$/ && !d {print "  - code: fy\n    name: Frysk\n    voice: fy"; d = 1}
     /^title:/ {t = 1} t && /^  de: / {print "  fy: Kaiserslautern – digitale stêd"; t = 0}' tests/fixtures/langs/kiosk.yaml >"$fy/kiosk.yaml"
expect_status 0 "--speak-content with a voice espeak-ng lacks exits 0" "$KIOSK" --content "$fy" --speak-content "$TMP/fy.wav"
contains "$TMP/out" "fy (Frysk): voice de (espeak-ng has no 'fy')" "the Frisian text is said with the German voice"
check "the missing voice is logged once" test "$(grep -c "espeak-ng has no voice 'fy': speaking German" "$TMP/out")" -eq 1
contains "$TMP/out" "en (English): voice en-gb," "the fixture's English keeps its own voice (en-gb)"
command -v sox >/dev/null 2>&1 && not_silent "$TMP/fy.fy.wav" "the Frisian speech"
# Leichte Sprache with texts of its own is said (German voice); without, not
contains "$TMP/out" "leicht (Leichte Sprache): voice de," "Leichte Sprache is said with the German voice"
make_content "$TMP/plain" "Ohne Leichte Sprache"
expect_status 0 "--speak-content on a tree without Leichte Sprache exits 0" "$KIOSK" --content "$TMP/plain" --speak-content "$TMP/plain.wav"
contains "$TMP/out" "leicht (Leichte Sprache): no text of its own, not said" "Leichte Sprache without texts of its own is not said again"
check "and gets no WAV" test ! -e "$TMP/plain.leicht.wav"

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
