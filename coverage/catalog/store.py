"""Keep the plan catalog (plans.csv) on disk without ever losing it.

A save (:func:`save_plans`) works under a lock file beside the catalog (``plans.csv.lock``):

1. It refuses, with :class:`CatalogChangedError`, when the file on disk is no longer the
   version the person opened (:func:`catalog_version`: the sha256 of the file's bytes), so a
   colleague's change is never silently overwritten.
2. It copies the version on disk into ``history/`` beside the catalog, as
   ``plans-<UTC time>-<version>.csv``, keeping the newest :data:`HISTORY_KEPT`.
3. It writes the new catalog to a temporary file in the same folder, flushes and fsyncs it,
   renames it over plans.csv (``os.replace``: atomic) and fsyncs the folder.
4. It appends one line to ``history/<file name>.saves.jsonl``: when (UTC), who (the initials or
   e-mail the staff member unlocked with), the new version and the history copy of the old one.

So plans.csv is always the old or the new catalog, whole, even if the machine dies mid-save.
Anything that stops a save (a read-only folder, a full disk) raises :class:`CatalogSaveError`
and leaves plans.csv as it was. Only plans are written here, never patient data.

Temporary files are named after their file (``.plans.csv.save-XXXXXXXX.tmp``, in the folder and in
``history/``), so two catalogs in one folder never remove each other's; a save removes only its own
file's leftovers, and only those older than the moment it took the lock (a killed save's). The new
file and its history copy keep the file's permission bits (a 0644 plans.csv stays 0644).

:func:`save_file` is the general mechanism (lock, version check, history, log) for any file staff
keep, such as a fee schedule; :func:`save_plans` is it for plans.csv, with the read-back check.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NewType

from filelock import FileLock, Timeout

from coverage.catalog.durable_files import append_line, mode_of, remove_leftover_temp_files, write_whole
from coverage.catalog.loader import PlanFileError, PlanFileProblem, file_columns, parse_plans
from coverage.catalog.rows import first_difference, plans_to_csv
from coverage.engine.plans import Plan

CatalogVersion = NewType("CatalogVersion", str)
#: The version of a catalog file that does not exist yet.
NO_CATALOG = CatalogVersion("none")
#: How many earlier versions ``history/`` keeps: about a month of daily edits.
HISTORY_KEPT = 20
HISTORY_FOLDER = "history"
#: How long a save waits for a colleague's save to finish before giving up.
LOCK_TIMEOUT_SECONDS = 10.0
#: Who saved: staff initials or a login e-mail, one line.
SAVED_BY_MAX = 120

_LOG = logging.getLogger(__name__)


class CatalogError(Exception):
    """The catalog could not be saved; the message says why in plain words."""


class CatalogChangedError(CatalogError):
    """Someone saved the catalog after this person opened it."""

    def __init__(self) -> None:
        super().__init__("the catalog changed since you opened it; reload it and make your change again")


class CatalogSaveError(CatalogError):
    """The disk or folder refused the save; plans.csv is unchanged."""


@dataclass(frozen=True)
class Catalog:
    """The plans in a catalog file and the version they were read from."""

    plans: tuple[Plan, ...]
    version: CatalogVersion


def version_of(data: bytes) -> CatalogVersion:
    """The version token of a catalog file's bytes (sha256, hex)."""
    return CatalogVersion(hashlib.sha256(data).hexdigest())


def catalog_version(path: str | Path) -> CatalogVersion:
    """The version of the catalog file at ``path`` now, or :data:`NO_CATALOG`."""
    data = _read(Path(path))
    return NO_CATALOG if data is None else version_of(data)


