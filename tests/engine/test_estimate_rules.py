"""Whole courses worked out by hand: one rule per test, the arithmetic in the comments."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage import NoticeKind, YearToDateError, estimate
from coverage.views.export import visit_frame
from tests.builders import care, course, money, plan, so_far


def kinds(result: object) -> list[NoticeKind]:
    """The kinds of the notices of an estimate, in order."""
    return [n.kind for n in result.notices]  # type: ignore[attr-defined]


def test_the_deductible_is_met_partway_through_a_visit_and_coinsurance_follows() -> None:
    """Medicare-style: 283 deductible met at visit 4, then 20% coinsurance."""
    medicare = plan(payer_type="medicare", deductible="283.00", pt_coinsurance_pct="20")

    result = estimate(medicare, care(pt=course(2, 3, "84.75")))

    # visits 1-3: all 84.75 to the deductible (254.25 in all, 28.75 left)
    # visit 4: 28.75 to the deductible, 20% of 56.00 = 11.20 -> 39.95
    # visits 5-6: 20% of 84.75 = 16.95
    assert [v.patient_pays for v in result.visits] == money("84.75", "84.75", "84.75", "39.95", "16.95", "16.95")
    assert [v.plan_pays for v in result.visits] == money("0.00", "0.00", "0.00", "44.80", "67.80", "67.80")
    met = [n for n in result.notices if n.kind is NoticeKind.DEDUCTIBLE_MET]
    assert [(n.visit_number, n.date) for n in met] == [(4, date(2026, 1, 15))]
    assert met[0].message == "Your deductible is met at PT visit 4 on 15 Jan 2026."


def test_the_first_visit_of_a_course_is_the_evaluation_at_its_own_rate() -> None:
    """With an evaluation rate, visit 1 is charged at it; the rest at the visit rate."""
    copay_plan = plan(deductible_applies=False, pt_coinsurance_pct="10")

    result = estimate(copay_plan, care(pt=course(1, 3, "80.00", eval_rate=D("120.00"))))

    # 10% of 120 = 12.00; 10% of 80 = 8.00
    assert [v.allowed for v in result.visits] == money("120.00", "80.00", "80.00")
    assert [v.patient_pays for v in result.visits] == money("12.00", "8.00", "8.00")
    assert [v.is_evaluation for v in result.visits] == [True, False, False]


def test_visits_past_the_discipline_limit_cost_the_self_pay_rate_and_count_toward_nothing() -> None:
    """PT limit 5 with 3 used: visits 3-4 of the course are self-pay and do not touch the deductible."""
    limited = plan(deductible="1000.00", pt_visit_limit=5, oop_max="2000.00")

    result = estimate(limited, care(pt=course(2, 2, "100.00", self_pay_rate=D("60.00"))), so_far(pt_visits_used=3))

    # 2 places left: visits 1-2 covered, all 100 to the deductible; visits 3-4 at 60 self-pay
    assert [v.covered for v in result.visits] == [True, True, False, False]
    assert [v.patient_pays for v in result.visits] == money("100.00", "100.00", "60.00", "60.00")
    assert [v.to_deductible for v in result.visits] == money("100.00", "100.00", "0.00", "0.00")
    assert result.visits[3].deductible_left_before == D("800.00")  # 1000 - 200: self-pay visits did not count
    limit = [n for n in result.notices if n.kind is NoticeKind.VISIT_LIMIT_REACHED]
    assert [(n.visit_number, n.visits_affected, n.amount) for n in limit] == [(3, 2, D("120.00"))]
    assert limit[0].message == (
        "Your 5 PT visits run out: from PT visit 3 on 12 Jan 2026, 2 visits are not covered and cost "
        "$120.00 at the self-pay rate."
    )


def test_the_self_pay_rate_defaults_to_the_visits_own_rate() -> None:
    """Without a self-pay rate, a visit past the limit costs its allowed amount (the evaluation its own)."""
    no_visits = plan(ot_visit_limit=0)

    result = estimate(no_visits, care(ot=course(1, 2, "90.00", eval_rate=D("110.00"))))

    assert [v.patient_pays for v in result.visits] == money("110.00", "90.00")
    assert [v.plan_pays for v in result.visits] == money("0.00", "0.00")


def test_the_combined_pool_counts_other_therapies_already_used() -> None:
    """Pool of 10 with 4 OT, 3 PT and 2 speech visits used leaves one place: the first visit of the day."""
    pooled = plan(combined_visit_limit=10, ot_copay="20.00", pt_copay="20.00")

    result = estimate(
        pooled,
        care(ot=course(1, 2, "100.00"), pt=course(1, 2, "100.00")),
        so_far(ot_visits_used=4, pt_visits_used=3, other_pool_visits_used=2),
    )

    # 4 + 3 + 2 = 9 used; OT on day 1 takes place 10; everything after is self-pay at 100
    assert [(v.discipline, v.covered) for v in result.visits] == [
        ("OT", True),
        ("PT", False),
        ("OT", False),
        ("PT", False),
    ]
    assert result.patient_total == D("20.00") + 3 * D("100.00")
    (limit,) = [n for n in result.notices if n.kind is NoticeKind.VISIT_LIMIT_REACHED]
    assert (limit.discipline, limit.visit_number, limit.visits_affected) == ("PT", 1, 3)


@pytest.mark.parametrize(
    ("counts_once", "covered"),
    [
        # pool 2: day 1 OT+PT take one place, day 2 OT+PT the second, day 3 nothing left
        (True, [True, True, True, True, False, False]),
        # pool 2: day 1 OT and PT take both places
        (False, [True, True, False, False, False, False]),
    ],
)
def test_a_same_day_ot_and_pt_visit_take_one_place_when_the_plan_says_so(
    counts_once: bool, covered: list[bool]
) -> None:
    """same_day_counts_once makes a same-day OT and PT pair use one place in the combined pool."""
    pooled = plan(combined_visit_limit=2, same_day_counts_once=counts_once)

    result = estimate(pooled, care(ot=course(1, 3, "100.00"), pt=course(1, 3, "80.00")))

    assert [v.covered for v in result.visits] == covered


def test_the_discipline_limit_still_applies_to_a_visit_sharing_a_pool_place() -> None:
    """Sharing a same-day pool place does not lift PT's own limit."""
    pooled = plan(combined_visit_limit=5, same_day_counts_once=True, pt_visit_limit=0)

    result = estimate(pooled, care(ot=course(1, 1, "100.00"), pt=course(1, 1, "80.00")))

    assert [(v.discipline, v.covered) for v in result.visits] == [("OT", True), ("PT", False)]


