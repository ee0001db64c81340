"""What is said of a second insurance before the first visit: Medicaid refused, or Plan G's deductible (internal)."""

from __future__ import annotations

from coverage.engine import payer_notices
from coverage.engine.care import CarePlan
from coverage.engine.notices import Notice
from coverage.engine.participation import medicaid_refuses
from coverage.engine.schedule import ScheduledVisit, plan_year_start_on_or_before
from coverage.engine.secondary import Secondary


def secondary_notices(secondary: Secondary, care: CarePlan, first: ScheduledVisit) -> list[Notice]:
    """At the ``first`` visit: Medicaid pays nothing at a clinic that does not accept it; Plan G's deductible."""
    at = (first.discipline, first.course_index + 1, first.date)
    plan, so_far = secondary.plan, secondary.accumulators
    said = []
    if medicaid_refuses(plan, care):
        said.append(payer_notices.medicaid_not_accepted(*at, second=True))
    if secondary.pays_excess_charges:
        year_start = plan_year_start_on_or_before(care.start_date, plan.plan_year_start)
        left = plan.deductible - so_far.deductible_met
        said.append(payer_notices.medigap_deductible(*at, deductible=plan.deductible, left=left, year_start=year_start))
    return said
