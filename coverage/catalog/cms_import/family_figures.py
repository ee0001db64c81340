"""Read a plan's family deductible and maximum from the Plan Attributes PUF (2016 on).

The file states, for family coverage, a figure "per group" (the family's: ``$11500 per group``) and one "per
person" (each member's own deductible inside the family: ``$5750 per person``, or ``per person not
applicable`` when there is none). As for the self-only figures, the TEHB (total) column applies when medical
and drug costs share one deductible and the MEHB (medical) column when they do not.

- the per-group deductible becomes ``family_deductible``, the per-group maximum ``family_oop_max``;
- a per-person deductible equal to the self-only one means an embedded deductible; "not applicable" an
  aggregate one; any other per-person figure is one plans.csv cannot hold, so the family figures are left
  blank (and the plan is written as self-only) with the reason reported;
- a per-person maximum other than the self-only one, or a family figure below the self-only one, likewise.

Files without these columns (2014 and 2015 state a plain "Family" figure without saying whether it is
embedded) give no family figures.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from coverage.catalog.cms_import.problems import PufValueError
from coverage.engine.money import MoneyError, parse_money

#: (deductible per person, per group, maximum per person, per group), each as (TEHB column, MEHB column).
FAMILY_COLUMNS = (
    "TEHBDedInnTier1FamilyPerPerson",
    "MEHBDedInnTier1FamilyPerPerson",
    "TEHBDedInnTier1FamilyPerGroup",
    "MEHBDedInnTier1FamilyPerGroup",
    "TEHBInnTier1FamilyPerPersonMOOP",
    "MEHBInnTier1FamilyPerPersonMOOP",
    "TEHBInnTier1FamilyPerGroupMOOP",
    "MEHBInnTier1FamilyPerGroupMOOP",
)
_PER = re.compile(r"\s*per\s+(person|group)\s*$", re.IGNORECASE)


class FamilyFigures(NamedTuple):
    """A plan's family figures for plans.csv (None: no such figure)."""

    deductible: Decimal | None = None
    oop_max: Decimal | None = None
    embedded: bool = True


NO_FAMILY = FamilyFigures()


@lru_cache(maxsize=8192)
def family_amount(text: str) -> Decimal | None:
    """``'$11500 per group'`` -> 11500.00; ``'per person not applicable'``, ``'Not Applicable'`` or blank -> None."""
    cleaned = " ".join(text.split())
    if not cleaned or cleaned.lower().endswith("not applicable"):
        return None
    try:
        return parse_money(_PER.sub("", cleaned))
    except MoneyError as exc:
        raise PufValueError(f"'{cleaned}' is not a family amount ({exc})") from None


def _applies(total: str, medical: str, integrated: str) -> tuple[str, Decimal | None]:
    """The cell text and amount of the column that applies to medical care (TEHB integrated, MEHB not)."""
    flag = integrated.strip().lower()
    text = medical if flag == "no" or (flag != "yes" and not total.strip()) else total
    return text.strip(), family_amount(text)


def read_family(
    cells: tuple[str, ...],
    *,
    deductibles_integrated: str,
    maximums_integrated: str,
    deductible: Decimal,
    oop_max: Decimal,
) -> FamilyFigures:
    """The family figures from the eight :data:`FAMILY_COLUMNS` cells. Raises :class:`PufValueError` with why not."""
    if not any(cell.strip() for cell in cells):
        return NO_FAMILY
    person_text, person = _applies(cells[0], cells[1], deductibles_integrated)
    _, group = _applies(cells[2], cells[3], deductibles_integrated)
    person_max_text, person_max = _applies(cells[4], cells[5], maximums_integrated)
    _, group_max = _applies(cells[6], cells[7], maximums_integrated)
    if group is not None and not person_text:
        raise PufValueError("the family deductible is stated but not whether each person's own deductible counts")
    if group is not None and person is not None and person != deductible:
        raise PufValueError(f"the deductible per person in a family ({person_text}) is not the self-only {deductible}")
    if person_max is not None and person_max != oop_max:
        raise PufValueError(f"the maximum per person in a family ({person_max_text}) is not the self-only {oop_max}")
    if group is not None and group < deductible:
        raise PufValueError(f"the family deductible ({group}) is below the self-only deductible ({deductible})")
    if group_max is not None and group_max < oop_max:
        raise PufValueError(f"the family maximum ({group_max}) is below the self-only maximum ({oop_max})")
    return FamilyFigures(group, group_max, embedded=group is None or person is not None)
