"""Starting figures for a first-time user, each with where it comes from.

Visit rates are Medicare national non-facility payment amounts from the CMS
Physician Fee Schedule relative value file RVU25D (October 2025 release,
conversion factor 32.3465), the newest fee schedule rows shipped in
``shared/data/cms_mpfs_2025_oct_therapy_rvus.csv``. A typical 45-minute visit is
three 15-minute units; the multiple-procedure reduction and the local (GPCI)
adjustment are not applied, so a real allowed amount is usually a little lower.
"""

from __future__ import annotations

from decimal import Decimal

#: The fee schedule codes each default is made of, and their national amounts.
FEE_SCHEDULE_AMOUNTS: dict[str, Decimal] = {
    "97110": Decimal("28.79"),  # therapeutic exercise, 15 minutes
    "97140": Decimal("27.17"),  # manual therapy, 15 minutes
    "97530": Decimal("34.61"),  # therapeutic activities, 15 minutes
    "97535": Decimal("32.02"),  # self-care / home management training, 15 minutes
    "97162": Decimal("98.01"),  # PT evaluation, moderate complexity
    "97166": Decimal("100.60"),  # OT evaluation, moderate complexity
}

#: The codes billed on a typical visit of each kind.
VISIT_CODES: dict[str, tuple[str, ...]] = {
    "PT visit": ("97110", "97110", "97140"),
    "PT evaluation": ("97162",),
    "OT visit": ("97530", "97530", "97535"),
    "OT evaluation": ("97166",),
}


def typical_rate(kind: str) -> Decimal:
    """The sum of the fee schedule amounts of the codes billed on a visit of ``kind``."""
    return sum((FEE_SCHEDULE_AMOUNTS[code] for code in VISIT_CODES[kind]), Decimal("0.00"))


PT_VISIT_RATE = typical_rate("PT visit")  # 84.75
PT_EVAL_RATE = typical_rate("PT evaluation")  # 98.01
OT_VISIT_RATE = typical_rate("OT visit")  # 101.24
OT_EVAL_RATE = typical_rate("OT evaluation")  # 100.60
#: The plan a first-time user starts from: the one most patients over 65 have.
DEFAULT_PLAN_ID = "medicare-b-2026"
