#!/bin/sh
# Set up a fresh Raspberry Pi OS Lite (bookworm, no desktop) as a town hall
# kiosk, from a clone of this repository:
#
#   sudo tools/install-pi.sh [--channel URL] [--public-key FILE] [--id ID] [--location TEXT]
#   sudo tools/install-pi.sh --uninstall
#
# It installs the packages, builds and installs the kiosk under /usr/local,
# creates the unprivileged user `kiosk`, writes /etc/kiosk/kiosk.yaml (kept
# when it exists), quiets the console, installs and starts the systemd unit.
# Works on arm64 and armhf (and any Debian for testing).
set -eu

PREFIX=${PREFIX:-/usr/local}
ETC=/etc/kiosk
UNIT=/etc/systemd/system/kiosk.service
channel="" pubkey="" id="" location="" uninstall=0

while [ $# -gt 0 ]; do
    case "$1" in
    --channel) channel=$2; shift 2 ;;
    --public-key) pubkey=$2; shift 2 ;;
    --id) id=$2; shift 2 ;;
    --location) location=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "install-pi: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

[ "$(id -u)" -eq 0 ] || { echo "install-pi: run as root (sudo)" >&2; exit 1; }
cd "$(dirname "$0")/.."

if [ "$uninstall" = 1 ]; then
    systemctl disable --now kiosk.service 2>/dev/null || true
    rm -f "$UNIT"
    systemctl daemon-reload
    systemctl enable getty@tty1.service 2>/dev/null || true
    make uninstall PREFIX="$PREFIX"
    echo "install-pi: removed the kiosk; kept $ETC, /var/lib/kiosk and the user 'kiosk'"
    echo "            (remove them with: rm -rf $ETC /var/lib/kiosk; userdel kiosk)"
    exit 0
fi

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

echo "install-pi: configuration $ETC/kiosk.yaml"
install -d -m 0755 "$ETC"
if [ ! -f "$ETC/kiosk.yaml" ]; then
    sed -e "s#/usr/local/#$PREFIX/#g" tools/kiosk.yaml.example >"$ETC/kiosk.yaml"
    [ -n "$id" ] && sed -i "s#^id: .*#id: $id#" "$ETC/kiosk.yaml"
    [ -n "$location" ] && sed -i "s#^location: .*#location: \"$location\"#" "$ETC/kiosk.yaml"
    [ -n "$channel" ] && sed -i "s#^channel: .*#channel: \"$channel\"#" "$ETC/kiosk.yaml"
fi
[ -n "$pubkey" ] && install -m 0644 "$pubkey" "$ETC/kiosk.pub"
"$PREFIX/bin/kiosk" --config "$ETC/kiosk.yaml" --print-config >/dev/null

echo "install-pi: console"
# No blanking, no blinking cursor, no boot text bleeding through the kiosk.
for f in /boot/firmware/cmdline.txt /boot/cmdline.txt; do
    [ -f "$f" ] || continue
    for opt in consoleblank=0 vt.global_cursor_default=0 logo.nologo quiet loglevel=3; do
        grep -qw "$opt" "$f" || sed -i "1 s/\$/ $opt/" "$f"
    done
    break
done

echo "install-pi: systemd unit"
sed -e "s#/usr/local/#$PREFIX/#g" tools/systemd/kiosk.service >"$UNIT"
systemctl daemon-reload
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl enable --now kiosk.service
echo "install-pi: done. Status: systemctl status kiosk; logs: journalctl -u kiosk -f"
