"""Medigap Plan G, Medicare's limiting charge and Medicaid's ban on balance bills, worked by hand (issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage import NoticeKind, estimate, medicaid_secondary, medigap_plan_g
from coverage.engine.care import CarePlan
from tests.builders import care, course, money, plan, so_far

MEDICARE_2025 = plan(payer_type="medicare", deductible="257.00", pt_coinsurance_pct="20", ot_coinsurance_pct="20")


def non_participating(plan_of_care: CarePlan) -> CarePlan:
    """The same plan of care at a clinic that does not participate with Medicare."""
    return CarePlan.model_validate(plan_of_care.model_dump() | {"medicare_participation": "non_participating"})


def test_plan_g_leaves_the_patient_the_medicare_plans_own_deductible() -> None:
    """A Medicare plan with the 2025 deductible of 257: the patient pays 257, Plan G each 20 % after it."""
    pt = care(pt=course(2, 3, "84.75"))

    result = estimate(MEDICARE_2025, pt, secondary=medigap_plan_g(MEDICARE_2025))

    # visits 1-3: 254.25 to the deductible; visit 4: 2.75 to it + 20 % of 82.00 = 16.40, paid by Plan G;
    # visits 5-6: 20 % of 84.75 = 16.95 each, paid by Plan G
    assert [v.patient_pays for v in result.visits] == money("84.75", "84.75", "84.75", "2.75", "0.00", "0.00")
    assert [v.secondary_pays for v in result.visits] == money("0.00", "0.00", "0.00", "16.40", "16.95", "16.95")
    assert result.patient_total == D("257.00")
    said = next(n for n in result.notices if n.kind is NoticeKind.MEDIGAP_DEDUCTIBLE)
    assert "$257.00, your Medicare plan's deductible for the plan year from 1 Jan 2026" in said.message


def test_plan_g_follows_a_medicare_plan_year_that_starts_on_1_july() -> None:
    """257 met in the plan year from 1 July 2025: Plan G pays in June, and both start again on 1 July 2026."""
    july = MEDICARE_2025.model_copy(update={"plan_year_start": "07-01"})
    met = so_far(deductible_met="257.00")

    result = estimate(july, care(date(2026, 6, 22), pt=course(1, 3, "84.75")), met, secondary=medigap_plan_g(july, met))

    # 22 and 29 June: deductible met, Plan G pays the 16.95; 6 July: a new plan year, 84.75 to the deductible
    assert [v.patient_pays for v in result.visits] == money("0.00", "0.00", "84.75")
    assert [v.secondary_pays for v in result.visits] == money("16.95", "16.95", "0.00")
    assert any(n.kind is NoticeKind.SECONDARY_PLAN_YEAR_RESET for n in result.notices)


def test_a_non_participating_clinic_billing_150_percent_is_capped_at_the_limiting_charge() -> None:
    """Fee 100, billed 150: Medicare allows 95, the limiting charge is 109.25, the excess 14.25."""
    met = so_far(deductible_met="257.00")
    pt = non_participating(care(pt=course(1, 2, "100.00", billed_rate=D("150.00"))))

    result = estimate(MEDICARE_2025, pt, met)

    # allowed 95 % of 100 = 95.00; 20 % of 95 = 19.00; Medicare 76.00; excess 109.25 - 95.00 = 14.25
    first = result.visits[0]
    assert [first.allowed, first.plan_pays, first.balance_bill, first.patient_pays] == money(
        "95.00", "76.00", "14.25", "33.25"
    )
    kinds = [n.kind for n in result.notices]
    assert kinds.count(NoticeKind.MEDICARE_NON_PARTICIPATING) == kinds.count(NoticeKind.LIMITING_CHARGE_CAPPED) == 1
    capped = next(n for n in result.notices if n.kind is NoticeKind.LIMITING_CHARGE_CAPPED)
    assert "$150.00 is more than Medicare's limiting charge of $109.25" in capped.message


@pytest.mark.parametrize(
    ("billed", "excess"),
    [
        # 95 % of 84.75 = 80.5125 -> 80.51; 115 % of 80.51 = 92.5865 -> 92.59; no billed charge: the limiting charge
        (None, "12.08"),
        # a billed charge under the limiting charge is what the clinic bills: 90.00 - 80.51
        (D("90.00"), "9.49"),
    ],
)
def test_the_non_participating_amounts_are_rounded_half_up_to_the_cent(billed: D | None, excess: str) -> None:
    """The 95 % and the 115 % are each rounded half up; without a billed charge the clinic bills the limiting charge."""
    pt = non_participating(care(pt=course(1, 1, "84.75", billed_rate=billed)))

    visit = estimate(MEDICARE_2025, pt, so_far(deductible_met="257.00")).visits[0]

    assert [visit.allowed, visit.balance_bill] == money("80.51", excess)


def test_plan_g_pays_the_excess_charge_from_the_first_visit() -> None:
    """Deductible unmet: the patient pays the 95 to the deductible; Plan G pays the 14.25 excess charge already."""
    pt = non_participating(care(pt=course(1, 1, "100.00", billed_rate=D("150.00"))))

    visit = estimate(MEDICARE_2025, pt, secondary=medigap_plan_g(MEDICARE_2025)).visits[0]

    assert [visit.patient_pays, visit.secondary_pays, visit.balance_bill] == money("95.00", "14.25", "14.25")


def test_a_medicare_advantage_plan_keeps_its_own_terms_at_a_non_participating_clinic() -> None:
    """Medicare Advantage is not Original Medicare: the visit rate is allowed in full and there is no excess."""
    advantage = plan(payer_type="medicare_advantage", deductible="257.00", pt_coinsurance_pct="20")
    pt = non_participating(care(pt=course(1, 1, "100.00", billed_rate=D("150.00"))))

    visit = estimate(advantage, pt, so_far(deductible_met="257.00")).visits[0]

    assert [visit.allowed, visit.balance_bill, visit.patient_pays] == money("100.00", "0.00", "20.00")


OUT_OF_NETWORK_PPO = plan(oon_covered=True, oon_deductible="0.00", oon_pt_coinsurance_pct="40")
BILLED_2000 = care(pt=course(1, 1, "1000.00", billed_rate=D("2000.00"))).model_copy(update={"in_network": False})


@pytest.mark.parametrize(
    ("accepts", "secondary_pays", "balance_bill", "patient_pays"),
    [
        # plan 40 %: pays 600, leaves 400; Medicaid pays the 400 and the clinic may not balance bill the 1,000
        (True, "400.00", "0.00", "0.00"),
        # a clinic that does not accept Medicaid: Medicaid pays nothing; 400 + the 1,000 balance bill
        (False, "0.00", "1000.00", "1400.00"),
    ],
)
def test_a_medicaid_secondary_with_a_balance_bill(
    accepts: bool, secondary_pays: str, balance_bill: str, patient_pays: str
) -> None:
    """Billed 2,000, allowed 1,000, out of network at 40 %, Medicaid second."""
    result = estimate(
        OUT_OF_NETWORK_PPO,
        CarePlan.model_validate(BILLED_2000.model_dump() | {"accepts_medicaid": accepts}),
        secondary=medicaid_secondary(),
    )

    visit = result.visits[0]
    assert [visit.plan_pays, visit.secondary_pays, visit.balance_bill, visit.patient_pays] == money(
        "600.00", secondary_pays, balance_bill, patient_pays
    )
    refused = [n for n in result.notices if n.kind is NoticeKind.MEDICAID_NOT_ACCEPTED]
    assert len(refused) == (0 if accepts else 1)


def test_a_medicaid_plan_at_a_clinic_that_accepts_it_never_balance_bills() -> None:
    """Medicaid out of network at a clinic that accepts it: the patient owes the cost sharing only (40 % of 1,000)."""
    medicaid = plan(payer_type="medicaid", oon_covered=True, oon_pt_coinsurance_pct="40")

    visit = estimate(medicaid, BILLED_2000).visits[0]

    assert [visit.balance_bill, visit.patient_pays] == money("0.00", "400.00")


def test_a_medicaid_plan_at_a_clinic_that_does_not_accept_it_pays_nothing_and_says_so_first() -> None:
    """Not accepted: every visit at the self-pay rate, and the first notice says why."""
    medicaid = plan(payer_type="medicaid", pt_copay="3.00")
    pt = CarePlan.model_validate(care(pt=course(1, 2, "100.00")).model_dump() | {"accepts_medicaid": False})

    result = estimate(medicaid, pt)

    assert [(v.covered, v.patient_pays) for v in result.visits] == [(False, D("100.00"))] * 2
    assert result.visits[0].not_covered_reason == "the clinic does not accept Medicaid"
    assert result.notices[0].kind is NoticeKind.MEDICAID_NOT_ACCEPTED


def test_plan_g_after_a_medicare_plan_that_waives_the_deductible_for_therapy_has_none_to_meet() -> None:
    """Found by the property test: a deductible met so far never exceeds Plan G's own (zero when waived)."""
    waived = plan(payer_type="medicare", deductible="0.01", deductible_applies=False)

    plan_g = medigap_plan_g(waived, so_far(deductible_met="0.01"))

    assert (plan_g.plan.deductible, plan_g.accumulators.deductible_met) == (D("0.00"), D("0.00"))
