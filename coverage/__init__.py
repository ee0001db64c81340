"""OT/PT coverage checker: what a course of occupational or physical therapy costs the patient.

Pure domain code: no Streamlit, no I/O outside :mod:`coverage.loader`.
"""

from coverage.care import Accumulators, CarePlan, Course
from coverage.compare import CareComparison, Scenario, compare_care
from coverage.estimate import VISIT_COLUMNS, Estimate, Totals, VisitCost, YearToDateError, estimate
from coverage.estimate_form import FormError, read_form
from coverage.estimate_request import OWN_PLAN, EstimateRequest, default_request
from coverage.explain import explain_visit
from coverage.export import visits_csv
from coverage.form_fields import form_values
from coverage.front_desk import FrontDesk, front_desk, regular_visit_cost
from coverage.loader import PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.money import MoneyError, format_money, parse_money, round_cents, to_money
from coverage.notices import Notice, NoticeKind
from coverage.overview import Overview, overview
from coverage.plans import CopayTiming, PayerType, Plan
from coverage.share_link import ShareLinkError, is_share_link, parse_share_link, share_link_params

__all__ = [
    "OWN_PLAN",
    "PLAN_COLUMNS",
    "VISIT_COLUMNS",
    "Accumulators",
    "CareComparison",
    "CarePlan",
    "CopayTiming",
    "Course",
    "Estimate",
    "EstimateRequest",
    "FormError",
    "FrontDesk",
    "MoneyError",
    "Notice",
    "NoticeKind",
    "Overview",
    "PayerType",
    "Plan",
    "PlanFileError",
    "Scenario",
    "ShareLinkError",
    "Totals",
    "VisitCost",
    "YearToDateError",
    "compare_care",
    "default_request",
    "estimate",
    "explain_visit",
    "form_values",
    "format_money",
    "front_desk",
    "is_share_link",
    "load_plans",
    "overview",
    "parse_money",
    "parse_plans",
    "parse_share_link",
    "read_form",
    "regular_visit_cost",
    "round_cents",
    "share_link_params",
    "to_money",
    "visits_csv",
]
