"""The plan's rules and the year so far in plain words, as printed on the estimate (issue 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coverage import OUT_OF_NETWORK_COLUMNS, PLAN_COLUMNS, Accumulators, CopayTiming, PayerType, Plan
from coverage.views.plan_terms import count_of, plan_rules, year_to_date

BASE = Plan(plan_id="base", plan_name="Base plan", payer_type=PayerType.COMMERCIAL, notes="")
#: A different value for every plans.csv column but the id: each must change what is printed.
CHANGED = {
    "plan_name": "Other plan",
    "payer_type": PayerType.MEDICAID,
    "plan_year_start": "07-01",
    "deductible": Decimal("500.00"),
    "oop_max": Decimal("4000.00"),
    "deductible_applies": False,
    "copay_timing": CopayTiming.BEFORE_DEDUCTIBLE,
    "ot_copay": Decimal("30.00"),
    "pt_copay": Decimal("25.00"),
    "ot_coinsurance_pct": Decimal("12.5"),
    "pt_coinsurance_pct": Decimal("20"),
    "ot_visit_limit": 30,
    "pt_visit_limit": 20,
    "combined_visit_limit": 60,
    "same_day_counts_once": True,
    "one_copay_per_day": True,
    "auth_after_visits": 12,
    "referral_required": True,
    "therapy_threshold": Decimal("2480.00"),
    "notes": "Ask for the therapy rider",
    "oon_covered": True,
    "oon_deductible": Decimal("1500.00"),
    "oon_oop_max": Decimal("9000.00"),
    "oon_ot_copay": Decimal("45.00"),
    "oon_pt_copay": Decimal("40.00"),
    "oon_ot_coinsurance_pct": Decimal("40"),
    "oon_pt_coinsurance_pct": Decimal("35"),
    "oon_counts_toward_in_network": True,
}


def test_every_plans_csv_column_but_the_id_has_a_changed_value_here() -> None:
    """The table below covers every column, so a new column cannot be left off the printout unnoticed."""
    assert set(CHANGED) == set(PLAN_COLUMNS + OUT_OF_NETWORK_COLUMNS) - {"plan_id"}


@pytest.mark.parametrize("column", sorted(CHANGED))
def test_every_rule_of_the_plan_is_printed(column: str) -> None:
    """Changing any one column of the plan changes the printed rules: no rule the engine uses is left out."""
    # out-of-network terms are printed (and used) only for a plan that covers out-of-network care
    base = BASE.model_copy(update={"oon_covered": column.startswith("oon_") and column != "oon_covered"})
    changed = base.model_copy(update={column: CHANGED[column]})

    assert plan_rules(changed) != plan_rules(base)


@pytest.mark.parametrize(
    ("column", "row"),
    [
        ("plan_year_start", ("Plan year starts", "1 July each year")),
        ("ot_coinsurance_pct", ("OT coinsurance", "12.5%")),
        ("pt_coinsurance_pct", ("PT coinsurance", "20%")),
        ("oop_max", ("Out-of-pocket maximum", "$4,000.00")),
        ("combined_visit_limit", ("Combined visit limit (OT, PT and others sharing it)", "60 visits a plan year")),
        ("auth_after_visits", ("Prior authorization", "needed after 12 visits of a therapy in a plan year")),
        ("therapy_threshold", ("Medicare therapy threshold (KX)", "$2,480.00 per therapy a year")),
    ],
)
def test_rules_read_in_plain_words(column: str, row: tuple[str, str]) -> None:
    """Dates, percentages, amounts and limits are written as a person would say them."""
    assert row in plan_rules(BASE.model_copy(update={column: CHANGED[column]}))


def test_an_unset_limit_reads_as_no_limit() -> None:
    """A blank limit or maximum is printed as 'no limit' / 'none', not left empty."""
    rules = dict(plan_rules(BASE))

    assert rules["OT visit limit"] == "no limit"
    assert rules["Out-of-pocket maximum"] == "none"
    assert rules["Prior authorization"] == "not needed"


@pytest.mark.parametrize("field", sorted(Accumulators.model_fields))
def test_every_year_to_date_figure_is_printed(field: str) -> None:
    """Changing any year-to-date figure changes what is printed."""
    value = 3 if Accumulators.model_fields[field].annotation is int else Decimal("12.34")

    assert year_to_date(Accumulators(**{field: value})) != year_to_date(Accumulators())


@pytest.mark.parametrize(("number", "words"), [(1, "1 visit"), (0, "0 visits"), (16, "16 visits")])
def test_counts_agree_with_their_noun(number: int, words: str) -> None:
    """One visit, two visits."""
    assert count_of(number, "visit") == words
