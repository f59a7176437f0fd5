#!/bin/sh
# bench.sh — the kiosk beside the usual alternative, a Chromium kiosk showing
# the same content, measured the same way in one run; then one table of every
# figure of `make bench`.
#
#   tests/bench/bench.sh [BUILD_DIR]        (make bench runs it after the C benchmarks)
#
# Both run under one Xvfb at 1920x1080 in a 1920x1080 window at 0,0: the
# kiosk (build/kiosk --window 1920x1080, software renderer as it picks under
# X11) on content/, Chromium --kiosk on the same content as static HTML and
# CSS (build/bench-html). build/bench-run starts each, polls the screen for
# the first frame, sums PSS and CPU over its process tree and kills the tree.
#
# tests/bench/bench.sh BUILD_DIR --report prints the table and draws the plot
# again from the figures of the last run, without measuring.
#
# Environment: BENCH_RUNS (start-up runs per program, default 5),
# BENCH_IDLE_RUNS (runs with an idle attract loop, default 2), BENCH_IDLE_S
# (seconds each, default 30), BENCH_PLOT (the PNG, default BUILD_DIR/bench/
# bench.png), BENCH_CHROMIUM (the browser, default chromium).
# Installs Xvfb, Chromium and gnuplot with apt-get when missing and root;
# otherwise skips that part and says so. Every run is bounded in time; an
# exit, ^C or failure kills what was started.
set -u

B=${1:-build}
OUT=$B/bench
RUNS=${BENCH_RUNS:-5}
IDLE_RUNS=${BENCH_IDLE_RUNS:-2}
IDLE_S=${BENCH_IDLE_S:-30}
PLOT=${BENCH_PLOT:-$OUT/bench.png}
CHROMIUM=${BENCH_CHROMIUM:-chromium}
RES=$OUT/results.txt   # "figure|unit|ours|theirs" lines for the table and the plot

XPID=
REPORT=0
if [ "${2:-}" = --report ]; then
    # only the table and the plot again, from the figures of the last run
    [ -s "$RES" ] || { echo "bench: no figures in $OUT to report" >&2; exit 1; }
    REPORT=1
    OUT=$(cd "$OUT" && pwd)
else
    LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
    rm -rf "$OUT"
    mkdir -p "$OUT" || exit 1
    OUT=$(cd "$OUT" && pwd)
    : >"$RES"
fi
RES=$OUT/results.txt

cleanup() {
    if [ -n "$XPID" ]; then
        kill "$XPID" 2>/dev/null
        wait "$XPID" 2>/dev/null
        XPID=
    fi
    rm -rf "$OUT"/profile-*
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "bench: $*"; }

# median of the numbers on stdin (one per line); empty when none
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
                     else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# one row of the table: figure, unit, ours, theirs (theirs may be empty)
row() { printf '%s|%s|%s|%s\n' "$1" "$2" "$3" "${4:-}" >>"$RES"; }

