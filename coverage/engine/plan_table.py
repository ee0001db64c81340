"""A catalog of plans as columns of whole cents, ready to be costed all at once.

Each :class:`~coverage.engine.plans.Plan` field that decides money becomes one NumPy
array with a row per plan. Money is whole cents (``int64``): a Decimal with two
places times 100 is exact, so no float ever touches an amount. Percentages are
hundredths of a percent (20.5 % -> 2050). "No limit" and "no maximum" are held
as numbers larger than any count or amount can reach.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from itertools import repeat
from operator import is_, itemgetter

import numpy as np
import numpy.typing as npt

from coverage.engine.plan_fields import FIELD, FieldKind, PlanField
from coverage.engine.plans import CopayTiming, Discipline, LimitCounting, PayerType, Plan

Cents = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

#: Stands for "no limit": more visits than any plan year can hold.
NO_LIMIT = 1 << 40
#: Stands for "no out-of-pocket maximum": more cents than any course can cost.
NO_MAXIMUM = 1 << 60


_HUNDRED = Decimal(100)


def cents(amount: Decimal) -> int:
    """``Decimal('12.34')`` -> ``1234``: exact for amounts with at most two decimals."""
    return int(amount * _HUNDRED)


def _money(values: Sequence[object], absent: int) -> Cents:
    hundred = _HUNDRED
    return np.array([absent if v is None else int(v * hundred) for v in values], dtype=np.int64)  # type: ignore[operator]


def _counts(values: Sequence[object]) -> Cents:
    return np.array([NO_LIMIT if v is None else v for v in values], dtype=np.int64)


def _flags(values: Sequence[bool]) -> Flags:
    return np.array(values, dtype=np.bool_)


def _objects(values: Sequence[object]) -> npt.NDArray[np.object_]:
    column = np.empty(len(values), dtype=object)  # element by element: never an array of arrays
    column[:] = values
    return column


def _codes(values: Sequence[object]) -> Cents:
    """Each value's number among the distinct values, numbered as first met."""
    number = {value: i for i, value in enumerate(dict.fromkeys(values))}
    return np.array(list(map(number.__getitem__, values)), dtype=np.int64)


def _column(field: PlanField, values: Sequence[object]) -> Cents | Flags:
    """One plan setting of many plans as an array, converted by the setting's kind in the registry."""
    if field.kind is FieldKind.SWITCH:
        return _flags(values)  # type: ignore[arg-type]  # a Plan's switches are bools already
    if field.kind is FieldKind.COUNT:
        return _counts(values)
    if field.kind in {FieldKind.MONEY, FieldKind.PERCENT}:  # percentages as hundredths: 20.5 % -> 2050
        return _money(values, NO_MAXIMUM if field.optional else 0)
    raise TypeError(f"{field.name} is a {field.kind} field: the vectorised engine takes money, counts and switches")


