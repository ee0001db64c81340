"""Text fields people type: one line, no control characters; and text as a spreadsheet would read it."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator


def one_line(value: str) -> str:
    """Refuse line breaks, tabs and other control characters."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must be one line without control characters")
    return value


#: A pydantic field type: a single line of text.
OneLine = Annotated[str, AfterValidator(one_line)]


def as_a_spreadsheet_sees_it(value: str) -> str:
    """``value`` with invisible format characters removed and compatibility forms folded (NFKC).

    So a full-width equals sign (U+FF1D) reads as ``=`` and a zero-width space before ``=`` vanishes, as they do for
    a spreadsheet deciding whether a cell is a formula.
    """
    visible = "".join(ch for ch in value if unicodedata.category(ch) != "Cf")
    return unicodedata.normalize("NFKC", visible)
