"""What can go wrong when a visit is priced from fee schedules, each said in the business's words.

Every exception here is a :class:`FeeScheduleError`, so an entry point catches one type and shows
its sentence; none of them is ever a zero amount in disguise.
"""

from __future__ import annotations

from dataclasses import dataclass

from coverage.engine.billed_services import FeeScheduleError, ServiceNotationError

__all__ = [
    "CodeNotInScheduleError",
    "CodeNotPricedError",
    "FeeScheduleError",
    "FeeScheduleFileError",
    "FileProblem",
    "PfsFileError",
    "ServiceNotationError",
    "UnknownLocalityError",
    "UnknownScheduleError",
]


class CodeNotPricedError(FeeScheduleError):
    """A code Medicare's fee schedule lacks or does not pay a national amount for (status other than A)."""


class UnknownLocalityError(FeeScheduleError):
    """A Medicare locality id that is not in the GPCI table, or a county no locality lists."""


class CodeNotInScheduleError(FeeScheduleError):
    """A code the clinic's own fee schedule has no rate for."""


class UnknownScheduleError(FeeScheduleError):
    """A ``fee_schedule`` setting that names no schedule of the clinic's fee schedules."""


class PfsFileError(FeeScheduleError):
    """A CMS Physician Fee Schedule file that cannot be read (missing, not CSV, columns absent, bad cell)."""


@dataclass(frozen=True, slots=True)
class FileProblem:
    """One cell or line of a fee schedule file that cannot be used, and why."""

    #: None for a problem of the whole file (it cannot be read at all).
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        cell = f", column {self.column}" if self.column else ""
        return f"line {self.line}{cell}: {self.message}"


class FeeScheduleFileError(FeeScheduleError):
    """A clinic fee schedule file with problems; :attr:`problems` lists every one by line and column."""

    def __init__(self, problems: tuple[FileProblem, ...]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"The fee schedules file cannot be used: {shown}{more}")
