"""Staff changes to the plan catalog: add, edit and retire a plan.

Pure functions over a list of plans: each returns a new list and leaves its input
alone; saving is :func:`coverage.catalog.store.save_plans`. Retiring a plan takes it
out of plans.csv; the version before the change stays in the catalog's history.
"""

from __future__ import annotations

from collections.abc import Sequence

from coverage.engine.plans import Plan


class CatalogEditError(ValueError):
    """A change the catalog cannot take, with the field it is about (for a message beside it)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


def find_plan(plans: Sequence[Plan], plan_id: str) -> Plan:
    """The plan called ``plan_id``; :class:`CatalogEditError` when there is none."""
    for plan in plans:
        if plan.plan_id == plan_id:
            return plan
    raise CatalogEditError("plan_id", f"there is no plan '{plan_id}' in the catalog (reload to see the latest)")


def add_plan(plans: Sequence[Plan], plan: Plan) -> list[Plan]:
    """The catalog with ``plan`` added at the end; its plan_id must be new."""
    _check_id_is_free(plans, plan.plan_id)
    return [*plans, plan]


def edit_plan(plans: Sequence[Plan], plan_id: str, plan: Plan) -> list[Plan]:
    """The catalog with plan ``plan_id`` replaced by ``plan``, in the same place.

    The plan_id may change, as long as the new one is not another plan's.
    """
    find_plan(plans, plan_id)
    if plan.plan_id != plan_id:
        _check_id_is_free(plans, plan.plan_id)
    return [plan if existing.plan_id == plan_id else existing for existing in plans]


def retire_plan(plans: Sequence[Plan], plan_id: str) -> list[Plan]:
    """The catalog without plan ``plan_id``. The last plan cannot be retired: the app needs one."""
    find_plan(plans, plan_id)
    if len(plans) == 1:
        raise CatalogEditError("plan_id", "the catalog must keep at least one plan: add another before retiring this")
    return [existing for existing in plans if existing.plan_id != plan_id]


def _check_id_is_free(plans: Sequence[Plan], plan_id: str) -> None:
    if any(existing.plan_id == plan_id for existing in plans):
        raise CatalogEditError("plan_id", f"'{plan_id}' is already used by another plan: choose another plan_id")
