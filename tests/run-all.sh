#!/bin/sh
# Run the whole suite: cmocka unit tests, shell integration tests (TAP lines
# "ok - ..." / "not ok - ..."), and a short run of every fuzzer over its seed
# corpus. Ends with one line "N passed, N failed"; exits 1 if anything failed.
#   tests/run-all.sh BUILD_DIR FUZZ_DIR
set -u
B=${1:-build/asan}
F=${2:-build/fuzz}
export KIOSK="$B/kiosk" PUBLISH="$B/kiosk-publish"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export SDL_VIDEODRIVER=${SDL_VIDEODRIVER:-offscreen}
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
out=build/test-logs
mkdir -p "$out"
passed=0
failed=0
failures=""

count() { # file: add cmocka and TAP counts from a log; nf = failures in it
    # (called directly, not in $(...), so the totals survive)
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$1" | awk '{s+=$1} END {print s+0}')
    tp=$(grep -c '^ok ' "$1")
    tf=$(grep -c '^not ok ' "$1")
    passed=$((passed + p + tp))
    failed=$((failed + f + tf))
    nf=$((f + tf))
}

run() { # name, command...: run, log, count; a crash without counts is a failure
    name=$1; shift
    log="$out/$name.log"
    "$@" >"$log" 2>&1
    rc=$?
    count "$log"
    if [ "$rc" -ne 0 ] && [ "$nf" -eq 0 ]; then
        failed=$((failed + 1)); nf=1
        echo "not ok - $name exited with status $rc" >>"$log"
    fi
    if [ "$nf" -ne 0 ]; then
        failures="$failures $name"
        echo "FAIL $name (log: $log)"
        grep -E '^(not ok|\[  FAILED  \]|\[  ERROR   \])' "$log" | head -n 20 | sed 's/^/    /'
        tail -n 15 "$log" | sed 's/^/    | /'
    else
        echo "ok   $name"
    fi
}

for t in "$B"/test_*; do
    [ -x "$t" ] || continue
    run "$(basename "$t")" "$t"
done

for t in tests/it/it_*.sh; do
    [ -f "$t" ] || continue
    run "$(basename "$t" .sh)" sh "$t"
done

# Fuzzers: replay the seed corpus and the regression inputs, then a short
# random run, so a parser change that crashes shows up here.
for fz in "$F"/fuzz_*; do
    [ -x "$fz" ] || continue
    n=$(basename "$fz")
    corpus="fuzz/corpus/$n"
    work="$out/corpus-$n"
    rm -rf "$work"; mkdir -p "$work"
    [ -d "$corpus" ] && cp "$corpus"/* "$work"/ 2>/dev/null
    log="$out/$n.log"
    if "$fz" -runs=3000 -max_len=16384 -seed=1 "$work" >"$log" 2>&1; then
        passed=$((passed + 1)); echo "ok   $n (3000 runs)"
    else
        failed=$((failed + 1)); failures="$failures $n"
        echo "FAIL $n (log: $log)"; tail -n 20 "$log" | sed 's/^/    | /'
    fi
done

[ -n "$failures" ] && echo "failed:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
