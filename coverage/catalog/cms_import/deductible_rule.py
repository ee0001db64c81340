"""Turn a benefit's copay and coinsurance cells into the engine's deductible rule.

Two layouts of the Benefits and Cost Sharing PUF:

- **2014-2015** carry ``IsSubjToDedTier1`` (Yes/No). The flag decides for every
  string that does not say it itself ("$40", "20%", "No Charge"). A string that
  does say ("... after deductible", "... before deductible") must agree with it.
- **2016 on** have no flag: the string says it. Plain "$40" or "20%" is charged
  without the deductible (CMS calls this "Charge"); "after deductible" means the
  deductible first; "before deductible" means the copay first and the rest of the
  allowed amount toward the deductible.

The engine's rules, from the two parts:

========================  ===========================  ====================================
copay says                coinsurance says             plans.csv
========================  ===========================  ====================================
not subject / not used    not subject / not used       deductible_applies false
after / not used          after / not used (one after) deductible_applies, after_deductible
before, or not subject    after / not used             deductible_applies, before_deductible
after or before           not subject (a % is charged) refused: no engine rule says this
========================  ===========================  ====================================

A part that charges nothing ("$0", "0%", "Not Applicable", blank, "No Charge") says
nothing either way, except "No Charge after deductible", which means the deductible
applies.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from coverage.catalog.cms_import.cost_share_text import Deductible, parse_coinsurance, parse_copay
from coverage.catalog.cms_import.problems import PufValueError
from coverage.engine.plans import CopayTiming


class BenefitCostShare(NamedTuple):
    """A benefit's cost sharing in the engine's terms."""

    copay: Decimal
    coinsurance_pct: Decimal
    deductible_applies: bool
    copay_timing: CopayTiming
    one_copay_per_day: bool


def _flag(value: str) -> bool | None:
    cleaned = value.strip().lower()
    if cleaned in ("yes", "no"):
        return cleaned == "yes"
    if cleaned:
        raise PufValueError(f"IsSubjToDedTier1 '{value.strip()}' is neither Yes nor No")
    return None


def _signal(amount: Decimal, wording: Deductible, flag: bool | None) -> Deductible | None:
    """What one part says about the deductible once the layout is taken into account (None: nothing)."""
    if flag is False and wording in (Deductible.AFTER, Deductible.BEFORE):
        raise PufValueError("the cost sharing says 'deductible' but IsSubjToDedTier1 says No")
    if amount == 0:
        if wording is Deductible.AFTER or (flag is True and wording is Deductible.UNSTATED):
            return Deductible.AFTER
        return Deductible.BEFORE if wording is Deductible.BEFORE else None
    if wording is Deductible.UNSTATED:
        return Deductible.AFTER if flag else Deductible.NOT_SUBJECT
    return wording


@lru_cache(maxsize=8192)
def benefit_cost_share(copay_text: str, coinsurance_text: str, subject_to_deductible: str = "") -> BenefitCostShare:
    """Read one benefit's copay and coinsurance cells (and the 2014-2015 flag, when present).

    Raises :class:`PufValueError` when a cell cannot be read or the cells contradict each other.
    """
    flag = _flag(subject_to_deductible)
    copay = parse_copay(copay_text)
    coinsurance = parse_coinsurance(coinsurance_text)
    if not copay.stated and not coinsurance.stated:
        raise PufValueError("neither a copay nor a coinsurance is stated")
    copay_says = _signal(copay.amount, copay.deductible, flag)
    coinsurance_says = _signal(coinsurance.amount, coinsurance.deductible, flag)
    if flag is True and copay_says is None and coinsurance_says is None:
        coinsurance_says = Deductible.AFTER  # subject to the deductible, then nothing to pay
    if coinsurance_says is Deductible.NOT_SUBJECT and copay_says in (Deductible.AFTER, Deductible.BEFORE):
        raise PufValueError("the copay is charged with the deductible but the coinsurance without it")
    if coinsurance_says is Deductible.AFTER or copay_says in (Deductible.AFTER, Deductible.BEFORE):
        first = copay_says in (Deductible.BEFORE, Deductible.NOT_SUBJECT)
        timing = CopayTiming.BEFORE_DEDUCTIBLE if first else CopayTiming.AFTER_DEDUCTIBLE
        applies = True
    else:
        timing, applies = CopayTiming.AFTER_DEDUCTIBLE, False
    return BenefitCostShare(copay.amount, coinsurance.amount, applies, timing, copay.per_day and copay.amount > 0)
