#!/bin/sh
# Content updates end to end: kiosk-publish writes a channel, a real nginx on
# 127.0.0.1 serves it, and `kiosk --update-once` fetches, verifies and swaps.
# Every failure case asserts that the shown tree (STATE/current) is exactly
# what it was and that the reason is in the exit status and the log line.
# Ends with kill -9 at random moments of updates against a throttled server.
. tests/lib.sh
. tests/nginx-lib.sh
trap 'nginx_stop; rm -rf "$TMP"' EXIT

KILL_ROUNDS=${KILL_ROUNDS:-50}
ST=$TMP/state
WWW=$TMP/www
KEYS=$TMP/keys

nginx_require "content updates"

# tree_sum DIR: one hash over every file's path and content
tree_sum() {
    (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-64
}

update() { # update URL [options]: one cycle into $ST; output in $TMP/out
    url=$1; shift
    "$KIOSK" --update-once --channel "$url" --public-key "$KEYS/kiosk.pub" --state-dir "$ST" \
        --update-timeout 8 "$@" >"$TMP/out" 2>&1
}

# --- publishing ------------------------------------------------------------------
expect_status 0 "keygen writes a key pair" "$PUBLISH" keygen --out "$KEYS"
check "secret key is mode 0600" test "$(stat -c %a "$KEYS/kiosk.key")" = 600
check "public key is written" grep -q '^kiosk-ed25519-public ' "$KEYS/kiosk.pub"
expect_status 1 "keygen refuses to overwrite a key" "$PUBLISH" keygen --out "$KEYS"
"$PUBLISH" keygen --out "$TMP/keys2" >/dev/null 2>&1

make_content "$TMP/src/v1" v1
expect_status 0 "publish v1" "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v1" "$WWW"
check "manifest, signature and objects are written" \
    test -f "$WWW/rathaus/manifest.yaml" -a -f "$WWW/rathaus/manifest.yaml.sig" -a \
    "$(ls "$WWW/objects" | wc -l)" -eq 3
mkdir -p "$TMP/old/rathaus"
cp "$WWW/rathaus/manifest.yaml" "$WWW/rathaus/manifest.yaml.sig" "$TMP/old/rathaus/"
v1=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")

cp -R "$TMP/src/v1" "$TMP/broken"
printf 'schema: 1\ntitle: [unclosed\n' >"$TMP/broken/kiosk.yaml"
expect_status 1 "publish refuses broken content" "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/broken" "$WWW"
contains "$TMP/out" "kiosk.yaml:" "publish prints the loader's diagnostics"
check "a refused publish leaves the channel unchanged" cmp -s "$WWW/rathaus/manifest.yaml" "$TMP/old/rathaus/manifest.yaml"
expect_status 0 "publishing unchanged content is a no-op" "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v1" "$WWW"
contains "$TMP/out" "unchanged" "publish says nothing changed"
obj=$(ls "$WWW/objects" | head -n 1)
echo damaged >"$WWW/objects/$obj"
"$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v1" "$WWW" >/dev/null 2>&1
check "publishing again repairs a damaged object on the server" test "$(sha256sum "$WWW/objects/$obj" | cut -c1-64)" = "$obj"
expect_status 2 "publish refuses a bad channel name" "$PUBLISH" --key "$KEYS/kiosk.key" --channel "../x" "$TMP/src/v1" "$WWW"
cp -R "$TMP/src/v1" "$TMP/badname"
echo x >"$TMP/badname/mit leerzeichen.png"
expect_status 1 "publish refuses a file name a kiosk would refuse" "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/badname" "$WWW"

# --- the server: views of the published folder with nginx's own failure modes ----
mkdir -p "$TMP/bad/trunc" "$TMP/bad/wrong" "$TMP/bad/bigger" "$TMP/tampered/rathaus" "$TMP/www2"
LOCATIONS="
        location /e500/ { return 500; }
        location /rate/ { alias $WWW/; limit_rate 4k; }
        location /trickle/ { alias $WWW/; limit_rate 20; }
        location /kill/ { alias $WWW/; limit_rate 8k; }
        location /trunc/objects/ { alias $TMP/bad/trunc/; }
        location /trunc/ { alias $WWW/; }
        location /wrong/objects/ { alias $TMP/bad/wrong/; }
        location /wrong/ { alias $WWW/; }
        location /bigger/objects/ { alias $TMP/bad/bigger/; }
        location /bigger/ { alias $WWW/; }
        location = /nosig/rathaus/manifest.yaml.sig { return 404; }
        location /nosig/ { alias $WWW/; }
        location /tampered/objects/ { alias $WWW/objects/; }
        location /tampered/ { alias $TMP/tampered/; }
        location /other/ { alias $TMP/www2/; }
        location /old/objects/ { alias $WWW/objects/; }
        location /old/ { alias $TMP/old/; }
        location /craft/objects/ { alias $WWW/objects/; }
        location /bare304/ { return 304; }
        location /swap/objects/ { alias $WWW/objects/; }
        location /swap/rathaus/ { alias $WWW/bibliothek/; }
        location /renamed/objects/ { alias $WWW/objects/; }
        location /renamed/rathaus-2026/ { alias $WWW/rathaus/; }
        location /craft/ { alias $TMP/craft/; }
"
nginx_start "$LOCATIONS" || { not_ok "nginx starts on 127.0.0.1"; exit 1; }
ok "nginx starts on 127.0.0.1:$NGINX_PORT"
U=$NGINX_URL

# --- update, swap, 304, one-file change ------------------------------------------------
expect_status 1 "no state yet: --check of STATE/current fails" "$KIOSK" --check "$ST/current"
update "$U/pub/rathaus/"
check "first update succeeds" test $? -eq 0
contains "$TMP/out" "updated to version $v1" "first update reports the version"
check "current points at trees/<version>" test "$(readlink "$ST/current")" = "trees/$v1"
expect_status 0 "the swapped-in tree passes --check" "$KIOSK" --check "$ST/current"
check "the tree is the published content, whole" diff -r "$TMP/src/v1" "$ST/current/"

lines=$(wc -l <"$TMP/nginx/logs/access.log")
update "$U/pub/rathaus/"
check "unchanged channel: update succeeds" test $? -eq 0
contains "$TMP/out" "already current" "unchanged channel: already current"
new=$(tail -n +$((lines + 1)) "$TMP/nginx/logs/access.log")
check "unchanged channel costs one request" test "$(echo "$new" | wc -l)" -eq 1
check "that request is a 304 with no body" test "$(echo "$new" | awk '{print $2, $3}')" = "304 0"

make_content "$TMP/src/v2" v2
"$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v2" "$WWW" >"$TMP/pub.out" 2>&1
contains "$TMP/pub.out" "1 new objects" "a one-file change adds one object"
v2=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
check "the version grows" test "$v2" -gt "$v1"
lines=$(wc -l <"$TMP/nginx/logs/access.log")
update "$U/pub/rathaus/"
check "update to v2 succeeds" test $? -eq 0
check "a one-file change fetches one object" test "$(tail -n +$((lines + 1)) "$TMP/nginx/logs/access.log" | grep -c '/objects/')" -eq 1
check "v2 is shown" grep -q "Inhalt v2" "$ST/current/domains/energie.yaml"
check "previous points at v1 for rollback" test "$(readlink "$ST/previous")" = "trees/$v1"

# --- v3 on the server; every failure must keep v2 ---------------------------------------
make_content "$TMP/src/v3" v3
add_logo "$TMP/src/v3" 262144
"$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v3" "$WWW" >/dev/null 2>&1
v3=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
for o in "$WWW"/objects/*; do
    h=$(basename "$o")
    n=$(stat -c %s "$o")
    head -c $((n / 2)) "$o" >"$TMP/bad/trunc/$h"
    { head -c $((n - 1)) "$o"; printf 'X'; } >"$TMP/bad/wrong/$h"
    { cat "$o"; printf 'extra bytes'; } >"$TMP/bad/bigger/$h"
done
sed 's/^published: .*/published: "2000-01-01T00:00:00.000Z"/' "$WWW/rathaus/manifest.yaml" >"$TMP/tampered/rathaus/manifest.yaml"
cp "$WWW/rathaus/manifest.yaml.sig" "$TMP/tampered/rathaus/"
"$PUBLISH" --key "$TMP/keys2/kiosk.key" --channel rathaus "$TMP/src/v3" "$TMP/www2" >/dev/null 2>&1
# another channel, same key, same server, a newer version than rathaus's,
# with a notice of its own
make_content "$TMP/src/bib" bibliothek
t0=$(date -u +%s)
printf 'text:\n  de: "Bibliothek geschlossen"\n  en: "Library closed"\nstarts: %s\nends: %s\n' \
    "$(date -u -d @$((t0 - 60)) +%Y-%m-%dT%H:%M:%SZ)" "$(date -u -d @$((t0 + 3600)) +%Y-%m-%dT%H:%M:%SZ)" >"$TMP/bib-notice.yaml"
"$PUBLISH" --key "$KEYS/kiosk.key" --channel bibliothek --notice "$TMP/bib-notice.yaml" "$TMP/src/bib" "$WWW" >"$TMP/pub.out" 2>&1
check "channel bibliothek is published with a notice" grep -q '^format: 2' "$WWW/bibliothek/manifest.yaml"

shown=$(tree_sum "$ST/current")
# fails NAME REASON URL [options]: the update fails with REASON and v2 stays
fails() {
    name=$1; reason=$2; url=$3; shift 3
    update "$url" "$@"
    rc=$?
    if [ $rc -eq 1 ] && grep -q "warn updater: update failed, reason=$reason:" "$TMP/out"; then
        ok "$name: exit 1, logged reason=$reason"
    else
        not_ok "$name: exit $rc, wanted 1 and reason=$reason"
        sed 's/^/#   /' "$TMP/out" | head -n 10
    fi
    if [ "$(readlink "$ST/current")" = "trees/$v2" ] && [ "$(tree_sum "$ST/current")" = "$shown" ] &&
        "$KIOSK" --check "$ST/current" >/dev/null 2>&1; then
        ok "$name: v2 still shown, unchanged"
    else
        not_ok "$name: shown content changed"
    fi
}

fails "server down" network "http://127.0.0.1:1/pub/rathaus/"
contains "$TMP/out" "Failed to connect" "server down: the log line says the connection failed"
fails "404" http_404 "$U/pub/nochannel/"
fails "500" http_5xx "$U/e500/rathaus/"
fails "trickling body" too_slow "$U/trickle/rathaus/" --update-min-rate 256
fails "total timeout" timeout "$U/rate/rathaus/" --update-timeout 3 --update-min-rate 100
# issue 16, item 7: one budget for the whole cycle. Each request alone would
# be within --update-timeout 60; the cycle stops at 4 s.
t0=$(date +%s)
fails "a whole cycle over --update-cycle-timeout" timeout "$U/rate/rathaus/" --update-timeout 60 \
    --update-cycle-timeout 4 --update-min-rate 100
check "a whole cycle over its limit ends near it (under 12 s, not 60)" test $(($(date +%s) - t0)) -lt 12
contains "$TMP/out" "(the update cycle's limit of 4 s)" "a whole cycle over its limit: the log line says which limit"
fails "truncated object" truncated "$U/trunc/rathaus/"
fails "wrong object hash" hash "$U/wrong/rathaus/"
fails "object bigger than announced" too_large "$U/bigger/rathaus/"
fails "missing signature" signature "$U/nosig/rathaus/"
contains "$TMP/out" "no signature at $U/nosig/rathaus/manifest.yaml.sig" "missing signature: the log line says it is missing"
fails "tampered manifest" signature "$U/tampered/rathaus/"
contains "$TMP/out" "signature does not match the manifest" "tampered manifest: the log line says the signature does not match"
fails "signed with another key" wrong_key "$U/other/rathaus/"
# nginx's ETag is the file's time and size: given v2's time, the old
# manifest (of v2's size) has the ETag the kiosk keeps for v2. The kiosk's
# validator belongs to the URL it came from, so no If-None-Match goes to the
# other URL and no 304 hides the replay.
e_v2=$(cut -d' ' -f3 "$ST/etag")
t_v2=$(echo "$e_v2" | sed 's/^"\([0-9a-f]*\)-.*/\1/')
touch -d "@$((0x$t_v2))" "$TMP/old/rathaus/manifest.yaml"
e_old=$(curl -sI "$U/old/rathaus/manifest.yaml" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
check "the replayed manifest has the ETag the kiosk keeps for v2 (same time and size)" \
    test -n "$e_v2" -a "$e_v2" = "$e_old"
fails "older manifest (replay)" downgrade "$U/old/rathaus/"
# issue 16, attack 4: the same replay to a kiosk whose trees were wiped, and
# to a state directory of an older kiosk that has no record yet
check "the highest installed version is recorded apart from the trees" test "$(cat "$ST/highest")" = "$v2"
wupdate() { # wupdate URL: one cycle into $TMP/wiped
    "$KIOSK" --update-once --channel "$1" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/wiped" >"$TMP/out" 2>&1
}
cp -a "$ST" "$TMP/wiped"
rm -rf "$TMP/wiped/trees" "$TMP/wiped/current" "$TMP/wiped/previous" "$TMP/wiped/etag" "$TMP/wiped/objects"
wupdate "$U/old/rathaus/"
check "replay to a kiosk with its trees wiped: refused (exit 1)" test $? -eq 1 -a ! -e "$TMP/wiped/current"
contains "$TMP/out" "reason=downgrade: manifest version $v1 is older than $v2, the highest installed" \
    "replay to a kiosk with its trees wiped: logged reason=downgrade"
wupdate "$U/pub/rathaus/"
check "the channel's own manifest installs on the wiped kiosk" test $? -eq 0 -a "$(readlink "$TMP/wiped/current")" = "trees/$v3"
rm -rf "$TMP/wiped"
cp -a "$ST" "$TMP/wiped"
rm -f "$TMP/wiped/highest"
wupdate "$U/old/rathaus/"
check "a state directory without the record: it is seeded from current" test "$(cat "$TMP/wiped/highest" 2>/dev/null)" = "$v2"
rm -rf "$TMP/wiped/trees/$v2" "$TMP/wiped/current"
wupdate "$U/old/rathaus/"
contains "$TMP/out" "reason=downgrade" "... and a replay after its trees are wiped is refused"
rm -rf "$TMP/wiped"
# issue 16, attack 3: channel bibliothek's manifest served at rathaus's URL
fails "another channel's manifest (same key)" wrong_channel "$U/swap/rathaus/"
contains "$TMP/out" "manifest of channel 'bibliothek', this kiosk's channel is 'rathaus'" \
    "another channel's manifest: the log line names both channels"
check "another channel's manifest: its notice is not taken either" test ! -e "$ST/notice.yaml"
# issue 16, attack 4: a bare 304 to a kiosk that sent no validator (it has
# nothing installed) is no "already current"
"$KIOSK" --update-once --channel "$U/bare304/rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/fresh" \
    >"$TMP/out" 2>&1
check "a bare 304 to a kiosk without content: exit 1" test $? -eq 1 -a ! -e "$TMP/fresh/current"
contains "$TMP/out" "reason=http_error: GET $U/bare304/rathaus/manifest.yaml: HTTP 304" \
    "a bare 304: logged as http_error, not as already current"
rm -rf "$TMP/fresh"
# a URL whose last part is not the channel's name: --update-channel-name
expect_status 2 "a channel URL whose last part is no channel name is a usage error" \
    "$KIOSK" --update-once --channel "$U/renamed/Rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/rst"
contains "$TMP/out" "--update-channel-name" "... and the message says how to name the channel"
"$KIOSK" --update-once --channel "$U/renamed/rathaus-2026/" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/rst" \
    >"$TMP/out" 2>&1
contains "$TMP/out" "reason=wrong_channel" "served under another name: refused by default"
"$KIOSK" --update-once --channel "$U/renamed/rathaus-2026/" --update-channel-name rathaus \
    --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/rst" >"$TMP/out" 2>&1
check "served under another name, --update-channel-name rathaus: installs" test $? -eq 0 -a -f "$TMP/rst/current/kiosk.yaml"
rm -rf "$TMP/rst"

if [ $HAVE_OPENSSL -eq 1 ]; then
    craft() { # craft SED-SCRIPT: v3's manifest edited, version bumped, re-signed
        mkdir -p "$TMP/craft/rathaus"
        sed -e "s/^version: .*/version: $((v3 + 1))/" -e "$1" "$WWW/rathaus/manifest.yaml" >"$TMP/craft/rathaus/manifest.yaml"
        resign "$TMP/craft/rathaus/manifest.yaml" "$KEYS/kiosk.key"
    }
    craft 's|path: "attract.yaml"|path: "../../etc/evil"|'
    fails "path leaving the tree" bad_path "$U/craft/rathaus/"
    craft 's|path: "attract.yaml"|path: "/etc/evil"|'
    fails "absolute path" bad_path "$U/craft/rathaus/"
    craft '0,/size: .*/s//size: 999999999/'
    fails "oversize file in the manifest" too_large "$U/craft/rathaus/"
    craft 's/^files:/files: [/'
    fails "signed manifest that is not YAML" bad_manifest "$U/craft/rathaus/"
    # issue 16, attack 4 (freeze): a newer manifest past its expiry
    craft 's/^expires: .*/expires: "2001-01-01T00:00:00Z"/'
    fails "a newer manifest past its expiry" expired "$U/craft/rathaus/"
    contains "$TMP/out" "expired at 2001-01-01T00:00:00Z" "expired manifest: the log line says when it expired"
    # a kiosk whose own manifest expires keeps its content and says so
    rm -rf "$TMP/exp"
    cp -a "$ST" "$TMP/exp"
    craft "s/^expires: .*/expires: \"$(date -u -d @$(($(date -u +%s) + 3)) +%Y-%m-%dT%H:%M:%SZ)\"/"
    "$KIOSK" --update-once --channel "$U/craft/rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/exp" >"$TMP/out" 2>&1
    check "a manifest expiring in 3 s installs" test $? -eq 0 -a "$(readlink "$TMP/exp/current")" = "trees/$((v3 + 1))"
    sleep 4
    "$KIOSK" --update-once --channel "$U/craft/rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$TMP/exp" >"$TMP/out" 2>&1
    check "after its expiry: the content stays (already current, exit 0)" test $? -eq 0 -a "$(readlink "$TMP/exp/current")" = "trees/$((v3 + 1))"
    contains "$TMP/out" "the content shown (version $((v3 + 1))) comes from a manifest that expired at" \
        "after its expiry: the log line says the shown content's manifest expired"
    HELPER=${UPDATER_HELPER:-$(dirname "$KIOSK")/helper_updater}
    "$HELPER" "$U/craft/rathaus/" "$KEYS/kiosk.pub" "$TMP/exp" 2 >"$TMP/exp.out" 2>&1
    check "after its expiry: kiosk_update_expired is 1 (health)" grep -q "^health expired=1\$" "$TMP/exp.out"
    "$HELPER" "$U/e500/rathaus/" "$KEYS/kiosk.pub" "$ST" 2 >"$TMP/exp.out" 2>&1
    check "a kiosk whose manifest has not expired (server failing): kiosk_update_expired is 0" \
        grep -q "^health expired=0\$" "$TMP/exp.out"
    rm -rf "$TMP/exp"
    # a correctly signed bundle whose content does not load
    printf 'schema: 1\ntitle: [unclosed\n' >"$TMP/broken.yaml"
    bh=$(sha256sum "$TMP/broken.yaml" | cut -c1-64)
    cp "$TMP/broken.yaml" "$WWW/objects/$bh"
    kh=$(sha256sum "$TMP/src/v3/kiosk.yaml" | cut -c1-64)
    craft "s/$kh/$bh/; /path: \"kiosk.yaml\"/{n;s/size: .*/size: $(stat -c %s "$TMP/broken.yaml")/}"
    fails "signed content that does not load" invalid_content "$U/craft/rathaus/"
    check "the refused tree is not left behind" test ! -e "$ST/trees/$((v3 + 1))"
else
    echo "ok - crafted manifests # SKIP openssl not installed"
fi

# A full disk: the state directory on a tiny tmpfs (a private mount namespace,
# no root needed), while v3 needs 256 KiB more.
if unshare -Urm true 2>/dev/null; then
    used=$(du -sk "$ST" | cut -f1)
    cat >"$TMP/full.sh" <<EOF
set -u
mkdir -p "$TMP/small"
mount -t tmpfs -o size=$((used + 64))k tmpfs "$TMP/small" || exit 3
cp -a "$ST" "$TMP/small/state"
"$KIOSK" --update-once --channel "$U/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
    --state-dir "$TMP/small/state" >"$TMP/out" 2>&1
echo "rc=\$?" >>"$TMP/out"
readlink "$TMP/small/state/current" >"$TMP/full.cur"
"$KIOSK" --check "$TMP/small/state/current" >/dev/null 2>&1 && echo ok >>"$TMP/full.cur"
# Room for the bytes but almost no inodes: the download fits, writing the
# tree fails half-way with ENOSPC.
umount "$TMP/small"
mount -t tmpfs -o size=16m tmpfs "$TMP/small" || exit 3
cp -a "$ST" "$TMP/small/state"
iused=\$(df --output=iused "$TMP/small" | tail -n 1)
mount -o remount,nr_inodes=\$((iused + 3)) "$TMP/small" || exit 3
"$KIOSK" --update-once --channel "$U/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
    --state-dir "$TMP/small/state" >"$TMP/out2" 2>&1
echo "rc=\$?" >>"$TMP/out2"
readlink "$TMP/small/state/current" >"$TMP/full2.cur"
"$KIOSK" --check "$TMP/small/state/current" >/dev/null 2>&1 && echo ok >>"$TMP/full2.cur"
find "$TMP/small/state" -name '.stage-*' -o -name '.tmp-*' >>"$TMP/full2.cur"
# A read-only state directory (an SD card the kernel remounted read-only).
mkdir -p "$TMP/ro"
mount --bind "$ST" "$TMP/ro" && mount -o remount,bind,ro "$TMP/ro" || exit 3
"$KIOSK" --update-once --channel "$U/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
    --state-dir "$TMP/ro" >"$TMP/out3" 2>&1
echo "rc=\$?" >>"$TMP/out3"
readlink "$TMP/ro/current" >"$TMP/ro.cur"
"$KIOSK" --check "$TMP/ro/current" >/dev/null 2>&1 && echo ok >>"$TMP/ro.cur"
umount "$TMP/ro"
EOF
    unshare -Urm sh "$TMP/full.sh"
    contains "$TMP/out" "reason=disk_full" "full disk: logged reason=disk_full"
    contains "$TMP/out" "rc=1" "full disk: exit 1"
    check "full disk: v2 still shown and valid" test "$(tr '\n' ' ' <"$TMP/full.cur")" = "trees/$v2 ok "
    grep -m1 "reason=" "$TMP/out2" | sed 's/^/# /'
    contains "$TMP/out2" "reason=disk_full" "no inodes left while writing the tree: logged reason=disk_full"
    contains "$TMP/out2" "rc=1" "no inodes left: exit 1"
    check "no inodes left: v2 still shown and valid, nothing half-written left" \
        test "$(tr '\n' ' ' <"$TMP/full2.cur")" = "trees/$v2 ok "
    grep -m1 -E "error|reason=" "$TMP/out3" | sed 's/^/# /'
    contains "$TMP/out3" "rc=1" "read-only state directory: exit 1"
    contains "$TMP/out3" "is not writable: Read-only file system" "read-only state directory: the reason is logged"
    check "read-only state directory: v2 still shown and valid" \
        test "$(tr '\n' ' ' <"$TMP/ro.cur")" = "trees/$v2 ok "
else
    echo "ok - full disk # SKIP no user namespaces for a private tmpfs"
fi

update "$U/pub/rathaus/"
check "after all failures (another channel's newer manifest among them), v3 installs" test $? -eq 0
rm -rf "$ST/trees/$v3"
update "$U/pub/rathaus/"
check "a removed current tree is installed again" test $? -eq 0 -a -f "$ST/current/kiosk.yaml"
check "v3 is shown, whole" diff -r "$TMP/src/v3" "$ST/current/"
check "pruned: only current and previous trees are kept" test "$(ls "$ST/trees" | wc -l)" -eq 2
check "pruned: no temporary files left" test -z "$(find "$ST" -name '*.tmp-*' -o -name '.stage-*' -o -name '.tmp-*')"
check "pruned: every cached object is in use" test -z "$(find "$ST/objects" -type f -links 1)"

# --- a hostile account with write access to STATE_DIR (issue 16, attack 2) --------------
# Links planted in place of trees/, objects/, lock and current, and inside
# trees/ and objects/, all into a victim directory: failing and succeeding
# cycles refuse or ignore them by name, follow none, and the victim's
# checksum listing (names, types, link targets, contents) stays the same.
VICTIM=$TMP/victim
mkdir -p "$VICTIM/sub"
echo "precious" >"$VICTIM/file.txt"
echo "also precious" >"$VICTIM/$(printf '%064d' 7)"
echo "deep" >"$VICTIM/sub/$v3"
victim_sum() {
    (cd "$VICTIM" && find . -printf '%p %y %l\n' | LC_ALL=C sort && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum
}
vsum=$(victim_sum)
PST=$TMP/pstate
pupdate() { # pupdate URL: one cycle into $PST; output in $TMP/out
    "$KIOSK" --update-once --channel "$1" --public-key "$KEYS/kiosk.pub" --state-dir "$PST" \
        --update-timeout 8 >"$TMP/out" 2>&1
}
planted() { # planted NAME TARGET: a fresh copy of the state with NAME replaced by a link
    rm -rf "$PST"
    cp -a "$ST" "$PST"
    rm -rf "${PST:?}/$1"
    ln -s "$2" "$PST/$1"
}
for entry in trees objects lock; do
    for url in "$U/e500/rathaus/" "$U/pub/rathaus/"; do
        case $url in */e500/*) how=failing ;; *) how=succeeding ;; esac
        planted "$entry" "$VICTIM"
        [ $entry = lock ] && planted lock "$VICTIM/lock"
        pupdate "$url"
        rc=$?
        check "$entry -> victim, $how server: refused (exit 1)" test $rc -eq 1
        contains "$TMP/out" "reason=local_error: $PST/$entry is a symbolic link to '$VICTIM" \
            "$entry -> victim, $how server: the log line names the link and the reason"
        check "$entry -> victim, $how server: current unchanged" test "$(readlink "$PST/current")" = "trees/$v3"
        check "$entry -> victim, $how server: nothing outside STATE_DIR created, changed or deleted" \
            test "$(victim_sum)" = "$vsum"
    done
done
# current -> victim: ignored (named in the log); a failing cycle keeps it,
# a succeeding one replaces the link itself
planted current "$VICTIM"
pupdate "$U/e500/rathaus/"
contains "$TMP/out" "current points at '$VICTIM', not at trees/<version>: ignored, not followed" \
    "current -> victim: named in the log, not followed"
contains "$TMP/out" "reason=http_5xx" "current -> victim, failing server: the cycle's own reason"
check "current -> victim, failing server: nothing outside STATE_DIR touched" test "$(victim_sum)" = "$vsum"
pupdate "$U/pub/rathaus/"
check "current -> victim, succeeding server: installs again, current is a link into trees/" \
    test $? -eq 0 -a "$(readlink "$PST/current")" = "trees/$v3"
check "current -> victim, succeeding server: nothing outside STATE_DIR touched" test "$(victim_sum)" = "$vsum"
# links inside trees/ and objects/: reported, left alone, never followed
planted "trees/$((v3 + 7))" "$VICTIM"
ln -s "$VICTIM/$(printf '%064d' 7)" "$PST/objects/$(printf '%064d' 7)"
ln -s "$VICTIM/sub" "$PST/objects/.tmp-planted"
pupdate "$U/e500/rathaus/"
check "links in trees/ and objects/, failing server: nothing outside STATE_DIR touched" test "$(victim_sum)" = "$vsum"
make_content "$TMP/src/v3b" v3b
"$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v3b" "$WWW" >/dev/null 2>&1
pupdate "$U/pub/rathaus/"
check "links in trees/ and objects/, succeeding server: the update installs" test $? -eq 0
contains "$TMP/out" "trees/$((v3 + 7)) is a symbolic link to '$VICTIM': not expected here, left alone" \
    "a link in trees/ is reported and left alone"
contains "$TMP/out" "objects/.tmp-planted is a symbolic link to '$VICTIM/sub': not expected here, left alone" \
    "a link in objects/ is reported and left alone"
check "links in trees/ and objects/, succeeding server: nothing outside STATE_DIR touched" \
    test "$(victim_sum)" = "$vsum" -a -L "$PST/trees/$((v3 + 7))"
update "$U/pub/rathaus/" # the main state follows the channel again
rm -rf "$PST"

# --- the polling thread, as the UI uses it ------------------------------------------------
# updater_start / updater_poll / updater_stop through tests/helpers/helper_updater.c:
# a new version arrives as a generation the UI owns, rooted in its tree;
# a failing server is retried with backoff and counted, and stop is prompt.
HELPER=${UPDATER_HELPER:-$(dirname "$KIOSK")/helper_updater}
if [ -x "$HELPER" ]; then
    make_content "$TMP/src/v4" v4
    "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v4" "$WWW" >/dev/null 2>&1
    v4=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
    "$HELPER" "$U/pub/rathaus/" "$KEYS/kiosk.pub" "$ST" 10 --until-update >"$TMP/thread.out" 2>&1
    check "thread: a new version is handed over by updater_poll" grep -q "^took $v4 $ST/trees/$v4 1\$" "$TMP/thread.out"
    check "thread: the handed-over tree is current" test "$(readlink "$ST/current")" = "trees/$v4"
    check "thread: counted as an update" grep -q "^cycles=1 updates=1 .* version=$v4\$" "$TMP/thread.out"
    check "thread: health saw the update and the content shown" grep -q "^health attempts=1 applied=1 failures=0 content=$v4\$" "$TMP/thread.out"
    "$HELPER" "$U/e500/rathaus/" "$KEYS/kiosk.pub" "$ST" 4 >"$TMP/thread.out" 2>&1
    check "thread: a failing server is retried and counted by reason" grep -Eq "^cycles=[2-9] updates=0 not_modified=0 failures=[2-9] http_5xx=[2-9] version=$v4\$" "$TMP/thread.out"
    check "thread: health counts the failures" grep -Eq "^health attempts=[2-9] applied=0 failures=[2-9] " "$TMP/thread.out"
    check "thread: nothing handed over on failure" sh -c "! grep -q '^took' '$TMP/thread.out'"
    "$HELPER" "$U/swap/rathaus/" "$KEYS/kiosk.pub" "$ST" 2 >"$TMP/swap.out" 2>&1
    check "thread: another channel's manifest is counted as wrong_channel (the metric's counter)" \
        grep -Eq "^cycles=[1-9] updates=0 .* wrong_channel=[1-9] version=$v4\$" "$TMP/swap.out"
    check "thread: updater_stop returns promptly" grep -Eq "^stopped in [0-9]{1,3} ms\$" "$TMP/thread.out"
    check "thread: v4 still shown" test "$(readlink "$ST/current")" = "trees/$v4"
    sed 's/^/# /' "$TMP/thread.out"
    # Three versions in quick succession while the "app" holds on to every
    # generation it took: none of their trees may be pruned meanwhile.
    "$HELPER" "$U/pub/rathaus/" "$KEYS/kiosk.pub" "$ST" 7 --hold >"$TMP/hold.out" 2>&1 &
    hpid=$!
    for n in 5 6 7; do
        sleep 1.5
        make_content "$TMP/src/v$n" "v$n"
        "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v$n" "$WWW" >/dev/null 2>&1
    done
    wait $hpid
    check "thread: several updates handed over in a row" grep -Eq "^held [2-9] missing 0\$" "$TMP/hold.out"
    check "thread: the last one is current" grep -q "Inhalt v7" "$ST/current/domains/energie.yaml"
    grep "^held" "$TMP/hold.out" | sed 's/^/# /'
    # A notice reaches the UI through updater_take_notice() as soon as the
    # manifest is verified, and travels in the generation too; the next
    # publish without one clears it the same way.
    t0=$(date -u +%s)
    printf 'text:\n  de: "Heute geschlossen"\n  en: "Closed today"\n  leicht: "Heute ist zu."\nstarts: %s\nends: %s\n' \
        "$(date -u -d @$((t0 - 60)) +%Y-%m-%dT%H:%M:%SZ)" "$(date -u -d @$((t0 + 3600)) +%Y-%m-%dT%H:%M:%SZ)" >"$TMP/notice.yaml"
    "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus --notice "$TMP/notice.yaml" "$TMP/src/v7" "$WWW" >/dev/null 2>&1
    "$HELPER" "$U/pub/rathaus/" "$KEYS/kiosk.pub" "$ST" 10 --until-update >"$TMP/notice.out" 2>&1
    check "thread: a notice is handed over at once" grep -q "^notice $((t0 - 60)) $((t0 + 3600))\$" "$TMP/notice.out"
    check "thread: the generation carries the same notice" \
        grep -q "^generation notice $((t0 - 60)) $((t0 + 3600))\$" "$TMP/notice.out"
    check "thread: the notice is kept for the next start" test -s "$ST/notice.yaml"
    "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v7" "$WWW" >/dev/null 2>&1
    "$HELPER" "$U/pub/rathaus/" "$KEYS/kiosk.pub" "$ST" 10 --until-update >"$TMP/notice.out" 2>&1
    check "thread: a publish without a notice clears it" grep -q "^notice none\$" "$TMP/notice.out"
    check "thread: ... in the generation too" sh -c "! grep -q '^generation notice' '$TMP/notice.out'"
    check "thread: ... and in the state directory" test ! -e "$ST/notice.yaml"
else
    not_ok "no $HELPER (make test builds it)"
fi

# --- the kiosk itself: the UI shows STATE/current and takes new content live ----------------
make_content "$TMP/src/v8" v8
"$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$TMP/src/v8" "$WWW" >/dev/null 2>&1
v8=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
"$KIOSK" --window 800x480 --content /nonexistent --channel "$U/pub/rathaus/" --public-key "$KEYS/kiosk.pub" \
    --state-dir "$ST" --update-interval 1 >"$TMP/ui.out" 2>&1 &
uipid=$!
i=0
while [ $i -lt 150 ] && ! grep -q "content switched" "$TMP/ui.out"; do sleep 0.1; i=$((i + 1)); done
# a notice published now reaches the running UI through the updater, no file polled
if [ -s "$TMP/notice.yaml" ]; then
    "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus --notice "$TMP/notice.yaml" "$TMP/src/v8" "$WWW" >/dev/null 2>&1
    i=0
    while [ $i -lt 150 ] && ! grep -q "notice shown" "$TMP/ui.out"; do sleep 0.1; i=$((i + 1)); done
fi
kill -TERM $uipid 2>/dev/null
wait $uipid
rc=$?
check "kiosk UI starts on STATE/current (the installed --content does not exist)" grep -q "first frame" "$TMP/ui.out"
check "kiosk UI: the updater thread installs the new version" grep -q "updated to version $v8" "$TMP/ui.out"
check "kiosk UI: the app switches to it without a restart" grep -q "content switched" "$TMP/ui.out"
check "kiosk UI: a notice published meanwhile is shown without a restart" grep -q "ui: notice shown" "$TMP/ui.out"
check "kiosk UI: quits cleanly on SIGTERM with the updater running" test $rc -eq 0
[ $rc -eq 0 ] || sed 's/^/#   /' "$TMP/ui.out" | tail -n 20

# --- the shipped nginx sample, over TLS -------------------------------------------------
# tools/nginx-kiosk.conf with only its paths, ports and certificate swapped
# for test ones: it must pass `nginx -t`, send the caching headers it
# promises, and a kiosk must update through it with TLS verification on.
if [ $HAVE_OPENSSL -eq 1 ]; then
    mkdir -p "$TMP/tls" "$TMP/srv"
    ln -s "$WWW" "$TMP/srv/kiosk"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
        -keyout "$TMP/tls/key.pem" -out "$TMP/tls/cert.pem" -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
    sed -e 's|listen 443 ssl http2;|listen 127.0.0.1:@PORT1@ ssl http2;|' -e '/listen \[::\]/d' \
        -e 's|listen 80;|listen 127.0.0.1:@PORT2@;|' \
        -e "s|/etc/letsencrypt/live/content.example.org/fullchain.pem|$TMP/tls/cert.pem|" \
        -e "s|/etc/letsencrypt/live/content.example.org/privkey.pem|$TMP/tls/key.pem|" \
        -e "s|root /srv;|root $TMP/srv;|" -e "s|/var/log/nginx/|$TMP/nginx/logs/|" \
        tools/nginx-kiosk.conf >"$TMP/sample.conf"
    nginx_stop
    if nginx_start "" "$TMP/sample.conf"; then
        ok "tools/nginx-kiosk.conf passes nginx and serves"
        T="https://127.0.0.1:$((NGINX_PORT + 1))/kiosk"
        TS=$TMP/tls-state
        tls_update() {
            "$KIOSK" --update-once --channel "$T/rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$TS" "$@" >"$TMP/out" 2>&1
        }
        tls_update
        check "without the server's CA, TLS verification refuses it" test $? -eq 1
        contains "$TMP/out" "reason=network" "TLS failure is logged as reason=network"
        tls_update --update-ca "$TMP/tls/cert.pem" --update-pin "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        check "a wrong public key pin is refused" test $? -eq 1
        pin=$(openssl x509 -in "$TMP/tls/cert.pem" -pubkey -noout | openssl pkey -pubin -outform der |
            openssl dgst -sha256 -binary | base64)
        tls_update --update-ca "$TMP/tls/cert.pem" --update-pin "sha256//$pin"
        check "update over HTTPS through the sample config (CA and pin)" test $? -eq 0
        check "the HTTPS update shows the published tree" diff -r "$TMP/src/v8" "$TS/current/"
        tls_update --update-ca "$TMP/tls/cert.pem"
        check "unchanged over HTTPS (gzip, weak ETag): already current" grep -q "already current" "$TMP/out"
        check "that poll was a 304 without a body" \
            test "$(grep 'manifest.yaml HTTP' "$TMP/nginx/logs/kiosk.access.log" | tail -n 1 | awk '{print $9, $10}')" = "304 0"
        "$PUBLISH" root-init --out "$TMP/root" >/dev/null 2>&1
        "$PUBLISH" keys add --root-key "$TMP/root/root.key" --pub "$KEYS/kiosk.pub" "$WWW" >/dev/null 2>&1
        "$KIOSK" --update-once --channel "$T/rathaus/" --root-key "$TMP/root/root.pub" --state-dir "$TS" \
            --update-ca "$TMP/tls/cert.pem" >"$TMP/out" 2>&1
        check "the sample config serves keys.list: a root-key kiosk takes it over HTTPS" test $? -eq 0
        contains "$TMP/out" "key list version 1 accepted" "over HTTPS: the key list is accepted"
        rm -f "$WWW/keys.list" "$WWW/keys.list.sig"
        if command -v curl >/dev/null 2>&1; then
            h=$(curl -skI "$T/rathaus/manifest.yaml")
            check "manifest: Cache-Control no-cache, must-revalidate" sh -c "echo '$h' | grep -qi '^cache-control: no-cache, must-revalidate'"
            check "manifest: ETag" sh -c "echo '$h' | grep -qi '^etag:'"
            h=$(curl -sk -H 'Accept-Encoding: gzip' -o /dev/null -D - "$T/rathaus/manifest.yaml")
            check "manifest: gzip" sh -c "echo '$h' | grep -qi '^content-encoding: gzip'"
            obj=$(ls "$WWW/objects" | head -n 1)
            h=$(curl -skI "$T/objects/$obj")
            check "object: immutable" sh -c "echo '$h' | grep -qi '^cache-control: public, max-age=31536000, immutable'"
            : >"$WWW/rathaus/manifest.yaml.tmp-1-1"
            check "temporary files of a publish are not served" test "$(curl -sk -o /dev/null -w '%{http_code}' "$T/rathaus/manifest.yaml.tmp-1-1")" = 404
            rm -f "$WWW/rathaus/manifest.yaml.tmp-1-1"
            mkdir -p "$TMP/srv/apt/dists/bookworm"
            echo "Origin: kiosk" >"$TMP/srv/apt/dists/bookworm/InRelease"
            check "the apt repository (/apt/) is served" \
                test "$(curl -sk "https://127.0.0.1:$((NGINX_PORT + 1))/apt/dists/bookworm/InRelease")" = "Origin: kiosk"
        fi
    else
        not_ok "tools/nginx-kiosk.conf passes nginx and serves"
        sed 's/^/#   /' "$TMP/nginx/start.err"
    fi
    nginx_stop
    nginx_start "$LOCATIONS" || { not_ok "nginx restarts"; exit 1; }
    U=$NGINX_URL
else
    echo "ok - tools/nginx-kiosk.conf over TLS # SKIP openssl not installed"
fi

# --- kill -9 at random moments ---------------------------------------------------------
# Each round publishes a new version (a changed page and a fresh 16 KiB
# image), starts an update against a throttled view and kills it at a random
# point. Afterwards current must be one published version, whole.
bad_rounds=0
swapped=0
i=1
while [ $i -le "$KILL_ROUNDS" ]; do
    src=$TMP/src/k$i
    make_content "$src" "k$i"
    add_logo "$src" 16384
    "$PUBLISH" --key "$KEYS/kiosk.key" --channel rathaus "$src" "$WWW" >/dev/null 2>&1
    "$KIOSK" --update-once --channel "$U/kill/rathaus/" --public-key "$KEYS/kiosk.pub" --state-dir "$ST" \
        >/dev/null 2>&1 &
    pid=$!
    sleep "$(od -An -N2 -tu2 /dev/urandom | awk '{ms = $1 % 2500; printf "%d.%03d", int(ms / 1000), ms % 1000}')"
    kill -9 $pid 2>/dev/null
    wait $pid 2>/dev/null
    mark=$(sed -n 's/.*Inhalt \(.*\)$/\1/p' "$ST/current/domains/energie.yaml" 2>/dev/null)
    [ "$mark" = "k$i" ] && swapped=$((swapped + 1))
    if [ -z "$mark" ] || ! diff -r "$TMP/src/$mark" "$ST/current/" >/dev/null 2>&1 ||
        ! "$KIOSK" --check "$ST/current" >/dev/null 2>&1; then
        bad_rounds=$((bad_rounds + 1))
        echo "# round $i: current is '$mark', not a whole published tree"
    fi
    i=$((i + 1))
done
echo "# kill -9: $swapped of $KILL_ROUNDS rounds finished before the kill, the others were cut short"
check "kill -9 in $KILL_ROUNDS updates: current is always one whole published tree" test $bad_rounds -eq 0
update "$U/pub/rathaus/"
check "after the kills, an update completes" test $? -eq 0
check "and shows the latest version" diff -r "$TMP/src/k$KILL_ROUNDS" "$ST/current/"
check "and leaves no temporary files" test -z "$(find "$ST" -name '*.tmp-*' -o -name '.stage-*' -o -name '.tmp-*')"

# --- refresh: the same content re-signed with a new expiry -------------------------------
# kiosk-publish refresh re-signs the channel's current manifest as the next
# version (same files and notice); a kiosk takes it like any new version
# without fetching an object. It refuses a manifest its key did not sign.
before=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
expect_status 0 "refresh re-signs the current manifest" \
    "$PUBLISH" refresh --key "$KEYS/kiosk.key" --channel rathaus --expires-days 7 "$WWW"
after=$(sed -n 's/^version: //p' "$WWW/rathaus/manifest.yaml")
check "refresh: the version grows" test "$after" -gt "$before"
check "refresh: expires 7 days from now" \
    grep -q "^expires: \"$(date -u -d @$(($(date -u +%s) + 7 * 86400)) +%Y-%m-%d)T" "$WWW/rathaus/manifest.yaml"
lines=$(wc -l <"$TMP/nginx/logs/access.log")
update "$U/pub/rathaus/"
check "refresh: a kiosk installs the refreshed version" test $? -eq 0 -a "$(readlink "$ST/current")" = "trees/$after"
check "refresh: ... without fetching an object" test "$(tail -n +$((lines + 1)) "$TMP/nginx/logs/access.log" | grep -c '/objects/')" -eq 0
check "refresh: ... and shows the same tree" diff -r "$TMP/src/k$KILL_ROUNDS" "$ST/current/"
expect_status 1 "refresh with another key is refused" \
    "$PUBLISH" refresh --key "$TMP/keys2/kiosk.key" --channel rathaus "$WWW"
cp "$WWW/rathaus/manifest.yaml" "$TMP/m.keep"
sed -i 's/^published: .*/published: "2000-01-01T00:00:00.000Z"/' "$WWW/rathaus/manifest.yaml"
expect_status 1 "refresh of a manifest changed on the server is refused (not laundered)" \
    "$PUBLISH" refresh --key "$KEYS/kiosk.key" --channel rathaus "$WWW"
contains "$TMP/out" "does not carry a good signature" "refresh: the refusal says why"
cp "$TMP/m.keep" "$WWW/rathaus/manifest.yaml"
expect_status 2 "refresh --expires-days 0 is a usage error" \
    "$PUBLISH" refresh --key "$KEYS/kiosk.key" --channel rathaus --expires-days 0 "$WWW"
