#!/bin/sh
# Soak test in accelerated time: the kiosk runs headless under a scripted
# visitor (taps, swipes, idle periods, screenshots) for DAYS simulated days
# on its virtual clock, while its content is edited and reloaded (--watch)
# every few seconds of real time. Prints its figures; fails on a crash, a
# leak report, growing memory or growing file descriptors.
#   tests/bench/soak.sh KIOSK_BINARY DAYS [VISITS_PER_DAY]
set -u
KIOSK=$1
DAYS=$2
VISITS=${3:-200}
work=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-soak.XXXXXX")
trap 'kill $editor 2>/dev/null; rm -rf "$work"' EXIT
cp -R content "$work/content"

# A day: VISITS visits of a few actions each, idle periods between them
# (during which the attract loop runs and the idle timeout fires).
awk -v days="$DAYS" -v visits="$VISITS" 'BEGIN {
    srand(7); gap = int(86400000 / visits)
    for (v = 0; v < days * visits; v++) {
        print "tap 0.5 0.5"
        n = 2 + int(rand() * 10)
        for (k = 0; k < n; k++) {
            r = rand()
            if (r < 0.55) printf "tap %.3f %.3f\n", 0.03 + rand() * 0.94, 0.03 + rand() * 0.94
            else if (r < 0.8) printf "swipe 0.5 %.2f 0.5 %.2f %d\n", 0.6 + rand() * 0.3, 0.1 + rand() * 0.3, 150 + int(rand() * 400)
            else printf "wait %d\n", 500 + int(rand() * 30000)
        }
        if (v % 10 == 0) print "shot '"$work"'/shot.png"
        printf "wait %d\n", int(gap * (0.5 + rand()))
    }
}' >"$work/visits.script"

# Content edits in real time: the slide durations change back and forth.
(
    i=0
    while :; do
        sleep 2
        i=$((i + 1))
        if [ $((i % 2)) -eq 0 ]; then d=9; else d=11; fi
        sed -i "0,/duration: [0-9]*/s//duration: $d/" "$work/content/attract.yaml"
    done
) &
editor=$!

start=$(date +%s.%N)
SDL_VIDEODRIVER=offscreen "$KIOSK" --window 800x480 --content "$work/content" --watch \
    --script "$work/visits.script" >"$work/out.log" 2>"$work/err.log" &
pid=$!
samples="$work/samples"
: >"$samples"
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null)
    fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
    [ -n "$rss" ] && echo "$rss $fds" >>"$samples"
    sleep 0.5
done
wait "$pid"
rc=$?
end=$(date +%s.%N)

n=$(wc -l <"$samples")
first=$(sed -n "$(( n > 4 ? 3 : 1 ))p" "$samples")   # after start-up
last=$(tail -n 1 "$samples")
# Descriptors: the least of the last samples, as a reload may hold a directory
# open for a moment while a sample is taken.
fds_end=$(tail -n 5 "$samples" | awk 'NR == 1 || $2 < m {m = $2} END {print m}')
max_rss=$(awk 'BEGIN {m = 0} $1 > m {m = $1} END {print m}' "$samples")
fds_start=$(sed -n '3,12p' "$samples" | awk '$2 > m {m = $2} END {print m + 0}')
rss0=${first% *} fds0=$fds_start rss1=${last% *} fds1=$fds_end
visits=$((DAYS * VISITS))
reloads=$(grep -c 'changed: reloaded' "$work/err.log")
cache=$(sed -n 's/.*texture cache at exit: //p' "$work/err.log")
leaks=$(grep -c 'LeakSanitizer\|ERROR: AddressSanitizer' "$work/err.log")

printf '%-36s %s\n' "simulated days" "$DAYS" "visits" "$visits" \
    "script commands" "$(wc -l <"$work/visits.script")" \
    "real time (s)" "$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.1f", b - a}')" \
    "exit status" "$rc" "content reloads" "$reloads" \
    "RSS after start-up / end / max (KiB)" "$rss0 / $rss1 / $max_rss" \
    "open fds after start-up / end" "$fds0 / $fds1" \
    "texture cache at exit" "${cache:-?}" "sanitizer reports" "$leaks"

fail=0
[ "$rc" -eq 0 ] || { echo "soak: the kiosk exited with status $rc"; tail -n 20 "$work/err.log"; fail=1; }
[ "$leaks" -eq 0 ] || { echo "soak: sanitizer reports"; grep -A5 'Sanitizer' "$work/err.log" | head -40; fail=1; }
# Flat: memory may settle (caches fill) but not keep growing.
[ "$rss1" -le $((rss0 + rss0 / 4 + 8192)) ] || { echo "soak: memory grew from $rss0 to $rss1 KiB"; fail=1; }
[ "$fds1" -le "$fds0" ] || { echo "soak: file descriptors grew from $fds0 to $fds1"; fail=1; }
[ "$reloads" -gt 0 ] || { echo "soak: the content was never reloaded"; fail=1; }
exit $fail
