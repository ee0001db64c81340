"""Everything the estimate page shows, from one call: the facade the dashboard uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Accumulators
from coverage.engine.course_estimate import Estimate, estimate
from coverage.engine.notices import format_day
from coverage.engine.plans import Plan
from coverage.engine.schedule import plan_year_start_on_or_before
from coverage.engine.visit_pricing import Pricer
from coverage.fees.course_pricing import FeeSources
from coverage.fees.estimate_range import EstimateRange, estimate_range
from coverage.forms.fields import PLAN_FIELDS
from coverage.forms.request import OWN_PLAN, EstimateRequest, base_plan
from coverage.forms.share_link import share_link_params
from coverage.views.care_comparison import IN_NETWORK, OUT_OF_NETWORK, CareComparison, compare_care, compare_networks
from coverage.views.export import visits_csv
from coverage.views.front_desk_panel import FrontDesk, front_desk
from coverage.views.timeline import CostSoFar, Milestone, cost_so_far, milestones
from coverage.views.visit_prices import published_rates


class Overview(BaseModel):
    """An estimate with everything shown around it."""

    model_config = ConfigDict(frozen=True)

    request: EstimateRequest
    estimate: Estimate
    comparison: CareComparison
    networks: dict[str, Estimate] | None  # in and out of network, for a plan with out-of-network terms
    front_desk: FrontDesk
    cost_so_far: tuple[CostSoFar, ...]
    milestones: tuple[Milestone, ...]
    changed_fields: tuple[str, ...]  # plan fields changed from the catalog's for this estimate
    reminders: tuple[str, ...]  # inputs that look left at their blank defaults (see input_reminders)
    share_link: dict[str, str]
    csv: str
    #: Low / likely / high when a visit's length is known but not its minutes per code; ``estimate`` is the likely.
    range: EstimateRange | None = None
    #: "Allowed amounts from <payer>'s published rates of <date>" for a plan paying by an imported schedule.
    published_rates: str | None = None

    def out_of_network_extra(self) -> Decimal | None:
        """What the patient pays more out of network than in network (negative: less); None without both."""
        if self.networks is None:
            return None
        return self.networks[OUT_OF_NETWORK].patient_total - self.networks[IN_NETWORK].patient_total


def changed_fields(request: EstimateRequest, plans: Sequence[Plan]) -> tuple[str, ...]:
    """The plan fields that differ from the picked catalog plan (none for a plan entered by hand)."""
    base = base_plan(request.plan_choice, plans)
    if base is None or base.plan_id != request.plan.plan_id:
        return ()
    return tuple(name for name in PLAN_FIELDS if getattr(request.plan, name) != getattr(base, name))


def input_reminders(request: EstimateRequest, today: date | None = None) -> tuple[str, ...]:
    """Sentences about inputs that look left at their blank defaults, shown above the figures.

    A plan typed by hand starts with no deductible, copay or coinsurance, out-of-network terms start
    at zero, and so does a second plan typed by hand: each gives "you pay nothing" until the numbers are
    typed in. A reminder is given only when its sentence holds (the first one only in network, where
    those terms apply). The estimate is still worked out (some plans do pay in full); the reminder says
    what to check. Given ``today``, figures so far that would count toward a later plan year than
    today's are pointed out too: they usually belong to the current one, and a new one starts from zero.
    """
    plan, care, said = request.plan, request.care, []
    if request.plan_choice == OWN_PLAN and care.in_network and plan.covers_visits and plan.shares_no_cost():
        said.append(
            "Your plan's numbers are not typed in yet: with no deductible, copay or coinsurance the plan pays "
            'each visit it covers in full. Open "Your plan\'s rules" and copy them from your plan summary.'
        )
    out_of_network = not care.in_network and plan.covers_visits and plan.oon_covered
    if out_of_network and plan.out_of_network_terms().shares_no_cost():
        said.append(
            "The out-of-network deductible, copays and coinsurance are all zero, so out of network the plan pays "
            'each visit it covers in full. If your plan has them, type them under "Your plan\'s rules".'
        )
    if today is not None and request.accumulators != Accumulators():
        course_year = plan_year_start_on_or_before(care.start_date, plan.plan_year_start)
        if course_year > plan_year_start_on_or_before(today, plan.plan_year_start):
            said.append(
                f"The first visit is in the plan year that starts on {format_day(course_year)}, but the figures "
                'under "So far this year" count toward that plan year. If they are from the current plan '
                "year, set them to 0: a new plan year starts from zero."
            )
    second = request.secondary
    if request.secondary_choice == OWN_PLAN and second is not None and second.plan.shares_no_cost():
        said.append(
            "Your second plan's numbers are not typed in yet: with no deductible, copay or coinsurance it pays "
            "all your plan leaves you on the visits your plan covers (a balance bill aside). Type them under "
            '"Second insurance".'
        )
    return tuple(said)


def overview(
    request: EstimateRequest, plans: Sequence[Plan], *, today: date | None = None, fees: Pricer | None = None
) -> Overview:
    """Estimate ``request`` and work out what the page shows around it (``today``: see :func:`input_reminders`).

    ``fees`` prices the visits billed as codes (see :func:`coverage.engine.course_estimate.estimate`). When a
    course's visit length is known but not its minutes per code, the range is worked out
    (:func:`coverage.fees.estimate_range.estimate_range`) and everything else is of its likely plan of care,
    so the headline, the table and the side by sides show the likely figure.
    """
    plan, care, so_far, secondary = request.plan, request.care, request.accumulators, request.secondary
    ranged = estimate_range(plan, care, so_far, fees=fees, secondary=secondary) if fees is not None else None
    if ranged is not None:
        result, care = ranged.likely, ranged.likely.care
    else:
        result = estimate(plan, care, so_far, secondary=secondary, fees=fees)
    return Overview(
        request=request,
        estimate=result,
        comparison=compare_care(plan, care, so_far, secondary=secondary, fees=fees),
        networks=compare_networks(plan, care, so_far, secondary=secondary, fees=fees),
        front_desk=front_desk(result),
        cost_so_far=tuple(cost_so_far(result)),
        milestones=tuple(milestones(result)),
        changed_fields=changed_fields(request, plans),
        reminders=input_reminders(request, today),
        share_link=share_link_params(request, plans),
        csv=visits_csv(result),
        range=ranged,
        published_rates=published_rates(plan, fees.clinic) if isinstance(fees, FeeSources) else None,
    )
