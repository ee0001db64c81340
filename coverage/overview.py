"""Everything the estimate page shows, from one call: the facade the dashboard uses."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.compare import IN_NETWORK, OUT_OF_NETWORK, CareComparison, compare_care, compare_networks
from coverage.estimate import Estimate, estimate
from coverage.estimate_request import EstimateRequest, base_plan
from coverage.export import visits_csv
from coverage.form_fields import PLAN_FIELDS
from coverage.front_desk import FrontDesk, front_desk
from coverage.plans import Plan
from coverage.share_link import share_link_params
from coverage.timeline import CostSoFar, Milestone, cost_so_far, milestones


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
    share_link: dict[str, str]
    csv: str

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


def overview(request: EstimateRequest, plans: Sequence[Plan]) -> Overview:
    """Estimate ``request`` and work out what the page shows around it."""
    plan, care, so_far, secondary = request.plan, request.care, request.accumulators, request.secondary
    result = estimate(plan, care, so_far, secondary=secondary)
    return Overview(
        request=request,
        estimate=result,
        comparison=compare_care(plan, care, so_far, secondary=secondary),
        networks=compare_networks(plan, care, so_far, secondary=secondary),
        front_desk=front_desk(result),
        cost_so_far=tuple(cost_so_far(result)),
        milestones=tuple(milestones(result)),
        changed_fields=changed_fields(request, plans),
        share_link=share_link_params(request, plans),
        csv=visits_csv(result),
    )
