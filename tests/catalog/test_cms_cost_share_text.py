"""Reading the CMS cost-sharing strings, deductible flags and visit limits, one rule per row."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coverage.catalog.cms_import import (
    Deductible,
    PufValueError,
    benefit_cost_share,
    limit_quantity,
    parse_coinsurance,
    parse_copay,
    puf_amount,
    read_limit,
)
from coverage.engine.plans import CopayTiming

AFTER, BEFORE = CopayTiming.AFTER_DEDUCTIBLE, CopayTiming.BEFORE_DEDUCTIBLE


@pytest.mark.parametrize(
    ("text", "amount", "deductible", "per_day"),
    [
        ("$40.00 Copay after deductible", "40.00", Deductible.AFTER, False),
        ("$30 Copay before deductible", "30.00", Deductible.BEFORE, False),
        ("$40", "40.00", Deductible.UNSTATED, False),
        ("$1,500", "1500.00", Deductible.UNSTATED, False),
        ("$1000 Copay after deductible", "1000.00", Deductible.AFTER, False),
        ("No Charge", "0.00", Deductible.NOT_SUBJECT, False),
        ("No Charge after deductible", "0.00", Deductible.AFTER, False),
        ("$0.00", "0.00", Deductible.UNSTATED, False),
        ("0.00%", "0.00", Deductible.UNSTATED, False),  # a zero percentage in the copay column: not used
        ("$50 Copay per Day", "50.00", Deductible.UNSTATED, True),
        ("$700 Copay per Day before deductible", "700.00", Deductible.BEFORE, True),
        ("  $25  ", "25.00", Deductible.UNSTATED, False),  # stray spaces, as the PUFs have
    ],
)
def test_a_copay_cell_is_read_with_its_deductible_wording(
    text: str, amount: str, deductible: Deductible, per_day: bool
) -> None:
    """Each copay string the PUFs use is read into an amount, its deductible wording and per-day flag."""
    part = parse_copay(text)

    assert (part.amount, part.deductible, part.per_day, part.stated) == (Decimal(amount), deductible, per_day, True)


@pytest.mark.parametrize("text", ["", "   ", "Not Applicable"])
def test_a_blank_or_not_applicable_cell_means_the_part_is_not_used(text: str) -> None:
    """Blank and 'Not Applicable' charge nothing and say nothing about the deductible."""
    for parse in (parse_copay, parse_coinsurance):
        part = parse(text)

        assert (part.amount, part.stated) == (Decimal(0), False)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("$500 Copay per Stay", "per stay"),
        ("$250 Copay per Stay after deductible", "per stay"),
        ("$25 Copay with deductible", "with deductible"),
        ("20%", "not a copay"),  # a real percentage in the copay column
        ("$5750 per person", "not a copay"),
        ("Copay", "not a copay"),
    ],
)
def test_a_copay_whose_meaning_is_not_certain_is_refused(text: str, why: str) -> None:
    """Per-stay copays, 'with deductible', and anything unreadable raise PufValueError, never a guess."""
    with pytest.raises(PufValueError, match=why):
        parse_copay(text)


@pytest.mark.parametrize(
    ("text", "pct", "deductible"),
    [
        ("20.00% Coinsurance after deductible", "20.00", Deductible.AFTER),
        ("20% Coinsurance after deductible", "20.00", Deductible.AFTER),
        ("50.00%", "50.00", Deductible.UNSTATED),
        ("0.01%", "0.01", Deductible.UNSTATED),
        ("100%", "100.00", Deductible.UNSTATED),
        ("No Charge", "0.00", Deductible.NOT_SUBJECT),
        ("No Charge after deductible", "0.00", Deductible.AFTER),
        ("$0", "0.00", Deductible.UNSTATED),  # "$0" in the coinsurance column: not used
    ],
)
def test_a_coinsurance_cell_is_read_as_a_percentage(text: str, pct: str, deductible: Deductible) -> None:
    """Each coinsurance string is read into a percentage and its deductible wording."""
    part = parse_coinsurance(text)

    assert (part.amount, part.deductible) == (Decimal(pct), deductible)


@pytest.mark.parametrize(
    "text", ["$20", "120%", "20% Coinsurance before deductible", "20% Coinsurance with deductible"]
)
def test_a_coinsurance_whose_meaning_is_not_certain_is_refused(text: str) -> None:
    """A dollar amount, more than 100%, or an unusual deductible wording is refused."""
    with pytest.raises(PufValueError):
        parse_coinsurance(text)


@pytest.mark.parametrize(
    ("copay", "coinsurance", "flag", "applies", "timing"),
    [
        # The later layout: the strings say it.
        ("$35", "Not Applicable", "", False, AFTER),  # "Charge": no deductible
        ("No Charge", "20%", "", False, AFTER),
        ("$40 Copay after deductible", "Not Applicable", "", True, AFTER),
        ("$30 Copay before deductible", "Not Applicable", "", True, BEFORE),
        ("Not Applicable", "20% Coinsurance after deductible", "", True, AFTER),
        ("No Charge after deductible", "No Charge after deductible", "", True, AFTER),
        ("$35 Copay before deductible", "30% Coinsurance after deductible", "", True, BEFORE),
        ("$35", "30% Coinsurance after deductible", "", True, BEFORE),  # copay first, the rest to the deductible
        ("$0 Copay after deductible", "0%", "", True, AFTER),
        # The 2014-2015 layout: the flag decides what the strings leave unsaid.
        ("$35", "No Charge", "Yes", True, AFTER),
        ("$35", "No Charge", "No", False, AFTER),
        ("$0", "20%", "Yes", True, AFTER),
        ("No Charge", "No Charge", "Yes", True, AFTER),  # subject to the deductible, then nothing
        ("No Charge", "No Charge", "No", False, AFTER),
        ("$35 Copay before deductible", "30% Coinsurance after deductible", "Yes", True, BEFORE),
    ],
)
def test_the_deductible_rule_comes_from_the_strings_and_the_flag(
    copay: str, coinsurance: str, flag: str, applies: bool, timing: CopayTiming
) -> None:
    """deductible_applies and copay_timing follow the table in coverage/cms_import/deductible_rule.py."""
    share = benefit_cost_share(copay, coinsurance, flag)

    assert (share.deductible_applies, share.copay_timing) == (applies, timing)


@pytest.mark.parametrize(
    ("copay", "coinsurance", "flag"),
    [
        ("No Charge", "20% Coinsurance after deductible", "No"),  # the flag says No, the string says deductible
        ("$40 Copay after deductible", "20%", ""),  # copay with the deductible, coinsurance without
        ("No Charge after deductible", "20%", ""),
        ("", "", ""),  # nothing stated
        ("$35", "No Charge", "Maybe"),
    ],
)
def test_cells_that_contradict_each_other_are_refused(copay: str, coinsurance: str, flag: str) -> None:
    """A contradiction between the cells (or with the flag) is refused, not resolved by a guess."""
    with pytest.raises(PufValueError):
        benefit_cost_share(copay, coinsurance, flag)


def test_a_copay_per_day_means_one_copay_per_day() -> None:
    """'$50 Copay per Day' sets one_copay_per_day; a zero copay per day does not need it."""
    assert benefit_cost_share("$50 Copay per Day", "No Charge", "No").one_copay_per_day
    assert not benefit_cost_share("$0 Copay per Day", "20%", "No").one_copay_per_day


@pytest.mark.parametrize(
    ("quantity", "unit", "visits"),
    [
        ("20.0", "Visit(s) per Year", 20),
        ("20", "Visit(s) per year", 20),
        ("35.0", "Visit(s) per Benefit Period", 35),  # a marketplace plan's benefit period is its plan year
        ("", "", None),
    ],
)
def test_a_limit_in_visits_per_year_is_read(quantity: str, unit: str, visits: int | None) -> None:
    """LimitQty with a unit of visits per year or per benefit period is a number of visits."""
    assert limit_quantity(quantity, unit) == visits


@pytest.mark.parametrize(
    ("quantity", "unit"),
    [
        ("30.0", "Days per Year"),
        ("30.0", "Treatment(s) per Year"),
        ("20.0", "Visit(s) per 6 Months"),
        ("2.5", "Visit(s) per Year"),
        ("x", "Visit(s) per Year"),
        ("20", ""),
    ],
)
def test_a_limit_that_is_not_visits_per_plan_year_is_refused(quantity: str, unit: str) -> None:
    """Days, treatments, six-month limits and fractions are not converted into visits."""
    with pytest.raises(PufValueError):
        limit_quantity(quantity, unit)


@pytest.mark.parametrize(
    ("quantity", "explanation", "expected"),
    [
        (30, "", (None, 30, False, None)),
        (30, "PT/OT limited to 30 combined visits per benefit year", (None, 30, False, None)),
        (
            None,
            "Physical Therapy, Speech Therapy, Occupational Therapy, and Chiropractic Care are limited to a combined "
            "maximum of 30 visits per Calendar Year.",
            (None, 30, True, None),
        ),
        (40, "20 visit maximum each service PT, OT", (20, None, False, None)),
        (40, "20 OT visits and 20 PT visits", (20, None, False, None)),
        (20, "Physical and Occupational Therapies have a separate 20 visit limit each.", (20, None, False, None)),
        (35, "Combined with Speech Therapy", (None, 35, True, None)),
        (None, "PA after 20 visits", (None, None, False, 20)),
        (None, "Precertification required", (None, None, False, 0)),
    ],
)
def test_the_explanation_says_how_the_limit_is_shared(
    quantity: int | None, explanation: str, expected: tuple[int | None, int | None, bool, int | None]
) -> None:
    """Real explanation texts: 'each' limits apply per therapy, others to OT and PT together.

    ``expected`` is (each, combined, shared with other therapies, authorization after).
    """
    limit = read_limit(quantity, explanation)

    assert (limit.each, limit.combined, limit.shared_with_others, limit.auth_after_visits) == expected


@pytest.mark.parametrize(
    ("quantity", "explanation"),
    [
        (30, "30 visit limit per calendar year with additional 30 visits per condition for certain conditions."),
        (
            60,
            "Separate visit maximums apply for Occupational (20 visits per calendar year) and Physical Therapy "
            "(40 visits).",
        ),
        (None, "30 Visits per benefit period for Physical Therapy"),  # says nothing about OT
        (
            40,
            "20 vists each per year for Physical Therapy and Occupational Therapy. Rehabilitation and Habilitation "
            "are combined.",
        ),
        (30, "20 visits per year combined"),  # disagrees with LimitQty
        (None, "Quantitative limit units apply, see EHB benchmark"),  # a limit, but no number
    ],
)
def test_an_explanation_that_cannot_be_read_without_guessing_is_refused(quantity: int | None, explanation: str) -> None:
    """Different numbers, both 'each' and 'combined', one therapy only, or no number at all: refused."""
    with pytest.raises(PufValueError):
        read_limit(quantity, explanation)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("$5,750 ", "5750.00"),
        ("$3,100.00 ", "3100.00"),
        ("$500", "500.00"),
        ("65", "65.00"),
        ("Not Applicable", None),
        ("", None),
    ],
)
def test_a_plan_attributes_amount_is_read_exactly(text: str, amount: str | None) -> None:
    """Deductible and maximum strings keep their exact cents; 'Not Applicable' is no amount."""
    assert puf_amount(text) == (None if amount is None else Decimal(amount))


def test_a_plan_attributes_amount_with_words_is_refused() -> None:
    """'$5750 per person' is not read as 5750."""
    with pytest.raises(PufValueError):
        puf_amount("$5750 per person")
