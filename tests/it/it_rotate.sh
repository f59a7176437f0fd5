#!/bin/sh
# Key rotation end to end (issue 16, item 5): a root key signs the list of
# publishing keys (kiosk-publish root-init, keys add/revoke), a real nginx
# on 127.0.0.1 serves it beside the channel, and `kiosk --update-once
# --root-key` accepts manifests only from keys in use on the newest list
# it has seen. Covers the migration of a single-key install, a rotation
# (old key revoked: refused; new key: accepted), a rolled-back list, a list
# by another root, a tampered, a missing and an expired list. Every refusal
# keeps the shown tree and the kept list (STATE/keys) as they were.
. tests/lib.sh
. tests/nginx-lib.sh
trap 'nginx_stop; rm -rf "$TMP"' EXIT

ST=$TMP/state
WWW=$TMP/www
K=$TMP/keys
HELPER=${UPDATER_HELPER:-$(dirname "$KIOSK")/helper_updater}

nginx_require "key rotation"

version_of() { sed -n 's/^version: //p' "$1"; }
shown() { readlink "$1/current"; }
publish_as() { # publish_as KEY MARK: new content MARK published to $WWW with keys/KEY; prints its version
    make_content "$TMP/src/$2" "$2"
    "$PUBLISH" --key "$K/$1/kiosk.key" --channel rathaus "$TMP/src/$2" "$WWW" >/dev/null 2>&1
    version_of "$WWW/rathaus/manifest.yaml"
}

rooted() { # rooted URL STATE: one cycle of a kiosk that pins the root key
    "$KIOSK" --update-once --channel "$1" --root-key "$K/root/root.pub" --state-dir "$2" --update-timeout 8 \
        >"$TMP/out" 2>&1
}

# refused NAME REASON URL STATE: a cycle fails with REASON in its log line,
# and neither the shown tree nor the kept key list changes
refused() {
    before=$(shown "$4")
    keys_before=$(sha256sum "$4/keys" 2>/dev/null | cut -c1-64)
    rooted "$3" "$4"
    rc=$?
    check "$1: refused (exit 1)" test "$rc" -eq 1
    contains "$TMP/out" "reason=$2" "$1: reason=$2 in the log"
    check "$1: the shown tree is unchanged" test "$(shown "$4")" = "$before"
    check "$1: the kept key list is unchanged" \
        test "$(sha256sum "$4/keys" 2>/dev/null | cut -c1-64)" = "$keys_before"
}

# --- keys ------------------------------------------------------------------------
expect_status 0 "root-init writes the root key pair" "$PUBLISH" root-init --out "$K/root"
check "root.key is mode 0600" test "$(stat -c %a "$K/root/root.key")" = 600
check "root.pub is a public key" grep -q '^kiosk-ed25519-public ' "$K/root/root.pub"
expect_status 1 "root-init never overwrites a root key" "$PUBLISH" root-init --out "$K/root"
"$PUBLISH" keygen --out "$K/a" >/dev/null 2>&1
"$PUBLISH" keygen --out "$K/b" >/dev/null 2>&1
"$PUBLISH" root-init --out "$K/other" >/dev/null 2>&1
id_a=$(awk '{print $2}' "$K/a/kiosk.pub" | base64 -d | sha256sum | cut -c1-16)
id_b=$(awk '{print $2}' "$K/b/kiosk.pub" | base64 -d | sha256sum | cut -c1-16)
chmod 644 "$K/root/root.key"
expect_status 1 "keys add refuses a root key others may read" \
    "$PUBLISH" keys add --root-key "$K/root/root.key" --pub "$K/a/kiosk.pub" "$WWW"
chmod 600 "$K/root/root.key"
expect_status 1 "keys revoke without a list refuses" \
    "$PUBLISH" keys revoke --root-key "$K/root/root.key" --key-id "$id_a" "$WWW"
check "no list was written" test ! -e "$WWW/keys.list"
expect_status 2 "keys add without --pub is a usage error" "$PUBLISH" keys add --root-key "$K/root/root.key" "$WWW"
expect_status 1 "keys add refuses the root key as a publishing key" \
    "$PUBLISH" keys add --root-key "$K/root/root.key" --pub "$K/root/root.pub" "$WWW"

