"""How one covered visit's allowed amount splits between the patient and the plan.

The order of deductible, copay and coinsurance is the plan's choice
(``deductible_applies``, ``copay_timing``); the out-of-pocket maximum then caps the
patient's share, taking the parts in the order they were charged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from coverage.money import ZERO, percent_of
from coverage.plans import CopayTiming


class Share(NamedTuple):
    """The patient's part of one covered visit, after the out-of-pocket cap."""

    to_deductible: Decimal
    copay: Decimal
    coinsurance: Decimal
    copay_charged: Decimal  # the copay before the cap: decides one-copay-per-day

    @property
    def patient_pays(self) -> Decimal:
        """Deductible + copay + coinsurance actually paid."""
        return self.to_deductible + self.copay + self.coinsurance


def share_of_visit(
    allowed: Decimal,
    *,
    copay: Decimal,
    coinsurance_pct: Decimal,
    deductible_left: Decimal,
    oop_room: Decimal | None,
    deductible_applies: bool,
    copay_timing: CopayTiming,
) -> Share:
    """Split ``allowed`` for one covered visit. ``oop_room`` None means no maximum.

    - deductible not applied: copay = min(copay, A); coinsurance = pct x (A - copay).
    - after_deductible: deductible = min(A, left); copay = min(copay, rest);
      coinsurance = pct x (rest - copay).
    - before_deductible: copay = min(copay, A); deductible = min(A - copay, left);
      coinsurance = pct x (A - copay - deductible).

    Coinsurance is rounded to the cent half up (``percent_of``). Then the
    out-of-pocket room is spent on the parts in the order they were charged.
    """
    order: tuple[str, ...]
    if not deductible_applies:
        charged_copay = min(copay, allowed)
        charged_deductible = ZERO
        coinsurance = percent_of(allowed - charged_copay, coinsurance_pct)
        order = ("copay", "coinsurance")
    elif copay_timing is CopayTiming.AFTER_DEDUCTIBLE:
        charged_deductible = min(allowed, deductible_left)
        charged_copay = min(copay, allowed - charged_deductible)
        coinsurance = percent_of(allowed - charged_deductible - charged_copay, coinsurance_pct)
        order = ("deductible", "copay", "coinsurance")
    else:
        charged_copay = min(copay, allowed)
        charged_deductible = min(allowed - charged_copay, deductible_left)
        coinsurance = percent_of(allowed - charged_copay - charged_deductible, coinsurance_pct)
        order = ("copay", "deductible", "coinsurance")

    charged = {"deductible": charged_deductible, "copay": charged_copay, "coinsurance": coinsurance}
    if oop_room is None:
        paid = charged
    else:
        room = oop_room
        paid = {}
        for part in order:
            paid[part] = min(charged[part], room)
            room -= paid[part]
        paid.setdefault("deductible", ZERO)
    return Share(paid["deductible"], paid["copay"], paid["coinsurance"], charged_copay)
