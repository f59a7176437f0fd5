#!/bin/sh
# Install the system packages the kiosk needs to build, run and test, when
# pkg-config cannot find them. Debian, Raspberry Pi OS, Ubuntu (apt-get).
# Usage: tools/install-deps.sh [--test]   (--test adds what the test suite uses)
set -eu

BUILD_PKGS="build-essential pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
libcurl4-openssl-dev libyaml-dev libsodium-dev libqrencode-dev fonts-dejavu-core"
# prometheus (promtool, prometheus), prometheus-pushgateway, jq and curl: the
# health metrics tests run a real Pushgateway and Prometheus on loopback.
# nginx-light has the dav module the screenshot upload test PUTs to;
# python3 plays a server that never answers.
TEST_PKGS="libcmocka-dev clang xvfb xdotool nginx-light imagemagick \
prometheus prometheus-pushgateway jq curl python3"

need_build=0
for m in sdl2 SDL2_ttf SDL2_image libcurl yaml-0.1 libsodium libqrencode; do
    pkg-config --exists "$m" 2>/dev/null || need_build=1
done
command -v cc >/dev/null 2>&1 || need_build=1

pkgs=""
[ "$need_build" = 1 ] && pkgs="$BUILD_PKGS"
if [ "${1:-}" = "--test" ]; then
    need_test=0
    pkg-config --exists cmocka 2>/dev/null || need_test=1
    for c in clang Xvfb xdotool nginx convert promtool prometheus prometheus-pushgateway jq curl; do
        command -v "$c" >/dev/null 2>&1 || need_test=1
    done
    [ "$need_test" = 1 ] && pkgs="$pkgs $TEST_PKGS"
fi

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
