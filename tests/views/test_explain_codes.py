"""'How was this visit figured?' starts from the codes of a visit priced from them; the codes' plain names."""

from __future__ import annotations

from decimal import Decimal

from coverage import CarePlan, Course, estimate
from coverage.engine.billed_services import code_label
from coverage.engine.care import MedicareParticipation
from coverage.fees.clinic_schedule import parse_fee_schedules_csv
from coverage.fees.course_pricing import FeeSources
from coverage.views.code_names import CODE_NAMES, code_name
from coverage.views.explain import explain_visit
from coverage.views.priced_codes import fee_schedule_words, priced_kinds
from tests.builders import plan
from tests.priced_scenarios import START, alabama, medicare_schedule, national, priced_pt_estimate
from tests.printout_scenarios import catalog_plan


def test_a_priced_visit_is_explained_from_its_codes_then_the_deductible_and_coinsurance() -> None:
    """PT visit 2: three lines (26.83, 20.79, 19.72), their 67.34, then 8.68 to the deductible and 20 % of 58.66."""
    # Deductible 100.00: the evaluation took 91.32, so 8.68 is left; 67.34 - 8.68 = 58.66; 20 % = 11.732 -> 11.73.
    result = priced_pt_estimate()
    source = result.prices.source  # type: ignore[union-attr]

    lines = explain_visit(result, 1)

    assert lines[0] == f"PT visit 2 on 8 Jan 2026 is priced from its service codes on {source}:"
    assert lines[1].startswith(
        "97110 (Therapeutic exercise, each 15 minutes), 1 unit: $26.83, from 1 x $26.83 at ALABAMA (10112-00): "
        "(0.45 x 1 + 0.43 x 0.869 + 0.01 x 0.575) x 32.3465 = 26.83"
    )
    assert lines[2].startswith("97110 (Therapeutic exercise, each 15 minutes), 1 unit: $20.79, from 1 x $20.79")
    assert "MPPR" in lines[2]
    assert lines[3].startswith("97140 (Manual therapy, each 15 minutes), 1 unit: $19.72, from 1 x $19.72")
    assert lines[4] == "The codes add up to $67.34: the plan's allowed amount."
    assert lines[5] == "Before this visit $8.68 of your deductible was left; $8.68 of this visit goes toward it."
    assert lines[7] == "Coinsurance: 20% of the $58.66 left = $11.73."
    assert lines[-1] == "You pay $8.68 + $0.00 + $11.73 = $20.41. The plan pays $67.34 - $20.41 = $46.93."


def test_with_no_locality_the_explanation_names_medicares_national_amounts() -> None:
    """No locality: the first line says Medicare's national amounts were used, every GPCI 1."""
    lines = explain_visit(priced_pt_estimate(fees=national()), 1)

    assert lines[0].startswith(
        "PT visit 2 on 8 Jan 2026 is priced from its service codes on Medicare's national amounts "
        "(no Medicare locality was set, so every GPCI is 1): Medicare's fee schedule, national amounts"
    )
    assert lines[4] == "The codes add up to $71.32: the plan's allowed amount."  # 28.79 + 21.83 + 20.70


def test_a_typed_rate_visit_keeps_its_one_line_allowed_amount() -> None:
    """A typed visit rate beside priced evaluation codes: the evaluation starts from 97162, the visit as before."""
    result = priced_pt_estimate(visit_rate=Decimal("84.75"))

    assert explain_visit(result, 0)[1].startswith("97162 (PT evaluation, moderate complexity), 1 unit: $91.32")
    assert explain_visit(result, 1)[0] == "PT visit 2 on 8 Jan 2026: the plan's allowed amount is $84.75."


