"""What the front desk needs on the phone: today's figures, visits left, and what a visit costs."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Course
from coverage.engine.cost_sharing import share_of_visit
from coverage.engine.course_estimate import Estimate, VisitCost
from coverage.engine.money import ZERO
from coverage.engine.network import NetworkTerms, network_terms
from coverage.engine.not_covered import limit_unit
from coverage.engine.plans import DISCIPLINES, Discipline, Plan
from coverage.engine.schedule import plan_year_start_on_or_before
from coverage.engine.year_state import YearState


class FrontDesk(BaseModel):
    """The patient's standing on the first day of the course, before any of its visits.

    ``None`` for a limit or the out-of-pocket room means the plan has none.
    """

    model_config = ConfigDict(frozen=True)

    plan_covers_visits: bool
    first_day_visits: tuple[VisitCost, ...]  # every visit on the course's first date, in the course's order
    ot_visits_left: int | None
    pt_visits_left: int | None
    pool_visits_left: int | None  # in visit days when pool_counts_days
    pool_counts_days: bool = False  # the shared limit counts days: a PT and an OT visit on one day take one place
    deductible_applies: bool
    deductible_left: Decimal
    oop_left: Decimal | None
    visit_after_deductible: dict[Discipline, Decimal]  # a regular visit once the deductible is met
    #: What counts toward the visit limits, where the plan departs from "every covered visit, one place".
    limit_counting: tuple[str, ...] = ()

    def visits_left_words(self, therapies: Iterable[Discipline]) -> str:
        """``'PT 20; OT no limit; PT and OT together 16 visit days'``: each therapy given, then the shared limit."""
        own = {"PT": self.pt_visits_left, "OT": self.ot_visits_left}
        said = [f"{d} {'no limit' if own[d] is None else own[d]}" for d in sorted(set(therapies), reverse=True)]
        pool = self.pool_visits_left
        unit = f" {limit_unit(True)}" if self.pool_counts_days else ""
        return "; ".join([*said, f"PT and OT together {'no limit' if pool is None else f'{pool}{unit}'}"])

    @property
    def first_day(self) -> date:
        """The date of the course's first visit."""
        return self.first_day_visits[0].date

    @property
    def collect_first_day(self) -> Decimal:
        """What to collect on the first day: the sum of every visit on that date (issue 16: not only the first)."""
        return sum((v.patient_pays for v in self.first_day_visits), ZERO)

    @property
    def first_day_therapies(self) -> str:
        """The therapies seen on the first day, PT first as in the form: ``'PT and OT'``, ``'OT'``."""
        seen = {v.discipline for v in self.first_day_visits}
        return " and ".join(d for d in sorted(DISCIPLINES, reverse=True) if d in seen)


def limit_counting(plan: Plan) -> tuple[str, ...]:
    """The plan's visit-limit rules in the desk's words, only those that differ from the usual."""
    said = []
    if plan.counts_days and plan.combined_visit_limit is not None:
        said.append("the shared limit counts days: a PT and an OT visit on one day use one place")
    if not plan.evaluation_counts_toward_limit:
        said.append("the evaluation does not count")
    if not plan.deductible_visits_count_toward_limit:
        said.append("a visit paid entirely toward the deductible does not count")
    return tuple(said)


def regular_visit_cost(plan: Plan, discipline: Discipline, course: Course, allowed: Decimal | None = None) -> Decimal:
    """What a regular (not evaluation) covered visit costs once the deductible is met.

    Uses the engine's own split (:func:`coverage.engine.cost_sharing.share_of_visit`) with no
    deductible left and no out-of-pocket cap: the copay and coinsurance of a typical
    visit in the middle of the course. On a plan that covers nothing it is the self-pay rate.
    ``allowed`` is a regular visit's amount when it is priced from its codes (else the typed visit rate).
    """
    if not plan.covers_visits:
        return course.self_pay(visit_index=1, allowed=allowed)
    share = share_of_visit(
        course.allowed(1) if allowed is None else allowed,
        copay=plan.copay(discipline),
        coinsurance_pct=plan.coinsurance_pct(discipline),
        deductible_left=ZERO,
        oop_room=None,
        deductible_applies=plan.deductible_applies,
        copay_timing=plan.copay_timing,
    )
    return share.patient_pays


def regular_allowed(estimate: Estimate, discipline: Discipline) -> Decimal | None:
    """A regular visit's amount priced from its codes (its first in the course), or None for a typed rate."""
    course = estimate.care.course(discipline)
    if estimate.prices is None or course is None or course.visit_rate is not None:
        return None
    for visit, priced in zip(estimate.visits, estimate.prices.visits, strict=True):
        if visit.discipline == discipline and not visit.is_evaluation and priced is not None:
            return priced.allowed
    return None


def _after_deductible(terms: NetworkTerms, discipline: Discipline, course: Course, allowed: Decimal | None) -> Decimal:
    """A regular visit once the deductible is met, under the terms in force; out of network with its balance bill."""
    if not terms.covers:
        return course.self_pay(visit_index=1, out_of_network=False, allowed=allowed)
    cost = regular_visit_cost(terms.plan, discipline, course, allowed)
    return cost + course.balance_bill(visit_index=1, allowed=allowed) if terms.balance_billing else cost


def front_desk(estimate: Estimate) -> FrontDesk:
    """Today's figures for ``estimate``: taken from the plan year that contains its start date.

    Out of network they come from the out-of-network terms and figures (:mod:`coverage.engine.network`).
    A second insurance is left out, except in what the next visit costs.
    """
    care = estimate.care
    terms = network_terms(estimate.plan, care, estimate.accumulators)
    plan = terms.plan
    year = YearState.opening(plan, plan_year_start_on_or_before(care.start_date, plan.plan_year_start), terms.so_far)

    def left(limit: int | None, used: int) -> int | None:
        return None if limit is None else max(limit - used, 0)

    return FrontDesk(
        plan_covers_visits=terms.covers,
        first_day_visits=tuple(v for v in estimate.visits if v.date == estimate.visits[0].date),
        ot_visits_left=left(plan.ot_visit_limit, year.used["OT"]),
        pt_visits_left=left(plan.pt_visit_limit, year.used["PT"]),
        pool_visits_left=left(plan.combined_visit_limit, year.pool_used),
        pool_counts_days=plan.counts_days,
        deductible_applies=plan.deductible_applies,
        deductible_left=year.deductible_left,
        oop_left=year.oop_room,
        visit_after_deductible={
            d: _after_deductible(terms, d, course, regular_allowed(estimate, d))
            for d in DISCIPLINES
            if (course := care.course(d)) is not None
        },
        limit_counting=limit_counting(plan),
    )