# --- a single-key install, then its migration ---------------------------------------
nginx_start "
        location /rb/keys.list { alias $TMP/rb/keys.list; }
        location /rb/keys.list.sig { alias $TMP/rb/keys.list.sig; }
        location /rb/ { alias $WWW/; }
        location /evil/keys.list { alias $TMP/evil/keys.list; }
        location /evil/keys.list.sig { alias $TMP/evil/keys.list.sig; }
        location /evil/ { alias $WWW/; }
        location /atk/objects/ { alias $WWW/objects/; }
        location /atk/ { alias $TMP/atk/; }
        location = /nokeys/keys.list { return 404; }
        location /nokeys/ { alias $WWW/; }
        location /craft/objects/ { alias $WWW/objects/; }
        location /craft/rathaus/ { alias $WWW/rathaus/; }
        location /craft/ { alias $TMP/craft/; }
" || { not_ok "nginx starts on 127.0.0.1"; exit 1; }
ok "nginx starts on 127.0.0.1:$NGINX_PORT"
U=$NGINX_URL

v1=$(publish_as a v1)
"$KIOSK" --update-once --channel "$U/pub/rathaus/" --public-key "$K/a/kiosk.pub" --state-dir "$ST" >"$TMP/out" 2>&1
check "single-key install: key A's manifest installs" test "$(shown "$ST")" = "trees/$v1"

"$KIOSK" --update-once --channel "$U/pub/rathaus/" --public-key "$K/a/kiosk.pub" --root-key "$K/root/root.pub" \
    --state-dir "$ST" >"$TMP/out" 2>&1
check "public_key and root_key together: refused at start" test $? -ne 0
contains "$TMP/out" "both public_key and root_key" "the configuration error names both"

rooted "$U/pub/rathaus/" "$ST"
check "root key before any list is on the server: refused" test $? -eq 1
contains "$TMP/out" "reason=http_404" "no keys.list: http_404"
contains "$TMP/out" "keys.list" "the log line names keys.list"
check "without a list the shown tree stays" test "$(shown "$ST")" = "trees/$v1"

expect_status 0 "keys add puts the existing key on a new list" \
    "$PUBLISH" keys add --root-key "$K/root/root.key" --pub "$K/a/kiosk.pub" --note "Rathaus publisher" "$WWW"
check "the list is version 1" test "$(version_of "$WWW/keys.list")" = 1
check "the list is signed by the root" grep -q "^kiosk-ed25519-sig $(awk '{print $2}' "$K/root/root.pub" | base64 -d | sha256sum | cut -c1-16) " "$WWW/keys.list.sig"
expect_status 0 "keys list checks the root's signature" "$PUBLISH" keys list --root-pub "$K/root/root.pub" "$WWW"
contains "$TMP/out" "$id_a  in use" "keys list shows key A in use"
expect_status 1 "keys list refuses a list that is not by the given root" \
    "$PUBLISH" keys list --root-pub "$K/other/root.pub" "$WWW"
mkdir -p "$TMP/rb"
cp "$WWW/keys.list" "$WWW/keys.list.sig" "$TMP/rb/"

rooted "$U/pub/rathaus/" "$ST"
check "migrated install (root key, A on the list): the cycle succeeds" test $? -eq 0
contains "$TMP/out" "key list version 1 accepted" "the kiosk accepts list version 1"
check "the accepted list is kept in STATE/keys" grep -q "^version: 1\$" "$ST/keys"
v2=$(publish_as a v2)
rooted "$U/pub/rathaus/" "$ST"
check "migrated install: a new manifest signed by the old key installs" test "$(shown "$ST")" = "trees/$v2"

# --- rotation: revoke A, add B -----------------------------------------------------
mkdir -p "$TMP/atk/rathaus"
expect_status 0 "keys revoke A" "$PUBLISH" keys revoke --root-key "$K/root/root.key" --key-id "$id_a" "$WWW"
contains "$TMP/out" "no key is in use" "revoking the last key says no key is in use"
expect_status 0 "keys add B" "$PUBLISH" keys add --root-key "$K/root/root.key" --pub "$K/b/kiosk.pub" "$WWW"
check "the list is version 3" test "$(version_of "$WWW/keys.list")" = 3
expect_status 1 "a revoked key cannot be added again" \
    "$PUBLISH" keys add --root-key "$K/root/root.key" --pub "$K/a/kiosk.pub" "$WWW"
"$PUBLISH" keys list --root-pub "$K/root/root.pub" "$WWW" >"$TMP/list.out" 2>&1
contains "$TMP/list.out" "$id_a  revoked" "keys list shows A revoked"
contains "$TMP/list.out" "$id_b  in use" "keys list shows B in use"
rooted "$U/pub/rathaus/" "$ST"
check "the content A signed before its revocation stays (already current)" test $? -eq 0 -a "$(shown "$ST")" = "trees/$v2"
check "the kiosk took key list version 3" grep -q "^version: 3\$" "$ST/keys"

