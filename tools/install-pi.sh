#!/bin/sh
# Set up a fresh Raspberry Pi OS Lite (bookworm, no desktop) as a town hall
# kiosk: installs the package kiosk, from the town's apt repository (and then
# keeps it current with unattended-upgrades) or from a .deb file:
#
#   sudo tools/install-pi.sh --repo URL --repo-key FILE [--upgrade-time HH:MM] [OPTIONS]
#   sudo tools/install-pi.sh --deb FILE [OPTIONS]
#   sudo tools/install-pi.sh --from-source [OPTIONS]      (developers: build here)
#   sudo tools/install-pi.sh --uninstall
#
# OPTIONS: [--channel URL] [--public-key FILE | --root-key FILE] [--id ID] [--location TEXT]
#   --root-key: trust the publishing keys on the root-signed keys.list instead
#   of one public key (docs/updates.md, Key rotation)
#
# The package brings the program, its files under /usr/share/kiosk, the
# systemd unit, /etc/kiosk/kiosk.yaml and the user `kiosk`. This script adds
# the repository (its key via signed-by), lets unattended-upgrades take the
# kiosk's packages from it in a maintenance window (daily at --upgrade-time,
# default 03:00, plus up to 30 minutes; the lists are fetched an hour before),
# sets the given options in kiosk.yaml, quiets the console and gives tty1 to
# the kiosk. --from-source builds and installs under /usr/local instead, with
# the unit in /etc/systemd/system (needs a clone of the repository and
# installs a compiler). Works on arm64 and armhf (and any Debian for testing).
set -eu

PREFIX=${PREFIX:-/usr/local}
ETC=/etc/kiosk
UNIT=/etc/systemd/system/kiosk.service
SOURCES=/etc/apt/sources.list.d/kiosk.sources
KEYRING=/etc/apt/keyrings/kiosk-archive.asc
APTCONF=/etc/apt/apt.conf.d/51kiosk-unattended-upgrades
SUITE=bookworm
channel="" pubkey="" rootkey="" id="" location="" uninstall=0
repo="" repokey="" deb="" source=0 at=03:00

usage() { sed -n '2,23p' "$0"; }
while [ $# -gt 0 ]; do
    case "$1" in
    --repo) repo=$2; shift 2 ;;
    --repo-key) repokey=$2; shift 2 ;;
    --upgrade-time) at=$2; shift 2 ;;
    --deb) deb=$2; shift 2 ;;
    --from-source) source=1; shift ;;
    --channel) channel=$2; shift 2 ;;
    --public-key) pubkey=$2; shift 2 ;;
    --root-key) rootkey=$2; shift 2 ;;
    --id) id=$2; shift 2 ;;
    --location) location=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-pi: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

die() { echo "install-pi: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "run as root (sudo)"
HERE=$(cd "$(dirname "$0")/.." && pwd)
export DEBIAN_FRONTEND=noninteractive

installed() { dpkg-query -W -f='${Status}' kiosk 2>/dev/null | grep -q ' installed$'; }

uninstall() {
    systemctl disable --now kiosk.service 2>/dev/null || true
    if installed; then
        apt-get remove -y -q kiosk
    else
        rm -f "$UNIT"
        make -C "$HERE" uninstall PREFIX="$PREFIX"
    fi
    rm -f "$SOURCES" "$KEYRING" "$APTCONF" /etc/systemd/system/apt-daily.timer.d/kiosk.conf \
        /etc/systemd/system/apt-daily-upgrade.timer.d/kiosk.conf
    systemctl daemon-reload
    systemctl enable getty@tty1.service 2>/dev/null || true
    echo "install-pi: removed the kiosk; kept $ETC, /var/lib/kiosk and the user 'kiosk'"
    echo "            (remove them with: apt-get purge kiosk; rm -rf $ETC; userdel kiosk)"
}

# the town's repository, signed with the key given (apt checks every Release
# file against it and against no other key)
add_repo() {
    [ -f "$repokey" ] || die "--repo needs --repo-key FILE (the repository's kiosk-archive.asc)"
    install -d -m 0755 /etc/apt/keyrings
    install -m 0644 "$repokey" "$KEYRING"
    printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: %s\n' \
        "$repo" "$SUITE" "$KEYRING" >"$SOURCES"
    # a source that cannot be reached now (another mirror) must not stop the install
    apt-get update -q || echo "install-pi: apt-get update reported errors; installing from what it fetched" >&2
}

# unattended-upgrades takes the kiosk's packages (origin "kiosk") in the
# maintenance window: systemd's apt timers, moved to outside the opening hours
unattended() {
    h=${at%%:*} m=${at#*:}
    case "$at" in [0-2][0-9]:[0-5][0-9]) ;; *) die "--upgrade-time HH:MM, not $at" ;; esac
    apt-get install -y -q unattended-upgrades
    cat >"$APTCONF" <<CONF
// install-pi.sh: the kiosk software from the town's repository ($repo),
// installed by unattended-upgrades; configuration changes are kept (no prompt).
Unattended-Upgrade::Origins-Pattern { "origin=kiosk,codename=$SUITE"; };
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
Dpkg::Options { "--force-confdef"; "--force-confold"; };
CONF
    for t in "apt-daily $(printf %02d $(( (${h#0} + 23) % 24 ))):$m" "apt-daily-upgrade $h:$m"; do
        # shellcheck disable=SC2086
        set -- $t
        mkdir -p "/etc/systemd/system/$1.timer.d"
        printf '# install-pi.sh: the maintenance window, outside opening hours\n[Timer]\nOnCalendar=\nOnCalendar=*-*-* %s\nRandomizedDelaySec=30m\n' \
            "$2" >"/etc/systemd/system/$1.timer.d/kiosk.conf"
    done
    systemctl daemon-reload
    systemctl enable --now apt-daily.timer apt-daily-upgrade.timer 2>/dev/null ||
        echo "install-pi: apt's timers are masked here: no unattended upgrades until they are unmasked" >&2
}

