#!/bin/sh
# Host side of the system test: QEMU, an arm64 root file system builder, nginx.
# Debian 12 host, root, Debian's mirror only. QEMU 10 (for virtio-multitouch-pci,
# the touch screen) comes from bookworm-backports on the same mirror and is
# unpacked into the cache, not installed: the host keeps its own QEMU 7.2.
#   host-setup.sh CACHE_DIR
set -eu
C=${1:?usage: host-setup.sh CACHE_DIR}
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)}
need=""
for p in qemu-system-arm qemu-user-static mmdebstrap qemu-utils e2fsprogs arch-test python3 imagemagick; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || need="$need $p"
done
# the channel's server; nginx-light like the integration tests (any nginx will do)
[ -x /usr/sbin/nginx ] || need="$need nginx-light"
if [ -n "$need" ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need
fi
# mmdebstrap runs the guest's maintainer scripts under qemu-user: binfmt_misc
# must know aarch64 (containers often have it unmounted).
[ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
[ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || \
    grep -v '^#' /usr/lib/binfmt.d/qemu-aarch64.conf > /proc/sys/fs/binfmt_misc/register
Q=$C/qemu10
if [ ! -x "$Q/root/usr/bin/qemu-system-aarch64" ]; then
    B=$C/bpo; rm -rf "$B" "$Q"; mkdir -p "$B/lists/partial" "$Q/debs"
    echo "deb $MIRROR bookworm-backports main" > "$B/sources.list"
    A="-o Dir::Etc::sourcelist=$B/sources.list -o Dir::Etc::sourceparts=/nonexistent -o Dir::State::lists=$B/lists"
    apt-get $A update -q
    V=$(apt-cache $A policy qemu-system-arm | awk '/bpo/ && $1 ~ /^[0-9]/ {print $1; exit}')
    V=${V:-$(apt-cache $A show qemu-system-arm | awk '/^Version:.*bpo/{print $2; exit}')}
    (cd "$Q/debs" && apt-get $A download qemu-system-arm="$V" qemu-system-common="$V" qemu-system-data="$V")
    for d in "$Q"/debs/*.deb; do dpkg -x "$d" "$Q/root"; done
    rm -rf "$B" "$Q/debs"
fi
# Only the modules it unpacked: the host's QEMU 7.2 modules do not load into 10.
QEMU_MODULE_DIR=$Q/root/usr/lib/x86_64-linux-gnu/qemu \
    "$Q/root/usr/bin/qemu-system-aarch64" -L "$Q/root/usr/share/qemu" -M virt \
    -device virtio-multitouch-pci,help >/dev/null
