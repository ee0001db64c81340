"""Issue 4: saving the plan catalog keeps it whole, refuses stale saves and keeps earlier versions."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.catalog import store as catalog_store
from coverage.catalog.edits import retire_plan
from coverage.catalog.loader import PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.catalog.rows import plan_to_row, plans_to_csv
from coverage.catalog.store import (
    HISTORY_FOLDER,
    HISTORY_KEPT,
    NO_CATALOG,
    CatalogChangedError,
    CatalogSaveError,
    catalog_version,
    open_catalog,
    save_plans,
)
from coverage.engine.plans import Plan
from tests.conftest import PLANS_CSV
from tests.strategies import plans_with_any_text


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the shipped catalog in its own folder."""
    path = tmp_path / "plans.csv"
    shutil.copyfile(PLANS_CSV, path)
    return path


def _history(catalog: Path) -> list[Path]:
    return sorted((catalog.parent / HISTORY_FOLDER).glob("plans-*.csv"))


def test_the_shipped_catalog_written_back_is_the_same_file_byte_for_byte() -> None:
    """Writing the loaded catalog gives exactly plans.csv: a staff save changes only what staff changed."""
    assert plans_to_csv(load_plans(PLANS_CSV)) == PLANS_CSV.read_text(encoding="utf-8")


def test_a_row_writes_money_with_cents_blanks_for_unset_and_true_false() -> None:
    """Original Medicare's row: 283.00, a blank out-of-pocket maximum, 20 percent, true/false, priced by Medicare."""
    medicare = next(p for p in load_plans(PLANS_CSV) if p.plan_id == "medicare-b-2026")

    row = plan_to_row(medicare)

    assert tuple(row) == (*PLAN_COLUMNS, "fee_schedule")  # the one optional column it sets
    assert row["fee_schedule"] == "medicare"
    assert (row["deductible"], row["oop_max"], row["ot_coinsurance_pct"]) == ("283.00", "", "20")
    assert (row["deductible_applies"], row["same_day_counts_once"], row["payer_type"]) == ("true", "false", "medicare")
    assert (row["ot_copay"], row["therapy_threshold"], row["ot_visit_limit"]) == ("0.00", "2480.00", "")


@settings(max_examples=100)
@given(st.lists(plans_with_any_text(), max_size=4, unique_by=lambda plan: plan.plan_id))
def test_any_catalog_reads_back_exactly_as_it_was_written(plans: list[Plan]) -> None:
    """Whatever plans staff save (commas, quotes, accents in the text), the loader reads the same plans back."""
    assert parse_plans(plans_to_csv(plans)) == plans


def test_a_save_replaces_the_catalog_and_returns_its_new_version(catalog: Path) -> None:
    """After a save the file holds the new plans and its version is the one returned."""
    opened = open_catalog(catalog)

    version = save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")

    assert version == catalog_version(catalog) != opened.version
    assert [p.plan_id for p in load_plans(catalog)] == [p.plan_id for p in opened.plans if p.plan_id != "self-pay"]


def test_a_save_made_to_an_older_version_is_refused_and_changes_nothing(catalog: Path) -> None:
    """A colleague saved first: the second save gets 'the catalog changed' and does not overwrite theirs."""
    opened = open_catalog(catalog)
    save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")
    colleagues = catalog.read_bytes()

    with pytest.raises(CatalogChangedError, match="the catalog changed since you opened it; reload"):
        save_plans(catalog, retire_plan(opened.plans, "hdhp"), expected_version=opened.version, saved_by="KM")

    assert catalog.read_bytes() == colleagues


def test_the_previous_version_is_kept_in_history_byte_for_byte(catalog: Path) -> None:
    """Each save first copies the catalog it replaces into history/ beside it."""
    before = catalog.read_bytes()
    opened = open_catalog(catalog)

    save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")

    assert [copy.read_bytes() for copy in _history(catalog)] == [before]


def test_history_keeps_only_the_newest_copies(catalog: Path) -> None:
    """After more saves than HISTORY_KEPT, history holds the newest HISTORY_KEPT versions, oldest gone."""
    plans = load_plans(catalog)
    versions = []
    for n in range(HISTORY_KEPT + 3):
        versions.append(catalog_version(catalog))
        edited = [plans[0].model_copy(update={"notes": f"edit {n}"}), *plans[1:]]
        save_plans(catalog, edited, expected_version=versions[-1], saved_by="KM")

    kept = _history(catalog)

    assert len(kept) == HISTORY_KEPT
    assert [catalog_store.version_of(copy.read_bytes()) for copy in kept] == versions[-HISTORY_KEPT:]


def test_a_first_save_creates_the_catalog(tmp_path: Path) -> None:
    """Saving to a folder with no catalog yet (version NO_CATALOG) creates plans.csv and no history."""
    path = tmp_path / "plans.csv"
    plans = load_plans(PLANS_CSV)

    save_plans(path, plans, expected_version=catalog_version(path), saved_by="KM")

    assert catalog_version(tmp_path / "plans.csv") != NO_CATALOG
    assert load_plans(path) == plans
    assert _history(path) == []


def _raise(error_number: int) -> Any:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(error_number, os.strerror(error_number))

    return fail


