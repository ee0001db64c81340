"""A plain-text summary of an estimate to paste into an email or a patient portal message.

Plain text on purpose: no Markdown, no HTML, only ASCII punctuation besides what names and notes
bring, so any mail client or portal shows it as written.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.catalog.clinic import Clinic
from coverage.engine.course_estimate import Estimate, VisitCost
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.engine.plans import DISCIPLINES, Discipline
from coverage.views.disclosure import disclosure
from coverage.views.plan_terms import care_plan, count_of


class CostRun(BaseModel):
    """Consecutive visits of one therapy that each cost the patient the same."""

    model_config = ConfigDict(frozen=True)

    discipline: Discipline
    first: VisitCost
    last: VisitCost
    each: Decimal
    covered: bool

    def sentence(self) -> str:
        """``'PT visits 5 to 16 (22 Jan 2026 to 26 Feb 2026): $16.95 each'``."""
        note = "" if self.covered else " (not covered: self-pay rate)"
        if self.first is self.last:
            when = f"{self.discipline} visit {self.first.visit_number} ({format_day(self.first.date)})"
            return f"{when}: {format_money(self.each)}{note}"
        joint = "and" if self.last.visit_number == self.first.visit_number + 1 else "to"
        return (
            f"{self.discipline} visits {self.first.visit_number} {joint} {self.last.visit_number} "
            f"({format_day(self.first.date)} to {format_day(self.last.date)}): {format_money(self.each)} each{note}"
        )


def cost_runs(result: Estimate, discipline: Discipline) -> tuple[CostRun, ...]:
    """The visits of ``discipline`` grouped into runs of equal cost to the patient, in date order."""
    runs: list[CostRun] = []
    for visit in (v for v in result.visits if v.discipline == discipline):
        last = runs[-1] if runs else None
        if last is not None and last.each == visit.patient_pays and last.covered == visit.covered:
            runs[-1] = last.model_copy(update={"last": visit})
        else:
            runs.append(
                CostRun(discipline=discipline, first=visit, last=visit, each=visit.patient_pays, covered=visit.covered)
            )
    return tuple(runs)


def estimate_summary(result: Estimate, *, clinic: Clinic | None = None) -> str:
    """The estimate in plain text: the total, what each visit costs, the milestones with dates, the disclosure."""
    first, last = result.visits[0].date, result.visits[-1].date
    lines = [
        f"Therapy cost estimate under {result.plan.plan_name}",
        "",
        "Care plan:",
        *(f"- {sentence}" for sentence in care_plan(result)),
        "",
        f"You pay in total: {format_money(result.patient_total)} for {count_of(result.total.visits, 'visit')} "
        f"from {format_day(first)} to {format_day(last)}."
        + (f" Your plan pays {format_money(result.plan_total)}." if result.plan.covers_visits else ""),
    ]
    for discipline in DISCIPLINES:
        totals = result.discipline_total(discipline)
        if totals is not None:
            lines.append(f"- {discipline}: {format_money(totals.patient_pays)} for {count_of(totals.visits, 'visit')}")
    lines += ["", "What each visit costs you:"]
    for discipline in DISCIPLINES:
        lines += [f"- {run.sentence()}" for run in cost_runs(result, discipline)]
    lines += ["", "Milestones:"]
    lines += [f"- {format_day(n.date)}: {n.message}" for n in result.notices] or ["- none in this course"]
    for paragraph in disclosure(result):
        lines += ["", paragraph]
    if clinic is not None:
        lines += ["", f"{clinic.name}, {clinic.phone}"]
    return "\n".join(lines) + "\n"