if [ "$REPORT" = 0 ]; then
# --- figures of the C benchmarks (their output is above) ---------------------
C_OUT=$OUT/c-benchmarks.txt
cat "$B"/bench_*.txt >"$C_OUT" 2>/dev/null
if [ -s "$C_OUT" ]; then
    v=$(awk '$1 == "bundled" { print $4 }' "$C_OUT")
    [ -n "$v" ] && row "content_load, bundled content (median)" ms "$v"
    v=$(awk '$1 == "generated" { print $(NF - 2); exit }' "$C_OUT")
    p=$(awk '$1 == "generated" { print $(NF - 3); exit }' "$C_OUT")
    [ -n "$v" ] && row "content_load, ${p:-1000} generated pages (median)" ms "$v"
    # bench_update: "first install of 500 files: 188 ms", "... 359 bytes on
    # the wire", "... = publish to swap 96 ms", "publish to updater_take 897 ms"
    v=$(sed -n 's/.*first install of \([0-9]*\) files: \([0-9.]*\) ms.*/\1 \2/p' "$C_OUT")
    [ -n "$v" ] && row "update: first install of ${v% *} files" ms "${v#* }"
    v=$(sed -n 's/.*no-change poll.* \([0-9]*\) bytes on the wire.*/\1/p' "$C_OUT")
    [ -n "$v" ] && row "update: poll of an unchanged channel, on the wire" bytes "$v"
    v=$(sed -n 's/.*publish to swap \([0-9.]*\) ms.*/\1/p' "$C_OUT")
    [ -n "$v" ] && row "update: one file changed, publish to swap" ms "$v"
    v=$(sed -n 's/.*publish to updater_take \([0-9.]*\) ms.*/\1/p' "$C_OUT")
    [ -n "$v" ] && row "update: the same through the 1 s polling thread" ms "$v"
    # bench_speech: "a scene's announcement  1.2 ms for ...", "voice_say to
    # the first samples  3.4 ms", "whole content, de: ...: 1301x real time"
    v=$(sed -n "s/.*a scene's announcement *\([0-9.]*\) ms.*/\1/p" "$C_OUT")
    [ -n "$v" ] && row "speech: synthesis of a scene's announcement" ms "$v"
    v=$(sed -n 's/.*voice_say to the first samples *\([0-9.]*\) ms.*/\1/p' "$C_OUT")
    [ -n "$v" ] && row "speech: touch to the first samples at the audio device" ms "$v"
    v=$(sed -n 's/.*whole content, de: .* \([0-9]*\)x real time.*/\1/p' "$C_OUT")
    [ -n "$v" ] && row "speech: whole content (de), times real time" "x" "$v"
    # bench_poll.sh: "fleet poll: 1000 kiosks at once for 10 s: 41000.5 requests/s,
    # latency p99 80ms, 0 HTTP errors, 0 failed connections, ..."
    v=$(sed -n 's/^fleet poll: \([0-9]*\) kiosks.*: \([0-9.]*\) requests\/s, latency p99 \([^,]*\), \([0-9]*\) HTTP errors, \([0-9]*\) failed.*/\1|\2|\3|\4|\5/p' "$B/bench_poll.txt" 2>/dev/null)
    if [ -n "$v" ]; then
        IFS='|' read -r k r l http conn <<VALS
$v
VALS
        row "update: $k kiosks polling one nginx at once, no-change polls" "req/s" "$r"
        row "update: the same, latency p99 / failed polls" "" "$l / $((http + conn))"
    fi
    awk '$1 == "frame" && $4 ~ /^[0-9]+$/ { print $2, $3, $5, $6 }' "$C_OUT" |
        while read -r size kind p50 p99; do
            row "frame time $kind $size p50 / p99" ms "$p50 / $p99"
        done
fi

