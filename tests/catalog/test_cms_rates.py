"""Issue 16: monthly premiums from the CMS Rate PUF, for one age and one rating area, never guessed."""

from __future__ import annotations

import csv
from decimal import Decimal as D
from pathlib import Path

import pytest

from coverage.catalog.cms_import import RateChoice, age_band, import_cms
from coverage.catalog.cms_import.rates import read_premiums, standard_component
from tests.cms_fixtures import FIXTURES

RATES = FIXTURES / "cms_rates_2016.csv"


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "0-14"), (14, "0-14"), (15, "15"), (40, "40"), (63, "63"), (64, "64 and over"), (90, "64 and over")],
)
def test_an_age_falls_in_the_rate_pufs_band(age: int, band: str) -> None:
    """Children to 14 share a band, then one a year, and everyone from 64 shares the last."""
    assert age_band(age) == band


def test_every_variant_shares_its_standard_components_premium() -> None:
    """12345AK0010001-01 and -02 are one plan for premiums: the first 14 characters."""
    assert standard_component("12345AK0010001-01") == standard_component("12345AK0010001-02") == "12345AK0010001"


@pytest.mark.parametrize(
    ("age", "area", "plan_id", "expected"),
    [
        (40, "Rating Area 1", "30751MT0560020-00", D("312.45")),  # RowNumber 3
        (21, "Rating Area 1", "30751MT0560020-00", D("245.50")),  # RowNumber 2
        (64, "Rating Area 1", "30751MT0560020-00", D("736.77")),  # "64 and over", RowNumber 4
        (40, "Rating Area 2", "30751MT0560020-00", D("330.00")),  # another area, RowNumber 5
        (40, "Rating Area 1", "91762NJ0070004-00", D("401.10")),  # January's rate, not April's (RowNumber 8)
        (40, "Rating Area 1", "10091OR0360005-04", D("350.00")),  # "rating area 1" is the same area
        (40, "Rating Area 1", "87571OK0320071-02", None),  # only a Rating Area 3 rate
        (30, "Rating Area 1", "30751MT0560020-00", None),  # no age-30 row
    ],
)
def test_the_premium_is_the_individual_rate_of_that_age_area_and_new_year(
    age: int, area: str, plan_id: str, expected: D | None
) -> None:
    """The IndividualRate of the age's band, in the area, in effect on 1 January; none when there is no such row."""
    premiums = read_premiums(RATES, age=age, rating_area=area)

    assert premiums.premium(plan_id, "2016") == expected


def test_two_different_rates_for_one_age_are_reported_and_not_guessed() -> None:
    """66083OH0610011 has 280.00 twice and 285.00 once at 40: a problem naming both, on the line of the 285.00."""
    premiums = read_premiums(RATES, age=40, rating_area="Rating Area 1")

    problem = premiums.premium("66083OH0610011-00", "2016")

    assert not isinstance(problem, D)
    assert problem is not None
    assert (problem.line, problem.premium_only) == (12, True)  # file lines: the header is line 1
    assert "280.00 on line 10, 285.00 here" in problem.message


def test_the_import_writes_the_premium_column_and_reports_the_conflict(tmp_path: Path) -> None:
    """--rates: the catalog's last column is monthly_premium, blank where unknown or in conflict."""
    out = tmp_path / "catalog.csv"

    report = import_cms(
        FIXTURES / "cms_benefits_2016.csv",
        FIXTURES / "cms_plan_attributes_2016.csv",
        out,
        rates=RateChoice(RATES, 40, "Rating Area 1"),
    )

    with out.open(encoding="utf-8", newline="") as text:
        rows = {row["plan_id"]: row["monthly_premium"] for row in csv.DictReader(text)}
    assert rows == {
        "30751MT0560020-00": "312.45",
        "91762NJ0070004-00": "401.10",
        "66083OH0610011-00": "",  # two different rates: reported
        "10091OR0360005-04": "350.00",  # the -04 variant shares its standard component's rate
        "87571OK0320071-02": "",  # no rate in this area
    }
    assert [p.plan_id for p in report.problems if p.premium_only] == ["66083OH0610011-00"]
    assert report.plans_written == 5
