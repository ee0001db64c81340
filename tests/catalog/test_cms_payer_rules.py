"""The CMS importer's family figures, and its reading of real rows that point elsewhere or count days (issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coverage import Accumulators, CarePlan, Course, Plan, estimate, load_plans
from coverage.catalog.cms_import import ImportReport, PufValueError, import_cms
from coverage.catalog.cms_import.family_figures import FAMILY_COLUMNS, family_amount
from tests.cms_fixtures import PLAN_ATTRIBUTE_COLUMNS, PLAN_ATTRIBUTE_VALUES, THERAPY_ROWS, read_rows, write_rows
from tests.conftest import SHARED_DATA

needs_shared_data = pytest.mark.skipif(not SHARED_DATA.exists(), reason=f"the shared CMS data is not at {SHARED_DATA}")
BOTH = "Rehabilitative Occupational and Rehabilitative Physical Therapy"
#: The real 2015-2016 plans whose OT/PT row says Not Covered, "Covered under Outpatient Rehabilitation Services".
COVERED_ELSEWHERE = ("27357FL1820010-02", "27357FL1850040-01", "27357FL1860036-01", "27357FL1820028-02")
#: The real 2015 plans whose limit is in visits while the explanation says "Benefit of 30 days per year".
DAYS_NOT_VISITS = ("19068PA0200001-02", "19068PA0200039-00")


def _attributes(plan_id: str, year: str, **cells: str) -> dict[str, str]:
    """A Plan Attributes row with a $5,750 deductible and a $6,850 maximum (self-only), and ``cells``."""
    return {
        "BusinessYear": year,
        "PlanId": plan_id,
        "PlanMarketingName": f"Test plan {plan_id}",
        "MedicalDrugDeductiblesIntegrated": "Yes",
        "MedicalDrugMaximumOutofPocketIntegrated": "Yes",
        "TEHBDedInnTier1Individual": "$5,750 ",
        "MEHBDedInnTier1Individual": "Not Applicable",
        "TEHBInnTier1IndividualMOOP": "$6,850 ",
        "MEHBInnTier1IndividualMOOP": "Not Applicable",
        **cells,
    }


def _import(
    tmp_path: Path, benefits: list[dict[str, str]], attributes: list[dict[str, str]]
) -> tuple[dict[str, Plan], ImportReport]:
    columns = list(read_rows(THERAPY_ROWS)[0]) if SHARED_DATA.exists() else list(benefits[0])
    write_rows(tmp_path / "benefits.csv", columns, benefits)
    write_rows(tmp_path / "attributes.csv", (*PLAN_ATTRIBUTE_COLUMNS, *FAMILY_COLUMNS), attributes)
    report = import_cms(tmp_path / "benefits.csv", tmp_path / "attributes.csv", tmp_path / "catalog.csv")
    return {plan.plan_id: plan for plan in load_plans(tmp_path / "catalog.csv")}, report


def _benefit(plan_id: str, year: str = "2016", **cells: str) -> dict[str, str]:
    row = {"BusinessYear": year, "PlanId": plan_id, "BenefitName": BOTH, "IsCovered": "Covered"}
    return row | {"CopayInnTier1": "$30", "CoinsInnTier1": "0%", "IsExclFromInnMOOP": "No"} | cells


FAMILY_2016 = {
    "TEHBDedInnTier1FamilyPerPerson": "$5750 per person",
    "TEHBDedInnTier1FamilyPerGroup": "$11500 per group",
    "TEHBInnTier1FamilyPerPersonMOOP": "$6850 per person",
    "TEHBInnTier1FamilyPerGroupMOOP": "$13700 per group",
}


@needs_shared_data
@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        # per person = the self-only 5,750: an embedded family deductible of 11,500; family maximum 13,700
        ({}, (Decimal("11500.00"), Decimal("13700.00"), True)),
        # no deductible per person: only the family's counts (aggregate)
        (
            {"TEHBDedInnTier1FamilyPerPerson": "per person not applicable"},
            (Decimal("11500.00"), Decimal("13700.00"), False),
        ),
        # no family figures at all
        (dict.fromkeys(FAMILY_2016, ""), (None, None, True)),
    ],
)
def test_the_family_figures_are_read_from_the_per_group_and_per_person_columns(
    tmp_path: Path, cells: dict[str, str], expected: tuple[object, ...]
) -> None:
    """FamilyPerGroup gives the family figures, FamilyPerPerson whether the deductible is embedded."""
    plans, report = _import(tmp_path, [_benefit("1-01")], [_attributes("1-01", "2016", **(FAMILY_2016 | cells))])

    plan = plans["1-01"]
    assert (plan.family_deductible, plan.family_oop_max, plan.family_deductible_embedded) == expected
    assert report.family_left_blank == ()


@needs_shared_data
def test_a_per_person_deductible_plans_csv_cannot_hold_leaves_the_plan_self_only_and_says_why(tmp_path: Path) -> None:
    """$3000 per person against a $5,750 self-only deductible: written without family figures, reported."""
    cells = FAMILY_2016 | {"TEHBDedInnTier1FamilyPerPerson": "$3000 per person"}

    plans, report = _import(tmp_path, [_benefit("1-01")], [_attributes("1-01", "2016", **cells)])

    assert (plans["1-01"].family_deductible, plans["1-01"].deductible) == (None, Decimal("5750.00"))
    (problem,) = report.family_left_blank
    assert "per person in a family ($3000 per person) is not the self-only 5750.00" in problem.message


@needs_shared_data
def test_an_imported_family_plan_costs_what_the_family_rule_says(tmp_path: Path) -> None:
    """Family 11,500 with 11,450 met (embedded): 50 of the family's left, then the $30 copay after it."""
    plans, _ = _import(
        tmp_path,
        [_benefit("1-01", CopayInnTier1="$30 Copay after deductible")],
        [_attributes("1-01", "2016", **FAMILY_2016)],
    )
    care = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=1, weeks=2, visit_rate="100.00"))

    result = estimate(plans["1-01"], care, Accumulators(family_deductible_met="11450.00"))

    # visit 1: 50 to the family's deductible, then the 30 copay = 80; visit 2: the copay 30
    assert [v.patient_pays for v in result.visits] == [Decimal("80.00"), Decimal("30.00")]