make_content "$TMP/src/v3" v3
expect_status 1 "publish refuses a key that OUT_DIR/keys.list revokes" \
    "$PUBLISH" --key "$K/a/kiosk.key" --channel rathaus "$TMP/src/v3" "$WWW"
contains "$TMP/out" "key $id_a is revoked on" "the refusal names the key and the list"
check "nothing was published" test "$(version_of "$WWW/rathaus/manifest.yaml")" = "$v2"
# whoever has the stolen key signs elsewhere and puts it on the server
"$PUBLISH" --key "$K/a/kiosk.key" --channel rathaus "$TMP/src/v3" "$TMP/a-out" >/dev/null 2>&1
cp -a "$TMP/a-out/objects/." "$WWW/objects/"
cp "$TMP/a-out/rathaus/manifest.yaml" "$TMP/a-out/rathaus/manifest.yaml.sig" "$WWW/rathaus/"
touch -d "@$(($(date +%s) + 100))" "$WWW/rathaus/manifest.yaml" # another ETag than v2's (mtime, size)
refused "a manifest signed by the revoked key A" revoked_key "$U/pub/rathaus/" "$ST"
contains "$TMP/out" "signed with key $id_a, revoked on the key list (version 3)" "revoked_key: the detail names key and list"
"$HELPER" "$U/pub/rathaus/" "root:$K/root/root.pub" "$ST" 4 >"$TMP/h.out" 2>&1
check "revoked_key is counted by reason (metrics)" grep -q " revoked_key=[1-9]" "$TMP/h.out"
check "revoked_key: the polling thread never installs A's manifest" grep -q "updates=0 " "$TMP/h.out"
check "kiosk_update_keys_version says which list the kiosk has (3)" grep -q "^health keys_version=3\$" "$TMP/h.out"
check "the polling thread asks for an unchanged key list with its ETag (304)" \
    grep -q '^/pub/keys.list 304 0$' "$TMP/nginx/logs/access.log"

v4=$(publish_as b v4)
rooted "$U/pub/rathaus/" "$ST"
check "a manifest signed by the new key B installs" test $? -eq 0 -a "$(shown "$ST")" = "trees/$v4"

# a key never on the list
"$PUBLISH" keygen --out "$K/c" >/dev/null 2>&1
make_content "$TMP/src/v5" v5
expect_status 1 "publish refuses a key that is not on OUT_DIR/keys.list" \
    "$PUBLISH" --key "$K/c/kiosk.key" --channel rathaus "$TMP/src/v5" "$WWW"
mkdir -p "$TMP/craft/rathaus" "$TMP/c-out"
cp -a "$WWW/objects" "$TMP/c-out/"
"$PUBLISH" --key "$K/c/kiosk.key" --channel rathaus "$TMP/src/v5" "$TMP/c-out" >/dev/null 2>&1
cp -a "$TMP/c-out/objects/." "$WWW/objects/"
cp "$TMP/c-out/rathaus/manifest.yaml" "$TMP/c-out/rathaus/manifest.yaml.sig" "$TMP/atk/rathaus/"
cp "$WWW/keys.list" "$WWW/keys.list.sig" "$TMP/atk/"
refused "a manifest signed by a key never on the list" unknown_key "$U/atk/rathaus/" "$ST"
contains "$TMP/out" "not on the key list" "unknown_key: the detail says so"

# --- attacks on the list itself ---------------------------------------------------------
refused "the older list version 1 served again (rollback)" keys_rollback "$U/rb/rathaus/" "$ST"
contains "$TMP/out" "key list version 1 is older than version 3" "keys_rollback: the detail names both versions"
cp "$TMP/rb/keys.list" "$TMP/rb/keys.list.sig" "$TMP/atk/"
make_content "$TMP/src/v6" v6
"$PUBLISH" --key "$K/a/kiosk.key" --channel rathaus "$TMP/src/v6" "$TMP/c-out" >/dev/null 2>&1
cp -a "$TMP/c-out/objects/." "$WWW/objects/"
cp "$TMP/c-out/rathaus/manifest.yaml" "$TMP/c-out/rathaus/manifest.yaml.sig" "$TMP/atk/rathaus/"
refused "list v1 (A in use) with a new manifest by A" keys_rollback "$U/atk/rathaus/" "$ST"
rooted "$U/pub/rathaus/" "$ST"
check "after the rollback attempts B's manifest is still accepted (already current)" \
    test $? -eq 0 -a "$(shown "$ST")" = "trees/$v4"
v7=$(publish_as b v7)
rooted "$U/pub/rathaus/" "$ST"
check "after the rollback attempts a new manifest by B installs" test "$(shown "$ST")" = "trees/$v7"

