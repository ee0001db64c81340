"""A 271 fills the estimate form's plan fields and figures so far, each with its source, conflicts kept apart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from coverage.eligibility.estimate_fill import FAMILY_FIELDS, PLAN_COLUMNS, SO_FAR_FIELDS, EstimateFill, estimate_fill
from coverage.eligibility.reader import read_eligibility
from coverage.engine.care import Accumulators, CarePlan, Course
from coverage.engine.course_estimate import estimate
from coverage.engine.plans import Plan
from tests.eligibility.x12_builders import PUBLIC_271, all_271_files, fixture_text

INDIVIDUAL = "pt-ot-individual-in-network.271"
FAMILY = "ot-pt-family-dependent.271"
HMO = "pt-ot-hmo-authorization.271"
OON = "ot-out-of-network.271"


def _fill(name: str) -> EstimateFill:
    return estimate_fill(read_eligibility(fixture_text(name)))


# Hand-worked from each fixture's EB lines; the arithmetic is in the comments.
EXPECTED = {
    INDIVIDUAL: (
        {
            "deductible": D("1500.00"),
            "oop_max": D("4000.00"),
            "ot_copay": D("25.00"),
            "pt_copay": D("30.00"),
            "ot_coinsurance_pct": D(0),  # EB08 0: stated as zero, filled as zero
            "pt_coinsurance_pct": D(20),  # EB08 .2 = 20 %
            "ot_visit_limit": 20,  # HSD*VS*20***22
            "pt_visit_limit": 20,
        },
        {
            "deductible_met": D("400.00"),  # 1500.00 - 1100.00 remaining
            "oop_met": D("749.50"),  # 4000.00 - 3250.50 remaining
            "ot_visits_used": 5,  # 20 - 15 remaining (HSD*VS*15***29)
            "pt_visits_used": 6,  # 20 - 14 remaining
        },
    ),
    FAMILY: (
        {
            "deductible": D("1000.00"),
            "oop_max": D("5000.00"),
            "ot_copay": D("35.00"),
            "pt_coinsurance_pct": D(10),
            "combined_visit_limit": 30,  # HSD*VS*30***23 on PT^AD^AF, "COMBINED" in its message
            "family_deductible": D("3000.00"),
            "family_oop_max": D("10000.00"),
            "oon_covered": True,  # PT/OT cost sharing stated with EB12 N
            "oon_deductible": D("2500.00"),
            "oon_oop_max": D("10000.00"),
            "oon_ot_copay": D("0.00"),  # stated as zero
            "oon_ot_coinsurance_pct": D(40),
            "oon_pt_coinsurance_pct": D(40),
        },
        {
            "deductible_met": D("250.00"),  # EB06 24: year to date is met as stated
            "oop_met": D("600.00"),  # EB06 24
            "other_pool_visits_used": 9,  # shared 30 - 21 remaining = 9; PT/OT split not given
            "oon_deductible_met": D("0.00"),  # 2500.00 - 2500.00 remaining
            "oon_oop_met": D("0.00"),  # EB06 24 of 0
            "family_deductible_met": D("2200.00"),  # 3000.00 - 800.00 remaining
            "family_oop_met": D("2874.75"),  # 10000.00 - 7125.25 remaining
        },
    ),
    HMO: (
        {
            "deductible": D("0.00"),  # stated as zero
            "oop_max": D("3000.00"),
            "ot_copay": D("40.00"),
            "pt_coinsurance_pct": D(10),  # physical medicine (AE) .1, as PT gives no co-insurance of its own
            "ot_visit_limit": 24,
            "pt_visit_limit": 24,
            "referral_required": True,  # "REFERRAL REQUIRED FROM PRIMARY CARE PHYSICIAN"
        },
        {"oop_met": D("0.00"), "ot_visits_used": 0},  # 3000.00 - 3000.00; 24 - 24
    ),
    OON: (
        {
            "deductible": D("750.00"),  # EB12 W: in and out of network
            "ot_copay": D("20.00"),
            "oon_covered": True,
            "oon_deductible": D("750.00"),  # the same W line
            "oon_ot_copay": D("60.00"),
        },
        {"deductible_met": D("0.00"), "oon_deductible_met": D("0.00")},  # 750.00 - 750.00 remaining, W
    ),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_fixture_fills_the_hand_worked_fields(name: str) -> None:
    """Every plans.csv column and figure so far a fixture states is filled with the hand-worked value."""
    fill = _fill(name)

    plan, so_far = EXPECTED[name]

    assert fill.plan_values() == plan
    assert fill.so_far_values() == so_far


def test_every_filled_name_is_a_plans_column_or_a_figure_so_far_or_issue_14s_family_field() -> None:
    """The names are the engine's own (Plan, Accumulators) or the family fields issue 14 adds."""
    known = set(Plan.model_fields) | set(Accumulators.model_fields) | FAMILY_FIELDS
    names = {n for fill in map(_fill, EXPECTED) for n in (*fill.plan_values(), *fill.so_far_values())}

    assert names <= known
    assert set(PLAN_COLUMNS) <= set(Plan.model_fields) | FAMILY_FIELDS
    assert set(SO_FAR_FIELDS) <= set(Accumulators.model_fields) | FAMILY_FIELDS


