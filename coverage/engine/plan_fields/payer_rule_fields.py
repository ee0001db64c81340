"""The family figures and what counts toward a visit limit: optional columns after the out-of-network terms."""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section, yes_no


def family_figures() -> tuple[PlanField, ...]:
    """The family deductible and maximum (blank: a self-only plan) and whether the deductible is embedded."""
    return (
        PlanField(
            "family_deductible",
            FieldKind.MONEY,
            Section.COSTS,
            "Family deductible",
            "Family plans only: the deductible of the whole family. Blank: a plan for one person. Ask: 'Is there a "
            "family deductible, and how much of it has the family met this year?'",
            "family deductible",
            "Family deductible, dollars a plan year (blank: none, a plan for one person)",
            "Family deductible",
            "optional: the whole family's deductible a plan year; blank = none (a plan for one person)",
            blank="none",
        ),
        PlanField(
            "family_oop_max",
            FieldKind.MONEY,
            Section.COSTS,
            "Family out-of-pocket maximum",
            "Family plans only: the most the whole family pays in a plan year. Each person still pays at most the "
            "out-of-pocket maximum above. Blank: none. Ask: 'What is the family out-of-pocket maximum, and how "
            "much has the family paid toward it?'",
            "family out-of-pocket maximum",
            "Family out-of-pocket maximum, dollars (blank: none)",
            "Family out-of-pocket maximum",
            "optional: the most the whole family pays in a plan year; each person still pays at most `oop_max`; "
            "blank = none",
            blank="none",
        ),
        PlanField(
            "family_deductible_embedded",
            FieldKind.SWITCH,
            Section.COSTS,
            "Does one person's deductible count on its own?",
            "Family plans only. Embedded: a person pays the plan's coinsurance once their own deductible or the "
            "family's is met. Aggregate: only the family deductible counts, whoever pays it. Ask: 'Is my family "
            "deductible embedded or aggregate?'",
            "family deductible is embedded",
            "Family deductible embedded (each person's own deductible also counts)",
            "Family deductible",
            "optional: `true` (embedded) if a person's own deductible also ends their deductible; `false` "
            "(aggregate) if only the family's counts",
            options=yes_no("Yes, embedded: mine or the family's", "No, aggregate: only the family's"),
            printed_options=yes_no(
                "embedded: met by the person's own deductible or the family's", "aggregate: only the family's counts"
            ),
            radio=True,
        ),
    )


def limit_counting() -> tuple[PlanField, ...]:
    """Does the evaluation count, do visits paid under the deductible count, and visits or days."""
    return (
        PlanField(
            "evaluation_counts_toward_limit",
            FieldKind.SWITCH,
            Section.LIMITS,
            "Does the evaluation count as one of the visits a year?",
            "Ask: 'Does the first visit, the evaluation, count toward my therapy visit limit?'",
            "evaluation counts toward the limit",
            "The evaluation counts toward the visit limits",
            "The evaluation",
            "optional: `true` if the evaluation takes a place in the visit limits",
            options=yes_no("Yes, it counts", "No, it does not count"),
            printed_options=yes_no("counts toward the visit limits", "does not count toward the visit limits"),
            radio=True,
        ),
        PlanField(
            "deductible_visits_count_toward_limit",
            FieldKind.SWITCH,
            Section.LIMITS,
            "Do visits you pay in full under the deductible count toward the limit?",
            "Some plans count only visits they pay part of. Ask: 'If I pay a visit entirely toward my deductible, "
            "does it still count toward my visit limit?'",
            "visits under the deductible count toward the limit",
            "Visits paid entirely under the deductible count toward the visit limits",
            "Visits paid under the deductible",
            "optional: `true` if a visit the patient pays entirely under the deductible takes a place in the limits",
            options=yes_no("Yes, they count", "No, only visits the plan pays toward"),
            printed_options=yes_no("count toward the visit limits", "do not count toward the visit limits"),
            radio=True,
        ),
        PlanField(
            "limit_counts",
            FieldKind.CHOICE,
            Section.LIMITS,
            "Does the shared limit count visits or days?",
            "Ask: 'Is my therapy limit counted in visits or in days? If I see PT and OT on the same day, is that "
            "one or two?' Days: a PT and an OT visit on one day use one place.",
            "limit counts days",
            "What the shared visit limit counts",
            "The shared limit counts",
            "optional: `visits`, or `days` (a PT and an OT visit on one day take one place in a limit they share)",
            options=(("visits", "Visits"), ("days", "Days (PT and OT on one day: one)")),
            printed_options=(("visits", "visits"), ("days", "days: a PT and an OT visit on one day count once")),
        ),
    )
