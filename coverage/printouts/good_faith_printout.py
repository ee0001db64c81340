"""The Good Faith Estimate as a printable PDF: :func:`good_faith_pdf` returns the bytes, writes no file.

Sections follow 45 CFR 149.610(c) and the wording of CMS's standard form, in plain words; the
dispute threshold ($400) and process are in 45 CFR 149.620.
"""

from __future__ import annotations

import datetime as dt

from coverage.catalog.clinic import EXAMPLE_CLINIC, Clinic
from coverage.engine.billed_services import code_label
from coverage.engine.course_estimate import Estimate
from coverage.engine.money import format_money
from coverage.engine.notices import format_day
from coverage.printouts.good_faith import GoodFaithEstimate, good_faith_estimate
from coverage.printouts.pdf_document import Document
from coverage.views.disclosure import NO_SURPRISES_PHONE, NO_SURPRISES_WEBSITE

TITLE = "Good Faith Estimate for health care items and services"
RIGHT_TO_AN_ESTIMATE = (
    "You have the right to receive a Good Faith Estimate of how much your care will cost. Under the law, health "
    "care providers must give patients who do not have insurance, or who are not using insurance, an estimate of "
    "the bill for items and services before they are provided."
)
SEPARATE_ESTIMATES = (
    "The items and services below are expected to be scheduled separately, before or after this course of care, "
    "and are not included in this estimate. Separate Good Faith Estimates will be issued to you when you schedule "
    "or request them; ask the clinic at the phone number above."
)
ADDITIONAL_SERVICES = (
    "There may be additional items or services the provider recommends as part of your course of care that must be "
    "scheduled or requested separately and are not reflected in this Good Faith Estimate."
)
ONLY_AN_ESTIMATE = (
    "This Good Faith Estimate is only an estimate of the items and services reasonably expected to be furnished at "
    "the time it is issued. Actual items, services or charges may differ from the Good Faith Estimate."
)
DISPUTE = (
    "If you are billed for at least $400 more than the total expected charges on this Good Faith Estimate, you "
    "have the right to start the patient-provider dispute resolution process. You must start it within 120 "
    "calendar days of the date on the original bill. To learn how, visit "
    f"{NO_SURPRISES_WEBSITE} or call {NO_SURPRISES_PHONE}. Starting a dispute will not adversely affect the "
    "quality of the health care services furnished to you."
)
NOT_A_CONTRACT = (
    "This Good Faith Estimate is not a contract and does not require you to obtain the items or services from "
    "any of the providers or facilities named in it."
)
KEEP_A_COPY = "Keep a copy of this Good Faith Estimate in a safe place: you will need it if you dispute a bill."

_ITEM_HEADINGS = ("Therapy", "Service", "Code", "Units a visit", "Visits", "Dates", "Charge a visit", "Expected charge")
_ITEM_WIDTHS = (15, 46, 18, 13, 11, 41, 19, 23)  # mm, fit to DejaVu Sans at 7.5 pt
_ITEM_RIGHT = (False, False, False, True, True, False, True, True)
_BLANK = "________________________ (write in)"


def good_faith_pdf(
    estimate: Estimate,
    *,
    issued: dt.date,
    clinic: Clinic = EXAMPLE_CLINIC,
    patient_name: str | None = None,
    date_of_birth: dt.date | None = None,
    diagnosis_codes: tuple[str, ...] = (),
    separately_scheduled: tuple[str, ...] = (),
) -> bytes:
    """The Good Faith Estimate of ``estimate``'s plan of care at self-pay rates, as PDF bytes.

    A missing patient name or date of birth prints as a line to write in by hand.
    """
    gfe = good_faith_estimate(
        estimate,
        clinic=clinic,
        issued=issued,
        patient_name=patient_name,
        date_of_birth=date_of_birth,
        diagnosis_codes=diagnosis_codes,
        separately_scheduled=separately_scheduled,
    )
    return render_good_faith(gfe)


def render_good_faith(gfe: GoodFaithEstimate) -> bytes:
    """Lay out a :class:`GoodFaithEstimate` as PDF bytes."""
    pdf = Document(title=TITLE, clinic=gfe.clinic, copy_label="Patient copy", dated=gfe.issued)
    pdf.paragraph(f"Date of issue: {format_day(gfe.issued)}", bold=True, size=10)
    pdf.paragraph(RIGHT_TO_AN_ESTIMATE)
    pdf.heading("Patient")
    birth = format_day(gfe.date_of_birth) if gfe.date_of_birth is not None else _BLANK
    pdf.pairs([("Patient name", gfe.patient_name or _BLANK), ("Date of birth", birth)])
    pdf.heading("Provider")
    pdf.pairs(
        [
            ("Provider name", gfe.clinic.name),
            ("National Provider Identifier (NPI)", gfe.clinic.npi),
            ("Taxpayer Identification Number (TIN)", gfe.clinic.tin),
            ("Where the services are provided", gfe.clinic.service_location),
            ("Contact", gfe.clinic.contact),
        ]
    )
    pdf.heading("Primary service")
    pdf.pairs(
        [
            ("Description", gfe.primary_service),
            ("Expected date", f"first visit {format_day(gfe.first_visit)}; last visit {format_day(gfe.last_visit)}"),
            ("Number of visits", str(gfe.visits)),
            ("Diagnosis codes (ICD-10)", ", ".join(gfe.diagnosis_codes) or "not known yet"),
        ]
    )
    pdf.heading("Itemised expected charges")
    rows: list[tuple[str, ...]] = [
        (
            item.discipline,
            item.service,
            code_label(item.code, item.modifier),
            str(item.units_per_visit),
            str(item.visits),
            f"{format_day(item.first_date)} to {format_day(item.last_date)}"
            if item.visits > 1
            else format_day(item.first_date),
            format_money(item.charge_per_visit),
            format_money(item.expected_charge),
        )
        for item in gfe.items
    ]
    rows.append(("", "Total expected charges", "", "", str(gfe.visits), "", "", format_money(gfe.total)))
    pdf.grid(_ITEM_HEADINGS, rows, widths=_ITEM_WIDTHS, right=_ITEM_RIGHT, total_row=True)
    for sentence in gfe.itemisation:
        pdf.paragraph(sentence, size=7.5)
    pdf.heading("Services to be scheduled separately")
    pdf.paragraph(SEPARATE_ESTIMATES)
    pdf.bullets(gfe.separately_scheduled or ("None expected when this estimate was issued.",))
    pdf.section("Please read", (ADDITIONAL_SERVICES, ONLY_AN_ESTIMATE, DISPUTE, NOT_A_CONTRACT, KEEP_A_COPY))
    pdf.paragraph(f"Date of issue: {format_day(gfe.issued)}. Issued by {gfe.clinic.name}.", bold=True)
    return pdf.to_bytes()
