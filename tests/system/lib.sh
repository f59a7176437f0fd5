# The system test's machinery, sourced by run.sh after tests/lib.sh and
# tests/nginx-lib.sh: the cached guest image, the host's renderings to compare
# the guest's screen with, the channel on the host, the guest's QEMU.
# Everything started here is bounded by a timeout and stopped by its own pid.

GW=1280 GH=800                 # the guest's display (virtio-gpu-pci xres/yres)
S=$TMP/vm                      # QEMU's sockets (short paths: sun_path is 108 bytes)
QROOT=$CACHE/qemu10/root       # QEMU 10, unpacked by host-setup.sh
VM_LIMIT=${VM_LIMIT:-900}      # seconds one guest boot may run at most
BOOTS=0
mkdir -p "$S"

# image: the guest image for this package list and build script, from the
# cache or built into it (IMG names its folder)
image() {
    key=$(cat "$HERE/packages.list" "$HERE/build-image.sh" | sha256sum | cut -c1-16)
    IMG=$CACHE/image-$key
    if [ -f "$IMG/disk.img" ]; then
        echo "# guest image: cached in $IMG"
        return 0
    fi
    for old in "$CACHE"/image-*; do [ "$old" = "$IMG" ] || rm -rf "$old"; done
    t=$(date +%s)
    echo "# guest image: building $IMG (8-20 minutes)"
    if ! timeout 3000 "$HERE/build-image.sh" "$IMG" >"$W/build-image.log" 2>&1; then
        tail -n 30 "$W/build-image.log" | sed 's/^/#   /'
        not_ok "the guest image builds"
        return 1
    fi
    echo "# guest image built in $(( $(date +%s) - t )) s"
}

# packages: the arm64 packages the guest installs, built as make deb builds
# them (lintian must find no error): this tree's version N, and N+1, N+2 and
# N+3 for the upgrades; the apt repository's key, and N published to the
# repository on the channel's nginx (URL/apt/). DEB_N is N's version.
packages() {
    DEB_N=$(cat VERSION)
    tools/install-deps.sh --deb >"$W/deb.log" 2>&1 || { not_ok "tools/install-deps.sh --deb"; return 1; }
    if tools/deb-build.sh "$W/deb" arm64 >>"$W/deb.log" 2>&1; then
        ok "make deb: kiosk_${DEB_N}_arm64.deb, cross-built; lintian reports no errors ($(grep -c '^W:' "$W/deb/lintian-arm64.txt") warnings)"
    else
        tail -n 20 "$W/deb.log" | sed 's/^/#   /'
        not_ok "make deb builds kiosk_${DEB_N}_arm64.deb and lintian reports no errors"
        return 1
    fi
    for n in 1 2 3; do
        KIOSK_DEB_VERSION=$DEB_N+$n tools/deb-build.sh "$W/deb" arm64 >>"$W/deb.log" 2>&1 ||
            { not_ok "the package of version $DEB_N+$n builds"; return 1; }
    done
    tools/apt-repo.sh keygen "$W/gnupg" >>"$W/apt-repo.log" 2>&1 || { not_ok "tools/apt-repo.sh keygen"; return 1; }
    repo_publish "$W/deb/kiosk_${DEB_N}_arm64.deb" || { not_ok "tools/apt-repo.sh publish"; return 1; }
}

# repo_publish DEB: into the apt repository the guest reaches at /apt/
repo_publish() { tools/apt-repo.sh publish "$W/gnupg" "$W/apt-state" "$TMP/www/apt" "$1" >>"$W/apt-repo.log" 2>&1; }

# broken_deb DEB OUT: DEB with a postinst that fails before it restarts anything
broken_deb() {
    rm -rf "$TMP/bad"
    dpkg-deb -R "$1" "$TMP/bad" &&
        sed -i '0,/^set -e$/s//set -e\necho "kiosk postinst: broken on purpose" >\&2; exit 1/' "$TMP/bad/DEBIAN/postinst" &&
        grep -q "broken on purpose" "$TMP/bad/DEBIAN/postinst" &&
        dpkg-deb --root-owner-group -b "$TMP/bad" "$2" >/dev/null
}

