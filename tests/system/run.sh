#!/bin/sh
# The kiosk on its own platform: an arm64 Debian 12 guest under
# qemu-system-aarch64 with a virtio GPU (a real /dev/dri/card0 for SDL's
# KMSDRM driver) and a virtio multitouch screen (evdev, SDL finger events),
# set up by tools/install-pi.sh exactly as the README's "Deploy on a
# Raspberry Pi" says. See tests/system/README.md.
#   tests/system/run.sh BUILD_DIR     (from the repository root, as root)
# Prints TAP lines and ends with "N passed, N failed"; exits 1 on a failure.
set -u
B=${1:-build}
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${KIOSK_SYSTEM_CACHE:-/var/cache/kiosk-system-test}
W=$(pwd)/$B/system-test
KIOSK=$B/kiosk PUBLISH=$B/kiosk-publish
. tests/lib.sh
. tests/nginx-lib.sh
. "$HERE/lib.sh"

URL=http://10.0.2.100/pub/rathaus/   # the channel, as the guest reaches it
REPO=http://10.0.2.100/apt/          # the apt repository of the kiosk software

# references: what the kiosk draws on the host, to compare the guest's screen
# with: the bundled content upright (v1) and turned (v1-turned, 800x1280), and
# the content of the update (v2, every slide in another colour)
references() {
    render "$W/ref/v1" ${GW}x$GH content
    render "$W/ref/v1-turned" ${GH}x$GW content
    cp -R content "$TMP/v2"
    sed -i 's/^    color: .*/    color: "#7a1f00"/' "$TMP/v2/attract.yaml"
    render "$W/ref/v2" ${GW}x$GH "$TMP/v2"
    mkdir -p "$W/ref/both"
    for f in "$W"/ref/v1/attract-*.png; do cp "$f" "$W/ref/both/v1-${f##*/}"; done
    for f in "$W"/ref/v2/attract-*.png; do cp "$f" "$W/ref/both/v2-${f##*/}"; done
}

# README "Deploy on a Raspberry Pi", 3. Get the kiosk, 4. Install (the
# package, from the town's repository), 5. Configure (opening hours every
# day: the test runs at any hour), then reboot once. The guest has no
# compiler and no package mirror: the kiosk's dependencies are in its image,
# the kiosk comes from the repository on the host's nginx.
t_install() {
    debugfs -R 'cat /boot/firmware/cmdline.txt' "$IMG/disk.img" >"$W/cmdline.txt" 2>/dev/null
    vm_boot net || { not_ok "the guest boots to a shell"; return 1; }
    g 30 'mv /etc/apt/sources.list /root/sources.list.unreachable 2>/dev/null; rm -f /etc/apt/sources.list.d/*'
    g 30 'for c in cc gcc clang make; do command -v $c; done'
    check "the guest has no compiler" [ -z "$OUT" ]
    t=$(date +%s)
    if g 900 'mkdir -p ~/kiosk && tar -C ~/kiosk -xf /mnt/share/kiosk.tar && cp /mnt/share/kiosk.pub /mnt/share/kiosk-archive.asc ~/ &&
        cd ~/kiosk && sudo tools/install-pi.sh --repo '"$REPO"' --repo-key ~/kiosk-archive.asc \
        --channel '"$URL"' --public-key ~/kiosk.pub \
        --id system-test --location "QEMU guest" >/root/install.log 2>&1; r=$?; cd; tail -n 3 /root/install.log; [ $r = 0 ]'
    then
        ok "install-pi.sh installs the package kiosk from the repository and starts it ($(( $(date +%s) - t )) s)"
    else
        not_ok "install-pi.sh in the guest"; echo "$OUT" | sed 's/^/#   /'
    fi
    g 30 'dpkg-query -W -f "\${Version} \${Status}\n" kiosk; id kiosk; stat -c %U /var/lib/kiosk
        apt-config dump | grep -A1 Origins-Pattern; cat /etc/systemd/system/apt-daily-upgrade.timer.d/kiosk.conf'
    echo "$OUT" | sed 's/^/#   /'
    check "the package $DEB_N is installed, its user kiosk has the groups video, render, input and audio" \
        sh -c 'echo "$1" | grep -qx "$2 install ok installed" && for gr in video render input audio; do
            echo "$1" | grep "^uid=" | grep -q "($gr)" || exit 1; done' - "$OUT" "$DEB_N"
    check "unattended-upgrades takes origin kiosk, daily at 03:00 (outside the opening hours)" \
        sh -c 'echo "$1" | grep -q "origin=kiosk" && echo "$1" | grep -qx "OnCalendar=\*-\*-\* 03:00"' - "$OUT"
    g 60 'set_hours 24h && sed -i -E "s/^  holidays: .*/  holidays: []/" /etc/kiosk/kiosk.yaml &&
        set_key poll_interval 10 && echo "# edited on this kiosk" >>/etc/kiosk/kiosk.yaml &&
        kiosk --config /etc/kiosk/kiosk.yaml --print-config >/dev/null'
    check "the configuration as edited passes kiosk --print-config" [ $? = 0 ]
    vm_reboot net
}

