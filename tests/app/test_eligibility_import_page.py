"""The front desk imports the payer's eligibility response (271) on the estimate page (issue 15), through the router."""

from __future__ import annotations

import logging
import pickle
from decimal import Decimal
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from coverage.forms.eligibility_fill import FILLABLE
from coverage.forms.request import OWN_PLAN
from tests.dashboard_helpers import APP, START, plain
from tests.eligibility.test_estimate_fill import EXPECTED, FAMILY, HMO, INDIVIDUAL, OON
from tests.eligibility.x12_builders import FIXTURES, fixture_text

SHOW_IMPORT, PASTE, IMPORT = "show_eligibility_import", "eligibility_paste", "eligibility_import"
#: Dana Rivera of the individual fixture, in every form the page could show or keep her details.
PRIVATE = ("RIVERA", "DANA", "ACM448812301", "19850314", "14 Mar 1985", "1985-03-14")
#: The HMO fixture's conflicts, and the values staff choose for them (the first option of each).
HMO_CHOICES = {"pt_copay": "40.00", "auth_after_visits": 12}
WIDGETS = ("text_input", "number_input", "checkbox", "radio", "toggle", "selectbox", "text_area")


def _page(plan: str = OWN_PLAN) -> AppTest:
    """The estimate page on 5 Jan 2026 with PT and OT on, ``plan`` picked and the import section open."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.date_input(key="start_date").set_value(START)
    at.toggle(key="ot").set_value(True)
    at.selectbox(key="plan").set_value(plan)
    at.session_state[SHOW_IMPORT] = True
    return at.run()


def _paste(at: AppTest, name: str) -> AppTest:
    at.text_area(key=PASTE).set_value(fixture_text(name))
    return at.button(key=IMPORT).click().run()


def _widget(at: AppTest, key: str) -> Any:
    found = [w for kind in WIDGETS for w in at.get(kind) if getattr(w, "key", None) == key]
    assert found, f"no widget keyed {key}"
    return found[0]


def _filled_list(at: AppTest) -> str:
    (shown,) = [plain(m.value) for m in at.markdown if "Filled from the response" in m.value]
    return shown


def _as_typed(value: Decimal | int | bool) -> str | int | bool:
    return format(value, "f") if isinstance(value, Decimal) else value


def _typed_by_hand(name: str) -> dict[str, str | int | bool]:
    """The hand-worked figures of a fixture (tests/eligibility/test_estimate_fill.py), as staff type them."""
    plan, so_far = EXPECTED[name]
    typed = {key: _as_typed(value) for key, value in (*plan.items(), *so_far.items()) if key in FILLABLE}
    return typed | (HMO_CHOICES if name == HMO else {})


def _type_in(at: AppTest, values: dict[str, str | int | bool]) -> AppTest:
    """Type ``values`` into their widgets; the out-of-network switch first, as it brings its fields up."""
    if "oon_covered" in values:
        _widget(at, "oon_covered").set_value(values["oon_covered"])
        at.run()
    for key, value in values.items():
        _widget(at, key).set_value(value)
    return at.run()


def _secrets_in(text: str) -> list[str]:
    return [secret for secret in PRIVATE if secret.lower() in text.lower()]


def _session_leaks(at: AppTest) -> list[str]:
    """The session keys whose values (pickled whole, with fields a repr leaves out) carry the member's details."""
    leaks = []
    for key, value in at.session_state.items():
        try:
            kept = pickle.dumps(value).decode("latin-1")
        except (pickle.PicklingError, TypeError, AttributeError):
            kept = repr(value)
        if _secrets_in(kept):
            leaks.append(key)
    return leaks


def test_importing_a_271_fills_the_plan_and_the_figures_so_far_and_lists_each_source() -> None:
    """The pasted individual response fills the own plan's numbers and the year so far, each with its EB line."""
    at = _paste(_page(), INDIVIDUAL)

    listed = _filled_list(at)

    assert not at.exception
    assert [at.session_state[k] for k in ("deductible", "pt_copay", "pt_coinsurance_pct", "ot_visit_limit")] == [
        "1500.00",
        "30.00",
        "20",
        20,
    ]
    assert [at.session_state[k] for k in ("deductible_met", "oop_met", "pt_visits_used", "ot_visits_used")] == [
        "400.00",
        "749.50",
        6,
        5,
    ]
    assert "**PT copay per visit**: $30.00. From PT co-payment, in network: EB*B*IND*PT*PR**27*30*****Y" in listed
    assert "Deductible met so far**: $400.00. From 1500.00 minus 1100.00 remaining = 400.00" in listed
    assert at.session_state["show_plan_rules"]
    assert at.session_state["show_so_far"]
    assert "trace number RVT-20260105-0001" in plain(at.success[0].value)


def test_an_uploaded_271_is_read_and_its_file_dropped_from_the_session() -> None:
    """The upload fills the form like a paste; the uploader is replaced, so the file is no longer in the session."""
    at = _page()
    data = (FIXTURES / INDIVIDUAL).read_bytes()

    at.file_uploader(key="eligibility_file_0").upload(INDIVIDUAL, data, "text/plain")
    at.button(key=IMPORT).click().run()

    assert not at.exception
    assert at.session_state["pt_copay"] == "30.00"
    assert "eligibility_file_0" not in at.session_state
    assert at.session_state["eligibility_file_1"] is None


def test_a_picked_plans_fields_are_overridden_and_the_estimate_uses_them() -> None:
    """With a plan from the list, the response's copay replaces the plan's for this estimate."""
    at = _paste(_page("medicare-b-2026"), INDIVIDUAL)

    assert not at.exception
    assert at.session_state["estimate_request"].plan.pt_copay == Decimal("30.00")
    assert at.session_state["estimate_request"].plan_choice == "medicare-b-2026"


