"""Diagnosis codes (ICD-10-CM) as front-desk staff type them onto a Good Faith Estimate."""

from __future__ import annotations

import re

#: An ICD-10-CM diagnosis code such as M54.50 or S83.511A: a letter, a digit, a digit or letter, then
#: optionally a dot and up to four more. The pattern checks the shape only, not that the code exists.
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")


class DiagnosisCodeError(ValueError):
    """Text that is not a list of ICD-10-CM diagnosis codes."""


def parse_diagnosis_codes(text: str) -> tuple[str, ...]:
    """``'m54.50, S83.511A'`` -> ``('M54.50', 'S83.511A')``; blank text gives no codes."""
    codes = tuple(code.upper() for code in re.split(r"[\s,;]+", text.strip()) if code)
    bad = [code for code in codes if not _ICD10.match(code)]
    if bad:
        raise DiagnosisCodeError(f"not an ICD-10 diagnosis code such as M54.50: {', '.join(bad)}")
    return codes
