"""The rules that turn one negotiated price of the clinic's into a dollar rate, or a problem.

In the order they are applied (each price is set aside at the first rule it fails):

1. ``billing_class`` must be ``professional`` (a clinic bills its therapy on professional claims);
   other prices are not the clinic's and are skipped silently.
2. ``service_code`` (place of service), when listed, must include the office (``11``) or
   ``CSTM-00`` (every place); prices only for other places are skipped silently.
3. An ``expiration_date`` before the run date: reported and left out.
4. ``negotiated_type`` ``negotiated``, ``fee schedule`` and ``derived`` are dollars per unit;
   ``percentage`` (of billed charges) and ``per diem`` are reported with their figure and left out.
5. A bundle or capitation arrangement is not a per-unit fee: reported and left out.
6. The amount must be a positive number of dollars; more than two decimals are rounded half up
   to the cent (:func:`coverage.engine.money.round_cents`) and the row's note says so.

Each ``billing_code_modifier`` listed gives the rate for the code with that modifier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from coverage.engine.money import MAX_MONEY, ZERO, format_money, round_cents
from coverage.rates_import.problems import FoundRate, RateProblem

DOLLAR_TYPES = frozenset({"negotiated", "fee schedule", "derived"})
OFFICE_PLACES = frozenset({"11", "CSTM-00"})


@dataclass(frozen=True, slots=True)
class ClinicPrice:
    """The parts of a professional, office negotiated price that the rules read (kept compactly)."""

    negotiated_type: str
    amount: object
    expiration_date: str
    modifiers: tuple[str, ...]


def clinic_price(price: Any) -> ClinicPrice | None:
    """The price's parts, or None when it is not a professional price for the office (rules 1-2)."""
    if not isinstance(price, dict) or str(price.get("billing_class", "")).strip().lower() != "professional":
        return None
    places = price.get("service_code")
    if isinstance(places, list) and places and not OFFICE_PLACES.intersection(str(p).strip() for p in places):
        return None
    modifiers = price.get("billing_code_modifier")
    listed = modifiers if isinstance(modifiers, list) else []
    return ClinicPrice(
        negotiated_type=str(price.get("negotiated_type", "")).strip().lower(),
        amount=price.get("negotiated_rate"),
        expiration_date=str(price.get("expiration_date", "")).strip(),
        modifiers=tuple(dict.fromkeys(str(m).strip().upper() for m in listed if str(m).strip())) or ("",),
    )


def price_outcomes(
    file: str, code: str, arrangement: str, price: ClinicPrice, run_date: date
) -> tuple[FoundRate | RateProblem, ...]:
    """Apply rules 3-6 to a clinic price of ``code``: one rate or problem per modifier."""
    reason, rate, rounded_from = _judge(arrangement, price, run_date)
    if reason is not None:
        return tuple(RateProblem(file, code, modifier, reason) for modifier in price.modifiers)
    assert rate is not None
    return tuple(FoundRate(code, modifier, rate, rounded_from) for modifier in price.modifiers)


def _judge(arrangement: str, price: ClinicPrice, run_date: date) -> tuple[str | None, Decimal | None, Decimal | None]:
    """(why it is left out, or None; the rate to the cent; the amount it was rounded from)."""
    amount = _amount(price.amount)
    reason = _reason_left_out(arrangement, price, amount, run_date)
    if reason is not None or amount is None:
        return reason or "the rate is not an amount of dollars: left out", None, None
    rate = round_cents(amount)
    return None, rate, (amount if rate != amount else None)


def _reason_left_out(arrangement: str, price: ClinicPrice, amount: Decimal | None, run_date: date) -> str | None:
    """The first of rules 3-6 the price fails, said plainly, or None."""
    try:
        expires = date.fromisoformat(price.expiration_date)
    except ValueError:
        return f"expiration date '{price.expiration_date}' is not a date (YYYY-MM-DD): left out"
    shown = "an amount that is not a number" if amount is None else str(amount)
    kind = price.negotiated_type
    dollar_types = ", ".join(sorted(DOLLAR_TYPES))
    checks = (
        (expires < run_date, f"the rate {shown} expired on {expires.isoformat()}"),
        (kind == "percentage", f"paid at {shown}% of billed charges, not a dollar rate"),
        (kind == "per diem", f"a per diem rate of {shown} a day, not a rate per unit"),
        (kind not in DOLLAR_TYPES, f"negotiated_type '{kind}' is not one of {dollar_types}"),
        (arrangement not in ("ffs", ""), f"a {arrangement} arrangement ({shown} for the whole), not a fee per unit"),
        (amount is None or not 0 < amount <= MAX_MONEY, f"the rate '{price.amount}' is not an amount of dollars"),
        (amount is not None and round_cents(amount) == 0, f"the rate {shown} rounds to {format_money(ZERO)}"),
    )
    return next((f"{why}: left out" for failed, why in checks if failed), None)


def _amount(value: object) -> Decimal | None:
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return None  # the parser never gives a float; a boolean is not an amount
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, str) else Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        return None
    return amount if amount.is_finite() else None
