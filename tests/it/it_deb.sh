#!/bin/sh
# The packaging's fast checks (the packages themselves are built, installed
# and upgraded by make system-test): debian/changelog names VERSION; the unit
# and configuration the package installs are the repository's with /usr
# paths; tools/apt-repo.sh publishes a repository apt accepts with the
# exported key, and apt refuses it with another key; a newer version
# published replaces the older one. Prints TAP lines.
. tests/lib.sh
for t in dpkg-parsechangelog dpkg-deb reprepro gpg apt-get; do
    command -v "$t" >/dev/null 2>&1 || { echo "ok - packaging checks # SKIP $t not installed"; exit 0; }
done

check "debian/changelog's newest entry is VERSION ($(cat VERSION))" \
    test "$(dpkg-parsechangelog -l debian/changelog -S Version)" = "$(cat VERSION)"

# the package's unit and conffile, made as debian/rules makes them
rules_sed() { sed -n "/^override_dh_auto_install:/,/^\$/p" debian/rules | grep -c "s#/usr/local/#/usr/#g"; }
check "debian/rules installs the unit and kiosk.yaml with /usr for /usr/local" test "$(rules_sed)" = 2
sed 's#/usr/local/#/usr/#g' tools/systemd/kiosk.service >"$TMP/kiosk.service"
check "the package's unit starts /usr/bin/kiosk" grep -qx "ExecStart=/usr/bin/kiosk --config /etc/kiosk/kiosk.yaml" "$TMP/kiosk.service"
sed 's#/usr/local/#/usr/#g' tools/kiosk.yaml.example >"$TMP/kiosk.yaml"
check "the package's kiosk.yaml names /usr/share/kiosk" grep -q "^content: /usr/share/kiosk/content" "$TMP/kiosk.yaml"

# pkg VERSION: a small package named kiosk of that version
pkg() {
    d=$TMP/pkg-$1
    mkdir -p "$d/DEBIAN" "$d/usr/share/kiosk"
    echo "$1" >"$d/usr/share/kiosk/version"
    printf 'Package: kiosk\nVersion: %s\nSection: misc\nPriority: optional\nArchitecture: all\nMaintainer: test <test@localhost>\nDescription: test\n' "$1" >"$d/DEBIAN/control"
    dpkg-deb --root-owner-group -b "$d" "$TMP/kiosk_$1_all.deb" >/dev/null
}
# policy KEY: apt's candidate for kiosk from the repository, checked with KEY
policy() {
    mkdir -p "$TMP/lists/partial"
    rm -f "$TMP"/lists/*_*
    cp "$1" "$TMP/trusted.asc"; chmod 0644 "$TMP/trusted.asc"
    echo "deb [signed-by=$TMP/trusted.asc] file:$TMP/www bookworm main" >"$TMP/sources.list"
    set -- -o Dir::Etc::sourcelist="$TMP/sources.list" -o Dir::Etc::sourceparts=- \
        -o Dir::State::lists="$TMP/lists" -o Dir::Cache="$TMP/cache" -o Debug::NoLocking=1
    mkdir -p "$TMP/cache"
    apt-get "$@" -q update >"$TMP/update.log" 2>&1
    apt-cache "$@" policy kiosk 2>/dev/null | awk '/Candidate:/ {print $2}'
}
chmod 0755 "$TMP"

pkg 1.0; pkg 1.1
expect_status 0 "apt-repo.sh keygen makes a repository key" tools/apt-repo.sh keygen "$TMP/gnupg"
expect_status 1 "apt-repo.sh keygen never replaces a key" tools/apt-repo.sh keygen "$TMP/gnupg"
expect_status 0 "apt-repo.sh publish signs a repository" \
    tools/apt-repo.sh publish "$TMP/gnupg" "$TMP/state" "$TMP/www" "$TMP/kiosk_1.0_all.deb"
check "the repository is static files: dists/bookworm/InRelease, the package in pool/" \
    sh -c 'test -f "$1/www/dists/bookworm/InRelease" && test -f "$1/www/pool/main/k/kiosk/kiosk_1.0_all.deb" &&
        ! test -e "$1/www/conf" && ! test -e "$1/www/db"' - "$TMP"
check "its Release names origin kiosk" grep -qx "Origin: kiosk" "$TMP/www/dists/bookworm/Release"
v=$(policy "$TMP/www/kiosk-archive.asc")
check "apt accepts it with the exported key (candidate $v)" test "$v" = 1.0
tools/apt-repo.sh keygen "$TMP/other" >/dev/null 2>&1
v=$(policy "$TMP/other/kiosk-archive.asc")
check "apt refuses it with another key (candidate '$v')" sh -c '[ -z "$1" ] || [ "$1" = "(none)" ]' - "$v"
grep -q "NO_PUBKEY\|not signed" "$TMP/update.log" && ok "apt says the signature is not from its key" ||
    { not_ok "apt says the signature is not from its key"; sed 's/^/#   /' "$TMP/update.log"; }
tools/apt-repo.sh publish "$TMP/gnupg" "$TMP/state" "$TMP/www" "$TMP/kiosk_1.1_all.deb" >/dev/null 2>&1
v=$(policy "$TMP/www/kiosk-archive.asc")
check "a newer version published is apt's candidate ($v)" test "$v" = 1.1
echo garbage >"$TMP/bad.deb"
expect_status 1 "apt-repo.sh publish refuses a file that is not a package" \
    tools/apt-repo.sh publish "$TMP/gnupg" "$TMP/state" "$TMP/www" "$TMP/bad.deb"
