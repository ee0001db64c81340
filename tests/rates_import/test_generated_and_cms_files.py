"""Generated files of any seed and order, and CMS's own example files, give exactly what they should."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage.rates_import import rates_file
from coverage.rates_import.merge import merge_file_rates
from coverage.rates_import.problems import ImportResult
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from coverage.rates_import.rates_file import read_rates_file
from coverage.rates_import.therapy_codes import parse_code_list
from tests.conftest import SHARED_DATA
from tests.rates_import.documents import CLINIC_NPI
from tests.rates_import.generator import ExpectedImport, generate_rates_file

TIC = SHARED_DATA / "tic"
FILTER = RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "acme-ppo", date(2026, 12, 1))


def kind_of(message: str) -> str:
    """The kind of a problem, from its sentence."""
    for words, kind in (("different rates", "conflict"), ("% of billed charges", "percentage"), ("expired", "expired")):
        if words in message:
            return kind
    return message


def imported(path: Path, rate_filter: RateFilter = FILTER) -> ImportResult:
    """One file read and merged."""
    return merge_file_rates([read_rates_file(path, rate_filter)], rate_filter.schedule_id)


def assert_as_expected(result: ImportResult, expected: ExpectedImport) -> None:
    """The rows, the kinds of problem and the rounding notes are the generator's."""
    assert {(r.code, r.modifier): r.rate for r in result.rows} == expected.rows
    assert {(p.code, p.modifier, kind_of(p.message)) for p in result.problems} == expected.problems
    assert len(result.problems) == len(expected.problems)
    for row in result.rows:
        if (row.code, row.modifier) in expected.rounded:
            assert f"the file gives {expected.rounded[row.code, row.modifier]}, rounded half up" in row.notes
    assert result.entries_read == expected.entries


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10_000), references_after=st.booleans(), gz=st.booleans())
def test_a_generated_file_gives_exactly_the_rows_and_problems_it_was_made_with(
    tmp_path: Path, seed: int, references_after: bool, gz: bool
) -> None:
    """Whatever the seed, the order of the sections and the compression, the import finds what was planted."""
    path = tmp_path / ("rates.json.gz" if gz else "rates.json")
    expected = generate_rates_file(path, seed=seed, size_bytes=60_000, references_after=references_after, gz=gz)

    assert_as_expected(imported(path), expected)


def test_a_generated_file_read_twice_past_the_held_bound_gives_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """References at the end with room for 3 held prices: a second pass, the same rows and problems."""
    monkeypatch.setattr(rates_file, "HELD_PRICES", 3)
    path = tmp_path / "rates.json"
    expected = generate_rates_file(path, seed=7, size_bytes=300_000, references_after=True)

    read = read_rates_file(path, FILTER)

    assert read.read_twice
    assert_as_expected(merge_file_rates([read], "acme-ppo"), expected)


def test_a_generated_file_reaches_the_size_asked(tmp_path: Path) -> None:
    """Asked for 1 MB, the generator writes a little over 1 MB of valid JSON."""
    expected = generate_rates_file(tmp_path / "big.json", seed=1, size_bytes=1_000_000)

    assert 1_000_000 <= expected.size < 1_010_000


