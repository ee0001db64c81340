"""Bring a 271 in: from the bytes of an upload or pasted text (for the page), or from a file (the command line).

This is the one module of the package that touches files. The bytes are decoded, read and
dropped: nothing of the response is written anywhere.
"""

from __future__ import annotations

from pathlib import Path

from coverage.eligibility.errors import EligibilityFileError
from coverage.eligibility.estimate_fill import EstimateFill, estimate_fill
from coverage.eligibility.reader import read_eligibility

#: Far above any one patient's eligibility response (a few kilobytes); a larger file is not one.
MAX_BYTES = 2_000_000


def decode_271(data: bytes) -> str:
    """The text of a 271's bytes: UTF-8 (a byte-order mark dropped), else Latin-1 (X12's characters are in both)."""
    if len(data) > MAX_BYTES:
        raise EligibilityFileError(
            f"The file is {len(data):,} bytes, far larger than an eligibility response: it is not a 271."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def fill_from_271(data: bytes | str) -> EstimateFill:
    """What an uploaded or pasted 271 fills on the estimate form; raises :class:`EligibilityFileError`."""
    text = data if isinstance(data, str) else decode_271(data)
    return estimate_fill(read_eligibility(text))


def read_271_file(path: Path) -> EstimateFill:
    """:func:`fill_from_271` of the file at ``path``; a file that cannot be opened gets a sentence."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise EligibilityFileError(f"The file {path} cannot be read: {exc.strerror or exc}.") from None
    return fill_from_271(data)
