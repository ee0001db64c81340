"""How a plan prices a visit: optional columns after ``monthly_premium`` (:mod:`coverage.engine.pricing_settings`)."""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section


def visit_pricing() -> tuple[PlanField, ...]:
    """The fee schedule the plan pays from, and the rule that turns treatment minutes into units."""
    return (
        PlanField(
            "fee_schedule",
            FieldKind.TEXT,
            Section.PLAN,
            "Fee schedule the plan pays from",
            "Where the allowed amount per code comes from. Blank: the visit rate typed on this page. 'medicare': "
            "Medicare's fee schedule at the clinic's locality; 'medicare:110': 110 % of it; or the id of one of the "
            "clinic's fee schedules. Ask the clinic's billing office: 'Which fee schedule does this plan pay us by?'",
            "fee schedule",
            "Fee schedule: blank (typed rate), medicare, medicare:<percent> or a fee_schedules.csv id",
            "Fee schedule",
            "optional: blank = the visit rate typed on the page; `medicare` = Medicare's fee schedule at the "
            "clinic's locality; `medicare:<percent>` (e.g. `medicare:110`); or a `schedule_id` of "
            "`fee_schedules.csv`",
            blank="the visit rate typed on the page",
            max_chars=70,
        ),
        PlanField(
            "unit_rule",
            FieldKind.CHOICE,
            Section.PLAN,
            "How treatment minutes become billed units",
            "Medicare and most plans add up the visit's timed minutes (the 8-minute rule); some commercial plans use "
            "the AMA rule, each code on its own. Ask: 'Do you follow Medicare's 8-minute rule for timed codes?'",
            "unit rule",
            "Unit rule for timed codes: medicare (8-minute rule, default) or ama",
            "Timed units",
            "optional: `medicare` (CMS's 8-minute rule on the visit's total timed minutes; the default) or `ama` "
            "(each code on its own: 8 or more minutes in a 15-minute unit count)",
            options=(("medicare", "Medicare's 8-minute rule"), ("ama", "AMA rule, each code on its own")),
            printed_options=(
                ("medicare", "Medicare's 8-minute rule on the visit's total minutes"),
                ("ama", "the AMA rule, each code on its own"),
            ),
        ),
    )