@pytest.mark.parametrize(
    ("one_per_day", "ot_copay", "pt_copay", "copays"),
    [
        (True, "40.00", "30.00", ["40.00", "0.00"]),  # OT first takes its copay, PT's is dropped
        (True, "0.00", "30.00", ["0.00", "30.00"]),  # OT charged no copay, so PT's is charged
        (False, "40.00", "30.00", ["40.00", "30.00"]),  # one copay per therapy
    ],
)
def test_one_copay_per_day_drops_later_copays_that_day(
    one_per_day: bool, ot_copay: str, pt_copay: str, copays: list[str]
) -> None:
    """With one_copay_per_day only the first copay charged on a date is paid."""
    copay_plan = plan(deductible_applies=False, one_copay_per_day=one_per_day, ot_copay=ot_copay, pt_copay=pt_copay)

    result = estimate(copay_plan, care(ot=course(1, 1, "100.00"), pt=course(1, 1, "100.00")))

    assert [v.copay for v in result.visits] == money(*copays)


def test_ot_and_pt_are_charged_their_own_copays() -> None:
    """A plan where OT costs more than PT charges each therapy its own copay."""
    split = plan(deductible_applies=False, ot_copay="50.00", pt_copay="30.00")

    result = estimate(split, care(ot=course(1, 2, "100.00"), pt=course(1, 2, "100.00")))

    assert result.ot_total is not None
    assert result.pt_total is not None
    assert (result.ot_total.patient_pays, result.pt_total.patient_pays) == (D("100.00"), D("60.00"))


def test_the_out_of_pocket_maximum_stops_the_bills_and_the_plan_pays_the_rest() -> None:
    """Maximum 250 with 100 met: room 150 runs out at visit 3; after that the plan pays in full."""
    capped = plan(deductible_applies=False, pt_copay="60.00", oop_max="250.00")

    result = estimate(capped, care(pt=course(2, 2, "100.00")), so_far(oop_met="100.00"))

    # room 150: visit 1 pays 60 (90 left), visit 2 60 (30 left), visit 3 30 (0 left), visit 4 0
    assert [v.patient_pays for v in result.visits] == money("60.00", "60.00", "30.00", "0.00")
    assert [v.plan_pays for v in result.visits] == money("40.00", "40.00", "70.00", "100.00")
    (reached,) = [n for n in result.notices if n.kind is NoticeKind.OOP_MAX_REACHED]
    assert reached.visit_number == 3


