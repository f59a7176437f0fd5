# Shared helpers for shell integration tests (tests/it_*.sh). Each check
# prints one TAP line, "ok - what" or "not ok - what", which run-all.sh counts.
# KIOSK and PUBLISH name the binaries under test (the sanitizer build).
: "${KIOSK:=build/asan/kiosk}"
: "${PUBLISH:=build/asan/kiosk-publish}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check "description" command...: ok when the command exits 0
check() {
    desc=$1; shift
    if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# expect_status N "description" command...: ok when the command exits N
expect_status() {
    want=$1; desc=$2; shift 2
    "$@" >"$TMP/out" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$desc"; else not_ok "$desc (exit $got, wanted $want)"; sed 's/^/#   /' "$TMP/out"; fi
}

# contains FILE TEXT "description": ok when FILE contains TEXT (fixed string)
contains() {
    if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3 (no '$2' in output)"; sed 's/^/#   /' "$1" | head -n 20; fi
}

# other_diags FILE: the errors and warnings in FILE
other_diags() {
    grep -E ': (error|warning): ' "$1"
}

# make_content DIR MARK: a small valid content tree whose domain page says MARK
make_content() {
    mkdir -p "$1/domains"
    cat >"$1/kiosk.yaml" <<'EOF'
schema: 1
title:
  de: Testkiosk
  en: Test kiosk
organisation: Stadt Kaiserslautern
invitation:
  de: Bildschirm berühren
  en: Touch the screen
menu_title:
  de: Themen
  en: Topics
menu: [energie]
EOF
    cat >"$1/attract.yaml" <<'EOF'
slides:
  - id: start
    title:
      de: Willkommen
      en: Welcome
    text:
      de: Kaiserslautern will digitale Stadt werden.
      en: Kaiserslautern wants to become the digital city.
    domain: energie
EOF
    cat >"$1/domains/energie.yaml" <<EOF
title:
  de: Energie
  en: Energy
summary:
  de: Intelligente Netze für Strom und Wärme
  en: Smart grids for power and heat
color: "#e9c46a"
pages:
  - id: ueberblick
    title:
      de: Überblick
      en: Overview
    blocks:
      - paragraph:
          de: Inhalt $2
          en: Content $2
EOF
}

# used_copy SRC DST: a copy of the content tree SRC without the images no
# YAML file names (spare artwork): kiosk-publish refuses files the content
# does not use
used_copy() {
    cp -R "$1" "$2"
    (cd "$2" && find images -type f ! -name '*.md' 2>/dev/null) | while read -r f; do
        grep -qF -- "$f" "$2"/*.yaml "$2"/domains/*.yaml || rm -f "$2/$f"
    done
}

# add_logo DIR BYTES: a PNG at DIR/images/logo.png that decodes (kiosk
# --check decodes every image), with BYTES random bytes after its end, so
# each is a new file of about that size; named as the logo in
# DIR/kiosk.yaml (the publisher publishes only what the content uses)
add_logo() {
    mkdir -p "$1/images"
    { cat tests/fixtures/good/images/logo.png; head -c "$2" /dev/urandom; } >"$1/images/logo.png"
    echo "logo: images/logo.png" >>"$1/kiosk.yaml"
}

# resign FILE KEYFILE: sign FILE with KEYFILE (a kiosk.key or root.key) the
# way kiosk-publish does, into FILE.sig, to build manifests and key lists
# kiosk-publish would refuse to write (openssl speaks Ed25519). Needs $TMP;
# HAVE_OPENSSL says whether it can.
HAVE_OPENSSL=0
command -v openssl >/dev/null 2>&1 && HAVE_OPENSSL=1
resign() { # resign FILE KEYFILE
    awk '{print $2}' "$2" | base64 -d >"$TMP/sk.bin"
    # PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410), in octal for dash
    { printf '\060\056\002\001\000\060\005\006\003\053\145\160\004\042\004\040'; head -c 32 "$TMP/sk.bin"; } >"$TMP/sk.der"
    openssl pkey -inform DER -in "$TMP/sk.der" -out "$TMP/sk.pem" 2>/dev/null || return 1
    openssl pkeyutl -sign -rawin -inkey "$TMP/sk.pem" -in "$1" -out "$TMP/sig.bin" 2>/dev/null || return 1
    keyid=$(tail -c 32 "$TMP/sk.bin" | sha256sum | cut -c1-16)
    printf 'kiosk-ed25519-sig %s %s\n' "$keyid" "$(base64 -w0 "$TMP/sig.bin")" >"$1.sig"
}
