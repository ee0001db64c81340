"""A separate process that saves the catalog, for the concurrency and crash tests.

Run as ``python -m tests.catalog_worker <mode> <plans.csv> [args]`` from the repository root:

- ``edit <csv> <plan_id> <notes>``: open the catalog, print ``READY``, wait for a line on stdin,
  then save the catalog with that plan's notes changed; print ``SAVED`` or ``CONFLICT``.
- ``pause <csv> <stage>``: save a changed catalog but stop for good at ``stage`` (print
  ``PAUSED`` and sleep), so the test can SIGKILL it there. Stages: ``history-temp-written``
  (before the history copy is renamed into place), ``catalog-temp-written`` (the new catalog
  is written and fsynced, not yet renamed), ``catalog-renamed`` (renamed, folder not fsynced).
- ``loop <csv> <other.csv>``: save the two catalogs in turn, forever; print ``READY`` first.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coverage.catalog.edits import edit_plan, find_plan
from coverage.catalog.loader import load_plans
from coverage.catalog.store import CatalogChangedError, catalog_version, open_catalog, save_plans


def _edit(path: Path, plan_id: str, notes: str) -> None:
    catalog = open_catalog(path)
    plan = find_plan(catalog.plans, plan_id)
    print("READY", flush=True)
    sys.stdin.readline()
    try:
        save_plans(
            path,
            edit_plan(catalog.plans, plan_id, plan.model_copy(update={"notes": notes})),
            expected_version=catalog.version,
            saved_by="KM",
        )
    except CatalogChangedError:
        print("CONFLICT", flush=True)
    else:
        print("SAVED", flush=True)


def _stop_forever() -> None:
    print("PAUSED", flush=True)
    while True:
        time.sleep(60)


def _pause(path: Path, stage: str) -> None:
    real_fsync, real_replace = os.fsync, os.replace
    calls = {"fsync": 0, "replace": 0}

    def fsync(fd: int) -> None:
        calls["fsync"] += 1
        real_fsync(fd)
        if stage == "history-temp-written" and calls["fsync"] == 1:
            _stop_forever()

    def replace(src: Any, dst: Any) -> None:
        calls["replace"] += 1
        if stage == "catalog-temp-written" and calls["replace"] == 2:
            _stop_forever()
        real_replace(src, dst)
        if stage == "catalog-renamed" and calls["replace"] == 2:
            _stop_forever()

    catalog = open_catalog(path)
    changed = [plan.model_copy(update={"notes": "changed by the killed save"}) for plan in catalog.plans]
    os.fsync, os.replace = fsync, replace  # this process is the test's, to be killed
    save_plans(path, changed, expected_version=catalog.version, saved_by="KM")
    print("FINISHED", flush=True)


def _loop(path: Path, other: str) -> None:
    catalogs = [load_plans(path), load_plans(Path(other))]
    print("READY", flush=True)
    turn = 0
    while True:
        turn += 1
        save_plans(path, catalogs[turn % 2], expected_version=catalog_version(path), saved_by="KM")


MODES: dict[str, Callable[..., None]] = {"edit": _edit, "pause": _pause, "loop": _loop}

if __name__ == "__main__":
    mode, csv_path, *rest = sys.argv[1:]
    MODES[mode](Path(csv_path), *rest)
