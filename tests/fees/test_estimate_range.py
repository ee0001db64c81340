"""The low / likely / high range of a course whose visit length is known but not its minutes per code."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from coverage.engine.billed_services import parse_services
from coverage.engine.care import CarePlan, Course
from coverage.engine.plans import PayerType, Plan
from coverage.fees.course_pricing import FeeSources
from coverage.fees.estimate_range import estimate_range, spread_units
from coverage.fees.pfs_files import load_medicare_fee_schedule
from coverage.fees.unit_rules import TIMED_CODES

FEES = FeeSources(load_medicare_fee_schedule(), locality="10112-00")
PLAN = Plan(plan_id="p", plan_name="P", payer_type=PayerType.COMMERCIAL, fee_schedule="medicare")


def _care(visit_minutes: int | None, **course: object) -> CarePlan:
    """PT once a week for one week, billed 97110x2,97140."""
    return CarePlan(
        start_date=date(2026, 3, 2),
        pt=Course(visits_per_week=1, weeks=1, services="97110x2,97140", visit_minutes=visit_minutes, **course),
    )


def test_a_45_minute_visit_ranges_from_2_to_3_units_and_the_likely_is_3() -> None:
    """Low 2 units: 97110 x1 full 26.83 + 97140 reduced 19.72 = 46.55 (2 x 2/3 = 1.33 -> 1, 2 x 1/3 -> 1).

    Likely and high 3 units: 97110 x2 + 97140 as given: 26.83 + 20.79 + 19.72 = 67.34.
    """
    found = estimate_range(PLAN, _care(45), fees=FEES)
    assert found is not None
    assert (found.units["PT"].low, found.units["PT"].high) == (2, 3)
    totals = [e.visits[0].allowed for e in (found.low, found.likely, found.high)]
    assert totals == [D("46.55"), D("67.34"), D("67.34")]
    assert "45 minutes" in found.assumptions[0]


def test_no_visit_length_or_known_minutes_gives_no_range() -> None:
    """Without a visit length, or with minutes per code, the estimate is a point: no range."""
    assert estimate_range(PLAN, _care(None), fees=FEES) is None
    assert estimate_range(PLAN, _care(45, minutes={"97110": 30}), fees=FEES) is None


@given(st.sampled_from(["97110x2,97140", "97530x3,97535,97010", "97110,97112,97140x2"]), st.integers(0, 12))
def test_spread_units_gives_the_timed_codes_exactly_the_total_and_keeps_untimed_ones(notation: str, total: int) -> None:
    """However the total is spread, the timed codes hold exactly it and untimed codes are untouched."""
    services = parse_services(notation)
    spread = spread_units(services, total)
    assert sum(s.units for s in spread if s.code in TIMED_CODES) == total
    assert [s for s in spread if s.code not in TIMED_CODES] == [s for s in services if s.code not in TIMED_CODES]
