"""OT/PT coverage checker: what a course of occupational or physical therapy costs the patient.

The package is cut into layers; each keeps one rule, and ``tests/docs/test_layers.py`` holds them:

- ``coverage.engine``: plans, the plan of care, the visit-by-visit projection, the catalog-wide ranking.
  Imports only the standard library, pydantic and itself (numpy only in the vectorised catalog engine).
- ``coverage.catalog``: the clinic's files (plans.csv, clinic.toml) and the CMS importer. The only layer
  that reads or writes files, besides the command line.
- ``coverage.forms``: the estimate form and the share link, read into an estimate request.
- ``coverage.views``: what the pages show, worked out (overview, front desk, timeline, explanations).
- ``coverage.printouts``: the printed estimate and the Good Faith Estimate as PDF bytes (fpdf2).
- ``coverage.cli``: the command line, an entry point like the app.

Nothing under ``coverage/`` imports Streamlit. The public API is the names below: ``from coverage import
estimate`` is the function; no module anywhere in the package shares a public function's name.
"""

from coverage.catalog.clinic import EXAMPLE_CLINIC, Clinic, ClinicFileError, load_clinic, parse_clinic
from coverage.catalog.loader import OUT_OF_NETWORK_COLUMNS, PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.course_estimate import VISIT_COLUMNS, Estimate, Totals, VisitCost, YearToDateError, estimate
from coverage.engine.money import MoneyError, format_money, parse_money, round_cents, to_money
from coverage.engine.notices import Notice, NoticeKind
from coverage.engine.plan_ranking import COMPARISON_COLUMNS, compare_plans
from coverage.engine.plans import CopayTiming, PayerType, Plan
from coverage.engine.secondary import CoordinationMethod, Secondary, medicaid_secondary, medigap_plan_g
from coverage.forms.diagnosis_codes import DiagnosisCodeError, parse_diagnosis_codes
from coverage.forms.estimate_form import FormError, read_form
from coverage.forms.fields import form_values
from coverage.forms.request import OWN_PLAN, EstimateRequest, default_request
from coverage.forms.share_link import ShareLinkError, is_share_link, parse_share_link, share_link_params
from coverage.forms.verification import Verification, VerificationMethod
from coverage.printouts.estimate_printout import estimate_pdf
from coverage.printouts.good_faith import (
    GoodFaithEstimate,
    GoodFaithItem,
    as_self_pay,
    good_faith_applies,
    good_faith_estimate,
)
from coverage.printouts.good_faith_printout import good_faith_pdf
from coverage.views.care_comparison import CareComparison, Scenario, compare_care
from coverage.views.explain import explain_visit
from coverage.views.export import visits_csv
from coverage.views.front_desk_panel import FrontDesk, front_desk, regular_visit_cost
from coverage.views.page_overview import Overview, overview
from coverage.views.summary import estimate_summary

__all__ = [
    "COMPARISON_COLUMNS",
    "EXAMPLE_CLINIC",
    "OUT_OF_NETWORK_COLUMNS",
    "OWN_PLAN",
    "PLAN_COLUMNS",
    "VISIT_COLUMNS",
    "Accumulators",
    "CareComparison",
    "CarePlan",
    "Clinic",
    "ClinicFileError",
    "CoordinationMethod",
    "CopayTiming",
    "Course",
    "DiagnosisCodeError",
    "Estimate",
    "EstimateRequest",
    "FormError",
    "FrontDesk",
    "GoodFaithEstimate",
    "GoodFaithItem",
    "MoneyError",
    "Notice",
    "NoticeKind",
    "Overview",
    "PayerType",
    "Plan",
    "PlanFileError",
    "Scenario",
    "Secondary",
    "ShareLinkError",
    "Totals",
    "Verification",
    "VerificationMethod",
    "VisitCost",
    "YearToDateError",
    "as_self_pay",
    "compare_care",
    "compare_plans",
    "default_request",
    "estimate",
    "estimate_pdf",
    "estimate_summary",
    "explain_visit",
    "form_values",
    "format_money",
    "front_desk",
    "good_faith_applies",
    "good_faith_estimate",
    "good_faith_pdf",
    "is_share_link",
    "load_clinic",
    "load_plans",
    "medicaid_secondary",
    "medigap_plan_g",
    "overview",
    "parse_clinic",
    "parse_diagnosis_codes",
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
