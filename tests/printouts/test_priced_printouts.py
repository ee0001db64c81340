"""The printed estimate and the Good Faith Estimate itemise the codes a visit was priced from (issue 12, item 4).

The amounts are worked by hand in :mod:`tests.priced_scenarios`: at ALABAMA (10112-00) a PT visit
``97110x2,97140`` is 26.83 + 20.79 (reduced) + 19.72 (reduced) = 67.34 and the evaluation 97162 is 91.32.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage import (
    CarePlan,
    Course,
    Estimate,
    as_self_pay,
    estimate,
    estimate_pdf,
    good_faith_estimate,
    good_faith_pdf,
)
from coverage.engine.defaults import PT_VISIT_RATE
from tests.priced_scenarios import START, alabama, medicare_priced_plan, national, priced_pt_estimate
from tests.printout_scenarios import CLINIC, ISSUED, catalog_plan, pdf_text, self_pay_estimate
from tests.strategies import money

REDUCED = "(reduced: more than one service that day)"


def _items(result: Estimate) -> list[tuple[str, str, int, int, Decimal, Decimal]]:
    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)
    return [(i.code, i.modifier, i.units_per_visit, i.visits, i.charge_per_visit, i.expected_charge) for i in gfe.items]


@pytest.fixture(scope="module")
def printed() -> str:
    """The patient copy of the PT estimate priced at ALABAMA."""
    return pdf_text(estimate_pdf(priced_pt_estimate(), clinic=CLINIC, issued=ISSUED))


def test_the_printed_estimate_lists_each_kind_of_visits_codes_units_and_amounts(printed: str) -> None:
    """The evaluation's 97162 and the visit's three lines, each with units, amount a unit and amount, and their sum."""
    assert "PT evaluation 1 97162 PT evaluation, moderate complexity 1 $91.32 $91.32" in printed
    assert "PT visit 3 97110 Therapeutic exercise, each 15 minutes 1 $26.83 $26.83" in printed
    assert f"97110 Therapeutic exercise, each 15 minutes {REDUCED} 1 $20.79 $20.79" in printed
    assert f"97140 Manual therapy, each 15 minutes {REDUCED} 1 $19.72 $19.72" in printed
    assert "PT visit: the codes add up to $67.34" in printed  # 26.83 + 20.79 + 19.72
    assert "PT evaluation: the codes add up to $91.32" in printed


def test_the_printed_estimate_names_the_fee_schedule_the_codes_were_priced_on(printed: str) -> None:
    """The table and the assumptions say which schedule, locality and release the amounts are from."""
    source = priced_pt_estimate().prices.source  # type: ignore[union-attr]

    assert source.startswith("Medicare's fee schedule, ALABAMA (10112-00) (2025 National Physician Fee Schedule")
    assert f"Priced on {source}." in printed
    assert f"Each visit priced from its service codes is at the amounts of {source}, for the codes and units shown" in (
        printed
    )
    assert "Each visit's allowed amount is the rate shown in the care plan" not in printed  # no typed rate here


def test_with_no_locality_the_printed_estimate_says_it_used_medicares_national_amounts() -> None:
    """No locality: every GPCI 1; 97110 28.79 + 21.83 (reduced) and 97140 20.70 (reduced) = 71.32 a visit."""
    # National: 97110 (0.45 + 0.43 + 0.01) x 32.3465 = 28.7884 -> 28.79; reduced (0.45 + 0.215 + 0.01) x 32.3465
    # = 21.8339 -> 21.83; 97140 reduced (0.43 + 0.20 + 0.01) x 32.3465 = 20.7018 -> 20.70.
    text = pdf_text(estimate_pdf(priced_pt_estimate(fees=national()), clinic=CLINIC, issued=ISSUED))

    assert "Priced on Medicare's national amounts (no Medicare locality was set, so every GPCI is 1)" in text
    assert "PT visit 3 97110 Therapeutic exercise, each 15 minutes 1 $28.79 $28.79" in text
    assert "PT visit: the codes add up to $71.32" in text


def test_an_estimate_at_typed_rates_prints_no_table_of_codes() -> None:
    """Typed rates: the printout is as before, with no codes table and the care plan's rate as the assumption."""
    text = pdf_text(estimate_pdf(self_pay_estimate(), clinic=CLINIC, issued=ISSUED))

    assert "The service codes each visit is priced from" not in text
    assert "Each visit's allowed amount is the rate shown in the care plan" in text


def test_the_good_faith_estimate_itemises_the_priced_codes_at_their_amounts() -> None:
    """Each priced line is an item at its own units and amount; the total is the course's 293.34 to the cent."""
    result = priced_pt_estimate()

    items = _items(result)

    assert items == [
        ("97162", "", 1, 1, Decimal("91.32"), Decimal("91.32")),
        ("97110", "", 1, 3, Decimal("26.83"), Decimal("80.49")),  # 3 x 26.83
        ("97110", "", 1, 3, Decimal("20.79"), Decimal("62.37")),  # 3 x 20.79, the reduced unit
        ("97140", "", 1, 3, Decimal("19.72"), Decimal("59.16")),  # 3 x 19.72
    ]
    assert sum(item[5] for item in items) == Decimal("293.34") == as_self_pay(result).patient_total
    assert result.total.allowed == Decimal("293.34")  # 91.32 + 3 x 67.34


