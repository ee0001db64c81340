"""The issue's rules for one price, and whose prices they are: a hand-worked table per rule."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from coverage.rates_import.prices import clinic_price, price_outcomes
from coverage.rates_import.problems import FoundRate, RateProblem
from coverage.rates_import.rate_filter import ClinicProviders, ProviderIdError, RateFilter, parse_npi, parse_tin
from coverage.rates_import.rates_file import read_rates_file
from coverage.rates_import.therapy_codes import THERAPY_CODES, CodeListError, parse_code_list
from tests.conftest import SHARED_DATA
from tests.rates_import.documents import (
    CLINIC_NPI,
    CLINIC_TIN,
    OTHER_NPI,
    OTHER_TIN,
    document,
    entry,
    group,
    price,
    rate,
    reference,
    write,
)

RUN_DATE = date(2026, 12, 1)


def outcome(body: dict[str, Any], arrangement: str = "ffs") -> list[tuple[str, str, str]]:
    """What the rules make of one price of 97110: ("rate" or "problem", modifier, rate or message)."""
    parts = clinic_price(body)
    if parts is None:
        return [("skipped", "", "")]
    results = price_outcomes("f.json", "97110", arrangement, parts, RUN_DATE)
    return [
        ("rate", r.modifier, str(r.rate)) if isinstance(r, FoundRate) else ("problem", r.modifier, r.message)
        for r in results
    ]


def gone(reason: str) -> list[tuple[str, str, str]]:
    """The outcome of a price left out for ``reason`` (no modifier)."""
    return [("problem", "", f"{reason}: left out")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The three dollar types become rates per unit.
        (price("31.50"), [("rate", "", "31.50")]),
        (price("31.50", kind="fee schedule"), [("rate", "", "31.50")]),
        (price("31.50", kind="derived"), [("rate", "", "31.50")]),
        # Percentage of billed charges and per diem are reported with their figure.
        (price("65.0", kind="percentage"), gone("paid at 65.0% of billed charges, not a dollar rate")),
        (price("550", kind="per diem"), gone("a per diem rate of 550 a day, not a rate per unit")),
        # Expired the day before the run: reported; expiring on the run date: still in force.
        (price("31.50", expires="2026-11-30"), gone("the rate 31.50 expired on 2026-11-30")),
        (price("31.50", expires="2026-12-01"), [("rate", "", "31.50")]),
        # An expired percentage is reported as expired (the first rule it fails).
        (price("65", kind="percentage", expires="2024-12-31"), gone("the rate 65 expired on 2024-12-31")),
        # Place of service: the office (11) or every place (CSTM-00); none listed keeps it.
        (price("31.50", places=["11", "22"]), [("rate", "", "31.50")]),
        (price("31.50", places=["CSTM-00"]), [("rate", "", "31.50")]),
        (price("31.50", places=[]), [("rate", "", "31.50")]),
        (price("31.50", places=["22", "19"]), [("skipped", "", "")]),
        # Only professional prices are the clinic's.
        (price("31.50", billing_class="institutional"), [("skipped", "", "")]),
        (price("31.50", billing_class="both"), [("skipped", "", "")]),
        # Modifiers: one rate per modifier listed, upper-cased.
        (price("31.50", modifiers=["GP"]), [("rate", "GP", "31.50")]),
        (price("26.78", modifiers=["cq", "CO"]), [("rate", "CQ", "26.78"), ("rate", "CO", "26.78")]),
        # More than two decimals: half up to the cent. 28.125 -> 28.13; 28.124 -> 28.12; 28.1 is 28.10.
        (price("28.125"), [("rate", "", "28.13")]),
        (price("28.124"), [("rate", "", "28.12")]),
        (price("28.1"), [("rate", "", "28.10")]),
        (price("0.004"), gone("the rate 0.004 rounds to $0.00")),
        (price("31.50", expires="soon"), gone("expiration date 'soon' is not a date (YYYY-MM-DD)")),
    ],
)
def test_each_rule_of_the_issue_on_one_price(body: dict[str, Any], expected: list[tuple[str, str, str]]) -> None:
    """Each price becomes a rate, a problem with its figure, or is skipped as not the clinic's."""
    assert outcome(body) == expected


@pytest.mark.parametrize("arrangement", ["bundle", "capitation"])
def test_a_bundle_or_capitation_amount_is_not_a_fee_per_unit(arrangement: str) -> None:
    """A bundle or capitation price is reported, never written as the code's rate."""
    assert outcome(price("2000.00"), arrangement) == [
        ("problem", "", f"a {arrangement} arrangement (2000.00 for the whole), not a fee per unit: left out")
    ]


def test_a_rounded_rate_remembers_the_amount_it_was_rounded_from() -> None:
    """28.125 is kept as 28.13 with 28.125 as the amount the note will quote."""
    parts = clinic_price(price("28.125"))
    assert parts is not None

    (result,) = price_outcomes("f.json", "97110", "ffs", parts, RUN_DATE)

    assert result == FoundRate("97110", "", D("28.13"), rounded_from=D("28.125"))


