"""Read the OT and PT rows of the Benefits and Cost Sharing PUF, one plan at a time.

The file has a row per plan and benefit (about eighty benefits a plan); only the
rehabilitative occupational and physical therapy benefits are read, each into a
:class:`TherapyBenefit` or the :class:`ImportProblem` that keeps it out. Every
PlanId seen is remembered, so a plan without an OT or PT row can be reported.
The "Outpatient Rehabilitation Services" rows are read too, kept apart: an OT/PT row
marked "Not Covered" may say its therapy is "Covered under Outpatient Rehabilitation
Services" (:mod:`coverage.catalog.cms_import.plan_rows` then reads that row).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, TypeVar

from coverage.catalog.cms_import.cost_share_text import parse_coinsurance, parse_copay
from coverage.catalog.cms_import.deductible_rule import BenefitCostShare, benefit_cost_share
from coverage.catalog.cms_import.limit_text import VisitLimit, limit_quantity, read_limit
from coverage.catalog.cms_import.plan_attributes import plan_key, split_key
from coverage.catalog.cms_import.problems import ImportProblem, PufValueError
from coverage.catalog.cms_import.puf_files import Progress, puf_rows

OT_AND_PT = "Rehabilitative Occupational and Rehabilitative Physical Therapy"
OT_ONLY = "Rehabilitative Occupational Therapy"
PT_ONLY = "Rehabilitative Physical Therapy"
OUTPATIENT_REHABILITATION = "Outpatient Rehabilitation Services"
THERAPY_BENEFITS = frozenset((OT_AND_PT, OT_ONLY, PT_ONLY))
#: Benefits an OT/PT row may send the reader to ("Covered under Outpatient Rehabilitation Services").
REFERRED_BENEFITS = frozenset((OUTPATIENT_REHABILITATION,))
_ONE_COPY = {name: name for name in THERAPY_BENEFITS | REFERRED_BENEFITS}  # rows share one copy of each name

COLUMNS = ("PlanId", "BenefitName", "IsCovered", "CopayInnTier1", "CoinsInnTier1", "LimitQty", "LimitUnit")
OPTIONAL = ("BusinessYear", "QuantLimitOnSvc", "Explanation", "IsSubjToDedTier1", "IsExclFromInnMOOP")

BenefitRows = tuple[tuple[str, "TherapyBenefit | ImportProblem"], ...]  # (benefit name, row read) pairs
T = TypeVar("T")


class TherapyBenefit(NamedTuple):
    """One OT or PT benefit row, read."""

    line: int
    benefit: str
    covered: bool
    cost_share: BenefitCostShare | None  # None when not covered
    limit: VisitLimit
    outside_oop_max: bool  # IsExclFromInnMOOP: its cost sharing does not count toward the maximum
    explanation: str


@dataclass
class TherapyBenefits:
    """Per plan (by :func:`plan_key`), its OT and PT rows; and the first line of each plan without one.

    Kept small, since a file can hold a million plans: a string key and a tuple of rows per plan.
    """

    file: str
    plans: dict[str, BenefitRows] = field(default_factory=dict)
    referred: dict[str, BenefitRows] = field(default_factory=dict)  # rows of REFERRED_BENEFITS, per plan
    without_therapy: dict[str, int] = field(default_factory=dict)
    years: set[str] = field(default_factory=set)
    rows: int = 0

    @property
    def plans_seen(self) -> int:
        """How many plans the file holds."""
        return len(self.plans) + len(self.without_therapy)


def _yes_no(value: str, column: str) -> bool | None:
    cleaned = value.strip().lower()
    if cleaned in ("yes", "no"):
        return cleaned == "yes"
    if cleaned:
        raise PufValueError(f"{column} '{value.strip()}' is neither Yes nor No")
    return None


class _CellError(Exception):
    """A cell of an OT/PT row that cannot be read: which column, what it holds, why."""

    def __init__(self, column: str, value: str, message: str) -> None:
        super().__init__(message)
        self.column, self.value, self.message = column, value.strip(), message


def _cell(column: str, value: str, read: Callable[[], T]) -> T:
    try:
        return read()
    except PufValueError as exc:
        raise _CellError(column, value, str(exc)) from None


def _therapy_row(line: int, cells: list[str], texts: dict[str, str]) -> TherapyBenefit:
    """Read one OT/PT row. Raises :class:`_CellError` naming the first cell that cannot be read."""
    _, benefit, covered, copay, coinsurance, quantity, unit, _, quant_flag, explanation, ded_flag, excluded = cells
    explanation = texts.setdefault(explanation, explanation)  # plans share explanations: keep one copy
    if covered.strip().lower() == "not covered":
        return TherapyBenefit(line, benefit, False, None, VisitLimit(), False, explanation)
    if covered.strip().lower() != "covered":
        raise _CellError(
            "IsCovered", covered, "is blank" if not covered.strip() else "is neither Covered nor Not Covered"
        )
    _cell("CopayInnTier1", copay, lambda: parse_copay(copay))
    _cell("CoinsInnTier1", coinsurance, lambda: parse_coinsurance(coinsurance))
    share = _cell(
        "IsSubjToDedTier1" if ded_flag.strip() else "CoinsInnTier1",
        ded_flag if ded_flag.strip() else coinsurance,
        lambda: benefit_cost_share(copay, coinsurance, ded_flag),
    )
    number = _cell("LimitUnit", f"{quantity} {unit}", lambda: limit_quantity(quantity, unit))
    alone = benefit not in (OT_AND_PT, OUTPATIENT_REHABILITATION)
    limit = _cell("Explanation", explanation, lambda: read_limit(number, explanation, one_discipline=alone))
    has_limit = _cell("QuantLimitOnSvc", quant_flag, lambda: _yes_no(quant_flag, "QuantLimitOnSvc"))
    outside = _cell("IsExclFromInnMOOP", excluded, lambda: _yes_no(excluded, "IsExclFromInnMOOP"))
    if has_limit is True and limit.each is None and limit.combined is None:
        raise _CellError("QuantLimitOnSvc", quant_flag, "says Yes but no number of visits is stated")
    if has_limit is False and number is not None:
        raise _CellError("QuantLimitOnSvc", quant_flag, "says No but LimitQty states a limit")
    return TherapyBenefit(line, benefit, True, share, limit, bool(outside), explanation)


def read_therapy_benefits(path: str | Path, *, with_year: bool, progress: Progress | None = None) -> TherapyBenefits:
    """Stream the Benefits and Cost Sharing PUF at ``path`` and keep its OT and PT rows, read."""
    found = TherapyBenefits(Path(path).name)
    texts: dict[str, str] = {}
    for line, cells in puf_rows(path, COLUMNS, OPTIONAL, progress):
        found.rows += 1
        year = cells[7].strip()
        found.years.add(year)
        key = plan_key(cells[0], year if with_year else "")
        benefit = _ONE_COPY.get(cells[1].strip())
        if benefit is None or benefit in REFERRED_BENEFITS:
            if key not in found.plans:
                found.without_therapy.setdefault(key, line)
            if benefit is not None:
                _keep_referred(found, key, line, cells, texts)
            continue
        found.without_therapy.pop(key, None)
        rows = found.plans.get(key, ())
        plan_id = split_key(key)[0]
        if any(name == benefit for name, _ in rows):
            twice = "the benefit is listed twice for this plan"
            found.plans[key] = (
                *rows,
                (benefit, ImportProblem(found.file, line, plan_id, "BenefitName", benefit, twice)),
            )
            continue
        cells[1] = benefit
        try:
            read: TherapyBenefit | ImportProblem = _therapy_row(line, cells, texts)
        except _CellError as exc:
            read = ImportProblem(found.file, line, plan_id, exc.column, exc.value, exc.message)
        found.plans[key] = (*rows, (benefit, read))
    return found


def _keep_referred(found: TherapyBenefits, key: str, line: int, cells: list[str], texts: dict[str, str]) -> None:
    """Keep a row an OT/PT row may refer to, read (or the problem reading it), the first of its name per plan."""
    rows = found.referred.get(key, ())
    if any(name == cells[1].strip() for name, _ in rows):
        return
    benefit = _ONE_COPY[cells[1].strip()]
    cells[1] = benefit
    try:
        read: TherapyBenefit | ImportProblem = _therapy_row(line, cells, texts)
    except _CellError as exc:
        read = ImportProblem(found.file, line, split_key(key)[0], exc.column, exc.value, exc.message)
    found.referred[key] = (*rows, (benefit, read))