# a kiosk installed from source before: its unit in /etc would hide the package's
drop_source_install() {
    [ -f "$UNIT" ] || return 0
    echo "install-pi: removing the kiosk built from source ($UNIT, $PREFIX)"
    systemctl disable --now kiosk.service 2>/dev/null || true
    rm -f "$UNIT" "$PREFIX/bin/kiosk" "$PREFIX/bin/kiosk-publish"
    rm -rf "$PREFIX/share/kiosk" "$PREFIX/share/doc/kiosk"
    systemctl daemon-reload
}

install_package() {
    drop_source_install
    if [ -n "$repo" ]; then
        echo "install-pi: repository $repo"
        add_repo
        apt-get install -y -q kiosk
        unattended
    else
        [ -f "$deb" ] || die "$deb: no such file"
        echo "install-pi: package $deb"
        apt-get install -y -q "$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"
    fi
    BIN=/usr/bin/kiosk
}

install_source() {
    installed && die "the package kiosk is installed: remove it first (--uninstall)"
    cd "$HERE"
    echo "install-pi: packages"
    tools/install-deps.sh
    echo "install-pi: build and install to $PREFIX"
    make -j"$(nproc)" all
    make install PREFIX="$PREFIX"
    echo "install-pi: user 'kiosk'"
    if ! id kiosk >/dev/null 2>&1; then
        useradd --system --home-dir /var/lib/kiosk --no-create-home --shell /usr/sbin/nologin kiosk
    fi
    for g in video render input audio; do
        getent group "$g" >/dev/null && usermod -a -G "$g" kiosk
    done
    install -d -m 0755 "$ETC"
    [ -f "$ETC/kiosk.yaml" ] || sed -e "s#/usr/local/#$PREFIX/#g" tools/kiosk.yaml.example >"$ETC/kiosk.yaml"
    sed -e "s#/usr/local/#$PREFIX/#g" tools/systemd/kiosk.service >"$UNIT"
    systemctl daemon-reload
    BIN=$PREFIX/bin/kiosk
}

# the options given, into kiosk.yaml (the package's conffile: an upgrade keeps it)
configure() {
    echo "install-pi: configuration $ETC/kiosk.yaml"
    [ -n "$id" ] && sed -i "s#^id: .*#id: $id#" "$ETC/kiosk.yaml"
    [ -n "$location" ] && sed -i "s#^location: .*#location: \"$location\"#" "$ETC/kiosk.yaml"
    [ -n "$channel" ] && sed -i "s#^channel: .*#channel: \"$channel\"#" "$ETC/kiosk.yaml"
    [ -n "$pubkey" ] && install -m 0644 "$pubkey" "$ETC/kiosk.pub"
    if [ -n "$rootkey" ]; then
        # root_key replaces public_key: the kiosk refuses both together
        install -m 0644 "$rootkey" "$ETC/root.pub"
        sed -i -e 's#^public_key: #\# public_key: #' -e '/^root_key: /d' "$ETC/kiosk.yaml"
        echo "root_key: $ETC/root.pub" >>"$ETC/kiosk.yaml"
    fi
    "$BIN" --config "$ETC/kiosk.yaml" --print-config >/dev/null
}

# No blanking, no blinking cursor, no boot text bleeding through the kiosk.
console() {
    echo "install-pi: console"
    for f in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
        [ -f "$f" ] || continue
        for opt in consoleblank=0 vt.global_cursor_default=0 logo.nologo quiet loglevel=3; do
            grep -qw "$opt" "$f" || sed -i "1 s/\$/ $opt/" "$f"
        done
        break
    done
}

if [ "$uninstall" = 1 ]; then
    uninstall
    exit 0
fi
n=0
[ -n "$repo" ] && n=$((n + 1)); [ -n "$deb" ] && n=$((n + 1)); [ "$source" = 1 ] && n=$((n + 1))
[ "$n" = 1 ] || die "give one of --repo URL --repo-key FILE, --deb FILE or --from-source (see --help)"
[ -z "$pubkey" ] || [ -z "$rootkey" ] || die "give --public-key or --root-key, not both"

if [ "$source" = 1 ]; then install_source; else install_package; fi
configure
console
echo "install-pi: systemd unit"
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl enable kiosk.service
systemctl restart kiosk.service
echo "install-pi: done. Status: systemctl status kiosk; logs: journalctl -u kiosk -f"
