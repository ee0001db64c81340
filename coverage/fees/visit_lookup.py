"""The front desk's price look-up: one visit's allowed amount from its codes, with the lines it adds up from.

The one core of ``python -m coverage price-visit`` (:mod:`coverage.cli.fee_commands`) and of the
dashboard's "Price a visit" panel: the services given, plus minutes per timed code turned into
units by the unit rule, marked as an assistant's when asked, priced as one day under the fee
schedule the setting names (:func:`coverage.fees.setting.fee_schedule_for`,
:func:`coverage.fees.day_pricing.price_day`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from coverage.engine.billed_services import Service, Therapy, merge_services, with_assistant
from coverage.engine.pricing_settings import UnitRule, parse_fee_schedule_setting
from coverage.fees.clinic_schedule import ClinicFeeSchedules
from coverage.fees.day_pricing import DayPrice, price_day
from coverage.fees.pfs import MedicareFeeSchedule
from coverage.fees.problems import ServiceNotationError
from coverage.fees.setting import fee_schedule_for
from coverage.fees.unit_rules import units_from_minutes


def lookup_services(
    services: Sequence[Service],
    minutes: Mapping[str, int] | None = None,
    *,
    unit_rule: UnitRule = UnitRule.MEDICARE,
    therapy: Therapy = "PT",
    assistant: bool = False,
) -> tuple[Service, ...]:
    """What the visit bills: ``services`` and the units ``minutes`` give, an assistant's modifier when asked.

    Raises :class:`ServiceNotationError` for a code given both ways, or for nothing to price.
    """
    given = merge_services(services)
    timed = units_from_minutes(dict(minutes), unit_rule) if minutes else ()
    twice = sorted({s.code for s in given} & set(minutes or {}))
    if twice:
        raise ServiceNotationError(f"{', '.join(twice)} given both as a service and with minutes: give it once")
    billed = merge_services([*given, *timed])
    if not billed:
        raise ServiceNotationError(
            "no service to price: give codes such as 97110x2, or a timed code's minutes (97530=38)"
        )
    return with_assistant(billed, therapy) if assistant else billed


def price_visit(
    services: Sequence[Service],
    *,
    medicare: MedicareFeeSchedule,
    minutes: Mapping[str, int] | None = None,
    unit_rule: UnitRule = UnitRule.MEDICARE,
    therapy: Therapy = "PT",
    assistant: bool = False,
    non_participating: bool = False,
    fee_schedule: str = "medicare",
    locality: str | None = None,
    clinic_schedules: ClinicFeeSchedules | None = None,
) -> DayPrice:
    """One visit priced as a day of its own under ``fee_schedule`` (``medicare``, ``medicare:110`` or an id).

    ``locality`` is Medicare's ``<MAC>-<locality>`` (blank or None: the national amounts). Raises
    :class:`ServiceNotationError` for codes that cannot be billed as given or a blank ``fee_schedule``
    (a look-up needs a schedule), and the other :class:`~coverage.fees.problems.FeeScheduleError`
    subclasses for a code, locality or schedule that cannot be used.
    """
    billed = lookup_services(services, minutes, unit_rule=unit_rule, therapy=therapy, assistant=assistant)
    setting = parse_fee_schedule_setting(fee_schedule)
    if setting.kind == "typed":
        raise ServiceNotationError("name a fee schedule to price from: medicare, medicare:110 or a schedule id")
    schedule = fee_schedule_for(setting, medicare=medicare, locality=locality, clinic_schedules=clinic_schedules)
    assert schedule is not None  # a typed rate was refused above
    return price_day({therapy: billed}, schedule, non_participating=non_participating)
