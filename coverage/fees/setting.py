"""The fee schedule a plan's ``fee_schedule`` setting names (the setting: :mod:`coverage.engine.pricing_settings`)."""

from __future__ import annotations

from coverage.engine.pricing_settings import FeeScheduleSetting
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.fees.day_pricing import FeeSchedule, MedicarePricing
from coverage.fees.pfs import MedicareFeeSchedule


def fee_schedule_for(
    setting: FeeScheduleSetting,
    *,
    medicare: MedicareFeeSchedule,
    locality: str | None,
    clinic_schedules: ClinicFeeSchedules | None = None,
) -> FeeSchedule | None:
    """The fee schedule a setting prices from; None for a typed visit rate.

    ``locality`` is the clinic's ``medicare_locality`` (blank or None: the national amounts).
    Raises :class:`~coverage.fees.problems.UnknownLocalityError` or
    :class:`~coverage.fees.problems.UnknownScheduleError` naming what is missing.
    """
    if setting.kind == "typed":
        return None
    if setting.kind == "clinic":
        return (clinic_schedules or ClinicFeeSchedules()).schedule(setting.schedule_id)
    return MedicarePricing(fee_schedule=medicare, locality=medicare.locality(locality), percent=setting.percent)