def open_catalog(path: str | Path) -> Catalog:
    """Read the catalog and its version from one read of the file. Raises :class:`PlanFileError`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(path.name, [PlanFileProblem(None, None, f"cannot be read ({exc.strerror})")]) from exc
    return Catalog(tuple(parse_plans(data, source=path.name)), version_of(data))


def save_plans(
    path: str | Path, plans: Sequence[Plan], *, expected_version: CatalogVersion, saved_by: str
) -> CatalogVersion:
    """Replace the catalog at ``path`` with ``plans``; returns the new version.

    ``expected_version`` is the version the change was made to; ``saved_by`` (staff initials or a
    login e-mail) goes into the history log. Raises :class:`CatalogChangedError` when the file has
    changed since, and :class:`CatalogSaveError` when it cannot be written; either way nothing is changed.
    """
    # The columns the file came with: a file changed since is refused under the lock by its version.
    data = plans_to_csv(plans, keep=file_columns(_read(Path(path)))).encode("utf-8")
    _check_reads_back(data, plans)
    version = save_file(path, data, expected_version=expected_version, saved_by=saved_by)
    _LOG.info("saved %s: %d plans, version %s", Path(path).name, len(plans), version[:12])
    return version


def save_file(path: str | Path, data: bytes, *, expected_version: CatalogVersion, saved_by: str) -> CatalogVersion:
    """Replace the file at ``path`` with ``data`` under its lock, keeping the old one in ``history/``.

    The same guarantees and errors as :func:`save_plans`, for any file staff keep (a fee schedule, say).
    """
    path = Path(path)
    who = _checked_saved_by(saved_by)
    try:
        with FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_TIMEOUT_SECONDS):
            locked_at_ns = time.time_ns()
            current = _read(path)
            if (NO_CATALOG if current is None else version_of(current)) != expected_version:
                raise CatalogChangedError
            remove_leftover_temp_files(path, (path.parent, path.parent / HISTORY_FOLDER), older_than_ns=locked_at_ns)
            if current == data:
                return expected_version  # nothing to change: no write, no history copy
            mode = mode_of(path)
            kept = None
            if current is not None:
                kept = _history_name(path, current)
                write_whole(path.parent / HISTORY_FOLDER / kept, current, owner=path, mode=mode)
            write_whole(path, data, owner=path, mode=mode)
            _log_save(path, who, version_of(data), kept, mode)
    except Timeout:
        raise CatalogSaveError("another save is still running; wait a moment and save again") from None
    except OSError as exc:
        raise CatalogSaveError(f"{_plain_reason(exc)}: the catalog was not changed") from exc
    _prune_history(path)
    return version_of(data)


def saves_log(path: str | Path) -> Path:
    """Where the saves of the file at ``path`` are logged: ``history/<name>.saves.jsonl``, one JSON object a line."""
    path = Path(path)
    return path.parent / HISTORY_FOLDER / f"{path.name}.saves.jsonl"


def _checked_saved_by(saved_by: str) -> str:
    who = saved_by.strip()
    if not who or len(who) > SAVED_BY_MAX or any(ord(ch) < 32 or ord(ch) == 127 for ch in who):
        raise CatalogSaveError(f"not saved: say who saves, in one line of 1 to {SAVED_BY_MAX} characters")
    return who


def _log_save(path: Path, who: str, version: CatalogVersion, kept: str | None, mode: int) -> None:
    """Append who saved and when; the file is already saved, so a failure here is only logged."""
    entry = {
        "saved_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "saved_by": who,
        "file": path.name,
        "version": version,
        "previous_kept_as": kept,
    }
    try:
        saves_log(path).parent.mkdir(exist_ok=True)
        append_line(saves_log(path), json.dumps(entry, ensure_ascii=False), mode=mode)
    except OSError as exc:
        _LOG.warning("could not log the save of %s: %s", path.name, exc.strerror)


def _check_reads_back(data: bytes, plans: Sequence[Plan]) -> None:
    try:
        read_back = parse_plans(data, source="the new catalog")
    except PlanFileError as exc:
        raise CatalogSaveError(f"not saved: {exc}") from exc
    if len(read_back) != len(plans):
        raise CatalogSaveError(f"not saved: {len(plans)} plans would read back as {len(read_back)}")
    for saved, again in zip(plans, read_back, strict=True):
        column = first_difference(saved, again)
        if column is not None:
            raise CatalogSaveError(f"not saved: {saved.plan_id}'s {column} would not read back the same from plans.csv")


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _history_name(path: Path, data: bytes) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{path.stem}-{stamp}-{version_of(data)[:12]}{path.suffix}"


def _prune_history(path: Path) -> None:
    """Keep the newest :data:`HISTORY_KEPT` copies; a failure here never undoes the save."""
    copies = sorted((path.parent / HISTORY_FOLDER).glob(f"{path.stem}-*{path.suffix}"))
    for old in copies[:-HISTORY_KEPT]:
        try:
            old.unlink(missing_ok=True)
        except OSError as exc:
            _LOG.warning("could not prune catalog history %s: %s", old.name, exc.strerror)


def _plain_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "the catalog's folder is read-only or this app may not write there"
    return f"the catalog could not be written ({exc.strerror or exc})"
