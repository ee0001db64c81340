"""Low, likely and high totals for a course whose visit length is known but not the minutes per code.

A regular visit of ``visit_minutes`` bills a number of timed units that depends on how the minutes
fall (:func:`coverage.fees.unit_rules.visit_unit_range`: a 45-minute visit is 2 to 3 units under the
8-minute rule, likely 3). For each bound, every such course's timed codes get that many units in all,
shared in proportion to the units its services give them (largest remainder first, ties to the code
listed first; a code left with none is dropped), untimed codes kept as they are; the plan of care is
then estimated as usual. The likely estimate is the headline; low and high bound it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import Service
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.course_estimate import Estimate, estimate
from coverage.engine.plans import DISCIPLINES, Plan
from coverage.engine.secondary import Secondary
from coverage.engine.visit_pricing import Pricer
from coverage.fees.unit_rules import TIMED_CODES, UNTIMED_ALLOWANCE, UnitRange, visit_unit_range

ASSUMPTION = (
    "the minutes per code are not known, so each visit of {minutes} minutes may bill {low} to {high} timed units "
    "(up to " + str(UNTIMED_ALLOWANCE) + " minutes may go to untimed care); the figure shown is the likely {likely}."
)


class EstimateRange(BaseModel):
    """The plan of care estimated at the fewest, likely and most timed units its visit lengths allow."""

    model_config = ConfigDict(frozen=True)

    low: Estimate
    likely: Estimate
    high: Estimate
    units: dict[str, UnitRange]  # per therapy with a known visit length: its timed units a visit
    assumptions: tuple[str, ...]  # one sentence per such therapy, to show beside the range


def spread_units(services: tuple[Service, ...], total: int) -> tuple[Service, ...]:
    """``services`` with their timed codes holding ``total`` units in all, in proportion to their units."""
    timed = [s for s in services if s.code in TIMED_CODES]
    weight = sum(s.units for s in timed)
    if not timed:
        return services
    shares = [total * s.units // weight for s in timed]
    left = total - sum(shares)
    order = sorted(range(len(timed)), key=lambda i: (-(total * timed[i].units % weight), i))
    for i in order[:left]:
        shares[i] += 1
    units = {id(s): n for s, n in zip(timed, shares, strict=True)}
    return tuple(
        s if s.code not in TIMED_CODES else s.model_copy(update={"units": units[id(s)]})
        for s in services
        if s.code not in TIMED_CODES or units[id(s)] > 0
    )


def _ranged(course: Course) -> bool:
    timed = any(s.code in TIMED_CODES for s in course.services)
    return course.visit_minutes is not None and not course.minutes and course.visit_rate is None and timed


def estimate_range(
    plan: Plan,
    care: CarePlan,
    accumulators: Accumulators | None = None,
    *,
    fees: Pricer,
    secondary: Secondary | None = None,
) -> EstimateRange | None:
    """The range, or None when no course priced from its codes has a visit length without minutes per code."""
    bounds: dict[str, dict[str, Course]] = {"low": {}, "likely": {}, "high": {}}
    units: dict[str, UnitRange] = {}
    said: list[str] = []
    for discipline in DISCIPLINES:
        course = care.course(discipline)
        if course is None or not _ranged(course):
            continue
        assert course.visit_minutes is not None
        codes = len({s.code for s in course.services if s.code in TIMED_CODES})
        found = units[discipline] = visit_unit_range(course.visit_minutes, codes, plan.unit_rule)
        said.append(
            f"{discipline}: "
            + ASSUMPTION.format(minutes=course.visit_minutes, low=found.low, high=found.high, likely=found.likely)
        )
        for name, total in (("low", found.low), ("likely", found.likely), ("high", found.high)):
            bounds[name][discipline.lower()] = course.model_copy(
                update={"services": spread_units(course.services, total)}
            )
    if not units:
        return None
    low, likely, high = (
        estimate(plan, care.model_copy(update=bounds[name]), accumulators, secondary=secondary, fees=fees)
        for name in ("low", "likely", "high")
    )
    return EstimateRange(low=low, likely=likely, high=high, units=units, assumptions=tuple(said))
