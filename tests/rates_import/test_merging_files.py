"""The run's merge: one row per code and modifier, conflicts reported with both rates and left out."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.rates_import.merge import merge_file_rates
from coverage.rates_import.problems import FileRates, FoundRate
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from coverage.rates_import.rates_file import read_rates_file
from tests.rates_import.documents import CLINIC_NPI, clinic_references, document, entry, price, rate, write

RUN_DATE = date(2026, 12, 1)
FILTER = RateFilter(ClinicProviders(npis=frozenset({CLINIC_NPI})), "acme-ppo", RUN_DATE)


def file_rates(name: str, *rates: FoundRate) -> FileRates:
    """A per-file result with the given rates and no problems."""
    return FileRates(name, f"{name}, last updated 2026-11-01, Test PPO", "2026-11-01", "Test PPO", rates, (), 1, 100)


def test_the_same_rate_twice_is_one_row_and_two_rates_are_a_conflict(tmp_path: Path) -> None:
    """97110 at 31.50 twice is a row; 97140 at 29.75 and 30.00 is a conflict naming both, with no row."""
    entries = [
        entry("97110", rate(price("31.50")), rate(price("31.50"))),
        entry("97140", rate(price("29.75")), rate(price("30.00"))),
    ]
    path = write(tmp_path / "a.json", document(entries, clinic_references()))

    result = merge_file_rates([read_rates_file(path, FILTER)], "acme-ppo")

    assert [(r.code, r.rate) for r in result.rows] == [("97110", D("31.50"))]
    (conflict,) = result.problems
    assert (conflict.file, conflict.code, conflict.modifier) == ("a.json", "97140", "")
    assert "$29.75 (a.json), $30.00 (a.json)" in conflict.message
    assert "never averaged" in conflict.message


def test_conflicts_are_looked_for_across_files_and_per_modifier() -> None:
    """97110-GP differs between two files (a conflict); 97110 without modifier agrees (a row)."""
    a = file_rates("a.json", FoundRate("97110", "GP", D("31.50")), FoundRate("97110", "", D("30.00")))
    b = file_rates("b.json", FoundRate("97110", "GP", D("32.00")), FoundRate("97110", "", D("30.00")))

    result = merge_file_rates([a, b], "acme-ppo")

    assert [(r.code, r.modifier, r.rate) for r in result.rows] == [("97110", "", D("30.00"))]
    assert result.rows[0].notes == (
        "from a.json, last updated 2026-11-01, Test PPO; b.json, last updated 2026-11-01, Test PPO"
    )
    assert [(p.file, p.code, p.modifier) for p in result.problems] == [("a.json, b.json", "97110", "GP")]
    assert "$31.50 (a.json), $32.00 (b.json)" in result.problems[0].message


def test_expired_and_percentage_prices_are_set_aside_before_conflicts_are_looked_for(tmp_path: Path) -> None:
    """An expired 25.00 and a 60 % beside the live 31.50 leave 31.50 as the row, plus two problems."""
    entries = [
        entry("97110", rate(price("31.50"), price("25.00", expires="2025-12-31"), price("60", kind="percentage")))
    ]
    path = write(tmp_path / "a.json", document(entries, clinic_references()))

    result = merge_file_rates([read_rates_file(path, FILTER)], "acme-ppo")

    assert [(r.code, r.rate) for r in result.rows] == [("97110", D("31.50"))]
    assert [p.message.split(",")[0] for p in result.problems] == [
        "the rate 25.00 expired on 2025-12-31: left out",
        "paid at 60% of billed charges",
    ]


def test_a_rounded_rate_says_so_in_its_note() -> None:
    """28.125 written as 28.13 has a note quoting the file's amount and the rounding."""
    result = merge_file_rates([file_rates("a.json", FoundRate("97110", "", D("28.13"), D("28.125")))], "s")

    assert result.rows[0].notes.endswith("; the file gives 28.125, rounded half up to the cent")


def test_a_note_names_two_files_and_counts_the_rest() -> None:
    """The same rate in four files names the first two and says 'and 2 other files'."""
    files = [file_rates(f"{n}.json", FoundRate("97110", "", D("30.00"))) for n in "abcd"]

    (row,) = merge_file_rates(files, "s").rows

    assert row.notes.endswith("b.json, last updated 2026-11-01, Test PPO and 2 other files")


RATES = st.lists(
    st.tuples(
        st.sampled_from(["97110", "97140", "97530"]),
        st.sampled_from(["", "GP", "CQ"]),
        st.decimals(min_value=D("20.00"), max_value=D("22.00"), places=2),
    ),
    max_size=12,
)


@settings(max_examples=60)
@given(st.lists(RATES, min_size=1, max_size=4), st.randoms())
def test_the_merge_does_not_depend_on_file_order_and_never_writes_a_conflicting_code(
    per_file: list[list[tuple[str, str, D]]], shuffler: object
) -> None:
    """Shuffling the files changes no row; a code+modifier with two rates anywhere is never a row."""
    files = [file_rates(f"{i}.json", *(FoundRate(c, m, r) for c, m, r in rates)) for i, rates in enumerate(per_file)]
    shuffled = list(files)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    rates_of: dict[tuple[str, str], set[D]] = {}
    for rates in per_file:
        for code, modifier, amount in rates:
            rates_of.setdefault((code, modifier), set()).add(amount)

    rows = {(r.code, r.modifier): r.rate for r in merge_file_rates(files, "s").rows}
    again = {(r.code, r.modifier): r.rate for r in merge_file_rates(shuffled, "s").rows}

    assert rows == again
    assert rows == {key: next(iter(amounts)) for key, amounts in rates_of.items() if len(amounts) == 1}
