"""Small builders that keep the hand-worked tests readable."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coverage import Accumulators, CarePlan, Course, Plan

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
