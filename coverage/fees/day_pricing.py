"""The allowed amount of one day's services, every therapy together: what the engine calls per visit date.

:func:`price_day` prices the services of each therapy on one date from one fee schedule:

* **Medicare** (:class:`MedicarePricing`, at a locality or national, at a percentage): each code's
  per-unit amount (:mod:`coverage.fees.medicare_rates`); the therapy MPPR across PT, OT and speech
  together - the one unit with the highest practice expense among the MPPR (indicator 5) codes is
  paid in full, every other unit of those codes at its reduced amount. A line is its units times its
  per-unit amount; then, on each line and in this order, each rounded to the cent half up: the
  percentage of Medicare, 95 % for a non-participating clinic, 85 % for an assistant's service
  (modifier CQ or CO).
* **A clinic's own schedule** (:class:`~coverage.fees.clinic_schedule.ClinicFeeSchedule`): each
  line is its contracted rate times its units; nothing else applies.

Lines come in the order priced: highest PE RVU first (CMS's ranking), the full unit of a code before
its reduced units. Each says how it was priced in plain words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from coverage.engine.billed_services import Service, Therapy
from coverage.engine.money import HUNDRED, ZERO, format_money, percent_of
from coverage.fees.clinic_schedule import ClinicFeeSchedule
from coverage.fees.medicare_rates import formula, unit_amount
from coverage.fees.pfs import Locality, MedicareFeeSchedule, RelativeValues
from coverage.fees.problems import FeeScheduleError

NON_PARTICIPATING_PERCENT = Decimal(95)
ASSISTANT_PERCENT = Decimal(85)


class MedicarePricing(BaseModel):
    """Medicare's fee schedule at one locality (or national), paid at ``percent`` of it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fee_schedule: MedicareFeeSchedule
    locality: Locality
    percent: Decimal = HUNDRED

    def __str__(self) -> str:
        share = "" if self.percent == HUNDRED else f"{self.percent.normalize():f} % of "
        return f"{share}Medicare's fee schedule, {self.locality} ({self.fee_schedule.release})"


FeeSchedule = MedicarePricing | ClinicFeeSchedule


class PricedLine(BaseModel):
    """One line of a priced day: a code's units at one per-unit amount, and the line's allowed amount."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    therapy: Therapy
    code: str
    modifier: str
    units: int
    unit_amount: Decimal  # Medicare's (after any MPPR) or the schedule's rate, before percentages
    amount: Decimal  # units x unit_amount, then each percentage applied and rounded
    mppr_reduced: bool = False
    how: str


class DayPrice(BaseModel):
    """A day's lines in the order priced and the allowed amount per therapy."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    lines: tuple[PricedLine, ...]
    totals: dict[Therapy, Decimal]
    schedule: str
    national: bool = False  # priced with every GPCI 1 because no locality was set

    @property
    def total(self) -> Decimal:
        """The day's allowed amount, every therapy together."""
        return sum(self.totals.values(), ZERO)


def _adjusted(
    amount: Decimal, service: Service, pricing: MedicarePricing, non_participating: bool
) -> tuple[Decimal, str]:
    steps: list[str] = []
    if pricing.percent != HUNDRED:
        amount = percent_of(amount, pricing.percent)
        steps.append(f"{pricing.percent.normalize():f} % of Medicare: {format_money(amount)}")
    if non_participating:
        amount = percent_of(amount, NON_PARTICIPATING_PERCENT)
        steps.append(f"95 % for a non-participating clinic: {format_money(amount)}")
    if service.by_assistant:
        amount = percent_of(amount, ASSISTANT_PERCENT)
        steps.append(f"85 % for a therapy assistant's service ({service.modifier}): {format_money(amount)}")
    return amount, "".join(f"; then {step}" for step in steps)


def _why(row: RelativeValues, reduced: bool) -> str:
    if reduced:
        return "MPPR: practice expense halved for every unit after the day's highest"
    if row.therapy_reduction:
        return "paid in full: the day's highest practice expense"
    return "no multiple procedure reduction for this code"


