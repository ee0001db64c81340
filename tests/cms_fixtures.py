"""The CMS data the importer tests use, and how the small fixtures were cut from it.

Run ``.venv/bin/python -m tests.cms_fixtures`` to cut ``tests/fixtures/cms_*.csv``
again from ``../shared/data`` (see its PROVENANCE.md).

The shared data has therapy rows of the Benefits and Cost Sharing PUF (2014-2016)
but no Plan Attributes PUF rows. For 2014 it has each plan's deductible and
maximum from the healthcare.gov QHP Landscape (joined by PROVENANCE.md's author);
:func:`plan_attributes_from_landscape` lays those verbatim strings out as Plan
Attributes columns: a plan whose drug deductible is "Included in Medical" has
integrated deductibles (the figure goes to the TEHB column), any other plan has
separate ones (the figure goes to the MEHB column). Likewise for the maximum.
"""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import ROOT, SHARED_DATA

FIXTURES = ROOT / "tests" / "fixtures"
THERAPY_ROWS = SHARED_DATA / "cms_bencs_2014_2016_therapy_rows.csv"
LANDSCAPE_JOIN = SHARED_DATA / "cms_bencs_2014_therapy_rows_with_landscape_plan_costs.csv"
COST_SHARE_CORPUS = SHARED_DATA / "cms_bencs_2014_2016_costshare_value_corpus.csv"
DEDUCTIBLE_FLAG_PATTERNS = SHARED_DATA / "cms_bencs_2014_2015_deductible_flag_vs_string_patterns.csv"
PLAN_ATTRIBUTE_VALUES = SHARED_DATA / "cms_plan_attributes_2014_2016_distinct_values.csv"
VALUES_2026 = SHARED_DATA / "cms_puf_2026_therapy_value_distributions.csv"
SAMPLE_ROWS_2026 = SHARED_DATA / "cms_puf_2026_therapy_sample_rows_from_glossary.csv"

PLAN_ATTRIBUTE_COLUMNS = (
    "BusinessYear",
    "PlanId",
    "PlanMarketingName",
    "MedicalDrugDeductiblesIntegrated",
    "MedicalDrugMaximumOutofPocketIntegrated",
    "TEHBDedInnTier1Individual",
    "MEHBDedInnTier1Individual",
    "TEHBInnTier1IndividualMOOP",
    "MEHBInnTier1IndividualMOOP",
)


def read_rows(path: Path) -> list[dict[str, str]]:
    """Every row of a CSV file as text."""
    with path.open(encoding="utf-8", newline="") as text:
        return list(csv.DictReader(text))


def write_rows(path: Path, columns: list[str] | tuple[str, ...], rows: list[dict[str, str]]) -> None:
    """Write ``rows`` with ``columns`` as the header."""
    with path.open("w", encoding="utf-8", newline="") as text:
        writer = csv.DictWriter(text, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({column: row.get(column, "") for column in columns} for row in rows)


def plan_attributes_from_landscape(joined: list[dict[str, str]]) -> list[dict[str, str]]:
    """One Plan Attributes row per PlanId of the 2014 landscape join that has landscape figures."""
    rows: dict[str, dict[str, str]] = {}
    for row in joined:
        if not row["landscape_medical_deductible_individual"].strip():
            continue  # -02/-03 variants are not in the landscape
        integrated_deductible = row["landscape_drug_deductible_individual"] == "Included in Medical"
        integrated_moop = row["landscape_drug_maximum_out_of_pocket_individual"] == "Included in Medical"
        deductible = row["landscape_medical_deductible_individual"]
        moop = row["landscape_medical_maximum_out_of_pocket_individual"]
        rows[row["PlanId"]] = {
            "BusinessYear": row["BusinessYear"],
            "PlanId": row["PlanId"],
            "PlanMarketingName": row["landscape_plan_marketing_name"],
            "MedicalDrugDeductiblesIntegrated": "Yes" if integrated_deductible else "No",
            "MedicalDrugMaximumOutofPocketIntegrated": "Yes" if integrated_moop else "No",
            "TEHBDedInnTier1Individual": deductible if integrated_deductible else "Not Applicable",
            "MEHBDedInnTier1Individual": "Not Applicable" if integrated_deductible else deductible,
            "TEHBInnTier1IndividualMOOP": moop if integrated_moop else "Not Applicable",
            "MEHBInnTier1IndividualMOOP": "Not Applicable" if integrated_moop else moop,
        }
    return list(rows.values())
