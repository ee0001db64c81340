"""Visits priced from their codes: Medicare's fee schedule at a locality, the MPPR across PT and OT, the clinic's own.

Figures at Alabama, locality 10112-00 (work GPCI 1, PE GPCI 0.869, MP GPCI 0.575), conversion factor
32.3465, RVUs from the shipped RVU25D file (work / non-facility PE / MP):
97110 0.45/0.43/0.01, 97140 0.43/0.40/0.01, 97530 0.44/0.62/0.01, 97535 0.45/0.53/0.01. Per unit, rounded
half up (full; with the PE part halved by the MPPR):

- 97110: (0.45 + 0.43 x 0.869 + 0.01 x 0.575) x 32.3465 = 0.82942 x 32.3465 = 26.83; reduced 0.642585 x 32.3465 = 20.79
- 97140: 0.78335 x 32.3465 = 25.34; reduced 0.60955 x 32.3465 = 19.72
- 97530: 0.98453 x 32.3465 = 31.85; reduced 0.71514 x 32.3465 = 23.13
- 97535: 0.91632 x 32.3465 = 29.64; reduced 0.686035 x 32.3465 = 22.19
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage.engine.care import CarePlan, CoTreatment, Course, MedicareParticipation
from coverage.engine.course_estimate import estimate
from coverage.engine.plan_ranking import compare_plans
from coverage.engine.plans import PayerType, Plan
from coverage.engine.secondary import CoordinationMethod, Secondary
from coverage.engine.visit_pricing import PricingNeededError
from coverage.fees.clinic_schedule import parse_fee_schedules_csv
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import FeeScheduleError

MONDAY = date(2026, 3, 2)
ALABAMA = "10112-00"
CLINIC = parse_fee_schedules_csv(
    "schedule_id,code,modifier,rate,notes\nacme,97110,,40.00,\nacme,97140,,35.00,\nacme,97110,CQ,30.00,\n"
)
FEES = FeeSources(load_medicare_fee_schedule(), CLINIC, locality=ALABAMA)
PT = "97110x2,97140"
OT = "97530x2,97535"


def _plan(fee_schedule: str = "medicare", **rules: object) -> Plan:
    """A plan that pays everything (no deductible, no coinsurance), so the patient's share is easy to read."""
    fields: dict[str, object] = {"payer_type": PayerType.COMMERCIAL, **rules}
    return Plan(plan_id="p", plan_name="P", fee_schedule=fee_schedule, **fields)  # type: ignore[arg-type]


def _one_day(pt: str | None = PT, ot: str | None = None, **care: object) -> CarePlan:
    """One visit a week for one week of each therapy given: every visit on Monday 2 March 2026."""
    return CarePlan(
        start_date=MONDAY,
        pt=Course(visits_per_week=1, weeks=1, services=pt) if pt else None,
        ot=Course(visits_per_week=1, weeks=1, services=ot) if ot else None,
        **care,
    )


def _allowed(result_care: CarePlan, plan: Plan | None = None) -> dict[str, D]:
    result = estimate(plan or _plan(), result_care, fees=FEES)
    return {visit.discipline: visit.allowed for visit in result.visits}


def test_a_pt_visit_alone_pays_its_highest_practice_expense_unit_in_full() -> None:
    """97110x2 + 97140: one 97110 unit in full, the rest reduced: 26.83 + 20.79 + 19.72 = 67.34."""
    assert _allowed(_one_day()) == {"PT": D("67.34")}


def test_pt_and_ot_on_one_day_share_one_multiple_procedure_reduction() -> None:
    """97530 has the day's highest PE (0.62): OT 31.85 + 23.13 + 22.19 = 77.17, PT all reduced 41.58 + 19.72 = 61.30."""
    result = estimate(_plan(), _one_day(PT, OT), fees=FEES)
    assert {v.discipline: v.allowed for v in result.visits} == {"OT": D("77.17"), "PT": D("61.30")}
    pt = next(v for v in result.visits if v.discipline == "PT")
    assert [(line.code, line.units, line.amount, line.mppr_reduced) for line in pt.lines] == [
        ("97110", 2, D("41.58"), True),
        ("97140", 1, D("19.72"), True),
    ]
    assert "10112-00" in (result.prices.source if result.prices else "")


def test_a_percentage_of_medicare_is_taken_on_each_line() -> None:
    """medicare:110: 26.83 x 1.1 = 29.513 -> 29.51; 20.79 x 1.1 = 22.869 -> 22.87; 19.72 x 1.1 = 21.692 -> 21.69."""
    assert _allowed(_one_day(), _plan("medicare:110")) == {"PT": D("74.07")}  # 29.51 + 22.87 + 21.69


def test_an_assistants_visit_is_paid_85_percent_per_line() -> None:
    """CQ: 26.83 x 0.85 = 22.8055 -> 22.81; 20.79 x 0.85 = 17.6715 -> 17.67; 19.72 x 0.85 = 16.762 -> 16.76."""
    assert _allowed(_one_day("97110-CQx2,97140-CQ")) == {"PT": D("57.24")}  # 22.81 + 17.67 + 16.76


def test_a_non_participating_clinic_is_paid_95_percent_per_line_under_original_medicare() -> None:
    """26.83 x 0.95 = 25.4885 -> 25.49; 20.79 x 0.95 = 19.7505 -> 19.75; 19.72 x 0.95 = 18.734 -> 18.73: 63.97."""
    medicare = _plan(payer_type=PayerType.MEDICARE)
    care = _one_day(medicare_participation=MedicareParticipation.NON_PARTICIPATING)
    assert _allowed(care, medicare) == {"PT": D("63.97")}