# The kiosk up under systemd on KMSDRM at the guest's resolution; the boot measured.
t_first_start() {
    g 150 'wait_for 120 more_frames 0; systemctl is-active kiosk; journalctl -b -u kiosk -o cat | grep -E "video driver|first frame"'
    echo "$OUT" | sed 's/^/#   /'
    check "kiosk.service is active (running) after boot" sh -c 'echo "$1" | grep -qx active' - "$OUT"
    check "the kiosk draws with SDL's KMSDRM driver" sh -c 'echo "$1" | grep -q "video driver KMSDRM"' - "$OUT"
    check "its first frame has the guest display's resolution (${GW}x$GH)" \
        sh -c 'echo "$1" | grep -q "first frame '"${GW}x$GH"'"' - "$OUT"
    shows 01-start attract "the captured screen shows the attract loop" "$W/ref/v1"
    g 10 'cat /proc/cmdline'
    check "install-pi.sh's console settings are on the kernel command line after the reboot" \
        sh -c 'for o in consoleblank=0 vt.global_cursor_default=0 logo.nologo quiet loglevel=3; do
            echo "$1" | grep -qw "$o" || exit 1; done' - "$OUT"
    # every input device: its name, and touch (ID_INPUT_TOUCHSCREEN) or mouse (ID_INPUT_MOUSE)
    g 30 'for e in /dev/input/event*; do u=$(udevadm info -q property $e); echo "$(cat /sys/class/input/${e##*/}/device/name):" \
        $(echo "$u" | grep -qx ID_INPUT_TOUCHSCREEN=1 && echo touch) $(echo "$u" | grep -qx ID_INPUT_MOUSE=1 && echo mouse); done'
    echo "$OUT" | sed 's/^/#   /'
    # (udev calls the multitouch screen a mouse too; SDL takes it as a touch screen)
    check "the guest's pointing device is a touch screen (ID_INPUT_TOUCHSCREEN), there is no mouse" \
        sh -c 'echo "$1" | grep -q ": touch" && ! echo "$1" | grep -q ": mouse$"' - "$OUT"
    measure "the first boot after the install"
}

