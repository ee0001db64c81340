"""The fonts a printout is set in, and which characters they can show.

The text is set in DejaVu Sans, shipped in ``fonts/`` (Latin, Greek, Cyrillic, Hebrew, Arabic and
more). A character DejaVu lacks is set in the first installed Noto font that has it (fpdf2's fallback
fonts; only the glyphs used are embedded, as subsets): Noto Sans CJK for Chinese, Japanese and Korean,
then Noto Sans, Noto Sans Arabic, Noto Sans Hebrew and the Noto fonts of other scripts. They are
Debian's ``fonts-noto-cjk`` and ``fonts-noto-core`` (SIL Open Font License), which ``.ci/run`` and
``make`` install (``scripts/install_fonts.sh``); they are looked for in ``$COVERAGE_FONT_DIR`` (any
folder holding these files, for a machine without Debian's packages), then in ``/usr/share/fonts``
and ``/usr/local/share/fonts``.

A character no font here has is printed as :data:`MARK`, never dropped silently, and
:func:`unprintable` lets a page say so before the download. Reading the font files is the only file
access; each is read once per process.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # fontTools ships no type hints

SHIPPED_FONTS = Path(__file__).resolve().with_name("fonts")
FONT_DIR_ENV = "COVERAGE_FONT_DIR"
SYSTEM_FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
#: What a character no font has is printed as: the Unicode replacement character, a visible "�".
MARK = "\ufffd"


@dataclass(frozen=True)
class Typeface:
    """One font family: its regular and (if installed) bold file, and its face in a collection (.ttc)."""

    family: str
    regular: Path
    bold: Path | None = None
    face: int = 0


PRIMARY = Typeface("DejaVu", SHIPPED_FONTS / "DejaVuSans.ttf", SHIPPED_FONTS / "DejaVuSans-Bold.ttf")
#: Fallbacks in the order they are tried: (family, regular file, bold file, face in a collection).
FALLBACK_FILES: tuple[tuple[str, str, str, int], ...] = (
    ("NotoSansCJK", "NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 0),  # face 0: the Japanese forms
    ("NotoSans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0),
    ("NotoSansArabic", "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0),
    ("NotoSansHebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", 0),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", 0),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", 0),
    ("NotoSansTamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", 0),
    ("NotoSansThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", 0),
    ("NotoSansArmenian", "NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf", 0),
    ("NotoSansGeorgian", "NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", 0),
    ("NotoSansEthiopic", "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", 0),
)


def _font_folders() -> tuple[Path, ...]:
    extra = os.environ.get(FONT_DIR_ENV, "").strip()
    return ((Path(extra),) if extra else ()) + SYSTEM_FONT_FOLDERS


@cache
def _files_in(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Every font file under ``folders`` by its name (the first found wins), read once."""
    wanted = {name for _, regular, bold, _ in FALLBACK_FILES for name in (regular, bold)}
    found: dict[str, Path] = {}
    for folder in folders:
        for where, _, names in os.walk(folder):
            for name in wanted.intersection(names) - found.keys():
                found[name] = Path(where) / name
    return found


def fallbacks() -> tuple[Typeface, ...]:
    """The fallback fonts installed on this machine, in the order they are tried."""
    files = _files_in(_font_folders())
    return tuple(
        Typeface(family, files[regular], files.get(bold), face)
        for family, regular, bold, face in FALLBACK_FILES
        if regular in files
    )


@cache
def characters_of(typeface: Typeface) -> frozenset[int]:
    """The code points ``typeface``'s regular font has a glyph for."""
    with TTFont(typeface.regular, fontNumber=typeface.face, lazy=True) as font:
        return frozenset(font.getBestCmap() or {})


def fallback_for(character: str) -> Typeface | None:
    """The first fallback font that has ``character``, or None."""
    return next((face for face in fallbacks() if ord(character) in characters_of(face)), None)


def _shown(character: str) -> bool:
    code = ord(character)
    return code in characters_of(PRIMARY) or any(code in characters_of(face) for face in fallbacks())


def _invisible(character: str) -> bool:
    """A format character (zero-width joiner, direction mark...): it shapes text but has no glyph of its own."""
    return unicodedata.category(character) == "Cf"


def printable(text: str) -> str:
    """``text`` as it will be printed: composed (NFC), each character no font has replaced by :data:`MARK`."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        if ch.isspace() or _shown(ch):
            kept.append(ch)
        elif not _invisible(ch):  # an invisible character no font has is simply left out
            kept.append(MARK)
    return "".join(kept)


def unprintable(text: str) -> str:
    """The characters of ``text`` that no font here has (each once, in order); empty when all can be printed."""
    missing = dict.fromkeys(
        ch for ch in unicodedata.normalize("NFC", text) if not (ch.isspace() or _invisible(ch) or _shown(ch))
    )
    return "".join(missing)


def needs_shaping(text: str) -> bool:
    """True for text with right-to-left letters (Arabic, Hebrew) or combining marks (Indic, Thai, accents)."""
    return any(
        unicodedata.bidirectional(ch) in ("R", "AL", "AN") or unicodedata.category(ch) in ("Mn", "Mc") for ch in text
    )