def test_minutes_per_code_become_units_by_the_eight_minute_rule() -> None:
    """CMS's example: 33 minutes of 97110 and 7 of 97140 are 40 minutes, 3 units: 97110 x2 and 97140 x1 (67.34)."""
    care = CarePlan(start_date=MONDAY, pt=Course(visits_per_week=1, weeks=1, minutes={"97110": 33, "97140": 7}))
    assert _allowed(care) == {"PT": D("67.34")}


def test_minutes_under_the_ama_rule_count_each_code_on_its_own() -> None:
    """AMA: 33 minutes of 97110 is 2 units, 7 of 97140 none: 26.83 + 20.79 = 47.62."""
    care = CarePlan(start_date=MONDAY, pt=Course(visits_per_week=1, weeks=1, minutes={"97110": 33, "97140": 7}))
    assert _allowed(care, _plan(unit_rule="ama")) == {"PT": D("47.62")}


def test_a_joint_session_bills_each_therapy_only_its_share_of_the_minutes() -> None:
    """60 minutes split 30/30: PT 15 + 15 minutes, 2 units (97110, 97140), OT 2 units (97530, 97535), never 4 each.

    97530 has the day's highest PE: OT 31.85 + 22.19 = 54.04; PT all reduced: 20.79 + 19.72 = 40.51.
    """
    care = _one_day(PT, OT, co_treatment=CoTreatment(minutes=60, pt_minutes=30))
    result = estimate(_plan(), care, fees=FEES)
    by = {v.discipline: v for v in result.visits}
    assert (by["PT"].allowed, by["OT"].allowed) == (D("40.51"), D("54.04"))
    assert sum(line.units for line in by["PT"].lines) == sum(line.units for line in by["OT"].lines) == 2


def test_a_typed_visit_rate_wins_over_the_codes() -> None:
    """A course with a typed rate and codes is costed at the rate, with no lines."""
    care = CarePlan(start_date=MONDAY, pt=Course(visits_per_week=1, weeks=1, visit_rate="80.00", services=PT))
    result = estimate(_plan(), care, fees=FEES)
    assert (result.visits[0].allowed, result.visits[0].lines, result.prices) == (D("80.00"), (), None)


def test_codes_costed_without_fee_schedules_are_refused_with_a_sentence() -> None:
    """No fees given for a course billed as codes: a PricingNeededError, never a zero."""
    with pytest.raises(PricingNeededError, match="give the fee schedules"):
        estimate(_plan(), _one_day())


def test_the_clinics_own_schedule_pays_its_rates_and_names_a_missing_code() -> None:
    """acme: 97110 x2 at 40.00 + 97140 at 35.00 = 115.00 (no MPPR); 97530 is not in it: refused, named."""
    assert _allowed(_one_day(), _plan("acme")) == {"PT": D("115.00")}
    with pytest.raises(FeeScheduleError, match=r"'acme' has no rate for 97530"):
        estimate(_plan("acme"), _one_day(pt=None, ot=OT), fees=FEES)


def test_a_plan_with_no_fee_schedule_prices_codes_at_medicare_as_a_stand_in_and_says_so() -> None:
    """A blank fee_schedule with no typed rate: Medicare's amounts (67.34), and the source says it is a stand-in."""
    result = estimate(_plan(""), _one_day(), fees=FEES)
    assert result.visits[0].allowed == D("67.34")
    assert result.prices is not None
    assert "stand-in" in result.prices.source


def test_with_no_locality_the_national_amounts_are_used_and_flagged() -> None:
    """No locality: every GPCI 1: 97110 (0.45 + 0.43 + 0.01) x 32.3465 = 28.79 in full, 97110 reduced 0.675 -> 21.83."""
    national = FeeSources(load_medicare_fee_schedule())
    result = estimate(_plan(), _one_day(), fees=national)
    assert result.prices is not None
    assert result.prices.national
    # 97110 full 28.79 + 97110 reduced (0.45 + 0.215 + 0.01) x 32.3465 = 21.83 + 97140 reduced 0.64 x 32.3465 = 20.70
    assert result.visits[0].allowed == D("71.32")


def test_compare_plans_names_the_plan_whose_codes_cannot_be_priced() -> None:
    """The acme plan lacks 97530: its row has no total and says why; the Medicare plan is costed and ranked."""
    plans = [_plan("acme").model_copy(update={"plan_id": "acme"}), _plan().model_copy(update={"plan_id": "med"})]
    frame = compare_plans(plans, _one_day(pt=None, ot=OT), fees=FEES).set_index("plan_id")
    assert frame.loc["med", "patient_total"] == D("0.00")
    assert frame.loc["acme", "patient_total"] is None
    assert "97530" in frame.loc["acme", "pricing_problem"]


def test_a_priced_visit_the_primary_refuses_costs_its_priced_amount_with_a_second_insurance_too() -> None:
    """A shared limit of 0 refuses the one PT visit (97110x2, 97140: 67.34); with a secondary the patient pays 67.34."""
    primary = _plan(combined_visit_limit=0)
    second = Secondary(plan=_plan(), method=CoordinationMethod.TRADITIONAL)

    (visit,) = estimate(primary, _one_day(), secondary=second, fees=FEES).visits

    assert (visit.covered, visit.patient_pays, visit.secondary_pays) == (False, D("67.34"), 0)
