"""The Good Faith Estimate for self-pay patients (issue 6; 45 CFR 149.610 and 149.620)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import (
    CarePlan,
    DiagnosisCodeError,
    Plan,
    as_self_pay,
    estimate,
    format_money,
    good_faith_applies,
    good_faith_estimate,
    good_faith_pdf,
    parse_diagnosis_codes,
)
from coverage.engine.notices import format_day
from coverage.engine.service_codes import split_charge, visit_codes
from coverage.printouts.good_faith_printout import (
    ADDITIONAL_SERVICES,
    DISPUTE,
    KEEP_A_COPY,
    NOT_A_CONTRACT,
    ONLY_AN_ESTIMATE,
    SEPARATE_ESTIMATES,
)
from tests.printout_scenarios import (
    CLINIC,
    ISSUED,
    SCENARIOS,
    medicare_estimate,
    pdf_text,
    pooled_estimate,
    self_pay_estimate,
    self_pay_total,
    squash,
)
from tests.strategies import care_plans, money, plans


@pytest.fixture(scope="module")
def gfe_text() -> str:
    """The text of a complete Good Faith Estimate for the self-pay example."""
    pdf = good_faith_pdf(
        self_pay_estimate(),
        issued=ISSUED,
        clinic=CLINIC,
        patient_name="Zoë Ångström",
        date_of_birth=date(1958, 11, 30),
        diagnosis_codes=("M54.50", "S83.511A"),
        separately_scheduled=("Re-evaluation if your therapist needs one", "  ", "Orthotic fitting"),
    )
    return pdf_text(pdf)


def test_the_good_faith_estimate_names_the_patient_and_date_of_birth(gfe_text: str) -> None:
    """Element (i): the patient's name and date of birth."""
    assert "Patient name Zoë Ångström" in gfe_text
    assert "Date of birth 30 Nov 1958" in gfe_text


def test_the_good_faith_estimate_describes_the_primary_service_and_its_expected_date(gfe_text: str) -> None:
    """Element (ii): the primary service in plain words and when it is expected."""
    result = self_pay_estimate()

    first, last = result.visits[0].date, result.visits[-1].date

    assert "Outpatient physical therapy (PT): an evaluation and treatment visits, 2 a week for 6 weeks (12 visits)" in (
        gfe_text
    )
    assert f"Expected date first visit {format_day(first)}; last visit {format_day(last)}" in gfe_text


def test_the_good_faith_estimate_itemises_each_service_code_with_its_expected_charge(gfe_text: str) -> None:
    """Elements (iii), (iv): each code with units, visits, charge per visit and expected charge, and the total."""
    gfe = good_faith_estimate(self_pay_estimate(), clinic=CLINIC, issued=ISSUED)

    codes = [item.code for item in gfe.items]

    assert codes == ["97162", "97110", "97140"]  # the PT evaluation, then 97110 x2 and 97140 on each visit
    for item in gfe.items:
        row = f"{item.code} {item.units_per_visit} {item.visits} "
        assert row in gfe_text
        assert f"{format_money(item.charge_per_visit)} {format_money(item.expected_charge)}" in gfe_text
    assert f"Total expected charges {gfe.visits} {format_money(self_pay_total(self_pay_estimate()))}" in gfe_text


def test_the_good_faith_estimate_lists_the_diagnosis_codes(gfe_text: str) -> None:
    """Element (iv): the diagnosis codes, when known."""
    assert "Diagnosis codes (ICD-10) M54.50, S83.511A" in gfe_text


def test_the_good_faith_estimate_names_the_provider_npi_tin_and_location(gfe_text: str) -> None:
    """Element (v): provider name, NPI, TIN and where the services are furnished."""
    assert "Provider name Lakeside Rehab" in gfe_text
    assert "National Provider Identifier (NPI) 1234567893" in gfe_text
    assert "Taxpayer Identification Number (TIN) 98-7654321" in gfe_text
    assert "Where the services are provided Suite 4, 12 Shore Road, Duluth, MN 55802" in gfe_text


def test_the_separately_scheduled_services_follow_their_disclaimer(gfe_text: str) -> None:
    """Element (vi): the disclaimer, then the separately scheduled services (blank lines dropped)."""
    disclaimer = squash(SEPARATE_ESTIMATES)

    after = gfe_text[gfe_text.index(disclaimer) + len(disclaimer) :]

    assert after.startswith(" • Re-evaluation if your therapist needs one • Orthotic fitting")


@pytest.mark.parametrize(
    "statement",
    [
        ADDITIONAL_SERVICES,  # (vii) other services may be recommended and are not included
        ONLY_AN_ESTIMATE,  # (viii) only an estimate; actual charges may differ
        DISPUTE,  # (ix) the right to dispute a bill $400 or more above it, where to learn how
        NOT_A_CONTRACT,  # (x) not a contract; no obligation to obtain the services
        KEEP_A_COPY,
    ],
)
def test_the_good_faith_estimate_carries_every_required_statement(gfe_text: str, statement: str) -> None:
    """Elements (vii) to (x): each required disclaimer is printed whole."""
    assert squash(statement) in gfe_text


def test_the_required_statements_say_what_the_rule_requires() -> None:
    """The statements name the $400 threshold, the dispute process, 'only an estimate' and 'not a contract'."""
    assert "at least $400 more" in DISPUTE
    assert "patient-provider dispute resolution process" in DISPUTE
    assert "will not adversely affect the quality" in DISPUTE
    assert "only an estimate" in ONLY_AN_ESTIMATE
    assert "not a contract" in NOT_A_CONTRACT
    assert "does not require you to obtain the items or services" in NOT_A_CONTRACT


