#!/usr/bin/env bash
# The Noto fonts the printouts fall back on for names in scripts DejaVu Sans (shipped) lacks: Chinese,
# Japanese, Korean, Devanagari, Thai and more. Debian's fonts-noto-cjk and fonts-noto-core, both under
# the SIL Open Font License 1.1 (/usr/share/doc/fonts-noto-*/copyright once installed).
#
#   scripts/install_fonts.sh           install them if missing and this is Debian/Ubuntu run as root;
#                                      otherwise say how, and succeed: printouts still work, a character
#                                      no font has is printed as a visible mark and the page says so.
#   scripts/install_fonts.sh --require fail unless they are there afterwards (CI).
set -u
CJK=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
CORE=/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf
have_fonts() {
    [ -f "$CJK" ] && [ -f "$CORE" ] && return 0
    [ -n "${COVERAGE_FONT_DIR:-}" ] && [ -n "$(find "$COVERAGE_FONT_DIR" -name 'NotoSansCJK-Regular.ttc' -print -quit 2>/dev/null)" ]
}
have_fonts && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-noto-core fonts-noto-cjk >/dev/null 2>&1; }
fi
have_fonts && exit 0
echo "note: the Noto fonts for names in Chinese, Japanese, Korean and other scripts are not installed, so" \
     "printouts show such characters as a mark. Install them with" \
     "'sudo apt-get install fonts-noto-core fonts-noto-cjk' (Debian/Ubuntu), or put NotoSansCJK-Regular.ttc" \
     "and the other Noto Sans files in a folder named by COVERAGE_FONT_DIR." >&2
[ "${1:-}" = "--require" ] && exit 1
exit 0
