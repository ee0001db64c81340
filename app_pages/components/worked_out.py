"""The estimate page's one domain call, remembered for the session while the form stays the same.

Streamlit reruns the whole page for every click, also for one that changes no figure (opening a
section, picking a visit to explain). Reading the form and working out the estimate again would
give the same answer, so this keeps the last answer with the form values it came from and hands
it back while they match. Nothing here decides a figure: :func:`coverage.read_form` and
:func:`coverage.views.page_overview` do.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st

from app_pages.components.shared import clinic_today, form_state
from coverage import EstimateRequest, FormError, Plan, overview, read_form
from coverage.engine.billed_services import FeeScheduleError
from coverage.fees.course_pricing import FeeSources
from coverage.fees.problems import UnknownLocalityError
from coverage.forms.fields import FORM_KEYS
from coverage.forms.visit_codes import LOCALITY
from coverage.views.page_overview import Overview

#: Session state key of the last :class:`WorkedOut` (the figures only; it holds no name).
LAST_WORKED_OUT = "_estimate_worked_out"


@dataclass(frozen=True)
class WorkedOut:
    """What the form gave: a request and its overview, or the problems that stop it."""

    form: dict[str, Any]  # the form values it came from
    today: date  # on this day (a reminder depends on it)
    plans: Sequence[Plan]  # and the plans it was read against
    fees: FeeSources | None  # and the fee schedules it was priced from (a new file version is a new object)
    request: EstimateRequest | None
    problems: tuple[tuple[str, str], ...]
    view: Overview | None
    key: str  # names the figures shown: equal keys, equal results (the results' cache key)


def _key(view: Overview) -> str:
    return hashlib.sha256(view.model_dump_json().encode()).hexdigest()


def work_out(plans: Sequence[Plan], fees: FeeSources | None) -> WorkedOut:
    """Read the form and work out the estimate, or hand back the last answer when nothing changed.

    A visit that cannot be priced (a code the fee schedule lacks, an unknown locality, codes with no fee
    schedules to price them) is a problem like a wrong field: its sentence under the locality or the codes.
    """
    form = form_state(FORM_KEYS)
    today = clinic_today()
    last = st.session_state.get(LAST_WORKED_OUT)
    same = isinstance(last, WorkedOut) and (last.form, last.today, last.fees) == (form, today, fees)
    if same and isinstance(last, WorkedOut) and list(last.plans) == list(plans):
        return last
    try:
        request = read_form(form, plans)
        view = overview(request, plans, today=today, fees=fees)
    except FormError as exc:
        worked = WorkedOut(form, today, plans, fees, None, exc.problems, None, "")
    except FeeScheduleError as exc:  # codes that cannot be priced, or no fee schedules to price them
        where = LOCALITY if isinstance(exc, UnknownLocalityError) else "fees"
        worked = WorkedOut(form, today, plans, fees, None, ((where, f"The visits cannot be priced: {exc}"),), None, "")
    else:
        worked = WorkedOut(form, today, plans, fees, request, (), view, _key(view))
    st.session_state[LAST_WORKED_OUT] = worked
    return worked
