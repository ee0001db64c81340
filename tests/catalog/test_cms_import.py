"""The CMS importer on real Public Use File data: every value parses or is reported, never guessed."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coverage import CarePlan, Course, Plan, estimate, load_plans
from coverage.catalog.cms_import import (
    ImportReport,
    PufFileError,
    PufValueError,
    benefit_cost_share,
    import_cms,
    limit_quantity,
    parse_coinsurance,
    parse_copay,
    puf_amount,
    read_limit,
)
from tests.cms_fixtures import (
    COST_SHARE_CORPUS,
    DEDUCTIBLE_FLAG_PATTERNS,
    FIXTURES,
    LANDSCAPE_JOIN,
    PLAN_ATTRIBUTE_COLUMNS,
    PLAN_ATTRIBUTE_VALUES,
    SAMPLE_ROWS_2026,
    THERAPY_ROWS,
    VALUES_2026,
    plan_attributes_from_landscape,
    read_rows,
    write_rows,
)
from tests.conftest import SHARED_DATA

needs_shared_data = pytest.mark.skipif(
    not SHARED_DATA.exists(), reason=f"the shared CMS data is not at {SHARED_DATA} (see the brief)"
)

#: Why a real cost-sharing value may be refused: each refusal must be one of these, never a crash.
KNOWN_REFUSALS = ("per stay", "is not a copay", "is not a coinsurance")


def _read_or_refusal(parse: Callable[[str], object], value: str) -> str | None:
    """None when ``value`` parses, else the refusal message."""
    try:
        parse(value)
    except PufValueError as exc:
        return str(exc)
    return None


@needs_shared_data
def test_every_cost_sharing_value_of_the_corpus_is_read_or_refused_with_a_reason() -> None:
    """All 500 distinct values of the 10,000-row sample: read, or refused for a known reason."""
    parsers = {"Copay": parse_copay, "Coins": parse_coinsurance}
    read, refused = Counter[str](), Counter[str]()

    for row in read_rows(COST_SHARE_CORPUS):
        column, value = row["column"], row["value"]
        if column == "LimitQty":
            outcome = _read_or_refusal(lambda q: limit_quantity(q, "Visit(s) per Year" if q else ""), value)
        elif column == "LimitUnit":
            outcome = _read_or_refusal(lambda u: limit_quantity("20" if u else "", u), value)
        else:
            outcome = _read_or_refusal(parsers[column[:5] if column.startswith("Copay") else "Coins"], value)
        (read if outcome is None else refused)[column] += 1
        if outcome is not None and column.startswith(("Copay", "Coins")):
            assert any(reason in outcome for reason in KNOWN_REFUSALS), (column, value, outcome)

    # LimitQty: every whole number of visits up to 999 reads; the larger ones (dollars, items) are refused.
    quantities = [row["value"] for row in read_rows(COST_SHARE_CORPUS) if row["column"] == "LimitQty"]
    assert refused["LimitQty"] == sum(1 for q in quantities if q and Decimal(q) > 999)
    # LimitUnit: only blank and visits per year or per benefit period (either capitals) are read: 1 + 2 + 2 = 5.
    assert read["LimitUnit"] == 5
    assert read["CopayInnTier1"] > 120
    assert read["CoinsInnTier1"] == 41  # every coinsurance value: percentages, "No Charge", "$0", blank
    # The refused copays are the per-stay ones (inpatient terms) and nothing else.
    copays = [row["value"] for row in read_rows(COST_SHARE_CORPUS) if row["column"].startswith("Copay")]
    per_stay = sum(1 for value in copays if "per Stay" in value)
    assert sum(refused[c] for c in ("CopayInnTier1", "CopayInnTier2", "CopayOutofNet")) == per_stay


@needs_shared_data
def test_every_2014_2015_flag_pattern_reads_as_the_flag_says_or_is_refused() -> None:
    """Each copay/coinsurance shape seen with IsSubjToDedTier1: deductible_applies equals the flag, or refused."""
    outcomes = Counter[str]()

    for row in read_rows(DEDUCTIBLE_FLAG_PATTERNS):
        copay = row["CopayInnTier1_pattern"].replace("$N", "$40")
        coinsurance = row["CoinsInnTier1_pattern"].replace("N%", "20%").replace("$N", "$0")
        try:
            share = benefit_cost_share(copay, coinsurance, row["IsSubjToDedTier1"])
        except PufValueError:
            outcomes["refused"] += int(row["row_count"])
            continue
        outcomes["read"] += int(row["row_count"])
        assert share.deductible_applies == (row["IsSubjToDedTier1"] == "Yes"), row

    assert outcomes["read"] > 0.9 * (outcomes["read"] + outcomes["refused"])


@needs_shared_data
def test_every_2026_therapy_value_is_read_or_refused_with_a_reason() -> None:
    """The plan year 2026 strings (two decimals, '$0.00', '0.00%') and limits read like the older ones."""
    refusals = []

    for row in read_rows(VALUES_2026):
        field, value = row["field"], row["value"]
        if field == "LimitQty+LimitUnit":
            quantity, unit = value.split(" ", 1)
            outcome = _read_or_refusal(lambda q, u=unit: limit_quantity(q, u), quantity)
        else:
            outcome = _read_or_refusal(parse_copay if field.startswith("Copay") else parse_coinsurance, value)
        if outcome is not None:
            refusals.append((field, value, outcome))

    assert refusals == []


@needs_shared_data
def test_every_2026_sample_benefit_is_read_or_its_explanation_refused() -> None:
    """The 24 sample rows of 2026: cost sharing always reads; a limit reads or its explanation is refused."""
    limits = Counter[str]()

    for row in read_rows(SAMPLE_ROWS_2026):
        sample = json.loads(row["sample_json"])
        benefit_cost_share(sample.get("copay_inn_tier1", ""), sample.get("coins_inn_tier1", ""))
        quantity = limit_quantity(sample.get("limit_quantity", ""), sample.get("limit_unit", ""))
        try:
            read_limit(quantity, sample.get("explanation", ""))
        except PufValueError:
            limits["refused"] += 1
        else:
            limits["read"] += 1

    assert limits["read"] >= 18


@needs_shared_data
def test_every_plan_attributes_deductible_and_maximum_value_is_read_or_refused() -> None:
    """All distinct deductible and MOOP strings of 2014-2016: read exactly, or refused ('$5750 per person')."""
    columns = {
        "TEHBDedInnTier1Individual",
        "MEHBDedInnTier1Individual",
        "TEHBInnTier1IndividualMOOP",
        "MEHBInnTier1IndividualMOOP",
    }
    read = refused = 0

    for row in read_rows(PLAN_ATTRIBUTE_VALUES):
        if row["column"] not in columns:
            continue
        try:
            amount = puf_amount(row["distinct_value"])
        except PufValueError:
            refused += 1
            continue
        read += 1
        if amount is not None:
            digits = row["distinct_value"].replace("$", "").replace(",", "").strip()
            assert amount == Decimal(digits)

    assert refused == 0
    assert read > 500


def _import(tmp_path: Path, benefits: Path, attributes: Path) -> tuple[dict[str, Plan], ImportReport]:
    out = tmp_path / "catalog.csv"
    report = import_cms(benefits, attributes, out)
    plans = {plan.plan_id: plan for plan in load_plans(out)}
    return plans, report


def test_the_2014_layout_fixture_imports_with_the_flag_and_the_landscape_figures(tmp_path: Path) -> None:
    """A 2014 plan: '$15' with IsSubjToDedTier1 Yes is a copay after the deductible; figures from the landscape."""
    plans, report = _import(tmp_path, FIXTURES / "cms_benefits_2014.csv", FIXTURES / "cms_plan_attributes_2014.csv")

    aetna = plans["23841FL0080009-06"]
    assert (aetna.deductible, aetna.oop_max) == (Decimal("150.00"), Decimal("1175.00"))
    assert (aetna.deductible_applies, aetna.copay_timing.value) == (True, "after_deductible")
    assert (aetna.ot_copay, aetna.pt_copay, aetna.combined_visit_limit) == (Decimal(15), Decimal(15), 35)
    problems = {p.plan_id: p.message for p in report.problems}
    assert "no rehabilitative OT or PT benefit row" in problems["46944AL0420001-05"]  # only a speech row
    assert problems["88925AZ0010038-03"] == "is not in this file"  # no landscape figures


def test_an_imported_plan_costs_what_its_benefit_row_says(tmp_path: Path) -> None:
    """'$25' with IsSubjToDedTier1 No: every PT visit costs the patient 25, whatever the deductible."""
    plans, _ = _import(tmp_path, FIXTURES / "cms_benefits_2014.csv", FIXTURES / "cms_plan_attributes_2014.csv")
    care = CarePlan(start_date=date(2026, 1, 5), pt=Course(visits_per_week=2, weeks=4, visit_rate="84.75"))

    result = estimate(plans["19636LA0220001-01"], care)

    assert result.patient_total == Decimal("200.00")  # 8 visits x 25.00


def test_the_later_layout_fixture_imports_from_the_strings_alone(tmp_path: Path) -> None:
    """2016 rows (no flag column): the strings decide; treatments and per-condition limits are reported."""
    plans, report = _import(tmp_path, FIXTURES / "cms_benefits_2016.csv", FIXTURES / "cms_plan_attributes_2016.csv")

    assert plans["91762NJ0070004-00"].copay_timing.value == "after_deductible"
    assert plans["91762NJ0070004-00"].ot_visit_limit == 30  # "30 visits each"
    assert plans["10091OR0360005-04"].deductible_applies is False  # "$35"
    assert plans["87571OK0320071-02"].combined_visit_limit == 25
    assert plans["66083OH0610011-00"].pt_visit_limit == 20
    left_out = {p.plan_id: (p.line, p.column) for p in report.problems}
    assert set(left_out) == {"73751ND0080007-02", "56707OR0870002-00"}
    assert left_out["73751ND0080007-02"][1] == "LimitUnit"
    assert left_out["56707OR0870002-00"][1] == "Explanation"


@needs_shared_data
def test_every_real_therapy_row_ends_in_the_catalog_or_in_the_report(tmp_path: Path) -> None:
    """All 552 real therapy rows: each plan with an OT/PT row is imported or reported with its line."""
    attributes = tmp_path / "plan_attributes.csv"
    write_rows(attributes, PLAN_ATTRIBUTE_COLUMNS, plan_attributes_from_landscape(read_rows(LANDSCAPE_JOIN)))

    plans, report = _import(tmp_path, THERAPY_ROWS, attributes)

    rows = read_rows(THERAPY_ROWS)
    reported = {p.plan_id for p in report.problems}
    imported = {plan_id.rsplit(".", 1)[0] for plan_id in plans}
    every_plan = {row["PlanId"] for row in rows}
    assert imported | reported == every_plan
    assert not imported & reported
    assert report.plans_written == len(plans) > 0
    assert report.benefit_rows == len(rows)
    for problem in report.problems:
        assert problem.line is not None or problem.message == "is not in this file", problem


def test_progress_is_reported_up_to_the_whole_file(tmp_path: Path) -> None:
    """The progress callback ends with the bytes read equal to each file's size."""
    seen: dict[str, tuple[int, int]] = {}

    import_cms(
        FIXTURES / "cms_benefits_2014.csv",
        FIXTURES / "cms_plan_attributes_2014.csv",
        tmp_path / "out.csv",
        progress=lambda name, done, total: seen.__setitem__(name, (done, total)),
    )

    assert seen["cms_benefits_2014.csv"] == ((FIXTURES / "cms_benefits_2014.csv").stat().st_size,) * 2


def test_a_file_without_the_needed_columns_is_refused_by_name(tmp_path: Path) -> None:
    """Giving the Plan Attributes file as the benefits file names the missing columns."""
    attributes = FIXTURES / "cms_plan_attributes_2014.csv"

    with pytest.raises(PufFileError, match="BenefitName"):
        import_cms(attributes, attributes, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()
