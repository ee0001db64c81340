"""The printed estimate a patient takes home: :func:`estimate_pdf` returns the PDF as bytes.

Nothing is written anywhere: the caller (a download button, an email) decides what to do with the
bytes. The patient's name, when given, is typed for this one printout and kept nowhere else.
"""

from __future__ import annotations

import datetime as dt

from coverage.catalog.clinic import EXAMPLE_CLINIC, Clinic
from coverage.engine.billed_services import code_label
from coverage.engine.course_estimate import Estimate, Totals, VisitCost
from coverage.engine.money import ZERO, format_money
from coverage.engine.notices import format_day
from coverage.forms.verification import Verification
from coverage.printouts.pdf_document import Document
from coverage.views.disclosure import disclosure
from coverage.views.front_desk_panel import front_desk
from coverage.views.plan_terms import care_plan, network_and_secondary, plan_rules, year_to_date
from coverage.views.priced_codes import fee_schedule_words, line_service, priced_kinds

_VISIT_HEADINGS = (
    "#", "Date", "Visit", "Covered", "Allowed", "Deductible", "Copay", "Coinsurance", "You pay", "Plan pays",
    "Total so far",
)  # fmt: skip
_VISIT_WIDTHS = (8, 26, 16.5, 14.5, 16, 18.5, 12.5, 20.5, 16, 17, 20)  # mm, fit to DejaVu Sans at 7.5 pt
_VISIT_RIGHT = (True, False, False, False, True, True, True, True, True, True, True)
_TOTAL_HEADINGS = ("Therapy", "Visits", "Covered", "Not covered", "Allowed", "You pay", "Plan pays")
_TOTAL_WIDTHS = (30, 14, 16, 20, 24, 24, 24)
_TOTAL_RIGHT = (False, True, True, True, True, True, True)
_CODE_HEADINGS = ("Visit", "Visits", "Code", "Service", "Units", "Amount a unit", "Amount")
_CODE_WIDTHS = (40, 13, 18, 63, 11, 21, 20)
_CODE_RIGHT = (False, True, False, False, True, True, True)


def estimate_pdf(
    estimate: Estimate,
    *,
    clinic: Clinic = EXAMPLE_CLINIC,
    patient_name: str | None = None,
    verification: Verification | None = None,
    issued: dt.date | None = None,
) -> bytes:
    """The estimate as a printable PDF: the patient copy, or the staff copy when ``verification`` is given.

    It holds the clinic's details, the patient's name (if typed), the plan and every rule used, the
    figures so far this year, the care plan, totals per therapy and overall, the dated milestones, the
    visit-by-visit table, the assumptions and the disclosure. ``issued`` is printed as the date prepared;
    the PDF's creation date is ``issued`` (or the plan of care's start date), so equal inputs give equal bytes.
    """
    copy_label = "Staff copy" if verification is not None else "Patient copy"
    pdf = Document(
        title="Therapy cost estimate",
        clinic=clinic,
        copy_label=copy_label,
        dated=issued or estimate.care.start_date,
    )
    _headline(pdf, estimate, patient_name=(patient_name or "").strip(), issued=issued)
    if verification is not None:
        pdf.heading("Benefits verification (staff record)")
        pdf.paragraph(verification.sentence())
    pdf.heading("Totals")
    pdf.grid(_TOTAL_HEADINGS, _total_rows(estimate), widths=_TOTAL_WIDTHS, right=_TOTAL_RIGHT, total_row=True)
    pdf.heading("Milestones")
    pdf.bullets([f"{format_day(n.date)}: {n.message}" for n in estimate.notices] or ["No milestones in this course."])
    pdf.heading("Care plan")
    pdf.bullets(care_plan(estimate))
    _priced_codes(pdf, estimate)
    if estimate.plan.covers_visits:
        pdf.heading("The plan and every rule used")
        pdf.pairs(plan_rules(estimate.plan))
        pdf.heading("Network and second insurance")
        pdf.pairs(network_and_secondary(estimate))
        pdf.heading("Figures so far this plan year (before the first visit)")
        pdf.pairs(year_to_date(estimate.accumulators))
    else:  # no insurance: no rules, deductible or figures so far apply
        pdf.heading("Payment")
        pdf.paragraph("No insurance pays for these visits: each is charged at its self-pay rate.")
    pdf.heading("Visit by visit")
    pdf.grid(_VISIT_HEADINGS, _visit_rows(estimate.visits), widths=_VISIT_WIDTHS, right=_VISIT_RIGHT)
    pdf.paragraph(
        'Covered "no": the plan pays nothing for the visit; it is charged at its self-pay rate (see the milestones).',
        size=7.5,
    )
    pdf.heading("Assumptions")
    pdf.bullets(_assumptions(estimate))
    pdf.section("Please read: this is an estimate", disclosure(estimate))
    return pdf.to_bytes()


