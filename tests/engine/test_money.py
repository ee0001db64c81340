"""Exact money in, exact money out."""

from __future__ import annotations

import re
from decimal import Decimal as D

import pytest

from coverage.engine.money import MoneyError, format_money, parse_money, percent_of, round_cents, to_money


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("95", "95.00"),
        ("95.5", "95.50"),
        ("$1,250.00", "1250.00"),
        (" 15.10 ", "15.10"),
        ("$ 0", "0.00"),
        (".5", "0.50"),
    ],
)
def test_amounts_people_type_are_read_exactly(text: str, amount: str) -> None:
    """Dollars with optional $, thousands commas and up to two decimals become exact Decimals."""
    assert parse_money(text) == D(amount)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "enter an amount"),
        ("abc", "is not an amount in dollars and cents"),
        ("-5", "must not be negative"),
        ("1.234", "more than two decimal places"),
        ("1e3", "is not an amount"),
        ("NaN", "is not an amount"),
        ("99999999999", "must be at most $10,000,000.00"),
        ("1,00", "is not an amount"),
        ("٥", "is not an amount"),  # an Arabic-Indic five: only the digits 0-9 are amounts
    ],
)
def test_text_that_is_not_an_amount_gets_a_plain_message(text: str, message: str) -> None:
    """Letters, negatives, fractions of a cent, exponents and absurd sums are refused, never clamped."""
    with pytest.raises(MoneyError, match=re.escape(message)):
        parse_money(text)


def test_a_float_is_refused_because_its_cents_are_already_lost() -> None:
    """to_money(15.1) raises: a float must come through str at the edge."""
    with pytest.raises(MoneyError, match="not a float"):
        to_money(15.1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "rounded"), [("0.125", "0.13"), ("0.135", "0.14"), ("2.675", "2.68"), ("10.594", "10.59")]
)
def test_rounding_is_half_up_to_the_cent(amount: str, rounded: str) -> None:
    """0.125 -> 0.13, not banker's 0.12."""
    assert round_cents(D(amount)) == D(rounded)


def test_a_percentage_of_an_amount_is_rounded_half_up() -> None:
    """12.5% of 84.75 = 10.59375 -> 10.59; 50% of 0.25 = 0.125 -> 0.13."""
    assert (percent_of(D("84.75"), D("12.5")), percent_of(D("0.25"), D(50))) == (D("10.59"), D("0.13"))


def test_money_is_formatted_with_a_dollar_sign_commas_and_cents() -> None:
    """1234.5 shows as $1,234.50."""
    assert format_money(D("1234.5")) == "$1,234.50"


@pytest.mark.parametrize(("text", "ok"), [("20", True), ("12.5%", True), (" 7 ", True), ("٢٠", False), ("1e2", False),
                                          ("-5", False), ("abc", False)])  # fmt: skip
def test_only_plain_digits_make_a_percentage(text: str, ok: bool) -> None:
    """Percentages accept 0-9 with an optional % sign; other scripts' digits and exponents are refused."""
    from coverage.engine.money import PercentError, to_percent

    if ok:
        assert 0 <= to_percent(text) <= 100
    else:
        with pytest.raises(PercentError):
            to_percent(text)


def test_a_negative_zero_is_plain_zero() -> None:
    """'-0' is not refused as negative and never prints as $-0.00."""
    from decimal import Decimal

    from coverage.engine.money import to_percent

    assert format_money(to_money(Decimal("-0.00"))) == "$0.00"
    assert str(to_percent(Decimal("-0"))) == "0"
