#!/bin/sh
# What kiosk-publish refuses to publish, end to end against a real nginx on
# 127.0.0.1: a symbolic link out of the tree (k -> the key folder), a file
# the content does not use, a FIFO, a key others may read, a key whose
# public half is damaged, notices no kiosk would accept. Each refusal exits
# non-zero with a message naming the problem, leaves OUT_DIR exactly as it
# was (checksum listing), and a kiosk polling the channel keeps its content.
. tests/lib.sh
. tests/nginx-lib.sh
trap 'nginx_stop; rm -rf "$TMP"' EXIT

nginx_require "publishing"

ST=$TMP/state
WWW=$TMP/www
KEYS=$TMP/keys
SRC=$TMP/src

publish() { # publish SRC [options]: output in $TMP/out
    src=$1; shift
    timeout 60 "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$@" "$src" "$WWW"
}
update() {
    "$KIOSK" --update-once --channel "$NGINX_URL/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
        --state-dir "$ST" --update-timeout 8 >"$TMP/upd" 2>&1
}
listing() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) }
# refused N "description" SRC [options]: publish exits N, OUT_DIR unchanged
refused() {
    want=$1; desc=$2; shift 2
    listing "$WWW" >"$TMP/before"
    expect_status "$want" "$desc" publish "$@"
    listing "$WWW" >"$TMP/after"
    check "$desc: nothing written" cmp -s "$TMP/before" "$TMP/after"
}
no_secret_served() {
    ! grep -rqs 'kiosk-ed25519-secret' "$WWW" &&
        test "$(curl -s -o /dev/null -w '%{http_code}' "$NGINX_URL/pub/objects/$keyhash")" = 404
}

"$PUBLISH" keygen --out "$KEYS" >/dev/null 2>&1
keyhash=$(sha256sum "$KEYS/kiosk.key" | cut -c1-64)
make_content "$SRC" v1
add_logo "$SRC" 1000
printf '# Notes\n' >"$SRC/README.md"
printf '# Licences\n' >"$SRC/images/LICENSE.md"
mkdir "$SRC/.git" && echo secret >"$SRC/.git/config"
nginx_start "" || { echo "not ok - nginx starts"; exit 0; }

expect_status 0 "publish v1" publish "$SRC"
contains "$TMP/out" "README.md: documentation, not published" "documentation is skipped with a note"
check "only the files the content uses are objects" test "$(ls "$WWW/objects" | wc -l)" -eq 4
check "no documentation in the manifest" sh -c "! grep -q 'README.md\|LICENSE.md\|.git' '$WWW/rathaus/manifest.yaml'"
expect_status 0 "a kiosk installs v1" update
cur=$(readlink "$ST/current")

# --- attack 1: k -> the key folder -------------------------------------------------
ln -s "$KEYS" "$SRC/k"
refused 1 "publish refuses a symbolic link to the key folder" "$SRC"
contains "$TMP/out" "k: a symbolic link" "the refusal names the link"
check "the key is in no object and not served" no_secret_served
rm "$SRC/k"
ln -s "$KEYS/kiosk.key" "$SRC/domains/notes.txt"
refused 1 "publish refuses a link to the key file itself" "$SRC"
contains "$TMP/out" "domains/notes.txt: a symbolic link" "the refusal names that link"
rm "$SRC/domains/notes.txt"
mv "$SRC/images/logo.png" "$SRC/logo-real.png"
ln -s ../logo-real.png "$SRC/images/logo.png"
refused 1 "publish refuses a used image that is a link inside the tree" "$SRC"
contains "$TMP/out" "images/logo.png: a symbolic link" "the refusal names the linked image"
rm "$SRC/images/logo.png"
mv "$SRC/logo-real.png" "$SRC/images/logo.png"
mkdir -p "$TMP/elsewhere" && mv "$SRC/images" "$TMP/elsewhere/" && ln -s "$TMP/elsewhere/images" "$SRC/images"
refused 1 "publish refuses a linked folder" "$SRC"
rm "$SRC/images" && mv "$TMP/elsewhere/images" "$SRC/"

# --- a file the content does not use, a FIFO -----------------------------------------
cp "$KEYS/kiosk.key" "$SRC/images/backup.key"
chmod 600 "$SRC/images/backup.key"
refused 1 "publish refuses a file the content does not use" "$SRC"
contains "$TMP/out" "images/backup.key: not used by the content" "the refusal names the file"
check "the copied key is in no object and not served" no_secret_served
rm "$SRC/images/backup.key"
mkfifo "$SRC/domains/pipe"
refused 1 "publish refuses a FIFO (without hanging)" "$SRC"
contains "$TMP/out" "domains/pipe: not a regular file" "the refusal names the FIFO"
rm "$SRC/domains/pipe"

