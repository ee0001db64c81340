"""The default visit rates are the fee schedule amounts in the shared CMS data."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from coverage.engine.defaults import FEE_SCHEDULE_AMOUNTS, OT_VISIT_RATE, PT_VISIT_RATE
from tests.conftest import SHARED_DATA

RVU_FILE = SHARED_DATA / "cms_mpfs_2025_oct_therapy_rvus.csv"


@pytest.mark.skipif(not RVU_FILE.exists(), reason="shared/data with the CMS fee schedule rows is not beside the repo")
def test_each_default_code_amount_equals_the_cms_national_non_facility_amount() -> None:
    """Every code behind a default rate has the amount CMS's RVU25D file gives it."""
    with RVU_FILE.open(encoding="utf-8") as handle:
        cms = {r["HCPCS"]: r for r in csv.DictReader(handle) if not r["MOD"]}

    for code, amount in FEE_SCHEDULE_AMOUNTS.items():
        row = cms[code]
        # amount = non-facility total RVUs x conversion factor, rounded to the cent
        computed = (Decimal(row["NON_FACILITY_TOTAL"]) * Decimal(row["CONV_FACTOR"])).quantize(Decimal("0.01"))
        assert Decimal(row["national_nonfacility_amount_usd_computed"]) == amount == computed, code


def test_a_typical_visit_is_three_units() -> None:
    """PT: 97110 x2 + 97140 = 28.79 x 2 + 27.17 = 84.75; OT: 97530 x2 + 97535 = 34.61 x 2 + 32.02 = 101.24."""
    assert (Decimal("84.75"), Decimal("101.24")) == (PT_VISIT_RATE, OT_VISIT_RATE)
