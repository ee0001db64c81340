"""OT/PT coverage checker: what a course of occupational or physical therapy costs the patient.

Pure domain code: no Streamlit, no I/O outside :mod:`coverage.loader`.
"""

from coverage.care import Accumulators, CarePlan, Course
from coverage.compare import CareComparison, Scenario, compare_care
from coverage.compare_plans import COMPARISON_COLUMNS, compare_plans
from coverage.estimate import VISIT_COLUMNS, Estimate, Totals, VisitCost, YearToDateError, estimate
from coverage.loader import PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.money import MoneyError, format_money, parse_money, round_cents, to_money
from coverage.notices import Notice, NoticeKind
from coverage.plans import CopayTiming, PayerType, Plan

__all__ = [
    "COMPARISON_COLUMNS",
    "PLAN_COLUMNS",
    "VISIT_COLUMNS",
    "Accumulators",
    "CareComparison",
    "CarePlan",
    "CopayTiming",
    "Course",
    "Estimate",
    "MoneyError",
    "Notice",
    "NoticeKind",
    "PayerType",
    "Plan",
    "PlanFileError",
    "Scenario",
    "Totals",
    "VisitCost",
    "YearToDateError",
    "compare_care",
    "compare_plans",
    "estimate",
    "format_money",
    "load_plans",
    "parse_money",
    "parse_plans",
    "round_cents",
    "to_money",
]