def _medicare_lines(
    items: Sequence[tuple[Therapy, Service]], pricing: MedicarePricing, non_participating: bool
) -> list[PricedLine]:
    locality, place = pricing.locality, str(pricing.locality)
    rows: dict[str, RelativeValues] = {s.code: pricing.fee_schedule.relative_values(s.code) for _, s in items}
    full = {code: unit_amount(row, locality) for code, row in rows.items()}
    # CMS's ranking: the highest PE RVU first, then the highest full amount, then the order given.
    order = sorted(range(len(items)), key=lambda i: (-rows[items[i][1].code].pe_rvu, -full[items[i][1].code], i))
    full_left = True
    lines: list[PricedLine] = []
    for index in order:
        therapy, service = items[index]
        row = rows[service.code]
        parts: list[tuple[int, bool]] = []  # (units, reduced)
        if not row.therapy_reduction:
            parts.append((service.units, False))
        elif full_left:
            full_left = False
            parts += [(1, False)] + ([(service.units - 1, True)] if service.units > 1 else [])
        else:
            parts.append((service.units, True))
        for units, reduced in parts:
            per_unit = unit_amount(row, locality, reduced=True) if reduced else full[service.code]
            amount, steps = _adjusted(per_unit * units, service, pricing, non_participating)
            how = f"{units} x {format_money(per_unit)} at {place}: {formula(row, locality, reduced=reduced)}"
            lines.append(
                PricedLine(
                    therapy=therapy,
                    code=service.code,
                    modifier=service.modifier,
                    units=units,
                    unit_amount=per_unit,
                    amount=amount,
                    mppr_reduced=reduced,
                    how=f"{how} ({_why(row, reduced)}){steps}",
                )
            )
    return lines


def _clinic_lines(items: Sequence[tuple[Therapy, Service]], schedule: ClinicFeeSchedule) -> list[PricedLine]:
    lines = []
    for therapy, service in items:
        row = schedule.rate_row(service.code, service.modifier)
        lines.append(
            PricedLine(
                therapy=therapy,
                code=service.code,
                modifier=service.modifier,
                units=service.units,
                unit_amount=row.rate,
                amount=row.rate * service.units,
                how=f"{service.units} x {schedule.describe(row)}",
            )
        )
    return lines


def price_day(
    services_by_therapy: Mapping[Therapy, Sequence[Service]],
    schedule: FeeSchedule,
    *,
    non_participating: bool = False,
) -> DayPrice:
    """Price every therapy's services of one date together (one MPPR for the day).

    Raises :class:`~coverage.fees.problems.FeeScheduleError` subclasses for a code Medicare does not
    price or the clinic's schedule lacks, naming the code and the schedule; and for
    ``non_participating`` with a clinic's own schedule, where it has no meaning.
    """
    items = [(therapy, service) for therapy, services in services_by_therapy.items() for service in services]
    if isinstance(schedule, ClinicFeeSchedule):
        if non_participating:
            raise FeeScheduleError(
                f"The 95 % for a non-participating clinic is Medicare's: the fee schedule '{schedule.schedule_id}' "
                "is the clinic's own contract"
            )
        lines = _clinic_lines(items, schedule)
        national = False
    else:
        lines = _medicare_lines(items, schedule, non_participating)
        national = schedule.locality.is_national
    totals: dict[Therapy, Decimal] = dict.fromkeys(services_by_therapy, ZERO)
    for line in lines:
        totals[line.therapy] += line.amount
    return DayPrice(lines=tuple(lines), totals=totals, schedule=str(schedule), national=national)


class DayPricer:
    """:func:`price_day` for one fee schedule that remembers every distinct day it has priced.

    A course repeats the same few days (a PT visit, an evaluation, PT and OT together), so the
    engine can call this per visit date and pay for each distinct day once; ``compare_plans`` can
    share one pricer among the plans with the same ``fee_schedule`` setting. Errors are raised
    every time, never remembered. At most :attr:`LIMIT` days are kept.
    """

    LIMIT = 4096

    def __init__(self, schedule: FeeSchedule, *, non_participating: bool = False) -> None:
        self.schedule = schedule
        self.non_participating = non_participating
        self._days: dict[tuple[tuple[Therapy, tuple[Service, ...]], ...], DayPrice] = {}

    def __call__(self, services_by_therapy: Mapping[Therapy, Sequence[Service]]) -> DayPrice:
        """The priced day, computed the first time this combination of services is seen."""
        key = tuple((therapy, tuple(services)) for therapy, services in services_by_therapy.items())
        found = self._days.get(key)
        if found is None:
            found = price_day(services_by_therapy, self.schedule, non_participating=self.non_participating)
            if len(self._days) >= self.LIMIT:
                self._days.clear()
            self._days[key] = found
        return found
