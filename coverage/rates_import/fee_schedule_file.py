"""Write the imported rows into the clinic's fee_schedules.csv, and the problems into their own CSV.

fee_schedules.csv has exactly the columns ``schedule_id,code,modifier,rate,notes``. An import
replaces the rows of its ``schedule_id`` and keeps every other row as it was, byte for byte.
It is saved like the catalog, by :func:`coverage.catalog.fee_schedule_store.save_fee_schedules`:
the new file is checked with the fee schedule parser, then written in one step under the file's
lock (``fee_schedules.csv.lock``), the old file kept in ``history/`` and the save logged (saved
by ``import-rates``) in ``history/fee_schedules.csv.saves.jsonl``; the permission bits are kept. A
save by someone else between this import's read and its write is not overwritten: the import
reads the file again and replaces its rows in that one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from coverage.catalog.durable_files import mode_of, write_whole
from coverage.catalog.fee_schedule_store import (
    read_fee_schedules_text,
    row_cells,
    save_fee_schedules,
)
from coverage.catalog.store import CatalogChangedError, CatalogSaveError
from coverage.fees.clinic_schedule import COLUMNS
from coverage.fees.problems import FeeScheduleFileError as BadFeeScheduleFile
from coverage.rates_import.problems import FeeScheduleFileError, FeeScheduleRow, RateProblem

FEE_SCHEDULE_COLUMNS = COLUMNS
PROBLEM_COLUMNS = ("file", "code", "modifier", "message")
#: Who the saves log says saved an import.
SAVED_BY = "import-rates"
#: How many times an import reads the file again when someone saved it in between.
SAVE_TRIES = 5


def write_fee_schedule(
    path: str | Path, schedule_id: str, rows: Sequence[FeeScheduleRow], *, saved_by: str = SAVED_BY
) -> None:
    """Replace the rows of ``schedule_id`` in the fee schedule file at ``path`` with ``rows``.

    Raises :class:`FeeScheduleFileError` (and changes nothing) when the file is not a fee
    schedule file, would not read back as one, or cannot be written.
    """
    path = Path(path)
    for _ in range(SAVE_TRIES):
        try:
            text, version = read_fee_schedules_text(path)
            kept = [row for row in _existing_rows(path.name, text) if row[0] != schedule_id]
            save_fee_schedules(path, [*kept, *map(row_cells, rows)], expected_version=version, saved_by=saved_by)
            return
        except CatalogChangedError:
            continue  # saved by someone else since the read: read it again and keep their rows
        except BadFeeScheduleFile as exc:
            said = "; ".join(str(problem) for problem in exc.problems[:5])
            raise FeeScheduleFileError(f"{path.name} cannot take the rows ({said}); it was not changed") from exc
        except CatalogSaveError as exc:
            cause = exc.__cause__
            if isinstance(cause, OSError):
                reason = cause.strerror or str(cause)
                raise FeeScheduleFileError(f"{path.name} could not be written ({reason}); it is unchanged") from exc
            raise FeeScheduleFileError(f"{path.name} was not saved: {exc}") from exc
    raise FeeScheduleFileError(f"{path.name} kept changing while the import saved it; run the import again")


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
        write_whole(path, problems_csv(problems).encode("utf-8"), owner=path, mode=mode_of(path))
    except OSError as exc:
        raise FeeScheduleFileError(f"{path.name} could not be written ({exc.strerror or exc})") from exc


def _existing_rows(name: str, text: str | None) -> list[list[str]]:
    """The rows of the file's ``text`` (none when there is no file yet), after checking its header."""
    if text is None:
        return []
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    if not rows:
        return []
    if tuple(cell.strip() for cell in rows[0]) != FEE_SCHEDULE_COLUMNS:
        raise FeeScheduleFileError(
            f"{name} is not a fee schedule file: its header must be {','.join(FEE_SCHEDULE_COLUMNS)}; "
            "it was not changed"
        )
    for line, row in enumerate(rows[1:], start=2):
        if row and len(row) != len(FEE_SCHEDULE_COLUMNS):
            raise FeeScheduleFileError(f"{name} line {line} has {len(row)} cells, not 5; it was not changed")
    return [row for row in rows[1:] if row]
