"""A printable page layout shared by the estimate and the Good Faith Estimate (fpdf2, pure Python).

The text is set in DejaVu Sans, embedded in the PDF; a character it lacks (a name in Chinese, Japanese,
Korean, Devanagari...) is set in the Noto font that has it, and one no font has is printed as a visible
mark (see :mod:`coverage.printouts.typefaces`). Right-to-left and joined scripts (Arabic, Hebrew) are
shaped by HarfBuzz, only in the lines that need it. Reading font files is the only file access here:
nothing is written, the document comes back as bytes.

Privacy: fpdf2 logs the characters a font lacks and fontTools logs glyph lists while subsetting, that is
pieces of a patient's name. Both loggers are switched off when this module is imported
(:func:`silence_font_libraries`), so no printout puts patient text in the server log.

Printing in black and white loses nothing: meaning is always in words ("not covered"), never in
colour; the only shading is a light grey behind table headings.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Any

from fpdf import FPDF, FontFace
from fpdf.enums import MethodReturnValue, TableBordersLayout, XPos, YPos

from coverage.catalog.clinic import Clinic
from coverage.printouts.typefaces import PRIMARY, Typeface, characters_of, fallback_for, needs_shaping, printable

FAMILY = PRIMARY.family
#: The libraries whose logs would carry the characters of a printout.
FONT_LOGGERS = ("fpdf", "fontTools")
_BODY = 9.0
_LINE = 4.6
#: Keep a heading on the same page as at least this much of what follows it (mm).
_KEEP_WITH_NEXT = 28.0
#: Light grey behind table headings: still readable when photocopied.
_HEADING_GREY = 230


class Document(FPDF):
    """A US Letter page with the clinic's letterhead, a title, and page numbers in the footer."""

    def __init__(self, *, title: str, clinic: Clinic, copy_label: str, dated: dt.date) -> None:
        super().__init__(format="Letter")
        self.add_font(FAMILY, "", str(PRIMARY.regular))
        self.add_font(FAMILY, "B", str(PRIMARY.bold))
        self._fallbacks: list[tuple[str, str]] = []  # (family, style) embedded so far
        # A fixed creation date (midnight UTC of the document's date), so the same input gives the same bytes.
        self.set_creation_date(dt.datetime.combine(dated, dt.time(), tzinfo=dt.UTC))
        self.set_title(title)
        self.set_author(clinic.name)
        self.set_creator("OT/PT coverage checker")
        self.doc_title = title
        self.clinic = clinic
        self.copy_label = copy_label
        self.set_margins(15, 14, 15)
        self.set_auto_page_break(auto=True, margin=16)
        self.add_page()

    def cell(self, w: float | None = None, h: float | None = None, text: str = "", *args: Any, **kwargs: Any) -> bool:
        """fpdf2's cell, with ``text`` made printable first (see :meth:`_printable`)."""
        return bool(super().cell(w, h, self._printable(text), *args, **kwargs))

    def multi_cell(self, w: float, h: float | None = None, text: str = "", *args: Any, **kwargs: Any) -> Any:
        """fpdf2's multi_cell (tables use it too), with ``text`` made printable first."""
        return super().multi_cell(w, h, self._printable(text), *args, **kwargs)

    def _printable(self, text: str) -> str:
        """Mark what no font has, add the fallback fonts ``text`` needs, and shape it only if it needs shaping."""
        text = printable(text)
        primary = characters_of(PRIMARY)
        bold = "B" in self.font_style
        for character in {ch for ch in text if ord(ch) not in primary and not ch.isspace()}:
            face = fallback_for(character)
            if face is not None:
                self._add_fallback(face, bold=bold)
        self.set_text_shaping(needs_shaping(text))
        return text

    def _add_fallback(self, face: Typeface, *, bold: bool) -> None:
        """Embed ``face`` (its bold too, for bold text) the first time a character needs it: a CJK font is large."""
        styles = [""] + (["B"] if bold and face.bold is not None else [])
        added = False
        for style in styles:
            if (face.family, style) not in self._fallbacks:
                self.add_font(
                    face.family, style, str(face.bold if style else face.regular), collection_font_number=face.face
                )
                self._fallbacks.append((face.family, style))
                added = True
        if added:
            self.set_fallback_fonts(list(dict.fromkeys(family for family, _ in self._fallbacks)), exact_match=False)

    def header(self) -> None:
        """The clinic's name and contact details, the document's title and which copy it is."""
        self.set_font(FAMILY, "B", 12)
        self.cell(0, 6, self.clinic.name, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 4, self.clinic.contact, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "B", 11)
        self.cell(120, 7, self.doc_title)
        self.set_font(FAMILY, "", 8)
        self.cell(0, 7, self.copy_label.upper(), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def footer(self) -> None:
        """Page n of N and a reminder that this is an estimate."""
        self.set_y(-12)
        self.set_font(FAMILY, "", 7)
        self.cell(0, 4, f"{self.doc_title} · {self.copy_label} · page {self.page_no()} of {{nb}}", align="C")

    def heading(self, text: str, *, keep: float = _KEEP_WITH_NEXT) -> None:
        """A section heading, moved to the next page unless ``keep`` mm of what follows fit below it."""
        if self.will_page_break(keep):
            self.add_page()
        self.ln(2.5)
        self.set_font(FAMILY, "B", 10.5)
        self.cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", _BODY)

    def paragraph(self, text: str, *, bold: bool = False, size: float = _BODY) -> None:
        """A wrapped paragraph of plain text."""
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, _LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", _BODY)
        self.ln(0.8)

    def section(self, heading: str, paragraphs: Sequence[str]) -> None:
        """A heading and short paragraphs kept together on one page, as a notice the reader must see whole."""
        self.set_font(FAMILY, "", _BODY)
        height = 10.0  # the heading and its spacing
        for text in paragraphs:
            measured = self.multi_cell(0, _LINE, text, align="L", dry_run=True, output=MethodReturnValue.HEIGHT)
            assert isinstance(measured, float | int)  # fpdf2 returns the height alone for output=HEIGHT
            height += measured + 0.8
        self.heading(heading, keep=height)
        for text in paragraphs:
            self.paragraph(text)

    def bullets(self, lines: Sequence[str]) -> None:
        """A list, one wrapped item a line, each marked with a bullet."""
        for line in lines:
            self.cell(5, _LINE, "•")
            self.multi_cell(0, _LINE, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(0.6)

    def pairs(self, rows: Sequence[tuple[str, str]], *, label_width: float = 72) -> None:
        """Label and value rows, labels in bold, ruled between rows."""
        self.set_font(FAMILY, "", _BODY - 0.5)
        with self.table(
            col_widths=(label_width, self.epw - label_width),
            width=self.epw,
            first_row_as_headings=False,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            line_height=_LINE,
            padding=(0.6, 1.2),
            text_align="LEFT",
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(label, style=FontFace(emphasis="BOLD"))
                row.cell(value)
        self.set_font(FAMILY, "", _BODY)

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[float],
        right: Sequence[bool],
        size: float = 7.5,
        total_row: bool = False,
    ) -> None:
        """A table with a grey heading row repeated on every page; ``right`` aligns money columns.

        With ``total_row``, the last row is a total, set in bold.
        """
        self.set_font(FAMILY, "", size)
        with self.table(
            col_widths=tuple(widths),
            width=self.epw,
            headings_style=FontFace(emphasis="BOLD", fill_color=_HEADING_GREY),
            borders_layout=TableBordersLayout.SINGLE_TOP_LINE,
            line_height=size * 0.5,
            padding=(0.5, 1.0),
        ) as table:
            for index, cells in enumerate((headings, *rows)):
                bold = total_row and index == len(rows)
                row = table.row(style=FontFace(emphasis="BOLD") if bold else None)
                for text, align_right in zip(cells, right, strict=True):
                    row.cell(text, align="RIGHT" if align_right else "LEFT")
        self.set_font(FAMILY, "", _BODY)

    def to_bytes(self) -> bytes:
        """The finished PDF."""
        return bytes(self.output())


def silence_font_libraries() -> None:
    """Switch off the PDF and font libraries' logs: what they log (missing glyphs, glyph lists) is patient text."""
    for name in FONT_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


silence_font_libraries()
