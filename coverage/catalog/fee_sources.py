"""The fee schedules a clinic prices visits from: Medicare's (shipped or imported) and its own fee_schedules.csv.

The one place the page and the command line build a :class:`~coverage.fees.course_pricing.FeeSources`
from: Medicare's fee schedule (:func:`coverage.fees.pfs_files.load_medicare_fee_schedule`, read once
and kept), the clinic's ``fee_schedules.csv`` beside ``plans.csv`` (none when the file is absent) and
the clinic's ``medicare_locality``.
"""

from __future__ import annotations

from pathlib import Path

from coverage.catalog.clinic import Clinic
from coverage.fees.clinic_schedule import ClinicFeeSchedules, parse_fee_schedules_csv
from coverage.fees.course_pricing import FeeSources
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.problems import FeeScheduleFileError, FileProblem

FEE_SCHEDULES_FILE = "fee_schedules.csv"


def fee_schedules_path(plans_csv: str | Path) -> Path:
    """The clinic's ``fee_schedules.csv``: beside its ``plans.csv``."""
    return Path(plans_csv).with_name(FEE_SCHEDULES_FILE)


def read_fee_schedules(path: str | Path) -> ClinicFeeSchedules:
    """The schedules of ``path``; none when it does not exist. Raises :class:`FeeScheduleFileError`."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ClinicFeeSchedules()
    except (OSError, UnicodeDecodeError) as exc:
        raise FeeScheduleFileError((FileProblem(1, None, f"{Path(path).name} cannot be read ({exc})"),)) from None
    return parse_fee_schedules_csv(text)


def clinic_fee_sources(plans_csv: str | Path, clinic: Clinic, *, locality: str | None = None) -> FeeSources:
    """Medicare's fee schedule, the clinic's own schedules and its locality (``locality`` overrides it)."""
    return FeeSources(
        load_medicare_fee_schedule(),
        read_fee_schedules(fee_schedules_path(plans_csv)),
        locality=locality or clinic.medicare_locality or None,
    )
