"""Issue 17: a save names its temporary files after its catalog, keeps the file's mode, and logs who saved."""

from __future__ import annotations

import json
import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from coverage.catalog.edits import retire_plan
from coverage.catalog.store import (
    HISTORY_FOLDER,
    CatalogSaveError,
    open_catalog,
    save_file,
    save_plans,
    saves_log,
    version_of,
)
from tests.conftest import PLANS_CSV


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the shipped catalog in its own folder, with a history folder."""
    path = tmp_path / "plans.csv"
    shutil.copyfile(PLANS_CSV, path)
    (tmp_path / HISTORY_FOLDER).mkdir()
    return path


def _retire_one(catalog: Path, plan_id: str = "self-pay", *, who: str = "KM") -> None:
    opened = open_catalog(catalog)
    save_plans(catalog, retire_plan(opened.plans, plan_id), expected_version=opened.version, saved_by=who)


def _temp(folder: Path, name: str, *, age_s: float) -> Path:
    """A temporary file as a save of ``name`` would leave it, last written ``age_s`` seconds ago (negative: later)."""
    path = folder / f".{name}.save-abcd_123.tmp"
    path.write_bytes(b"half a catalog")
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


def test_another_catalogs_temporary_files_survive_a_save(catalog: Path) -> None:
    """Two catalogs in one folder: saving plans.csv leaves other.csv's temporary files alone, in both folders."""
    history = catalog.parent / HISTORY_FOLDER
    others = [_temp(catalog.parent, "other.csv", age_s=600), _temp(history, "other.csv", age_s=600)]

    _retire_one(catalog)

    assert all(path.exists() for path in others)


def test_a_catalogs_own_leftovers_go_only_if_older_than_the_lock(catalog: Path) -> None:
    """A leftover written before the save took the lock is removed; one dated after it (not a leftover) is kept."""
    history = catalog.parent / HISTORY_FOLDER
    old = [_temp(catalog.parent, "plans.csv", age_s=600), _temp(history, "plans.csv", age_s=600)]
    lookalike = _temp(history, "plans.csv.bak", age_s=600)  # a catalog whose name only starts like ours
    future = catalog.parent / ".plans.csv.save-zz_99999.tmp"
    future.write_bytes(b"")
    os.utime(future, (time.time() + 600, time.time() + 600))

    _retire_one(catalog)

    assert [path.exists() for path in old] == [False, False]
    assert lookalike.exists()
    assert future.exists()


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_a_save_keeps_the_catalogs_mode_and_gives_it_to_the_history_copy(catalog: Path, mode: int) -> None:
    """plans.csv at 0644 (or 0640, 0664) stays so after a save, and its history copy has the same mode."""
    catalog.chmod(mode)

    _retire_one(catalog)

    copies = list((catalog.parent / HISTORY_FOLDER).glob("plans-*.csv"))
    assert stat.S_IMODE(catalog.stat().st_mode) == mode
    assert [stat.S_IMODE(copy.stat().st_mode) for copy in copies] == [mode]


def test_every_save_logs_who_saved_and_when(catalog: Path) -> None:
    """Two saves by KM and then by an e-mail login: two lines in history/plans.csv.saves.jsonl, in order."""
    before = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 1))

    _retire_one(catalog, "self-pay", who="KM")
    _retire_one(catalog, "hdhp", who="ana@clinic.example")

    entries = [json.loads(line) for line in saves_log(catalog).read_text(encoding="utf-8").splitlines()]
    assert [e["saved_by"] for e in entries] == ["KM", "ana@clinic.example"]
    assert all(e["saved_at"] >= before and e["file"] == "plans.csv" for e in entries)
    assert entries[-1]["version"] == open_catalog(catalog).version
    assert (catalog.parent / HISTORY_FOLDER / entries[0]["previous_kept_as"]).is_file()


@pytest.mark.parametrize("who", ["", "   ", "KM\nadmin", "x" * 121])
def test_a_save_without_a_plain_name_of_who_saves_is_refused(catalog: Path, who: str) -> None:
    """Nobody, a blank, a line break or a 121-character name: not saved, plans.csv unchanged."""
    before = catalog.read_bytes()

    with pytest.raises(CatalogSaveError, match="say who saves"):
        _retire_one(catalog, who=who)

    assert catalog.read_bytes() == before


def test_any_staff_kept_file_saves_the_same_way(tmp_path: Path) -> None:
    """save_file (for a fee schedule, say) keeps history and logs who saved, as a catalog save does."""
    fees = tmp_path / "fees.csv"
    fees.write_text("code,fee\n97110,45.00\n", encoding="utf-8")
    fees.chmod(0o644)
    version = version_of(fees.read_bytes())

    save_file(fees, b"code,fee\n97110,50.00\n", expected_version=version, saved_by="JD")

    assert fees.read_bytes() == b"code,fee\n97110,50.00\n"
    assert stat.S_IMODE(fees.stat().st_mode) == 0o644
    assert len(list((tmp_path / HISTORY_FOLDER).glob("fees-*.csv"))) == 1
    assert json.loads(saves_log(fees).read_text(encoding="utf-8"))["saved_by"] == "JD"
