"""compare_plans: every plan of a catalog costed at once, to the cent of estimate()."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings

from coverage import Accumulators, CarePlan, Course, Estimate, NoticeKind, Plan, YearToDateError, estimate, load_plans
from coverage.engine.notices import visit_label
from coverage.engine.plan_ranking import COMPARISON_COLUMNS, compare_plans
from coverage.engine.plan_table import PlanTable
from coverage.fees.clinic_schedule import parse_fee_schedules_csv
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import FeeScheduleError
from coverage.views.comparison_reasons import why_it_costs
from tests.conftest import PLANS_CSV
from tests.strategies import TEST_FEE_SCHEDULES, catalog_scenarios


def _first_notice(result: Estimate, kind: NoticeKind) -> str | None:
    notice = next((n for n in result.notices if n.kind is kind), None)
    if notice is None:
        return None
    assert notice.discipline is not None
    assert notice.visit_number is not None
    return visit_label(notice.discipline, notice.visit_number, notice.date)


def _expected_row(
    plan: Plan, care: CarePlan, so_far: Accumulators | None, fees: FeeSources | None = None
) -> dict[str, object]:
    """What the reference engine says about ``plan``, in the comparison's columns."""
    try:
        result = estimate(plan, care, so_far, fees=fees)
    except YearToDateError as exc:
        return {"rank_given": False, "year_to_date_problem": str(exc), "patient_total": None, "plan_total": None}
    except FeeScheduleError as exc:
        return {"rank_given": False, "pricing_problem": str(exc), "patient_total": None, "plan_total": None}
    refused = next((v for v in result.visits if not v.covered), None)
    refused_at = None if refused is None else visit_label(refused.discipline, refused.visit_number, refused.date)
    return {
        "rank_given": True,
        "year_to_date_problem": None,
        "patient_total": result.patient_total,
        "plan_total": result.plan_total,
        "visits": result.total.visits,
        "covered_visits": result.total.covered_visits,
        "visits_not_covered": result.total.not_covered_visits,
        "not_covered_cost": sum((v.patient_pays for v in result.visits if not v.covered), Decimal("0.00")),
        "deductible_met_at": _first_notice(result, NoticeKind.DEDUCTIBLE_MET),
        "oop_max_reached_at": _first_notice(result, NoticeKind.OOP_MAX_REACHED),
        "limit_runs_out_at": refused_at,
        "not_covered_reason": None if refused is None else refused.not_covered_reason,
    }


@settings(max_examples=200)
@given(catalog_scenarios())
def test_every_plan_costs_what_the_reference_engine_says_to_the_cent(
    scenario: tuple[list[Plan], CarePlan, Accumulators | None],
) -> None:
    """Each plan's totals, counts and milestones equal estimate() for that plan, over every rule switch."""
    catalog, care, so_far = scenario

    frame = compare_plans(catalog, care, so_far)

    assert list(frame.columns) == list(COMPARISON_COLUMNS)
    assert sorted(frame["plan_id"]) == sorted(p.plan_id for p in catalog)
    rows = {row["plan_id"]: row for row in frame.to_dict("records")}
    for plan in catalog:
        expected = _expected_row(plan, care, so_far)
        row = rows[plan.plan_id]
        assert (not pd.isna(row["rank"])) == expected.pop("rank_given")
        for column, value in expected.items():
            assert row[column] == value, (plan, column)


PRICED_FEES = FeeSources(load_medicare_fee_schedule(), parse_fee_schedules_csv(TEST_FEE_SCHEDULES), locality="06102-99")


@settings(max_examples=60)
@given(catalog_scenarios(max_plans=5, max_weeks=6, priced=True))
def test_with_fee_schedules_every_plan_costs_what_the_reference_engine_says_to_the_cent(
    scenario: tuple[list[Plan], CarePlan, Accumulators | None],
) -> None:
    """Visits priced from codes under each plan's fee schedule: compare_plans equals estimate() plan by plan."""
    catalog, care, so_far = scenario

    frame = compare_plans(catalog, care, so_far, fees=PRICED_FEES)

    rows = {row["plan_id"]: row for row in frame.to_dict("records")}
    for plan in catalog:
        expected = _expected_row(plan, care, so_far, PRICED_FEES)
        row = rows[plan.plan_id]
        assert (not pd.isna(row["rank"])) == expected.pop("rank_given")
        for column, value in expected.items():
            assert row[column] == value, (plan, column)


