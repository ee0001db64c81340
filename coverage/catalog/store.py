"""Keep the plan catalog (plans.csv) on disk without ever losing it.

A save (:func:`save_plans`) works under a lock file beside the catalog (``plans.csv.lock``):

1. It refuses, with :class:`CatalogChangedError`, when the file on disk is no longer the
   version the person opened (:func:`catalog_version`: the sha256 of the file's bytes), so a
   colleague's change is never silently overwritten.
2. It copies the version on disk into ``history/`` beside the catalog, as
   ``plans-<UTC time>-<version>.csv``, keeping the newest :data:`HISTORY_KEPT`.
3. It writes the new catalog to a temporary file in the same folder, flushes and fsyncs it,
   renames it over plans.csv (``os.replace``: atomic) and fsyncs the folder.

So plans.csv is always the old or the new catalog, whole, even if the machine dies mid-save.
Anything that stops a save (a read-only folder, a full disk) raises :class:`CatalogSaveError`
and leaves plans.csv as it was. Only plans are written here, never patient data.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NewType

from filelock import FileLock, Timeout

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


def save_plans(path: str | Path, plans: Sequence[Plan], *, expected_version: CatalogVersion) -> CatalogVersion:
    """Replace the catalog at ``path`` with ``plans``; returns the new version.

    ``expected_version`` is the version the change was made to. Raises
    :class:`CatalogChangedError` when the file has changed since, and
    :class:`CatalogSaveError` when it cannot be written; either way nothing is changed.
    """
    path = Path(path)
    try:
        with FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_TIMEOUT_SECONDS):
            current = _read(path)
            if (NO_CATALOG if current is None else version_of(current)) != expected_version:
                raise CatalogChangedError
            data = plans_to_csv(plans, keep=file_columns(current)).encode("utf-8")  # the columns it came with
            _check_reads_back(data, plans)
            _remove_leftover_temp_files(path)
            if current == data:
                return expected_version  # nothing to change: no write, no history copy
            if current is not None:
                _write_whole(path.parent / HISTORY_FOLDER / _history_name(path, current), current)
            _write_whole(path, data)
    except Timeout:
        raise CatalogSaveError("another save is still running; wait a moment and save again") from None
    except OSError as exc:
        raise CatalogSaveError(f"{_plain_reason(exc)}: the catalog was not changed") from exc
    _prune_history(path)
    _LOG.info("saved %s: %d plans, version %s", path.name, len(plans), version_of(data)[:12])
    return version_of(data)


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


def _write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, fsync it, rename it over ``target``."""
    target.parent.mkdir(exist_ok=True)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable. The file is already in place, so a failure is only logged."""
    try:
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        _LOG.warning("could not fsync folder %s: %s", folder.name, exc.strerror)


def _history_name(path: Path, data: bytes) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{path.stem}-{stamp}-{version_of(data)[:12]}{path.suffix}"


def _remove_leftover_temp_files(path: Path) -> None:
    """Temporary files of a save that was killed part-way (only a save holding the lock writes one)."""
    for folder, name in ((path.parent, path.name), (path.parent / HISTORY_FOLDER, "*")):
        for leftover in folder.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)


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
