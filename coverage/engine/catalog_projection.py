"""Cost one plan of care under every plan of a catalog at once (internal to compare_plans).

The same rules as :func:`coverage.engine.course_estimate` (the reference; a property test holds
the two equal to the cent), applied to all plans together: the loop walks the
visit schedule once, and each step works on arrays with one element per plan.
Amounts are whole cents in ``int64``; coinsurance is rounded half up on each
visit exactly as :func:`coverage.engine.money.percent_of` does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

from coverage.engine.care import Accumulators, CarePlan, MedicareParticipation
from coverage.engine.catalog_amounts import catalog_amounts
from coverage.engine.plan_table import NO_MAXIMUM, Cents, Flags, PlanTable, cents
from coverage.engine.schedule import ScheduledVisit, plan_year_start_on_or_before, schedule
from coverage.engine.visit_pricing import Pricer


class Refusal(IntEnum):
    """Why the first visit the plan does not pay for was refused."""

    NONE = 0
    SELF_PAY = 1
    OWN_LIMIT = 2
    COMBINED_LIMIT = 3
    MEDICAID_NOT_ACCEPTED = 4


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
    pricing_problems: npt.NDArray[np.object_]  # per plan: why its visits cannot be priced from their codes, or None
    priced: Flags  # per plan: its visits could be priced (no pricing problem)


def _year_resets(table: PlanTable, care: CarePlan, visits: Sequence[ScheduledVisit]) -> list[Flags | None]:
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


def year_to_date_fits(table: PlanTable, so_far: Accumulators) -> Flags:
    """Per plan: True when the figures so far fit it, as :mod:`coverage.engine.year_to_date` checks them."""
    met, oop_met = cents(so_far.deductible_met), cents(so_far.oop_met)
    family_met, family_oop_met = cents(so_far.family_deductible_met), cents(so_far.family_oop_met)
    aggregate = table.has_family_deductible & ~table.family_deductible_embedded
    own = (aggregate | (met <= table.deductible)) & (~table.has_oop_max | (oop_met <= table.oop_max))
    family = ~table.has_family_deductible | ((family_met <= table.family_deductible) & (met <= family_met))
    family_oop = ~table.has_family_oop_max | ((family_oop_met <= table.family_oop_max) & (oop_met <= family_oop_met))
    fits: Flags = own & family & family_oop
    return fits


@dataclass
class _Year:
    """The running figures of every plan: own and family deductible left and room, visit counts."""

    own_left: Cents
    family_left: Cents  # NO_MAXIMUM where the plan has no family deductible
    own_room: Cents  # NO_MAXIMUM where the plan has no maximum
    family_room: Cents
    used: dict[str, Cents]
    pool: Cents

    @classmethod
    def opening(cls, table: PlanTable, so_far: Accumulators, size: int) -> _Year:
        """The plan year of the start date, from the figures so far."""
        applies = table.deductible_applies
        own_left = np.where(applies, np.maximum(table.deductible - cents(so_far.deductible_met), 0), 0)
        family = table.has_family_deductible & applies
        zeros = np.zeros(size, dtype=np.int64)
        return cls(
            own_left=own_left,
            family_left=np.where(family, table.family_deductible - cents(so_far.family_deductible_met), NO_MAXIMUM),
            own_room=np.where(table.has_oop_max, table.oop_max - cents(so_far.oop_met), NO_MAXIMUM),
            family_room=np.where(
                table.has_family_oop_max, table.family_oop_max - cents(so_far.family_oop_met), NO_MAXIMUM
            ),
            used={"OT": zeros + so_far.ot_visits_used, "PT": zeros + so_far.pt_visits_used},
            pool=zeros + (so_far.ot_visits_used + so_far.pt_visits_used + so_far.other_pool_visits_used),
        )

    def reset(self, fresh: _Year, where: Flags) -> None:
        """Start a new plan year where ``where`` is true."""
        self.own_left = np.where(where, fresh.own_left, self.own_left)
        self.family_left = np.where(where, fresh.family_left, self.family_left)
        self.own_room = np.where(where, fresh.own_room, self.own_room)
        self.family_room = np.where(where, fresh.family_room, self.family_room)
        self.used = {d: np.where(where, fresh.used[d], count) for d, count in self.used.items()}
        self.pool = np.where(where, fresh.pool, self.pool)

    def deductible_left(self, table: PlanTable) -> Cents:
        """Embedded: the smaller of own and family; aggregate: the family's; self-only: the own."""
        aggregate = table.has_family_deductible & ~table.family_deductible_embedded & table.deductible_applies
        left: Cents = np.where(aggregate, self.family_left, np.minimum(self.own_left, self.family_left))
        return left