# --- keys -------------------------------------------------------------------------------
chmod 644 "$KEYS/kiosk.key"
refused 1 "publish refuses a key others may read" "$SRC"
contains "$TMP/out" "chmod 600" "it says how to fix it"
chmod 640 "$KEYS/kiosk.key"
refused 1 "publish refuses a key its group may read" "$SRC"
chmod 600 "$KEYS/kiosk.key"
cp "$KEYS/kiosk.key" "$TMP/good.key"
# flip one byte of the public half (bytes 32..63 of the 64)
awk '{print $2}' "$TMP/good.key" | base64 -d >"$TMP/sk.bin"
{ head -c 40 "$TMP/sk.bin"; printf 'X'; tail -c 23 "$TMP/sk.bin"; } >"$TMP/sk2.bin"
printf 'kiosk-ed25519-secret %s\n' "$(base64 -w0 "$TMP/sk2.bin")" >"$KEYS/kiosk.key"
refused 1 "publish refuses a key whose public half is damaged" "$SRC"
contains "$TMP/out" "public half does not match" "it says the key is damaged"
cp "$TMP/good.key" "$KEYS/kiosk.key"
cp "$KEYS/kiosk.pub" "$TMP/good.pub"
"$PUBLISH" keygen --out "$TMP/other" >/dev/null 2>&1
cp "$TMP/other/kiosk.pub" "$KEYS/kiosk.pub"
refused 1 "publish refuses a key whose kiosk.pub beside it is another key's" "$SRC"
contains "$TMP/out" "does not belong to the secret key" "it names the mismatch"
cp "$TMP/good.pub" "$KEYS/kiosk.pub"

# --- the kiosk saw none of it ------------------------------------------------------------
expect_status 0 "the kiosk polls after the refusals" update
check "the kiosk's content is unchanged" test "$(readlink "$ST/current")" = "$cur"
check "the kiosk holds no key" sh -c "! grep -rqs 'kiosk-ed25519-secret' '$ST'"
expect_status 0 "the clean tree publishes again" publish "$SRC"

# --- attack 5: notices no kiosk could read are refused, nothing written -----------
# notice FILE DE STARTS ENDS
notice() {
    printf 'text:\n  de: "%s"\n  en: "closed"\nstarts: %s\nends: %s\n' "$2" "$3" "$4" >"$1"
}
at() { date -u -d "$1" +%Y-%m-%dT%H:%M:%SZ; }
update
cur=$(readlink "$ST/current")
notice "$TMP/c1.yaml" 'Heute \x9b31m geschlossen' "$(at '-1 hour')" "$(at '+1 hour')"
refused 2 "publish refuses a notice with a C1 control character" "$SRC" --notice "$TMP/c1.yaml"
contains "$TMP/out" "control character" "it says why"
notice "$TMP/nel.yaml" 'Heute\x85zu' "$(at '-1 hour')" "$(at '+1 hour')"
refused 2 "publish refuses a notice with NEL (U+0085)" "$SRC" --notice "$TMP/nel.yaml"
notice "$TMP/ls.yaml" 'Heute zu\u2028--- \u2029' "$(at '-1 hour')" "$(at '+1 hour')"
refused 2 "publish refuses a notice with U+2028 followed by ---" "$SRC" --notice "$TMP/ls.yaml"
contains "$TMP/out" "U+2028" "it names the separator"
notice "$TMP/y1.yaml" 'Heute zu' "1970-01-01T00:30:00+01:00" "$(at '+1 hour')"
refused 2 "publish refuses a start that its offset moves before 1970" "$SRC" --notice "$TMP/y1.yaml"
contains "$TMP/out" "starts" "it names the time"
notice "$TMP/y2.yaml" 'Heute zu' "$(at '-1 hour')" "9999-12-31T23:30:00-01:00"
refused 2 "publish refuses an end that its offset moves past 9999" "$SRC" --notice "$TMP/y2.yaml"
contains "$TMP/out" "ends" "it names the time"
notice "$TMP/good.yaml" 'Bürgerbüro – heute „zu“' "$(at '-1 hour')" "$(at '+1 hour')"
expect_status 0 "a notice with umlauts and quotes publishes" publish "$SRC" --notice "$TMP/good.yaml"
expect_status 0 "and a kiosk installs it" update
check "the kiosk keeps the notice" grep -q 'Bürgerbüro' "$ST/notice.yaml"
expect_status 0 "the next publish reads the channel's manifest" publish "$SRC"
expect_status 0 "gc reads every manifest" "$PUBLISH" gc --dry-run "$WWW"
