"""Reading plans CSV files: the shipped catalog loads, broken files name every bad line."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from coverage import PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.engine.plans import PayerType
from tests.conftest import PLANS_CSV, ROOT

HEADER = ",".join(PLAN_COLUMNS)


def row(**cells: str) -> str:
    """A plans.csv line with ``cells`` filled in and the rest blank."""
    base = {"plan_id": "p1", "plan_name": "A plan", "payer_type": "commercial"} | cells
    return ",".join(base.get(column, "") for column in PLAN_COLUMNS)


def test_every_shipped_plan_loads_with_exact_money() -> None:
    """plans.csv loads; its amounts are exact Decimals, never floats."""
    plans = load_plans(PLANS_CSV)

    assert len(plans) >= 10
    medicare = next(p for p in plans if p.plan_id == "medicare-b-2026")
    assert (medicare.deductible, medicare.therapy_threshold, medicare.oop_max) == (
        Decimal("283.00"),
        Decimal("2480.00"),
        None,
    )


def test_the_shipped_catalog_covers_the_rule_space() -> None:
    """The examples include every payer type, both copay timings, pooled and separate limits, and July years."""
    plans = load_plans(PLANS_CSV)

    assert {p.payer_type for p in plans} == set(PayerType)
    assert {p.copay_timing for p in plans} == {"after_deductible", "before_deductible"}
    assert any(p.combined_visit_limit and p.same_day_counts_once for p in plans)
    assert any(p.ot_visit_limit and p.pt_visit_limit for p in plans)
    assert any(not p.deductible_applies and p.deductible > 0 for p in plans)
    assert any(p.ot_copay > p.pt_copay for p in plans)
    assert any(p.one_copay_per_day for p in plans)
    assert any(p.auth_after_visits is not None for p in plans)
    assert any(p.plan_year_start != "01-01" for p in plans)
    assert all(p.plan_name.startswith("Example") for p in plans)


def test_blank_cells_take_the_documented_defaults() -> None:
    """A row with only the required cells gets 01-01, no maximum, deductible applies, copay after deductible."""
    (plan,) = parse_plans(f"{HEADER}\n{row()}\n")

    assert (plan.plan_year_start, plan.oop_max, plan.deductible_applies, plan.copay_timing) == (
        "01-01",
        None,
        True,
        "after_deductible",
    )
    assert (plan.deductible, plan.pt_copay, plan.pt_visit_limit) == (Decimal("0.00"), Decimal("0.00"), None)


def test_a_broken_file_lists_every_bad_line_with_its_column() -> None:
    """Three bad rows give three problems, each with its line number, column and message."""
    text = (
        "\n".join(
            [
                HEADER,
                row(plan_id="good"),
                row(plan_id="neg", deductible="-5"),
                row(plan_id="pct", pt_coinsurance_pct="120"),
                row(plan_id="good"),
            ]
        )
        + "\n"
    )

    with pytest.raises(PlanFileError) as caught:
        parse_plans(text, source="broken.csv")

    problems = [(p.line, p.column) for p in caught.value.problems]
    assert problems == [(3, "deductible"), (4, "pt_coinsurance_pct"), (5, "plan_id")]
    assert str(caught.value).startswith("broken.csv: line 3, column deductible: must not be negative")
    assert "'good' is already used on line 2" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"\xff\xfe\x00p", "not UTF-8"),
        (HEADER.replace(",", ";").encode(), "separated by ';'"),
        (HEADER.replace(",notes", "").encode(), "missing columns: notes"),
        ((HEADER + ",extra").encode(), "unknown columns: 'extra'"),
        (f"{HEADER}\np1,too,few\n".encode(), "has 3 cells; expected 21"),
        (f'{HEADER}\n"unclosed\n'.encode(), "not valid CSV"),
    ],
)
def test_a_file_that_is_not_a_plans_csv_gets_a_clear_message(data: bytes, message: str) -> None:
    """Empty, non-UTF-8, wrong delimiter, wrong columns, short rows and bad quoting are each explained."""
    with pytest.raises(PlanFileError, match=re.escape(message)):
        parse_plans(data, source="upload.csv")


def test_a_file_with_too_many_rows_is_refused_early() -> None:
    """More plans than allowed stops with a clear message instead of reading on."""
    text = HEADER + "\n" + "\n".join(row(plan_id=f"p{i}") for i in range(30)) + "\n"

    with pytest.raises(PlanFileError, match="has more than 20 plans"):
        parse_plans(text, max_rows=20)


def test_a_missing_file_is_a_plan_file_error() -> None:
    """A path that does not exist gives PlanFileError, not OSError."""
    with pytest.raises(PlanFileError, match="cannot be read"):
        load_plans(ROOT / "no-such-plans.csv")


def test_optional_columns_may_come_in_any_order_after_notes_and_take_their_defaults_when_absent() -> None:
    """A file written for an earlier version, or with its optional columns shuffled, loads (issue 11)."""
    header = ",".join((*PLAN_COLUMNS, "oon_pt_coinsurance_pct", "oon_covered"))
    line = row() + ",40,true"

    (plan,) = parse_plans(f"{header}\n{line}\n")

    assert (plan.oon_covered, plan.oon_pt_coinsurance_pct, plan.oon_deductible) == (True, 40, 0)


def test_an_unknown_column_is_refused_with_its_name_wherever_it_stands() -> None:
    """A column the registry does not know is named in the message, after notes as before it."""
    header = ",".join((*PLAN_COLUMNS, "oon_covered", "premium_typo"))

    with pytest.raises(PlanFileError, match="unknown columns: 'premium_typo'"):
        parse_plans(header + "\n")


def test_a_saved_catalog_keeps_the_columns_it_came_with_and_adds_only_those_it_needs() -> None:
    """plans_to_csv with the file's own header keeps its optional columns in order and appends new ones."""
    from coverage.catalog.rows import plans_to_csv

    came_with = (*PLAN_COLUMNS, "oon_oop_max", "oon_covered")
    plain = parse_plans(HEADER + "\n" + row() + "\n")[0]
    pays = plain.model_copy(update={"plan_id": "b", "oon_covered": True, "oon_deductible": 500})

    header = plans_to_csv([plain, pays], keep=came_with).splitlines()[0]

    assert header == ",".join((*came_with, "oon_deductible"))
