"""The service notation and the unit rules: CMS's own 8-minute examples, row by row."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.engine.billed_services import Service, format_services, parse_services, with_assistant
from coverage.engine.pricing_settings import parse_unit_rule
from coverage.fees.problems import ServiceNotationError
from coverage.fees.unit_rules import (
    TIMED_CODES,
    UnitRange,
    units_for_total,
    units_from_minutes,
    visit_unit_range,
)


def test_the_notation_reads_codes_units_and_modifiers_in_order() -> None:
    """``97110x2, 97140,g0283,97110-cqX3`` is four services, upper-cased, in the order typed."""
    services = parse_services("97110x2, 97140,g0283,97110-cqX3")

    assert services == (
        Service(code="97110", units=2),
        Service(code="97140"),
        Service(code="G0283"),
        Service(code="97110", units=3, modifier="CQ"),
    )
    assert format_services(services) == "97110x2,97140,G0283,97110-CQx3"


def test_a_code_given_twice_is_one_service_with_its_units_added() -> None:
    """``97110,97140,97110`` bills 97110 x2 in its first place (one line per timed code a day)."""
    assert parse_services("97110,97140,97110") == (Service(code="97110", units=2), Service(code="97140"))


def test_a_blank_text_is_no_services() -> None:
    """A blank notation is an empty visit, not an error."""
    assert parse_services("  ") == ()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("97110y2", "the code '97110Y2' is not five digits or letters"),
        ("9711x2", "the code '9711' is not five digits"),
        ("97110x0", "the units '0' are not a whole number from 1 to 24"),
        ("97110x25", "the units '25'"),
        ("97110x", "the units ''"),
        ("97110-C", "the modifier 'C' is not two digits or letters"),
        ("97110,,97140", "has an empty part between commas"),
        ("97110x20,97110x5", "97110 adds up to 25 units"),
    ],
)
def test_a_part_that_cannot_be_read_is_named_in_the_message(text: str, says: str) -> None:
    """Each bad part of the notation gets a sentence that quotes it."""
    with pytest.raises(ServiceNotationError, match=says):
        parse_services(text)


def test_an_assistant_visit_marks_pt_services_cq_and_ot_services_co() -> None:
    """PT assistant services carry CQ, OT assistant services CO; speech has no assistant modifier."""
    services = parse_services("97110x2,97140-59")

    assert [s.modifier for s in with_assistant(services, "PT")] == ["CQ", "59"]
    assert [s.modifier for s in with_assistant(services, "OT")] == ["CO", "59"]
    with pytest.raises(ServiceNotationError, match="no assistant modifier for SLP"):
        with_assistant(services, "SLP")


@pytest.mark.parametrize(
    ("minutes", "units"),
    [(7, 0), (8, 1), (22, 1), (23, 2), (37, 2), (38, 3), (52, 3), (53, 4), (67, 4), (68, 5), (113, 8), (127, 8)],
)
def test_the_8_minute_chart_of_the_manual(minutes: int, units: int) -> None:
    """The chart of Pub. 100-04 ch. 5 §20.2: 8-22 minutes 1 unit, 23-37 2, ..., 113-127 8."""
    assert units_for_total(minutes) == units


# CMS, Medicare Claims Processing Manual, Pub. 100-04, ch. 5, §20.2 C, examples 1-5. Each row: the
# minutes per code, the units CMS bills, and the arithmetic (total -> units; full 15s; leftovers).
CMS_EXAMPLES = [
    # 1: 47 min -> 3 units; 97112 24 = 15 + 9, 97110 23 = 15 + 8; the one left goes to 9 > 8.
    ({"97112": 24, "97110": 23}, {"97112": 2, "97110": 1}),
    # 2: 40 min -> 3 units; 20 = 15 + 5 each; a tie: "choose either code for 2 units" (we take the first).
    ({"97112": 20, "97110": 20}, {"97112": 2, "97110": 1}),
    # 3: 40 min -> 3 units; 97110 33 = 30 + 3 gives 2; its 3 leftover minutes lose to 7 of 97140.
    ({"97110": 33, "97140": 7}, {"97110": 2, "97140": 1}),
    # 4: 49 min -> 3 units; 97110 18 = 15 + 3 gives 1; the 2 left go to 13 (97140) and 10 (97116), not 8 (97035).
    ({"97110": 18, "97140": 13, "97116": 10, "97035": 8}, {"97110": 1, "97140": 1, "97116": 1}),
    # 5: 21 min -> 1 unit; 7 each: bill one of them (a tie: the first listed).
    ({"97112": 7, "97110": 7, "97140": 7}, {"97112": 1}),
]


@pytest.mark.parametrize(("minutes", "billed"), CMS_EXAMPLES)
def test_the_medicare_rule_bills_each_cms_example_as_the_manual_does(
    minutes: dict[str, int], billed: dict[str, int]
) -> None:
    """Every example of Pub. 100-04 ch. 5 §20.2 C bills the units the manual says, per code."""
    services = units_from_minutes(minutes, "medicare")

    assert {s.code: s.units for s in services} == billed


@pytest.mark.parametrize(
    ("minutes", "billed"),
    [
        ({"97112": 24, "97110": 23}, {"97112": 2, "97110": 2}),  # 24 -> 2 (15 + 9), 23 -> 2 (15 + 8): 4, not 3
        ({"97110": 33, "97140": 7}, {"97110": 2}),  # 33 -> 2 (30 + 3), 7 < 8 -> 0
        ({"97112": 7, "97110": 7, "97140": 7}, {}),  # no code reaches 8 minutes
    ],
)
def test_the_ama_rule_counts_each_code_on_its_own(minutes: dict[str, int], billed: dict[str, int]) -> None:
    """Under the CPT rule each code bills a unit per 15 minutes plus one for 8 or more left over."""
    assert {s.code: s.units for s in units_from_minutes(minutes, "ama")} == billed


def test_minutes_for_an_untimed_code_are_refused() -> None:
    """An evaluation is billed once whatever its length, so minutes for it are a mistake."""
    with pytest.raises(ServiceNotationError, match="97162 is not a timed"):
        units_from_minutes({"97162": 45}, "medicare")


def test_the_unit_rule_setting_is_medicare_when_blank() -> None:
    """Blank and ``Medicare`` read as the 8-minute rule, ``AMA`` as the CPT rule; others are refused."""
    assert (parse_unit_rule(""), parse_unit_rule(" Medicare "), parse_unit_rule("AMA")) == (
        "medicare",
        "medicare",
        "ama",
    )
    with pytest.raises(ServiceNotationError, match="not a unit rule"):
        parse_unit_rule("cms")


@pytest.mark.parametrize(
    ("visit", "codes", "rule", "expected"),
    [
        (45, 2, "medicare", UnitRange(low=2, likely=3, high=3)),  # 30 min -> 2, 45 min -> 3
        (60, 2, "medicare", UnitRange(low=3, likely=4, high=4)),  # 45 -> 3, 60 -> 4
        (45, 3, "ama", UnitRange(low=1, likely=3, high=4)),  # 30 as 7+7+16 -> 1; 15 each -> 3; 8+8+29 -> 4
        (20, 2, "medicare", UnitRange(low=0, likely=1, high=1)),  # 5 min -> 0, 20 min -> 1
    ],
)
def test_a_visit_of_known_length_bills_a_range_of_units(visit: int, codes: int, rule: str, expected: UnitRange) -> None:
    """A 45-minute visit with up to 15 untimed minutes is 2 to 3 timed units under the 8-minute rule."""
    assert visit_unit_range(visit, codes, rule) == expected  # type: ignore[arg-type]


@settings(max_examples=60)
@given(st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=4))
def test_the_medicare_rule_bills_exactly_the_units_of_the_total(spent: list[int]) -> None:
    """Whatever the split, the 8-minute rule bills the units of the total and no code more than its share."""
    codes = sorted(TIMED_CODES)[: len(spent)]
    minutes = dict(zip(codes, spent, strict=True))

    services = units_from_minutes(minutes, "medicare")

    assert sum(s.units for s in services) == units_for_total(sum(spent))
    assert all(s.units in {minutes[s.code] // 15, minutes[s.code] // 15 + 1} for s in services)


@settings(max_examples=60)
@given(st.integers(min_value=0, max_value=120), st.integers(min_value=1, max_value=4))
def test_the_range_holds_the_likely_count(visit: int, codes: int) -> None:
    """Low never exceeds likely, and likely never exceeds high, under either rule."""
    for rule in ("medicare", "ama"):
        found = visit_unit_range(visit, codes, rule)  # type: ignore[arg-type]
        assert found.low <= found.likely <= found.high


def _splits(total: int, parts: int) -> list[tuple[int, ...]]:
    if parts == 1:
        return [(total,)]
    return [(first, *rest) for first in range(total + 1) for rest in _splits(total - first, parts - 1)]


@pytest.mark.parametrize("codes", [1, 2, 3])
def test_the_ama_range_is_the_fewest_and_most_units_of_every_split(codes: int) -> None:
    """Brute force over every split of 15-45 minutes agrees with the AMA range's closed forms."""
    for visit in range(15, 46):
        counts = [
            sum(units_for_total(m) for m in split)
            for timed in range(visit - 15, visit + 1)
            for split in _splits(timed, codes)
        ]
        at_visit = [sum(units_for_total(m) for m in split) for split in _splits(visit, codes)]

        found = visit_unit_range(visit, codes, "ama")

        assert (found.low, found.high) == (min(counts), max(at_visit))