# Tests run as root, for whom chmod does not make a folder read-only, and mounting a tiny
# full filesystem needs privileges: so each failure is simulated by patching the call that
# would fail, at each step of the save.
@pytest.mark.parametrize(
    ("target", "error_number", "reason"),
    [
        ("coverage.catalog.store.FileLock", errno.EROFS, "read-only"),  # cannot even create the lock file
        ("tempfile.mkstemp", errno.EACCES, "read-only"),  # cannot create the temporary file
        ("os.replace", errno.EPERM, "read-only"),  # cannot rename over plans.csv
        ("os.fsync", errno.ENOSPC, "the disk is full"),  # the data does not fit on the disk
    ],
)
def test_a_read_only_folder_or_a_full_disk_gives_a_clear_message_and_changes_nothing(
    catalog: Path, monkeypatch: pytest.MonkeyPatch, target: str, error_number: int, reason: str
) -> None:
    """The save fails with a plain reason; plans.csv is byte-for-byte as it was and no temp file is left."""
    before = catalog.read_bytes()
    opened = open_catalog(catalog)
    monkeypatch.setattr(target, _raise(error_number))

    with pytest.raises(CatalogSaveError, match=f"{reason}.*the catalog was not changed"):
        save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")

    assert catalog.read_bytes() == before
    assert list(catalog.parent.rglob("*.tmp")) == []


def test_a_plan_that_would_not_read_back_the_same_is_refused(catalog: Path) -> None:
    """A name with a trailing space would be trimmed on reading: the save says so and writes nothing."""
    opened = open_catalog(catalog)
    spaced = opened.plans[0].model_copy(update={"plan_name": "Trailing space "})

    with pytest.raises(CatalogSaveError, match="plan_name would not read back the same"):
        save_plans(catalog, [spaced, *opened.plans[1:]], expected_version=opened.version, saved_by="KM")

    assert catalog_version(catalog) == opened.version


def test_a_catalog_repeating_a_plan_id_is_refused(catalog: Path) -> None:
    """Two plans with one plan_id cannot be saved."""
    opened = open_catalog(catalog)

    with pytest.raises(CatalogSaveError, match="already used"):
        save_plans(catalog, [*opened.plans, opened.plans[0]], expected_version=opened.version, saved_by="KM")

    assert catalog_version(catalog) == opened.version


def test_a_save_waits_for_a_colleagues_save_and_then_gives_up_plainly(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another save holds the lock past the timeout, the save stops with a plain message."""
    opened = open_catalog(catalog)
    monkeypatch.setattr(catalog_store, "LOCK_TIMEOUT_SECONDS", 0.2)

    with FileLock(catalog.with_name("plans.csv.lock")), pytest.raises(CatalogSaveError, match="another save"):
        save_plans(catalog, opened.plans, expected_version=opened.version, saved_by="KM")


def test_a_temporary_file_left_by_a_killed_save_is_removed_by_the_next(catalog: Path) -> None:
    """Leftover temporary files of a crashed save disappear with the next save."""
    fd, name = tempfile.mkstemp(dir=catalog.parent, prefix=".plans.csv.save-", suffix=".tmp")
    os.close(fd)
    opened = open_catalog(catalog)

    save_plans(catalog, opened.plans, expected_version=opened.version, saved_by="KM")

    assert not Path(name).exists()


def test_the_version_changes_with_any_byte_and_only_then(catalog: Path) -> None:
    """The version is a digest of the bytes: the same file gives the same version, a one-cent edit another."""
    first = catalog_version(catalog)

    catalog.write_bytes(catalog.read_bytes().replace(b"283.00", b"283.01"))

    assert catalog_version(catalog) != first
    assert catalog_version(catalog) == open_catalog(catalog).version
    assert open_catalog(catalog).plans[0].deductible == Decimal("283.01")


def test_saving_an_unchanged_catalog_writes_nothing(catalog: Path) -> None:
    """Pressing save without a change leaves the file and history alone."""
    opened = open_catalog(catalog)
    before = catalog.stat().st_mtime_ns

    version = save_plans(catalog, opened.plans, expected_version=opened.version, saved_by="KM")

    assert version == opened.version
    assert catalog.stat().st_mtime_ns == before
    assert _history(catalog) == []


def test_any_other_disk_error_is_named_plainly_and_changes_nothing(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An input/output error is reported with the system's own words; plans.csv stays as it was."""
    before = catalog.read_bytes()
    opened = open_catalog(catalog)
    monkeypatch.setattr("os.replace", _raise(errno.EIO))

    with pytest.raises(CatalogSaveError, match=r"could not be written \(Input/output error\)"):
        save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")

    assert catalog.read_bytes() == before


def test_a_folder_that_cannot_be_fsynced_after_the_rename_still_counts_as_saved(
    catalog: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once plans.csv is replaced the save has happened: a failing folder fsync is only logged."""
    real_fsync = os.fsync

    def fsync_files_only(fd: int) -> None:
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
        real_fsync(fd)

    opened = open_catalog(catalog)
    monkeypatch.setattr("os.fsync", fsync_files_only)

    version = save_plans(catalog, retire_plan(opened.plans, "self-pay"), expected_version=opened.version, saved_by="KM")

    assert version == catalog_version(catalog) != opened.version


def test_a_catalog_that_cannot_be_read_is_a_plan_file_error(tmp_path: Path) -> None:
    """Opening a missing catalog says it cannot be read, naming the file."""
    with pytest.raises(PlanFileError, match=r"plans.csv: cannot be read \(No such file or directory\)"):
        open_catalog(tmp_path / "plans.csv")
