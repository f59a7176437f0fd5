#!/bin/sh
# Build the arm64 guest: a Debian 12 root file system (mmdebstrap, the guest's
# package scripts under qemu-user), then a raw ext4 image made with
# `mkfs.ext4 -d` (no loop mount), plus the kernel and initramfs QEMU boots.
#   build-image.sh OUT_DIR      writes OUT_DIR/{disk.img,vmlinuz,initrd.img}
# Needs host-setup.sh first. Takes 8-16 minutes on 2 cores.
set -eu
OUT=${1:?usage: build-image.sh OUT_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
MIRROR=${MIRROR:-$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)}
PKGS=$(grep -v '^#' "$HERE/packages.list" | tr -s ' \n' ',' | sed 's/^,//; s/,$//')
T=$OUT.tmp
rm -rf "$T"; mkdir -p "$T"
# The initramfs with MODULES=most takes ~9 minutes under qemu-user; a list of
# the virtio modules the guest boots from takes under one.
# The serial console (ttyAMA0) logs root in: it is the test's shell.
# The Pi's firmware reads the kernel command line from /boot/firmware/cmdline.txt;
# plain Debian has none, so the guest gets one and run.sh boots with it.
mmdebstrap --mode=root --arch=arm64 --variant=apt --include="$PKGS" \
  --setup-hook='mkdir -p "$1/etc/initramfs-tools/conf.d" && echo MODULES=list > "$1/etc/initramfs-tools/conf.d/modules"' \
  --customize-hook='echo kiosk-guest > "$1/etc/hostname"' \
  --customize-hook='printf "/dev/vda / ext4 defaults,noatime 0 1\n" > "$1/etc/fstab"' \
  --customize-hook='chroot "$1" passwd -d root' \
  --customize-hook='mkdir -p "$1/etc/systemd/system/serial-getty@ttyAMA0.service.d" && printf "[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --keep-baud 115200,57600,38400,9600 - \$TERM\n" > "$1/etc/systemd/system/serial-getty@ttyAMA0.service.d/autologin.conf"' \
  --customize-hook='printf "[Match]\nName=en* eth*\n[Network]\nDHCP=yes\n" > "$1/etc/systemd/network/10-dhcp.network" && chroot "$1" systemctl enable systemd-networkd' \
  --customize-hook='mkdir -p "$1/var/log/journal" "$1/boot/firmware" && echo "console=tty1 console=ttyAMA0 root=/dev/vda rw rootwait" > "$1/boot/firmware/cmdline.txt"' \
  --customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer e2scrub_reap.service' \
  --customize-hook='printf "virtio_pci\nvirtio_mmio\nvirtio_blk\nvirtio_net\next4\n" >> "$1/etc/initramfs-tools/modules"; chroot "$1" update-initramfs -u -k all' \
  --customize-hook='echo "nameserver 10.0.2.3" > "$1/etc/resolv.conf"' \
  --customize-hook="cp -L \"\$1\"/boot/vmlinuz-* \"$T/vmlinuz\" && cp -L \"\$1\"/boot/initrd.img-* \"$T/initrd.img\"" \
  bookworm "$T/root" "$MIRROR"
mkfs.ext4 -q -F -L kiosk-guest -d "$T/root" "$T/disk.img" 4G
rm -rf "$T/root"
rm -rf "$OUT"; mv "$T" "$OUT"
