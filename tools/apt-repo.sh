#!/bin/sh
# The town's signed apt repository of the kiosk packages (reprepro), written
# as static files that the content's web server serves beside the channels
# (tools/nginx-kiosk.conf, location /apt/).
#
#   tools/apt-repo.sh keygen GNUPGHOME
#       creates the repository's signing key in GNUPGHOME (a new directory,
#       mode 0700, kept off the web server and out of the repository; no
#       passphrase, so that publishing runs unattended) and exports its public
#       half as GNUPGHOME/kiosk-archive.asc: copy that file to every kiosk, as
#       install-pi.sh --repo-key, the way kiosk.pub is copied.
#   tools/apt-repo.sh publish GNUPGHOME STATE_DIR WWW_DIR DEB...
#       adds the packages to the distribution bookworm, component main,
#       replacing older versions, and signs its Release file (InRelease and
#       Release.gpg). STATE_DIR holds reprepro's configuration and database
#       (not served); WWW_DIR receives dists/, pool/ and kiosk-archive.asc.
#
# Kiosks use it as
#   deb [signed-by=/etc/apt/keyrings/kiosk-archive.asc] URL/ bookworm main
# and unattended-upgrades takes the packages of origin "kiosk" from it
# (install-pi.sh sets both up). The first key is made with:
#   tools/apt-repo.sh keygen /srv/kiosk-secrets/apt-gnupg
set -eu
ORIGIN=${APT_ORIGIN:-kiosk}
CODENAME=${APT_CODENAME:-bookworm}

die() { echo "apt-repo: $*" >&2; exit 1; }

# fingerprint GNUPGHOME: the fingerprint of the one secret key there
fingerprint() {
    GNUPGHOME=$1 gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "fpr" {print $10; exit}'
}

keygen() {
    [ -e "$1" ] && die "$1 exists: a repository key is never replaced by accident"
    mkdir -p "$(dirname "$1")" && mkdir -m 0700 "$1"
    GNUPGHOME=$1 gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
        --quick-gen-key "kiosk apt repository <kiosk-archive@localhost>" ed25519 sign never
    GNUPGHOME=$1 gpg --batch --armor --export "$(fingerprint "$1")" >"$1/kiosk-archive.asc"
    echo "apt-repo: key $(fingerprint "$1"); give $1/kiosk-archive.asc to the kiosks"
}

publish() {
    gh=$1 state=$2 www=$3; shift 3
    [ $# -gt 0 ] || die "publish: no packages given"
    fpr=$(fingerprint "$gh")
    [ -n "$fpr" ] || die "no secret key in $gh (tools/apt-repo.sh keygen $gh)"
    for d in "$@"; do
        [ -f "$d" ] || die "$d: no such file"
        dpkg-deb -f "$d" Package >/dev/null 2>&1 || die "$d: not a Debian package"
    done
    mkdir -p "$state/conf" "$www"
    cat >"$state/conf/distributions" <<CONF
Origin: $ORIGIN
Label: $ORIGIN
Codename: $CODENAME
Architectures: amd64 arm64 armhf
Components: main
Description: public information kiosk packages
SignWith: $fpr
CONF
    GNUPGHOME=$gh reprepro --silent -b "$state" --outdir "$www" includedeb "$CODENAME" "$@"
    GNUPGHOME=$gh gpg --batch --armor --export "$fpr" >"$www/kiosk-archive.asc"
    GNUPGHOME=$gh reprepro -b "$state" --outdir "$www" list "$CODENAME" | sed 's/^/apt-repo: /'
}

cmd=${1:-}
[ $# -gt 0 ] && shift
# gpg starts an agent for the key's directory: it ends with this script
[ -n "${1:-}" ] && trap 'GNUPGHOME=$1 gpgconf --kill gpg-agent 2>/dev/null || true' EXIT
case "$cmd" in
keygen) [ $# = 1 ] || die "usage: tools/apt-repo.sh keygen GNUPGHOME"; keygen "$1" ;;
publish) [ $# -ge 4 ] || die "usage: tools/apt-repo.sh publish GNUPGHOME STATE_DIR WWW_DIR DEB..."; publish "$@" ;;
-h|--help) sed -n '2,26p' "$0" ;;
*) die "unknown command '$cmd' (see --help)" ;;
esac
