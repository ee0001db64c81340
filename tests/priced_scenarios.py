"""Estimates whose visits are priced from their service codes, for the printouts and the explanations.

Hand-worked amounts, from ``coverage/fees/data`` (2025 PFS October release; conversion factor 32.3465;
ALABAMA ``10112-00``: work GPCI 1, PE GPCI 0.869, MP GPCI 0.575). Per unit, rounded half up:

====== ==================== ===============================================================
code   RVUs (work, PE, MP)  at ALABAMA
====== ==================== ===============================================================
97162  1.54, 1.45, 0.04     (1.54 + 1.45 x 0.869 + 0.04 x 0.575) x 32.3465 = 91.3158 -> 91.32
97110  0.45, 0.43, 0.01     (0.45 + 0.43 x 0.869 + 0.01 x 0.575) x 32.3465 = 26.8288 -> 26.83
97110  reduced (PE x 0.50)  (0.45 + 0.43 x 0.869 x 0.50 + 0.00575) x 32.3465 = 20.7854 -> 20.79
97140  reduced (PE x 0.50)  (0.43 + 0.40 x 0.869 x 0.50 + 0.00575) x 32.3465 = 19.7168 -> 19.72
====== ==================== ===============================================================

A PT visit billed ``97110x2,97140`` on a day alone: 97110 has the higher PE RVU (0.43 > 0.40), so its
first unit is paid in full and every other unit reduced: 26.83 + 20.79 + 19.72 = 67.34. The
evaluation ``97162`` alone on its day: 91.32.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

from coverage import CarePlan, Course, Estimate, Plan, estimate
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs import MedicareFeeSchedule
from coverage.fees.pfs_files import load_medicare_fee_schedule
from tests.builders import plan

START = date(2026, 1, 5)  # a Monday: the PT visits fall on Mon 5, Thu 8, Mon 12, Thu 15 Jan 2026
LOCALITY = "10112-00"


@cache
def medicare_schedule() -> MedicareFeeSchedule:
    """The shipped Medicare fee schedule, read once per test run."""
    return load_medicare_fee_schedule()


def alabama() -> FeeSources:
    """The fee sources at ALABAMA (10112-00)."""
    return FeeSources(medicare_schedule(), locality=LOCALITY)


def national() -> FeeSources:
    """The fee sources with no locality: Medicare's national amounts."""
    return FeeSources(medicare_schedule())


def medicare_priced_plan(**fields: Any) -> Plan:
    """A commercial plan paying Medicare's fee schedule: a 100.00 deductible, then 20 % for PT and OT."""
    terms: dict[str, Any] = {
        "fee_schedule": "medicare",
        "deductible": Decimal("100.00"),
        "pt_coinsurance_pct": Decimal(20),
        "ot_coinsurance_pct": Decimal(20),
    }
    return plan(**(terms | fields))


def pt_course(**fields: Any) -> Course:
    """PT twice a week for 2 weeks, billed 97110x2,97140, its evaluation 97162."""
    billed: dict[str, Any] = {"services": "97110x2,97140", "eval_services": "97162"}
    return Course(visits_per_week=2, weeks=2, **(billed | fields))


def priced_pt_estimate(*, fees: FeeSources | None = None, **course_fields: Any) -> Estimate:
    """The four PT visits priced from their codes under :func:`medicare_priced_plan`, at ALABAMA by default.

    Allowed: 91.32 (evaluation), then 67.34 three times = 293.34. The patient: the evaluation all to
    the deductible (91.32); visit 2: the 8.68 left of it, then 20 % of 58.66 = 11.73 (half up), 20.41;
    visits 3 and 4: 20 % of 67.34 = 13.47 each. In all 91.32 + 20.41 + 13.47 + 13.47 = 138.67.
    """
    care = CarePlan(start_date=START, pt=pt_course(**course_fields))
    return estimate(medicare_priced_plan(), care, fees=fees or alabama())
