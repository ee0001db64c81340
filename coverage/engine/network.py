"""In or out of network: which terms and which year-to-date figures an estimate uses.

Out of network the plan's optional ``oon_*`` columns replace its deductible, maximum, copays
and coinsurance; visit limits and every other rule stay. A plan with ``oon_covered`` false pays
nothing out of network: every visit is at the self-pay rate. With ``oon_counts_toward_in_network``
the plan keeps one deductible and one out-of-pocket bucket for both networks, so out-of-network
care starts from the in-network figures so far (anything met beyond the out-of-network amount
means it is met); otherwise it starts from the separate out-of-network figures.
The clinic's billed charge above the allowed amount (the balance bill) is the patient's and
counts toward nothing, except under Medicaid at a clinic that accepts it, which may not balance bill;
at a clinic that does not accept Medicaid, Medicaid pays nothing in or out of network
(:mod:`coverage.engine.participation`).
"""

from __future__ import annotations

from typing import NamedTuple

from coverage.engine.care import Accumulators, CarePlan
from coverage.engine.participation import medicaid_forbids_balance_bill, medicaid_refuses
from coverage.engine.plans import Plan


class NetworkTerms(NamedTuple):
    """The plan terms, figures so far and coverage that apply to one plan of care."""

    plan: Plan
    so_far: Accumulators
    covers: bool
    balance_billing: bool


def network_terms(plan: Plan, care: CarePlan, so_far: Accumulators) -> NetworkTerms:
    """The terms that apply to ``care`` under ``plan``: in network as they are, or out of network."""
    if medicaid_refuses(plan, care):
        return NetworkTerms(plan, so_far, covers=False, balance_billing=False)
    if care.in_network:
        return NetworkTerms(plan, so_far, plan.covers_visits, balance_billing=False)
    if not (plan.covers_visits and plan.oon_covered):
        return NetworkTerms(plan, so_far, covers=False, balance_billing=False)
    terms = plan.out_of_network_terms()
    if plan.oon_counts_toward_in_network:
        deductible_met = min(so_far.deductible_met, terms.deductible)
        oop_met = so_far.oop_met if terms.oop_max is None else min(so_far.oop_met, terms.oop_max)
    else:
        deductible_met, oop_met = so_far.oon_deductible_met, so_far.oon_oop_met
    return NetworkTerms(
        terms,
        so_far.model_copy(update={"deductible_met": deductible_met, "oop_met": oop_met}),
        covers=True,
        balance_billing=not medicaid_forbids_balance_bill(plan, care),
    )
