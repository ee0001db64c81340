"""Reading in-network rates files as a stream: orders, compression, reference kinds and bad files."""

from __future__ import annotations

import gzip
import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from coverage.rates_import import rates_file
from coverage.rates_import.problems import FileRates, RatesFileError
from coverage.rates_import.rate_filter import ClinicProviders, RateFilter
from coverage.rates_import.rates_file import read_rates_file
from tests.rates_import.documents import (
    CLINIC_NPI,
    CLINIC_TIN,
    OTHER_NPI,
    OTHER_TIN,
    clinic_references,
    document,
    entry,
    group,
    price,
    rate,
    reference,
    write,
)

RUN_DATE = date(2026, 12, 1)


def clinic_filter(**fields: object) -> RateFilter:
    """The clinic by its NPI, on the run date, with the default therapy codes."""
    base: dict[str, object] = {"clinic": ClinicProviders(npis=frozenset({CLINIC_NPI})), "schedule_id": "acme"}
    return RateFilter(run_date=RUN_DATE, **(base | fields))  # type: ignore[arg-type]


def found(result: FileRates) -> dict[tuple[str, str], D]:
    """The rates of a file as {(code, modifier): rate}."""
    return {(r.code, r.modifier): r.rate for r in result.rates}


def two_codes() -> list[dict[str, object]]:
    """97110 at 31.50 for the clinic (28.00 for another practice) and 97140 at 29.75 for the clinic."""
    return [
        entry("97110", rate(price("31.50"), refs=[1]), rate(price("28.00"), refs=[2])),
        entry("97140", rate(price("29.75"), refs=[1, 2])),
    ]


@pytest.mark.parametrize("references_first", [True, False])
@pytest.mark.parametrize("gz", [False, True])
def test_references_before_or_after_the_rates_and_gzip_or_not_give_the_same_rates(
    tmp_path: Path, references_first: bool, gz: bool
) -> None:
    """The clinic's two rates are found whatever the order of the sections and the compression."""
    doc = document(two_codes(), clinic_references(), references_first=references_first)
    path = write(tmp_path / "rates.json", doc, gz=gz)

    result = read_rates_file(path, clinic_filter())

    assert found(result) == {("97110", ""): D("31.50"), ("97140", ""): D("29.75")}
    assert result.problems == ()
    assert result.entries_read == 2
    assert not result.read_twice


def test_a_gzip_file_is_recognised_by_its_content_and_its_compressed_bytes_are_counted(tmp_path: Path) -> None:
    """A .json.gz is read through gzip, and the bytes read are the compressed size on disk."""
    path = write(tmp_path / "rates.json.gz", document(two_codes(), clinic_references()), gz=True)

    result = read_rates_file(path, clinic_filter())

    assert len(found(result)) == 2
    assert result.bytes_read == path.stat().st_size


def test_references_after_the_rates_past_the_held_bound_are_read_in_a_second_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With room to hold one price only, the file is read twice and the rates are the same."""
    monkeypatch.setattr(rates_file, "HELD_PRICES", 1)
    path = write(tmp_path / "rates.json", document(two_codes(), clinic_references(), references_first=False))

    result = read_rates_file(path, clinic_filter())

    assert result.read_twice
    assert found(result) == {("97110", ""): D("31.50"), ("97140", ""): D("29.75")}
    assert result.entries_read == 2


def test_inline_provider_groups_are_matched_like_references(tmp_path: Path) -> None:
    """A rate listing its provider groups inline is the clinic's when a group lists its NPI."""
    entries = [
        entry(
            "97530",
            rate(price("40.00"), groups=[group([CLINIC_NPI], CLINIC_TIN)]),
            rate(price("35.00"), groups=[group([OTHER_NPI], OTHER_TIN)]),
        )
    ]
    path = write(tmp_path / "rates.json", document(entries, []))

    assert found(read_rates_file(path, clinic_filter())) == {("97530", ""): D("40.00")}


def test_a_remote_reference_is_a_problem_unless_its_file_is_given(tmp_path: Path) -> None:
    """A reference given only by URL is reported; with --provider-file naming that file it is matched."""
    location = "https://payer.example/refs/group-7.json?sig=abc"
    entries = [entry("97110", rate(price("31.50"), refs=[7]))]
    path = write(tmp_path / "rates.json", document(entries, [reference(7, location=location)]))
    provider_file = tmp_path / "group-7.json"
    provider_file.write_text(json.dumps({"provider_groups": [group([CLINIC_NPI], CLINIC_TIN)]}), encoding="utf-8")

    without = read_rates_file(path, clinic_filter())
    with_file = read_rates_file(path, clinic_filter(provider_files=(provider_file,)))

    assert found(without) == {}
    assert [(p.code, "--provider-file" in p.message, location in p.message) for p in without.problems] == [
        ("97110", True, True)
    ]
    assert found(with_file) == {("97110", ""): D("31.50")}
    assert with_file.problems == ()


def test_a_remote_reference_of_another_practice_gives_no_rate(tmp_path: Path) -> None:
    """A provider file that lists only another practice's groups does not make the rate the clinic's."""
    entries = [entry("97110", rate(price("31.50"), refs=[7]))]
    path = write(tmp_path / "rates.json", document(entries, [reference(7, location="https://x.example/g7.json")]))
    provider_file = tmp_path / "g7.json"
    provider_file.write_text(json.dumps({"provider_groups": [group([OTHER_NPI], OTHER_TIN)]}), encoding="utf-8")

    result = read_rates_file(path, clinic_filter(provider_files=(provider_file,)))

    assert (found(result), result.problems) == ({}, ())


def test_the_header_names_the_file_its_date_and_plan(tmp_path: Path) -> None:
    """The source used in the notes is the file name, its last_updated_on and the plan name."""
    path = write(tmp_path / "acme-ppo.json", document(two_codes(), clinic_references()))

    result = read_rates_file(path, clinic_filter())

    assert result.source == "acme-ppo.json, last updated 2026-11-01, Test PPO"


def test_the_file_is_never_loaded_whole_with_json_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading works with json.load and json.loads made to fail: the stream parser does the work."""
    path = write(tmp_path / "rates.json", document(two_codes(), clinic_references()))

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("json.load was called")

    monkeypatch.setattr(json, "load", refuse)
    monkeypatch.setattr(json, "loads", refuse)

    assert len(found(read_rates_file(path, clinic_filter()))) == 2


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"in_network": [', "not a complete JSON file"),
        (b"not json at all", "not a complete JSON file"),
        (b"[1, 2, 3]", "not an in-network rates file"),
        (gzip.compress(b'{"in_network": []}')[:-12], "damaged or cut-short gzip"),
    ],
)
def test_a_file_that_is_not_a_whole_rates_file_is_refused_with_a_sentence(
    tmp_path: Path, content: bytes, words: str
) -> None:
    """A cut-short, non-JSON or non-object file raises RatesFileError naming the file."""
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    with pytest.raises(RatesFileError, match=words) as raised:
        read_rates_file(path, clinic_filter())

    assert "bad.json" in str(raised.value)


def test_a_missing_file_and_a_url_are_refused_with_a_sentence(tmp_path: Path) -> None:
    """A path that does not exist says it cannot be read; a URL says there is no network access."""
    with pytest.raises(RatesFileError, match="cannot be read"):
        read_rates_file(tmp_path / "nowhere.json", clinic_filter())
    with pytest.raises(RatesFileError, match="no network access"):
        read_rates_file("https://payer.example/in-network.json.gz", clinic_filter())
