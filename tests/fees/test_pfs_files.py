"""CMS's fee schedule files: both layouts read alike, the shipped rows are CMS's, import-pfs writes them."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from coverage.fees.localities import localities_in_state, locality_for_county, states
from coverage.fees.pfs import NATIONAL
from coverage.fees.pfs_files import (
    PROVENANCE_FILE,
    RVU_FILE,
    import_pfs,
    load_medicare_fee_schedule,
    read_fee_schedule,
)
from coverage.fees.problems import CodeNotPricedError, PfsFileError, UnknownLocalityError
from tests.conftest import SHARED_DATA

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RAW = (FIXTURES / "PPRRVU2025_Oct_excerpt.csv", FIXTURES / "GPCI2025_excerpt.csv", FIXTURES / "25LOCCO_excerpt.csv")
SHARED = (
    SHARED_DATA / "cms_mpfs_2025_oct_therapy_rvus.csv",
    SHARED_DATA / "cms_mpfs_2025_gpci.csv",
    SHARED_DATA / "cms_mpfs_2025_locality_counties.csv",
)


def test_cms_own_layout_is_read_through_its_stacked_header_and_title_lines() -> None:
    """The PPRRVU excerpt gives the therapy codes (not 99213, not the 92537-26 row) and its release."""
    schedule = read_fee_schedule(*RAW)

    assert sorted(schedule.codes) == ["97010", "97110", "97129", "97140", "97162", "97530", "G0283"]
    assert (
        schedule.release
        == "2025 National Physician Fee Schedule Relative Value File October Release; RELEASED 09/11/2025"
    )
    row = schedule.codes["97110"]
    assert (row.status, row.work_rvu, row.pe_rvu, row.mp_rvu) == (
        "A",
        D("0.45"),
        D("0.43"),
        D("0.01"),
    )
    assert (row.multiple_procedure, row.conversion_factor) == ("5", D("32.3465"))
    assert sorted(schedule.localities) == ["01112-75", "01182-18", "10112-00"]
    assert schedule.localities["10112-00"].pe_gpci == D("0.869")


def test_every_row_of_the_shared_extract_is_shipped_unchanged() -> None:
    """Each of the 91 rows of shared/data's RVU25D extract is a shipped row with the same figures."""
    shipped = load_medicare_fee_schedule()
    with SHARED[0].open(encoding="utf-8", newline="") as text:
        rows = list(csv.DictReader(text))

    assert len(rows) == 91
    for row in rows:
        mine = shipped.codes[row["HCPCS"]]
        assert (mine.status, str(mine.work_rvu), str(mine.pe_rvu), str(mine.mp_rvu)) == (
            row["STATUS_CODE"],
            row["WORK_RVU"],
            row["NON_FAC_PE_RVU"],
            row["MP_RVU"],
        )
        assert (mine.multiple_procedure, str(mine.conversion_factor)) == (row["MULT_PROC"], row["CONV_FACTOR"])


def test_the_shipped_localities_are_the_shared_gpci_and_county_tables() -> None:
    """The shipped GPCIs and county rows equal those read from shared/data's copies of CMS's tables."""
    shipped = load_medicare_fee_schedule()

    shared = read_fee_schedule(*SHARED, release="RVU25D")

    assert shipped.localities == shared.localities
    assert shipped.county_areas == shared.county_areas
    assert len(shipped.localities) == 109
    assert "RELEASED 09/11/2025" in shipped.release


def test_import_pfs_writes_files_that_read_back_as_the_same_schedule(tmp_path: Path) -> None:
    """A newer release imported into a folder reads back equal, with a provenance note of its sources."""
    report = import_pfs(*RAW, tmp_path, today=date(2026, 11, 26))

    again = load_medicare_fee_schedule(tmp_path)

    assert again == read_fee_schedule(*RAW)
    assert (report.codes, report.localities, report.county_areas) == (7, 3, 3)
    note = (tmp_path / PROVENANCE_FILE).read_text(encoding="utf-8")
    assert "2026-11-26" in note
    assert "| `pfs_therapy_rvus.csv` | `PPRRVU2025_Oct_excerpt.csv` |" in note
    assert "RELEASED 09/11/2025" in note


def test_a_file_without_its_release_needs_one_named(tmp_path: Path) -> None:
    """shared/data's extract has no title lines, so import-pfs asks for the release instead of guessing."""
    with pytest.raises(PfsFileError, match="does not say its release"):
        import_pfs(*SHARED, tmp_path)

    assert not (tmp_path / RVU_FILE).exists()


