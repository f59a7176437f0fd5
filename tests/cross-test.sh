#!/bin/sh
# Build the pure core and its unit tests for arm64 (the Raspberry Pi's
# architecture) with Debian's cross compiler, and run them under qemu-user.
# Catches what x86 hides: unsigned char, alignment, type sizes, endianness
# assumptions. Ends with "N passed, N failed".
#   tests/cross-test.sh CORE_SOURCES...
set -u
CROSS=${CROSS:-aarch64-linux-gnu}
QEMU=${QEMU:-qemu-aarch64}
out=build/cross-$CROSS
mkdir -p "$out"
# Unit tests of the pure core (the others need SDL or curl).
tests="yamltree content_load config schedule suggest nav script manifest"
passed=0 failed=0
for t in $tests; do
    if ! "$CROSS-gcc" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -Wall -Wextra -Werror -O1 -g -Ikiosk -DKIOSK_DATADIR='"/usr/share/kiosk"' \
        -o "$out/test_$t" "tests/test_$t.c" "$@" \
        -lyaml -lcmocka -lsodium -lpthread -lm 2>"$out/test_$t.build.log"; then
        echo "FAIL test_$t (build)"; sed 's/^/    | /' "$out/test_$t.build.log" | head -20
        failed=$((failed + 1)); continue
    fi
    QEMU_LD_PREFIX=/usr/$CROSS timeout 600 "$QEMU" "$out/test_$t" >"$out/test_$t.log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/test_$t.log")
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/test_$t.log")
    p=${p:-0} f=${f:-0}
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    passed=$((passed + p)) failed=$((failed + f))
    if [ "$f" -eq 0 ]; then echo "ok   test_$t ($CROSS, $p tests)"; else
        echo "FAIL test_$t ($CROSS)"; tail -n 20 "$out/test_$t.log" | sed 's/^/    | /'; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