mkdir -p "$TMP/evil"
"$PUBLISH" keys add --root-key "$K/other/root.key" --pub "$K/a/kiosk.pub" "$TMP/evil" >/dev/null 2>&1
for i in 1 2 3 4 5; do
    "$PUBLISH" keys refresh --root-key "$K/other/root.key" "$TMP/evil" >/dev/null 2>&1
done
check "the other root's list has a higher version" test "$(version_of "$TMP/evil/keys.list")" -gt 3
refused "a key list signed by another root" wrong_key "$U/evil/rathaus/" "$ST"
contains "$TMP/out" "signed with another root key" "wrong_key: the detail says another root key"

cp "$WWW/keys.list" "$WWW/keys.list.sig" "$TMP/evil/"
sed -i 's/^version: .*/version: 99/' "$TMP/evil/keys.list"
refused "a tampered key list" signature "$U/evil/rathaus/" "$ST"
refused "keys.list missing on the server" http_404 "$U/nokeys/rathaus/" "$ST"
: >"$ST/keys.tmp-1-1"
rooted "$U/nokeys/rathaus/" "$ST"
check "a failed cycle removes a leftover STATE/keys.tmp-* (an interrupted write)" test ! -e "$ST/keys.tmp-1-1"

# --- expiry --------------------------------------------------------------------------
if [ "$HAVE_OPENSSL" -eq 1 ]; then
    cp "$WWW/keys.list" "$TMP/craft/keys.list"
    sed -i 's/^version: .*/version: 50/; s/^expires: .*/expires: "2001-01-01T00:00:00Z"/' "$TMP/craft/keys.list"
    resign "$TMP/craft/keys.list" "$K/root/root.key"
    refused "a newer key list past its expiry" expired "$U/craft/rathaus/" "$ST"
    contains "$TMP/out" "expired at 2001-01-01T00:00:00Z" "expired key list: the log line says when"
    rm -rf "$TMP/exp"
    cp -a "$ST" "$TMP/exp"
    cp "$WWW/keys.list" "$TMP/craft/keys.list"
    sed -i "s/^version: .*/version: 51/; s/^expires: .*/expires: \"$(date -u -d @$(($(date -u +%s) + 3)) +%Y-%m-%dT%H:%M:%SZ)\"/" \
        "$TMP/craft/keys.list"
    resign "$TMP/craft/keys.list" "$K/root/root.key"
    rooted "$U/craft/rathaus/" "$TMP/exp"
    check "a key list expiring in 3 s is accepted" test $? -eq 0
    check "STATE/keys holds it" grep -q "^version: 51\$" "$TMP/exp/keys"
    sleep 4
    rooted "$U/craft/rathaus/" "$TMP/exp"
    check "after the list's expiry: the content stays (exit 0)" test $? -eq 0 -a "$(shown "$TMP/exp")" = "trees/$v7"
    contains "$TMP/out" "the key list (version 51) expired at" "after the list's expiry: the log line says so"
    "$HELPER" "$U/craft/rathaus/" "root:$K/root/root.pub" "$TMP/exp" 2 >"$TMP/h.out" 2>&1
    check "after the list's expiry: kiosk_update_expired is 1 (health)" grep -q "^health expired=1\$" "$TMP/h.out"
    "$HELPER" "$U/pub/rathaus/" "root:$K/root/root.pub" "$ST" 2 >"$TMP/h.out" 2>&1
    check "with a list not expired: kiosk_update_expired is 0" grep -q "^health expired=0\$" "$TMP/h.out"
else
    ok "expired key lists # SKIP openssl not installed"
fi
expect_status 0 "keys refresh re-signs the list as the next version" \
    "$PUBLISH" keys refresh --root-key "$K/root/root.key" --expires-days 7 "$WWW"
check "the refreshed list is version 4" test "$(version_of "$WWW/keys.list")" = 4
rooted "$U/pub/rathaus/" "$ST"
check "the kiosk takes the refreshed list" test $? -eq 0
check "STATE/keys holds version 4" grep -q "^version: 4\$" "$ST/keys"

# --- the kept list in a state directory others can write --------------------------------
sed -i 's/^version: 4$/version: 1/' "$ST/keys"
rooted "$U/pub/rathaus/" "$ST"
check "a kept list changed on disk is ignored and replaced" test $? -eq 0
contains "$TMP/out" "does not carry the root key's signature: ignored" "the log line says it was ignored"
check "STATE/keys holds the server's list again" grep -q "^version: 4\$" "$ST/keys"
