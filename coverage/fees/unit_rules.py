"""Minutes of timed treatment turned into billed units, by the plan's unit rule.

Timed codes are billed in 15-minute units (:data:`TIMED_CODES`); every other code is one unit
per visit whatever its length. Two rules turn minutes into units:

``medicare`` - CMS's 8-minute rule (Medicare Claims Processing Manual, Pub. 100-04, ch. 5,
§20.2 C). The visit's *total* timed minutes fix the number of units: 8-22 minutes is 1 unit,
23-37 is 2, 38-52 is 3, and so on, i.e. ``(total + 7) // 15``. Each code first gets one unit per
full 15 minutes it was performed; the units left over go, one each, to the codes with the most
minutes left over (ties: the code with more minutes in all, then the one listed first). This is
exactly how the manual's examples assign them (the 33-minute 97110 keeps 2 units and its 3
leftover minutes lose to 7 minutes of 97140).

``ama`` - the CPT rule (the "rule of eights"): each code on its own, one unit per full
15 minutes plus one more when 8 or more minutes are left over, i.e. ``(minutes + 7) // 15``.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import MAX_UNITS, Service, merge_services
from coverage.engine.pricing_settings import UnitRule
from coverage.fees.problems import ServiceNotationError

UNIT_MINUTES = 15
#: At most this many minutes of one code in a day (as many as :data:`MAX_UNITS` units can hold).
MAX_MINUTES = MAX_UNITS * UNIT_MINUTES

#: The therapy codes whose descriptor says "each 15 minutes": constant-attendance modalities
#: (97032-97036) and therapeutic procedures, tests and training (97110-97763).
TIMED_CODES: frozenset[str] = frozenset(
    [
        "97032",
        "97033",
        "97034",
        "97035",
        "97036",
        "97110",
        "97112",
        "97113",
        "97116",
        "97124",
        "97140",
        "97530",
        "97533",
        "97535",
        "97537",
        "97542",
        "97750",
        "97755",
        "97760",
        "97761",
        "97763",
    ]
)


def units_for_total(minutes: int) -> int:
    """The timed units of ``minutes`` of treatment: 0 below 8, then 1 for 8-22, 2 for 23-37, ..."""
    return (minutes + UNIT_MINUTES // 2) // UNIT_MINUTES


def _checked(minutes: Mapping[str, int]) -> None:
    for code, spent in minutes.items():
        if code not in TIMED_CODES:
            raise ServiceNotationError(
                f"{code} is not a timed (15-minute) code: give it as a service, it is billed once a visit"
            )
        if not 0 <= spent <= MAX_MINUTES:
            raise ServiceNotationError(f"{code}: {spent} minutes is not from 0 to {MAX_MINUTES}")


def units_from_minutes(minutes: Mapping[str, int], rule: UnitRule) -> tuple[Service, ...]:
    """The services the timed minutes per code bill under ``rule``, in the order given.

    A code left with no unit (8 minutes of 97035 in CMS's example 4) is not among them. Raises
    :class:`ServiceNotationError` for a code that is not timed or minutes out of range.
    """
    _checked(minutes)
    if rule == "ama":
        units = {code: units_for_total(spent) for code, spent in minutes.items()}
    else:
        units = {code: spent // UNIT_MINUTES for code, spent in minutes.items()}
        left = units_for_total(sum(minutes.values())) - sum(units.values())
        order = list(minutes)
        by_leftover = sorted(
            minutes, key=lambda code: (-(minutes[code] % UNIT_MINUTES), -minutes[code], order.index(code))
        )
        for code in by_leftover[:left]:
            units[code] += 1
    return merge_services(Service(code=code, units=count) for code, count in units.items() if count)


class UnitRange(BaseModel):
    """How many timed units a visit of known length bills when the minutes per code are not known."""

    model_config = ConfigDict(frozen=True)

    low: int
    likely: int
    high: int


#: The minutes of a visit assumed to go to untimed care when the minutes per code are not known.
UNTIMED_ALLOWANCE = 15


def visit_unit_range(
    visit_minutes: int, timed_codes: int, rule: UnitRule, untimed_minutes: int = UNTIMED_ALLOWANCE
) -> UnitRange:
    """The fewest, likely and most timed units of a visit of ``visit_minutes`` across ``timed_codes`` codes.

    Assumption (say it where the range is shown): up to ``untimed_minutes`` of the visit (default one
    unit's worth) may go to untimed work - getting settled, hot packs, an untimed code - so the timed
    minutes lie between ``visit_minutes - untimed_minutes`` and ``visit_minutes``; how they split among
    the codes is unknown. Under ``medicare`` only the total counts, so the range is
    ``units_for_total(visit - untimed) .. units_for_total(visit)``: a 45-minute visit is 2 to 3 units,
    likely 3. Under ``ama`` a split can also lose up to 7 minutes per code (low) or win a unit from
    8 minutes per code (high); likely is an even split of the whole visit.
    """
    if visit_minutes < 0 or timed_codes < 1 or untimed_minutes < 0:
        raise ServiceNotationError("a visit needs minutes of 0 or more and at least one timed code")
    timed_low = max(0, visit_minutes - untimed_minutes)
    if rule == "medicare":
        return UnitRange(
            low=units_for_total(timed_low),
            likely=units_for_total(visit_minutes),
            high=units_for_total(visit_minutes),
        )
    # Lowest: every code but one keeps 7 unbilled minutes. Highest: 8 minutes buy each code's first
    # unit, 15 more minutes each further unit (fewer minutes than 8 a code: one unit per 8 minutes).
    low = max(0, (timed_low - 7 * timed_codes + 14) // UNIT_MINUTES)
    first = 8 * timed_codes
    high = visit_minutes // 8 if visit_minutes < first else timed_codes + (visit_minutes - first) // UNIT_MINUTES
    share, extra = divmod(visit_minutes, timed_codes)
    likely = sum(units_for_total(share + (1 if i < extra else 0)) for i in range(timed_codes))
    return UnitRange(low=low, likely=likely, high=high)
