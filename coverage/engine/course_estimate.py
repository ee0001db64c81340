"""Project a whole plan of care visit by visit under the plan's rules: the one entry point."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Accumulators, CarePlan
from coverage.engine.network import network_terms
from coverage.engine.notices import (
    Notice,
    NoticeKind,
    secondary_deductible_met,
    secondary_oop_max_reached,
    secondary_plan_year_reset,
    secondary_visit_limit_reached,
)
from coverage.engine.participation import medicaid_forbids_balance_bill, medicaid_refuses
from coverage.engine.plans import Discipline, Plan
from coverage.engine.projection import project
from coverage.engine.schedule import schedule
from coverage.engine.secondary import Secondary, coordinate
from coverage.engine.secondary_notices import secondary_notices
from coverage.engine.visit_cost import VISIT_COLUMNS, Totals, VisitCost
from coverage.engine.visit_pricing import CoursePrices, Pricer, PricingNeededError
from coverage.engine.year_to_date import YearToDateError, check_year_to_date

__all__ = ["VISIT_COLUMNS", "Estimate", "Totals", "VisitCost", "YearToDateError", "check_year_to_date", "estimate"]


class Estimate(BaseModel):
    """A whole plan of care, costed: the visits, the milestones and the totals."""

    model_config = ConfigDict(frozen=True)

    plan: Plan
    care: CarePlan
    accumulators: Accumulators
    visits: tuple[VisitCost, ...]
    notices: tuple[Notice, ...]
    total: Totals
    ot_total: Totals | None
    pt_total: Totals | None
    secondary: Secondary | None = None
    prices: CoursePrices | None = None  # how the visits priced from their codes were priced; None: typed rates

    @property
    def patient_total(self) -> Decimal:
        """What the patient pays over the whole plan of care."""
        return self.total.patient_pays

    @property
    def plan_total(self) -> Decimal:
        """What the (primary) plan pays over the whole plan of care."""
        return self.total.plan_pays

    def discipline_total(self, discipline: Discipline) -> Totals | None:
        """The totals of one discipline, or None when the plan of care has no such course."""
        return self.ot_total if discipline == "OT" else self.pt_total


def estimate(
    plan: Plan,
    care: CarePlan,
    accumulators: Accumulators | None = None,
    *,
    secondary: Secondary | None = None,
    fees: Pricer | None = None,
) -> Estimate:
    """Cost every visit of ``care`` under ``plan``, starting from ``accumulators``.

    Out of network (``care.in_network`` false) the plan's out-of-network terms apply (see
    :mod:`coverage.engine.network`); a ``secondary`` plan then pays toward what the primary leaves
    (see :mod:`coverage.engine.secondary`). Visits with no typed rate are priced from their codes by
    ``fees`` under the plan's ``fee_schedule`` (see :mod:`coverage.fees.course_pricing`). Raises
    :class:`YearToDateError` when the year-to-date figures exceed the plan's,
    :class:`~coverage.engine.visit_pricing.PricingNeededError` for codes to price and no ``fees``, and
    ``FeeScheduleError`` for a code the fee schedule cannot price.
    """
    so_far = accumulators if accumulators is not None else Accumulators()
    terms = network_terms(plan, care, so_far)
    if care.in_network or plan.oon_counts_toward_in_network:
        check_year_to_date(plan, so_far)  # shared buckets: the in-network figures are the ones used
    if not care.in_network:
        check_year_to_date(terms.plan, terms.so_far, which="the plan's out-of-network")
    slots = schedule(care)  # the same for the pricer, the plan and a second insurance
    prices = None
    if care.priced_from_codes:
        if fees is None:
            raise PricingNeededError
        prices = fees.price(plan, care, slots)
    visits, notices = project(
        terms.plan,
        care,
        terms.so_far,
        slots=slots,
        covers=terms.covers,
        balance_billing=terms.balance_billing,
        prices=prices,
    )
    if secondary is not None:
        check_year_to_date(secondary.plan, secondary.accumulators, which="the secondary plan's")
        in_network = care if care.in_network else care.model_copy(update={"in_network": True})
        as_primary = project(
            secondary.plan,
            in_network,
            secondary.accumulators,
            slots=slots,
            covers=secondary.plan.covers_visits and not medicaid_refuses(secondary.plan, care),
            balance_billing=False,
            only=frozenset(position for position, visit in enumerate(visits) if visit.covered),
            allowed=[visit.allowed for visit in visits],
            prices=prices,  # a priced visit the secondary does not cover costs its priced amount, as for the primary
        )
        visits = coordinate(
            visits,
            as_primary.visits,
            secondary.method,
            pays_excess_charges=secondary.pays_excess_charges,
            writes_off_balance_bill=medicaid_forbids_balance_bill(secondary.plan, care),
        )
        said = [*secondary_notices(secondary, care, slots[0]), *as_primary.notices]
        notices = _with_secondary_milestones(notices, said, secondary.plan)
    total, ot_total, pt_total = _totals(visits, care)
    return Estimate(
        plan=plan,
        care=care,
        accumulators=so_far,
        visits=tuple(visits),
        notices=tuple(notices),
        total=total,
        ot_total=ot_total,
        pt_total=pt_total,
        secondary=secondary,
        prices=prices,
    )


def _with_secondary_milestones(primary: list[Notice], as_primary: list[Notice], plan: Plan) -> list[Notice]:
    """The primary's notices with the second insurance's deductible, maximum, visit limits and plan years, by date.

    Only those four are said of the second insurance: its other notices (referral, authorization,
    threshold) are the primary's business on the claim. On the same date the primary's come first.
    """
    said = [told for notice in as_primary if (told := _said_of_the_secondary(notice, plan)) is not None]
    said = [notice for notice in as_primary if notice.kind in _SAID_AS_IS] + said
    return sorted([*primary, *said], key=lambda notice: notice.date)  # a stable sort keeps each list's order


#: The second insurance's notices that :func:`secondary_notices` words for it already.
_SAID_AS_IS = frozenset((NoticeKind.MEDICAID_NOT_ACCEPTED, NoticeKind.MEDIGAP_DEDUCTIBLE))


def _said_of_the_secondary(notice: Notice, plan: Plan) -> Notice | None:
    """The second insurance's own notice for one of its run's milestones, or None for one not said of it."""
    kind, name = notice.kind, plan.plan_name
    assert notice.discipline is not None  # the engine ties every notice of a run to a visit
    assert notice.visit_number is not None
    at = (notice.discipline, notice.visit_number, notice.date)
    if kind is NoticeKind.DEDUCTIBLE_MET:
        return secondary_deductible_met(*at, name)
    if kind is NoticeKind.OOP_MAX_REACHED and plan.oop_max is not None:
        return secondary_oop_max_reached(*at, name, plan.oop_max)
    if kind is NoticeKind.VISIT_LIMIT_REACHED:
        return secondary_visit_limit_reached(*at, name, notice.visits_affected)
    if kind is NoticeKind.PLAN_YEAR_RESET:
        return secondary_plan_year_reset(*at, name)
    return None


def _totals(visits: list[VisitCost], care: CarePlan) -> tuple[Totals, Totals | None, Totals | None]:
    """The totals of all the visits, of the OT and of the PT visits (None: no such course): one pass over them."""
    by_discipline: dict[Discipline, list[VisitCost]] = {"OT": [], "PT": []}
    for visit in visits:
        by_discipline[visit.discipline].append(visit)
    ot, pt = (Totals.of(by_discipline[d]) if care.course(d) is not None else None for d in ("OT", "PT"))
    if ot is not None and pt is not None:
        return ot + pt, ot, pt
    only = ot if ot is not None else pt
    assert only is not None  # a plan of care has a course
    return only, ot, pt
