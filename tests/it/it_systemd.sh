#!/bin/sh
# The kiosk under systemd, without systemd: a stand-in notify socket
# (helper_notify) sees READY=1, the watchdog pings from the UI loop (which stop
# while the process is frozen), STOPPING=1 on SIGTERM; SIGHUP re-reads the
# configuration and keeps the old one when the new one is broken; and
# systemd-analyze accepts the unit. Prints TAP lines.
. tests/lib.sh
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
NOTIFY=${NOTIFY:-build/asan/helper_notify}
C=tests/fixtures/ui-content
SOCK=$TMP/notify
LOG=$TMP/notify.log

# count TEXT: how many notify lines so far carry TEXT
count() { grep -c -- "$1" "$LOG" 2>/dev/null || echo 0; }
# wait_for FILE TEXT SECONDS: until FILE contains TEXT; 0 when it did
wait_for() {
    i=0
    while [ $i -lt $(($3 * 10)) ]; do
        grep -qF -- "$2" "$1" 2>/dev/null && return 0
        sleep 0.1; i=$((i + 1))
    done
    return 1
}

"$NOTIFY" "$SOCK" 60 >"$LOG" 2>"$TMP/notify.err" &
NPID=$!
wait_for /dev/null x 0; i=0; while [ ! -S "$SOCK" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

cat >"$TMP/kiosk.yaml" <<YAML
content: $C
idle_timeout: 60
YAML

unset WATCHDOG_PID
NOTIFY_SOCKET=$SOCK WATCHDOG_USEC=2000000 "$KIOSK" --config "$TMP/kiosk.yaml" --window 800x480 \
    --metrics-file "$TMP/run.prom" --metrics-interval 1 --kiosk-id it-systemd \
    >"$TMP/kiosk.out" 2>"$TMP/kiosk.log" &
KPID=$!

# 1. ready after the first frame, and a status line
if wait_for "$LOG" READY=1 20; then ok "READY=1 once the first frame is up"; else not_ok "READY=1 once the first frame is up"; fi
contains "$LOG" "STATUS=showing content" "a STATUS= line says what is shown"
contains "$TMP/kiosk.log" "systemd watchdog: 2000 ms" "the kiosk reads WATCHDOG_USEC"

# 2. the watchdog: pings about every second (half of 2 s) while idle
sleep 3.2
n=$(count WATCHDOG=1)
if [ "$n" -ge 2 ]; then ok "WATCHDOG=1 pings from the idle main loop ($n in ~3 s)"; else not_ok "WATCHDOG=1 pings from the idle main loop ($n in ~3 s)"; fi

# 3. a frozen kiosk stops pinging, and pings again when it thaws
kill -STOP $KPID
sleep 0.3
a=$(count WATCHDOG=1)
sleep 2.5
b=$(count WATCHDOG=1)
if [ "$a" -eq "$b" ]; then ok "no pings while the process is stopped"; else not_ok "no pings while the process is stopped ($a, then $b)"; fi
kill -CONT $KPID
sleep 2.5
c=$(count WATCHDOG=1)
if [ "$c" -gt "$b" ]; then ok "pings resume after SIGCONT"; else not_ok "pings resume after SIGCONT ($b, then $c)"; fi

# 4. SIGHUP: a changed value is applied and logged; a broken file is not
sed -i 's/^idle_timeout: 60/idle_timeout: 30/' "$TMP/kiosk.yaml"
kill -HUP $KPID
if wait_for "$TMP/kiosk.log" "changed: idle_timeout: 30 (was: idle_timeout: 60)" 5; then
    ok "SIGHUP re-reads the configuration and logs what changed"
else not_ok "SIGHUP re-reads the configuration and logs what changed"; sed 's/^/#   /' "$TMP/kiosk.log" | tail -n 5; fi
contains "$TMP/kiosk.log" "content reloaded from $C" "SIGHUP reloads the content"
sed -i 's/^idle_timeout: 30/idle_timeout: forever/' "$TMP/kiosk.yaml"
kill -HUP $KPID
if wait_for "$TMP/kiosk.log" "keeping the configuration in use" 5; then
    ok "a broken configuration on SIGHUP is logged and the old one kept"
else not_ok "a broken configuration on SIGHUP is logged and the old one kept"; fi
contains "$TMP/kiosk.log" "kiosk.yaml:2:15: error:" "the reload error says file:line:column"
check "the kiosk runs on after a broken reload" kill -0 $KPID

# metrics: the exporter runs beside the UI
wait_for "$TMP/run.prom" kiosk_frames_presented_total 5
contains "$TMP/run.prom" 'kiosk_info{id="it-systemd"' "--metrics-file: the exporter writes the textfile with the kiosk id"
contains "$TMP/run.prom" 'kiosk_display_power{state="on"} 1' "the display reports on"

# 5. SIGTERM: STOPPING=1 and a clean exit within a second
kill -TERM $KPID
i=0
while kill -0 $KPID 2>/dev/null && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $KPID 2>/dev/null; then
    not_ok "SIGTERM ends the kiosk within a second"
    kill -KILL $KPID 2>/dev/null
    wait $KPID 2>/dev/null
else
    ok "SIGTERM ends the kiosk within a second"
    wait $KPID
    rc=$?
    check "exit status 0 after SIGTERM" test "$rc" -eq 0
fi
wait_for "$LOG" STOPPING=1 2
contains "$LOG" "STOPPING=1" "STOPPING=1 on the way out"
kill $NPID 2>/dev/null
wait $NPID 2>/dev/null

# 6. a bad configuration stops the kiosk before any window: exit 1, file:line:col
printf 'content: %s\nrotation: 45\n' "$C" >"$TMP/bad.yaml"
expect_status 1 "a bad value in the configuration file: exit 1" \
    "$KIOSK" --config "$TMP/bad.yaml" --window 800x480 --screenshot "$TMP/never.png"
contains "$TMP/out" "bad.yaml:2:11: error:" "the error names file:line:column"
check "no window was drawn" test ! -e "$TMP/never.png"
printf 'content: %s\nmetrics_file: %s/kiosk.txt\n' "$C" "$TMP" >"$TMP/badmetrics.yaml"
expect_status 1 "a metrics file node_exporter would not read: exit 1" \
    "$KIOSK" --config "$TMP/badmetrics.yaml" --window 800x480 --screenshot "$TMP/never2.png"
contains "$TMP/out" "must end in .prom" "the reason is given"
check "no window was drawn for it" test ! -e "$TMP/never2.png"

# 7. --print-config: the file, with the command line over it
printf 'content: %s\nrotation: 90\n' "$C" >"$TMP/good.yaml"
expect_status 0 "--print-config exits 0" "$KIOSK" --config "$TMP/good.yaml" --rotation 270 \
    --metrics-file "$TMP/k.prom" --print-config
contains "$TMP/out" "rotation: 270" "--rotation overrides the file"
contains "$TMP/out" "metrics_file: \"$TMP/k.prom\"" "--metrics-file shows in the configuration"
contains "$TMP/out" "content: \"$C\"" "values from the file are kept"

# 8. systemd-analyze verify accepts the unit (pointed at the binary under test)
if command -v systemd-analyze >/dev/null 2>&1; then
    mkdir -p "$TMP/unit"
    ABS_KIOSK=$(cd "$(dirname "$KIOSK")" && pwd)/$(basename "$KIOSK")
    sed "s|^ExecStart=[^ ]*|ExecStart=$ABS_KIOSK|" tools/systemd/kiosk.service >"$TMP/unit/kiosk.service"
    systemd-analyze verify "$TMP/unit/kiosk.service" >"$TMP/verify.out" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && [ ! -s "$TMP/verify.out" ]; then ok "systemd-analyze verify accepts kiosk.service"
    else not_ok "systemd-analyze verify accepts kiosk.service (exit $rc)"; sed 's/^/#   /' "$TMP/verify.out"; fi
else
    ok "# SKIP systemd-analyze not installed"
fi
