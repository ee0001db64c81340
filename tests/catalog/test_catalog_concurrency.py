"""Issue 4: two people saving at once, and a save killed part-way, never lose or tear the catalog."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coverage.catalog.edits import find_plan
from coverage.catalog.loader import load_plans
from coverage.catalog.store import HISTORY_FOLDER, catalog_version, open_catalog, save_plans
from tests.conftest import PLANS_CSV, ROOT

WORKER_TIMEOUT = 60


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """A copy of the shipped catalog in its own folder."""
    path = tmp_path / "plans.csv"
    shutil.copyfile(PLANS_CSV, path)
    return path


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.catalog_worker", *args],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def _expect_line(worker: subprocess.Popen[str], expected: str) -> None:
    assert worker.stdout is not None
    line = worker.stdout.readline().strip()
    assert line == expected, f"worker said {line!r}, expected {expected!r}"


def _kill(worker: subprocess.Popen[str]) -> None:
    """SIGKILL: no clean-up code of the worker runs."""
    os.kill(worker.pid, signal.SIGKILL)
    worker.communicate(timeout=WORKER_TIMEOUT)  # also closes the pipes
    assert worker.returncode == -signal.SIGKILL


def _race(catalog: Path) -> list[str]:
    """Two workers open the same version, then save different edits at the same moment."""
    workers = [_start("edit", str(catalog), "hdhp", "edited by A"), _start("edit", str(catalog), "ppo-pool-60", "by B")]
    for worker in workers:
        _expect_line(worker, "READY")
    for worker in workers:
        assert worker.stdin is not None
        worker.stdin.write("go\n")
        worker.stdin.flush()
    outcomes = [worker.communicate(timeout=WORKER_TIMEOUT)[0].strip() for worker in workers]
    assert all(worker.returncode == 0 for worker in workers)
    return outcomes


@pytest.mark.parametrize("attempt", range(3))
def test_two_saves_at_the_same_moment_land_one_and_refuse_the_other(catalog: Path, attempt: int) -> None:
    """Two processes saving edits of the same version at once: one lands, the other gets the conflict."""
    outcomes = _race(catalog)

    assert sorted(outcomes) == ["CONFLICT", "SAVED"]
    plans = load_plans(catalog)
    winner = ("hdhp", "edited by A") if outcomes[0] == "SAVED" else ("ppo-pool-60", "by B")
    assert find_plan(plans, winner[0]).notes == winner[1]
    assert len(plans) == len(load_plans(PLANS_CSV))


def test_the_refused_colleague_reloads_and_both_edits_land(catalog: Path) -> None:
    """After the conflict the loser reloads and saves again: both edits are in the catalog."""
    outcomes = _race(catalog)
    loser_id, loser_notes = ("ppo-pool-60", "by B") if outcomes[0] == "SAVED" else ("hdhp", "edited by A")

    fresh = open_catalog(catalog)
    plans = [p.model_copy(update={"notes": loser_notes}) if p.plan_id == loser_id else p for p in fresh.plans]
    save_plans(catalog, plans, expected_version=fresh.version, saved_by="KM")

    final = load_plans(catalog)
    assert find_plan(final, "hdhp").notes == "edited by A"
    assert find_plan(final, "ppo-pool-60").notes == "by B"


@pytest.mark.parametrize(
    ("stage", "lands"),
    [
        ("history-temp-written", False),  # only the history copy's temporary file exists
        ("catalog-temp-written", False),  # the new catalog is fully written, not yet renamed
        ("catalog-renamed", True),  # renamed over plans.csv: the new catalog is in place
    ],
)
def test_a_save_killed_part_way_leaves_the_old_or_the_new_catalog_whole(catalog: Path, stage: str, lands: bool) -> None:
    """SIGKILL at each step of a save leaves plans.csv whole; the next save cleans up and works."""
    old_bytes = catalog.read_bytes()
    worker = _start("pause", str(catalog), stage)
    _expect_line(worker, "PAUSED")

    _kill(worker)

    plans = load_plans(catalog)
    changed = all(plan.notes == "changed by the killed save" for plan in plans)
    assert changed is lands
    if not lands:
        assert catalog.read_bytes() == old_bytes
    save_plans(catalog, plans, expected_version=catalog_version(catalog), saved_by="KM")  # the lock was released
    leftovers = [p.name for folder in (catalog.parent, catalog.parent / HISTORY_FOLDER) for p in folder.glob(".*.tmp")]
    assert leftovers == []


def test_saves_killed_at_random_moments_never_tear_the_catalog(catalog: Path) -> None:
    """A process saving two catalogs in turn, killed at random moments, leaves one of them whole each time."""
    big = catalog.with_name("big.csv")  # a larger catalog makes each write last longer
    plans = load_plans(catalog)
    rows = [p.model_copy(update={"plan_id": f"{p.plan_id}-{n}"}) for n in range(150) for p in plans]
    save_plans(big, rows, expected_version=catalog_version(big), saved_by="KM")
    versions = {catalog_version(catalog), catalog_version(big)}
    chance = random.Random(4)

    for _ in range(6):
        worker = _start("loop", str(catalog), str(big))
        _expect_line(worker, "READY")
        time.sleep(chance.uniform(0.05, 0.6))
        _kill(worker)

        assert catalog_version(catalog) in versions
        load_plans(catalog)
