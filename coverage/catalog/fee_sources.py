"""The fee schedules a clinic prices visits from: Medicare's (shipped or imported) and its own fee_schedules.csv.

The one place the page and the command line build a :class:`~coverage.fees.course_pricing.FeeSources`
from: Medicare's fee schedule (:func:`coverage.fees.pfs_files.load_medicare_fee_schedule`, read once
and kept), the clinic's ``fee_schedules.csv`` beside ``plans.csv`` (none when the file is absent) and
the clinic's ``medicare_locality``.
"""

from __future__ import annotations

from pathlib import Path

from coverage.catalog.clinic import Clinic
from coverage.catalog.fee_schedule_store import fee_schedules_path, load_fee_schedules
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs_files import load_medicare_fee_schedule


def clinic_fee_sources(plans_csv: str | Path, clinic: Clinic, *, locality: str | None = None) -> FeeSources:
    """Medicare's fee schedule, the clinic's own schedules and its locality (``locality`` overrides it)."""
    return FeeSources(
        load_medicare_fee_schedule(),
        load_fee_schedules(fee_schedules_path(plans_csv)),
        locality=locality or clinic.medicare_locality or None,
    )
