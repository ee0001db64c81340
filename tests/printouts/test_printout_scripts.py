"""Issue 17: names in every script reach the printouts, a character no font has is marked, and nothing is logged."""

from __future__ import annotations

import logging
import os
import uuid
from io import BytesIO

import pytest
from fontTools.agl import UV2AGL  # type: ignore[import-untyped]  # fontTools ships no type hints
from pypdf import PdfReader
from streamlit.testing.v1 import AppTest

from coverage import as_self_pay, estimate_pdf, good_faith_pdf
from coverage.printouts.pdf_document import FONT_LOGGERS
from coverage.printouts.typefaces import MARK, fallbacks, needs_shaping, printable, unprintable
from tests.dashboard_helpers import APP
from tests.printout_scenarios import ISSUED, pooled_estimate

#: One name a script: Latin with an accent, Greek, Cyrillic, Hebrew, Arabic (DejaVu Sans has these five),
#: then Japanese, Chinese and Korean (a Noto fallback font).
NAMES = {
    "Latin": "Zoë Ñúñez",
    "Greek": "Ελένη Παπαδοπούλου",
    "Cyrillic": "Пётр Иванов",
    "Hebrew": "שרה כהן",
    "Arabic": "محمد عبد الله",
    "Japanese": "山田 花子",
    "Chinese": "张伟",
    "Korean": "김민준",
}
NO_FONT_HAS = "\U00010000"  # LINEAR B SYLLABLE B008 A: in none of the printouts' fonts
NEEDS_FALLBACK = ("Japanese", "Chinese", "Korean")


@pytest.fixture(scope="module")
def noto() -> None:
    """The Noto fonts must be installed (scripts/install_fonts.sh); in CI their absence is a failure."""
    if not fallbacks():
        if os.environ.get("CI"):
            pytest.fail("the Noto fonts are missing: .ci/run installs fonts-noto-core and fonts-noto-cjk")
        pytest.skip("the Noto fonts are not installed here (scripts/install_fonts.sh installs them)")


def _text_and_fonts(pdf: bytes) -> tuple[str, set[str]]:
    reader = PdfReader(BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages).replace("\x00", "")
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}  # fmt: skip
    return text, fonts


def test_a_name_in_each_script_is_printed_whole_in_an_embedded_subset_font(noto: None) -> None:
    """Every letter of each name is in the PDF's text, and the CJK letters come from an embedded Noto subset."""
    pdf = estimate_pdf(pooled_estimate(), patient_name=" · ".join(NAMES.values()), issued=ISSUED)

    text, fonts = _text_and_fonts(pdf)

    for script, name in NAMES.items():
        missing = [ch for ch in name if not ch.isspace() and ch not in text]
        assert missing == [], f"{script}: {missing}"
    assert "NotoSansCJKJP" in fonts
    assert MARK not in text
    assert len(pdf) < 120_000  # subsets, not a 19 MB CJK font


@pytest.mark.parametrize("script", NEEDS_FALLBACK)
def test_every_cjk_name_can_be_printed_when_the_noto_fonts_are_installed(noto: None, script: str) -> None:
    """With the Noto fonts there is nothing the page needs to warn about for Chinese, Japanese or Korean."""
    assert unprintable(NAMES[script]) == ""


def test_a_character_no_font_has_is_printed_as_a_visible_mark(noto: None) -> None:
    """Linear B is in no font here: the printout shows the replacement mark where it stood, never a blank."""
    name = f"Zoë {NO_FONT_HAS}山田"

    text, _ = _text_and_fonts(estimate_pdf(pooled_estimate(), patient_name=name, issued=ISSUED))

    assert unprintable(name) == NO_FONT_HAS
    assert printable(name) == f"Zoë {MARK}山田"
    assert f"Zoë {MARK}山田" in text


def test_only_right_to_left_or_combining_text_is_shaped() -> None:
    """Arabic, Hebrew and Devanagari are shaped by HarfBuzz; Latin and CJK lines stay on the quick path."""
    assert [needs_shaping(NAMES[s]) for s in ("Arabic", "Hebrew", "Latin", "Japanese")] == [True, True, False, False]
    assert needs_shaping("देवी")


def test_no_printout_logs_any_part_of_the_patients_name(caplog: pytest.LogCaptureFixture) -> None:
    """Issue 17: with logging at DEBUG, building every printout for a unique name logs none of its characters."""
    unique = uuid.uuid4().hex[:10]
    name = f"Zoë 山田 {NO_FONT_HAS} محمد {unique}"
    caplog.set_level(logging.DEBUG)
    estimate = pooled_estimate()

    estimate_pdf(estimate, patient_name=name, issued=ISSUED)
    good_faith_pdf(as_self_pay(estimate), issued=ISSUED, patient_name=name)

    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    assert [r.name for r in caplog.records if r.name.startswith(FONT_LOGGERS)] == []  # both libraries silent
    assert unique not in logged
    for character in {ch for ch in name if not ch.isascii() and not ch.isspace()}:
        code = ord(character)
        assert character not in logged
        glyph_name = UV2AGL.get(code, f"uni{code:04X}")  # how fontTools names the glyph while subsetting
        for spelled in (f"\\u{code:04x}", f"\\U{code:08x}", glyph_name, f"u{code:04X}", f"U+{code:04X}"):
            assert spelled not in logged  # nor spelled as a glyph name or an escape


def _estimate_page_with_name(name: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["show_take_home"] = True
    at.run()
    at.text_input(key="take_home_patient_name").set_value(name).run()
    assert not at.exception
    return at


def test_the_page_warns_before_the_download_about_characters_that_cannot_be_printed() -> None:
    """A name with a character no font has: a warning names it, and the caption shows the name as printed."""
    at = _estimate_page_with_name(f"Ann {NO_FONT_HAS}")

    warnings = [str(w.value) for w in at.warning]
    assert any("cannot show 1 of the characters in this name" in w and NO_FONT_HAS in w for w in warnings)
    assert any(f"carry the name: Ann {MARK}" in str(c.value) for c in at.caption)


def test_the_page_does_not_warn_about_a_name_that_prints_whole(noto: None) -> None:
    """Zoë 山田 prints whole with the Noto fonts: no warning, and the caption shows it as typed."""
    at = _estimate_page_with_name("Zoë 山田")

    assert not [w for w in at.warning if "cannot show" in str(w.value)]
    assert any("carry the name: Zoë 山田" in str(c.value) for c in at.caption)
