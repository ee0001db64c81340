"""The estimate page's questions about the clinic: Medicare participation and Medicaid (issue 14)."""

from __future__ import annotations

from decimal import Decimal

from streamlit.testing.v1 import AppTest

from coverage import CarePlan, estimate, medicaid_secondary
from tests.dashboard_helpers import PLANS, PT_2X8, START, open_section, shown_total


def test_a_clinic_that_does_not_participate_with_medicare_shows_the_engines_total_with_the_excess(app: AppTest) -> None:
    """Original Medicare (the default plan), 'No, it does not participate': estimate() at 95 % plus excess charges."""
    app.radio(key="medicare_participation").set_value("non_participating").run()

    care = CarePlan(start_date=START, pt=PT_2X8, medicare_participation="non_participating")
    expected = estimate(PLANS["medicare-b-2026"], care)
    assert not app.exception
    assert expected.total.balance_bill > 0
    assert shown_total(app) == expected.patient_total
    assert app.query_params["medicare_participation"] == "non_participating"
    assert app.text_input(key="pt_billed")  # the billed charge is asked once an excess charge can arise


def test_medicaid_second_at_a_clinic_that_does_not_accept_it_pays_nothing(app: AppTest) -> None:
    """Medicaid as second insurance, 'Does the clinic accept Medicaid?' No: the first plan's total alone."""
    open_section(app, "show_secondary")
    app.selectbox(key="secondary").select("_medicaid").run()

    app.radio(key="accepts_medicaid").set_value(False).run()

    care = CarePlan(start_date=START, pt=PT_2X8, accepts_medicaid=False)
    expected = estimate(PLANS["medicare-b-2026"], care, secondary=medicaid_secondary())
    assert not app.exception
    assert expected.total.secondary_pays == Decimal("0.00")
    assert shown_total(app) == expected.patient_total == estimate(PLANS["medicare-b-2026"], care).patient_total
    assert any("does not accept Medicaid" in item.value for item in [*app.warning, *app.info, *app.markdown])
