"""The visit limits: each therapy's own and the shared one."""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section


def visit_limits() -> tuple[PlanField, ...]:
    """The OT, PT and combined visit limits; blank means no limit."""
    ask = "Ask: 'How many therapy visits a year does my plan cover? Is the limit shared by PT, OT and speech therapy?'"
    return tuple(
        PlanField(
            name,
            FieldKind.COUNT,
            Section.LIMITS,
            label,
            ask,
            words,
            staff,
            printed,
            meaning,
            blank="no limit",
            value_words="{} visits a plan year",
            required=True,
        )
        for name, label, words, staff, printed, meaning in (
            (
                "ot_visit_limit",
                "OT visits a year",
                "OT visits a year",
                "OT visits a plan year (blank: no limit)",
                "OT visit limit",
                "covered OT visits a plan year; blank = no limit",
            ),
            (
                "pt_visit_limit",
                "PT visits a year",
                "PT visits a year",
                "PT visits a plan year (blank: no limit)",
                "PT visit limit",
                "covered PT visits a plan year; blank = no limit",
            ),
            (
                "combined_visit_limit",
                "PT and OT together",
                "PT and OT visits together",
                "Visits a plan year shared by OT, PT and other therapies (blank: no limit)",
                "Combined visit limit (OT, PT and others sharing it)",
                "covered visits a plan year shared by OT, PT and any other therapy in the pool; blank = no limit",
            ),
        )
    )


def therapy_threshold() -> PlanField:
    """Original Medicare's yearly KX threshold per therapy (blank for other plans)."""
    return PlanField(
        "therapy_threshold",
        FieldKind.MONEY,
        Section.LIMITS,
        "Medicare therapy threshold (KX)",
        "Original Medicare: $2,480.00 in 2026 for PT and again for OT. Above it each claim needs the KX "
        "modifier, which says the therapy is medically necessary. Blank for other plans.",
        "Medicare therapy threshold",
        "Medicare therapy (KX) threshold, dollars (blank: none)",
        "Medicare therapy threshold (KX)",
        "Medicare's yearly KX threshold per therapy, e.g. `2480.00` for 2026",
        blank="none",
        value_words="{} per therapy a year",
        required=True,
    )
