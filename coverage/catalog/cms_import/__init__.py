"""Import the CMS Exchange Public Use Files into a plans catalog (plans.csv rows).

:func:`import_cms` streams the Benefits and Cost Sharing PUF and the Plan
Attributes PUF and writes one catalog row per plan whose OT and PT terms it can
read. Every plan it cannot read without guessing is left out and reported, with
the file, line, column and value that stopped it (:class:`ImportProblem`).
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from coverage.catalog.cms_import.benefits import TherapyBenefit, TherapyBenefits, read_therapy_benefits
from coverage.catalog.cms_import.cost_share_text import CostSharePart, Deductible, parse_coinsurance, parse_copay
from coverage.catalog.cms_import.deductible_rule import BenefitCostShare, benefit_cost_share
from coverage.catalog.cms_import.limit_text import VisitLimit, limit_quantity, read_limit
from coverage.catalog.cms_import.plan_attributes import PlanCosts, plan_key, puf_amount, read_plan_costs, split_key
from coverage.catalog.cms_import.plan_rows import IMPORT_COLUMNS, catalog_plan, plans_csv_row
from coverage.catalog.cms_import.problems import ImportProblem, PufFileError, PufValueError
from coverage.catalog.cms_import.puf_files import Progress, puf_header
from coverage.catalog.cms_import.rates import Premiums, age_band, read_premiums
from coverage.catalog.loader import PLAN_COLUMNS
from coverage.engine.plans import Plan

__all__ = [
    "BenefitCostShare",
    "CostSharePart",
    "Deductible",
    "ImportProblem",
    "ImportReport",
    "Premiums",
    "Progress",
    "PufFileError",
    "PufValueError",
    "RateChoice",
    "VisitLimit",
    "age_band",
    "benefit_cost_share",
    "import_cms",
    "limit_quantity",
    "parse_coinsurance",
    "parse_copay",
    "puf_amount",
    "read_limit",
]


#: The premium column the importer adds when it is given a Rate PUF (after the other plans.csv columns).
PREMIUM_COLUMN = "monthly_premium"


@dataclass(frozen=True)
class RateChoice:
    """Which premiums to take from a Rate PUF: the file, one age, and one rating area (``Rating Area 1``)."""

    file: str | Path
    age: int
    rating_area: str


@dataclass(frozen=True)
class ImportReport:
    """What an import did: plans written, rows read, and every problem that kept a plan out."""

    plans_written: int
    benefit_rows: int
    plans_seen: int
    problems: tuple[ImportProblem, ...]
    #: Plans written as self-only because their family figures could not be read, and why.
    family_left_blank: tuple[ImportProblem, ...] = ()

    @property
    def plans_left_out(self) -> int:
        """How many plans of the benefits file are not in the catalog."""
        return self.plans_seen - self.plans_written


def _catalog(
    benefits: TherapyBenefits,
    costs: dict[str, PlanCosts | ImportProblem],
    attributes_file: str,
    match_year: bool,
    problems: list[ImportProblem],
    *,
    premiums: Premiums | None = None,
    family_left_blank: list[ImportProblem],
) -> Iterator[Plan]:
    """Yield the plans that can be read, in the benefits file's order; add the others' problems to ``problems``."""
    several_years = len(benefits.years) > 1
    for key, rows in benefits.plans.items():
        plan_id, year = split_key(key)
        bad = [row for _, row in rows if isinstance(row, ImportProblem)]
        found = costs.get(plan_key(plan_id, year if match_year else ""))
        if found is None:
            bad.append(ImportProblem(attributes_file, None, plan_id, "PlanId", plan_id, "is not in this file"))
        elif isinstance(found, ImportProblem):
            bad.append(found)
        if bad or not isinstance(found, PlanCosts):
            problems.extend(bad)
            continue
        read = {name: row for name, row in rows if isinstance(row, TherapyBenefit)}
        referred = dict(benefits.referred.get(key, ()))
        try:
            plan = catalog_plan(
                f"{plan_id}.{year}" if several_years else plan_id, plan_id, year, found, read, referred=referred
            )
        except PufValueError as exc:
            line = min(row.line for row in read.values())
            problems.append(ImportProblem(benefits.file, line, plan_id, None, None, str(exc)))
            continue
        if found.family_problem is not None:
            family_left_blank.append(found.family_problem)
        premium = None if premiums is None else premiums.premium(plan_id, year)
        if isinstance(premium, ImportProblem):  # the plan is written, its premium blank: never a guess
            problems.append(replace(premium, plan_id=plan_id))
        elif premium is not None:
            plan = plan.model_copy(update={"monthly_premium": premium})
        yield plan
    message = "the plan has no rehabilitative OT or PT benefit row"
    for key, first_line in benefits.without_therapy.items():
        problems.append(ImportProblem(benefits.file, first_line, split_key(key)[0], None, None, message))


def _write(plans: Iterable[Plan], out: Path, columns: tuple[str, ...] = PLAN_COLUMNS) -> int:
    """Write the catalog next to ``out`` and rename it into place, so a reader never sees half a file.

    Rows are written as they are made, so no more than one plan is held at a time. Returns the count.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    written = 0
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(columns)
            for plan in plans:
                writer.writerow(plans_csv_row(plan, columns))
                written += 1
        Path(temporary).replace(out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def import_cms(
    benefits: str | Path,
    plan_attributes: str | Path,
    out: str | Path,
    *,
    progress: Progress | None = None,
    rates: RateChoice | None = None,
) -> ImportReport:
    """Read both PUFs and write the catalog to ``out``. Raises :class:`PufFileError` for an unreadable file.

    Plans are matched on PlanId, and on BusinessYear too when both files have
    it; when the benefits file spans several years, plan ids get the year
    appended (``12345AK0010001-01.2015``). ``progress`` is called now and then
    with the file name, the bytes read and the file's size.

    With ``rates`` (a Rate PUF, an age and a rating area; see :mod:`coverage.catalog.cms_import.rates`) the
    catalog gets a last column, ``monthly_premium``: blank where the file has no rate for the plan, or
    two different ones (reported).
    """
    benefits_by_year = "BusinessYear" in puf_header(benefits)
    match_year = benefits_by_year and "BusinessYear" in puf_header(plan_attributes)
    costs = read_plan_costs(plan_attributes, with_year=match_year, progress=progress)
    found = read_therapy_benefits(benefits, with_year=benefits_by_year, progress=progress)
    premiums = None
    if rates is not None:
        premiums = read_premiums(rates.file, age=rates.age, rating_area=rates.rating_area, progress=progress)
    problems: list[ImportProblem] = []
    family: list[ImportProblem] = []
    plans = _catalog(
        found, costs, Path(plan_attributes).name, match_year, problems, premiums=premiums, family_left_blank=family
    )
    columns = IMPORT_COLUMNS if rates is None else (*IMPORT_COLUMNS, PREMIUM_COLUMN)
    written = _write(plans, Path(out), columns)
    return ImportReport(written, found.rows, found.plans_seen, tuple(problems), tuple(family))
