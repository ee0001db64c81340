"""The running figures of one plan year while a course is projected (internal).

On a family plan (``family_deductible`` or ``family_oop_max`` set) the patient has two deductibles and
two maximums, their own and the family's:

- embedded deductible (``family_deductible_embedded``, the default): the deductible left is the smaller
  of the patient's own left and the family's left, so it is met when either is;
- aggregate deductible: only the family's left counts (the patient's own figure is ignored);
- the out-of-pocket room is always the smaller of the patient's own room (the self-only maximum, which
  since 2016 caps each person of a family plan; blank means none) and the family's.

What the patient pays on the course counts toward both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from coverage.engine.care import Accumulators
from coverage.engine.money import ZERO
from coverage.engine.not_covered import WhyNotCovered, limit_unit
from coverage.engine.plans import Discipline, Plan
from coverage.engine.schedule import ScheduledVisit, next_plan_year_start


@dataclass
class LimitDenials:
    """Visits refused by one visit limit in one plan year, for its notice."""

    position: int  # where the first refused visit stands in the schedule
    discipline: Discipline
    number: int
    day: date
    limit_name: str  # with what it counts: "PT visits", "combined therapy visit days"
    limit: int
    visits: int = 0
    cost: Decimal = ZERO


@dataclass
class YearState:
    """Deductible, out-of-pocket, visit counts and threshold amounts of one plan year.

    ``own_*`` are the patient's own figures, ``family_*`` the family's (None: no family figure); they change
    only through :meth:`pay`, which keeps ``deductible_left`` and ``oop_room`` in step with them.
    """

    start: date
    next_start: date
    own_deductible_left: Decimal
    family_deductible_left: Decimal | None
    embedded: bool
    own_oop_room: Decimal | None
    family_oop_room: Decimal | None
    used: dict[Discipline, int]
    pool_used: int
    threshold: dict[Discipline, Decimal]
    copay_dates: set[date] = field(default_factory=set)
    pool_dates: set[date] = field(default_factory=set)
    flagged: set[tuple[str, Discipline]] = field(default_factory=set)
    denials: dict[str, LimitDenials] = field(default_factory=dict)
    #: The deductible left for this patient: their own, the family's, or the smaller (embedded). Kept by ``pay``.
    deductible_left: Decimal = field(init=False)
    #: The out-of-pocket room left: the smaller of the patient's own and the family's (None: no maximum). Kept by
    #: ``pay``: a visit reads both figures before it is charged and after, so they are worked out once a payment.
    oop_room: Decimal | None = field(init=False)

    def __post_init__(self) -> None:
        self._settle()

    @classmethod
    def opening(cls, plan: Plan, start: date, so_far: Accumulators) -> YearState:
        """The plan year that contains the start date, with the year-to-date figures."""
        applies, family = plan.deductible_applies, plan.family_deductible
        return cls(
            start=start,
            next_start=next_plan_year_start(start),
            own_deductible_left=max(plan.deductible - so_far.deductible_met, ZERO) if applies else ZERO,
            family_deductible_left=None if family is None or not applies else family - so_far.family_deductible_met,
            embedded=plan.family_deductible_embedded,
            own_oop_room=None if plan.oop_max is None else plan.oop_max - so_far.oop_met,
            family_oop_room=None if plan.family_oop_max is None else plan.family_oop_max - so_far.family_oop_met,
            used={"OT": so_far.ot_visits_used, "PT": so_far.pt_visits_used},
            pool_used=so_far.ot_visits_used + so_far.pt_visits_used + so_far.other_pool_visits_used,
            threshold={"OT": so_far.ot_threshold_used, "PT": so_far.pt_threshold_used},
        )

    def _settle(self) -> None:
        """Work out ``deductible_left`` and ``oop_room`` from the own and family figures."""
        own_left, family_left = self.own_deductible_left, self.family_deductible_left
        if family_left is None:
            self.deductible_left = own_left
        else:
            self.deductible_left = min(own_left, family_left) if self.embedded else family_left
        own, family = self.own_oop_room, self.family_oop_room
        self.oop_room = own if family is None else family if own is None else min(own, family)

    @property
    def family_met_the_deductible(self) -> bool:
        """True when the deductible left is nothing because of the family's figure (not the patient's own)."""
        family = self.family_deductible_left
        return family == 0 and (not self.embedded or self.own_deductible_left > 0)

    @property
    def family_reached_the_maximum(self) -> bool:
        """True when the out-of-pocket room is nothing because of the family's maximum (not the patient's own)."""
        own = self.own_oop_room
        return self.family_oop_room == 0 and (own is None or own > 0)

    def pay(self, to_deductible: Decimal, patient: Decimal) -> None:
        """Count what the patient paid on a covered visit toward their own and the family's figures."""
        self.own_deductible_left = max(self.own_deductible_left - to_deductible, ZERO)
        if self.family_deductible_left is not None:
            self.family_deductible_left -= to_deductible
        if self.own_oop_room is not None:
            self.own_oop_room -= patient
        if self.family_oop_room is not None:
            self.family_oop_room -= patient
        self._settle()

    def deny(self, position: int, slot: ScheduledVisit, reason: WhyNotCovered, price: Decimal) -> None:
        """Count a visit a limit refused (``reason``) and what it costs, toward that limit's notice."""
        limit_name = reason.discipline or "combined therapy"
        denial = self.denials.get(limit_name)
        if denial is None:
            at = (position, slot.discipline, slot.course_index + 1, slot.date)
            named = f"{limit_name} {limit_unit(reason.counts_days)}"
            denial = self.denials[limit_name] = LimitDenials(*at, named, reason.limit or 0)
        denial.visits += 1
        denial.cost += price

    def first_time(self, flag: str, discipline: Discipline) -> bool:
        """True the first time ``flag`` is raised for ``discipline`` this plan year."""
        if (flag, discipline) in self.flagged:
            return False
        self.flagged.add((flag, discipline))
        return True
