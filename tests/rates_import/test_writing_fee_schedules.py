"""fee_schedules.csv: its exact format, one schedule replaced and the others kept, saved through the catalog store."""

from __future__ import annotations

import json
import os
import re
import stat
from decimal import Decimal as D
from pathlib import Path

import pytest

from coverage.catalog.fee_schedule_store import read_fee_schedules_text, save_fee_schedules
from coverage.catalog.store import HISTORY_FOLDER, CatalogVersion, saves_log
from coverage.rates_import import fee_schedule_file
from coverage.rates_import.fee_schedule_file import write_fee_schedule, write_problems
from coverage.rates_import.problems import FeeScheduleFileError, FeeScheduleRow, RateProblem

ROWS = [
    FeeScheduleRow("acme-ppo", "97110", "", D("31.50"), "from a.json, last updated 2026-11-01, Acme PPO"),
    FeeScheduleRow("acme-ppo", "97110", "CQ", D("26.78"), "from a.json, last updated 2026-11-01, Acme PPO"),
]
EXISTING = (
    "schedule_id,code,modifier,rate,notes\n"
    "other,97110,,31.5,typed by hand\n"
    "acme-ppo,97140,,20.00,last year's import\n"
    'other,97140,GP,29.00,"a note, with a comma"\n'
)


def test_a_new_file_has_the_header_and_the_rows_with_two_decimals(tmp_path: Path) -> None:
    """Written from nothing: schedule_id,code,modifier,rate,notes then one line per row."""
    path = tmp_path / "fee_schedules.csv"

    write_fee_schedule(path, "acme-ppo", ROWS)

    assert path.read_text(encoding="utf-8") == (
        "schedule_id,code,modifier,rate,notes\n"
        'acme-ppo,97110,,31.50,"from a.json, last updated 2026-11-01, Acme PPO"\n'
        'acme-ppo,97110,CQ,26.78,"from a.json, last updated 2026-11-01, Acme PPO"\n'
    )


def test_the_rows_of_the_schedule_are_replaced_and_the_others_kept_as_they_were(tmp_path: Path) -> None:
    """acme-ppo's old 97140 row goes; the other schedule's rows stay byte for byte (31.5 stays 31.5)."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(EXISTING, encoding="utf-8")

    write_fee_schedule(path, "acme-ppo", ROWS[:1])

    assert path.read_text(encoding="utf-8") == (
        "schedule_id,code,modifier,rate,notes\n"
        "other,97110,,31.5,typed by hand\n"
        'other,97140,GP,29.00,"a note, with a comma"\n'
        'acme-ppo,97110,,31.50,"from a.json, last updated 2026-11-01, Acme PPO"\n'
    )


def test_the_files_permissions_are_kept_and_no_temporary_file_is_left(tmp_path: Path) -> None:
    """A file readable by its group only stays so; the folder holds it, its lock and history/, no temporary file.

    history/ (the catalog store's) holds the file before the import and the saves log.
    """
    path = tmp_path / "fee_schedules.csv"
    path.write_text(EXISTING, encoding="utf-8")
    path.chmod(0o640)

    write_fee_schedule(path, "acme-ppo", ROWS)

    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fee_schedules.csv", "fee_schedules.csv.lock", "history"]
    assert sorted(p.suffix for p in (tmp_path / "history").iterdir()) == [".csv", ".jsonl"]


def test_a_failed_rename_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the rename fails the file is the old one, the temporary file is gone, and the error is a sentence."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(EXISTING, encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)

    words = re.escape("could not be written (No space left on device); it is unchanged")
    with pytest.raises(FeeScheduleFileError, match=words):
        write_fee_schedule(path, "acme-ppo", ROWS)

    assert path.read_text(encoding="utf-8") == EXISTING
    assert not list(tmp_path.glob(".fee_schedules.csv.*.tmp"))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("plan_id,plan_name\nx,y\n", "is not a fee schedule file"),
        ("schedule_id,code,modifier,rate,notes\nacme,97110,,31.50\n", "line 2 has 4 cells, not 5"),
    ],
)
def test_a_file_that_is_not_a_fee_schedule_file_is_not_touched(tmp_path: Path, content: str, words: str) -> None:
    """A file with another header (plans.csv given by mistake) or a short row is refused and unchanged."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(FeeScheduleFileError, match=words):
        write_fee_schedule(path, "acme-ppo", ROWS)

    assert path.read_text(encoding="utf-8") == content


def test_the_problems_file_lists_file_code_modifier_and_message(tmp_path: Path) -> None:
    """The problems CSV has one line per problem under file,code,modifier,message."""
    path = tmp_path / "problems.csv"

    write_problems(path, [RateProblem("a.json", "97110", "GP", "paid at 65% of billed charges, not a dollar rate")])

    assert path.read_text(encoding="utf-8") == (
        'file,code,modifier,message\na.json,97110,GP,"paid at 65% of billed charges, not a dollar rate"\n'
    )


def test_an_import_is_saved_like_the_catalog_with_history_and_a_log_line(tmp_path: Path) -> None:
    """The file before the import goes to history/, and the saves log says import-rates saved it."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(EXISTING, encoding="utf-8")

    write_fee_schedule(path, "acme-ppo", ROWS)

    (kept,) = (tmp_path / HISTORY_FOLDER).glob("fee_schedules-*.csv")
    assert kept.read_text(encoding="utf-8") == EXISTING
    assert json.loads(saves_log(path).read_text(encoding="utf-8"))["saved_by"] == "import-rates"


def test_a_save_made_between_the_imports_read_and_its_write_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A colleague saves other's 97150 just after the import read the file: the import reads again and keeps it."""
    path = tmp_path / "fee_schedules.csv"
    path.write_text(EXISTING, encoding="utf-8")
    colleague = EXISTING + "other,97150,,12.00,added by KM\n"
    reads = []

    def read_then_a_colleague_saves(target: Path) -> tuple[str | None, CatalogVersion]:
        seen = read_fee_schedules_text(target)
        if not reads:
            save_fee_schedules(target, colleague, expected_version=seen[1], saved_by="KM")
        reads.append(seen)
        return seen

    monkeypatch.setattr(fee_schedule_file, "read_fee_schedules_text", read_then_a_colleague_saves)

    write_fee_schedule(path, "acme-ppo", ROWS[:1])

    assert len(reads) == 2  # the first save was refused as stale, the second made on the colleague's file
    assert path.read_text(encoding="utf-8").splitlines()[1:] == [
        "other,97110,,31.5,typed by hand",
        'other,97140,GP,29.00,"a note, with a comma"',
        "other,97150,,12.00,added by KM",
        'acme-ppo,97110,,31.50,"from a.json, last updated 2026-11-01, Acme PPO"',
    ]


def test_a_file_the_fee_schedule_reader_would_refuse_is_not_written(tmp_path: Path) -> None:
    """Another schedule's rate of 'n/a' on line 2 would make the file unreadable: refused by line and column."""
    path = tmp_path / "fee_schedules.csv"
    content = "schedule_id,code,modifier,rate,notes\nother,97110,,n/a,typed by hand\n"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(FeeScheduleFileError, match="line 2, column rate"):
        write_fee_schedule(path, "acme-ppo", ROWS)

    assert path.read_text(encoding="utf-8") == content
