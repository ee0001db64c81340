"""A second plan that pays toward what the first (primary) plan leaves the patient.

The secondary plan's own terms are run through the same engine as if it were primary, on the
visits the primary covers, so its deductible and maximum accrue visit by visit (a visit the
primary does not cover touches neither). For each visit the primary
covers, with allowed amount A, the primary's payment P, the patient's share under the primary L
(deductible + copay + coinsurance; a balance bill stays with the patient) and S, what the
secondary would have paid as primary:

- traditional: the secondary pays S, but no more than L;
- non-duplication: the secondary pays only what S adds above P: S - P when positive, else 0;
- carve-out: the secondary works out its own cost sharing on A (so it would pay S), then subtracts
  P: also S - P when positive. Under these definitions carve-out and non-duplication give the same
  amounts; both names are offered because payers use both words.

A visit the primary does not cover stays at the self-pay rate: the secondary would then act as
primary, which this tool does not estimate (the README says so).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Accumulators
from coverage.engine.money import ZERO
from coverage.engine.plans import PayerType, Plan
from coverage.engine.visit_cost import VisitCost

#: Original Medicare's Part B deductible for 2026 (CMS fact sheet, Nov 2025): Medigap Plan G does not pay it.
PART_B_DEDUCTIBLE_2026 = Decimal("283.00")


class CoordinationMethod(StrEnum):
    """How the secondary plan coordinates with the primary."""

    TRADITIONAL = "traditional"
    NON_DUPLICATION = "non_duplication"
    CARVE_OUT = "carve_out"


class Secondary(BaseModel):
    """A secondary plan, the way it coordinates, and its own figures so far this year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: Plan
    method: CoordinationMethod = CoordinationMethod.TRADITIONAL
    accumulators: Accumulators = Accumulators()


def secondary_payment(
    method: CoordinationMethod, *, primary_pays: Decimal, patient_share: Decimal, as_primary: Decimal
) -> Decimal:
    """What the secondary pays on one visit (see the module docstring for each method)."""
    if method is CoordinationMethod.TRADITIONAL:
        return min(as_primary, patient_share)
    return min(max(as_primary - primary_pays, ZERO), patient_share)


def coordinate(primary: list[VisitCost], as_primary: list[VisitCost], method: CoordinationMethod) -> list[VisitCost]:
    """The primary's visits with the secondary's payment taken off what the patient pays."""
    visits = []
    for visit, other in zip(primary, as_primary, strict=True):
        if not visit.covered:
            visits.append(visit)
            continue
        pays = secondary_payment(
            method,
            primary_pays=visit.plan_pays,
            patient_share=visit.cost_sharing,
            as_primary=other.plan_pays if other.covered else ZERO,
        )
        visits.append(visit.model_copy(update={"secondary_pays": pays, "patient_pays": visit.patient_pays - pays}))
    return visits


def medigap_plan_g(primary_so_far: Accumulators | None = None) -> Secondary:
    """Medigap Plan G after Original Medicare: pays the 20 % coinsurance once the Part B deductible is met.

    Modelled as a plan with the Part B deductible and nothing else, coordinating by
    non-duplication: it pays what it would pay (everything above the deductible) less what
    Medicare paid, which is exactly Medicare's coinsurance. Its deductible met is Medicare's.
    """
    so_far = primary_so_far or Accumulators()
    return Secondary(
        plan=Plan(
            plan_id="medigap-g",
            plan_name="Medigap Plan G",
            payer_type=PayerType.COMMERCIAL,
            deductible=PART_B_DEDUCTIBLE_2026,
        ),
        method=CoordinationMethod.NON_DUPLICATION,
        accumulators=Accumulators(deductible_met=min(so_far.deductible_met, PART_B_DEDUCTIBLE_2026)),
    )


def medicaid_secondary() -> Secondary:
    """Medicaid as secondary: it pays whatever the primary leaves, so the patient owes nothing for covered visits."""
    return Secondary(
        plan=Plan(
            plan_id="medicaid-secondary",
            plan_name="Medicaid as secondary",
            payer_type=PayerType.MEDICAID,
            deductible_applies=False,
        ),
        method=CoordinationMethod.TRADITIONAL,
    )