@dataclass(frozen=True, eq=False)
class PlanTable:
    """The money rules of many plans, one array element per plan, in catalog order.

    Every attribute named like a plans.csv column is that column, converted by its registry kind
    (:func:`_column`): to use a new plan setting here, add an attribute with the column's name.
    """

    plans: tuple[Plan, ...]
    plan_ids: npt.NDArray[np.object_]  # str per plan, for the comparison's columns
    plan_names: npt.NDArray[np.object_]
    payer_types: npt.NDArray[np.object_]
    monthly_premiums: npt.NDArray[np.object_]  # Decimal per plan, None where not known
    deductible: Cents
    oop_max: Cents  # NO_MAXIMUM where the plan has none
    deductible_applies: Flags
    ot_copay: Cents
    pt_copay: Cents
    ot_coinsurance_pct: Cents  # hundredths of a percent
    pt_coinsurance_pct: Cents
    ot_visit_limit: Cents  # NO_LIMIT where blank
    pt_visit_limit: Cents
    combined_visit_limit: Cents
    same_day_counts_once: Flags
    one_copay_per_day: Flags
    has_oop_max: Flags
    copay_before_deductible: Flags
    covers_visits: Flags
    family_deductible: Cents  # NO_MAXIMUM where the plan has none
    has_family_deductible: Flags
    family_deductible_embedded: Flags
    family_oop_max: Cents  # NO_MAXIMUM where the plan has none
    has_family_oop_max: Flags
    evaluation_counts: Flags  # evaluation_counts_toward_limit
    deductible_visits_count: Flags  # deductible_visits_count_toward_limit
    counts_days: Flags  # limit_counts days, or same_day_counts_once
    is_medicare: Flags  # Original Medicare: the non-participating rate and limiting charge apply
    is_medicaid: Flags
    year_start_kinds: tuple[str, ...]  # the distinct plan_year_start values (MM-DD)
    year_start_kind: Cents  # index into year_start_kinds, per plan
    pricing_kinds: tuple[Plan, ...]  # one plan of each distinct fee_schedule, unit_rule and Original Medicare or not
    pricing_kind: Cents  # index into pricing_kinds, per plan

    @classmethod
    def of(cls, plans: Sequence[Plan]) -> PlanTable:
        """Turn ``plans`` into columns; the order of the rows is the order of ``plans``.

        Each setting is read off every plan in one pass (``map`` and ``itemgetter`` over the plans' fields), then
        converted by its registry kind; the flags that follow from a column (a maximum or not, Medicare or not) come
        from its array.
        """
        fields_of = list(map(vars, plans))  # a model's fields are its __dict__: quicker to read than attributes
        values = {name: list(map(itemgetter(name), fields_of)) for name in (*_COLUMNS, *_OTHER_SETTINGS)}
        table: dict[str, Cents | Flags] = {name: _column(FIELD[name], values[name]) for name in _COLUMNS}
        payer_types = np.array(list(map(_PAYER_TYPE_TEXT.__getitem__, values["payer_type"])), dtype=object)
        kinds = tuple(sorted(set(values["plan_year_start"])))
        kind_index = {kind: i for i, kind in enumerate(kinds)}
        is_medicare = payer_types == PayerType.MEDICARE.value
        # A pricing kind: a fee schedule, a unit rule and Original Medicare or not, numbered without a tuple per plan.
        fee_code, unit_code = _codes(values["fee_schedule"]), _codes(values["unit_rule"])
        kind_code = (fee_code * (int(unit_code.max(initial=0)) + 1) + unit_code) * 2 + is_medicare
        _, first, pricing_kind = np.unique(kind_code, return_index=True, return_inverse=True)  # first: of each kind
        days = _flags(list(map(is_, values["limit_counts"], repeat(LimitCounting.DAYS))))
        before = _flags(list(map(is_, values["copay_timing"], repeat(CopayTiming.BEFORE_DEDUCTIBLE))))
        return cls(
            plans=tuple(plans),
            plan_ids=np.array(values["plan_id"], dtype=object),
            plan_names=np.array(values["plan_name"], dtype=object),
            payer_types=payer_types,
            monthly_premiums=_objects(values["monthly_premium"]),
            **table,  # type: ignore[arg-type]
            has_oop_max=table["oop_max"] != NO_MAXIMUM,
            copay_before_deductible=before,
            covers_visits=payer_types != PayerType.SELF_PAY.value,
            has_family_deductible=table["family_deductible"] != NO_MAXIMUM,
            has_family_oop_max=table["family_oop_max"] != NO_MAXIMUM,
            evaluation_counts=_flags(values["evaluation_counts_toward_limit"]),
            deductible_visits_count=_flags(values["deductible_visits_count_toward_limit"]),
            counts_days=days | table["same_day_counts_once"].astype(np.bool_),
            is_medicare=is_medicare,
            is_medicaid=payer_types == PayerType.MEDICAID.value,
            year_start_kinds=kinds,
            year_start_kind=np.array(list(map(kind_index.__getitem__, values["plan_year_start"])), dtype=np.int64),
            pricing_kinds=tuple(plans[i] for i in first.tolist()),
            pricing_kind=pricing_kind.reshape(-1).astype(np.int64),
        )

    def __len__(self) -> int:
        return len(self.plans)

    def copay(self, discipline: Discipline) -> Cents:
        """The copay of one visit of ``discipline``, per plan."""
        return self.ot_copay if discipline == "OT" else self.pt_copay

    def coinsurance(self, discipline: Discipline) -> Cents:
        """The coinsurance of ``discipline`` in hundredths of a percent, per plan."""
        return self.ot_coinsurance_pct if discipline == "OT" else self.pt_coinsurance_pct

    def limit(self, discipline: Discipline) -> Cents:
        """The visit limit of ``discipline`` (NO_LIMIT where blank), per plan."""
        return self.ot_visit_limit if discipline == "OT" else self.pt_visit_limit


#: The plans.csv columns :class:`PlanTable` holds as arrays, each converted by its kind in the registry.
_COLUMNS = tuple(sorted({f.name for f in fields(PlanTable)} & set(FIELD)))
#: The other settings it reads off each plan.
_OTHER_SETTINGS = (
    *("plan_id", "plan_name", "payer_type", "plan_year_start", "copay_timing", "limit_counts", "fee_schedule"),
    *("unit_rule", "evaluation_counts_toward_limit", "deductible_visits_count_toward_limit", "monthly_premium"),
)
#: Each payer type's plans.csv word (a plain ``str``, as the comparison's column shows it).
_PAYER_TYPE_TEXT = {kind: kind.value for kind in PayerType}
