"""Example estimates for the take-home outputs, and helpers that read a PDF back as text."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from io import BytesIO

from pypdf import PdfReader

from coverage import Accumulators, CarePlan, Clinic, Course, Estimate, Plan, estimate, load_plans
from coverage.engine.defaults import OT_EVAL_RATE, OT_VISIT_RATE, PT_EVAL_RATE, PT_VISIT_RATE
from tests.conftest import PLANS_CSV

START = date(2026, 1, 5)  # a Monday
ISSUED = date(2026, 1, 2)


def catalog_plan(plan_id: str) -> Plan:
    """The plan ``plan_id`` of the shipped plans.csv."""
    return {plan.plan_id: plan for plan in load_plans(PLANS_CSV)}[plan_id]


def medicare_estimate() -> Estimate:
    """Original Medicare, OT and PT twice a week for 16 weeks: past the KX threshold and the review mark."""
    care = CarePlan(
        start_date=START,
        ot=Course(visits_per_week=2, weeks=16, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE),
        pt=Course(visits_per_week=2, weeks=16, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE),
    )
    return estimate(catalog_plan("medicare-b-2026"), care)


def pooled_estimate() -> Estimate:
    """The PPO with 60 pooled visits, 40 used by speech therapy: 20 of the 40 OT+PT visits are not covered."""
    care = CarePlan(
        start_date=START,
        ot=Course(visits_per_week=2, weeks=8, visit_rate=OT_VISIT_RATE, eval_rate=OT_EVAL_RATE),
        pt=Course(visits_per_week=3, weeks=8, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE, self_pay_rate="75.00"),
    )
    so_far = Accumulators(deductible_met="1000.00", oop_met="1200.00", other_pool_visits_used=40)
    return estimate(catalog_plan("ppo-pool-60"), care, so_far)


def self_pay_estimate() -> Estimate:
    """No insurance: a PT evaluation and 11 visits at a 90.00 self-pay rate, twice a week for 6 weeks."""
    care = CarePlan(
        start_date=START,
        pt=Course(visits_per_week=2, weeks=6, visit_rate=PT_VISIT_RATE, eval_rate=PT_EVAL_RATE, self_pay_rate="90.00"),
    )
    return estimate(catalog_plan("self-pay"), care)


SCENARIOS = {"medicare": medicare_estimate, "pooled": pooled_estimate, "self_pay": self_pay_estimate}


#: The letterhead takes the first lines of each page (name, contact, title), the footer the last.
HEADER_LINES = 3


def pdf_text(pdf: bytes, *, letterhead: bool = False) -> str:
    """The text of ``pdf``, each run of white space made one space.

    Without ``letterhead``, page headers and footers are left out, so a paragraph that runs onto the next
    page reads as one.
    """
    pages = []
    for page in PdfReader(BytesIO(pdf)).pages:
        lines = page.extract_text().splitlines()
        pages.append("\n".join(lines if letterhead else lines[HEADER_LINES:-1]))
    return squash(" ".join(pages))


def squash(text: str) -> str:
    """``text`` with every run of white space made one space."""
    return re.sub(r"\s+", " ", text).strip()


def page_count(pdf: bytes) -> int:
    """How many pages ``pdf`` has."""
    return len(PdfReader(BytesIO(pdf)).pages)


def self_pay_total(result: Estimate) -> Decimal:
    """What the plan of care costs at self-pay rates, added up from the courses themselves (not the engine)."""
    total = Decimal("0.00")
    for course in (result.care.ot, result.care.pt):
        if course is not None:
            total += sum((course.self_pay(index) for index in range(course.visit_count)), Decimal("0.00"))
    return total


#: The clinic the printout tests print (a real-looking one, not the example).
CLINIC = Clinic(
    name="Lakeside Rehab",
    address="12 Shore Road, Duluth, MN 55802",
    phone="(218) 555-0147",
    npi="1234567893",
    tin="987654321",
    location="Suite 4, 12 Shore Road, Duluth, MN 55802",
)
