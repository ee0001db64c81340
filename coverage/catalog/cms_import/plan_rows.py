"""Make one plans.csv row from a plan's OT/PT benefit rows and its Plan Attributes figures.

- The OT terms come from "Rehabilitative Occupational Therapy" when the plan has
  that row, else from "Rehabilitative Occupational and Rehabilitative Physical
  Therapy"; the PT terms likewise. A plan with neither is left out.
- A benefit that is "Not Covered" becomes a visit limit of 0: no visit is covered; unless its
  explanation says the therapy is covered under another benefit ("Covered under Outpatient
  Rehabilitation Services"): then that benefit's row is read instead when the file has it, and
  otherwise the plan is refused with that reason (never written as a limit of 0).
- On the shared OT and PT row, a limit stated "each" becomes ``ot_visit_limit``
  and ``pt_visit_limit``; any other limit becomes ``combined_visit_limit``, one
  pool for OT and PT (other therapies that share it are named in the notes).
- ``IsExclFromInnMOOP`` Yes: the therapy's cost sharing does not count toward the
  maximum, so the catalog row has no ``oop_max``.
- Marketplace plans are commercial, with a plan year from 1 January.
- The family deductible and maximum come from the Plan Attributes PUF where it states them
  (:mod:`coverage.catalog.cms_import.family_figures`); the catalog has their three columns after the 21.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import TypeVar

from pydantic import ValidationError

from coverage.catalog.cms_import.benefits import OT_AND_PT, OT_ONLY, PT_ONLY, TherapyBenefit
from coverage.catalog.cms_import.plan_attributes import PlanCosts
from coverage.catalog.cms_import.problems import ImportProblem, PufValueError
from coverage.catalog.loader import PLAN_COLUMNS
from coverage.engine.money import ZERO
from coverage.engine.plans import CopayTiming, Plan
from coverage.engine.validation import describe

NAME_LENGTH, NOTES_LENGTH = 120, 500
T = TypeVar("T")
#: The columns the importer writes: every required one, then the family figures.
IMPORT_COLUMNS = (*PLAN_COLUMNS, "family_deductible", "family_oop_max", "family_deductible_embedded")
_COVERED_UNDER = re.compile(
    r"\bcovered\s+(?:under|as\s+part\s+of|in|with|by)\s+(?:the\s+)?(.+?)\s*(?:benefits?)?\s*\.?\s*$", re.IGNORECASE
)


_NOTHING_COVERED = (False, CopayTiming.AFTER_DEDUCTIBLE, False)


def _one(values: set[T], what: str) -> T | None:
    """The one value the OT and PT rows agree on (None when neither says)."""
    if len(values) > 1:
        raise PufValueError(f"the OT and PT rows differ in {what}")
    return next(iter(values), None)


def _own_limit(row: TherapyBenefit, discipline: str) -> int | None:
    """The visit limit of a row that is about one therapy alone."""
    if not row.covered:
        return 0
    if row.limit.says_combined:
        raise PufValueError(f"the {discipline} limit is shared with other benefits, which plans.csv cannot say")
    return row.limit.each if row.limit.each is not None else row.limit.combined


def _limits(ot: TherapyBenefit, pt: TherapyBenefit) -> dict[str, int | None]:
    if ot is pt:
        if not ot.covered:
            return {"ot_visit_limit": 0, "pt_visit_limit": 0, "combined_visit_limit": None}
        each = ot.limit.each
        return {"ot_visit_limit": each, "pt_visit_limit": each, "combined_visit_limit": ot.limit.combined}
    return {
        "ot_visit_limit": _own_limit(ot, "OT"),
        "pt_visit_limit": _own_limit(pt, "PT"),
        "combined_visit_limit": None,
    }


def _clean(text: str, length: int) -> str:
    text = " ".join("".join(ch if ord(ch) >= 32 else " " for ch in text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _notes(puf_plan_id: str, year: str, rows: list[TherapyBenefit]) -> str:
    parts = [f"Imported from the CMS {year + ' ' if year else ''}Public Use Files, PlanId {puf_plan_id}."]
    if any(row.limit.shared_with_others for row in rows):
        parts.append("Other therapies share the visit limit: count their visits as other visits in the pool.")
    parts.extend(f"{row.benefit}: {row.explanation}" for row in rows if row.explanation.strip())
    return _clean(" ".join(parts), NOTES_LENGTH)


def _covered_elsewhere(
    row: TherapyBenefit | None, referred: Mapping[str, TherapyBenefit | ImportProblem]
) -> TherapyBenefit | None:
    """A "Not Covered" row whose explanation names the benefit that covers it: that benefit's row.

    Raises :class:`PufValueError` when the file has no readable, covered row of that benefit for the plan.
    """
    if row is None or row.covered:
        return row
    match = _COVERED_UNDER.search(" ".join(row.explanation.split()))
    if match is None:
        return row
    name = match.group(1)
    said = f"the {row.benefit} row says Not Covered but its explanation says '{row.explanation.strip()}'"
    target = next((found for benefit, found in referred.items() if benefit.lower() == name.lower()), None)
    if target is None:
        raise PufValueError(f"{said}, and the file has no {name} row for this plan: what is covered cannot be told")
    if isinstance(target, ImportProblem):
        raise PufValueError(f"{said}, and its {name} row cannot be read ({target.message})")
    if not target.covered:
        raise PufValueError(f"{said}, and its {name} row says Not Covered too")
    return target


def catalog_plan(
    plan_id: str,
    puf_plan_id: str,
    year: str,
    costs: PlanCosts,
    rows: dict[str, TherapyBenefit],
    *,
    referred: Mapping[str, TherapyBenefit | ImportProblem] | None = None,
) -> Plan:
    """The plans.csv row of one plan. Raises :class:`PufValueError` when it cannot be made without guessing."""
    ot, pt = rows.get(OT_ONLY) or rows.get(OT_AND_PT), rows.get(PT_ONLY) or rows.get(OT_AND_PT)
    ot, pt = _covered_elsewhere(ot, referred or {}), _covered_elsewhere(pt, referred or {})
    if ot is None or pt is None:
        missing = " and ".join(d for d, row in (("OT", ot), ("PT", pt)) if row is None)
        raise PufValueError(f"the plan has no rehabilitative {missing} benefit row")
    used = [ot] if ot is pt else [ot, pt]
    covered = [row for row in used if row.covered]
    shares = [row.cost_share for row in covered if row.cost_share is not None]
    rules = {(s.deductible_applies, s.copay_timing, s.one_copay_per_day) for s in shares}
    applies, timing, per_day = _one(rules, "how the deductible and copays apply") or _NOTHING_COVERED
    outside = _one({row.outside_oop_max for row in covered}, "whether they count toward the out-of-pocket maximum")
    auth = _one({row.limit.auth_after_visits for row in covered} - {None}, "when authorization is needed")
    fields: dict[str, object] = {
        "plan_id": plan_id,
        "plan_name": _clean(costs.name, NAME_LENGTH) or plan_id,
        "payer_type": "commercial",
        "deductible": costs.deductible,
        "oop_max": None if outside else costs.oop_max,
        "deductible_applies": applies,
        "copay_timing": timing,
        "ot_copay": ot.cost_share.copay if ot.cost_share else ZERO,
        "pt_copay": pt.cost_share.copay if pt.cost_share else ZERO,
        "ot_coinsurance_pct": ot.cost_share.coinsurance_pct if ot.cost_share else Decimal(0),
        "pt_coinsurance_pct": pt.cost_share.coinsurance_pct if pt.cost_share else Decimal(0),
        **_limits(ot, pt),
        "one_copay_per_day": per_day,
        "auth_after_visits": auth,
        "notes": _notes(puf_plan_id, year, used),
        "family_deductible": costs.family.deductible,
        "family_oop_max": costs.family.oop_max,
        "family_deductible_embedded": costs.family.embedded,
    }
    try:
        return Plan.model_validate(fields)
    except ValidationError as exc:
        raise PufValueError(describe(exc)) from None


def plans_csv_row(plan: Plan, columns: tuple[str, ...] = IMPORT_COLUMNS) -> list[str]:
    """``plan`` as the cells of a plans.csv line, in ``columns`` order (by default :data:`IMPORT_COLUMNS`)."""
    cells = []
    for column in columns:
        value = getattr(plan, column)
        if value is None:
            cells.append("")
        elif isinstance(value, bool):
            cells.append("true" if value else "false")
        elif isinstance(value, Decimal):
            cells.append(f"{value:.2f}")
        else:
            cells.append(str(value))
    return cells
