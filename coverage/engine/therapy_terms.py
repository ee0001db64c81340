"""Each therapy's course in a plan of care, with the plan's copay and coinsurance for it (internal)."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from coverage.engine.care import CarePlan, Course
from coverage.engine.plans import DISCIPLINES, Discipline, Plan


class TherapyTerms(NamedTuple):
    """One therapy's course in the plan of care, and the plan's copay and coinsurance for it."""

    course: Course
    copay: Decimal
    coinsurance_pct: Decimal


def therapy_terms(plan: Plan, care: CarePlan) -> dict[Discipline, TherapyTerms]:
    """The terms of each therapy the plan of care has: looked up once a walk rather than at every visit."""
    return {
        discipline: TherapyTerms(course, plan.copay(discipline), plan.coinsurance_pct(discipline))
        for discipline in DISCIPLINES
        if (course := care.course(discipline)) is not None
    }
