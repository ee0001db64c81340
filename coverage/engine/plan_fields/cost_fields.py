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