def test_a_new_plan_year_starts_everything_again_from_zero() -> None:
    """A course across 1 January: deductible, visit counts and the pool start again."""
    yearly = plan(deductible="100.00", pt_visit_limit=12, combined_visit_limit=20)

    result = estimate(
        yearly,
        care(date(2026, 12, 21), pt=course(2, 3, "100.00")),
        so_far(deductible_met="100.00", pt_visits_used=10, other_pool_visits_used=10),
    )

    # 2026: deductible met already; PT places 12 - 10 = 2 and pool 20 - 20 = 0: no visit covered in December
    # Dec 21, 24, 28, 31 are self-pay at 100; 2027: Jan 4 pays the new 100 deductible, Jan 7 pays 0
    assert [v.date.day for v in result.visits] == [21, 24, 28, 31, 4, 7]
    assert [v.covered for v in result.visits] == [False, False, False, False, True, True]
    assert [v.to_deductible for v in result.visits] == money("0.00", "0.00", "0.00", "0.00", "100.00", "0.00")
    assert [v.plan_year_start for v in result.visits][-1] == date(2027, 1, 1)
    reset = [n for n in result.notices if n.kind is NoticeKind.PLAN_YEAR_RESET]
    assert [(n.visit_number, n.date) for n in reset] == [(5, date(2027, 1, 4))]
    assert kinds(result) == [
        NoticeKind.DEDUCTIBLE_ALREADY_MET,  # 100 of 100 met before the first visit
        NoticeKind.VISIT_LIMIT_REACHED,
        NoticeKind.PLAN_YEAR_RESET,
        NoticeKind.DEDUCTIBLE_MET,
    ]


def test_a_plan_year_starting_in_july_resets_on_1_july() -> None:
    """plan_year_start 07-01: a June-July course meets the deductible twice."""
    july = plan(plan_year_start="07-01", deductible="50.00")

    result = estimate(july, care(date(2026, 6, 29), pt=course(1, 2, "80.00")))

    # 29 Jun: 50 deductible + 0 coinsurance; 6 Jul: a new year, 50 deductible again
    assert [v.to_deductible for v in result.visits] == money("50.00", "50.00")
    assert NoticeKind.PLAN_YEAR_RESET in kinds(result)


def test_prior_authorization_is_due_after_the_planned_number_of_visits_counting_those_used() -> None:
    """auth_after_visits 12 with 10 PT visits used: needed before course visit 3; OT counts apart."""
    authorized = plan(auth_after_visits=12)

    result = estimate(authorized, care(ot=course(1, 2, "90.00"), pt=course(2, 2, "80.00")), so_far(pt_visits_used=10))

    auth = [n for n in result.notices if n.kind is NoticeKind.PRIOR_AUTHORIZATION]
    assert [(n.discipline, n.visit_number, n.date) for n in auth] == [("PT", 3, date(2026, 1, 12))]
    assert auth[0].message.startswith("Prior authorization needed before PT visit 3 on 12 Jan 2026")


def test_medicare_needs_the_kx_modifier_from_the_visit_that_passes_the_threshold() -> None:
    """Threshold 2480 with 2300 used: 84.75 a visit passes it at visit 3 (2554.25); 3000 at visit 9."""
    medicare = plan(payer_type="medicare", therapy_threshold="2480.00", pt_coinsurance_pct="20")

    result = estimate(medicare, care(pt=course(2, 5, "84.75")), so_far(pt_threshold_used="2300.00"))

    # 2300 + 2 x 84.75 = 2469.50 (not past); + 84.75 = 2554.25 > 2480 at visit 3
    # 2300 + 8 x 84.75 = 2978.00; + 84.75 = 3062.75 > 3000 at visit 9
    kx = [n for n in result.notices if n.kind is NoticeKind.THERAPY_THRESHOLD]
    review = [n for n in result.notices if n.kind is NoticeKind.MEDICAL_REVIEW]
    assert [(n.visit_number, n.date) for n in kx] == [(3, date(2026, 1, 12))]
    assert [n.visit_number for n in review] == [9]
    assert kx[0].message == (
        "Medicare needs the KX modifier from PT visit 3 on 12 Jan 2026: this year's PT allowed amounts "
        "pass the $2,480.00 therapy threshold. The therapist adds it to each claim to confirm the care is still "
        "medically necessary; with it, Medicare keeps paying as before."
    )


