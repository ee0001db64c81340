"""The out-of-network terms: optional columns after ``notes``, worded like their in-network twins."""

from __future__ import annotations

from coverage.engine.plan_fields.kinds import FieldKind, PlanField, Section


def out_of_network_costs() -> tuple[PlanField, ...]:
    """The out-of-network deductible, maximum, copays and coinsurance, worded like their in-network twins."""
    fields = [
        PlanField(
            "oon_deductible",
            FieldKind.MONEY,
            Section.NETWORK,
            "Out-of-network deductible",
            "Ask: 'What is my deductible for out-of-network care?'",
            "out-of-network deductible",
            "Out-of-network deductible, dollars",
            "Out-of-network deductible",
            "the out-of-network deductible",
            asked_when="oon_covered",
        ),
        PlanField(
            "oon_oop_max",
            FieldKind.MONEY,
            Section.NETWORK,
            "Out-of-network out-of-pocket maximum",
            "Ask: 'What is my out-of-pocket maximum for out-of-network care?' Blank: no maximum.",
            "out-of-network out-of-pocket maximum",
            "Out-of-network out-of-pocket maximum, dollars (blank: none)",
            "Out-of-network maximum",
            "the out-of-network out-of-pocket maximum; blank = no maximum",
            blank="no maximum",
            asked_when="oon_covered",
        ),
    ]
    for name in ("OT", "PT"):
        fields.append(
            PlanField(
                f"oon_{name.lower()}_copay",
                FieldKind.MONEY,
                Section.NETWORK,
                f"Out-of-network {name} copay",
                f"Ask: 'What is my copay for an out-of-network {name} visit?'",
                f"out-of-network {name} copay",
                f"Out-of-network {name} copay, dollars",
                f"Out-of-network {name} copay",
                f"the out-of-network {name} copay",
                asked_when="oon_covered",
            )
        )
    for name in ("OT", "PT"):
        fields.append(
            PlanField(
                f"oon_{name.lower()}_coinsurance_pct",
                FieldKind.PERCENT,
                Section.NETWORK,
                f"Out-of-network {name} coinsurance (%)",
                f"Ask: 'What percentage of the allowed amount do I pay for an out-of-network {name} visit?'",
                f"out-of-network {name} coinsurance",
                f"Out-of-network {name} coinsurance, percent",
                f"Out-of-network {name} coinsurance",
                f"out-of-network {name} coinsurance, 0 to 100",
                max_chars=10,
                asked_when="oon_covered",
            )
        )
    return tuple(fields)
