"""The link that opens one plan in the estimate page, with the same plan of care and figures.

The estimate page is the app's default page ("/") and reads these query
parameters: ``plan``, ``start`` (YYYY-MM-DD), ``ot`` / ``pt`` as
``<visits a week>x<weeks>`` (absent: no such therapy), ``ot_rate``, ``pt_rate``,
``ot_eval``, ``pt_eval`` (or, for visits priced from their codes, ``pt_services`` and
``pt_eval_services``), ``ot_self_pay``, ``pt_self_pay`` and the year-to-date
field names of :class:`coverage.Accumulators`. Amounts are written with two
decimals; figures that are zero or unset are left out.
"""

from __future__ import annotations

from urllib.parse import urlencode

from coverage import Accumulators, CarePlan
from coverage.engine.billed_services import format_services


def estimate_query(plan_id: str, care: CarePlan, accumulators: Accumulators | None = None) -> dict[str, str]:
    """The query parameters of the estimate page for ``plan_id``, ``care`` and the figures so far."""
    query = {"plan": plan_id, "start": care.start_date.isoformat()}
    for name, course in (("ot", care.ot), ("pt", care.pt)):
        if course is None:
            continue
        query[name] = f"{course.visits_per_week}x{course.weeks}"
        if course.visit_rate is None:  # priced from its codes (coverage/forms/link_pricing.py)
            query[f"{name}_services"] = format_services(course.services)
            query[f"{name}_eval_services"] = format_services(course.eval_services)
        else:
            query[f"{name}_rate"] = f"{course.visit_rate:.2f}"
        if course.eval_rate is not None:
            query[f"{name}_eval"] = f"{course.eval_rate:.2f}"
        if course.self_pay_rate is not None:
            query[f"{name}_self_pay"] = f"{course.self_pay_rate:.2f}"
    so_far = accumulators if accumulators is not None else Accumulators()
    for field in Accumulators.model_fields:
        value = getattr(so_far, field)
        if value:
            query[field] = str(value)
    return query


def estimate_url(plan_id: str, care: CarePlan, accumulators: Accumulators | None = None) -> str:
    """A link to the estimate page, relative to the app's root so it works under any base path."""
    return "./?" + urlencode(estimate_query(plan_id, care, accumulators))
