"""Which visits take a place in a visit limit, and whether a visit finds its place free (internal).

Three plan columns decide what counts (each asked of the insurer on the estimate page):

- ``evaluation_counts_toward_limit`` (default true): false means the evaluation (a course's first
  visit, when it has an evaluation rate) takes no place in any limit;
- ``deductible_visits_count_toward_limit`` (default true): false means a visit the patient pays entirely
  under the deductible takes no place. It is judged before the visit is charged: the deductible applies,
  the allowed amount is more than 0 and at most the deductible left, and no copay is charged before the
  deductible;
- ``limit_counts`` (``visits`` default, or ``days``; the older ``same_day_counts_once`` means ``days``):
  under ``days`` an OT and a PT visit on one day take one place in the limit they share, the combined
  one. A day's place is taken by the first visit of that day that takes one.

A visit that takes no place in a limit is covered whatever is left of that limit. A visit that takes a
place is covered while its therapy's places used are fewer than its own limit and the shared places
used (on another day, under ``days``) fewer than the combined limit.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from coverage.engine.money import ZERO
from coverage.engine.not_covered import NotCovered, WhyNotCovered
from coverage.engine.plans import CopayTiming, Discipline, Plan
from coverage.engine.year_state import YearState


def under_the_deductible(plan: Plan, allowed: Decimal, deductible_left: Decimal, copay_due: Decimal) -> bool:
    """True when the patient would pay the whole visit toward the deductible."""
    copay_first = plan.copay_timing is CopayTiming.BEFORE_DEDUCTIBLE and copay_due > ZERO
    return plan.deductible_applies and ZERO < allowed <= deductible_left and not copay_first


def takes_a_place(
    plan: Plan, *, is_evaluation: bool, allowed: Decimal, deductible_left: Decimal, copay_due: Decimal
) -> bool:
    """True when the visit counts toward the plan's visit limits."""
    if is_evaluation and not plan.evaluation_counts_toward_limit:
        return False
    return plan.deductible_visits_count_toward_limit or not under_the_deductible(
        plan, allowed, deductible_left, copay_due
    )


def limit_refusal(plan: Plan, year: YearState, discipline: Discipline, day: date) -> WhyNotCovered | None:
    """For a visit that takes a place: the limit it finds full, or None."""
    own_limit = plan.visit_limit(discipline)
    if own_limit is not None and year.used[discipline] >= own_limit:
        return _refused(NotCovered.OWN_LIMIT, discipline, own_limit, False)
    combined = plan.combined_visit_limit
    if combined is not None and year.pool_used >= combined and not (plan.counts_days and day in year.pool_dates):
        return _refused(NotCovered.SHARED_LIMIT, None, combined, plan.counts_days)
    return None


@lru_cache(maxsize=64)  # a reason is a frozen value: every visit one limit refuses shares it
def _refused(reason: NotCovered, discipline: Discipline | None, limit: int, counts_days: bool) -> WhyNotCovered:
    return WhyNotCovered(reason=reason, discipline=discipline, limit=limit, counts_days=counts_days)


def take_places(plan: Plan, year: YearState, discipline: Discipline, day: date) -> None:
    """Count a covered visit that takes a place: in its therapy's limit, and in the pool unless its day has one."""
    year.used[discipline] += 1
    if not (plan.counts_days and day in year.pool_dates):
        year.pool_used += 1
        year.pool_dates.add(day)
