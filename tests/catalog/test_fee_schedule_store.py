"""Issue 12: fee_schedules.csv beside plans.csv, read and saved with the catalog's checks, lock, history and log."""

from __future__ import annotations

import json
import os
from decimal import Decimal as D
from pathlib import Path

import pytest

from coverage.catalog.fee_schedule_store import (
    fee_schedules_path,
    load_fee_schedules,
    open_fee_schedules,
    save_fee_schedules,
    schedule_cells,
)
from coverage.catalog.store import (
    HISTORY_FOLDER,
    NO_CATALOG,
    CatalogChangedError,
    CatalogSaveError,
    catalog_version,
    saves_log,
)
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.fees.problems import FeeScheduleFileError, FileProblem

FILE = (
    "schedule_id,code,modifier,rate,notes\n"
    "acme-2026,97110,,40.00,typed from the contract\n"
    "acme-2026,97110,CQ,34.00,\n"
    'bluecross-ppo,97140,,$45,"from b.json, last updated 2026-11-01, Blue PPO"\n'
)


@pytest.fixture
def fees(tmp_path: Path) -> Path:
    """fee_schedules.csv holding FILE, in its own folder."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(FILE, encoding="utf-8")
    return path


def _history(path: Path) -> list[Path]:
    return sorted((path.parent / HISTORY_FOLDER).glob("fee_schedules-*.csv"))


def test_the_fee_schedules_file_is_the_one_beside_plans_csv(tmp_path: Path) -> None:
    """A clinic keeping plans.csv in /srv/clinic keeps /srv/clinic/fee_schedules.csv."""
    assert fee_schedules_path(tmp_path / "plans.csv") == tmp_path / "fee_schedules.csv"


def test_no_file_means_no_schedules_and_the_version_of_a_file_not_written_yet(tmp_path: Path) -> None:
    """A clinic that never made a schedule has none: no error, version 'none'."""
    opened = open_fee_schedules(tmp_path / "fee_schedules.csv")

    assert (opened.schedules, opened.version) == (ClinicFeeSchedules(), NO_CATALOG)


def test_the_rates_are_read_by_schedule_code_and_modifier(fees: Path) -> None:
    """acme-2026 has 97110 at 40.00 and 97110-CQ at 34.00; bluecross-ppo's typed $45 is 45.00."""
    schedules = load_fee_schedules(fees)

    acme = schedules.schedule("acme-2026")
    assert (acme.rate_row("97110").rate, acme.rate_row("97110", "CQ").rate) == (D("40.00"), D("34.00"))
    assert schedules.schedule("bluecross-ppo").rate_row("97140").rate == D("45.00")


def test_a_file_with_a_bad_cell_is_refused_with_its_line_and_column(fees: Path) -> None:
    """A rate of 'forty' on line 3 is named by line and column, never read as a zero."""
    fees.write_text(FILE.replace("34.00", "forty"), encoding="utf-8")

    with pytest.raises(FeeScheduleFileError) as caught:
        load_fee_schedules(fees)

    assert [(p.line, p.column) for p in caught.value.problems] == [(3, "rate")]


def test_a_file_that_is_not_utf8_text_is_refused_naming_the_line(fees: Path) -> None:
    """A Latin-1 é on line 2 (a spreadsheet's 'CSV' export) is a problem of line 2, not a traceback."""
    fees.write_bytes(FILE.replace("contract", "contrat é").encode("latin-1"))

    with pytest.raises(FeeScheduleFileError) as caught:
        load_fee_schedules(fees)

    assert caught.value.problems == (FileProblem(2, None, "is not UTF-8 text: save the file as CSV UTF-8"),)


def test_a_save_and_a_load_give_back_the_same_schedules(fees: Path) -> None:
    """The rows written as cells read back as the same rates, and the version returned is the file's."""
    before = load_fee_schedules(fees)

    version = save_fee_schedules(fees, schedule_cells(before), expected_version=catalog_version(fees), saved_by="KM")

    assert load_fee_schedules(fees) == before
    assert version == catalog_version(fees)
    assert fees.read_text(encoding="utf-8").splitlines()[3] == (
        'bluecross-ppo,97140,,45.00,"from b.json, last updated 2026-11-01, Blue PPO"'  # $45 written as 45.00
    )


def test_a_save_keeps_the_old_file_in_history_and_logs_who_saved(fees: Path) -> None:
    """The file before the save is copied whole to history/, and the saves log names the staff member."""
    text = FILE.replace("40.00", "41.00")

    version = save_fee_schedules(fees, text, expected_version=catalog_version(fees), saved_by="KM")

    assert fees.read_text(encoding="utf-8") == text
    (kept,) = _history(fees)
    assert kept.read_text(encoding="utf-8") == FILE
    logged = json.loads(saves_log(fees).read_text(encoding="utf-8"))
    assert (logged["file"], logged["saved_by"], logged["version"], logged["previous_kept_as"]) == (
        "fee_schedules.csv",
        "KM",
        version,
        kept.name,
    )


def test_a_bad_cell_is_refused_before_anything_is_written(fees: Path) -> None:
    """A zero rate and a code of four digits: both reported, the file, history/ and the log untouched."""
    rows = [["acme-2026", "97110", "", "0", ""], ["acme-2026", "9711", "", "40.00", ""]]

    with pytest.raises(FeeScheduleFileError) as caught:
        save_fee_schedules(fees, rows, expected_version=catalog_version(fees), saved_by="KM")

    assert [(p.line, p.column) for p in caught.value.problems] == [(2, "rate"), (3, "code")]
    assert fees.read_text(encoding="utf-8") == FILE
    assert not (fees.parent / HISTORY_FOLDER).exists()


def test_a_save_made_to_an_older_version_is_refused_and_the_colleagues_save_kept(fees: Path) -> None:
    """Two staff open version 1; the first saves; the second's save is refused and the first's rates stay."""
    opened = open_fee_schedules(fees).version
    first = FILE.replace("40.00", "41.00")
    save_fee_schedules(fees, first, expected_version=opened, saved_by="KM")

    with pytest.raises(CatalogChangedError):
        save_fee_schedules(fees, FILE.replace("40.00", "39.00"), expected_version=opened, saved_by="AB")

    assert fees.read_text(encoding="utf-8") == first


def test_the_first_save_creates_the_file(tmp_path: Path) -> None:
    """Saved to the version of no file: fee_schedules.csv appears with the header and the row; no history copy."""
    path = tmp_path / "fee_schedules.csv"

    save_fee_schedules(path, [["acme-2026", "97110", "", "40.00", ""]], expected_version=NO_CATALOG, saved_by="KM")

    assert path.read_text(encoding="utf-8") == "schedule_id,code,modifier,rate,notes\nacme-2026,97110,,40.00,\n"
    assert _history(path) == []


def test_a_read_only_folder_is_said_in_words_and_the_file_is_unchanged(
    fees: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk refuses the write: CatalogSaveError says so; the file is the old one."""

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)

    with pytest.raises(CatalogSaveError, match="read-only"):
        save_fee_schedules(fees, FILE.replace("40.00", "41.00"), expected_version=catalog_version(fees), saved_by="KM")

    assert fees.read_text(encoding="utf-8") == FILE