# The provider groups of the table below: reference 1 is the clinic's NPI under the clinic's tax id,
# 2 the clinic's NPI under another tax id, 3 another NPI under the clinic's tax id, 4 neither.
GROUPS = {
    1: group([CLINIC_NPI], CLINIC_TIN),
    2: group([CLINIC_NPI], OTHER_TIN),
    3: group([OTHER_NPI], CLINIC_TIN),
    4: group([OTHER_NPI], OTHER_TIN),
}


@pytest.mark.parametrize(
    ("npis", "tin", "matched"),
    [
        ({CLINIC_NPI}, None, {1, 2}),  # --npi alone: under any tax id
        (set(), "123456789", {1, 3}),  # --tin alone: every group with that tax id
        ({CLINIC_NPI}, "123456789", {1}),  # both: one group with that tax id listing the NPI
        ({OTHER_NPI, CLINIC_NPI}, None, {1, 2, 3, 4}),  # several NPIs: any of them
    ],
)
def test_npi_and_tin_matching_semantics(tmp_path: Path, npis: set[str], tin: str | None, matched: set[int]) -> None:
    """A rate is the clinic's by the issue's NPI/TIN rules; each reference has its own rate (10 + id)."""
    entries = [entry("97110", *(rate(price(f"{10 + gid}.00"), refs=[gid]) for gid in GROUPS))]
    path = write(tmp_path / "rates.json", document(entries, [reference(gid, g) for gid, g in GROUPS.items()]))
    rate_filter = RateFilter(ClinicProviders(npis=frozenset(npis), tin=tin), "s", RUN_DATE)

    result = read_rates_file(path, rate_filter)

    assert {int(r.rate) - 10 for r in result.rates} == matched


def test_a_tin_level_contract_matches_the_tin_but_not_an_npi(tmp_path: Path) -> None:
    """A group with "npi": [0] (the contract is with the tax id) is matched by --tin, not by --npi."""
    entries = [entry("97110", rate(price("30.00"), refs=[1]))]
    path = write(tmp_path / "r.json", document(entries, [reference(1, group([0], CLINIC_TIN))]))

    by_tin = read_rates_file(path, RateFilter(ClinicProviders(tin="123456789"), "s", RUN_DATE))
    by_npi = read_rates_file(path, RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "s", RUN_DATE))

    assert (len(by_tin.rates), len(by_npi.rates)) == (1, 0)


def test_a_problem_of_another_practice_is_not_the_clinics_problem(tmp_path: Path) -> None:
    """Percentage and expired prices of other providers are neither rows nor problems."""
    entries = [entry("97110", rate(price("65", kind="percentage"), price("20", expires="2020-01-01"), refs=[2]))]
    path = write(tmp_path / "r.json", document(entries, [reference(2, GROUPS[4])]))

    result = read_rates_file(path, RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "s", RUN_DATE))

    assert (result.rates, result.problems) == ((), ())


def test_codes_outside_the_list_and_non_cpt_code_types_are_not_read(tmp_path: Path) -> None:
    """99213 is not a therapy code, and 97110 as a revenue code (RC) is not the CPT code."""
    entries = [entry("99213", rate(price("90.00"))), entry("97110", rate(price("31.50")), code_type="RC")]
    path = write(tmp_path / "r.json", document(entries, [reference(1, GROUPS[1])]))

    result = read_rates_file(path, RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "s", RUN_DATE))

    assert result.rates == ()
    assert result.entries_read == 2


def test_the_default_codes_are_the_codes_of_the_cms_therapy_file() -> None:
    """THERAPY_CODES lists exactly the HCPCS codes of cms_mpfs_2025_oct_therapy_rvus.csv, in its order."""
    with (SHARED_DATA / "cms_mpfs_2025_oct_therapy_rvus.csv").open(encoding="utf-8") as handle:
        codes = tuple(row["HCPCS"] for row in csv.DictReader(handle))

    assert codes == THERAPY_CODES
    assert {"92507", "97110", "97140", "97161", "97168", "97530"} <= set(THERAPY_CODES)


def test_a_code_list_is_read_and_a_bad_code_is_refused() -> None:
    """--codes takes comma-separated five-character codes; anything else is a sentence."""
    assert parse_code_list(" 97110,97140 ,g0283") == frozenset({"97110", "97140", "G0283"})
    with pytest.raises(CodeListError, match="'9711' is not a CPT or HCPCS code"):
        parse_code_list("97110,9711")


@pytest.mark.parametrize(("text", "words"), [("123456789", "not an NPI"), ("0123456789", "not an NPI")])
def test_an_npi_that_is_not_ten_digits_is_refused(text: str, words: str) -> None:
    """An NPI has ten digits and does not start with 0."""
    with pytest.raises(ProviderIdError, match=words):
        parse_npi(text)


def test_a_tin_is_read_with_or_without_its_dash_and_the_clinic_needs_one_id() -> None:
    """12-3456789 and 123456789 are one tax id; a clinic with neither NPI nor tax id is refused."""
    assert parse_tin("12-3456789") == parse_tin("123456789") == "123456789"
    with pytest.raises(ProviderIdError, match="not a tax id"):
        parse_tin("12-345")
    with pytest.raises(ProviderIdError, match="--npi"):
        ClinicProviders()


def test_a_problem_reads_as_file_code_and_reason() -> None:
    """A problem prints as 'file: code-modifier: message'."""
    assert str(RateProblem("f.json", "97110", "GP", "expired")) == "f.json: 97110-GP: expired"
