"""How one covered visit's allowed amount splits between the patient and the plan.

The order of deductible, copay and coinsurance is the plan's choice
(``deductible_applies``, ``copay_timing``); the out-of-pocket maximum then caps the
patient's share, taking the parts in the order they were charged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from coverage.engine.money import ZERO, percent_of
from coverage.engine.plans import CopayTiming


class Share(NamedTuple):
    """The patient's part of one covered visit, after the out-of-pocket cap."""

    to_deductible: Decimal
    copay: Decimal
    coinsurance: Decimal
    copay_charged: Decimal  # the copay before the cap: decides one-copay-per-day
    patient_pays: Decimal  # deductible + copay + coinsurance actually paid


#: A :class:`Share` as a plain tuple, in its order: what the engine's loop takes apart at once.
Parts = tuple[Decimal, Decimal, Decimal, Decimal, Decimal]


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
    """Split ``allowed`` for one covered visit (see :func:`parts_of_visit`), as a :class:`Share`."""
    return Share._make(
        parts_of_visit(
            allowed,
            copay=copay,
            coinsurance_pct=coinsurance_pct,
            deductible_left=deductible_left,
            oop_room=oop_room,
            deductible_applies=deductible_applies,
            copay_timing=copay_timing,
        )
    )


def parts_of_visit(
    allowed: Decimal,
    *,
    copay: Decimal,
    coinsurance_pct: Decimal,
    deductible_left: Decimal,
    oop_room: Decimal | None,
    deductible_applies: bool,
    copay_timing: CopayTiming,
) -> Parts:
    """Split ``allowed`` for one covered visit. ``oop_room`` None means no maximum.

    - deductible not applied: copay = min(copay, A); coinsurance = pct x (A - copay).
    - after_deductible: deductible = min(A, left); copay = min(copay, rest);
      coinsurance = pct x (rest - copay).
    - before_deductible: copay = min(copay, A); deductible = min(A - copay, left);
      coinsurance = pct x (A - copay - deductible).

    Coinsurance is rounded to the cent half up (``percent_of``). Then the
    out-of-pocket room is spent on the parts in the order they were charged. The parts are a
    plain tuple in :class:`Share`'s order: the engine's loop makes one per visit, and a named
    tuple costs three times as much to make.
    """
    if not deductible_applies:
        copay_part = min(copay, allowed)
        return _capped(ZERO, copay_part, percent_of(allowed - copay_part, coinsurance_pct), oop_room, copay_first=True)
    if copay_timing is CopayTiming.AFTER_DEDUCTIBLE:
        deductible_part = min(allowed, deductible_left)
        copay_part = min(copay, allowed - deductible_part)
        coinsurance = percent_of(allowed - deductible_part - copay_part, coinsurance_pct)
        return _capped(deductible_part, copay_part, coinsurance, oop_room, copay_first=False)
    copay_part = min(copay, allowed)
    deductible_part = min(allowed - copay_part, deductible_left)
    coinsurance = percent_of(allowed - copay_part - deductible_part, coinsurance_pct)
    return _capped(deductible_part, copay_part, coinsurance, oop_room, copay_first=True)


def _capped(
    deductible: Decimal, copay: Decimal, coinsurance: Decimal, oop_room: Decimal | None, *, copay_first: bool
) -> Parts:
    """Pay the charged parts in the order they were charged until the out-of-pocket room runs out."""
    charged = deductible + copay + coinsurance
    if oop_room is None or charged <= oop_room:
        return deductible, copay, coinsurance, copay, charged
    room = oop_room
    if copay_first:
        paid_copay = min(copay, room)
        paid_deductible = min(deductible, room - paid_copay)
    else:
        paid_deductible = min(deductible, room)
        paid_copay = min(copay, room - paid_deductible)
    paid_coinsurance = min(coinsurance, room - paid_deductible - paid_copay)
    return paid_deductible, paid_copay, paid_coinsurance, copay, paid_deductible + paid_copay + paid_coinsurance