# --- what the comparison needs -------------------------------------------------
need=""
command -v Xvfb >/dev/null 2>&1 || need="$need xvfb"
command -v "$CHROMIUM" >/dev/null 2>&1 || need="$need chromium"
command -v gnuplot >/dev/null 2>&1 || need="$need gnuplot-nox"
if [ -n "$need" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing$need"
        export DEBIAN_FRONTEND=noninteractive
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $need >"$OUT/apt.log" 2>&1 ||
            { apt-get update -qq >>"$OUT/apt.log" 2>&1 &&
              apt-get install -y -qq --no-install-recommends $need >>"$OUT/apt.log" 2>&1; } ||
            say "could not install$need (see $OUT/apt.log)"
    else
        say "missing:$need — run as root to install them, or: apt-get install$need"
    fi
fi

compare=1
for t in "$B/kiosk" "$B/bench-run" "$B/bench-html"; do
    [ -x "$t" ] || { say "SKIPPED the Chromium comparison: $t is not built (Xlib missing? apt-get install libx11-dev)"; compare=0; }
done
command -v Xvfb >/dev/null 2>&1 || { say "SKIPPED the Chromium comparison: Xvfb is missing"; compare=0; }
command -v "$CHROMIUM" >/dev/null 2>&1 || { say "SKIPPED the Chromium comparison: $CHROMIUM is missing"; compare=0; }

# --- side by side ---------------------------------------------------------------
# one run of bench-run; appends "prog kind run key value" lines to runs.txt
measure() {
    prog=$1 kind=$2 n=$3
    shift 3
    # --foreground: ^C reaches bench-run, which takes its process tree down
    if timeout --foreground -k 5 "$LIMIT" "$B/bench-run" --display ":$DNUM" --expect "$EXPECT" "$@" \
        >"$OUT/run.out" 2>>"$OUT/$prog.log"; then
        awk -v p="$prog" -v k="$kind" -v n="$n" '{ print p, k, n, $1, $2 }' "$OUT/run.out" >>"$OUT/runs.txt"
        return
    fi
    rc=$?
    [ "$rc" -gt 128 ] && { say "interrupted"; exit 130; }
    [ "$rc" = 124 ] && say "$prog $kind run $n took longer than $LIMIT s"
    say "$prog $kind run $n failed (see $OUT/$prog.log)"
    kill -0 "$XPID" 2>/dev/null || { say "Xvfb is gone; stopping"; exit 1; }
}

run_kiosk() {  # kind n bench-run-options...
    k=$1 n=$2
    shift 2
    measure kiosk "$k" "$n" "$@" -- env DISPLAY=":$DNUM" "$B/kiosk" --content content \
        --window 1920x1080
}

# Chromium with a fresh profile (a new --user-data-dir each run), or with
# $WARM, a profile it has used before: what a kiosk PC that reboots sees.
run_chromium() {  # kind n bench-run-options...
    k=$1 n=$2
    shift 2
    if [ "$k" = warm ]; then
        prof=$WARM
    else
        prof=$(mktemp -d "$OUT/profile-XXXXXX")
    fi
    measure chromium "$k" "$n" "$@" -- "$CHROMIUM" --display=":$DNUM" --kiosk --no-sandbox \
        --disable-background-networking --disable-component-update --disable-sync \
        --no-first-run --disable-quic --user-data-dir="$prof" \
        --window-size=1920,1080 --window-position=0,0 "file://$OUT/html/index.html"
    [ "$k" = warm ] || rm -rf "$prof"
}

if [ "$compare" = 1 ]; then
    "$B/bench-html" content assets/fonts "$OUT/html" >/dev/null || compare=0
fi
if [ "$compare" = 1 ]; then
    EXPECT=$(awk '$1 == "expect" { print $2 }' "$OUT/html/schedule")
    FADES=$(awk '$1 == "fades" { print $2 }' "$OUT/html/schedule")
    CYCLE=$(awk '$1 == "cycle" { print $2 }' "$OUT/html/schedule")
    FADE_MS=$(awk '$1 == "fade_ms" { print $2 }' "$OUT/html/schedule")
    # a free display number, chosen by the server itself
    Xvfb -displayfd 3 -screen 0 1920x1080x24 -nolisten tcp 3>"$OUT/display" >"$OUT/xvfb.log" 2>&1 &
    XPID=$!
    for _ in $(seq 50); do
        [ -s "$OUT/display" ] && break
        sleep 0.1
    done
    DNUM=$(head -n 1 "$OUT/display" 2>/dev/null)
    if [ -z "$DNUM" ]; then
        say "SKIPPED the Chromium comparison: Xvfb did not start (see $OUT/xvfb.log)"
        compare=0
    fi
fi
if [ "$compare" = 1 ]; then
    : >"$OUT/runs.txt"
    say "side by side under Xvfb :$DNUM at 1920x1080: $RUNS start-ups each, then $IDLE_RUNS x ${IDLE_S} s idle attract loop each"
    LIMIT=60
    WARM=$(mktemp -d "$OUT/profile-warm-XXXXXX")
    run_chromium warm 0 --settle 3000   # fills the reused profile; not counted
    i=1
    while [ "$i" -le "$RUNS" ]; do
        run_kiosk start "$i" --settle 2000
        run_chromium start "$i" --settle 3000
        run_chromium warm "$i" --settle 2000
        i=$((i + 1))
    done
    # the kiosk's frame times once more, presenting to a real X server
    if env DISPLAY=":$DNUM" SDL_VIDEODRIVER=x11 timeout 180 "$B/bench_frame" >"$OUT/frame-x11.txt" 2>&1; then
        awk '$1 == "frame" && $3 == "fade" && $4 ~ /^[0-9]+$/ { print $2, $5, $6 }' "$OUT/frame-x11.txt" |
            while read -r size p50 p99; do
                row "frame time fade $size under Xvfb (x11) p50 / p99" ms "$p50 / $p99"
            done
    else
        say "bench_frame under Xvfb failed (see $OUT/frame-x11.txt)"
    fi
    LIMIT=$((IDLE_S + 60))
    i=1
    while [ "$i" -le "$IDLE_RUNS" ]; do
        for prog in kiosk chromium; do
            "run_$prog" idle "$i" --settle 3000 --idle $((IDLE_S * 1000)) --xserver "$XPID" \
                --fades "$FADES" --cycle "$CYCLE" --fade-ms "$FADE_MS"
        done
        i=$((i + 1))
    done
    cleanup

    get() {  # prog kind key -> median over the counted runs
        awk -v p="$1" -v k="$2" -v key="$3" \
            '$1 == p && $3 > 0 && ($2 == k || (k == "any" && $2 != "warm")) && $4 == key { print $5 }' \
            "$OUT/runs.txt" | median
    }
    chromium_warm=$(get chromium warm frame_ms)
    for prog in kiosk chromium; do
        eval "${prog}_frame=\$(get $prog start frame_ms)"
        eval "${prog}_mapped=\$(get $prog start mapped_ms)"
        eval "${prog}_peak=\$(get $prog any peak_pss_kb)"
        if [ "$IDLE_RUNS" -gt 0 ]; then
            eval "${prog}_steady=\$(get $prog idle steady_pss_kb)"
        else
            eval "${prog}_steady=\$(get $prog start steady_pss_kb)"
        fi
        eval "${prog}_procs=\$(get $prog any procs)"
        eval "${prog}_cpu=\$(get $prog idle cpu_pct)"
        eval "${prog}_fade=\$(get $prog idle fade_cpu_pct)"
        eval "${prog}_still=\$(get $prog idle still_cpu_pct)"
        eval "${prog}_xcpu=\$(get $prog idle xserver_cpu_pct)"
    done
    mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
    # shellcheck disable=SC2154
    {
        row "start-up: exec to first frame (median of $RUNS)" ms "$kiosk_frame" "$chromium_frame"
        row "start-up, Chromium reusing its profile" ms "$kiosk_frame" "$chromium_warm"
        row "start-up: exec to window on screen" ms "$kiosk_mapped" "$chromium_mapped"
        row "memory: peak PSS, process tree" MB "$(mb "$kiosk_peak")" "$(mb "$chromium_peak")"
        row "memory: steady PSS, process tree" MB "$(mb "$kiosk_steady")" "$(mb "$chromium_steady")"
        row "processes" "" "$kiosk_procs" "$chromium_procs"
        if [ "$IDLE_RUNS" -gt 0 ]; then
            row "CPU, attract loop idle ${IDLE_S} s (% of one core)" % "$kiosk_cpu" "$chromium_cpu"
            row "CPU during cross-fades" % "$kiosk_fade" "$chromium_fade"
            row "CPU between cross-fades" % "$kiosk_still" "$chromium_still"
            row "CPU of the X server meanwhile (not in the above)" % "$kiosk_xcpu" "$chromium_xcpu"
        fi
    }
    # shellcheck disable=SC2154
    bar() {  # label ours theirs: one group of the plot, the ratio in its label
        [ -n "$2" ] && [ -n "$3" ] &&
            awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN { printf "\"%s\" \"%.0fx\" %s %s\n", l, b / a, a, b }'
    }
    {
        bar "start-up (ms)" "$kiosk_frame" "$chromium_frame"
        bar "start-up, reused profile (ms)" "$kiosk_frame" "$chromium_warm"
        bar "peak PSS (MB)" "$(mb "$kiosk_peak")" "$(mb "$chromium_peak")"
        bar "steady PSS (MB)" "$(mb "$kiosk_steady")" "$(mb "$chromium_steady")"
    } >"$OUT/plot.dat"
fi
# --- the machine -----------------------------------------------------------------
machine() {
    echo "machine: $(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
        "Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), Linux $(uname -r)"
    echo "software: SDL $(pkg-config --modversion sdl2 2>/dev/null), SDL_ttf" \
        "$(pkg-config --modversion SDL2_ttf 2>/dev/null), SDL_image $(pkg-config --modversion SDL2_image 2>/dev/null)," \
        "$("$CHROMIUM" --version 2>/dev/null | awk '{ print $1, $2 }' || echo 'no Chromium')," \
        "Xvfb $(dpkg-query -W -f '${Version}' xvfb 2>/dev/null || echo '?')"
    echo "load average before / after: $LOAD0 / $(cut -d' ' -f1-3 /proc/loadavg)"
}
machine >"$OUT/machine.txt"
fi

# --- the table ------------------------------------------------------------------

echo
echo "== make bench: figures (ours: build/kiosk; alternative: $CHROMIUM --kiosk on the same content)"
cat "$OUT/machine.txt"
awk -F'|' '
    function ratio(a, b) {
        if (a == "" || b == "" || a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || a + 0 == 0) return ""
        return sprintf("%.1fx", b / a)
    }
    function fmt(x) {
        if (x !~ /^[0-9.]+$/) return x
        if (x == int(x)) return sprintf("%d", x)
        return sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x)
    }
    BEGIN { printf "%-52s %-5s %14s %12s %8s\n", "figure", "unit", "kiosk", "chromium", "ratio" }
    { printf "%-52s %-5s %14s %12s %8s\n", $1, $2, fmt($3), ($4 == "" ? "-" : fmt($4)), ratio($3, $4) }
