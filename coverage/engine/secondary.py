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
primary, which this tool does not estimate (the README says so). The secondary works on the primary's
allowed amounts (95 % of the fee schedule amount at a clinic that does not participate with Medicare).

Two presets: Medigap Plan G (:func:`medigap_plan_g`), which also pays the Part B excess charge of each
visit both cover, and Medicaid as secondary (:func:`medicaid_secondary`); with Medicaid as the second
insurance a clinic that accepts Medicaid writes off any balance bill on the visits Medicaid covers, and a
clinic that does not accept it gets nothing from Medicaid (:mod:`coverage.engine.participation`).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from coverage.engine.care import Accumulators
from coverage.engine.money import ZERO
from coverage.engine.plans import PayerType, Plan
from coverage.engine.visit_cost import VisitCost


class CoordinationMethod(StrEnum):
    """How the secondary plan coordinates with the primary."""

    TRADITIONAL = "traditional"
    NON_DUPLICATION = "non_duplication"
    CARVE_OUT = "carve_out"


class Secondary(BaseModel):
    """A secondary plan, the way it coordinates, and its own figures so far this year.

    ``pays_excess_charges``: it also pays the balance bill (a Part B excess charge) of each visit it
    covers, whatever its deductible (Medigap Plan G).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    plan: Plan
    method: CoordinationMethod = CoordinationMethod.TRADITIONAL
    accumulators: Accumulators = Accumulators()
    pays_excess_charges: bool = False


def secondary_payment(
    method: CoordinationMethod, *, primary_pays: Decimal, patient_share: Decimal, as_primary: Decimal
) -> Decimal:
    """What the secondary pays on one visit (see the module docstring for each method)."""
    if method is CoordinationMethod.TRADITIONAL:
        return min(as_primary, patient_share)
    return min(max(as_primary - primary_pays, ZERO), patient_share)


def coordinate(
    primary: list[VisitCost],
    as_primary: list[VisitCost],
    method: CoordinationMethod,
    *,
    pays_excess_charges: bool = False,
    writes_off_balance_bill: bool = False,
) -> list[VisitCost]:
    """The primary's visits with the secondary's payment taken off what the patient pays.

    On each visit both cover, ``pays_excess_charges`` adds the balance bill to the secondary's payment;
    ``writes_off_balance_bill`` takes it off the bill (a clinic that accepts a Medicaid secondary).
    """
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
        billed_above = visit.balance_bill if other.covered else ZERO
        written_off = billed_above if writes_off_balance_bill else ZERO
        if pays_excess_charges and not writes_off_balance_bill:
            pays += billed_above
        update = {
            "secondary_pays": pays,
            "balance_bill": visit.balance_bill - written_off,
            "patient_pays": visit.patient_pays - pays - written_off,
        }
        visits.append(visit.model_copy(update=update))
    return visits


def medigap_plan_g(medicare: Plan, primary_so_far: Accumulators | None = None) -> Secondary:
    """Medigap Plan G after Original Medicare: all Medicare leaves but the Part B deductible, and excess charges.

    Modelled as a plan with the Medicare plan's own deductible (the Part B deductible of the year that plan
    describes) and plan year and nothing else, coordinating by non-duplication: it pays what it would
    pay (everything above the deductible) less what Medicare paid, which is exactly Medicare's
    coinsurance. Its deductible met is Medicare's, so it is met when Medicare's is. It also pays each
    Part B excess charge (the balance bill of a clinic that does not participate, up to the limiting
    charge) from the first visit: excess charges are not subject to the Part B deductible.
    """
    so_far = primary_so_far or Accumulators()
    deductible = medicare.deductible if medicare.deductible_applies else ZERO  # waived for therapy: none to meet
    return Secondary(
        plan=Plan(
            plan_id="medigap-g",
            plan_name="Medigap Plan G",
            payer_type=PayerType.COMMERCIAL,
            plan_year_start=medicare.plan_year_start,
            deductible=deductible,
        ),
        method=CoordinationMethod.NON_DUPLICATION,
        accumulators=Accumulators(deductible_met=min(so_far.deductible_met, deductible)),
        pays_excess_charges=True,
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
