"""Read each plan's monthly premium for one age and one rating area from the CMS Rate PUF.

The Rate PUF has a row per plan, rating area, age band and rate period: ``PlanId`` is the
14-character standard component id (``12345AK0010001``), so every cost-sharing variant of a plan
(``12345AK0010001-01``, ``-02``, ...) shares its premium. ``Age`` is a band: ``0-14``, then each age
from 15 to 63, then ``64 and over`` (and ``Family Option`` rows, which are not an individual's rate).
``IndividualRate`` is the monthly premium for one person who does not use tobacco.

Rules, never a guess:

- only rows of the rating area asked for (``RatingAreaId``, compared without case: ``Rating Area 1``);
- only rows in effect on 1 January of their ``BusinessYear`` (marketplace plans run by calendar year): a
  rate from a later quarter is skipped;
- only the age band of the age asked for;
- a plan with two different rates left for the same age is reported, and its premium is left blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from coverage.catalog.cms_import.plan_attributes import puf_amount
from coverage.catalog.cms_import.problems import ImportProblem, PufValueError
from coverage.catalog.cms_import.puf_files import Progress, puf_rows

COLUMNS = ("PlanId", "RatingAreaId", "Age", "IndividualRate", "RateEffectiveDate")
OPTIONAL = ("BusinessYear", "RateExpirationDate")
STANDARD_COMPONENT_LENGTH = 14
YOUNGEST_BAND, OLDEST_BAND = 14, 64


def age_band(age: int) -> str:
    """The Rate PUF's band for ``age``: ``'0-14'`` up to 14, ``'64 and over'`` from 64, else the age itself."""
    if age <= YOUNGEST_BAND:
        return "0-14"
    if age >= OLDEST_BAND:
        return "64 and over"
    return str(age)


def standard_component(plan_id: str) -> str:
    """``'12345AK0010001-01'`` -> ``'12345AK0010001'``: the part every variant of a plan shares."""
    return plan_id.strip()[:STANDARD_COMPONENT_LENGTH]


@dataclass
class Premiums:
    """The monthly premium of each standard component id (and business year), with what could not be read."""

    file: str
    by_plan: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    first_line: dict[tuple[str, str], int] = field(default_factory=dict)
    refused: dict[tuple[str, str], ImportProblem] = field(default_factory=dict)

    def premium(self, plan_id: str, year: str) -> Decimal | ImportProblem | None:
        """The premium for the plan with ``plan_id`` (any variant) in ``year`` ('' when not known); None if none."""
        component = standard_component(plan_id)
        keys = [(component, year)] if year else sorted(k for k in {*self.by_plan, *self.refused} if k[0] == component)
        if len(keys) > 1:
            years = ", ".join(k[1] for k in keys)
            return ImportProblem(
                self.file, None, plan_id, "BusinessYear", years, "has rates for several years", premium_only=True
            )
        key = keys[0] if keys else (component, year)
        return self.refused.get(key) or self.by_plan.get(key)


def _in_effect_on_new_year(year: str, effective: str, expires: str) -> bool:
    """True when the rate covers 1 January of ``year``: it starts on or before it and ends on or after it."""
    try:
        starts = date.fromisoformat(effective.strip()[:10])
        ends = date.fromisoformat(expires.strip()[:10]) if expires.strip() else None
    except ValueError:
        raise PufValueError(f"'{effective}' to '{expires}' are not dates as YYYY-MM-DD") from None
    new_year = date(int(year), 1, 1) if year.strip().isdigit() else starts
    return starts <= new_year and (ends is None or ends >= new_year)


def read_premiums(path: str | Path, *, age: int, rating_area: str, progress: Progress | None = None) -> Premiums:
    """The premiums of ``path`` for ``age`` in ``rating_area``. Raises :class:`PufFileError` for a bad file."""
    name = Path(path).name
    found = Premiums(name)
    band, area = age_band(age), rating_area.strip().casefold()
    rows = puf_rows(path, COLUMNS, OPTIONAL, progress)
    for line, (plan_id, area_id, row_age, rate, effective, year, expires) in rows:
        if area_id.strip().casefold() != area or row_age.strip() != band:
            continue
        key = (standard_component(plan_id), year.strip())
        if key in found.refused:
            continue
        try:
            if not _in_effect_on_new_year(year, effective, expires):
                continue
            amount = puf_amount(rate)
        except PufValueError as exc:
            found.refused[key] = ImportProblem(name, line, plan_id, "IndividualRate", rate, str(exc), premium_only=True)
            continue
        if amount is None:
            continue
        known = found.by_plan.setdefault(key, amount)
        found.first_line.setdefault(key, line)
        if known != amount:
            message = (
                f"two different rates for age {band} in {rating_area} ({known} on line {found.first_line[key]}, "
                f"{amount} here): the monthly premium is left blank"
            )
            found.refused[key] = ImportProblem(name, line, plan_id, "IndividualRate", rate, message, premium_only=True)
            del found.by_plan[key]
    return found