@pytest.mark.parametrize("name", [INDIVIDUAL, FAMILY, HMO, OON])
def test_the_estimate_from_an_import_equals_the_estimate_from_the_same_figures_typed(name: str) -> None:
    """In and out of network, importing a fixture estimates to the cent what typing its hand-worked figures does."""
    imported = _paste(_page(), name)
    for key, value in (HMO_CHOICES if name == HMO else {}).items():  # staff choose between the conflicting values
        assert str(value) in plain(imported.radio(key=f"eligibility_conflict_{key}").options[0])
        imported.radio(key=f"eligibility_conflict_{key}").set_value(0).run()
    typed = _page()
    typed.session_state["show_plan_rules"] = typed.session_state["show_so_far"] = True
    _type_in(typed.run(), _typed_by_hand(name) | {"plan_name": imported.session_state["plan_name"]})

    results = []
    for in_network in (True, False):
        for at in (imported, typed):
            at.radio(key="in_network").set_value(in_network).run()
        results.append((imported.session_state["estimate"], typed.session_state["estimate"]))

    assert not imported.exception
    assert not typed.exception
    for by_import, by_hand in results:
        assert by_import.patient_total == by_hand.patient_total
        assert [v.patient_pays for v in by_import.visits] == [v.patient_pays for v in by_hand.visits]
        assert by_import == by_hand


def test_a_conflict_is_shown_as_a_choice_and_fills_nothing_until_staff_choose() -> None:
    """The HMO's two PT copays are a radio with no value picked; the field keeps its value until one is chosen."""
    at = _paste(_page(), HMO)
    radio = at.radio(key="eligibility_conflict_pt_copay")

    picked, before = radio.value, at.session_state["pt_copay"]
    radio.set_value(1).run()

    assert picked is None
    assert [plain(o).split(", from")[0] for o in radio.options] == ["$40.00", "$45.00"]
    assert before == "0.00"  # the template's, untouched
    assert at.session_state["pt_copay"] == "45.00"
    assert "auth_after_visits" not in at.session_state["_eligibility_imported"].values_to_fill()


def test_a_re_import_keeps_what_staff_changed_after_the_first_import() -> None:
    """PT copay edited to 35 after a phone call survives importing the same response again; the list says so."""
    at = _paste(_page(), INDIVIDUAL)
    at.session_state["show_plan_rules"] = True
    at.text_input(key="pt_copay").set_value("35").run()

    _paste(at, INDIVIDUAL)

    assert not at.exception
    assert at.session_state["pt_copay"] == "35"
    assert at.session_state["deductible"] == "1500.00"
    assert "PT copay per visit**: $35.00 (your value, kept; the response says $30.00)" in _filled_list(at)
    assert at.session_state["estimate_request"].plan.pt_copay == Decimal(35)


def test_a_figure_typed_before_the_import_wins_over_the_file() -> None:
    """Deductible met typed as 500 (a phone verification) stays when the response says 400.00."""
    at = _page()
    at.session_state["show_so_far"] = True
    at.run().text_input(key="deductible_met").set_value("500").run()

    _paste(at, INDIVIDUAL)

    assert at.session_state["deductible_met"] == "500"
    assert "Deductible met so far**: $500.00 (your value, kept; the response says $400.00)" in _filled_list(at)


def test_a_rejected_response_gets_a_sentence_and_fills_nothing() -> None:
    """The AAA 72 response says 'invalid member id' and leaves the form as it was."""
    at = _paste(_page(), "rejected-invalid-member-id.271")

    assert not at.exception
    assert "invalid member id" in at.error[0].value
    assert at.session_state["deductible"] == "0.00"
    assert _secrets_in(at.error[0].value) == []


def test_the_members_details_are_on_screen_once_and_nowhere_else(caplog: pytest.LogCaptureFixture) -> None:
    """Name, birth date and member id show in the run that reads the file; not in state, the link, logs, or after."""
    caplog.set_level(logging.DEBUG)
    at = _paste(_page(), INDIVIDUAL)

    shown_at_import = " ".join(plain(i.value) for i in at.info)
    leaks_after_import = _session_leaks(at)
    at.run()

    assert "DANA RIVERA, born 14 Mar 1985, member id ACM448812301" in shown_at_import
    assert leaks_after_import == []
    assert at.session_state[PASTE] == ""
    assert _session_leaks(at) == []
    assert not [i for i in at.info if _secrets_in(i.value)]
    assert _secrets_in(str(dict(at.query_params))) == []
    assert _secrets_in(caplog.text) == []


def test_the_staff_copy_records_the_imported_271_by_date_and_trace_number() -> None:
    """After an import the verification record offers the 271; with it, initials alone give the staff copy."""
    at = _paste(_page(), INDIVIDUAL)
    at.session_state["show_take_home"] = True
    at.run()

    at.radio(key="verify_method").set_value("eligibility_response")
    at.text_input(key="verify_initials").input("KM").run()

    assert not at.exception
    assert at.checkbox(key="verify_use_271").value is True
    assert "trace number RVT-20260105-0001" in at.checkbox(key="verify_use_271").label
    assert "take_home_staff_pdf" in {b.key for b in at.get("download_button")}


def test_the_next_caller_button_forgets_the_import() -> None:
    """Between callers the list of imported fields and the 271's reference go."""
    at = _paste(_page(), INDIVIDUAL)

    at.button(key="next_caller").click().run()

    assert not at.exception
    assert "_eligibility_imported" not in at.session_state
    assert not [m for m in at.markdown if "Filled from the response" in m.value]
