"""How one plan's OT and PT rows become a catalog row, on small benefits files written for each rule."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from coverage import Plan, load_plans
from coverage.catalog.cms_import import import_cms
from tests.cms_fixtures import PLAN_ATTRIBUTE_COLUMNS, write_rows

BENEFIT_COLUMNS = (
    "BusinessYear",
    "PlanId",
    "BenefitName",
    "IsCovered",
    "CopayInnTier1",
    "CoinsInnTier1",
    "QuantLimitOnSvc",
    "LimitQty",
    "LimitUnit",
    "Explanation",
    "IsExclFromInnMOOP",
)
BOTH = "Rehabilitative Occupational and Rehabilitative Physical Therapy"
OT = "Rehabilitative Occupational Therapy"
PT = "Rehabilitative Physical Therapy"


def _row(plan_id: str, benefit: str, **cells: str) -> dict[str, str]:
    base = {"BusinessYear": "2026", "PlanId": plan_id, "BenefitName": benefit, "IsCovered": "Covered"}
    base |= {"CopayInnTier1": "$30.00", "CoinsInnTier1": "0.00%", "IsExclFromInnMOOP": "No"}
    return base | cells


def _import(tmp_path: Path, rows: list[dict[str, str]]) -> tuple[dict[str, Plan], dict[str, str]]:
    """Import ``rows`` with a $1,000 deductible and $5,000 maximum for every plan: (plans, problems by plan)."""
    benefits, attributes, out = tmp_path / "benefits.csv", tmp_path / "attributes.csv", tmp_path / "catalog.csv"
    write_rows(benefits, BENEFIT_COLUMNS, rows)
    figures = {
        "BusinessYear": "2026",
        "PlanMarketingName": "Test plan",
        "TEHBDedInnTier1Individual": "$1,000.00",
        "MEHBDedInnTier1Individual": "Not Applicable",
        "TEHBInnTier1IndividualMOOP": "$5,000.00",
        "MEHBInnTier1IndividualMOOP": "Not Applicable",
    }
    plan_ids = dict.fromkeys(row["PlanId"] for row in rows)
    write_rows(attributes, PLAN_ATTRIBUTE_COLUMNS, [figures | {"PlanId": plan_id} for plan_id in plan_ids])
    report = import_cms(benefits, attributes, out)
    return {p.plan_id: p for p in load_plans(out)}, {p.plan_id or "": p.message for p in report.problems}


def test_separate_ot_and_pt_rows_give_each_therapy_its_own_terms(tmp_path: Path) -> None:
    """An OT row with 20 visits and a $40 copay, a PT row with 30 visits and a $30 copay."""
    plans, _ = _import(
        tmp_path,
        [
            _row("1-01", OT, CopayInnTier1="$40.00", LimitQty="20.0", LimitUnit="Visit(s) per Year"),
            _row("1-01", PT, LimitQty="30.0", LimitUnit="Visit(s) per Year"),
        ],
    )

    plan = plans["1-01"]
    assert (plan.ot_copay, plan.pt_copay) == (Decimal(40), Decimal(30))
    assert (plan.ot_visit_limit, plan.pt_visit_limit, plan.combined_visit_limit) == (20, 30, None)


def test_a_therapy_that_is_not_covered_gets_a_limit_of_zero(tmp_path: Path) -> None:
    """'Not Covered' on the shared OT/PT row: no OT or PT visit is covered."""
    plans, _ = _import(tmp_path, [_row("2-01", BOTH, IsCovered="Not Covered", CopayInnTier1="", CoinsInnTier1="")])

    assert (plans["2-01"].ot_visit_limit, plans["2-01"].pt_visit_limit) == (0, 0)


def test_a_limit_stated_each_becomes_two_limits_and_others_one_pool(tmp_path: Path) -> None:
    """'20 visits each' gives OT 20 and PT 20; a plain 30 gives one pool of 30 for OT and PT together."""
    each = "Physical and Occupational Therapies have a separate 20 visit limit each per calendar year."

    plans, _ = _import(
        tmp_path,
        [
            _row("3-01", BOTH, QuantLimitOnSvc="Yes", LimitQty="20.0", LimitUnit="Visit(s) per Year", Explanation=each),
            _row("3-02", BOTH, QuantLimitOnSvc="Yes", LimitQty="30.0", LimitUnit="Visit(s) per Benefit Period"),
        ],
    )

    assert (plans["3-01"].ot_visit_limit, plans["3-01"].pt_visit_limit) == (20, 20)
    assert plans["3-02"].combined_visit_limit == 30


def test_cost_sharing_outside_the_maximum_means_no_maximum(tmp_path: Path) -> None:
    """IsExclFromInnMOOP Yes: the therapy's cost sharing never reaches the plan's $5,000 maximum."""
    plans, _ = _import(tmp_path, [_row("4-01", BOTH, IsExclFromInnMOOP="Yes")])

    assert plans["4-01"].oop_max is None
    assert plans["4-01"].deductible == Decimal("1000.00")


def test_plans_that_cannot_be_read_are_left_out_with_the_reason(tmp_path: Path) -> None:
    """A benefit listed twice, OT and PT rows that apply the deductible differently, a PT row alone."""
    _, problems = _import(
        tmp_path,
        [
            _row("5-01", BOTH),
            _row("5-01", BOTH),
            _row("5-02", OT, CopayInnTier1="$40.00 Copay after deductible"),
            _row("5-02", PT, CopayInnTier1="$40.00"),
            _row("5-03", PT),
        ],
    )

    assert problems == {
        "5-01": "the benefit is listed twice for this plan",
        "5-02": "the OT and PT rows differ in how the deductible and copays apply",
        "5-03": "the plan has no rehabilitative OT benefit row",
    }
