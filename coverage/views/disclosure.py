"""What every take-home estimate says about itself: an estimate, not a guarantee, and what to do if it is off."""

from __future__ import annotations

from coverage.engine.course_estimate import Estimate

#: Where patients learn about Good Faith Estimates and the patient-provider dispute process (CMS).
NO_SURPRISES_WEBSITE = "www.cms.gov/nosurprises"
NO_SURPRISES_PHONE = "1-800-985-3059"

NOT_A_GUARANTEE = (
    "This is an estimate, not a guarantee of benefits. It is worked out from the plan rules, the figures so far "
    "this year and the plan of care shown here; your plan decides what it pays when it processes each claim."
)
MAY_DIFFER = (
    "Actual charges may differ: for example if the plan's rules or your figures so far this year are not as "
    "shown, if other claims reach your plan first, if you have more, fewer or different visits, or if different "
    "services are billed."
)
WHAT_TO_DO_INSURED = (
    "What you can do if they differ: ask the clinic for an itemised bill and compare it with this estimate; ask "
    "your plan for the explanation of benefits (EOB) of each visit and call the number on your insurance card with "
    "questions; if your plan denies or underpays a visit, you can appeal (the EOB says how). If you choose to pay "
    "yourself instead, ask the clinic for a Good Faith Estimate."
)
WHAT_TO_DO_SELF_PAY = (
    "What you can do if they differ: ask the clinic for an itemised bill and compare it with this estimate. "
    "Paying yourself, you have the right to a Good Faith Estimate; if your bill is $400 or more above it, you can "
    f"dispute the bill ({NO_SURPRISES_WEBSITE}, {NO_SURPRISES_PHONE})."
)


def disclosure(result: Estimate) -> tuple[str, ...]:
    """The disclosure paragraphs for ``result``: the last one depends on whether a plan pays."""
    what_to_do = WHAT_TO_DO_INSURED if result.plan.covers_visits else WHAT_TO_DO_SELF_PAY
    return (NOT_A_GUARANTEE, MAY_DIFFER, what_to_do)
