"""Medicare's amount for one unit of a code at a locality, in full or with the therapy MPPR.

Per unit, as CMS's Physician Fee Schedule look-up shows it (non-facility: an office or clinic)::

    amount = (work RVU x work GPCI + PE RVU x PE GPCI + MP RVU x MP GPCI) x conversion factor

rounded to the cent half up (``ROUND_HALF_UP``) once, at the end. A unit the multiple procedure
payment reduction (MPPR) reduces keeps its work and malpractice parts and half its practice
expense: the same sum with ``PE RVU x PE GPCI x 0.50``, rounded the same way.

Which unit is paid in full: the day's MPPR services are ranked by their practice expense RVU,
highest first, and when two tie, by their full fee schedule amount; the first is paid in full
(CMS CR 7050, "Multiple procedure payment reduction for selected therapy services", as Novitas
Solutions' MPPR page restates it; NGS: "full payment is made for the unit or procedure with the
highest PE payment"). Within a locality the PE GPCI and conversion factor are the same for every
code, so the highest PE RVU is the highest PE payment. Codes still tied (97161-97163 share their
RVUs) keep the order they were given in; it cannot change the amount.
"""

from __future__ import annotations

from decimal import Decimal

from coverage.engine.money import round_cents
from coverage.fees.pfs import Locality, RelativeValues

#: The share of practice expense paid for a unit the therapy MPPR reduces (50 % off since April 2013).
MPPR_PE_SHARE = Decimal("0.50")


def unit_amount(row: RelativeValues, locality: Locality, *, reduced: bool = False) -> Decimal:
    """One unit's non-facility amount at ``locality``, rounded half up; ``reduced`` halves the PE part."""
    pe = row.pe_rvu * locality.pe_gpci * (MPPR_PE_SHARE if reduced else 1)
    total = row.work_rvu * locality.work_gpci + pe + row.mp_rvu * locality.mp_gpci
    return round_cents(total * row.conversion_factor)


def formula(row: RelativeValues, locality: Locality, *, reduced: bool = False) -> str:
    """The amount's arithmetic in words: ``(0.45 x 1 + 0.43 x 0.869 + 0.01 x 0.575) x 32.3465 = 26.83``."""
    half = " x 0.50" if reduced else ""
    return (
        f"({row.work_rvu} x {locality.work_gpci} + {row.pe_rvu} x {locality.pe_gpci}{half} + "
        f"{row.mp_rvu} x {locality.mp_gpci}) x {row.conversion_factor} = {unit_amount(row, locality, reduced=reduced)}"
    )
