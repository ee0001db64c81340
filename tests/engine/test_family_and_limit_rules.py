"""Family deductibles and maximums, and what counts toward a visit limit, worked by hand (issue 14)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage import NoticeKind, YearToDateError, estimate
from coverage.engine.plan_ranking import compare_plans
from tests.builders import care, course, money, plan, so_far

# Weekly visits from Monday 5 January 2026 fall on 5, 12, 19 and 26 January.


def test_a_child_on_an_embedded_family_plan_stops_paying_the_deductible_when_the_family_meets_it() -> None:
    """Own 1,500 left, family 250 left (3,000 - 2,750): the family deductible is met by the third visit."""
    family = plan(deductible="1500.00", family_deductible="3000.00", pt_coinsurance_pct="20")
    child = so_far(family_deductible_met="2750.00")

    result = estimate(family, care(pt=course(1, 4, "100.00")), child)

    # left = min(1,500, 250) = 250: visits 1 and 2 go to it (150 then 50 left);
    # visit 3: 50 to the deductible + 20 % of 50 = 10 -> 60; visit 4: 20 % of 100 = 20
    assert [v.patient_pays for v in result.visits] == money("100.00", "100.00", "60.00", "20.00")
    met = [n for n in result.notices if n.kind is NoticeKind.DEDUCTIBLE_MET]
    assert [(n.visit_number, n.date) for n in met] == [(3, date(2026, 1, 19))]
    assert met[0].message.startswith("The family deductible of $3,000.00 is met at PT visit 3 on 19 Jan 2026")
    assert estimate(
        plan(deductible="1500.00", pt_coinsurance_pct="20"), care(pt=course(1, 4, "100.00"))
    ).patient_total == D("400.00")  # the same plan for one person: all four visits to the deductible


def test_on_an_aggregate_plan_the_persons_own_deductible_is_ignored() -> None:
    """Own 1,000 met, family 2,000 with 1,500 met: aggregate leaves 500 to pay; embedded leaves none."""
    rules = {"deductible": "1000.00", "family_deductible": "2000.00", "pt_coinsurance_pct": "20"}
    figures = so_far(deductible_met="1000.00", family_deductible_met="1500.00")
    pt = care(pt=course(1, 3, "300.00"))

    aggregate = estimate(plan(family_deductible_embedded=False, **rules), pt, figures)
    embedded = estimate(plan(**rules), pt, figures)

    # aggregate: 300 to the deductible (200 left); 200 + 20 % of 100 = 220; 20 % of 300 = 60
    assert [v.patient_pays for v in aggregate.visits] == money("300.00", "220.00", "60.00")
    # embedded: the person's own 1,000 is met, so each visit costs 20 % of 300
    assert [v.patient_pays for v in embedded.visits] == money("60.00", "60.00", "60.00")


def test_on_an_aggregate_plan_one_person_may_have_met_more_than_the_self_only_deductible() -> None:
    """1,200 met by one person of a 2,000 aggregate family deductible is fine; on an embedded plan it is refused."""
    rules = {"deductible": "1000.00", "family_deductible": "2000.00"}
    figures = so_far(deductible_met="1200.00", family_deductible_met="1200.00")
    pt = care(pt=course(1, 1, "300.00"))

    aggregate = estimate(plan(family_deductible_embedded=False, **rules), pt, figures)

    assert aggregate.patient_total == D("300.00")  # 800 of the family's 2,000 left
    with pytest.raises(YearToDateError, match="more than the plan's deductible"):
        estimate(plan(**rules), pt, figures)


@pytest.mark.parametrize(
    ("own_met", "family_met", "first_pays", "whose"),
    [
        # own room 2,000 - 1,800 = 200, family room 4,000 - 2,500 = 1,500: the self-only maximum caps the visit
        ("1800.00", "2500.00", "200.00", "Your out-of-pocket maximum of $2,000.00"),
        # own room 1,500, family room 4,000 - 3,900 = 100: the family's maximum caps it
        ("500.00", "3900.00", "100.00", "The family out-of-pocket maximum of $4,000.00"),
    ],
)
def test_the_smaller_of_the_persons_and_the_familys_room_caps_a_visit(
    own_met: str, family_met: str, first_pays: str, whose: str
) -> None:
    """50 % of 1,000 is 500 a visit; the patient pays only the smaller room, then nothing."""
    family = plan(deductible_applies=False, oop_max="2000.00", family_oop_max="4000.00", pt_coinsurance_pct="50")

    result = estimate(family, care(pt=course(1, 2, "1000.00")), so_far(oop_met=own_met, family_oop_met=family_met))

    assert [v.patient_pays for v in result.visits] == money(first_pays, "0.00")
    reached = next(n for n in result.notices if n.kind is NoticeKind.OOP_MAX_REACHED)
    assert reached.message.startswith(whose)


def test_a_family_deductible_already_met_is_said_before_the_first_visit() -> None:
    """Family 3,000 of 3,000 met: the notice before visit 1 names the family deductible."""
    family = plan(deductible="1500.00", family_deductible="3000.00", pt_coinsurance_pct="20")

    result = estimate(family, care(pt=course(1, 1, "100.00")), so_far(family_deductible_met="3000.00"))

    assert result.notices[0].kind is NoticeKind.DEDUCTIBLE_ALREADY_MET
    assert "family deductible of $3,000.00 is already met" in result.notices[0].message
    assert result.patient_total == D("20.00")


@pytest.mark.parametrize(
    ("figures", "field_words"),
    [
        ({"family_deductible_met": "3500.00"}, "Family deductible met ($3,500.00) is more than"),
        ({"deductible_met": "500.00", "family_deductible_met": "400.00"}, "is less than this patient's own"),
        ({"family_oop_met": "9000.00"}, "Family out-of-pocket met ($9,000.00) is more than"),
        ({"oop_met": "700.00", "family_oop_met": "600.00"}, "is less than this patient's own"),
    ],
)
def test_family_figures_the_plan_cannot_have_produced_are_refused(figures: dict[str, str], field_words: str) -> None:
    """Family met above the family amount, or below the person's own met, is a YearToDateError."""
    family = plan(deductible="1500.00", family_deductible="3000.00", oop_max="4000.00", family_oop_max="8000.00")

    with pytest.raises(YearToDateError, match=field_words.replace("(", r"\(").replace(")", r"\)").replace("$", r"\$")):
        estimate(family, care(pt=course(1, 1, "100.00")), so_far(**figures))


