"""Read a plans CSV into :class:`Plan` objects, keeping money exact.

Every cell is read as text (the ``csv`` module, never a float parser) and handed
to the ``Plan`` model, which converts each column explicitly. Every bad line is
reported, not only the first.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

if TYPE_CHECKING:
    import _csv

from coverage.engine.plans import Plan
from coverage.engine.validation import field_problems

#: plans.csv columns, in order: the file's header must be exactly this...
PLAN_COLUMNS: tuple[str, ...] = tuple(Plan.model_fields)[: tuple(Plan.model_fields).index("notes") + 1]
#: ...optionally followed by these out-of-network columns, all of them, in this order.
OUT_OF_NETWORK_COLUMNS: tuple[str, ...] = tuple(name for name in Plan.model_fields if name.startswith("oon_"))
ALL_PLAN_COLUMNS = PLAN_COLUMNS + OUT_OF_NETWORK_COLUMNS
#: The largest plans file read: far above a clinic's catalog, small enough to stay quick.
MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024
MAX_PLANS = 50_000
#: At most this many problems are listed; the rest are counted.
MAX_PROBLEMS_LISTED = 50


@dataclass(frozen=True)
class PlanFileProblem:
    """One thing wrong in a plans file: where, and what."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = "" if self.line is None else f"line {self.line}"
        if self.column:
            where = f"{where}, column {self.column}" if where else f"column {self.column}"
        return f"{where}: {self.message}" if where else self.message


class PlanFileError(ValueError):
    """A plans file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[PlanFileProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        listed = [str(p) for p in problems[:MAX_PROBLEMS_LISTED]]
        if len(problems) > MAX_PROBLEMS_LISTED:
            listed.append(f"... and {len(problems) - MAX_PROBLEMS_LISTED} more problems")
        super().__init__(f"{source}: " + "; ".join(listed))


def load_plans(path: str | Path) -> list[Plan]:
    """Read the plans CSV at ``path``. Raises :class:`PlanFileError` for any problem."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_PLAN_FILE_BYTES:
            raise PlanFileError(path.name, [_too_large(size)])
        data = path.read_bytes()
    except OSError as exc:
        raise PlanFileError(path.name, [PlanFileProblem(None, None, f"cannot be read ({exc.strerror})")]) from exc
    return parse_plans(data, source=path.name)


def parse_plans(
    data: bytes | str, *, source: str = "plans file", max_rows: int = MAX_PLANS, max_bytes: int = MAX_PLAN_FILE_BYTES
) -> list[Plan]:
    """Parse the bytes or text of a plans CSV (an upload, say). Raises :class:`PlanFileError`.

    ``max_rows`` and ``max_bytes`` let a caller set tighter limits (uploads do: see :mod:`coverage.catalog.uploads`).
    """
    if isinstance(data, bytes):
        if len(data) > max_bytes:
            raise PlanFileError(source, [_too_large(len(data), max_bytes)])
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise PlanFileError(
                source, [PlanFileProblem(None, None, "is not UTF-8 text: save it from your spreadsheet as 'CSV UTF-8'")]
            ) from None
    data = data.removeprefix("\ufeff")
    if "\x00" in data:
        raise PlanFileError(source, [PlanFileProblem(None, None, "is not a text file")])
    reader = csv.reader(io.StringIO(data, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise PlanFileError(source, [PlanFileProblem(1, None, "the file is empty: it needs the header line")])
        columns = _check_header(source, header)
        return _read_rows(source, reader, columns, max_rows)
    except csv.Error as exc:
        raise PlanFileError(source, [PlanFileProblem(reader.line_num, None, f"is not valid CSV ({exc})")]) from None


def _too_large(size: int, limit: int = MAX_PLAN_FILE_BYTES) -> PlanFileProblem:
    return PlanFileProblem(None, None, f"is {size:,} bytes; a plans file may be at most {limit:,} bytes")


def _check_header(source: str, header: list[str]) -> tuple[str, ...]:
    """The columns of the file: the plan columns, optionally followed by the out-of-network ones."""
    names = tuple(name.strip() for name in header)
    if names in {PLAN_COLUMNS, ALL_PLAN_COLUMNS}:
        return names
    if len(names) == 1 and any(sep in names[0] for sep in ";\t|"):
        sep = next(sep for sep in ";\t|" if sep in names[0])
        shown = "tabs" if sep == "\t" else f"'{sep}'"
        raise PlanFileError(source, [PlanFileProblem(1, None, f"columns are separated by {shown}; use commas")])
    problems = []
    missing = [c for c in PLAN_COLUMNS if c not in names]
    missing += [c for c in OUT_OF_NETWORK_COLUMNS if c not in names and any(n in OUT_OF_NETWORK_COLUMNS for n in names)]
    extra = [c for c in names if c not in ALL_PLAN_COLUMNS]
    if missing:
        problems.append(PlanFileProblem(1, None, "missing columns: " + ", ".join(missing)))
    if extra:
        problems.append(PlanFileProblem(1, None, "unknown columns: " + ", ".join(_short(c) for c in extra[:10])))
    if not problems:
        problems.append(PlanFileProblem(1, None, "columns must be in this order: " + ",".join(PLAN_COLUMNS)))
    if len(names) != len(set(names)):
        problems.append(PlanFileProblem(1, None, "a column name is repeated"))
    raise PlanFileError(source, problems)


def _short(text: str) -> str:
    return repr(text if len(text) <= 30 else text[:30] + "…")


def _read_rows(source: str, reader: _csv.Reader, columns: tuple[str, ...], max_rows: int) -> list[Plan]:
    plans: list[Plan] = []
    problems: list[PlanFileProblem] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue  # a blank line between plans is harmless
        if len(plans) + len(problems) >= max_rows:
            raise PlanFileError(source, [PlanFileProblem(line, None, f"has more than {max_rows:,} plans")])
        if len(row) != len(columns):
            problems.append(PlanFileProblem(line, None, f"has {len(row)} cells; expected {len(columns)}"))
            continue
        cells = {column: cell.strip() for column, cell in zip(columns, row, strict=True) if cell.strip()}
        try:
            plan = Plan.model_validate(cells)
        except ValidationError as exc:
            problems.extend(PlanFileProblem(line, column, message) for column, message in field_problems(exc))
            continue
        if plan.plan_id in seen:
            problems.append(
                PlanFileProblem(line, "plan_id", f"'{plan.plan_id}' is already used on line {seen[plan.plan_id]}")
            )
            continue
        seen[plan.plan_id] = line
        plans.append(plan)
    if problems:
        raise PlanFileError(source, problems)
    return plans
