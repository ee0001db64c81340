"""The visits the engine makes without validating them again are the visits validation would make."""

from __future__ import annotations

import typing
from decimal import Decimal

from hypothesis import given, reject, settings
from hypothesis import strategies as st

from coverage import Plan, estimate
from coverage.engine.secondary import Secondary
from coverage.engine.visit_cost import VisitCost, VisitFields
from coverage.fees.problems import FeeScheduleError
from tests.builders import care, course
from tests.engine.test_compare_plans import PRICED_FEES
from tests.strategies import scenarios, secondaries, with_codes


def test_the_fields_the_engine_writes_are_every_field_of_a_visit_in_order_with_its_type() -> None:
    """VisitFields and VisitCost declare the same names, in the same order, with the same types."""
    declared = {name: field.annotation for name, field in VisitCost.model_fields.items()}

    assert list(typing.get_type_hints(VisitFields)) == list(declared)
    assert typing.get_type_hints(VisitFields) == declared


@settings(max_examples=120)
@given(scenarios(max_weeks=6), st.data(), st.none() | secondaries())
def test_every_visit_of_an_estimate_equals_its_strictly_validated_self(
    scenario: tuple, data: st.DataObject, secondary: Secondary | None
) -> None:
    """Each visit, priced from codes or typed, with a second insurance or none, passes strict validation unchanged."""
    plan, typed, so_far = scenario
    care_plan = data.draw(with_codes(typed))
    try:
        result = estimate(plan, care_plan, so_far, secondary=secondary, fees=PRICED_FEES)
    except FeeScheduleError:
        reject()  # a code the plan's schedule cannot price: no visits to check

    for visit in result.visits:
        validated = VisitCost.model_validate(dict(visit), strict=True)
        assert validated == visit
        assert validated.model_dump() == visit.model_dump()
        assert repr(validated) == repr(visit)


def test_a_copy_of_a_worked_out_visit_with_a_change_leaves_the_visit_as_it_was() -> None:
    """model_copy(update=...) on an engine visit changes the copy only, however many visits share its field set."""
    plan = Plan.model_validate({"plan_id": "p", "plan_name": "P", "payer_type": "commercial"})
    first, second = estimate(plan, care(pt=course(2, 1, "80.00"))).visits

    copy = first.model_copy(update={"secondary_pays": Decimal("5.00")})

    assert (copy.secondary_pays, first.secondary_pays, second.secondary_pays) == (Decimal("5.00"), 0, 0)
    assert first.model_fields_set == second.model_fields_set == set(VisitCost.model_fields)
