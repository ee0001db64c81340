"""Small builders that keep the hand-worked tests readable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from coverage import Accumulators, CarePlan, Course, Plan
from tests.conftest import ROOT

MONDAY = date(2026, 1, 5)


def plan(**fields: Any) -> Plan:
    """A commercial plan with no cost sharing and no limits, changed by ``fields``."""
    base: dict[str, Any] = {"plan_id": "test", "plan_name": "Test plan", "payer_type": "commercial"}
    return Plan(**(base | fields))


def course(per_week: int, weeks: int, rate: str, **fields: Any) -> Course:
    """A course of ``per_week`` visits for ``weeks`` weeks at ``rate``."""
    return Course(visits_per_week=per_week, weeks=weeks, visit_rate=Decimal(rate), **fields)


def care(start: date = MONDAY, *, ot: Course | None = None, pt: Course | None = None) -> CarePlan:
    """A plan of care starting on ``start`` (a Monday by default)."""
    return CarePlan(start_date=start, ot=ot, pt=pt)


def so_far(**fields: Any) -> Accumulators:
    """Year-to-date figures."""
    return Accumulators(**fields)


def money(*amounts: str) -> list[Decimal]:
    """``money("1.00", "2.50")`` -> Decimals, for comparing columns of amounts."""
    return [Decimal(a) for a in amounts]


def clinic_toml(folder: Path, *, locality: str, participation: str = "participating") -> Path:
    """The example clinic.toml written into ``folder`` with its Medicare locality and participation set."""
    text = (ROOT / "clinic.example.toml").read_text(encoding="utf-8")
    text = text.replace('medicare_locality = "06102-99"', f'medicare_locality = "{locality}"')
    text = text.replace('medicare_participation = "participating"', f'medicare_participation = "{participation}"')
    path = folder / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path