def test_the_good_faith_estimate_shows_its_date_of_issue(gfe_text: str) -> None:
    """Its date of issue is printed at the top and at the end."""
    assert gfe_text.startswith("Date of issue: 2 Jan 2026")
    assert gfe_text.count("Date of issue: 2 Jan 2026") == 2


def test_a_missing_name_or_date_of_birth_leaves_a_line_to_write_in() -> None:
    """Without a typed name or date of birth, the form leaves blanks for the front desk to fill in by hand."""
    text = pdf_text(good_faith_pdf(self_pay_estimate(), issued=ISSUED, clinic=CLINIC, patient_name="  "))

    assert "Patient name ________________________ (write in)" in text
    assert "Date of birth ________________________ (write in)" in text
    assert "Diagnosis codes (ICD-10) not known yet" in text
    assert "None expected when this estimate was issued." in text


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_an_insured_estimate_gets_a_good_faith_estimate_at_self_pay_rates(scenario: str) -> None:
    """Whatever the plan, the GFE charges every visit at its self-pay rate: the plan's payments play no part."""
    result = SCENARIOS[scenario]()

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)
    text = pdf_text(good_faith_pdf(result, clinic=CLINIC, issued=ISSUED))

    assert gfe.total == self_pay_total(result)
    assert as_self_pay(result).patient_total == self_pay_total(result)
    assert f"Total expected charges {len(result.visits)} {format_money(self_pay_total(result))}" in text


def test_the_evaluation_and_visit_codes_of_both_therapies_are_itemised() -> None:
    """OT and PT evaluations (97166, 97162) and the per-visit codes (97530, 97535, 97110, 97140) are listed."""
    gfe = good_faith_estimate(medicare_estimate(), clinic=CLINIC, issued=ISSUED)

    codes = {item.code: item for item in gfe.items}

    assert list(codes) == ["97166", "97530", "97535", "97162", "97110", "97140"]
    assert codes["97166"].visits == 1
    assert codes["97530"].units_per_visit == 2
    assert codes["97110"].visits == 31  # 2 a week for 16 weeks = 32 PT visits, the first is the evaluation


def test_a_good_faith_estimate_is_due_for_self_pay_plans_or_when_the_patient_pays_themselves() -> None:
    """Self-pay plans always get one; an insured patient gets one when choosing to pay themselves."""
    assert good_faith_applies(self_pay_estimate(), paying_myself=False)
    assert not good_faith_applies(pooled_estimate(), paying_myself=False)
    assert good_faith_applies(pooled_estimate(), paying_myself=True)


def test_a_self_pay_estimate_is_its_own_self_pay_version() -> None:
    """``as_self_pay`` returns a self-pay estimate unchanged instead of costing it again."""
    result = self_pay_estimate()

    assert as_self_pay(result) is result


@settings(max_examples=100)
@given(plan=plans(), care=care_plans(max_weeks=12))
def test_the_itemised_charges_add_up_exactly_to_the_self_pay_total(plan: Plan, care: CarePlan) -> None:
    """For any plan and plan of care, the GFE's lines sum to the visits' self-pay rates, to the cent."""
    result = estimate(plan, care)

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)

    assert gfe.total == self_pay_total(result)
    assert sum(item.visits for item in gfe.items if item.code in {"97162", "97166", "97110", "97530"}) == len(
        result.visits
    )  # each visit has exactly one evaluation code or one first treatment code
    assert all(item.charge_per_visit >= 0 for item in gfe.items)


def test_a_visit_charge_splits_across_its_codes_in_proportion_to_their_national_amounts() -> None:
    """A 100.00 PT visit: 97110 x2 takes 100.00 x 57.58 / 84.75 = 67.94 (half up), 97140 the rest, 32.06."""
    shares = split_charge(Decimal("100.00"), visit_codes("PT", is_evaluation=False))

    assert [(s.code, s.units, s.charge) for s in shares] == [
        ("97110", 2, Decimal("67.94")),
        ("97140", 1, Decimal("32.06")),
    ]


@settings(max_examples=200)
@given(charge=money("10000"), discipline=st.sampled_from(["OT", "PT"]), is_evaluation=st.booleans())
def test_a_visit_charge_split_always_adds_up_to_the_cent_and_is_never_negative(
    charge: Decimal, discipline: str, is_evaluation: bool
) -> None:
    """Any charge, 0.00 to 10,000.00, splits into non-negative cents that add up to it exactly."""
    shares = split_charge(charge, visit_codes(discipline, is_evaluation=is_evaluation))  # type: ignore[arg-type]

    assert sum(s.charge for s in shares) == charge
    assert all(s.charge >= 0 and s.charge == s.charge.quantize(Decimal("0.01")) for s in shares)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("", ()),
        ("m54.50", ("M54.50",)),
        ("M54.50, S83.511A; R26.89", ("M54.50", "S83.511A", "R26.89")),
        ("  G81.91   I69.351 ", ("G81.91", "I69.351")),
        ("u07.1", ("U07.1",)),
    ],
)
def test_diagnosis_codes_are_read_from_what_staff_type(text: str, codes: tuple[str, ...]) -> None:
    """Codes separated by commas, semicolons or spaces are read, upper-cased."""
    assert parse_diagnosis_codes(text) == codes


@pytest.mark.parametrize("text", ["97110", "M5", "hello", "M54.50001"])
def test_text_that_is_not_a_diagnosis_code_is_refused_by_name(text: str) -> None:
    """A CPT code, a fragment or a word is refused, and the message names it."""
    with pytest.raises(DiagnosisCodeError, match=text.upper().replace(".", r"\.")):
        parse_diagnosis_codes(text)