' "$RES" | tee "$OUT/table.txt"
awk -F'|' '
    function ratio(a, b) {
        if (a == "" || b == "" || a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || a + 0 == 0) return ""
        return sprintf("%.1f×", b / a)
    }
    function fmt(x) {
        if (x !~ /^[0-9.]+$/) return x
        if (x == int(x)) return sprintf("%d", x)
        return sprintf(x >= 100 ? "%.0f" : x >= 10 ? "%.1f" : "%.2f", x)
    }
    BEGIN { print "| figure | unit | kiosk | Chromium | ratio |"; print "|---|---|---:|---:|---:|" }
    { printf "| %s | %s | %s | %s | %s |\n", $1, $2, fmt($3), ($4 == "" ? "–" : fmt($4)), ratio($3, $4) }
' "$RES" >"$OUT/table.md"

# --- the plot ---------------------------------------------------------------------
if [ -s "$OUT/plot.dat" ] && command -v gnuplot >/dev/null 2>&1; then
    gnuplot >"$OUT/gnuplot.log" 2>&1 <<EOF
set terminal pngcairo size 1100,600 font "DejaVu Sans,12"
set output "$PLOT"
set title "kiosk vs. Chromium --kiosk, same content at 1920x1080 under Xvfb (medians; lower is better)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set logscale y
set yrange [1:*]
set grid ytics
set key top right
set ylabel "ms / MB (log scale)"
set xtics scale 0
set bmargin 4.5
plot "$OUT/plot.dat" using 3:xtic(sprintf("%s\n%s less", strcol(1), strcol(2))) title "kiosk (SDL2)" lc rgb "#0f4c81", \
     "" using 4 title "Chromium --kiosk" lc rgb "#f4a261", \
     "" using (\$0 - 0.17):3:(sprintf("%.0f", \$3)) with labels offset 0,0.7 notitle, \
     "" using (\$0 + 0.17):4:(sprintf("%.0f", \$4)) with labels offset 0,0.7 notitle
EOF
    if [ -s "$PLOT" ]; then say "plot: $PLOT"; else say "gnuplot failed (see $OUT/gnuplot.log)"; fi
elif [ -s "$OUT/plot.dat" ]; then
    say "no plot: gnuplot is missing"
fi
say "raw figures: $OUT/runs.txt, table: $OUT/table.txt and $OUT/table.md"

# Boot to kiosk on the Raspberry Pi's platform: measured by the last
# `make system-test` in its arm64 guest (too slow to boot here each time).
echo
if [ -s "$B/system-test-boot.txt" ]; then
    echo "== boot to kiosk, arm64 guest under QEMU with an emulated CPU (last make system-test)"
    sed 's/^/    /' "$B/system-test-boot.txt"
    echo "    FullPageOS (Chromium kiosk image) on a Pi: about 90 s power-on to browser (guysoft/FullPageOS#683)"
else
    say "boot to kiosk: not measured here; make system-test (root) measures it in an arm64 guest"
fi
exit 0
