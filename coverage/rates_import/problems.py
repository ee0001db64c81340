"""What an import of published rates found: fee schedule rows, and what it set aside and why.

The results are frozen: the per-file step returns them, the merge combines them, the writer
writes them. Money is a ``Decimal`` of whole cents (:mod:`coverage.engine.money`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coverage.engine.billed_services import code_label


class RatesFileError(Exception):
    """An in-network rates file that cannot be read at all (missing, not JSON, cut short, a URL)."""


class FeeScheduleFileError(Exception):
    """A fee_schedules.csv that cannot be read or written; it is left as it was."""


@dataclass(frozen=True, slots=True)
class FeeScheduleRow:
    """One row of fee_schedules.csv: the allowed amount per unit of a code (and modifier) in a schedule."""

    schedule_id: str
    code: str
    modifier: str
    rate: Decimal
    notes: str


@dataclass(frozen=True, slots=True)
class RateProblem:
    """A price of the clinic's providers that was left out, and the plain reason."""

    file: str
    code: str
    modifier: str
    message: str

    def __str__(self) -> str:
        code = code_label(self.code, self.modifier)
        return f"{self.file}: {code}: {self.message}" if code else f"{self.file}: {self.message}"


@dataclass(frozen=True, slots=True)
class FoundRate:
    """A dollar rate per unit found in one file, before the run looks for conflicts."""

    code: str
    modifier: str
    rate: Decimal
    #: The amount as the file gave it, when it had more than two decimals and was rounded.
    rounded_from: Decimal | None = None


@dataclass(frozen=True)
class FileRates:
    """What one in-network rates file gave: its distinct rates, its problems and what was read."""

    file: str
    #: How the notes name the source: the file, its ``last_updated_on`` and the plan.
    source: str
    last_updated_on: str
    plan: str
    rates: tuple[FoundRate, ...]
    problems: tuple[RateProblem, ...]
    entries_read: int
    bytes_read: int
    #: True when the file listed its provider references after its rates and had to be read twice.
    read_twice: bool = False


@dataclass(frozen=True)
class ImportResult:
    """A whole run: the rows to write (no conflicts left), every problem, and what was read."""

    rows: tuple[FeeScheduleRow, ...]
    problems: tuple[RateProblem, ...]
    entries_read: int
    bytes_read: int
    files: int
