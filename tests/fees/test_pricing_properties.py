"""Properties of a priced day: a unit moved between equal codes changes nothing, the MPPR never adds cost."""

from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.engine.billed_services import THERAPIES, Service, Therapy, merge_services
from coverage.engine.money import ZERO
from coverage.fees.day_pricing import MedicarePricing, price_day
from coverage.fees.medicare_rates import unit_amount
from coverage.fees.pfs_files import load_medicare_fee_schedule

PFS = load_medicare_fee_schedule()
PRICED = sorted(code for code, row in PFS.codes.items() if row.status == "A" and not row.pe_not_applicable)
_GROUPS: dict[tuple[object, ...], list[str]] = defaultdict(list)
for _code in PRICED:
    _row = PFS.codes[_code]
    _GROUPS[(_row.work_rvu, _row.pe_rvu, _row.mp_rvu, _row.multiple_procedure, _row.conversion_factor)].append(_code)
#: Pairs of different codes with the same RVUs and indicator (97110 and 97116, 97161 and 97163, ...).
TWINS = sorted((a, b) for group in _GROUPS.values() for a in group for b in group if a != b)

localities = st.sampled_from([None, *sorted(PFS.localities)])
therapies = st.sampled_from(THERAPIES)
services = st.builds(Service, code=st.sampled_from(PRICED), units=st.integers(min_value=1, max_value=4))
days = st.dictionaries(therapies, st.lists(services, max_size=4).map(merge_services), min_size=1, max_size=3)


def pricing(locality: str | None) -> MedicarePricing:
    """Medicare at 100 % at ``locality`` (None: national)."""
    return MedicarePricing(fee_schedule=PFS, locality=PFS.locality(locality))


def _add(day: dict[Therapy, tuple[Service, ...]], therapy: Therapy, code: str, units: int) -> None:
    if units:
        day[therapy] = merge_services([*day.get(therapy, ()), Service(code=code, units=units)])


@settings(max_examples=80)
@given(
    day=days,
    twins=st.sampled_from(TWINS),
    first=st.integers(min_value=1, max_value=4),
    second=st.integers(min_value=0, max_value=3),
    where=st.tuples(therapies, therapies),
    locality=localities,
)
def test_moving_a_unit_between_codes_with_the_same_rvus_never_grows_the_day(
    day: dict[Therapy, tuple[Service, ...]],
    twins: tuple[str, str],
    first: int,
    second: int,
    where: tuple[Therapy, Therapy],
    locality: str | None,
) -> None:
    """97110 x3 + 97116 x1 costs what 97110 x2 + 97116 x2 costs, whatever else is billed that day."""
    (a, b), (on_a, on_b) = twins, where
    others = {t: tuple(s for s in ss if s.code not in twins) for t, ss in day.items()}
    before, after = dict(others), dict(others)
    _add(before, on_a, a, first)
    _add(before, on_b, b, second)
    _add(after, on_a, a, first - 1)
    _add(after, on_b, b, second + 1)

    total_before = price_day(before, pricing(locality)).total
    total_after = price_day(after, pricing(locality)).total

    assert total_after <= total_before
    assert total_after == total_before


@settings(max_examples=80)
@given(day=days, locality=localities)
def test_the_mppr_never_makes_a_day_cost_more_than_without_it(
    day: dict[Therapy, tuple[Service, ...]], locality: str | None
) -> None:
    """A day's allowed amount is at most every unit at its full amount, and the lines hold every unit."""
    place = PFS.locality(locality)
    without = sum(
        (unit_amount(PFS.codes[s.code], place) * s.units for services in day.values() for s in services), ZERO
    )

    priced = price_day(day, pricing(locality))

    assert priced.total <= without
    assert sum(line.units for line in priced.lines) == sum(s.units for ss in day.values() for s in ss)
    assert sum(line.amount for line in priced.lines) == priced.total
    assert sum(1 for line in priced.lines if not line.mppr_reduced and PFS.codes[line.code].therapy_reduction) <= 1