def _pt_only(visits_per_week: int, weeks: int, rate: str = "100.00") -> CarePlan:
    return CarePlan(
        start_date=date(2026, 1, 5), pt=Course(visits_per_week=visits_per_week, weeks=weeks, visit_rate=rate)
    )


def _plan(plan_id: str, **rules: object) -> Plan:
    fields = {"plan_id": plan_id, "plan_name": f"Plan {plan_id}", "payer_type": "commercial", **rules}
    return Plan.model_validate(fields)


def test_the_plan_that_costs_the_patient_least_comes_first() -> None:
    """Rows are sorted by patient_total and ranked from 1."""
    copay_plan = _plan("copay", deductible_applies="false", pt_copay="30.00")
    # 4 PT visits at 100: 4 x 30 = 120.
    deductible_plan = _plan("deductible", deductible="150.00", pt_coinsurance_pct="20")
    # Visit 1: 100 to the deductible. Visit 2: 50 to the deductible + 20% of 50 = 60.
    # Visits 3 and 4: 20% of 100 = 20 each. 100 + 60 + 20 + 20 = 200.

    frame = compare_plans([deductible_plan, copay_plan], _pt_only(1, 4))

    assert list(frame["plan_id"]) == ["copay", "deductible"]
    assert list(frame["rank"]) == [1, 2]
    assert list(frame["patient_total"]) == [Decimal("120.00"), Decimal("200.00")]
    assert list(frame["plan_total"]) == [Decimal("280.00"), Decimal("200.00")]
    assert frame["deductible_met_at"][1] == "PT visit 2 on 12 Jan 2026"  # once a week from Monday 5 January


def test_plans_that_cost_the_same_keep_the_catalog_order() -> None:
    """A tie in patient_total keeps the order the catalog lists the plans in."""
    catalog = [_plan(name, pt_copay="10.00", deductible_applies="false") for name in ("b", "c", "a")]

    frame = compare_plans(catalog, _pt_only(2, 2))

    assert list(frame["plan_id"]) == ["b", "c", "a"]


def test_the_visit_where_a_limit_runs_out_is_named_with_its_reason() -> None:
    """A 3-visit PT limit on a 2-a-week course runs out at PT visit 4, on the second Thursday."""
    plan = _plan("three", pt_visit_limit="3", deductible_applies="false")

    row = compare_plans([plan], _pt_only(2, 3)).iloc[0]

    # Visits fall on Mon 5, Thu 8, Mon 12, Thu 15 Jan...: visit 4 is Thursday 15 January.
    assert row["limit_runs_out_at"] == "PT visit 4 on 15 Jan 2026"
    assert row["not_covered_reason"] == "the 3 PT visits of this plan year are used up"
    assert row["visits_not_covered"] == 3
    assert row["not_covered_cost"] == Decimal("300.00")  # 3 visits at their own rate of 100


def test_figures_a_plan_cannot_have_produced_keep_its_row_marked_and_last() -> None:
    """Deductible met above a plan's deductible: no totals, no rank, the reference's message, after the others."""
    small = _plan("small", deductible="100.00")
    large = _plan("large", deductible="1000.00", pt_coinsurance_pct="50")
    so_far = Accumulators(deductible_met="500.00")

    frame = compare_plans([small, large], _pt_only(1, 2), so_far)

    with pytest.raises(YearToDateError) as refused:
        estimate(small, _pt_only(1, 2), so_far)
    assert list(frame["plan_id"]) == ["large", "small"]
    last = frame.iloc[1]
    assert pd.isna(last["rank"])
    assert last["patient_total"] is None
    assert last["plan_total"] is None
    assert last["year_to_date_problem"] == str(refused.value)
    assert frame.iloc[0]["year_to_date_problem"] is None


