"""The clinic's fee schedules (``fee_schedules.csv``, beside plans.csv): read, and saved like the catalog.

The file is ``schedule_id,code,modifier,rate,notes``, one row per rate
(:mod:`coverage.fees.clinic_schedule` reads it). Here it is found, read, and saved:

* :func:`load_fee_schedules` (or :func:`open_fee_schedules`, with the version it was read at): no
  file means no schedules; a file that cannot be read or has a bad cell raises
  :class:`~coverage.fees.problems.FeeScheduleFileError`, every problem by line and column.
* :func:`save_fee_schedules` checks the new content with the same parser *before* anything is
  written, then saves it with :func:`coverage.catalog.store.save_file`: the lock
  (``fee_schedules.csv.lock``), the refusal when the file changed since ``expected_version``, the
  copy of the old file in ``history/``, the one-step write and the line in
  ``history/fee_schedules.csv.saves.jsonl``. The staff editor of the catalog page and
  ``python -m coverage import-rates`` both save through it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from coverage.catalog.store import NO_CATALOG, CatalogVersion, save_file, version_of
from coverage.fees.clinic_schedule import COLUMNS, ClinicFeeSchedules, parse_fee_schedules_csv
from coverage.fees.problems import FeeScheduleFileError, FileProblem

FEE_SCHEDULES_CSV = "fee_schedules.csv"
#: One row of the file as text, in :data:`~coverage.fees.clinic_schedule.COLUMNS` order.
Cells = Sequence[str]


class RateRow(Protocol):
    """Anything with a fee schedule row's five fields (the parser's rows, the importer's rows)."""

    @property
    def schedule_id(self) -> str:
        """The schedule the row belongs to."""

    @property
    def code(self) -> str:
        """The billing code."""

    @property
    def modifier(self) -> str:
        """The modifier, or blank for any."""

    @property
    def rate(self) -> Decimal:
        """The rate per unit, whole cents."""

    @property
    def notes(self) -> str:
        """Where the rate comes from, in words."""


class FeeScheduleFile(BaseModel):
    """The schedules of a fee_schedules.csv and the version of the file they were read from."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedules: ClinicFeeSchedules
    version: str


def fee_schedules_path(plans_csv: str | Path) -> Path:
    """The clinic's fee_schedules.csv: the file of that name in plans.csv's folder."""
    return Path(plans_csv).with_name(FEE_SCHEDULES_CSV)


def read_fee_schedules_text(path: str | Path) -> tuple[str | None, CatalogVersion]:
    """The file's text (None when there is no file) and its version, from one read.

    Raises :class:`FeeScheduleFileError` when the file cannot be read or is not UTF-8 text.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, NO_CATALOG
    except OSError as exc:
        raise FeeScheduleFileError((FileProblem(None, None, f"{path.name} cannot be read ({exc.strerror})"),)) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FeeScheduleFileError(
            (FileProblem(line, None, "is not UTF-8 text: save the file as CSV UTF-8"),)
        ) from None
    return text, version_of(data)


def open_fee_schedules(path: str | Path) -> FeeScheduleFile:
    """The schedules of the file at ``path`` and its version; no file: no schedules, version ``none``."""
    text, version = read_fee_schedules_text(path)
    schedules = ClinicFeeSchedules() if text is None else parse_fee_schedules_csv(text)
    return FeeScheduleFile(schedules=schedules, version=version)


def load_fee_schedules(path: str | Path) -> ClinicFeeSchedules:
    """The schedules of the file at ``path`` (none when it does not exist); :class:`FeeScheduleFileError` else."""
    return open_fee_schedules(path).schedules


def row_cells(row: RateRow) -> tuple[str, str, str, str, str]:
    """A row as the file writes it: the rate with two decimals (``31.50``), the other fields as they are."""
    return (row.schedule_id, row.code, row.modifier, f"{row.rate:.2f}", row.notes)


def schedule_cells(schedules: ClinicFeeSchedules) -> list[tuple[str, str, str, str, str]]:
    """Every row of ``schedules`` as cells, schedule by schedule, each in its file order."""
    return [row_cells(row) for schedule in schedules.schedules.values() for row in schedule.rows.values()]


def fee_schedules_text(rows: Iterable[Cells]) -> str:
    """The file's text: the header, then ``rows`` cell for cell (CSV-quoted where a cell needs it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue()


def save_fee_schedules(
    path: str | Path, text_or_rows: str | Sequence[Cells], *, expected_version: str, saved_by: str
) -> CatalogVersion:
    """Replace the file at ``path`` with ``text_or_rows`` (the whole text, or rows of cells); returns the new version.

    The content is read with the parser first: a bad cell raises :class:`FeeScheduleFileError` (by
    line and column; the header is line 1, so rows given as cells start on line 2) and nothing is
    written. Then :func:`coverage.catalog.store.save_file`, with its errors: ``CatalogChangedError``
    when the file is no longer ``expected_version``, ``CatalogSaveError`` when it cannot be written.
    """
    text = text_or_rows if isinstance(text_or_rows, str) else fee_schedules_text(text_or_rows)
    parse_fee_schedules_csv(text)
    return save_file(path, text.encode("utf-8"), expected_version=CatalogVersion(expected_version), saved_by=saved_by)