def project_catalog(  # noqa: PLR0915
    table: PlanTable, care: CarePlan, so_far: Accumulators, fees: Pricer | None = None
) -> CatalogOutcome:
    """Cost every visit of ``care`` under every plan of ``table``, from the figures ``so_far``.

    Visits with no typed rate are priced by ``fees`` (:mod:`coverage.engine.catalog_amounts`); the plans
    whose visits cannot be priced are costed as nothing, with the reason in ``pricing_problems``.
    """
    visits = schedule(care)
    amounts = catalog_amounts(table, care, visits, fees)
    size = len(table)
    zeros = np.zeros(size, dtype=np.int64)
    never = np.full(size, -1, dtype=np.int64)
    fits = year_to_date_fits(table, so_far)
    year = _Year.opening(table, so_far, size)
    fresh = _Year.opening(table, Accumulators(), size)
    non_participating = table.is_medicare & (care.medicare_participation == MedicareParticipation.NON_PARTICIPATING)
    refused_by_medicaid = table.is_medicaid & (not care.accepts_medicaid)
    covers = table.covers_visits & ~refused_by_medicaid
    has_a_maximum = table.has_oop_max | table.has_family_oop_max
    # What no plan of the catalog needs is not worked out per visit.
    any_non_participating = bool(non_participating.any())
    any_family_deductible = bool((table.has_family_deductible & table.deductible_applies).any())
    any_family_maximum, any_maximum = bool(table.has_family_oop_max.any()), bool(has_a_maximum.any())
    # Why a plan refuses a visit when it refuses it for want of cover (-1: it would be a limit).
    cover_refusal = np.where(
        ~table.covers_visits, Refusal.SELF_PAY, np.where(refused_by_medicaid, Refusal.MEDICAID_NOT_ACCEPTED, -1)
    )
    copay_today = np.zeros(size, dtype=np.bool_)
    pool_today = np.zeros(size, dtype=np.bool_)
    before = table.copay_before_deductible
    patient_total, plan_total, not_covered, not_covered_cost = zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy()
    deductible_met_at, oop_reached_at, refused_at, refusal = never.copy(), never.copy(), never.copy(), zeros.copy()
    previous_date = None
    for position, (visit, reset) in enumerate(zip(visits, _year_resets(table, care, visits), strict=True)):
        if reset is not None:
            year.reset(fresh, reset)
        if visit.date != previous_date:
            copay_today.fill(False)
            pool_today.fill(False)
            previous_date = visit.date
        course = care.course(visit.discipline)
        assert course is not None  # the schedule only holds visits of courses in the plan of care
        allowed, price = amounts.at(position)
        if any_non_participating:
            reduced, excess_np = amounts.non_participating_at(position)
            allowed = np.where(non_participating, reduced, allowed)
        discipline_used = year.used[visit.discipline]
        deductible_left = year.deductible_left(table) if any_family_deductible else year.own_left
        room = np.minimum(year.own_room, year.family_room) if any_family_maximum else year.own_room

        # Does the visit take a place in the limits, and is it covered? (state before this visit)
        copay_due = np.where(table.one_copay_per_day & copay_today, 0, table.copay(visit.discipline))
        evaluation = course.is_evaluation(visit.course_index)
        under_deductible = (
            table.deductible_applies & (allowed > 0) & (allowed <= deductible_left) & ~(before & (copay_due > 0))
        )
        place = table.deductible_visits_count | ~under_deductible
        if evaluation:
            place &= table.evaluation_counts
        shares_a_place = table.counts_days & pool_today
        own_out = place & (discipline_used >= table.limit(visit.discipline))
        combined_out = place & ~shares_a_place & (year.pool >= table.combined_visit_limit)
        covered = covers & ~own_out & ~combined_out

        # The patient's share, charged in the plan's order (deductible then copay, or copay first), then capped
        # by the room left: the first part takes what it can of the allowed amount, the second what is left.
        first = np.minimum(allowed, np.where(before, copay_due, deductible_left))
        second = np.minimum(np.where(before, deductible_left, copay_due), allowed - first)
        coinsurance = ((allowed - first - second) * table.coinsurance(visit.discipline) + 5000) // 10000
        first_paid = np.minimum(first, room)
        second_paid = np.minimum(second, room - first_paid)
        third_paid = np.minimum(coinsurance, room - first_paid - second_paid)
        share = (first_paid + second_paid + third_paid) * covered  # nothing where the plan does not pay
        deductible_paid = np.where(before, second_paid, first_paid) * covered
        uncovered_price = price * ~covered

        patient_total += share
        patient_total += uncovered_price
        if any_non_participating:
            patient_total += np.where(non_participating & covered, excess_np, 0)
        plan_total += allowed * covered - share
        not_covered += ~covered
        not_covered_cost += uncovered_price
        first_refusal = (refused_at < 0) & ~covered
        if first_refusal.any():
            limit = np.where(own_out, Refusal.OWN_LIMIT, Refusal.COMBINED_LIMIT)
            refusal[first_refusal] = np.where(cover_refusal >= 0, cover_refusal, limit)[first_refusal]
            refused_at[first_refusal] = position

        # What the covered visit uses up. A plan with no family deductible or no maximum holds a figure no
        # course can use up there (NO_MAXIMUM), so taking from it changes nothing.
        copay_today |= covered & (np.where(before, first, second) > 0)
        counted = covered & place
        year.used[visit.discipline] = discipline_used + counted
        takes_a_place = counted & ~shares_a_place
        year.pool = year.pool + takes_a_place
        pool_today |= takes_a_place
        year.own_left = np.maximum(year.own_left - deductible_paid, 0)
        if any_family_deductible:
            year.family_left = year.family_left - deductible_paid
        if any_maximum:
            year.own_room = year.own_room - share
            year.family_room = year.family_room - share
        left_after = year.deductible_left(table) if any_family_deductible else year.own_left
        met = (deductible_met_at < 0) & (deductible_paid > 0) & (left_after == 0)
        if met.any():
            deductible_met_at[met] = position
        room_after = np.minimum(year.own_room, year.family_room) if any_family_maximum else year.own_room
        reached = (oop_reached_at < 0) & has_a_maximum & (share > 0) & (room_after == 0)
        if reached.any():
            oop_reached_at[reached] = position
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
        pricing_problems=np.array(amounts.problems, dtype=object)[amounts.kind],
        priced=np.array([problem is None for problem in amounts.problems], dtype=np.bool_)[amounts.kind],
    )