def test_a_clinic_schedule_under_non_participating_medicare_explains_the_95_percent() -> None:
    """A clinic's 40.00 a unit: 97110 x2 and 97140 = 120.00, and 95 % of it, 114.00, is the allowed amount."""
    schedules = parse_fee_schedules_csv(
        "schedule_id,code,modifier,rate,notes\nacme-2026,97110,,40.00,\nacme-2026,97140,,40.00,\nacme-2026,97162,,90.00,\n"
    )
    medicare = catalog_plan("medicare-b-2026").model_copy(update={"fee_schedule": "acme-2026"})
    care = CarePlan(
        start_date=START,
        pt=Course(visits_per_week=1, weeks=1, services="97110x2,97140"),
        medicare_participation=MedicareParticipation.NON_PARTICIPATING,
    )
    result = estimate(medicare, care, fees=FeeSources(medicare_schedule(), schedules))

    lines = explain_visit(result, 0)

    assert lines[1] == (
        "97110 (Therapeutic exercise, each 15 minutes), 2 units: $80.00, from 2 x fee schedule 'acme-2026': "
        "97110 at $40.00 a unit."
    )
    assert lines[3] == (
        "The codes add up to $120.00; the clinic does not take part in Medicare, so the plan's allowed amount "
        "is 95 % of it: $114.00."
    )


def test_each_kind_of_visit_is_named_by_its_therapy_and_the_day_it_shares() -> None:
    """PT twice a week, OT on Mondays: an OT visit beside the PT evaluation prices apart from one beside a PT visit."""
    # 5 Jan: OT with the PT evaluation (97162 has the day's highest PE, 1.45: every OT unit is reduced,
    # 97530 2 x 23.13 + 97535 22.19 = 68.45); 12 Jan: OT with PT (97530's PE 0.62 is the day's highest:
    # 31.85 + 23.13 + 22.19 = 77.17, and every PT unit reduced: 97110 2 x 20.79 + 97140 19.72 = 61.30).
    care = CarePlan(
        start_date=START,
        pt=Course(visits_per_week=2, weeks=2, services="97110x2,97140", eval_services="97162"),
        ot=Course(visits_per_week=1, weeks=2, services="97530x2,97535"),
    )
    result = estimate(plan(fee_schedule="medicare"), care, fees=alabama())

    kinds = [(k.label, k.visits, k.amount) for k in priced_kinds(result)]

    assert kinds == [
        ("OT visit, same day as the PT evaluation", 1, Decimal("68.45")),
        ("OT visit, same day as PT", 1, Decimal("77.17")),
        ("PT evaluation, same day as OT", 1, Decimal("91.32")),
        ("PT visit", 2, Decimal("67.34")),
        ("PT visit, same day as OT", 1, Decimal("61.30")),
    ]


def test_a_visit_beside_the_other_therapys_typed_rate_is_named_as_priced_alone() -> None:
    """OT at a typed rate takes no part in the day's pricing: every PT visit is one kind, 'PT visit', at 67.34."""
    care = CarePlan(
        start_date=START,
        pt=Course(visits_per_week=2, weeks=2, services="97110x2,97140"),
        ot=Course(visits_per_week=1, weeks=2, visit_rate=Decimal("101.24")),
    )
    result = estimate(plan(fee_schedule="medicare"), care, fees=alabama())

    kinds = [(k.label, k.visits, k.amount) for k in priced_kinds(result)]

    assert kinds == [("PT visit", 4, Decimal("67.34"))]  # 26.83 + 20.79 + 19.72, on Mondays with OT too


def test_every_code_of_the_shipped_fee_schedule_has_a_plain_name() -> None:
    """Each of the 104 codes of coverage/fees/data has its own name; an unknown code shows as itself."""
    missing = sorted(code for code in medicare_schedule().codes if code not in CODE_NAMES)

    assert missing == []
    assert code_name("99999") == "99999"
    assert code_name("97112") == "Neuromuscular re-education, each 15 minutes"
    assert code_name("97140", "co") == "Manual therapy, each 15 minutes, by an OT assistant"
    assert code_label("97110", "CQ") == "97110-CQ"


def test_the_fee_schedule_words_say_national_only_without_a_locality() -> None:
    """With a locality the words are the source itself; without, they start 'Medicare's national amounts'."""
    local = priced_pt_estimate().prices
    whole_country = priced_pt_estimate(fees=national()).prices
    assert local is not None
    assert whole_country is not None

    assert fee_schedule_words(local) == local.source
    assert fee_schedule_words(whole_country).startswith("Medicare's national amounts")
