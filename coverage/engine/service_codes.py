"""The service (CPT) codes a therapy visit is billed under, and how a visit's charge splits across them.

A Good Faith Estimate lists expected charges per service code, but the engine prices a whole visit.
:func:`split_charge` shares one visit's charge among its codes **in proportion to the codes' Medicare
national amounts** (:data:`coverage.engine.defaults.FEE_SCHEDULE_AMOUNTS`, times the units billed): every
code's share is rounded to the cent half up, except the last code listed, which takes what is left. So
the shares always add up to the visit's charge exactly, to the cent, and none is negative.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.defaults import FEE_SCHEDULE_AMOUNTS, VISIT_CODES
from coverage.engine.money import ZERO, round_cents
from coverage.engine.plans import Discipline

#: Plain names of the codes a therapy course is billed under (CPT descriptors, shortened).
SERVICE_NAMES: dict[str, str] = {
    "97110": "Therapeutic exercise, each 15 minutes",
    "97140": "Manual therapy, each 15 minutes",
    "97530": "Therapeutic activities, each 15 minutes",
    "97535": "Self-care / home management training, each 15 minutes",
    "97161": "PT evaluation, low complexity",
    "97162": "PT evaluation, moderate complexity",
    "97163": "PT evaluation, high complexity",
    "97165": "OT evaluation, low complexity",
    "97166": "OT evaluation, moderate complexity",
    "97167": "OT evaluation, high complexity",
}


class CodeShare(BaseModel):
    """One service code's part of a visit: how many units, and its share of the visit's charge."""

    model_config = ConfigDict(frozen=True)

    code: str
    units: int
    charge: Decimal

    @property
    def name(self) -> str:
        """The code's plain name."""
        return SERVICE_NAMES.get(self.code, self.code)


def visit_codes(discipline: Discipline, *, is_evaluation: bool) -> tuple[tuple[str, int], ...]:
    """The codes and units billed on a visit, in billing order: ``(('97110', 2), ('97140', 1))``."""
    kind = f"{discipline} {'evaluation' if is_evaluation else 'visit'}"
    units = Counter(VISIT_CODES[kind])
    return tuple(units.items())


def split_charge(charge: Decimal, codes: tuple[tuple[str, int], ...]) -> tuple[CodeShare, ...]:
    """Share ``charge`` among ``codes`` in proportion to their national amounts; the shares add up exactly.

    For a PT visit of 84.75 billed as 97110 x2 (2 x 28.79 = 57.58) and 97140 (27.17), a self-pay charge
    of 100.00 splits as 97110: 100.00 x 57.58 / 84.75 = 67.94 (rounded half up) and 97140: 100.00 - 67.94
    = 32.06.
    """
    weights = [FEE_SCHEDULE_AMOUNTS[code] * units for code, units in codes]
    whole = sum(weights, ZERO)
    shares: list[CodeShare] = []
    left = charge
    for index, ((code, units), weight) in enumerate(zip(codes, weights, strict=True)):
        last = index == len(codes) - 1
        part = left if last else min(left, round_cents(charge * weight / whole))
        shares.append(CodeShare(code=code, units=units, charge=part))
        left -= part
    return tuple(shares)
