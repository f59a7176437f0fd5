#!/bin/sh
# Build the pure core and its unit tests for arm64 (the Raspberry Pi's
# architecture) with Debian's cross compiler, and run them under qemu-user.
# Catches what x86 hides: unsigned char, alignment, type sizes, endianness
# assumptions. Ends with "N passed, N failed". The Makefile passes the
# core's include flags, its tests (every tests/unit/test_<core module>.c)
# and its sources, so the list lives in one place.
#   tests/cross-test.sh "CORE_INCLUDE_FLAGS" "CORE_TESTS" CORE_SOURCES...
set -u
CROSS=${CROSS:-aarch64-linux-gnu}
QEMU=${QEMU:-qemu-aarch64}
out=build/cross-$CROSS
mkdir -p "$out"
inc=$1 tests=$2
shift 2
# Some core tests measure text with the bundled font through SDL2_ttf (the
# screen's own measure): the arm64 build of it, from Debian's multiarch.
ttf=$(PKG_CONFIG_LIBDIR=/usr/lib/$CROSS/pkgconfig:/usr/share/pkgconfig pkg-config --cflags --libs SDL2_ttf)
# The bidirectional algorithm (kiosk/ui/bidi.c): FriBidi's arm64 build.
ttf="$ttf $(PKG_CONFIG_LIBDIR=/usr/lib/$CROSS/pkgconfig:/usr/share/pkgconfig pkg-config --cflags --libs fribidi)"
passed=0 failed=0
for src in $tests; do
    t=$(basename "$src" .c)
    # shellcheck disable=SC2086 # $inc and $ttf are lists of flags
    if ! "$CROSS-gcc" -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        -Wall -Wextra -Werror -O1 -g $inc -Itests/unit -DKIOSK_DATADIR='"/usr/share/kiosk"' \
        -o "$out/$t" "$src" "$@" \
        -lyaml -lcmocka -lsodium $ttf -lpthread -lm 2>"$out/$t.build.log"; then
        echo "FAIL $t (build)"; sed 's/^/    | /' "$out/$t.build.log" | head -20
        failed=$((failed + 1)); continue
    fi
    QEMU_LD_PREFIX=/usr/$CROSS timeout 600 "$QEMU" "$out/$t" >"$out/$t.log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out/$t.log")
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out/$t.log")
    p=${p:-0} f=${f:-0}
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    passed=$((passed + p)) failed=$((failed + f))
    if [ "$f" -eq 0 ]; then echo "ok   $t ($CROSS, $p tests)"; else
        echo "FAIL $t ($CROSS)"; tail -n 20 "$out/$t.log" | sed 's/^/    | /'; fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
