"""How the clinic stands with Original Medicare and Medicaid, and what that does to the bill.

- **Medicare participation.** A clinic that does not participate with Original Medicare (a ``medicare``
  plan; Medicare Advantage plans keep their own network terms) is paid 95 % of the fee schedule amount:
  the visit's allowed amount is 95 % of the amount the engine has for it (the typed visit rate, or the
  priced fee schedule amount), rounded half up to the cent. It may bill the patient at most the
  **limiting charge**, 115 % of that allowed amount; the patient pays the part above the allowed amount
  (the Part B excess charge) on top of the cost sharing. A typed billed charge above the limiting charge
  is capped there; without a typed billed charge the clinic is taken to bill the limiting charge.
- **Medicaid.** A clinic that accepts Medicaid must take Medicaid's payment as payment in full
  (42 CFR 447.15): under a ``medicaid`` plan, or with Medicaid as the second insurance, it cannot balance
  bill, so the patient owes only the cost sharing. A clinic that does not accept Medicaid is not paid by
  it at all.
"""

from __future__ import annotations

from decimal import Decimal

from coverage.engine.care import CarePlan, MedicareParticipation
from coverage.engine.money import ZERO, percent_of
from coverage.engine.plans import PayerType, Plan

#: What Medicare pays a non-participating clinic, as a percentage of its fee schedule amount.
NON_PARTICIPATING_FEE_PCT = Decimal(95)
#: The most a non-participating clinic may bill, as a percentage of the non-participating amount.
LIMITING_CHARGE_PCT = Decimal(115)


def is_non_participating(plan: Plan, care: CarePlan) -> bool:
    """True when Original Medicare pays ``care`` at the non-participating rate."""
    non_participating = care.medicare_participation == MedicareParticipation.NON_PARTICIPATING
    return plan.payer_type is PayerType.MEDICARE and non_participating


def non_participating_allowed(fee_schedule_amount: Decimal) -> Decimal:
    """95 % of the fee schedule amount, rounded half up to the cent: ``84.75`` -> ``80.51``."""
    return percent_of(fee_schedule_amount, NON_PARTICIPATING_FEE_PCT)


def limiting_charge(allowed: Decimal) -> Decimal:
    """115 % of the non-participating allowed amount, rounded half up to the cent: ``95.00`` -> ``109.25``."""
    return percent_of(allowed, LIMITING_CHARGE_PCT)


def excess_charge(allowed: Decimal, billed: Decimal | None) -> Decimal:
    """What a non-participating clinic bills above Medicare's allowed amount, at most up to the limiting charge."""
    most = limiting_charge(allowed)
    charged = most if billed is None else min(billed, most)
    return max(charged - allowed, ZERO)


def balance_bill(allowed: Decimal, billed: Decimal | None) -> Decimal:
    """Out of network: the billed charge above the allowed amount (nothing without a billed charge)."""
    return ZERO if billed is None else max(billed - allowed, ZERO)


def medicaid_refuses(plan: Plan, care: CarePlan) -> bool:
    """True when ``plan`` is Medicaid and the clinic does not accept Medicaid: Medicaid pays nothing."""
    return plan.payer_type is PayerType.MEDICAID and not care.accepts_medicaid


def medicaid_forbids_balance_bill(plan: Plan, care: CarePlan) -> bool:
    """True when ``plan`` is Medicaid and the clinic accepts it: the clinic may not balance bill."""
    return plan.payer_type is PayerType.MEDICAID and care.accepts_medicaid
