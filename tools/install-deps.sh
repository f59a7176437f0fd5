#!/bin/sh
# Install the system packages the kiosk needs to build, run and test, when
# they are missing. Debian, Raspberry Pi OS, Ubuntu (apt-get, dpkg).
# Usage: tools/install-deps.sh [--test | --cross | --deb]
#   --test   adds what the test suite uses
#   --cross  adds Debian's arm64 cross compiler, arm64 libraries (multiarch) and
#            qemu-user, for `make cross-test`
#   --deb    adds Debian's packaging tools, the arm64 cross toolchain and every
#            arm64 -dev package the kiosk builds against, reprepro and gnupg,
#            for `make deb` and tools/apt-repo.sh
set -eu

BUILD_PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
libcurl4-openssl-dev libyaml-dev libsodium-dev libqrencode-dev fonts-dejavu-core \
libespeak-ng-dev espeak-ng-data libhyphen-dev hyphen-de hyphen-en-us hyphen-uk libfribidi-dev libharfbuzz-dev"
# FriBidi orders right-to-left text (the bidirectional algorithm); SDL2_ttf
# shapes through HarfBuzz, which the shaping test also calls directly.
# libhyphen breaks words; the kiosk reads the patterns from its bundled copy
# (assets/hyphen/, the same files as Debian's hyphen-de, hyphen-en-us and hyphen-uk) and
# falls back to /usr/share/hyphen/ where those packages put them.
# prometheus (promtool, prometheus), prometheus-pushgateway, jq and curl: the
# health metrics tests run a real Pushgateway and Prometheus on loopback.
# nginx-light has the dav module the screenshot upload test PUTs to;
# python3 plays a server that never answers.
TEST_PKGS="libcmocka-dev clang xvfb xdotool nginx-light imagemagick \
prometheus prometheus-pushgateway jq curl python3"

# libclang-rt-dev brings libFuzzer (clang only recommends it).
TEST_PKGS="$TEST_PKGS libclang-rt-dev cppcheck zbar-tools sox"
# tests/it/it_deb.sh publishes a signed apt repository (tools/apt-repo.sh).
TEST_PKGS="$TEST_PKGS reprepro gnupg"

# Only what is missing is installed: dpkg knows each package's state.
missing() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q ' installed$' || printf '%s ' "$p"
    done
}

# The pure core's unit tests on the Raspberry Pi's architecture.
CROSS_PKGS="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user \
libyaml-dev:arm64 libcmocka-dev:arm64 libsodium-dev:arm64 libsdl2-ttf-dev:arm64 \
libfribidi-dev:arm64 libharfbuzz-dev:arm64"

# make deb: debhelper builds the packages (natively, and cross for arm64 from
# Debian's arm64 -dev packages), lintian checks them; tools/apt-repo.sh
# publishes them with reprepro, signed with gnupg.
DEB_PKGS="debhelper dpkg-dev lintian reprepro gnupg crossbuild-essential-arm64 \
libsdl2-dev:arm64 libsdl2-ttf-dev:arm64 libsdl2-image-dev:arm64 libcurl4-openssl-dev:arm64 \
libyaml-dev:arm64 libsodium-dev:arm64 libqrencode-dev:arm64 libespeak-ng-dev:arm64 libhyphen-dev:arm64 \
libfribidi-dev:arm64 libharfbuzz-dev:arm64"

pkgs=$(missing $BUILD_PKGS)
[ "${1:-}" = "--test" ] && pkgs="$pkgs$(missing $TEST_PKGS)"
[ "${1:-}" = "--deb" ] && CROSS_PKGS=$DEB_PKGS
if [ "${1:-}" = "--cross" ] || [ "${1:-}" = "--deb" ]; then
    cross=$(missing $CROSS_PKGS)
    if [ -n "$cross" ] && ! dpkg --print-foreign-architectures | grep -qx arm64; then
        [ "$(id -u)" -eq 0 ] && dpkg --add-architecture arm64 || sudo dpkg --add-architecture arm64
    fi
    pkgs="$pkgs$cross"
fi
pkgs=$(echo $pkgs)

[ -z "$pkgs" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: need root or sudo to install: $pkgs" >&2; exit 1; }
else
    SUDO=
fi
echo "install-deps: installing $pkgs"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $pkgs