def test_a_field_given_twice_with_different_values_is_a_conflict_for_staff() -> None:
    """Two PT copays, and authorization after 12 PT visits against OT's from the first, are listed, not picked."""
    fill = _fill(HMO)

    conflicts = {c.name: [(o.value, o.sources) for o in c.options] for c in fill.conflicts}

    assert conflicts == {
        "pt_copay": [
            (D("40.00"), ("PT co-payment, in network: EB*B*IND*PT*HM**27*40*****Y + III*ZZ*11",)),
            (D("45.00"), ("PT co-payment, in network: EB*B*IND*PT*HM**27*45*****Y + III*ZZ*22",)),
        ],
        "auth_after_visits": [
            (
                12,
                (
                    "PT authorization, in network: read from the message: "
                    "'PRIOR AUTHORIZATION REQUIRED AFTER 12 VISITS' (EB*F*IND*PT*HM**23***VS*24*Y*Y)",
                ),
            ),
            (0, ("OT authorization, in network: EB*B*IND*AD*HM**27*40****Y*Y",)),  # EB11 Y: from the first visit
        ],
    }
    assert "pt_copay" not in fill.plan_values()


def test_a_met_figure_names_the_arithmetic_and_both_lines() -> None:
    """Deductible met from a remaining figure reads 'amount minus left = met' and quotes both EB lines."""
    (met,) = [f for f in _fill(INDIVIDUAL).so_far if f.name == "deductible_met"]

    assert met.sources == (
        "1500.00 minus 1100.00 remaining = 400.00: Plan deductible, in network: EB*C*IND*30*PR**23*1500*****Y; "
        "Plan deductible remaining, in network: EB*C*IND*30*PR**29*1100*****Y",
    )


def test_the_pooled_limit_from_the_message_is_shown_as_read_from_the_message() -> None:
    """The combined limit lists the HSD line and the message it also read, in words."""
    (combined,) = [f for f in _fill(FAMILY).plan if f.name == "combined_visit_limit"]

    assert combined.sources[1] == (
        "Shared visit limit, in and out of network: read from the message: "
        "'PT/OT/ST COMBINED 30 VISITS PER CALENDAR YEAR' (EB|F|IND|PT{AD{AF|PR||||||||W)"
    )


def test_the_shared_limits_used_visits_go_to_other_pool_visits_used_and_say_why() -> None:
    """With the split not given, 30 - 21 = 9 used visits are placed in other_pool_visits_used, with the reason."""
    (pool,) = [f for f in _fill(FAMILY).so_far if f.name == "other_pool_visits_used"]

    assert pool.value == 9
    assert pool.sources[0].startswith(
        "30 minus 21 remaining = 9 visits of the shared limit used, less 0 given for PT and OT "
        "(the split is not given, so they are placed here)"
    )


@pytest.mark.parametrize(
    ("name", "unmapped"),
    [
        (INDIVIDUAL, ["EB*B*IND*98*PR**27*20*****Y"]),
        (FAMILY, ["EB|C|FAM|30|PR||23|5000|||||N"]),  # no out-of-network family field
        (HMO, []),
        (
            OON,
            [
                "EB*F*IND*PT^AD*PR**22***VS*60**Y",
                "EB*F*IND*AD*PR**23***DY*30**Y",
                "EB*G*IND*30*PR**32*1000000*****Y",
                "EB*B*IND*AF*PR**27*20*****Y",  # speech therapy: read, but no estimate field takes it
            ],
        ),
    ],
)
def test_every_line_the_form_does_not_use_is_listed(name: str, unmapped: list[str]) -> None:
    """Lines nothing was read from and lines no field takes are listed with their EB segment."""
    assert [u.line.text for u in _fill(name).unmapped] == unmapped


@pytest.mark.parametrize("path", [p for p in all_271_files() if p.parent == PUBLIC_271 and "error" not in p.name])
def test_the_public_examples_fill_nothing_and_list_every_benefit_line(path: object) -> None:
    """The public examples have no PT or OT lines: nothing is filled, and each of their four other lines is listed."""
    fill = estimate_fill(read_eligibility(path.read_text(encoding="utf-8")))  # type: ignore[attr-defined]

    assert fill.plan == fill.so_far == fill.conflicts == ()
    assert [u.line.code for u in fill.unmapped] == ["L", "1", "B", "B"]


def test_the_imported_figures_give_the_same_estimate_as_the_same_figures_typed_by_hand() -> None:
    """Plan and figures so far from the individual fixture estimate to the cent what the typed form does."""
    fill = _fill(INDIVIDUAL)
    typed_plan = Plan(
        plan_id="typed", plan_name="Typed", payer_type="commercial", deductible="1500", oop_max="4000",
        ot_copay="25", pt_copay="30", ot_coinsurance_pct="0", pt_coinsurance_pct="20", ot_visit_limit=20,
        pt_visit_limit=20,
    )  # fmt: skip
    typed_so_far = Accumulators(deductible_met="400", oop_met="749.50", ot_visits_used=5, pt_visits_used=6)
    care = CarePlan(
        start_date=date(2026, 1, 5),
        pt=Course(visits_per_week=2, weeks=8, visit_rate="140", eval_rate="210"),
        ot=Course(visits_per_week=1, weeks=6, visit_rate="130"),
    )

    imported = estimate(typed_plan.model_copy(update=fill.plan_values()), care, Accumulators(**fill.so_far_values()))
    by_hand = estimate(typed_plan, care, typed_so_far)

    assert imported.patient_total == by_hand.patient_total
    assert [v.patient_pays for v in imported.visits] == [v.patient_pays for v in by_hand.visits]
