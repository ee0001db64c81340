"""OT/PT coverage checker: what a course of occupational or physical therapy costs the patient.

Pure domain code: no Streamlit; no I/O outside the loaders (:mod:`coverage.loader`, :func:`coverage.clinic.load_clinic`)
and the printouts reading their shipped font (:mod:`coverage.pdf_document`).
"""

from coverage.care import Accumulators, CarePlan, Course
from coverage.clinic import EXAMPLE_CLINIC, Clinic, ClinicFileError, load_clinic, parse_clinic
from coverage.compare import CareComparison, Scenario, compare_care
from coverage.compare_plans import COMPARISON_COLUMNS, compare_plans
from coverage.diagnosis_codes import DiagnosisCodeError, parse_diagnosis_codes
from coverage.estimate import VISIT_COLUMNS, Estimate, Totals, VisitCost, YearToDateError, estimate
from coverage.estimate_form import FormError, read_form
from coverage.estimate_request import OWN_PLAN, EstimateRequest, default_request
from coverage.explain import explain_visit
from coverage.export import visits_csv
from coverage.form_fields import form_values
from coverage.front_desk import FrontDesk, front_desk, regular_visit_cost
from coverage.good_faith import GoodFaithEstimate, GoodFaithItem, as_self_pay, good_faith_applies, good_faith_estimate
from coverage.good_faith_pdf import good_faith_pdf
from coverage.loader import OUT_OF_NETWORK_COLUMNS, PLAN_COLUMNS, PlanFileError, load_plans, parse_plans
from coverage.money import MoneyError, format_money, parse_money, round_cents, to_money
from coverage.notices import Notice, NoticeKind
from coverage.overview import Overview, overview
from coverage.plans import CopayTiming, PayerType, Plan
from coverage.printout import estimate_pdf
from coverage.secondary import CoordinationMethod, Secondary, medicaid_secondary, medigap_plan_g
from coverage.share_link import ShareLinkError, is_share_link, parse_share_link, share_link_params
from coverage.summary import estimate_summary
from coverage.verification import Verification, VerificationMethod

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