def test_a_relative_value_file_without_a_needed_column_is_refused(tmp_path: Path) -> None:
    """A file lacking MULT_PROC is named with the missing column, not read with a guess."""
    broken = tmp_path / "rvu.csv"
    broken.write_text("HCPCS,MOD,STATUS_CODE,WORK_RVU\n97110,,A,0.45\n", encoding="utf-8")

    with pytest.raises(PfsFileError, match=r"rvu\.csv lacks the column\(s\) NON_FAC_PE_RVU.*MULT_PROC"):
        read_fee_schedule(broken, *RAW[1:])


def test_a_cell_that_is_not_a_number_is_named_with_its_line(tmp_path: Path) -> None:
    """A damaged RVU is reported with file, line, column and code."""
    text = RAW[0].read_text(encoding="utf-8").replace("97110,,,A,,0.45", "97110,,,A,,0.4S")
    broken = tmp_path / "rvu.csv"
    broken.write_text(text, encoding="utf-8")

    with pytest.raises(PfsFileError, match=r"rvu\.csv line 13, WORK_RVU of 97110: '0\.4S' is not a number"):
        read_fee_schedule(broken, *RAW[1:])


def test_a_missing_file_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    """An absent folder of fee schedule files says to run import-pfs."""
    with pytest.raises(PfsFileError, match="run import-pfs"):
        load_medicare_fee_schedule(tmp_path)


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("97010", "bundled into another service"),  # status B: hot or cold packs
        ("97039", "carrier-priced"),  # status C: unlisted modality
        ("97169", "not covered by Medicare"),  # status N: athletic training evaluation
        ("99213", "not in Medicare's fee schedule rows"),  # not a shipped therapy code
    ],
)
def test_a_code_medicare_does_not_price_is_refused_in_words(code: str, says: str) -> None:
    """A code with a status other than A, or none shipped, is a sentence naming the code."""
    with pytest.raises(CodeNotPricedError, match=says):
        load_medicare_fee_schedule().relative_values(code)


def test_a_locality_is_found_with_or_without_leading_zeros_and_blank_is_national() -> None:
    """``10112-00`` and ``10112-0`` are Alabama; blank is the national pricing; unknown ids are refused."""
    schedule = load_medicare_fee_schedule()

    assert schedule.locality("10112-00") == schedule.locality(" 10112-0 ") == schedule.localities["10112-00"]
    assert schedule.locality("") is NATIONAL
    with pytest.raises(UnknownLocalityError, match="'10112-07' is not a locality"):
        schedule.locality("10112-07")
    with pytest.raises(UnknownLocalityError, match="write <MAC>-<locality>"):
        schedule.locality("Alabama")


@pytest.mark.parametrize(
    ("state", "county", "locality"),
    [
        ("GA", "Cobb", "10212-01"),  # listed for Atlanta
        ("GA", "Bibb", "10212-99"),  # "ALL OTHER COUNTIES"
        ("AL", "", "10112-00"),  # statewide
        ("VA", "Arlington", "12202-01"),  # listed "IN VIRGINIA" under DC + MD/VA suburbs
        ("VA", "Henrico", "11302-00"),  # "ALL COUNTIES, EXCEPT ..."
        ("MD", "Prince George's", "12202-01"),  # listed "IN MARYLAND"
        ("CA", "Orange County", "01182-18"),  # CMS spells it ORAGNGE CNTY
        ("CA", "Contra Costa", "01112-05"),  # "SAN FRANCISCO/ALAMEDA/CONTRA COSTA/SAN MATEO"
        ("NY", "Queens", "13292-04"),
        ("mo", "st. louis city", "05302-01"),
    ],
)
def test_a_patients_state_and_county_give_their_locality(state: str, county: str, locality: str) -> None:
    """The county table decides the locality: a named county first, then the rest of the state."""
    assert locality_for_county(load_medicare_fee_schedule(), state, county).locality_id == locality


def test_the_page_lists_states_and_each_states_localities() -> None:
    """53 states and territories; Maryland has its two own localities and DC's suburbs."""
    schedule = load_medicare_fee_schedule()

    assert len(states(schedule)) == 53
    assert [loc.locality_id for loc in localities_in_state(schedule, "MD")] == ["12302-01", "12202-01", "12302-99"]
    with pytest.raises(UnknownLocalityError, match="'ZZ' is not a state"):
        locality_for_county(schedule, "ZZ", "Any")
