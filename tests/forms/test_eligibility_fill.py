"""Importing a 271 into the estimate form: untouched fields fill, typed ones stay, conflicts wait for staff."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import pytest

from coverage.eligibility import fill_from_271
from coverage.eligibility.estimate_fill import FAMILY_FIELDS, EstimateFill
from coverage.forms import eligibility_fill
from coverage.forms.eligibility_fill import (
    FieldState,
    choose,
    field_label,
    field_state,
    import_response,
    untouched_values,
)
from coverage.forms.request import OWN_PLAN
from coverage.forms.verification import EligibilityResponse
from tests.dashboard_helpers import PLANS
from tests.eligibility.x12_builders import fixture_text

INDIVIDUAL = "pt-ot-individual-in-network.271"
FAMILY = "ot-pt-family-dependent.271"
HMO = "pt-ot-hmo-authorization.271"
CATALOG_PLAN = "medicare-b-2026"


def _fill(name: str) -> EstimateFill:
    return fill_from_271(fixture_text(name))


def _own_form(**typed: Any) -> dict[str, Any]:
    """The form with "Enter my plan's numbers" picked and nothing typed but ``typed``."""
    return {"plan": OWN_PLAN, **untouched_values(OWN_PLAN, list(PLANS.values())), **typed}


def _import(name: str, form: dict[str, Any], **options: Any) -> eligibility_fill.EligibilityImport:
    untouched = untouched_values(str(form["plan"]), list(PLANS.values()))
    return import_response(_fill(name), form, untouched=untouched, **options)


def test_an_untouched_form_takes_every_figure_the_response_gives_as_the_form_holds_it() -> None:
    """Amounts and percentages as text, visits as whole numbers; the own plan also takes the plan's name."""
    imported = _import(INDIVIDUAL, _own_form())

    assert imported.values_to_fill() == {
        "plan_name": "ACME CHOICE PPO 1500",
        "deductible": "1500.00",
        "oop_max": "4000.00",
        "ot_copay": "25.00",
        "pt_copay": "30.00",
        "ot_coinsurance_pct": "0",  # stated as zero: filled as zero
        "pt_coinsurance_pct": "20",  # EB08 .2
        "ot_visit_limit": 20,
        "pt_visit_limit": 20,
        "deductible_met": "400.00",  # 1500.00 - 1100.00 remaining
        "oop_met": "749.50",  # 4000.00 - 3250.50 remaining
        "ot_visits_used": 5,
        "pt_visits_used": 6,
    }


def test_a_picked_plan_takes_the_figures_as_changes_and_keeps_its_name() -> None:
    """With a plan from the list, its fields are overridden by the response's; its name stays."""
    form = {"plan": CATALOG_PLAN, **untouched_values(CATALOG_PLAN, list(PLANS.values()))}

    values = _import(INDIVIDUAL, form).values_to_fill()

    assert "plan_name" not in values
    assert values["deductible"] == "1500.00"


def test_a_value_typed_before_the_import_stays_and_is_listed_beside_the_files() -> None:
    """Deductible met typed after a phone call (500) wins over the file's 400.00; the field says so."""
    imported = _import(INDIVIDUAL, _own_form(deductible_met="500"))

    (met,) = [f for f in imported.fields if f.key == "deductible_met"]

    assert "deductible_met" not in imported.values_to_fill()
    assert (met.kept_staff_value, met.staff_value, met.value) == (True, "500", "400.00")
    assert field_state(met, "500") is FieldState.KEPT


def test_staff_may_let_the_file_replace_the_values_they_typed() -> None:
    """With replace_typed the file's 400.00 replaces the typed 500."""
    imported = _import(INDIVIDUAL, _own_form(deductible_met="500"), replace_typed=True)

    assert imported.values_to_fill()["deductible_met"] == "400.00"


def test_a_typed_value_equal_to_the_files_is_filled_not_kept() -> None:
    """'400' typed and '400.00' in the file are one figure: the field is filled, with its sources."""
    imported = _import(INDIVIDUAL, _own_form(deductible_met="400"))

    assert imported.values_to_fill()["deductible_met"] == "400.00"


