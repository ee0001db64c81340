"""The running figures of one plan year while a course is projected (internal)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coverage.engine.care import Accumulators
from coverage.engine.money import ZERO
from coverage.engine.plans import Discipline, Plan
from coverage.engine.schedule import next_plan_year_start


@dataclass
class LimitDenials:
    """Visits refused by one visit limit in one plan year, for its notice."""

    position: int  # where the first refused visit stands in the schedule
    discipline: Discipline
    number: int
    day: date
    limit_name: str
    limit: int
    visits: int = 0
    cost: Decimal = ZERO


@dataclass
class YearState:
    """Deductible, out-of-pocket, visit counts and threshold amounts of one plan year."""

    start: date
    next_start: date
    deductible_left: Decimal
    oop_room: Decimal | None
    used: dict[Discipline, int]
    pool_used: int
    threshold: dict[Discipline, Decimal]
    copay_dates: set[date] = field(default_factory=set)
    pool_dates: set[date] = field(default_factory=set)
    flagged: set[tuple[str, Discipline]] = field(default_factory=set)
    denials: dict[str, LimitDenials] = field(default_factory=dict)

    @classmethod
    def opening(cls, plan: Plan, start: date, so_far: Accumulators) -> YearState:
        """The plan year that contains the start date, with the year-to-date figures."""
        return cls(
            start=start,
            next_start=next_plan_year_start(start),
            deductible_left=plan.deductible - so_far.deductible_met if plan.deductible_applies else ZERO,
            oop_room=None if plan.oop_max is None else plan.oop_max - so_far.oop_met,
            used={"OT": so_far.ot_visits_used, "PT": so_far.pt_visits_used},
            pool_used=so_far.ot_visits_used + so_far.pt_visits_used + so_far.other_pool_visits_used,
            threshold={"OT": so_far.ot_threshold_used, "PT": so_far.pt_threshold_used},
        )

    def first_time(self, flag: str, discipline: Discipline) -> bool:
        """True the first time ``flag`` is raised for ``discipline`` this plan year."""
        if (flag, discipline) in self.flagged:
            return False
        self.flagged.add((flag, discipline))
        return True
