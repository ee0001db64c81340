"""Cost one plan of care under every plan of a catalog at once (internal to compare_plans).

The same rules as :func:`coverage.engine.course_estimate` (the reference; a property test holds
the two equal to the cent), applied to all plans together: the loop walks the
visit schedule once, and each step works on arrays with one element per plan.
Amounts are whole cents in ``int64``; coinsurance is rounded half up on each
visit exactly as :func:`coverage.engine.money.percent_of` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np

from coverage.engine.care import Accumulators, CarePlan
from coverage.engine.plan_table import NO_MAXIMUM, Cents, Flags, PlanTable, cents
from coverage.engine.schedule import ScheduledVisit, plan_year_start_on_or_before, schedule


class Refusal(IntEnum):
    """Why the first visit the plan does not pay for was refused."""

    NONE = 0
    SELF_PAY = 1
    OWN_LIMIT = 2
    COMBINED_LIMIT = 3


@dataclass(frozen=True, eq=False)
class CatalogOutcome:
    """Totals and milestones per plan; positions index ``visits`` (-1 = never)."""

    visits: tuple[ScheduledVisit, ...]
    patient_total: Cents
    plan_total: Cents
    not_covered: Cents
    not_covered_cost: Cents
    deductible_met_at: Cents
    oop_max_reached_at: Cents
    first_refused_at: Cents
    first_refusal: Cents  # a Refusal per plan
    year_to_date_fits: Flags  # False where the figures so far exceed the plan's deductible or maximum


def _year_resets(table: PlanTable, care: CarePlan, visits: list[ScheduledVisit]) -> list[Flags | None]:
    """Per visit: which plans start a new plan year at it (None when no plan does)."""
    kinds = table.year_start_kinds
    current = [plan_year_start_on_or_before(care.start_date, kind) for kind in kinds]
    resets: list[Flags | None] = []
    for visit in visits:
        starts = [plan_year_start_on_or_before(visit.date, kind) for kind in kinds]
        changed = np.array([new != old for new, old in zip(starts, current, strict=True)], dtype=np.bool_)
        resets.append(changed[table.year_start_kind] if changed.any() else None)
        current = starts
    return resets


def project_catalog(table: PlanTable, care: CarePlan, so_far: Accumulators) -> CatalogOutcome:  # noqa: PLR0915
    """Cost every visit of ``care`` under every plan of ``table``, from the figures ``so_far``."""
    visits = schedule(care)
    size = len(table)
    zeros = np.zeros(size, dtype=np.int64)
    never = np.full(size, -1, dtype=np.int64)
    fits = (cents(so_far.deductible_met) <= table.deductible) & (
        ~table.has_oop_max | (cents(so_far.oop_met) <= table.oop_max)
    )
    full_deductible = np.where(table.deductible_applies, table.deductible, 0)
    deductible_left = np.where(table.deductible_applies, table.deductible - cents(so_far.deductible_met), 0)
    full_room = table.oop_max
    room = np.where(table.has_oop_max, table.oop_max - cents(so_far.oop_met), NO_MAXIMUM)
    used = {"OT": zeros + so_far.ot_visits_used, "PT": zeros + so_far.pt_visits_used}
    pool = zeros + (so_far.ot_visits_used + so_far.pt_visits_used + so_far.other_pool_visits_used)
    copay_today = np.zeros(size, dtype=np.bool_)
    pool_today = np.zeros(size, dtype=np.bool_)
    before = table.copay_before_deductible
    patient_total, plan_total, not_covered, not_covered_cost = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    deductible_met_at, oop_reached_at, refused_at, refusal = never.copy(), never.copy(), never.copy(), zeros.copy()
    previous_date = None
    for position, (visit, reset) in enumerate(zip(visits, _year_resets(table, care, visits), strict=True)):
        if reset is not None:
            deductible_left = np.where(reset, full_deductible, deductible_left)
            room = np.where(reset, full_room, room)
            used = {d: np.where(reset, 0, count) for d, count in used.items()}
            pool = np.where(reset, 0, pool)
        if visit.date != previous_date:
            copay_today[:] = False
            pool_today[:] = False
            previous_date = visit.date
        course = care.course(visit.discipline)
        assert course is not None  # the schedule only holds visits of courses in the plan of care
        allowed = cents(course.allowed(visit.course_index))
        price = cents(course.self_pay(visit.course_index))
        discipline_used = used[visit.discipline]

        # Is the visit covered? (state before this visit)
        shares_a_place = table.same_day_counts_once & pool_today
        own_out = discipline_used >= table.limit(visit.discipline)
        combined_out = ~shares_a_place & (pool >= table.combined_visit_limit)
        covered = table.covers_visits & ~own_out & ~combined_out

        # The patient's share, charged in the plan's order, then capped by the room left.
        copay_due = np.where(table.one_copay_per_day & copay_today, 0, table.copay(visit.discipline))
        deductible_after = np.minimum(allowed, deductible_left)
        copay_after = np.minimum(copay_due, allowed - deductible_after)
        copay_before = np.minimum(copay_due, allowed)
        deductible_before = np.minimum(allowed - copay_before, deductible_left)
        deductible_part = np.where(before, deductible_before, deductible_after)
        copay_part = np.where(before, copay_before, copay_after)
        coinsurance = ((allowed - deductible_part - copay_part) * table.coinsurance(visit.discipline) + 5000) // 10000
        first_paid = np.minimum(np.where(before, copay_part, deductible_part), room)
        second_paid = np.minimum(np.where(before, deductible_part, copay_part), room - first_paid)
        third_paid = np.minimum(coinsurance, room - first_paid - second_paid)
        share = first_paid + second_paid + third_paid
        deductible_paid = np.where(before, second_paid, first_paid)

        patient_total += np.where(covered, share, price)
        plan_total += np.where(covered, allowed - share, 0)
        not_covered += ~covered
        not_covered_cost += np.where(covered, 0, price)
        first_refusal = (refused_at < 0) & ~covered
        refusal = np.where(
            first_refusal,
            np.where(
                ~table.covers_visits, Refusal.SELF_PAY, np.where(own_out, Refusal.OWN_LIMIT, Refusal.COMBINED_LIMIT)
            ),
            refusal,
        )
        refused_at = np.where(first_refusal, position, refused_at)

        # What the covered visit uses up.
        copay_today |= covered & (copay_part > 0)
        used[visit.discipline] = discipline_used + covered
        takes_a_place = covered & ~shares_a_place
        pool = pool + takes_a_place
        pool_today |= takes_a_place
        deductible_paid = np.where(covered, deductible_paid, 0)
        deductible_left = deductible_left - deductible_paid
        met = (deductible_met_at < 0) & (deductible_paid > 0) & (deductible_left == 0)
        deductible_met_at = np.where(met, position, deductible_met_at)
        room = np.where(covered, room - share, room)
        reached = (oop_reached_at < 0) & covered & table.has_oop_max & (share > 0) & (room == 0)
        oop_reached_at = np.where(reached, position, oop_reached_at)
    return CatalogOutcome(
        visits=tuple(visits),
        patient_total=patient_total,
        plan_total=plan_total,
        not_covered=not_covered,
        not_covered_cost=not_covered_cost,
        deductible_met_at=deductible_met_at,
        oop_max_reached_at=oop_reached_at,
        first_refused_at=refused_at,
        first_refusal=refusal,
        year_to_date_fits=fits,
    )
