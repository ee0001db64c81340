"""Hand-worked cost sharing of one covered visit: one rule per row, arithmetic in the comment."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from coverage.engine.cost_sharing import share_of_visit
from coverage.engine.plans import CopayTiming

AFTER, BEFORE = CopayTiming.AFTER_DEDUCTIBLE, CopayTiming.BEFORE_DEDUCTIBLE
NO_MAX = None

# columns: allowed, copay, pct, deductible left, oop room, deductible applies, timing -> (deductible, copay, coins)
CASES = [
    # no deductible: copay 30, coinsurance 0 -> 30
    ("100.00", "30.00", "0", "0.00", NO_MAX, False, AFTER, ("0.00", "30.00", "0.00")),
    # no deductible: copay larger than allowed -> copay = min(50, 40) = 40
    ("40.00", "50.00", "0", "0.00", NO_MAX, False, AFTER, ("0.00", "40.00", "0.00")),
    # no deductible: copay 20 then 20% of (100 - 20) = 16
    ("100.00", "20.00", "20", "500.00", NO_MAX, False, AFTER, ("0.00", "20.00", "16.00")),
    # after: deductible 100 of 300, copay 20 of 200, 50% of 180 = 90 -> 210 (public example)
    ("300.00", "20.00", "50", "100.00", "1000.00", True, AFTER, ("100.00", "20.00", "90.00")),
    # after: the whole visit goes to the deductible: min(80, 283) = 80, nothing left for copay or coinsurance
    ("80.00", "25.00", "20", "283.00", NO_MAX, True, AFTER, ("80.00", "0.00", "0.00")),
    # after: deductible 30 of 100, no copay, 40% of 70 = 28 -> 58, inside room 70 (public example)
    ("100.00", "0.00", "40", "30.00", "70.00", True, AFTER, ("30.00", "0.00", "28.00")),
    # after: deductible 10, copay min(25, 5) = 5, nothing left for coinsurance
    ("15.00", "25.00", "20", "10.00", NO_MAX, True, AFTER, ("10.00", "5.00", "0.00")),
    # before: copay 25 first, then deductible min(75, 1000) = 75, coinsurance on 0 -> 100
    ("100.00", "25.00", "20", "1000.00", NO_MAX, True, BEFORE, ("75.00", "25.00", "0.00")),
    # before: copay 25, deductible min(175, 50) = 50, 20% of (200 - 25 - 50 = 125) = 25
    ("200.00", "25.00", "20", "50.00", NO_MAX, True, BEFORE, ("50.00", "25.00", "25.00")),
    # before: copay larger than allowed -> copay 40 = allowed, deductible 0
    ("40.00", "50.00", "20", "100.00", NO_MAX, True, BEFORE, ("0.00", "40.00", "0.00")),
    # rounding half up: 20% of 84.75 = 16.95 exactly; 12.5% of 84.75 = 10.59375 -> 10.59
    ("84.75", "0.00", "12.5", "0.00", NO_MAX, True, AFTER, ("0.00", "0.00", "10.59")),
    # rounding half up: 50% of 0.25 = 0.125 -> 0.13 (banker's rounding would give 0.12)
    ("0.25", "0.00", "50", "0.00", NO_MAX, True, AFTER, ("0.00", "0.00", "0.13")),
    # cap: charged 500 + 100 + 50% of 1400 = 700 -> 1300, room 600: deductible 500, copay 100, coins 0 (public)
    ("2000.00", "100.00", "50", "500.00", "600.00", True, AFTER, ("500.00", "100.00", "0.00")),
    # cap, before: copay 25 paid first from room 30, then deductible gets the last 5
    ("200.00", "25.00", "20", "100.00", "30.00", True, BEFORE, ("5.00", "25.00", "0.00")),
    # cap: room 0 -> the patient pays nothing
    ("150.00", "30.00", "20", "0.00", "0.00", True, AFTER, ("0.00", "0.00", "0.00")),
    # cap, no deductible: copay 30 of room 40, coinsurance 20% of 120 = 24 capped to 10
    ("150.00", "30.00", "20", "0.00", "40.00", False, AFTER, ("0.00", "30.00", "10.00")),
]


@pytest.mark.parametrize(("allowed", "copay", "pct", "deductible_left", "room", "applies", "timing", "expected"), CASES)
def test_a_covered_visit_splits_as_worked_out_by_hand(
    allowed: str,
    copay: str,
    pct: str,
    deductible_left: str,
    room: str | None,
    applies: bool,
    timing: CopayTiming,
    expected: tuple[str, str, str],
) -> None:
    """Deductible, copay and coinsurance follow the plan's order, rounding and out-of-pocket cap."""
    share = share_of_visit(
        D(allowed),
        copay=D(copay),
        coinsurance_pct=D(pct),
        deductible_left=D(deductible_left),
        oop_room=None if room is None else D(room),
        deductible_applies=applies,
        copay_timing=timing,
    )

    assert (share.to_deductible, share.copay, share.coinsurance) == tuple(D(x) for x in expected)


@pytest.mark.parametrize(
    ("allowed", "copay", "pct", "deductible_left", "room", "patient"),
    [
        ("300.00", "20.00", "50", "100.00", "1000.00", "210.00"),  # 100 + 20 + 90
        ("100.00", "0.00", "40", "30.00", "70.00", "58.00"),  # 30 + 28
        ("2000.00", "100.00", "50", "500.00", "600.00", "600.00"),  # 1300 charged, capped at 600
    ],
)
def test_the_public_examples_give_the_published_patient_share(
    allowed: str, copay: str, pct: str, deductible_left: str, room: str, patient: str
) -> None:
    """The three published examples re-derived under our rules give 210, 58 and 600."""
    share = share_of_visit(
        D(allowed),
        copay=D(copay),
        coinsurance_pct=D(pct),
        deductible_left=D(deductible_left),
        oop_room=D(room),
        deductible_applies=True,
        copay_timing=AFTER,
    )

    assert share.patient_pays == D(patient)