# kiosk_host ARGS...: the kiosk on the host, headless
kiosk_host() { SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$KIOSK" "$@" >/dev/null 2>&1; }

# render DIR WxH CONTENT: what the kiosk draws at that size: every scene, the
# attract loop every 4.5 s of its 80 (on the kiosk's virtual clock), and the
# places of the home button and of the menu's tiles (targets.txt: name x y)
render() {
    mkdir -p "$1"
    echo "$2" >"$1/size"
    kiosk_host --content "$3" --window "$2" --screenshot-all "$1"
    # a visitor's language, contrast and size choices are not what the test compares
    rm -f "$1"/*-en.png "$1"/*-leicht.png "$1"/*contrast*.png "$1"/*large*.png "$1"/idle-*.png
    : >"$TMP/script"
    for i in 00 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18; do
        printf 'wait 4500\nshot %s/attract-%s.png\n' "$1" "$i" >>"$TMP/script"
    done
    echo quit >>"$TMP/script"
    kiosk_host --content "$3" --window "$2" --script "$TMP/script"
    # a touch on the attract loop opens a page: its home button; home: the tiles
    printf 'wait 500\ntap 0.5 0.5\nwait 1500\nquit\n' >"$TMP/script"
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$KIOSK" --content "$3" --window "$2" \
        --trace --script "$TMP/script" 2>/dev/null | awk '/trace: target/ {print $3, $4, $5}' >"$1/targets.txt"
    set -- "$1" "$2" "$3" "$(awk '$1 == "home" {print $2, $3}' "$1/targets.txt")"
    printf 'wait 500\ntap 0.5 0.5\nwait 1500\ntap %s\nwait 1500\nquit\n' "$4" >"$TMP/script"
    SDL_VIDEODRIVER=offscreen SDL_AUDIODRIVER=dummy "$KIOSK" --content "$3" --window "$2" \
        --trace --script "$TMP/script" 2>/dev/null | awk '/trace: target/ {print $3, $4, $5}' >>"$1/targets.txt"
}

# target DIR NAME: the place of a target as pixels "X Y" of the WxH it was rendered at
target() {
    awk -v n="$2" -v size="$(cat "$1/size")" 'BEGIN { split(size, s, "x") }
        $1 == n { x = $2 * s[1]; y = $3 * s[2] } END { printf "%d %d\n", x, y }' "$1/targets.txt"
}

# channel_start: a key pair, nginx on the host's loopback serving $TMP/www, and
# the bundled content published there as the channel "rathaus"
channel_start() {
    "$PUBLISH" keygen --out "$W/keys" >/dev/null 2>&1 || { not_ok "kiosk-publish keygen"; return 1; }
    # $TMP/slow, when it exists, makes every answer trickle (the power cut test)
    nginx_start "if (-f $TMP/slow) { set \$limit_rate 1k; }" || { not_ok "nginx starts"; return 1; }
    publish content
}

# publish DIR: publish a content tree to the channel
publish() { "$PUBLISH" --key "$W/keys/kiosk.key" --channel rathaus "$1" "$TMP/www" >>"$W/publish.log" 2>&1; }

# vm_boot net|offline: power on the guest with the kernel command line the
# guest's /boot/firmware/cmdline.txt gave (the Raspberry Pi's firmware reads
# it), then wait for the root shell on the serial console and mount the share.
# net: QEMU's user-mode network with one way out, 10.0.2.100:80 to nginx
# (restrict=on: nothing else); offline: no network card.
vm_boot() {
    BOOTS=$((BOOTS + 1))
    rm -f "$S"/*.sock "$S/qemu.pid"
    mode=$1
    [ -f "$W/disk.qcow2" ] || qemu-img create -q -f qcow2 -b "$IMG/disk.img" -F raw "$W/disk.qcow2"
    if [ "$1" = net ]; then
        set -- -netdev "user,id=n0,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:$(command -v python3) $HERE/relay.py $NGINX_PORT" \
            -device virtio-net-pci,netdev=n0,romfile=
    else
        set -- -nic none
    fi
    BOOT_T0=$(date +%s)
    QEMU_MODULE_DIR=$QROOT/usr/lib/x86_64-linux-gnu/qemu timeout "$VM_LIMIT" \
        "$QROOT/usr/bin/qemu-system-aarch64" -L "$QROOT/usr/share/qemu" \
        -M virt -cpu cortex-a72 -smp 2 -m 2048 -no-reboot \
        -kernel "$IMG/vmlinuz" -initrd "$IMG/initrd.img" -append "$(cat "$W/cmdline.txt")" \
        -drive "if=none,file=$W/disk.qcow2,format=qcow2,id=hd,cache=unsafe" -device virtio-blk-pci,drive=hd \
        -device virtio-gpu-pci,xres=$GW,yres=$GH \
        -device virtio-multitouch-pci,id=touch -device virtio-keyboard-pci \
        "$@" \
        -virtfs "local,path=$W/share,mount_tag=share,security_model=none,id=share" \
        -display none -pidfile "$S/qemu.pid" \
        -chardev "socket,id=ser0,path=$S/serial.sock,server=on,wait=off,logfile=$W/serial-$BOOTS.log" \
        -serial chardev:ser0 -qmp "unix:$S/qmp.sock,server=on,wait=off" \
        >"$W/qemu-$BOOTS.log" 2>&1 &
    if ! vm wait-shell 300; then
        echo "# boot $BOOTS: no shell on the serial console"; tail -n 20 "$W/serial-$BOOTS.log" | sed 's/^/#   /'
        return 1
    fi
    echo "# boot $BOOTS ($mode): shell after $(( $(date +%s) - BOOT_T0 )) s"
    # no prompts, no bracketed paste: the console's output is the commands' alone
    g 60 'PS1= PS2=; bind "set enable-bracketed-paste off"; mkdir -p /mnt/share &&
        mount -t 9p -o trans=virtio,version=9p2000.L share /mnt/share && . /mnt/share/guest.sh'
}

# vm ARGS...: tests/system/vm.py on this guest
vm() { python3 "$HERE/vm.py" "$S" "$@"; }

# g SECONDS COMMAND: run COMMAND in the guest's root shell; its output is in $OUT
g() {
    vm sh "$1" "$2" >"$TMP/g.out" 2>&1
    rc=$?
    OUT=$(cat "$TMP/g.out")
    return $rc
}

# vm_off SECONDS: wait for QEMU to end (the guest powered off or rebooted:
# -no-reboot makes a reboot end QEMU, and vm_boot is the power-on); then force it
vm_off() {
    [ -f "$S/qemu.pid" ] || return 0
    pid=$(cat "$S/qemu.pid")
    n=$(( $1 * 5 ))
    while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do sleep 0.2; n=$((n - 1)); done
    kill -0 "$pid" 2>/dev/null && { kill "$pid"; sleep 1; kill -9 "$pid" 2>/dev/null; }
    rm -f "$S/qemu.pid"
}

# vm_stop: end QEMU now (QMP quit, then its pid)
vm_stop() {
    [ -f "$S/qemu.pid" ] || return 0
    vm qmp quit >/dev/null 2>&1
    vm_off 10
}

# vm_reboot: a clean reboot, then power on again with the command line the
# guest's cmdline.txt says
vm_reboot() {
    g 30 'cat /boot/firmware/cmdline.txt' && [ -n "$OUT" ] && echo "$OUT" >"$W/cmdline.txt"
    g 10 'systemctl reboot'
    vm_off 120
    vm_boot "$1"
}

# screen NAME [--rotate DEG] REFDIR: capture the screen as shots/NAME.ppm and
# classify it against the renderings in REFDIR: SCENE, DIST and SIZE
screen() {
    name=$1; shift
    rot=""
    [ "$1" = --rotate ] && { rot="--rotate $2"; shift 2; }
    SCENE=none DIST=999 SIZE=none
    vm shot "$W/shots/$name.ppm" || return 1
    # shellcheck disable=SC2086
    set -- $(python3 "$HERE/screen.py" classify "$W/shots/$name.ppm" $rot "$1"/*.png)
    SCENE=$1 DIST=$2 SIZE=$3
    echo "# screen $name: $SCENE (distance $DIST) $SIZE"
}

# shows NAME PREFIX "what" [--rotate DEG] REFDIR: ok when the screen is nearest
# to a rendering whose name starts with PREFIX (an ERE: "page-|menu"), and
# near enough to be that. The guest is slow: up to TRIES captures, 2 s apart.
shows() {
    name=$1 prefix=$2 what=$3; shift 3
    n=${TRIES:-5}
    while :; do
        screen "$name" "$@"
        if echo "$SCENE" | grep -qE "^($prefix)" && [ "${DIST%.*}" -lt "${MATCH_MAX:-12}" ]; then
            ok "$what"
            return 0
        fi
        n=$((n - 1))
        [ "$n" -gt 0 ] || break
        sleep 2
    done
    not_ok "$what (the screen is nearest to $SCENE, distance $DIST; shot: $W/shots/$name.ppm)"
    return 1
}

# touch X Y: a finger on the guest's touch screen at pixel X,Y
touch_at() { vm touch "$1" "$2" "$GW" "$GH"; }

# black NAME: ok-able when the captured screen is black
black() {
    vm shot "$W/shots/$1.ppm" || return 1
    m=$(python3 "$HERE/screen.py" mean "$W/shots/$1.ppm")
    echo "# screen $1: mean brightness $m"
    [ "${m%.*}" -lt 3 ]
}

# tree_sum DIR: one hash over the names and contents of every file under DIR
# (as tests/system/guest.sh computes it in the guest)
tree_sum() { (cd "$1" && find . -type f | LC_ALL=C sort | xargs sha256sum) | sha256sum | cut -c1-16; }
