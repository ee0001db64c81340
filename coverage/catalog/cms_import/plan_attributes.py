"""Read each plan's name, deductible and out-of-pocket maximum from the Plan Attributes PUF.

A plan whose medical and drug costs share one deductible states it in the "TEHB"
(total essential health benefits) column; a plan with separate medical and drug
deductibles states the medical one in the "MEHB" column and writes "Not
Applicable" in the other. Therapy is medical, so the medical figure is the one
that applies. The same holds for the maximum out-of-pocket (MOOP). In-network tier
1, individual (self-only) figures are used; the family figures, where the file has them, are read by
:mod:`coverage.catalog.cms_import.family_figures` (a family figure that cannot be read leaves the plan
self-only, with the reason kept in ``family_problem``).
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from coverage.catalog.cms_import.family_figures import FAMILY_COLUMNS, NO_FAMILY, FamilyFigures, read_family
from coverage.catalog.cms_import.problems import ImportProblem, PufValueError
from coverage.catalog.cms_import.puf_files import Progress, puf_rows
from coverage.engine.money import MoneyError, parse_money

COLUMNS = (
    "PlanId",
    "PlanMarketingName",
    "TEHBDedInnTier1Individual",
    "MEHBDedInnTier1Individual",
    "TEHBInnTier1IndividualMOOP",
    "MEHBInnTier1IndividualMOOP",
)
OPTIONAL = (
    "BusinessYear", "MedicalDrugDeductiblesIntegrated", "MedicalDrugMaximumOutofPocketIntegrated", *FAMILY_COLUMNS
)  # fmt: skip


class PlanCosts(NamedTuple):
    """What the Plan Attributes PUF says about one plan."""

    name: str
    deductible: Decimal
    oop_max: Decimal
    family: FamilyFigures = NO_FAMILY
    family_problem: ImportProblem | None = None  # why the family figures are left blank


@lru_cache(maxsize=8192)  # plans share a few hundred figures: read each once, keep one copy
def puf_amount(text: str) -> Decimal | None:
    """``'$5,750 '`` -> 5750.00; ``'Not Applicable'`` or blank -> None. Raises :class:`PufValueError`."""
    cleaned = text.strip()
    if cleaned.lower() in ("", "not applicable"):
        return None
    try:
        return parse_money(cleaned)
    except MoneyError as exc:
        raise PufValueError(f"'{cleaned}' is not an amount ({exc})") from None


def _medical_figure(total_text: str, medical_text: str, integrated: str, what: str) -> Decimal:
    """The figure that applies to medical care: TEHB when integrated, MEHB when not."""
    total, medical = puf_amount(total_text), puf_amount(medical_text)
    flag = integrated.strip().lower()
    if flag == "yes" and total is not None:
        return total
    if flag == "no" and medical is not None:
        return medical
    if flag not in ("yes", "no") and (total is None or medical is None or total == medical):
        figure = total if total is not None else medical
        if figure is not None:
            return figure
    raise PufValueError(f"the {what} cannot be told: total '{total_text.strip()}', medical '{medical_text.strip()}'")


def plan_key(plan_id: str, year: str) -> str:
    """How a plan is matched between the two files: its PlanId and, when both files have it, the year.

    One string (PlanId, a tab, the year), since a large file holds a key per plan.
    """
    plan_id, year = plan_id.strip(), year.strip()
    return f"{plan_id}\t{year}" if year else plan_id


def split_key(key: str) -> tuple[str, str]:
    """``plan_key``'s PlanId and year (blank when not matched by year)."""
    plan_id, _, year = key.partition("\t")
    return plan_id, year


def read_plan_costs(
    path: str | Path, *, with_year: bool, progress: Progress | None = None
) -> dict[str, PlanCosts | ImportProblem]:
    """Every plan of the Plan Attributes PUF: its costs, or the problem that keeps it out."""
    name = Path(path).name
    found: dict[str, PlanCosts | ImportProblem] = {}
    for line, cells in puf_rows(path, COLUMNS, OPTIONAL, progress):
        plan_id, plan_name, tehb_ded, mehb_ded, tehb_moop, mehb_moop, year, ded_flag, moop_flag = cells[:9]
        key = plan_key(plan_id, year if with_year else "")
        if key in found:
            found[key] = ImportProblem(
                name, line, plan_id.strip(), "PlanId", plan_id, "the plan is listed more than once"
            )
            continue
        column, value = "TEHBDedInnTier1Individual", tehb_ded
        try:
            deductible = _medical_figure(tehb_ded, mehb_ded, ded_flag, "deductible")
            column, value = "TEHBInnTier1IndividualMOOP", tehb_moop
            oop_max = _medical_figure(tehb_moop, mehb_moop, moop_flag, "out-of-pocket maximum")
        except PufValueError as exc:
            found[key] = ImportProblem(name, line, plan_id.strip(), column, value.strip(), str(exc))
            continue
        family, family_problem = NO_FAMILY, None
        try:
            family = read_family(
                tuple(cells[9:]),
                deductibles_integrated=ded_flag,
                maximums_integrated=moop_flag,
                deductible=deductible,
                oop_max=oop_max,
            )
        except PufValueError as exc:
            shown = next((cell.strip() for cell in cells[9:] if cell.strip()), "")
            family_problem = ImportProblem(name, line, plan_id.strip(), FAMILY_COLUMNS[0], shown, str(exc))
        found[key] = PlanCosts(" ".join(plan_name.split()), deductible, oop_max, family, family_problem)
    return found
