"""Exact money: every amount in the project is a ``Decimal`` of whole cents.

Amounts enter through :func:`to_money` (or :func:`parse_money` for text a person
typed) and nowhere else. Rounding happens in one place, :func:`round_cents`, and
is always ``ROUND_HALF_UP``: an estimate of 12.345 is 12.35, as a patient expects,
not the banker's 12.34 that ``Decimal`` would give by default.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
#: The largest amount any field accepts: far above any real therapy bill, low
#: enough that a typo such as 9999999999 is reported instead of computed with.
MAX_MONEY = Decimal("10000000.00")

_MONEY_TEXT = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d*)?$|^\$?\s*\.\d+$", re.ASCII)
_PERCENT_TEXT = re.compile(r"^(\d+(\.\d*)?|\.\d+)$", re.ASCII)


class MoneyError(ValueError):
    """An amount that is not a sum of money in dollars and cents."""


def round_cents(amount: Decimal) -> Decimal:
    """Round to the cent, half up (ROUND_HALF_UP): 0.125 -> 0.13."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_money(value: str | int | Decimal) -> Decimal:
    """Turn a str, int or Decimal into an exact amount with two decimals.

    A float is refused: it has already lost the exact cents (pass ``str(x)``).
    More than two decimal places, a negative sign, or an amount over
    :data:`MAX_MONEY` raise :class:`MoneyError` instead of being rounded away.
    """
    if isinstance(value, (bool, float)):
        raise MoneyError("amounts must be exact: pass text or a Decimal, not a float")
    if isinstance(value, str):
        return parse_money(value)
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, Decimal):
        amount = value
    else:
        raise MoneyError(f"{value!r} is not an amount of money")
    return _checked(amount)


def parse_money(text: str) -> Decimal:
    """Read an amount a person typed: ``95``, ``95.5``, ``$1,250.00``.

    Raises :class:`MoneyError` with a sentence a front-desk person understands.
    """
    cleaned = text.strip()
    if not cleaned:
        raise MoneyError("enter an amount, such as 95.00")
    if cleaned.startswith("-"):
        raise MoneyError("must not be negative")
    if not _MONEY_TEXT.match(cleaned):
        raise MoneyError(f"'{_shorten(cleaned)}' is not an amount in dollars and cents, such as 95.00")
    try:
        amount = Decimal(cleaned.replace("$", "").replace(",", "").strip())
    except InvalidOperation as exc:  # pragma: no cover - the pattern above admits only digits
        raise MoneyError(f"'{_shorten(cleaned)}' is not an amount") from exc
    return _checked(amount)


def _checked(amount: Decimal) -> Decimal:
    if not amount.is_finite():
        raise MoneyError("must be a finite amount")
    if amount < 0:
        raise MoneyError("must not be negative")
    if amount > MAX_MONEY:
        raise MoneyError(f"must be at most {format_money(MAX_MONEY)}")
    if amount != amount.quantize(CENT):
        raise MoneyError("has more than two decimal places (cents)")
    return abs(amount.quantize(CENT))  # abs: a "-0" amount is plain 0.00


def _shorten(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """``percent`` % of ``amount``, rounded to the cent half up."""
    if not percent:  # no coinsurance, as on many copay plans: nothing to work out
        return ZERO
    return (amount * percent / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)  # round_cents, one call fewer


def format_money(amount: Decimal) -> str:
    """``Decimal('1234.5')`` -> ``'$1,234.50'``: for sentences and printouts."""
    return f"${amount:,.2f}"


def _money_field(value: object) -> Decimal:
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        return to_money(value)
    if isinstance(value, float):
        raise MoneyError("amounts must be exact: pass text or a Decimal, not a float")
    raise MoneyError("is not an amount of money")


#: A pydantic field type: a non-negative amount with at most two decimals.
Money = Annotated[Decimal, BeforeValidator(_money_field)]


class PercentError(ValueError):
    """A percentage outside 0 to 100 or with more than two decimals."""


def to_percent(value: str | int | Decimal) -> Decimal:
    """A coinsurance percentage from 0 to 100, with up to two decimals (12.5 is fine)."""
    if isinstance(value, bool):
        raise PercentError("must be a percentage from 0 to 100, not yes/no")
    if isinstance(value, float):
        raise PercentError("percentages must be exact: pass text or a Decimal, not a float")
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if text.startswith("-"):
            raise PercentError("must be a percentage from 0 to 100")
        if not _PERCENT_TEXT.match(text):
            raise PercentError(f"'{_shorten(value.strip())}' is not a percentage such as 20")
        value = text
    try:
        pct = Decimal(value)
    except InvalidOperation as exc:  # pragma: no cover - the pattern above admits only digits
        raise PercentError(f"'{_shorten(str(value))}' is not a percentage such as 20") from exc
    if not pct.is_finite() or pct < 0 or pct > HUNDRED:
        raise PercentError("must be a percentage from 0 to 100")
    if pct != pct.quantize(CENT):
        raise PercentError("has more than two decimal places")
    return abs(pct)  # abs: a "-0" percentage is plain 0


def _percent_field(value: object) -> Decimal:
    if isinstance(value, (str, int, Decimal)):
        return to_percent(value)
    raise PercentError("must be a percentage from 0 to 100")


#: A pydantic field type: a percentage from 0 to 100.
Percent = Annotated[Decimal, BeforeValidator(_percent_field)]