# What each CMS example yields, worked by hand from the files (shared/data/tic):
# - all-negotiated-types, NPI 1234567890 (reference 1): the one therapy code, 97110, is 65.0 % of
#   billed charges (a problem). With --codes 99214,80053,27447,99285 on 2024-06-01: 99214 150.00
#   (negotiated, office) and 80053 45.00 (derived, places 11 and 81) are rows; 27447's professional
#   fee schedule price is for places 21/22 only and its other price is institutional; 99285 is
#   reference 2's only. On 2026-12-01 everything expired on 2024-12-31 (97110 is reported as expired).
# - fee-for-service and multiple-plans, NPI 1111111111: 27447-AS 123.45 (places 18, 19, 11) and
#   27448 12003.45 (CSTM-00 / places 18, 19, 11) on 2021-06-01; 27447's 120.45 is for places 05-07
#   and the "both" / institutional prices are not professional. On 2026-12-01 both expired 2022-01-01.
# - no-npi (institutional only), bundle (ICD code 81.54) and capitation (professional price for
#   places 05-07 only): nothing, whatever the codes.
CMS_TABLE = [
    ("in-network-rates-all-negotiated-types-sample.json", "1234567890", None, "2024-06-01", {}, ["percentage"]),
    ("in-network-rates-all-negotiated-types-sample.json", "1234567890", "99214,80053,27447,99285", "2024-06-01",
     {("99214", ""): "150.00", ("80053", ""): "45.00"}, []),
    ("in-network-rates-all-negotiated-types-sample.json", "1234567890", "97110,99214,80053", "2026-12-01",
     {}, ["expired", "expired", "expired"]),
    ("in-network-rates-fee-for-service-single-plan-sample.json", "1111111111", None, "2021-06-01", {}, []),
    ("in-network-rates-fee-for-service-single-plan-sample.json", "1111111111", "27447,27448", "2021-06-01",
     {("27447", "AS"): "123.45", ("27448", ""): "12003.45"}, []),
    ("in-network-rates-fee-for-service-single-plan-sample.json", "1111111111", "27447,27448", "2026-12-01",
     {}, ["expired", "expired"]),
    ("in-network-rates-multiple-plans-sample.json", "1111111111", "27447,27448", "2021-06-01",
     {("27447", "AS"): "123.45", ("27448", ""): "12003.45"}, []),
    ("in-network-rates-no-npi.json", "1111111111", "27447", "2021-06-01", {}, []),
    ("in-network-rates-bundle-single-plan-sample.json", "1111111111", "27447,27446", "2021-06-01", {}, []),
    ("in-network-rates-capitation-single-plan-sample.json", "1111111111", "27447", "2021-06-01", {}, []),
]  # fmt: skip


@pytest.mark.parametrize(("name", "npi", "codes", "run_date", "rows", "problem_kinds"), CMS_TABLE)
def test_each_cms_example_file_yields_what_was_worked_out_by_hand(
    name: str, npi: str, codes: str | None, run_date: str, rows: dict[tuple[str, str], str], problem_kinds: list[str]
) -> None:
    """CMS's example in-network files give the rows and problems of the hand-worked table."""
    fields = {} if codes is None else {"codes": parse_code_list(codes)}
    rate_filter = RateFilter(ClinicProviders(npis=frozenset({npi})), "s", date.fromisoformat(run_date), **fields)

    result = imported(TIC / name, rate_filter)

    assert {(r.code, r.modifier): str(r.rate) for r in result.rows} == rows
    assert [kind_of(p.message) for p in result.problems] == problem_kinds


def test_a_cms_rows_note_names_the_file_its_date_and_its_plan() -> None:
    """The multiple-plans example has no plan name, so its note names the reporting entity's plans."""
    rate_filter = RateFilter(
        ClinicProviders(npis=frozenset({"1111111111"})), "s", date(2021, 6, 1), codes=frozenset({"27448"})
    )

    (row,) = imported(TIC / "in-network-rates-multiple-plans-sample.json", rate_filter).rows

    assert row.notes == "from in-network-rates-multiple-plans-sample.json, last updated 2020-08-27, the plans of cms"
    assert row.rate == D("12003.45")


def test_memory_stays_flat_when_the_file_grows(tmp_path: Path) -> None:
    """Reading a 3 MB file (references at the end) peaks within 1 MiB of a 1 MB one, under 32 MiB."""
    import tracemalloc

    peaks = []
    for megabytes in (1, 3):
        path = tmp_path / f"rates-{megabytes}.json"
        generate_rates_file(path, seed=3, size_bytes=megabytes * 1_000_000, references_after=True)
        tracemalloc.start()
        read_rates_file(path, FILTER)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()

    assert peaks[1] - peaks[0] < 1 << 20
    assert max(peaks) < 32 << 20