# measure WHAT: power-on (the kernel's start) to the kiosk's first frame, and
# kiosk.service's start to it, from this boot's journal; systemd-analyze.
# Added to BUILD_DIR/system-test-boot.txt, which make bench shows.
measure() {
    g 90 'wait_for 60 systemd-analyze; systemd-analyze; systemd-analyze critical-chain kiosk.service | tail -n +2
        j() { journalctl -b -o short-monotonic -u kiosk | grep -m1 "$1" | sed "s/^\[ *\([0-9.]*\)\].*/\1/"; }
        echo "kiosk.service starting $(j "Starting ") first-frame $(j "first frame")"'
    echo "$OUT" >"$W/boot-$BOOTS.txt"
    echo "$OUT" | sed 's/^/#   /'
    set -- "$1" $(echo "$OUT" | awk '/^kiosk.service starting/ {print $3, $5}')
    [ $# = 3 ] || return 0
    line=$(awk -v what="$1" -v s="$2" -v f="$3" 'BEGIN {
        printf "%s: power-on to first frame %.1f s, kiosk.service start to first frame %.1f s", what, f, f - s }')
    echo "# $line"
    { echo "$line"; echo "$OUT" | grep -E "^Startup finished" | sed 's/^/  /'; } >>"$B/system-test-boot.txt"
}

# A touch on the attract loop leaves it (to the slide's domain or the menu), home shows the menu, a tile opens its domain.
t_touch() {
    R=$W/ref/v1
    touch_at $(target "$R" start); sleep 4
    shows 02-touch page-\|menu "a touch (finger events) on the attract loop opens the kiosk" "$R"
    touch_at $(target "$R" home); sleep 4
    shows 03-home menu "a second touch, on Übersicht, shows the menu" "$R"
    touch_at $(target "$R" domain:energie); sleep 4
    shows 04-tile page-energie "a touch on the tile Energie opens that domain" "$R"
}

# Opening hours: outside them the screen is black, a touch wakes it.
t_hours() {
    g 30 'set_hours closed && systemctl reload kiosk'
    i=0; while ! black 05-closed && [ $i -lt 10 ]; do sleep 2; i=$((i + 1)); done
    check "outside the opening hours the screen is black" black 05-closed
    touch_at $((GW / 2)) $((GH / 2)); sleep 4
    MATCH_MAX=20 shows 06-woken "attract|menu|page-" "a touch wakes the screen outside the opening hours" "$W/ref/v1"
    g 30 'set_hours 24h && systemctl reload kiosk'
}

# rotation: 90, README "Configure": the picture and the touch are turned.
t_rotation() {
    R=$W/ref/v1-turned
    g 120 'n=$(frames); set_key rotation 90 && systemctl restart kiosk && wait_for 90 more_frames $n'
    shows 07-turned attract "rotation: 90 turns the picture (a portrait attract loop)" --rotate 90 "$R"
    # the picture is turned clockwise: the rendering's (x, y) is the screen's (GW-1-y, x)
    turned() { set -- $(target "$R" "$1"); echo $((GW - 1 - $2)) "$1"; }
    touch_at $(turned start); sleep 4
    touch_at $(turned home); sleep 4
    shows 08-turned-menu menu "rotation: 90, a touch on Übersicht shows the menu" --rotate 90 "$R"
    touch_at $(turned domain:energie); sleep 4
    shows 09-turned-tile page-energie "rotation: 90, a touch on the tile Energie opens that domain" --rotate 90 "$R"
    g 120 'n=$(frames); set_key rotation 0 && systemctl restart kiosk && wait_for 90 more_frames $n'
}

# An update published on the host reaches the kiosk and is shown without a restart.
t_update() {
    g 10 'echo $(prop MainPID) $(journalctl -b -u kiosk -o cat | grep -c "updated to version")'
    set -- $OUT
    publish "$TMP/v2"
    t=$(date +%s)
    g 150 'wait_for 120 sh -c "[ \$(journalctl -b -u kiosk -o cat | grep -c \"updated to version\") -gt '"$2"' ]"
        journalctl -b -u kiosk -o cat | grep "updated to version" | tail -n 1; echo pid $(prop MainPID)'
    echo "$OUT" | sed 's/^/#   /'
    sleep 3
    shows 10-update v2- "an update published on the host is shown ($(( $(date +%s) - t )) s after publishing)" "$W/ref/both"
    check "the update was shown without a restart (same MainPID $1)" sh -c 'echo "$1" | grep -qx "pid $2"' - "$OUT" "$1"
}

# upgrade VERSION: publish the package VERSION (file $2, default its build)
# to the repository; the guest fetches the lists and runs unattended-upgrade,
# as apt-daily-upgrade.timer would in the maintenance window. $OUT: before
# (pid, exe version, frames), the upgrade's output, after.
upgrade() {
    repo_publish "${2:-$W/deb/kiosk_$1_arm64.deb}" || { not_ok "tools/apt-repo.sh publish $1"; return 1; }
    g 400 'echo before $(prop MainPID) $(/proc/$(prop MainPID)/exe --version | cut -d" " -f2) $(frames)
        apt-get update -q >/root/apt-update.log 2>&1 || tail -n 5 /root/apt-update.log
        unattended-upgrade -v >/root/unattended.log 2>&1; echo unattended-upgrade status $?
        grep -E "Packages that will be upgraded|Installing|rror|failed" /root/unattended.log | head -n 8
        wait_for 120 systemctl is-active --quiet kiosk
        pid=$(prop MainPID); wait_for 120 sh -c "journalctl -b -u kiosk -o cat _PID=$pid | grep -q \"first frame\""
        echo after $pid $(/proc/$pid/exe --version | cut -d" " -f2) $(frames) $(prop ActiveState)
        echo package $(dpkg-query -W -f "\${Version} \${Status}" kiosk); echo installed $(kiosk --version | cut -d" " -f2)
        readlink /var/lib/kiosk/current; grep -c "^# edited on this kiosk" /etc/kiosk/kiosk.yaml; grep "^channel:" /etc/kiosk/kiosk.yaml'
    echo "$OUT" | sed 's/^/#   /'
}

# field WORD N: the Nth word of the line of $OUT that starts with WORD
field() { echo "$OUT" | awk -v w="$1" -v n="$2" '$1 == w { print $n; exit }'; }

# Version N+1 in the repository: unattended-upgrade installs it, the service
# restarts into it, the configuration's edits and the state directory stay.
t_upgrade() {
    g 10 'readlink /var/lib/kiosk/current'; cur=$OUT
    upgrade "$DEB_N+1"
    check "unattended-upgrade installs $DEB_N+1 from the repository" \
        sh -c 'echo "$1" | grep -qx "package $2 install ok installed"' - "$OUT" "$DEB_N+1"
    check "kiosk.service restarted into $DEB_N+1 (pid $(field before 2) $(field before 3) -> $(field after 2) $(field after 3))" \
        sh -c '[ "$2" != "$3" ] && [ "$4" = "$5" ] && echo "$1" | grep -q "^after .* active$"' - "$OUT" \
        "$(field before 2)" "$(field after 2)" "$(field after 3)" "$DEB_N+1"
    check "/etc/kiosk/kiosk.yaml keeps its edits (the channel, a line added) across the upgrade" \
        sh -c 'echo "$1" | grep -qx 1 && echo "$1" | grep -qF "channel: \"$2\""' - "$OUT" "$URL"
    check "the state directory is kept: current is still $cur" sh -c 'echo "$1" | grep -qxF "$2"' - "$OUT" "$cur"
    shows 12-upgraded v2- "after the upgrade the kiosk shows the content it had received" "$W/ref/both"
}

# A package whose postinst fails: the kiosk that runs is left running; the
# next good version then installs over the half-configured one.
t_broken() {
    broken_deb "$W/deb/kiosk_$DEB_N+2_arm64.deb" "$TMP/broken.deb" || { not_ok "a broken package is made"; return 1; }
    upgrade "$DEB_N+2" "$TMP/broken.deb"
    check "unattended-upgrade reports the failed postinst of $DEB_N+2" \
        sh -c 'echo "$1" | grep -q "^unattended-upgrade status [1-9]" && echo "$1" | grep -q "^package $2 .*half-configured"' - "$OUT" "$DEB_N+2"
    check "the kiosk that ran before ($DEB_N+1, pid $(field before 2)) is still running, not restarted" \
        sh -c '[ "$2" = "$3" ] && [ "$4" = "$5" ] && echo "$1" | grep -q "^after .* active$"' - "$OUT" \
        "$(field before 2)" "$(field after 2)" "$(field after 3)" "$DEB_N+1"
    shows 13-broken v2- "after the failed upgrade the screen still shows the content" "$W/ref/both"
    upgrade "$DEB_N+3"
    check "the next good version ($DEB_N+3) installs over it and runs" \
        sh -c 'echo "$1" | grep -qx "package $2 install ok installed" && [ "$3" = "$2" ]' - "$OUT" "$DEB_N+3" "$(field after 3)"
}

# restarted SIGNAL WHOM WAIT PATTERN MIN MAX "what": systemctl kill -s SIGNAL
# --kill-who=WHOM; ok when the kiosk draws a first frame again after MIN to MAX
# seconds, restarted by systemd (NRestarts one up), and the journal has PATTERN
restarted() {
    g 10 'echo $(frames) $(prop NRestarts)'
    set -- "$@" $OUT
    t=$(date +%s)
    g 10 "systemctl kill -s $1 --kill-who=$2 kiosk"
    g $(($3 + 20)) 'wait_for '"$3"' more_frames '"$8"'; echo restarts $(prop NRestarts); journalctl -b -u kiosk -o cat | grep -i -m1 "'"$4"'"'
    dt=$(( $(date +%s) - t ))
    echo "$OUT" | sed 's/^/#   /'
    check "$7 in $dt s, the journal says why" sh -c 'echo "$1" | grep -qx "restarts $(($2 + 1))" &&
        echo "$1" | grep -qi "$3" && [ "$4" -ge "$5" ] && [ "$4" -le "$6" ]' - "$OUT" "$9" "$4" "$dt" "$5" "$6"
}

# systemd's watchdog restarts a hung kiosk; a crashed one is restarted too.
t_watchdog() {
    # the kiosk pings every WatchdogSec/2: the timeout comes 15-30 s after the stop
    restarted STOP all 100 "watchdog timeout" 10 75 \
        "the watchdog restarts a hung kiosk (SIGSTOP; WatchdogSec=30, RestartSec=2)"
    restarted SEGV main 60 "status=11/SEGV" 0 40 "a crashed kiosk (SIGSEGV) is restarted"
}

# A reboot without network: the kiosk shows the content it has.
t_reboot_offline() {
    journal
    vm_reboot offline || { not_ok "the guest boots again without network"; return 1; }
    g 150 'wait_for 120 more_frames 0; systemctl is-active kiosk'
    shows 11-offline v2- "after a reboot without network the kiosk shows its cached content" "$W/ref/both"
    measure "a boot without network"
}

# A hard power cut (QEMU system_reset) while an update downloads: current is
# one whole published tree afterwards (the one before, or the new one).
t_power_cut() {
    cp -R "$TMP/v2" "$TMP/v3"
    for f in "$TMP"/v3/*.yaml "$TMP"/v3/domains/*.yaml; do echo "# v3" >>"$f"; done
    # the trees a kiosk builds from the channel, as the host's kiosk builds them
    kiosk_host --channel "$NGINX_URL/pub/rathaus/" --public-key "$W/keys/kiosk.pub" --state-dir "$TMP/st" --update-once
    v2=$(tree_sum "$TMP/st/current")
    publish "$TMP/v3"
    kiosk_host --channel "$NGINX_URL/pub/rathaus/" --public-key "$W/keys/kiosk.pub" --state-dir "$TMP/st" --update-once
    v3=$(tree_sum "$TMP/st/current")
    : >"$TMP/slow"   # nginx now sends 1 KiB/s
    : >"$TMP/nginx/logs/access.log"
    vm_reboot net || { not_ok "the guest boots with network"; return 1; }
    # the kiosk polls within 30 s of its start; cut the power once objects flow
    i=0
    while ! grep -q '/objects/' "$TMP/nginx/logs/access.log" && [ $i -lt 240 ]; do sleep 0.5; i=$((i + 1)); done
    echo "# power cut after $(grep -c . "$TMP/nginx/logs/access.log") requests"
    vm qmp system_reset
    vm_off 10
    rm -f "$TMP/slow"
    vm_boot offline || { not_ok "the guest boots after the power cut"; return 1; }
    g 150 'wait_for 120 more_frames 0; systemctl is-active kiosk; readlink /var/lib/kiosk/current; tree_sum /var/lib/kiosk/current; kiosk --check /var/lib/kiosk/current >/dev/null && echo check-clean'
    echo "$OUT" | sed 's/^/#   /'
    which=none
    echo "$OUT" | grep -qx "$v2" && which="the one before (v2)"
    echo "$OUT" | grep -qx "$v3" && which="the new one (v3)"
    check "after a power cut in the middle of an update, current is one whole published tree: $which" \
        sh -c 'echo "$1" | grep -qx active && echo "$1" | grep -qx check-clean && [ "$2" != none ]' - "$OUT" "$which"
    journal
}

# README "7. Uninstall".
t_uninstall() {
    g 300 'cd ~/kiosk && sudo tools/install-pi.sh --uninstall >/root/uninstall.log 2>&1; r=$?; cd; [ $r = 0 ] && echo uninstalled
        systemctl cat kiosk.service >/dev/null 2>&1 && echo unit-left
        [ -e /usr/bin/kiosk ] && echo program-left; [ -e /usr/share/kiosk ] && echo data-left
        dpkg-query -W -f "\${Status}\n" kiosk | grep -q " installed$" && echo package-left
        pgrep -u kiosk >/dev/null && echo still-running
        echo getty $(systemctl is-enabled getty@tty1.service)
        [ -f /etc/kiosk/kiosk.yaml ] && [ -d /var/lib/kiosk ] && id kiosk >/dev/null && echo kept'
    echo "$OUT" | sed 's/^/#   /'
    check "install-pi.sh --uninstall removes the package (service, program), gives tty1 back to getty, keeps /etc/kiosk, /var/lib/kiosk and the user" \
        sh -c 'echo "$1" | grep -qx uninstalled && echo "$1" | grep -qx kept && echo "$1" | grep -qx "getty enabled" && ! echo "$1" | grep -qE "left|still-running"' - "$OUT"
}

# journal: this boot's journal of the kiosk, into build/system-test/journal-N.txt
journal() { g 60 'journalctl -b -u kiosk -o short-monotonic --no-pager' && echo "$OUT" >"$W/journal-$BOOTS.txt"; }

main() {
    T0=$(date +%s)
    rm -f "$B/system-test-boot.txt"
    [ "$(id -u)" = 0 ] || { echo "# system-test: needs root (binfmt_misc, mmdebstrap, $CACHE)"; return 1; }
    mkdir -p "$CACHE"
    # one run at a time per machine: they share the image cache
    exec 9>"$CACHE/lock"
    flock -w 3600 9 || { echo "# system-test: $CACHE is locked by another run"; return 1; }
    rm -rf "$W"; mkdir -p "$W/share" "$W/shots" "$W/ref"
    echo "# host packages, binfmt_misc, QEMU 10"
    "$HERE/host-setup.sh" "$CACHE" >"$W/host-setup.log" 2>&1 || { tail -20 "$W/host-setup.log"; return 1; }
    image || return 1
    references
    channel_start || return 1
    packages || return 1
    # the working tree, as a clone would have it (tracked and new files)
    git ls-files -co --exclude-standard -z | tar --null -T - -cf "$W/share/kiosk.tar"
    cp "$W/keys/kiosk.pub" "$W/gnupg/kiosk-archive.asc" "$HERE/guest.sh" "$W/share/"

    t_install
    # SYSTEM_TESTS picks some of the checks after the install (in this order)
    for t in ${SYSTEM_TESTS:-t_first_start t_touch t_hours t_rotation t_update t_watchdog \
        t_upgrade t_broken t_reboot_offline t_power_cut t_uninstall}; do
        "$t"
    done
    vm_stop
    echo "# total $(( $(date +%s) - T0 )) s"
}

cleanup() {
    vm_stop 2>/dev/null
    nginx_stop 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

mkdir -p "$B"
main 2>&1 | tee "$B/system-test.log"
passed=$(grep -c '^ok ' "$B/system-test.log")
failed=$(grep -c '^not ok ' "$B/system-test.log")
grep -q '^# total' "$B/system-test.log" || failed=$((failed + 1))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
