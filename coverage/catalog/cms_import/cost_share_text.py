"""Read the cost-sharing strings of the CMS Benefits and Cost Sharing PUF.

A copay cell (``CopayInnTier1``) or coinsurance cell (``CoinsInnTier1``) holds text
such as ``$40.00 Copay after deductible``, ``20.00% Coinsurance after deductible``,
``No Charge``, ``No Charge after deductible``, ``$30 Copay before deductible``,
``Not Applicable`` or nothing. Each is read into a :class:`CostSharePart`; a string
whose meaning for a therapy visit is not certain raises :class:`PufValueError`
(``$500 Copay per Stay``, ``$25 Copay with deductible``, a percentage in the copay
column, a dollar amount other than $0 in the coinsurance column).
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from coverage.catalog.cms_import.problems import PufValueError
from coverage.engine.money import HUNDRED, ZERO

_AMOUNT = r"\$\s?(?P<amount>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<cents>\d{1,2}))?"
_PERCENT = r"(?P<pct>\d{1,3})(?:\.(?P<pct_cents>\d{1,2}))?\s?%"
_WHEN = r"(?:\s+(?P<when>after|before|with)\s+deductible)?"
_COPAY = re.compile(rf"^{_AMOUNT}(?:\s+copay)?(?:\s+per\s+(?P<per>day|stay|visit))?{_WHEN}$", re.IGNORECASE)
_COINSURANCE = re.compile(rf"^{_PERCENT}(?:\s+coinsurance)?{_WHEN}$", re.IGNORECASE)
_NO_CHARGE = re.compile(r"^no charge(?P<after>\s+after deductible)?$", re.IGNORECASE)
_NOT_USED = ("", "not applicable")


class Deductible(StrEnum):
    """What a cost-sharing string says about the deductible."""

    UNSTATED = "unstated"  # "$40", "20%", blank: the 2014-2015 flag, or else "not subject"
    NOT_SUBJECT = "not_subject"  # "No Charge"
    AFTER = "after"  # "... after deductible": the deductible first
    BEFORE = "before"  # "... before deductible": the copay first, the rest to the deductible


class CostSharePart(NamedTuple):
    """One cell read: the amount (dollars for a copay, percent for coinsurance) and its deductible wording."""

    amount: Decimal
    deductible: Deductible
    per_day: bool = False  # "$X Copay per Day": one copay per day
    stated: bool = True  # False for blank and "Not Applicable"


NOT_USED = CostSharePart(ZERO, Deductible.UNSTATED, stated=False)


def _common(text: str) -> CostSharePart | None:
    cleaned = " ".join(text.split())
    if cleaned.lower() in _NOT_USED:
        return NOT_USED
    match = _NO_CHARGE.match(cleaned)
    if match:
        return CostSharePart(ZERO, Deductible.AFTER if match.group("after") else Deductible.NOT_SUBJECT)
    return None


def _wording(when: str | None, text: str) -> Deductible:
    if when is None:
        return Deductible.UNSTATED
    if when.lower() == "with":
        raise PufValueError(f"'{text}': 'with deductible' does not say whether the copay comes first or last")
    return Deductible.AFTER if when.lower() == "after" else Deductible.BEFORE


def _dollars(match: re.Match[str]) -> Decimal:
    cents = (match.group("cents") or "").ljust(2, "0")
    return Decimal(f"{match.group('amount').replace(',', '')}.{cents}")


def _percent(match: re.Match[str]) -> Decimal:
    cents = (match.group("pct_cents") or "").ljust(2, "0")
    return Decimal(f"{match.group('pct')}.{cents}")


@lru_cache(maxsize=4096)
def parse_copay(text: str) -> CostSharePart:
    """Read a copay cell. Raises :class:`PufValueError` when its meaning is not certain."""
    common = _common(text)
    if common is not None:
        return common
    cleaned = " ".join(text.split())
    match = _COPAY.match(cleaned)
    if match:
        per = (match.group("per") or "visit").lower()
        if per == "stay":
            raise PufValueError(f"'{cleaned}': a copay per stay (a hospital stay) cannot be charged per visit")
        return CostSharePart(_dollars(match), _wording(match.group("when"), cleaned), per_day=per == "day")
    percent = _COINSURANCE.match(cleaned)
    if percent and _percent(percent) == 0 and percent.group("when") is None:
        return CostSharePart(ZERO, Deductible.UNSTATED)  # "0%" / "0.00%" in the copay column: the part is not used
    raise PufValueError(f"'{cleaned}' is not a copay we can read (such as '$40.00 Copay after deductible')")


@lru_cache(maxsize=4096)
def parse_coinsurance(text: str) -> CostSharePart:
    """Read a coinsurance cell. Raises :class:`PufValueError` when its meaning is not certain."""
    common = _common(text)
    if common is not None:
        return common
    cleaned = " ".join(text.split())
    match = _COINSURANCE.match(cleaned)
    if match:
        pct = _percent(match)
        if pct > HUNDRED:
            raise PufValueError(f"'{cleaned}': coinsurance cannot be more than 100%")
        wording = _wording(match.group("when"), cleaned)
        if wording is Deductible.BEFORE:
            raise PufValueError(f"'{cleaned}': coinsurance 'before deductible' has no agreed meaning")
        return CostSharePart(pct, wording)
    dollars = _COPAY.match(cleaned)
    if dollars and _dollars(dollars) == 0 and dollars.group("when") is None and dollars.group("per") is None:
        return CostSharePart(ZERO, Deductible.UNSTATED)  # "$0" / "$0.00" in the coinsurance column: not used
    raise PufValueError(f"'{cleaned}' is not a coinsurance we can read (such as '20.00% Coinsurance after deductible')")
