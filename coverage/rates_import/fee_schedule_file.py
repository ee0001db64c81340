"""Write the imported rows into the clinic's fee_schedules.csv, and the problems into their own CSV.

fee_schedules.csv has exactly the columns ``schedule_id,code,modifier,rate,notes``. An import
replaces the rows of its ``schedule_id`` and keeps every other row as it was, byte for byte.
The file is written in one step: to a temporary file in the same folder, flushed and fsynced,
then renamed over the old one (``os.replace``, atomic), so a reader sees the old file or the
new one, never half of one. The file's permission bits are kept. The read-change-write runs
under the same kind of lock file as the catalog (``fee_schedules.csv.lock``, see
:mod:`coverage.catalog.store`), so two imports at once cannot lose each other's rows.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from coverage.catalog.store import LOCK_TIMEOUT_SECONDS
from coverage.rates_import.problems import FeeScheduleFileError, FeeScheduleRow, RateProblem

FEE_SCHEDULE_COLUMNS = ("schedule_id", "code", "modifier", "rate", "notes")
PROBLEM_COLUMNS = ("file", "code", "modifier", "message")


def write_fee_schedule(path: str | Path, schedule_id: str, rows: Sequence[FeeScheduleRow]) -> None:
    """Replace the rows of ``schedule_id`` in the fee schedule file at ``path`` with ``rows``.

    Raises :class:`FeeScheduleFileError` (and changes nothing) when the file is not a fee
    schedule file or cannot be written.
    """
    path = Path(path)
    try:
        with FileLock(path.with_name(path.name + ".lock"), timeout=LOCK_TIMEOUT_SECONDS):
            others = [row for row in _existing_rows(path) if row[0] != schedule_id]
            write_whole(path, fee_schedules_csv(others, rows).encode("utf-8"))
    except Timeout:
        raise FeeScheduleFileError(f"another save of {path.name} is still running; try again in a moment") from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise FeeScheduleFileError(f"{path.name} could not be written ({reason}); it is unchanged") from exc


def fee_schedules_csv(kept: Sequence[Sequence[str]], rows: Sequence[FeeScheduleRow]) -> str:
    """The file's text: the header, the ``kept`` rows as they were, then ``rows`` (rates with two decimals)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FEE_SCHEDULE_COLUMNS)
    writer.writerows(kept)
    writer.writerows((r.schedule_id, r.code, r.modifier, f"{r.rate:.2f}", r.notes) for r in rows)
    return out.getvalue()


def problems_csv(problems: Sequence[RateProblem]) -> str:
    """The problems as CSV: ``file,code,modifier,message``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PROBLEM_COLUMNS)
    writer.writerows((p.file, p.code, p.modifier, p.message) for p in problems)
    return out.getvalue()


def write_problems(path: str | Path, problems: Sequence[RateProblem]) -> None:
    """Write the problems CSV in one step; raises :class:`FeeScheduleFileError` when it cannot."""
    path = Path(path)
    try:
        write_whole(path, problems_csv(problems).encode("utf-8"))
    except OSError as exc:
        raise FeeScheduleFileError(f"{path.name} could not be written ({exc.strerror or exc})") from exc


def _existing_rows(path: Path) -> list[list[str]]:
    """The rows of the file now (none when it does not exist yet), after checking its header."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return []
    except UnicodeDecodeError:
        raise FeeScheduleFileError(f"{path.name} is not UTF-8 text; it was not changed") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return []
    if tuple(cell.strip() for cell in rows[0]) != FEE_SCHEDULE_COLUMNS:
        raise FeeScheduleFileError(
            f"{path.name} is not a fee schedule file: its header must be {','.join(FEE_SCHEDULE_COLUMNS)}; "
            "it was not changed"
        )
    for line, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(FEE_SCHEDULE_COLUMNS):
            raise FeeScheduleFileError(f"{path.name} line {line} has {len(row)} cells, not 5; it was not changed")
    return [row for row in rows[1:] if row]


def write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` beside ``target`` in a temporary file, fsync it, keep the mode, rename it over ``target``."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fchmod(temp.fileno(), mode)
            os.fsync(temp.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    with contextlib.suppress(OSError):  # the rename is done; making it durable is best effort
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
