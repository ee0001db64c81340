"""Free-text messages are read only by explicit patterns: pooled limits, authorization and referrals."""

from __future__ import annotations

import pytest

from coverage.eligibility.messages import PooledLimit, authorization_after, pooled_limit, referral_required


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("PT/OT/ST COMBINED 30 VISITS PER CALENDAR YEAR", PooledLimit(30, ("PT", "OT", "ST"), left=False)),
        (
            "30 VISITS PER PLAN YEAR COMBINED FOR PHYSICAL AND OCCUPATIONAL THERAPY",
            PooledLimit(30, ("PT", "OT"), False),
        ),
        ("PT OT COMBINED 12 VISITS REMAINING", PooledLimit(12, ("PT", "OT"), left=True)),
        ("PT/OT 20 VISITS EACH PER CALENDAR YEAR", None),  # each therapy its own: not pooled
        ("PT/OT COMBINED 3 VISITS PER WEEK", None),  # not a plan year's limit
        ("PT/OT COMBINED 20 OR 30 VISITS PER YEAR", None),  # two numbers: not read
        ("COMBINED 30 VISITS PER CALENDAR YEAR", None),  # names no two therapies
        ("PT/OT COMBINED 30 VISITS", None),  # no year and not "remaining"
    ],
)
def test_a_pooled_limit_is_read_only_when_the_message_says_it_plainly(
    message: str, expected: PooledLimit | None
) -> None:
    """One number of visits, "combined" for two therapies, per year (or remaining): anything else is not read."""
    assert pooled_limit(message) == expected


@pytest.mark.parametrize(
    ("message", "visits"),
    [
        ("PRIOR AUTHORIZATION REQUIRED AFTER 12 VISITS", 12),
        ("AFTER THE FIRST 6 VISITS PRECERTIFICATION IS REQUIRED", 6),
        ("AUTHORIZATION REQUIRED", 0),
        ("REQUIRES PRIOR AUTHORIZATION", 0),
        ("NO AUTHORIZATION REQUIRED", None),
        ("REFERRAL REQUIRED. AUTHORIZATION NOT REQUIRED", None),
        ("COPAY APPLIES PER DATE OF SERVICE", None),
    ],
)
def test_authorization_is_read_as_visits_before_it_is_needed(message: str, visits: int | None) -> None:
    """A number after "after ... visits" is the count, "required" alone is 0, "not required" is nothing."""
    assert authorization_after(message) == visits


@pytest.mark.parametrize(
    ("message", "required"),
    [
        ("REFERRAL REQUIRED FROM PRIMARY CARE PHYSICIAN", True),
        ("REQUIRES A REFERRAL", True),
        ("NO REFERRAL REQUIRED", False),
        ("REFERRAL NOT NEEDED", False),
        ("AUTHORIZATION REQUIRED", False),
    ],
)
def test_a_referral_is_read_only_when_it_is_required(message: str, required: bool) -> None:
    """A message saying a referral is required or needed is a requirement; "no referral required" is not."""
    assert referral_required(message) is required