def test_a_re_import_refills_the_fields_it_filled_and_keeps_the_ones_staff_changed_since() -> None:
    """The second import sees PT copay changed from the first import's 30.00 to 35 and leaves it; the rest refill."""
    first = _import(INDIVIDUAL, _own_form())
    form = _own_form(**first.values_to_fill()) | {"pt_copay": "35"}

    again = _import(INDIVIDUAL, form, last_import=first.values_to_fill())

    assert "pt_copay" not in again.values_to_fill()
    assert again.values_to_fill() == {k: v for k, v in first.values_to_fill().items() if k != "pt_copay"}


def test_a_field_still_showing_the_last_imports_value_takes_the_new_files() -> None:
    """Deductible 1500.00 from the first file is not staff's: the second file's 1000.00 replaces it."""
    first = _import(INDIVIDUAL, _own_form())

    again = _import(FAMILY, _own_form(**first.values_to_fill()), last_import=first.values_to_fill())

    assert again.values_to_fill()["deductible"] == "1000.00"


def test_a_conflict_fills_nothing_until_staff_choose_one_of_its_values() -> None:
    """Two PT copays (40.00, 45.00): not filled; choosing the second fills 45.00 with its own source."""
    imported = _import(HMO, _own_form())

    chosen = choose(imported, "pt_copay", 1)

    assert "pt_copay" not in imported.values_to_fill()
    assert [(c.key, [o.value for o in c.options]) for c in imported.conflicts] == [
        ("pt_copay", ["40.00", "45.00"]),
        ("auth_after_visits", [12, 0]),
    ]
    assert chosen.values_to_fill()["pt_copay"] == "45.00"
    assert chosen.imported()["pt_copay"].sources == (
        "PT co-payment, in network: EB*B*IND*PT*HM**27*45*****Y + III*ZZ*22",
    )
    assert "pt_copay" not in choose(chosen, "pt_copay", None).values_to_fill()


def test_the_family_figures_wait_until_the_form_has_their_fields() -> None:
    """Without issue 14's fields they are listed as not on the form; once the form has them, they fill."""
    missing = FAMILY_FIELDS - eligibility_fill.FILLABLE

    imported = _import(FAMILY, _own_form())

    assert {f.key for f in imported.not_on_form} == missing
    assert not missing & set(imported.values_to_fill())


def test_a_family_field_the_form_has_is_filled(monkeypatch: pytest.MonkeyPatch) -> None:
    """With the family fields on the form (as issue 14 adds them), the family deductible met is filled."""
    monkeypatch.setattr(eligibility_fill, "FILLABLE", eligibility_fill.FILLABLE | FAMILY_FIELDS)

    values = _import(FAMILY, _own_form()).values_to_fill()

    assert values["family_deductible"] == "3000.00"
    assert values["family_deductible_met"] == "2200.00"  # 3000.00 - 800.00 remaining


def test_the_import_names_the_response_by_its_payer_date_and_trace_number() -> None:
    """The verification record's reference: ACME HEALTH PLAN, 5 Jan 2026, TRN RVT-20260105-0001."""
    assert _import(INDIVIDUAL, _own_form()).response == EligibilityResponse(
        payer_name="ACME HEALTH PLAN", response_date=date(2026, 1, 5), trace_number="RVT-20260105-0001"
    )


def test_the_import_holds_no_name_birth_date_or_member_id() -> None:
    """Pickled whole (as a session could be), the import carries none of the member's details."""
    stored = pickle.dumps(_import(INDIVIDUAL, _own_form()))

    assert [secret for secret in (b"RIVERA", b"DANA", b"ACM448812301", b"19850314") if secret in stored] == []


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("deductible_met", "Deductible met so far"),  # the year-so-far section's label
        ("pt_copay", "PT copay per visit"),  # the plan field's page label
        ("family_oop_max", "Family out-of-pocket maximum"),  # a plan field from the registry (issue 14)
        ("no_such_field", "No such field"),  # a key the form does not have: its name in words
    ],
)
def test_each_field_is_named_as_the_page_labels_it(key: str, label: str) -> None:
    """The list under the import uses the labels staff see on the form."""
    assert field_label(key) == label
