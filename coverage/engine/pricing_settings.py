"""How a plan prices a visit: its ``fee_schedule`` and ``unit_rule`` settings, parsed.

The ``fee_schedule`` setting says where its allowed amount per visit comes from.

``plans.csv``'s ``fee_schedule`` column holds one of:

* blank - the visit rate typed on the page, as before (no fee schedule);
* ``medicare`` - Medicare's Physician Fee Schedule at the clinic's ``medicare_locality``;
* ``medicare:<percent>`` - that percentage of it, e.g. ``medicare:110`` (above 0, at most 1000, up to
  two decimals), as many commercial plans pay;
* a ``schedule_id`` of ``fee_schedules.csv`` - the clinic's contracted rates.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import FeeScheduleError, ServiceNotationError
from coverage.engine.money import HUNDRED

#: The highest percentage of Medicare a plan may pay (10 times Medicare); more is surely a typo.
MAX_PERCENT = Decimal(1000)
#: A Medicare locality as ``<MAC>-<locality>`` (``10112-00``), as clinic.toml, the page and the link write it.
LOCALITY_ID = re.compile(r"\d{5}-\d{2}")
#: A fee schedule's id, in plans.csv's ``fee_schedule`` and fee_schedules.csv's ``schedule_id`` alike.
SCHEDULE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_MEDICARE_PERCENT = re.compile(r"^medicare\s*:\s*(?P<percent>.*?)\s*%?$", re.IGNORECASE)


class FeeScheduleSetting(BaseModel):
    """A parsed ``fee_schedule`` value: the kind, and the percentage or schedule id it names."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["typed", "medicare", "clinic"]
    percent: Decimal = HUNDRED
    schedule_id: str = ""

    def __str__(self) -> str:
        if self.kind == "typed":
            return ""
        if self.kind == "clinic":
            return self.schedule_id
        return "medicare" if self.percent == HUNDRED else f"medicare:{self.percent.normalize():f}"


@lru_cache(maxsize=256)  # a frozen setting of a few words, read on every estimate
def parse_fee_schedule_setting(text: str) -> FeeScheduleSetting:
    """Read ``''``, ``'medicare'``, ``'medicare:110'`` or a schedule id; :class:`FeeScheduleError` otherwise."""
    value = text.strip()
    if not value:
        return FeeScheduleSetting(kind="typed")
    if value.lower() == "medicare":
        return FeeScheduleSetting(kind="medicare")
    match = _MEDICARE_PERCENT.match(value)
    if match:
        try:
            percent = Decimal(match["percent"])
        except InvalidOperation:
            percent = Decimal(-1)
        if not (percent.is_finite() and 0 < percent <= MAX_PERCENT and percent == percent.quantize(Decimal("0.01"))):
            raise FeeScheduleError(
                f"'{value}': the percentage of Medicare must be above 0 and at most {MAX_PERCENT}, such as medicare:110"
            )
        return FeeScheduleSetting(kind="medicare", percent=percent)
    if not SCHEDULE_ID.match(value):
        raise FeeScheduleError(
            f"'{value}' is not a fee schedule: leave it blank, or write medicare, medicare:110 or a schedule id"
        )
    return FeeScheduleSetting(kind="clinic", schedule_id=value)


class UnitRule(StrEnum):
    """How timed minutes become units: CMS's 8-minute rule on the visit's total, or the AMA rule per code."""

    MEDICARE = "medicare"
    AMA = "ama"


UNIT_RULES: tuple[str, ...] = tuple(rule.value for rule in UnitRule)


def parse_unit_rule(text: str) -> UnitRule:
    """The ``unit_rule`` setting: ``medicare`` (also when blank) or ``ama``."""
    rule = text.strip().lower() or "medicare"
    if rule in UNIT_RULES:
        return UnitRule(rule)
    raise ServiceNotationError(f"'{text.strip()}' is not a unit rule: use medicare (the 8-minute rule) or ama")
