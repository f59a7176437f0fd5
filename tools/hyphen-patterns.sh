#!/bin/sh
# Refresh the hyphenation patterns bundled in assets/hyphen/ from Debian's
# hyphen-de, hyphen-en-us and hyphen-uk (tools/install-deps.sh installs them).
#
# English and Ukrainian are copied as they are. German is Debian's hyph_de_DE.dic without its
# first-level list of some 69,000 compounds ("# Zusammensetzungen" up to
# NOHYPHEN): with it, libhyphen takes about 4 s of CPU and 39 MB to load
# the patterns, on a Raspberry Pi more; without it 0.06 s and 2 MB. The
# syllable patterns (the second level, from dehyphn.tex), the adverbial
# prefixes and every setting stay, and set the bid's words the same.
#   tools/hyphen-patterns.sh [SOURCE_DIR]   (default /usr/share/hyphen)
set -eu
src=${1:-/usr/share/hyphen}
out=$(dirname "$0")/../assets/hyphen
cp "$src/hyph_en_US.dic" "$out/hyph_en_US.dic"
cp "$src/hyph_uk_UA.dic" "$out/hyph_uk_UA.dic"
awk '/^# Zusammensetzungen/ { skip = 1 } /^NOHYPHEN/ { skip = 0 } !skip' \
    "$src/hyph_de_DE.dic" >"$out/hyph_de_DE.dic"
echo "assets/hyphen: $(wc -l <"$out/hyph_de_DE.dic") German and $(wc -l <"$out/hyph_en_US.dic") English and $(wc -l <"$out/hyph_uk_UA.dic") Ukrainian lines"