@needs_shared_data
def test_every_real_family_value_is_read_or_refused_with_a_reason() -> None:
    """All distinct FamilyPerPerson / FamilyPerGroup strings of 2014-2016 read exactly ('$5750 per person')."""
    read = 0

    for row in read_rows(PLAN_ATTRIBUTE_VALUES):
        if row["column"] not in FAMILY_COLUMNS:
            continue
        amount = family_amount(row["distinct_value"])  # a refusal would raise PufValueError
        read += 1
        if amount is not None:
            digits = row["distinct_value"].split(" per ")[0].replace("$", "").replace(",", "").strip()
            assert amount == Decimal(digits)

    assert read > 300
    with pytest.raises(PufValueError):
        family_amount("about $5000 per person")


def _real_rows(plan_ids: tuple[str, ...]) -> list[dict[str, str]]:
    return [row for row in read_rows(THERAPY_ROWS) if row["PlanId"] in plan_ids and row["BenefitName"] == BOTH]


@needs_shared_data
def test_real_rows_not_covered_but_covered_under_another_benefit_are_refused_with_that_reason(tmp_path: Path) -> None:
    """The four real plans whose OT/PT row points at Outpatient Rehabilitation Services, absent here: refused."""
    rows = _real_rows(COVERED_ELSEWHERE)

    plans, report = _import(tmp_path, rows, [_attributes(r["PlanId"], r["BusinessYear"]) for r in rows])

    assert len(rows) == 4
    assert plans == {}  # never written as "no visits covered"
    reasons = {p.plan_id: p.message for p in report.problems}
    assert set(reasons) == set(COVERED_ELSEWHERE)
    for message in reasons.values():
        assert "says Not Covered but its explanation says 'Covered under Outpatient Rehabilitation Services'" in message
        assert "the file has no Outpatient Rehabilitation Services row for this plan" in message


@needs_shared_data
def test_a_row_covered_under_outpatient_rehabilitation_is_read_from_that_row(tmp_path: Path) -> None:
    """The real 27357FL1820010-02 row with an Outpatient Rehabilitation Services row beside it: its terms are used."""
    (real,) = _real_rows(COVERED_ELSEWHERE[:1])
    services = real | {
        "BenefitName": "Outpatient Rehabilitation Services",
        "IsCovered": "Covered",
        "CopayInnTier1": "$35",
        "CoinsInnTier1": "0%",
        "QuantLimitOnSvc": "Yes",
        "LimitQty": "35.0",
        "LimitUnit": "Visit(s) per Year",
        "Explanation": "Includes Physical Therapy, Speech Therapy and Occupational Therapy combined.",
        "IsSubjToDedTier1": "No",
    }

    plans, report = _import(tmp_path, [real, services], [_attributes(real["PlanId"], real["BusinessYear"])])

    plan = plans[real["PlanId"]]
    assert (plan.pt_copay, plan.ot_copay, plan.combined_visit_limit) == (Decimal(35), Decimal(35), 35)
    assert (plan.ot_visit_limit, plan.pt_visit_limit) == (None, None)
    assert report.problems == ()


@needs_shared_data
def test_a_real_limit_in_visits_whose_explanation_counts_days_is_refused_as_ambiguous(tmp_path: Path) -> None:
    """'Benefit of 30 days per year is combined ...' under LimitUnit Visit(s) per Year: refused, not 30 visits."""
    rows = _real_rows(DAYS_NOT_VISITS)

    plans, report = _import(tmp_path, rows, [_attributes(r["PlanId"], r["BusinessYear"]) for r in rows])

    assert len(rows) == 2
    assert plans == {}
    assert {p.plan_id for p in report.problems} == set(DAYS_NOT_VISITS)
    for problem in report.problems:
        assert problem.column == "Explanation"
        assert "counts the limit in days ('30 days per'), not visits" in problem.message
