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


PT_OT = ("Rehabilitative Occupational and Rehabilitative Physical Therapy", "Rehabilitative Physical Therapy")
#: 2016 plans for the later layout (no IsSubjToDedTier1): each shows one way a row is read or refused.
LATER_LAYOUT_PLANS = (
    "30751MT0560020-00",  # Not Applicable / 30% Coinsurance after deductible, no limit
    "91762NJ0070004-00",  # $50 Copay after deductible, 30 visits each
    "66083OH0610011-00",  # No Charge after deductible, a separate 20 visit limit each
    "10091OR0360005-04",  # $35 with no deductible, 30 visits
    "87571OK0320071-02",  # $0 / 0%, 25 visits per benefit period shared with speech therapy
    "73751ND0080007-02",  # a limit in treatments: refused
    "56707OR0870002-00",  # extra visits per condition: refused
)
#: The 2014 plan the shared data has only a speech therapy row for, and one without landscape figures.
EXTRA_2014_PLANS = ("46944AL0420001-05", "88925AZ0010038-03")


def cut() -> None:
    """Cut the small fixtures from the shared data (run by hand; the output is committed)."""
    therapy = read_rows(THERAPY_ROWS)
    columns = list(therapy[0])
    landscape = plan_attributes_from_landscape(read_rows(LANDSCAPE_JOIN))
    in_landscape = {row["PlanId"] for row in landscape}
    early = [
        row
        for row in therapy
        if row["BusinessYear"] == "2014"
        and ((row["BenefitName"] in PT_OT and row["PlanId"] in in_landscape) or row["PlanId"] in EXTRA_2014_PLANS)
    ]
    write_rows(FIXTURES / "cms_benefits_2014.csv", columns, early)
    wanted = {row["PlanId"] for row in early}
    write_rows(
        FIXTURES / "cms_plan_attributes_2014.csv",
        PLAN_ATTRIBUTE_COLUMNS,
        [row for row in landscape if row["PlanId"] in wanted],
    )
    later = [row for row in therapy if row["BusinessYear"] == "2016" and row["PlanId"] in LATER_LAYOUT_PLANS]
    later_columns = [c for c in columns if not c.startswith("IsSubjToDed")]
    write_rows(FIXTURES / "cms_benefits_2016.csv", later_columns, later)
    placeholders = [
        {
            "BusinessYear": "2016",
            "PlanId": plan_id,
            "PlanMarketingName": f"Test plan {plan_id} (figures are placeholders)",
            "MedicalDrugDeductiblesIntegrated": "Yes",
            "MedicalDrugMaximumOutofPocketIntegrated": "Yes",
            "TEHBDedInnTier1Individual": "$1,500 ",
            "MEHBDedInnTier1Individual": "Not Applicable",
            "TEHBInnTier1IndividualMOOP": "$6,850 ",
            "MEHBInnTier1IndividualMOOP": "Not Applicable",
        }
        for plan_id in LATER_LAYOUT_PLANS
    ]
    write_rows(FIXTURES / "cms_plan_attributes_2016.csv", PLAN_ATTRIBUTE_COLUMNS, placeholders)


if __name__ == "__main__":
    cut()