def test_a_table_built_once_gives_the_same_comparison_as_the_plans() -> None:
    """Passing a PlanTable instead of the plans changes nothing in the result."""
    catalog = load_plans(PLANS_CSV)
    care = CarePlan(
        start_date=date(2026, 5, 4),
        ot=Course(visits_per_week=2, weeks=12, visit_rate="101.24", eval_rate="100.60"),
        pt=Course(visits_per_week=3, weeks=12, visit_rate="84.75", eval_rate="98.01"),
    )

    from_plans = compare_plans(catalog, care)
    from_table = compare_plans(PlanTable.of(catalog), care)

    pd.testing.assert_frame_equal(from_plans, from_table)


def test_an_empty_catalog_gives_an_empty_comparison_with_every_column() -> None:
    """No plans, no rows, but the columns are there for the caller."""
    frame = compare_plans([], _pt_only(1, 1))

    assert frame.empty
    assert list(frame.columns) == list(COMPARISON_COLUMNS)


def test_the_reason_a_plan_costs_what_it_does_names_its_milestones() -> None:
    """why_it_costs says where the deductible is met and where the limit runs out, with the self-pay cost."""
    plan = _plan("limited", deductible="150.00", pt_coinsurance_pct="20", pt_visit_limit="3")
    # Weekly PT at 100 from Monday 5 January: visit 1 pays 100 to the deductible, visit 2 the last 50 (met),
    # visit 3 is 20% of 100; visit 4 (26 January) is past the 3-visit limit: 100 at self-pay.

    row = compare_plans([plan], _pt_only(1, 4)).iloc[0]

    assert why_it_costs(row.to_dict()) == (
        "Deductible met at PT visit 2 on 12 Jan 2026. Visit limit runs out at PT visit 4 on 26 Jan 2026 "
        "(the 3 PT visits of this plan year are used up): 1 visit not covered, $100.00 at self-pay."
    )
    assert row["patient_total"] == Decimal("280.00")  # 100 + 60 + 20 + 100


@pytest.mark.parametrize(
    ("fields", "why"),
    [
        # 2 weekly visits of 100 against a 500 deductible: both go to the deductible, the plan pays 0 of 200.
        (
            {"deductible": "500.00", "pt_coinsurance_pct": "20"},
            "Every visit is covered, but the plan pays nothing toward this course: you pay each visit's whole "
            "allowed amount (usually because the deductible is not met by the last visit).",
        ),
        # No deductible, 20 % coinsurance: the plan pays 80 of each 100.
        ({"pt_coinsurance_pct": "20"}, "Every visit is covered."),
    ],
)
def test_a_plan_with_no_milestone_says_whether_it_pays_anything(fields: dict[str, str], why: str) -> None:
    """'Every visit is covered' is not said alone of a plan that pays nothing toward the course."""
    row = compare_plans([_plan("quiet", **fields)], _pt_only(1, 2)).iloc[0]

    assert why_it_costs(row.to_dict()) == why


def test_a_plan_that_cannot_be_costed_says_why_instead() -> None:
    """A row marked by the year-to-date check gives that reason, not milestones, and no advice to change the figure."""
    row = compare_plans([_plan("zero")], _pt_only(1, 1), Accumulators(deductible_met="1.00")).iloc[0]

    assert why_it_costs(row.to_dict()).startswith("Not compared: Deductible met ($1.00) is more than")
    assert "type at most" not in row["year_to_date_problem"]  # the figure is right; the plan is not the patient's


def test_out_of_network_care_is_refused_with_a_clear_message() -> None:
    """compare_plans ranks in-network care only; out of network it says to use estimate() instead."""
    from coverage import CarePlan, Course, load_plans
    from tests.conftest import PLANS_CSV

    out = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=1, weeks=1, visit_rate="90.00"),
                   in_network=False)  # fmt: skip

    with pytest.raises(ValueError, match="compares in-network care"):
        compare_plans(load_plans(PLANS_CSV), out)