def _headline(pdf: Document, estimate: Estimate, *, patient_name: str, issued: dt.date | None) -> None:
    first, last = estimate.visits[0].date, estimate.visits[-1].date
    facts = []
    if patient_name:
        facts.append(f"Patient: {patient_name}")
    if issued is not None:
        facts.append(f"Prepared on {format_day(issued)}")
    facts.append(f"Plan: {estimate.plan.plan_name}")
    pdf.paragraph(" · ".join(facts))
    pdf.paragraph(
        f"You pay in total: {format_money(estimate.patient_total)} for {estimate.total.visits} visits "
        f"from {format_day(first)} to {format_day(last)}."
        + (f" Your plan pays {format_money(estimate.plan_total)}." if estimate.plan.covers_visits else ""),
        bold=True,
        size=11,
    )
    if estimate.secondary is not None or estimate.total.balance_bill:
        pdf.paragraph(
            f"Your second insurance pays {format_money(estimate.total.secondary_pays)}; balance bills from an "
            f"out-of-network clinic come to {format_money(estimate.total.balance_bill)} (included in what you pay).",
            size=9,
        )
    desk = front_desk(estimate)
    pdf.paragraph(
        f"To pay on the first day, {format_day(desk.first_day)} ({desk.first_day_therapies}): "
        f"{format_money(desk.collect_first_day)}.",
        size=9,
    )
    pdf.paragraph("This is an estimate, not a guarantee of benefits: see the last section.", size=8)


def _priced_codes(pdf: Document, estimate: Estimate) -> None:
    """Each kind of visit priced from its codes: its codes, units and amounts, and the fee schedule used."""
    kinds = priced_kinds(estimate)
    if estimate.prices is None or not kinds:
        return
    pdf.heading("The service codes each visit is priced from")
    pdf.paragraph(f"Priced on {fee_schedule_words(estimate.prices)}.")
    rows: list[tuple[str, ...]] = []
    for kind in kinds:
        for index, line in enumerate(kind.lines):
            rows.append(
                (
                    kind.label if index == 0 else "",
                    str(kind.visits) if index == 0 else "",
                    code_label(line.code, line.modifier),
                    line_service(line),
                    str(line.units),
                    format_money(line.unit_amount),
                    format_money(line.amount),
                )
            )
        rows.append(("", "", "", f"{kind.label}: the codes add up to", "", "", format_money(kind.amount)))
    pdf.grid(_CODE_HEADINGS, rows, widths=_CODE_WIDTHS, right=_CODE_RIGHT)
    pdf.paragraph(
        "A line's amount is its units times the amount a unit, then any percentage the plan or Medicare applies "
        "(a share of Medicare's amounts, 95 % for a clinic that does not take part in Medicare, 85 % for a "
        "therapy assistant), rounded to the cent; the visit-by-visit table shows each visit's allowed amount.",
        size=7.5,
    )


def _total_rows(estimate: Estimate) -> list[tuple[str, ...]]:
    named: list[tuple[str, Totals | None]] = [
        ("OT", estimate.ot_total),
        ("PT", estimate.pt_total),
        ("All visits", estimate.total),
    ]
    return [
        (
            name,
            str(t.visits),
            str(t.covered_visits),
            str(t.not_covered_visits),
            format_money(t.allowed),
            format_money(t.patient_pays),
            format_money(t.plan_pays),
        )
        for name, t in named
        if t is not None
    ]


def _visit_rows(visits: tuple[VisitCost, ...]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    so_far = ZERO
    for index, v in enumerate(visits, start=1):
        so_far += v.patient_pays
        rows.append(
            (
                str(index),
                f"{v.date:%a} {format_day(v.date)}",
                f"{v.discipline} {v.visit_number}" + (" eval" if v.is_evaluation else ""),
                "yes" if v.covered else "no",
                format_money(v.allowed),
                format_money(v.to_deductible),
                format_money(v.copay),
                format_money(v.coinsurance),
                format_money(v.patient_pays),
                format_money(v.plan_pays),
                format_money(so_far),
            )
        )
    return rows


def _assumptions(estimate: Estimate) -> list[str]:
    lines = [
        "Every visit takes place on the dates shown: the visits are spread evenly through each week; on a day "
        "with both therapies, OT comes first.",
    ]
    if any(not v.lines for v in estimate.visits):
        lines.append(
            "Each visit's allowed amount is the rate shown in the care plan; your plan's own allowed amounts may "
            "be lower or higher."
        )
    if estimate.prices is not None and any(v.lines for v in estimate.visits):
        lines.append(
            f"Each visit priced from its service codes is at the amounts of {fee_schedule_words(estimate.prices)}, "
            "for the codes and units shown; your plan's own allowed amounts may be lower or higher."
        )
    lines += [
        "The figures so far this plan year are as shown above; claims your plan has not processed yet are not counted.",
        "The plan's rules are as shown above, as entered or as told by the payer; the payer's own decision prevails.",
        "Coinsurance is rounded to the cent, half up, on each visit.",
        "A visit the plan does not cover is charged at its self-pay rate and counts toward neither the deductible "
        "nor the out-of-pocket maximum.",
    ]
    if any(v.is_evaluation for v in estimate.visits):
        lines.append("The first visit of a course with an evaluation rate is the evaluation.")
    return lines