def test_ot_and_pt_have_separate_threshold_buckets() -> None:
    """OT's allowed amounts do not count toward PT's threshold."""
    medicare = plan(payer_type="medicare", therapy_threshold="150.00")

    result = estimate(medicare, care(ot=course(1, 1, "100.00"), pt=course(1, 2, "100.00")))

    # OT: 100, never past 150; PT: 100 then 200 > 150 at PT visit 2
    kx = [(n.discipline, n.visit_number) for n in result.notices if n.kind is NoticeKind.THERAPY_THRESHOLD]
    assert kx == [("PT", 2)]


def test_a_self_pay_plan_covers_nothing_and_says_so() -> None:
    """payer_type self_pay: every visit at its self-pay rate, the plan pays nothing."""
    self_pay = plan(payer_type="self_pay")

    result = estimate(self_pay, care(pt=course(1, 2, "90.00", self_pay_rate=D("75.00"))))

    assert [v.patient_pays for v in result.visits] == money("75.00", "75.00")
    assert result.plan_total == D("0.00")
    assert kinds(result) == [NoticeKind.SELF_PAY]


def test_a_referral_requirement_is_noticed_before_the_first_visit() -> None:
    """referral_required gives a notice dated on the first visit."""
    hmo = plan(referral_required=True)

    result = estimate(hmo, care(date(2026, 2, 2), ot=course(1, 1, "90.00")))

    assert [(n.kind, n.date, n.visit_number) for n in result.notices] == [
        (NoticeKind.REFERRAL_REQUIRED, date(2026, 2, 2), 1)
    ]


def test_more_deductible_met_than_the_plan_has_is_refused_with_a_plain_message() -> None:
    """Year-to-date figures above the plan's deductible or maximum raise YearToDateError."""
    small = plan(deductible="200.00", oop_max="500.00")

    with pytest.raises(YearToDateError, match=r"Deductible met \(\$300.00\) is more than .*\(\$200.00\)"):
        estimate(small, care(pt=course(1, 1, "80.00")), so_far(deductible_met="300.00", oop_met="300.00"))


def test_totals_add_up_per_discipline_and_overall() -> None:
    """The overall totals are the sum of the OT and PT totals."""
    split = plan(deductible="100.00", ot_coinsurance_pct="30", pt_coinsurance_pct="20", ot_visit_limit=2)

    result = estimate(split, care(ot=course(1, 3, "100.00"), pt=course(2, 2, "90.00")))

    assert result.ot_total is not None
    assert result.pt_total is not None
    assert result.total.patient_pays == result.ot_total.patient_pays + result.pt_total.patient_pays
    assert result.total.plan_pays == result.ot_total.plan_pays + result.pt_total.plan_pays
    assert (result.total.visits, result.total.not_covered_visits) == (7, 1)


def test_the_visit_table_has_the_contract_columns_with_exact_money() -> None:
    """The visit frame gives one row a visit with the documented columns and Decimal amounts."""
    result = estimate(plan(pt_copay="25.00", deductible_applies=False), care(pt=course(2, 1, "84.75")))

    frame = visit_frame(result)

    assert list(frame.columns) == [
        "date",
        "discipline",
        "allowed",
        "covered",
        "to_deductible",
        "copay",
        "coinsurance",
        "patient_pays",
        "plan_pays",
    ]
    assert frame["patient_pays"].tolist() == money("25.00", "25.00")
    assert all(isinstance(x, D) for x in frame["plan_pays"])


@pytest.mark.parametrize(
    ("fields", "kind", "sentence"),
    [
        ({"deductible_met": "283.00"}, NoticeKind.DEDUCTIBLE_ALREADY_MET, "Your deductible of $283.00 is already met"),
        # the maximum, once reached, is the one notice: the deductible no longer matters
        ({"deductible_met": "283.00", "oop_met": "1000.00"}, NoticeKind.OOP_MAX_ALREADY_REACHED,
         "Your out-of-pocket maximum of $1,000.00 is already reached"),
    ],
)  # fmt: skip
def test_figures_that_already_meet_the_deductible_or_maximum_are_said_before_the_first_visit(
    fields: dict[str, str], kind: NoticeKind, sentence: str
) -> None:
    """A patient whose deductible or maximum is already met is told so, dated on the first visit."""
    capped = plan(deductible="283.00", oop_max="1000.00", pt_coinsurance_pct="20")

    result = estimate(capped, care(pt=course(1, 2, "84.75")), so_far(**fields))

    first = result.notices[0]
    assert (first.kind, first.date, first.visit_number) == (kind, date(2026, 1, 5), 1)
    assert first.message.startswith(sentence)
    assert [n.kind for n in result.notices].count(kind) == 1
