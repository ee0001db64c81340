"""Read the few things a payer's free-text messages (MSG) say that the estimate needs.

Each reading is one explicit pattern, never a guess: a pooled visit limit ("PT/OT/ST COMBINED 30
VISITS PER CALENDAR YEAR"), authorization after some visits ("PRIOR AUTH REQUIRED AFTER 12 VISITS")
or from the first ("AUTHORIZATION REQUIRED"), a referral ("REFERRAL REQUIRED"), and whether a limit
named for several therapies is shared ("COMBINED", "TOTAL") or for each ("EACH", "PER THERAPY").
A message saying "no ... required" or "not required" is read as no requirement.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_AUTH = r"(?:PRIOR\s+AUTH\w*|PRE-?AUTH\w*|AUTH\w*|PRE-?CERT\w*|\bPA)"
_AUTH_AFTER = (
    re.compile(_AUTH + r"[^.;]*?\bAFTER\s+(?:THE\s+)?(?:FIRST\s+)?(\d+)\s+VISITS?\b", re.I),
    re.compile(r"\bAFTER\s+(?:THE\s+)?(?:FIRST\s+)?(\d+)\s+VISITS?\b[^.;]*?" + _AUTH, re.I),
)
_AUTH_REQUIRED = re.compile(_AUTH + r"[^.;]*?\bREQUIRED\b|\bREQUIRES?\s+(?:PRIOR\s+)?" + _AUTH, re.I)
_NOT_REQUIRED = re.compile(r"\bNO\s+(?:PRIOR\s+)?(?:AUTH|PRE-?CERT|REFERRAL)|\bNOT\s+(?:REQUIRED|NEEDED)\b", re.I)
_REFERRAL = re.compile(r"\bREFERRAL\b[^.;]*?\b(?:REQUIRED|NEEDED|NECESSARY)\b|\bREQUIRES?\s+(?:A\s+)?REFERRAL\b", re.I)
_COMBINED = re.compile(r"COMBIN|\bSHARED?\b|\bTOTAL\b|AGGREGATE|\bPOOL", re.I)
_EACH = re.compile(r"\bEACH\b|\bSEPARATE|PER\s+THERAPY|PER\s+DISCIPLINE", re.I)
_VISIT_NUMBER = re.compile(r"\b(\d+)\s+(?:TOTAL\s+|COMBINED\s+)?VISITS?\b", re.I)
_PER_YEAR = re.compile(
    r"\bPER\s+(?:CALENDAR\s+|PLAN\s+|BENEFIT\s+|SERVICE\s+|CONTRACT\s+)?(?:YEAR|YR)\b|\bANNUAL|\bYEARLY\b"
    r"|\bPER\s+BENEFIT\s+PERIOD\b|\bEACH\s+(?:CALENDAR\s+|PLAN\s+)?YEAR\b",
    re.I,
)
_OTHER_PERIOD = re.compile(r"\bPER\s+(?:WEEK|MONTH|DAY|VISIT|CONDITION|EPISODE)|LIFETIME", re.I)
_ANY_NUMBER = re.compile(r"\b(?!(?:19|20)\d\d\b)\d+\b")  # a year such as 2026 is not a second number
_LEFT = re.compile(r"\bREMAINING\b|\bLEFT\b", re.I)
_THERAPIES = (
    ("PT", re.compile(r"\bPT\b|\bPHYSICAL\b", re.I)),
    ("OT", re.compile(r"\bOT\b|OCCUPATIONAL", re.I)),
    ("ST", re.compile(r"\bST\b|SPEECH", re.I)),
)


class PooledLimit(NamedTuple):
    """A shared visit limit a message states: so many visits (or so many left) for these therapies."""

    visits: int
    therapies: tuple[str, ...]
    left: bool


def therapies_named(message: str) -> tuple[str, ...]:
    """The therapies a message names, as ``'PT'``, ``'OT'``, ``'ST'``."""
    return tuple(name for name, pattern in _THERAPIES if pattern.search(message))


def pooled_limit(message: str) -> PooledLimit | None:
    """The shared limit in ``message``, when it says "combined" (or total, shared) for two or more therapies.

    It must state one number (of visits; a year such as 2026 aside), and either a year ("per
    calendar year", "per plan year", "annual") or "remaining"; a limit per week, month or condition
    is not read.
    """
    numbers = _VISIT_NUMBER.findall(message)
    if len(_ANY_NUMBER.findall(message)) != 1:
        return None
    therapies = therapies_named(message)
    left = bool(_LEFT.search(message))
    if len(set(numbers)) != 1 or len(therapies) < 2 or not _COMBINED.search(message) or _EACH.search(message):
        return None
    if _OTHER_PERIOD.search(message) or not (left or _PER_YEAR.search(message)):
        return None
    return PooledLimit(int(numbers[0]), therapies, left)


def says_combined(message: str) -> bool:
    """True when the message calls a limit shared (combined, total, aggregate) and not "each"."""
    return bool(_COMBINED.search(message)) and not _EACH.search(message)


def says_each(message: str) -> bool:
    """True when the message gives a limit for each therapy apart (each, separate, per therapy)."""
    return bool(_EACH.search(message)) and not _COMBINED.search(message)


def authorization_after(message: str) -> int | None:
    """Visits before authorization is needed: 12 for "... AUTH REQUIRED AFTER 12 VISITS", 0 for "AUTH REQUIRED".

    None when the message says nothing about authorization, or says it is not required. Each
    sentence (cut at "." or ";") is read on its own, so "REFERRAL REQUIRED. NO AUTH REQUIRED" is no
    authorization.
    """
    for clause in _clauses(message):
        for pattern in _AUTH_AFTER:
            found = pattern.search(clause)
            if found:
                return int(found.group(1))
        if _AUTH_REQUIRED.search(clause) and not _NOT_REQUIRED.search(clause):
            return 0
    return None


def referral_required(message: str) -> bool:
    """True for "REFERRAL REQUIRED" (or needed), false for "NO REFERRAL REQUIRED" and every other message."""
    return any(_REFERRAL.search(c) and not _NOT_REQUIRED.search(c) for c in _clauses(message))


def _clauses(message: str) -> list[str]:
    return re.split(r"[.;]", message)