# ---- what counts toward a visit limit


@pytest.mark.parametrize(
    ("counts", "used", "expected"),
    [
        # limit 3, eval 150 then 100s, 20 %: 30, 20, 20 covered; visits 4-5 at the self-pay rate (100)
        (True, 0, ("30.00", "20.00", "20.00", "100.00", "100.00")),
        # the evaluation takes no place: visits 2-4 take the three places; visit 5 at 100
        (False, 0, ("30.00", "20.00", "20.00", "20.00", "100.00")),
        # the limit already used up: an evaluation that does not count is still covered
        (False, 3, ("30.00", "100.00", "100.00", "100.00", "100.00")),
    ],
)
def test_an_evaluation_that_does_not_count_is_covered_whatever_is_left_of_the_limit(
    counts: bool, used: int, expected: tuple[str, ...]
) -> None:
    """evaluation_counts_toward_limit decides whether the first visit takes one of the 3 places."""
    rules = plan(deductible_applies=False, pt_coinsurance_pct="20", pt_visit_limit=3)
    rules = rules.model_copy(update={"evaluation_counts_toward_limit": counts})

    result = estimate(rules, care(pt=course(1, 5, "100.00", eval_rate=D("150.00"))), so_far(pt_visits_used=used))

    assert [v.patient_pays for v in result.visits] == money(*expected)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        # deductible 250, limit 2: visits 1-2 go to the deductible and use the limit; 3-4 at 100 self-pay
        (True, ("100.00", "100.00", "100.00", "100.00")),
        # visits 1-2 are paid entirely under the deductible (100 <= 250, 100 <= 150): no place taken;
        # visit 3: 50 to the deductible + 20 % of 50 = 60 (place 1); visit 4: 20 (place 2)
        (False, ("100.00", "100.00", "60.00", "20.00")),
    ],
)
def test_visits_paid_entirely_under_the_deductible_may_take_no_place_in_the_limit(
    counts: bool, expected: tuple[str, ...]
) -> None:
    """deductible_visits_count_toward_limit false: only visits the plan pays toward use the limit."""
    rules = plan(deductible="250.00", pt_coinsurance_pct="20", pt_visit_limit=2)
    rules = rules.model_copy(update={"deductible_visits_count_toward_limit": counts})

    result = estimate(rules, care(pt=course(1, 4, "100.00")))

    assert [v.patient_pays for v in result.visits] == money(*expected)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # visits: OT1 and PT1 on 5 Jan take both places; OT2 and PT2 on 12 Jan at the self-pay rate
        ({}, ("20.00", "20.00", "100.00", "100.00")),
        # days: each day takes one place, so all four visits are covered at 20 %
        ({"limit_counts": "days"}, ("20.00", "20.00", "20.00", "20.00")),
        # the older column means the same
        ({"same_day_counts_once": True}, ("20.00", "20.00", "20.00", "20.00")),
    ],
)
def test_a_shared_limit_counts_visits_or_days(rules: dict[str, object], expected: tuple[str, ...]) -> None:
    """A combined limit of 2 with OT and PT on the same two days."""
    shared = plan(
        deductible_applies=False, ot_coinsurance_pct="20", pt_coinsurance_pct="20", combined_visit_limit=2, **rules
    )

    result = estimate(shared, care(ot=course(1, 2, "100.00"), pt=course(1, 2, "100.00")))

    assert [v.patient_pays for v in result.visits] == money(*expected)