def test_the_good_faith_estimate_pdf_shows_the_codes_amounts_and_schedule() -> None:
    """The form's rows carry the real codes and amounts, its total, and the sentence naming the fee schedule."""
    result = priced_pt_estimate()

    text = pdf_text(good_faith_pdf(result, clinic=CLINIC, issued=ISSUED))

    assert "PT PT evaluation, moderate complexity 97162 1 1 5 Jan 2026 $91.32 $91.32" in text
    assert "PT Therapeutic exercise, each 15 minutes 97110 1 3 8 Jan 2026 to 15 Jan 2026 $26.83 $80.49" in text
    assert f"PT Manual therapy, each 15 minutes {REDUCED} 97140 1 3 8 Jan 2026 to 15 Jan 2026 $19.72 $59.16" in text
    assert "Total expected charges 4 $293.34" in text
    assert f"list each code at its amount on {result.prices.source}." in text  # type: ignore[union-attr]
    assert "in proportion to the codes' Medicare national amounts" not in text


def test_a_self_pay_rate_on_priced_visits_is_shared_among_their_real_codes_to_the_cent() -> None:
    """A 100.00 self-pay rate: the evaluation's one code takes it all; a visit's lines share it by their amounts."""
    # 100.00 x 26.83 / 67.34 = 39.842 -> 39.84; 100.00 x 20.79 / 67.34 = 30.873 -> 30.87; 97140 the rest, 29.29.
    result = priced_pt_estimate(self_pay_rate=Decimal("100.00"))

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)

    assert _items(result) == [
        ("97162", "", 1, 1, Decimal("100.00"), Decimal("100.00")),
        ("97110", "", 1, 3, Decimal("39.84"), Decimal("119.52")),
        ("97110", "", 1, 3, Decimal("30.87"), Decimal("92.61")),
        ("97140", "", 1, 3, Decimal("29.29"), Decimal("87.87")),
    ]
    assert gfe.total == Decimal("400.00")  # 4 visits x 100.00
    assert any("in proportion to those amounts" in sentence for sentence in gfe.itemisation)


def test_a_typed_visit_rate_beside_priced_evaluation_codes_keeps_the_default_split() -> None:
    """The evaluation is itemised from its priced 97162; the typed 84.75 visits by split_charge, as before."""
    # split_charge: 97110 x2 takes 84.75 x 57.58 / 84.75 = 57.58, 97140 the rest, 27.17.
    result = priced_pt_estimate(visit_rate=PT_VISIT_RATE)

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)

    assert _items(result) == [
        ("97162", "", 1, 1, Decimal("91.32"), Decimal("91.32")),
        ("97110", "", 2, 3, Decimal("57.58"), Decimal("172.74")),
        ("97140", "", 1, 3, Decimal("27.17"), Decimal("81.51")),
    ]
    assert gfe.total == Decimal("345.57")  # 91.32 + 3 x 84.75
    assert len(gfe.itemisation) == 2  # the default split's sentence and the fee schedule's


def test_an_assistants_codes_carry_their_modifier_on_the_good_faith_estimate() -> None:
    """97110-CQ is itemised with its modifier and at 85 %: 26.83 x 0.85 = 22.81 and 20.79 x 0.85 = 17.67."""
    # 26.83 x 0.85 = 22.8055 -> 22.81; 20.79 x 0.85 = 17.6715 -> 17.67 (half up, per line).
    result = priced_pt_estimate(services="97110-CQx2,97140")

    items = _items(result)

    assert items[1:] == [
        ("97110", "CQ", 1, 3, Decimal("22.81"), Decimal("68.43")),
        ("97110", "CQ", 1, 3, Decimal("17.67"), Decimal("53.01")),
        ("97140", "", 1, 3, Decimal("19.72"), Decimal("59.16")),
    ]
    assert good_faith_estimate(result, clinic=CLINIC, issued=ISSUED).items[1].service == (
        "Therapeutic exercise, each 15 minutes, by a PT assistant"
    )


def test_a_self_pay_plan_priced_from_codes_itemises_its_own_lines() -> None:
    """Under the self-pay plan itself (Medicare's amounts as a stand-in) the items are the lines, summing to 293.34."""
    care = CarePlan(
        start_date=START, pt=Course(visits_per_week=2, weeks=2, services="97110x2,97140", eval_services="97162")
    )
    result = estimate(catalog_plan("self-pay"), care, fees=alabama())

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)

    assert as_self_pay(result) is result
    assert [item.charge_per_visit for item in gfe.items] == [Decimal(s) for s in ("91.32", "26.83", "20.79", "19.72")]
    assert gfe.total == result.patient_total == Decimal("293.34")


@settings(max_examples=40)
@given(
    self_pay_rate=st.none() | money("400"),
    billed_rate=st.none() | money("400"),
    in_network=st.booleans(),
    services=st.sampled_from(["97110x2,97140", "97530x3", "97112,97110-CQx2,97535", "97140x4"]),
    weeks=st.integers(1, 3),
)
def test_the_itemised_priced_charges_add_up_exactly_to_the_self_pay_total(
    self_pay_rate: Decimal | None, billed_rate: Decimal | None, in_network: bool, services: str, weeks: int
) -> None:
    """Any self-pay or billed rate over any codes: the items are never negative and add up to the cent."""
    course = Course(
        visits_per_week=2,
        weeks=weeks,
        services=services,
        eval_services="97162",
        self_pay_rate=self_pay_rate,
        billed_rate=billed_rate,
    )
    care = CarePlan(start_date=START, pt=course, in_network=in_network)
    result = estimate(medicare_priced_plan(), care, fees=alabama())

    gfe = good_faith_estimate(result, clinic=CLINIC, issued=ISSUED)

    assert gfe.total == as_self_pay(result).patient_total
    assert all(item.charge_per_visit >= 0 for item in gfe.items)
    assert sum(item.visits for item in gfe.items if item.code == "97162") == 1
