"""OT only, PT only and OT + PT side by side: what adding the second therapy costs."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Accumulators, CarePlan
from coverage.engine.course_estimate import Estimate, estimate
from coverage.engine.plans import Plan
from coverage.engine.secondary import Secondary
from coverage.engine.visit_pricing import Pricer


class Scenario(BaseModel):
    """One way to take the plan of care, costed."""

    model_config = ConfigDict(frozen=True)

    label: str
    estimate: Estimate


class CareComparison(BaseModel):
    """The scenarios the plan of care allows, in the order OT only, PT only, OT + PT."""

    model_config = ConfigDict(frozen=True)

    scenarios: tuple[Scenario, ...]

    def scenario(self, label: str) -> Scenario | None:
        """The scenario called ``label`` ("OT only", "PT only", "OT + PT"), if the care plan has it."""
        return next((s for s in self.scenarios if s.label == label), None)

    def cost_of_adding(self) -> dict[str, Decimal]:
        """For each single therapy: what the patient pays extra when the other is added."""
        both = self.scenario(BOTH)
        if both is None:
            return {}
        return {
            s.label: both.estimate.patient_total - s.estimate.patient_total for s in self.scenarios if s.label != BOTH
        }

    def to_frame(self) -> pd.DataFrame:
        """One row a scenario: visits, covered and not, patient and plan totals (Decimal)."""
        return pd.DataFrame(
            [
                {
                    "scenario": s.label,
                    "visits": s.estimate.total.visits,
                    "visits_not_covered": s.estimate.total.not_covered_visits,
                    "patient_total": s.estimate.patient_total,
                    "plan_total": s.estimate.plan_total,
                }
                for s in self.scenarios
            ]
        )


OT_ONLY, PT_ONLY, BOTH = "OT only", "PT only", "OT + PT"


def compare_care(
    plan: Plan,
    care: CarePlan,
    accumulators: Accumulators | None = None,
    *,
    secondary: Secondary | None = None,
    fees: Pricer | None = None,
) -> CareComparison:
    """Estimate each scenario the plan of care has, from the same year-to-date figures and second insurance.

    One therapy alone has no joint sessions: its visits are billed as its own course says.
    """
    cares: list[tuple[str, CarePlan]] = []
    if care.ot is not None:
        cares.append((OT_ONLY, care.model_copy(update={"pt": None, "co_treatment": None})))
    if care.pt is not None:
        cares.append((PT_ONLY, care.model_copy(update={"ot": None, "co_treatment": None})))
    if care.ot is not None and care.pt is not None:
        cares.append((BOTH, care))
    return CareComparison(
        scenarios=tuple(
            Scenario(label=label, estimate=estimate(plan, c, accumulators, secondary=secondary, fees=fees))
            for label, c in cares
        )
    )


IN_NETWORK, OUT_OF_NETWORK = "In network", "Out of network"


def compare_networks(
    plan: Plan,
    care: CarePlan,
    accumulators: Accumulators | None = None,
    *,
    secondary: Secondary | None = None,
    fees: Pricer | None = None,
) -> dict[str, Estimate] | None:
    """The same plan of care in and out of network, when the plan states out-of-network terms.

    Both take the same year-to-date figures and second insurance. Returns None for a plan without
    out-of-network terms (``oon_covered`` false): there is nothing to set side by side but "the plan
    pays nothing".
    """
    if not plan.oon_covered:
        return None
    return {
        name: estimate(
            plan, care.model_copy(update={"in_network": inside}), accumulators, secondary=secondary, fees=fees
        )
        for name, inside in ((IN_NETWORK, True), (OUT_OF_NETWORK, False))
    }
