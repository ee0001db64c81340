"""Read a therapy benefit's visit limit: LimitQty, LimitUnit and the Explanation text.

The limit the engine needs is per plan year, in visits. ``Visit(s) per Year`` and
``Visit(s) per Benefit Period`` (for marketplace plans the benefit period is the
plan year) are read; days, hours, treatments or visits per six months are not
visits per plan year, so a plan stating them is reported, not converted.

The Explanation often says how the number is shared. It is read with a few
explicit patterns, never more:

- a number of visits with "each", "separate", "per therapy", or the same number
  stated once for OT and once for PT: that many visits for OT and for PT apart;
- a number with "combined", "total", "shared", "aggregate" or "accumulate": one
  limit for OT and PT together (and perhaps other therapies, noted);
- one number with neither: the benefit's own limit;
- "prior authorization / precertification ... after N visits": authorization
  after N visits; "... required" without a number: from the first visit.

Anything else that states visit numbers (two different numbers, both "each" and
"combined", extra visits "per condition", cost sharing that changes after some
visits) raises :class:`PufValueError`; so does an explanation that counts the limit in
days ("Benefit of 30 days per year is combined for ...") while its unit says visits:
days and visits are not the same count, and which one the plan means cannot be told.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

from coverage.catalog.cms_import.problems import PufValueError
from coverage.engine.plans import MAX_VISITS

_VISIT_UNITS = ("visit(s) per year", "visit(s) per benefit period")
_AUTH_AFTER = re.compile(
    r"\b(?:PA|prior\s+auth\w*|pre-?cert\w*|authoriz\w*)\b[^.;]*?\bafter\s+(\d+)\s+visits?", re.IGNORECASE
)
_AUTH_REQUIRED = re.compile(
    r"\brequires?\s+(?:prior\s+authorization|pre-?certification)"
    r"|\b(?:prior\s+authorization|pre-?certification)\s+(?:is\s+)?required\b",
    re.IGNORECASE,
)
_VISIT_NUMBER = re.compile(
    r"\b(\d+)\s*(?:total\s+|combined\s+|rehabilitative\s+|outpatient\s+|OT\s+|PT\s+)?(?:visits?|vists|visit\(s\))",
    re.IGNORECASE,
)
_TIERED = re.compile(r"per\s+condition|first\s+\d+\s+visits|beginning\s+with|thereafter", re.IGNORECASE)
_LIMIT_WORDS = re.compile(r"\blimit|\bmaximum", re.IGNORECASE)
_DAYS = re.compile(
    r"\b\d+\s+(?:treatment\s+|therapy\s+)?days?\s+(?:per|a|each|every)\b|\b(?:limit|maximum)\s+of\s+\d+\s+days?\b",
    re.IGNORECASE,
)
_EACH = re.compile(r"\beach\b|\bseparate\b|per\s+therapy|an\s+additional\s+\d+\s+visits", re.IGNORECASE)
_COMBINED = re.compile(r"combin|\btotal\b|\bshared?\b|aggregate|accumulate", re.IGNORECASE)
_OT = re.compile(r"\bOT\b|occupational", re.IGNORECASE)
_PT = re.compile(r"\bPT\b|physical", re.IGNORECASE)
_OTHERS = re.compile(
    r"speech|\bST\b|chiropract|massage|cardiac|pulmonary|respiratory|cognitive|audiology|vision|manipulation", re.I
)


class VisitLimit(NamedTuple):
    """What the benefit says about visits: a limit for OT and PT each, or together, and authorization."""

    each: int | None = None
    combined: int | None = None
    shared_with_others: bool = False  # speech therapy, chiropractic... count toward the same limit
    auth_after_visits: int | None = None
    says_combined: bool = False  # the explanation speaks of a combined or shared limit


@lru_cache(maxsize=1024)
def limit_quantity(quantity: str, unit: str) -> int | None:
    """``('20.0', 'Visit(s) per Year')`` -> 20; blank -> None. Raises :class:`PufValueError`."""
    quantity, unit = quantity.strip(), " ".join(unit.split())
    if not quantity and not unit:
        return None
    if unit.lower() not in _VISIT_UNITS:
        raise PufValueError(f"a limit in '{unit or 'no unit'}' is not a number of visits per plan year")
    try:
        number = Decimal(quantity)
    except InvalidOperation:
        raise PufValueError(f"LimitQty '{quantity}' is not a number") from None
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= MAX_VISITS:
        raise PufValueError(f"LimitQty '{quantity}' is not a whole number of visits from 0 to {MAX_VISITS}")
    return int(number)


def _authorization(text: str) -> tuple[int | None, str]:
    match = _AUTH_AFTER.search(text)
    if match:
        return int(match.group(1)), text[: match.start()] + text[match.end() :]
    return (0 if _AUTH_REQUIRED.search(text) else None), text


@lru_cache(maxsize=4096)
def read_limit(quantity: int | None, explanation: str, *, one_discipline: bool = False) -> VisitLimit:
    """Combine LimitQty (already read) with what the Explanation says. Raises :class:`PufValueError`.

    ``one_discipline`` is True for a benefit of OT alone or PT alone, where naming
    only that therapy is expected.
    """
    auth, rest = _authorization(" ".join(explanation.split()))
    days = _DAYS.search(rest)
    if days is not None:
        raise PufValueError(f"the explanation counts the limit in days ('{days.group(0)}'), not visits: ambiguous")
    each_words, combined_words = bool(_EACH.search(rest)), bool(_COMBINED.search(rest))
    others = bool(_OTHERS.search(rest)) and combined_words
    numbers = [int(n) for n in _VISIT_NUMBER.findall(rest)]
    if not numbers:
        if quantity is None and _LIMIT_WORDS.search(rest):
            raise PufValueError("the explanation speaks of a limit but no number of visits is stated")
        return VisitLimit(None, quantity, others, auth, combined_words)
    if _TIERED.search(rest):
        raise PufValueError("the explanation adds visits per condition or changes the cost after some visits")
    if len(set(numbers)) > 1:
        listed = ", ".join(map(str, sorted(set(numbers))))
        raise PufValueError(f"the explanation states different numbers of visits ({listed})")
    if each_words and combined_words:
        raise PufValueError("the explanation says both 'each' (or 'separate') and 'combined'")
    number = numbers[0]
    names_ot, names_pt = bool(_OT.search(rest)), bool(_PT.search(rest))
    if each_words or (not combined_words and len(numbers) > 1 and names_ot and names_pt):
        if quantity not in (None, number, 2 * number):
            raise PufValueError(f"the explanation says {number} visits each but LimitQty says {quantity}")
        return VisitLimit(each=number, auth_after_visits=auth)
    if not one_discipline and not combined_words and names_ot != names_pt:
        raise PufValueError(f"the explanation states {number} visits for {'OT' if names_ot else 'PT'} only")
    if quantity not in (None, number):
        raise PufValueError(f"the explanation says {number} visits but LimitQty says {quantity}")
    return VisitLimit(None, number, others, auth, combined_words)
