#!/bin/sh
# `make deb`: the Debian packages kiosk and kiosk-publish, built with
# dpkg-buildpackage from debian/, natively for amd64 and cross for arm64 (the
# Raspberry Pi) from Debian's arm64 -dev packages, then checked by lintian.
#
#   tools/deb-build.sh OUT_DIR [ARCH...]        (default: amd64 arm64)
#
# The version is the project's (the file VERSION) and must be the newest entry
# of debian/changelog. KIOSK_DEB_VERSION=V builds version V instead (a newer
# build to test upgrades with): the copy that is built gets V in VERSION and a
# changelog entry for it. The build runs in a copy of the tracked and new
# files, OUT_DIR/src/kiosk-V, so the working tree's build/ stays as it is.
# Writes OUT_DIR/kiosk_V_ARCH.deb, kiosk-publish_V_ARCH.deb, the .changes and
# .buildinfo files, and OUT_DIR/lintian-ARCH.txt. Exits 1 when a build fails
# or lintian reports an error.
set -eu
OUT=${1:?usage: tools/deb-build.sh OUT_DIR [ARCH...]}
shift
[ $# -gt 0 ] || set -- amd64 arm64
cd "$(dirname "$0")/.."

V=$(cat VERSION)
CV=$(dpkg-parsechangelog -S Version)
if [ -z "${KIOSK_DEB_VERSION:-}" ] && [ "$CV" != "$V" ]; then
    echo "deb: debian/changelog's newest entry is $CV, VERSION says $V: add an entry for $V" >&2
    exit 1
fi
V=${KIOSK_DEB_VERSION:-$V}
GIT_REV=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
export GIT_REV

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
SRC=$OUT/src/kiosk-$V
rm -rf "$OUT/src"; mkdir -p "$SRC"
if git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -C "$SRC" -xf -
else
    tar --exclude=./build -cf - . | tar -C "$SRC" -xf -
fi
if [ "$V" != "$CV" ]; then
    echo "$V" >"$SRC/VERSION"
    { printf 'kiosk (%s) bookworm; urgency=medium\n\n  * Build %s of %s (git %s).\n\n -- %s  %s\n\n' \
        "$V" "$V" "$CV" "$GIT_REV" "$(dpkg-parsechangelog -S Maintainer)" "$(date -R)"
      cat debian/changelog; } >"$SRC/debian/changelog"
fi

status=0
for arch in "$@"; do
    echo "deb: kiosk $V for $arch"
    if [ "$arch" = "$(dpkg --print-architecture)" ]; then
        set -- -b
    else
        set -- -b -a"$arch" -Pcross,nocheck
    fi
    if ! (cd "$SRC" && DEB_BUILD_OPTIONS="parallel=${DEB_JOBS:-2}${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" \
        dpkg-buildpackage "$@" -us -uc) >"$OUT/build-$arch.log" 2>&1; then
        tail -n 30 "$OUT/build-$arch.log" >&2
        echo "deb: the $arch build failed (whole log: $OUT/build-$arch.log)" >&2
        exit 1
    fi
    for f in "$OUT/src"/*_"$V"_"$arch".*; do mv "$f" "$OUT/"; done
    # lintian reads the .changes: both binary packages and their .buildinfo
    lintian --fail-on error --tag-display-limit 0 "$OUT/kiosk_${V}_$arch.changes" >"$OUT/lintian-$arch.txt" 2>&1 || status=1
    echo "deb: $OUT/kiosk_${V}_$arch.deb, $OUT/kiosk-publish_${V}_$arch.deb; lintian: $(
        grep -c '^E:' "$OUT/lintian-$arch.txt") errors, $(grep -c '^W:' "$OUT/lintian-$arch.txt") warnings"
    grep -E '^[EW]:' "$OUT/lintian-$arch.txt" >&2 || true
done
rm -rf "$OUT/src"
exit $status
