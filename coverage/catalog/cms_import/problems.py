"""What the CMS importer could not read, said plainly and tied to the file and line."""

from __future__ import annotations

from dataclasses import dataclass


class PufValueError(ValueError):
    """A Public Use File value the importer cannot read without guessing."""


class PufFileError(ValueError):
    """A Public Use File that cannot be read at all (missing, not CSV, required columns absent)."""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing left out of the catalog, and why (``premium_only``: the plan is written, its premium blank)."""

    file: str
    line: int | None
    plan_id: str | None
    column: str | None
    value: str | None
    message: str
    premium_only: bool = False

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file} line {self.line}"
        plan = f" (plan {self.plan_id})" if self.plan_id else ""
        shown = self.value if self.value is None or len(self.value) <= 80 else self.value[:80] + "…"
        cell = f" {self.column} {shown!r}:" if self.column else ""
        return f"{where}{plan}:{cell} {self.message}"
