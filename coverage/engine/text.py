"""Text fields people type: one line, no control characters."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator


def one_line(value: str) -> str:
    """Refuse line breaks, tabs and other control characters."""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must be one line without control characters")
    return value


#: A pydantic field type: a single line of text.
OneLine = Annotated[str, AfterValidator(one_line)]