def test_under_days_a_days_place_is_taken_by_its_first_visit_that_takes_one() -> None:
    """Combined limit 1, days, the OT evaluation not counted: PT visit 1 takes 5 Jan's place; 12 Jan is refused."""
    shared = plan(
        deductible_applies=False,
        ot_coinsurance_pct="20",
        pt_coinsurance_pct="20",
        combined_visit_limit=1,
        limit_counts="days",
        evaluation_counts_toward_limit=False,
    )

    result = estimate(shared, care(ot=course(1, 2, "100.00", eval_rate=D("150.00")), pt=course(1, 2, "100.00")))

    # 5 Jan: OT evaluation 20 % of 150 = 30 (no place), PT 1: 20 (the day's place); 12 Jan: both at 100
    assert [(v.discipline, v.patient_pays) for v in result.visits] == [
        ("OT", D("30.00")),
        ("PT", D("20.00")),
        ("OT", D("100.00")),
        ("PT", D("100.00")),
    ]


@pytest.mark.parametrize(
    ("counts", "unit"),
    [
        ("visits", "visits"),  # the usual: each visit takes a place
        ("days", "visit days"),  # a PT and an OT visit on one day take one place, so the limit is days
    ],
)
def test_a_shared_limit_that_runs_out_is_said_in_what_it_counts(counts: str, unit: str) -> None:
    """Combined limit 1, OT and PT on 5 and 12 Jan: the notice, the visit and compare_plans name visits or days."""
    shared = plan(
        deductible_applies=False,
        ot_coinsurance_pct="20",
        pt_coinsurance_pct="20",
        combined_visit_limit=1,
        limit_counts=counts,
    )
    plan_of_care = care(ot=course(1, 2, "100.00"), pt=course(1, 2, "100.00"))

    result = estimate(shared, plan_of_care)
    row = compare_plans([shared], plan_of_care).iloc[0]

    refused = [v for v in result.visits if v.not_covered is not None]
    (notice,) = [n for n in result.notices if n.kind is NoticeKind.VISIT_LIMIT_REACHED]
    said = f"the 1 combined therapy {unit} of this plan year are used up"
    assert refused[0].not_covered_reason == said
    assert row["not_covered_reason"] == said
    assert notice.message.startswith(f"Your 1 combined therapy {unit} run out: from ")
