"""The clinic's own fee schedules (``fee_schedules.csv``): a contracted rate per schedule, code and modifier.

One row per rate: ``schedule_id, code, modifier, rate, notes``. A visit priced from a schedule pays
each service its row's rate times its units: the row with the service's modifier if there is one
(e.g. a lower ``97110,CQ`` rate for assistant visits), else the row with a blank modifier. The rate
is the contract's: no Medicare reduction (MPPR, assistant 85 %, non-participating 95 %) is applied
to it. A code the schedule lacks is :class:`CodeNotInScheduleError`, never a zero.

:func:`parse_fee_schedules_csv` reads the file's *text* (the store that locks, saves and keeps the
history of the file is the catalog's, not this module's) and reports every bad cell by line and column.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import CODE, MODIFIER
from coverage.engine.money import MoneyError, format_money, parse_money
from coverage.engine.plans import FORMULA_STARTS
from coverage.engine.pricing_settings import SCHEDULE_ID
from coverage.fees.problems import CodeNotInScheduleError, FeeScheduleFileError, FileProblem, UnknownScheduleError

COLUMNS = ("schedule_id", "code", "modifier", "rate", "notes")


class FeeScheduleRow(BaseModel):
    """One contracted rate: a code (with a modifier, or blank for any) in one schedule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule_id: str
    code: str
    modifier: str = ""
    rate: Decimal
    notes: str = ""


class ClinicFeeSchedule(BaseModel):
    """One schedule's rates, looked up by code and modifier."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule_id: str
    rows: dict[tuple[str, str], FeeScheduleRow]

    def rate_row(self, code: str, modifier: str = "") -> FeeScheduleRow:
        """The row of ``code`` with ``modifier``, else with none; :class:`CodeNotInScheduleError` if neither."""
        found = self.rows.get((code, modifier)) or self.rows.get((code, ""))
        if found is None:
            raise CodeNotInScheduleError(
                f"The fee schedule '{self.schedule_id}' has no rate for {code}: add a row for it to fee_schedules.csv"
            )
        return found

    def describe(self, row: FeeScheduleRow) -> str:
        """How a row prices, in words: ``"fee schedule 'acme-2026': 97110 at $40.00 a unit"``."""
        modifier = f"-{row.modifier}" if row.modifier else ""
        return f"fee schedule '{self.schedule_id}': {row.code}{modifier} at {format_money(row.rate)} a unit"


class ClinicFeeSchedules(BaseModel):
    """Every schedule of ``fee_schedules.csv``, by id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedules: dict[str, ClinicFeeSchedule] = {}

    def schedule(self, schedule_id: str) -> ClinicFeeSchedule:
        """The schedule ``schedule_id``; :class:`UnknownScheduleError` naming the known ones if it is not there."""
        found = self.schedules.get(schedule_id)
        if found is None:
            known = ", ".join(sorted(self.schedules)) or "none"
            raise UnknownScheduleError(f"No fee schedule '{schedule_id}' in fee_schedules.csv (schedules: {known})")
        return found


def _row(cells: dict[str, str], line: int, problems: list[FileProblem]) -> FeeScheduleRow | None:
    before = len(problems)
    schedule_id, code, modifier = cells["schedule_id"], cells["code"].upper(), cells["modifier"].upper()
    if not SCHEDULE_ID.match(schedule_id):
        problems.append(FileProblem(line, "schedule_id", f"'{schedule_id}' is not an id such as acme-2026"))
    elif schedule_id.lower().startswith("medicare"):
        problems.append(FileProblem(line, "schedule_id", f"'{schedule_id}': ids starting 'medicare' are Medicare's"))
    if not CODE.fullmatch(code):
        problems.append(FileProblem(line, "code", f"'{cells['code']}' is not five digits or letters, such as 97110"))
    if modifier and not MODIFIER.fullmatch(modifier):
        problems.append(FileProblem(line, "modifier", f"'{cells['modifier']}' is not blank or two letters (CQ)"))
    rate = Decimal(0)
    try:
        rate = parse_money(cells["rate"])
    except MoneyError as exc:  # some of its sentences quote the cell already ("'forty' is not an amount ...")
        said = str(exc) if not cells["rate"] or str(exc).startswith("'") else f"'{cells['rate']}' {exc}"
        problems.append(FileProblem(line, "rate", said))
    else:
        if rate == 0:
            problems.append(FileProblem(line, "rate", "0.00 would price the code as free: leave the code out instead"))
    if cells["notes"].startswith(FORMULA_STARTS):
        problems.append(FileProblem(line, "notes", "must not start with = + - @ (a spreadsheet would run it)"))
    if len(problems) > before:
        return None
    return FeeScheduleRow(schedule_id=schedule_id, code=code, modifier=modifier, rate=rate, notes=cells["notes"])


def parse_fee_schedules_csv(text: str) -> ClinicFeeSchedules:
    """Every schedule of ``fee_schedules.csv``'s text; :class:`FeeScheduleFileError` lists each bad cell."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    extra = [name for name in header if name not in COLUMNS]
    if missing or extra:
        said = (f"lacks {', '.join(missing)}" if missing else "") + ("; " if missing and extra else "")
        said += f"has unknown column(s) {', '.join(extra)}" if extra else ""
        raise FeeScheduleFileError((FileProblem(1, None, f"the header {said} (columns: {', '.join(COLUMNS)})"),))
    problems: list[FileProblem] = []
    rows: dict[str, dict[tuple[str, str], FeeScheduleRow]] = {}
    first_line: dict[tuple[str, str, str], int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: (row[i].strip() if i < len(row) else "") for i, name in enumerate(header)}
        parsed = _row(cells, line, problems)
        if parsed is None:
            continue
        key = (parsed.schedule_id, parsed.code, parsed.modifier)
        if key in first_line:
            problems.append(FileProblem(line, "code", f"{parsed.code} is in '{key[0]}' twice (line {first_line[key]})"))
            continue
        first_line[key] = line
        rows.setdefault(parsed.schedule_id, {})[(parsed.code, parsed.modifier)] = parsed
    if problems:
        raise FeeScheduleFileError(tuple(problems))
    return ClinicFeeSchedules(
        schedules={sid: ClinicFeeSchedule(schedule_id=sid, rows=by_code) for sid, by_code in rows.items()}
    )
