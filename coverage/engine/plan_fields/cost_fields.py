"""Each therapy's copay and coinsurance."""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section


def therapy_costs() -> tuple[PlanField, ...]:
    """The OT and PT copays, then the OT and PT coinsurance."""
    fields = []
    for name in ("OT", "PT"):
        fields.append(
            PlanField(
                f"{name.lower()}_copay",
                FieldKind.MONEY,
                Section.COSTS,
                f"{name} copay per visit",
                f"The fixed amount you pay for each {name} visit. Ask: 'What is my copay for an outpatient {name} "
                "visit?'",
                f"{name} copay",
                f"{name} copay a visit, dollars",
                f"{name} copay",
                f"the fixed amount per {name} visit",
                required=True,
            )
        )
    for name in ("OT", "PT"):
        fields.append(
            PlanField(
                f"{name.lower()}_coinsurance_pct",
                FieldKind.PERCENT,
                Section.COSTS,
                f"{name} coinsurance (%)",
                f"Your percentage of the allowed amount of each {name} visit, 0 to 100. Ask: 'Is there "
                "coinsurance for therapy after the deductible?'",
                f"{name} coinsurance",
                f"{name} coinsurance, percent",
                f"{name} coinsurance",
                f"the patient's percentage of the allowed amount of a {name} visit, 0 to 100",
                max_chars=10,
                required=True,
            )
        )
    return tuple(fields)


def premium() -> PlanField:
    """The plan's monthly premium, for ranking plans by a whole year's cost (optional; blank: not known)."""
    return PlanField(
        "monthly_premium",
        FieldKind.MONEY,
        Section.COSTS,
        "Monthly premium",
        "What the plan costs a month, for comparing plans over a plan year. Blank: not known. Ask: 'What is my "
        "monthly premium?'",
        "monthly premium",
        "Monthly premium, dollars (blank: not known)",
        "Monthly premium",
        "what the plan costs a month; blank = not known. Compare plans adds 12 of them to the course "
        "(see `docs/compare-plans.md`)",
        blank="not known",
    )
