"""The take-home section of the estimate page (issue 6), driven through Streamlit's AppTest."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from coverage import Clinic, as_self_pay, estimate_summary, format_money, load_clinic
from tests.printout_scenarios import pooled_estimate, self_pay_estimate

PATIENT_PDF = "take_home_patient_pdf"
STAFF_PDF = "take_home_staff_pdf"
GOOD_FAITH_PDF = "take_home_good_faith_pdf"


def _take_home_app(scenario: str) -> None:
    """A tiny page: one example estimate and the take-home section under it, as the estimate page will call it."""
    import sys
    from pathlib import Path

    root = str(Path.cwd())
    if root not in sys.path:
        sys.path.insert(0, root)

    from app_pages.components.take_home import render_take_home
    from tests.printout_scenarios import pooled_estimate, self_pay_estimate

    render_take_home(self_pay_estimate() if scenario == "self_pay" else pooled_estimate())


@pytest.fixture(autouse=True)
def _from_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tiny page imports the project from the repository root, as `streamlit run` does."""
    from tests.conftest import ROOT

    monkeypatch.chdir(ROOT)


def _app(scenario: str = "pooled") -> AppTest:
    at = AppTest.from_function(_take_home_app, args=(scenario,), default_timeout=30)
    at.session_state["show_take_home"] = True  # the section is drawn only while it is open
    return at.run()


def _downloads(at: AppTest) -> set[str]:
    return {str(button.key) for button in at.get("download_button")}


def _clinic_now() -> Clinic:
    from app_pages.components.take_home import CLINIC_TOML

    return load_clinic(CLINIC_TOML)


def test_an_insured_patient_can_download_the_patient_copy_and_copy_the_summary() -> None:
    """The patient copy is offered at once; the summary is the plain-text summary of the same estimate."""
    at = _app()

    assert not at.exception
    assert _downloads(at) == {PATIENT_PDF}
    assert at.code[0].value == estimate_summary(pooled_estimate(), clinic=_clinic_now()).rstrip("\n")
    assert any("Fill in the verification record" in caption.value for caption in at.caption)


def test_the_front_desk_fills_in_the_verification_record_and_gets_the_staff_copy() -> None:
    """Once the call's representative, reference number and initials are typed, the staff copy can be downloaded."""
    at = _app()

    at.radio(key="verify_method").set_value("phone")
    at.date_input(key="verify_date").set_value(date(2026, 1, 2))
    at.text_input(key="verify_representative").input("Dana Whitfield")
    at.text_input(key="verify_reference").input("CALL-77")
    at.text_input(key="verify_initials").input("jr").run()

    assert not at.exception
    assert _downloads(at) == {PATIENT_PDF, STAFF_PDF}
    assert not at.warning


def test_an_incomplete_verification_record_says_what_is_missing() -> None:
    """A phone record without the representative's name gets a message and no staff copy."""
    at = _app()

    at.text_input(key="verify_reference").input("CALL-77")
    at.text_input(key="verify_initials").input("JR").run()

    assert not at.exception
    assert STAFF_PDF not in _downloads(at)
    assert "name of the payer's representative" in at.warning[0].value


def test_the_verification_record_lives_in_the_session_under_verify_keys() -> None:
    """Every field of the record is a session widget whose key starts with verify_."""
    at = _app()

    keys = ["verify_date", "verify_method", "verify_representative", "verify_reference", "verify_initials"]

    assert all(key in at.session_state for key in keys)


def test_a_self_pay_patient_is_offered_the_good_faith_estimate() -> None:
    """With a self-pay plan the Good Faith Estimate can be downloaded without ticking anything."""
    at = _app("self_pay")

    assert not at.exception
    assert GOOD_FAITH_PDF in _downloads(at)
    assert not at.checkbox  # no "I will pay myself" question: the plan already is self-pay
    assert at.metric[0].value == format_money(self_pay_estimate().patient_total)


def test_an_insured_patient_who_will_pay_themselves_gets_the_good_faith_estimate_at_self_pay_rates() -> None:
    """Ticking 'I will pay myself' offers the GFE, and the expected charges are the engine's self-pay total."""
    at = _app()
    assert GOOD_FAITH_PDF not in _downloads(at)

    at.checkbox(key="take_home_paying_myself").check().run()

    assert not at.exception
    assert GOOD_FAITH_PDF in _downloads(at)
    assert at.metric[0].value == format_money(as_self_pay(pooled_estimate()).patient_total)


def test_a_mistyped_diagnosis_code_is_explained_and_holds_back_the_good_faith_estimate() -> None:
    """A CPT code typed as a diagnosis gets a message naming it; the GFE waits until it is fixed."""
    at = _app("self_pay")

    at.text_input(key="take_home_diagnosis_codes").input("M54.50, 97110").run()

    assert not at.exception
    assert "97110" in at.error[0].value
    assert GOOD_FAITH_PDF not in _downloads(at)


def test_the_take_home_section_is_closed_at_first_and_draws_nothing_until_opened() -> None:
    """Closed, the section offers no download (it costs nothing on a rerun); opened, it offers the PDF."""
    at = AppTest.from_function(_take_home_app, args=("pooled",), default_timeout=30).run()

    assert not at.exception
    assert _downloads(at) == set()
    at.session_state["show_take_home"] = True
    assert PATIENT_PDF in _downloads(at.run())
