"""The course over time: what the patient and the plan have paid by each visit date, and the milestones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import NamedTuple

from coverage.engine.course_estimate import Estimate
from coverage.engine.money import ZERO
from coverage.engine.notices import NoticeKind

#: A short name for each milestone a chart can mark. Not charted: the referral, self-pay, and the figures so far
#: already meeting the deductible or maximum (said once, before the first visit, in the notices).
MILESTONE_NAMES = {
    NoticeKind.DEDUCTIBLE_MET: "Deductible met",
    NoticeKind.OOP_MAX_REACHED: "Out-of-pocket maximum reached",
    NoticeKind.VISIT_LIMIT_REACHED: "Visit limit reached",
    NoticeKind.PRIOR_AUTHORIZATION: "Authorization needed",
    NoticeKind.THERAPY_THRESHOLD: "KX modifier from here",
    NoticeKind.MEDICAL_REVIEW: "Medical review mark",
    NoticeKind.PLAN_YEAR_RESET: "New plan year",
    NoticeKind.SECONDARY_DEDUCTIBLE_MET: "Second plan's deductible met",
    NoticeKind.SECONDARY_OOP_MAX_REACHED: "Second plan's maximum reached",
    NoticeKind.SECONDARY_VISIT_LIMIT_REACHED: "Second plan's visits run out",
    NoticeKind.SECONDARY_PLAN_YEAR_RESET: "Second plan's new year",
}


class CostSoFar(NamedTuple):
    """The running totals at the end of one visit date."""

    date: dt.date
    patient: Decimal
    plan: Decimal
    secondary: Decimal = ZERO


class Milestone(NamedTuple):
    """A dated milestone with a short name and the notice's full sentence."""

    date: dt.date
    name: str
    message: str


def cost_so_far(estimate: Estimate) -> list[CostSoFar]:
    """The cumulative amounts paid by the patient, the plan and any second insurance, one point per visit date."""
    points: list[CostSoFar] = []
    patient = plan = secondary = ZERO
    for visit in estimate.visits:
        patient += visit.patient_pays
        plan += visit.plan_pays
        secondary += visit.secondary_pays
        if points and points[-1].date == visit.date:
            points.pop()
        points.append(CostSoFar(visit.date, patient, plan, secondary))
    return points


def milestones(estimate: Estimate) -> list[Milestone]:
    """The estimate's dated milestones, one per date, in date order.

    Notices on the same date make one milestone (their short names joined by " · ", each said once,
    and their sentences one after another), so the chart never prints two labels on top of each other.
    """
    by_date: dict[dt.date, list[tuple[str, str]]] = {}
    for notice in estimate.notices:
        if notice.kind in MILESTONE_NAMES:
            by_date.setdefault(notice.date, []).append((MILESTONE_NAMES[notice.kind], notice.message))
    return [
        Milestone(day, " · ".join(dict.fromkeys(name for name, _ in said)), " ".join(message for _, message in said))
        for day, said in by_date.items()
    ]
