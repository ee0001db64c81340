"""How was this visit figured? One visit's arithmetic in plain words.

The sentences are worked out from the fields :class:`~coverage.engine.course_estimate.VisitCost`
carries (the allowed amount, the deductible left and out-of-pocket room before the
visit, the parts the patient paid, a balance bill, what a second insurance paid) and
from the engine's own split, :func:`coverage.engine.cost_sharing.share_of_visit`, under the
terms the estimate used (out of network: :func:`coverage.engine.network.network_terms`); no
rule is restated here. A visit priced from its service codes starts from its codes: the fee schedule, one
line per code with its units, amount and how it was priced, and the allowed amount they give.
"""

from __future__ import annotations

from coverage.engine.cost_sharing import Share, share_of_visit
from coverage.engine.course_estimate import Estimate, VisitCost
from coverage.engine.money import ZERO, format_money
from coverage.engine.network import network_terms
from coverage.engine.notices import format_day, visit_label
from coverage.engine.participation import is_non_participating
from coverage.engine.plans import CopayTiming, Plan
from coverage.views.priced_codes import fee_schedule_words, line_words


def visit_title(visit: VisitCost) -> str:
    """``'PT visit 4 on 15 Jan 2026'``, with ``(evaluation)`` for an evaluation."""
    label = visit_label(visit.discipline, visit.visit_number, visit.date)
    return f"{label} (evaluation)" if visit.is_evaluation else label


def explain_visit(estimate: Estimate, index: int) -> list[str]:
    """The arithmetic of ``estimate.visits[index]`` as sentences, ending with who pays what."""
    visit = estimate.visits[index]
    lines = _from_codes(estimate, visit) if visit.lines else []
    if not lines:
        lines = [f"{visit_title(visit)}: the plan's allowed amount is {format_money(visit.allowed)}."]
    if visit.plan_year_start != estimate.visits[0].plan_year_start:
        lines.append(
            f"This visit falls in the plan year that starts on {format_day(visit.plan_year_start)}: "
            "the deductible, out-of-pocket maximum and visit counts started again from zero."
        )
    if not visit.covered:
        lines.append(f"The plan does not pay for this visit: {visit.not_covered_reason}.")
        lines.append(f"You pay the self-pay rate: {format_money(visit.patient_pays)}. The plan pays nothing.")
        return lines
    plan = network_terms(estimate.plan, estimate.care, estimate.accumulators).plan
    charged = _charged(plan, visit)
    lines += _deductible(plan, visit, charged)
    lines += _copay(plan, visit, charged)
    base = visit.allowed - charged.to_deductible - charged.copay
    pct = plan.coinsurance_pct(visit.discipline)
    if pct:
        lines.append(f"Coinsurance: {pct:f}% of the {format_money(base)} left = {format_money(charged.coinsurance)}.")
    else:
        lines.append("No coinsurance: your plan does not charge a percentage for this therapy.")
    charged_total = charged.patient_pays
    # The share under the plan's rules, before any balance bill or second insurance: the cap applies to it alone.
    if visit.oop_room_before is not None and visit.cost_sharing < charged_total:
        lines.append(
            f"Your out-of-pocket maximum had {format_money(visit.oop_room_before)} left, so your share is "
            f"{format_money(visit.cost_sharing)} instead of {format_money(charged_total)}; the plan pays the rest."
        )
    lines += _balance_bill_and_second_plan(visit)
    parts = f"{format_money(visit.to_deductible)} + {format_money(visit.copay)} + {format_money(visit.coinsurance)}"
    if visit.balance_bill:
        parts += f" + {format_money(visit.balance_bill)} (balance bill)"
    if visit.secondary_pays:
        parts += f" - {format_money(visit.secondary_pays)} (second insurance)"
    lines.append(
        f"You pay {parts} = {format_money(visit.patient_pays)}. "
        f"The plan pays {format_money(visit.allowed)} - {format_money(visit.cost_sharing)} = "
        f"{format_money(visit.plan_pays)}."
    )
    return lines


def _from_codes(estimate: Estimate, visit: VisitCost) -> list[str]:
    """A visit priced from its codes: the fee schedule, one line per code, then the allowed amount they give."""
    if estimate.prices is None:
        return []
    lines = [f"{visit_title(visit)} is priced from its service codes on {fee_schedule_words(estimate.prices)}:"]
    lines += [line_words(line) for line in visit.lines]
    codes = sum((line.amount for line in visit.lines), ZERO)
    if codes == visit.allowed:
        lines.append(f"The codes add up to {format_money(codes)}: the plan's allowed amount.")
    elif is_non_participating(estimate.plan, estimate.care):
        lines.append(
            f"The codes add up to {format_money(codes)}; the clinic does not take part in Medicare, so the "
            f"plan's allowed amount is 95 % of it: {format_money(visit.allowed)}."
        )
    else:
        lines.append(
            f"The codes add up to {format_money(codes)}; the plan's allowed amount is {format_money(visit.allowed)}."
        )
    return lines


def _balance_bill_and_second_plan(visit: VisitCost) -> list[str]:
    lines = []
    if visit.balance_bill:
        lines.append(
            f"Out of network the clinic bills {format_money(visit.allowed + visit.balance_bill)}: the "
            f"{format_money(visit.balance_bill)} above the allowed amount is a balance bill, yours to pay; "
            "it counts toward no deductible or maximum."
        )
    if visit.secondary_pays:
        lines.append(
            f"Your second insurance pays {format_money(visit.secondary_pays)} of your "
            f"{format_money(visit.cost_sharing)} share."
        )
    return lines


def _charged(plan: Plan, visit: VisitCost) -> Share:
    """The parts charged before the out-of-pocket cap, from the copay the engine recorded as due.

    The copay due is the plan's, or none when one copay per day applies and it was already charged that day.
    """
    return share_of_visit(
        visit.allowed,
        copay=visit.copay_due,
        coinsurance_pct=plan.coinsurance_pct(visit.discipline),
        deductible_left=visit.deductible_left_before,
        oop_room=None,
        deductible_applies=plan.deductible_applies,
        copay_timing=plan.copay_timing,
    )


def _deductible(plan: Plan, visit: VisitCost, charged: Share) -> list[str]:
    if not plan.deductible_applies:
        return ["Therapy does not count toward the deductible on this plan."]
    if visit.deductible_left_before == 0:
        return ["Your deductible was already met, so none of this visit goes toward it."]
    first = "the copay is taken first, then " if plan.copay_timing is CopayTiming.BEFORE_DEDUCTIBLE else ""
    return [
        f"Before this visit {format_money(visit.deductible_left_before)} of your deductible was left; "
        f"{first}{format_money(charged.to_deductible)} of this visit goes toward it."
    ]


def _copay(plan: Plan, visit: VisitCost, charged: Share) -> list[str]:
    plan_copay = plan.copay(visit.discipline)
    if plan_copay == 0:
        return ["No copay: your plan does not charge one for this therapy."]
    if visit.copay_due == 0:
        return ["No copay: your plan charges one copay per day, and it was charged at an earlier visit that day."]
    if charged.copay == 0:
        return ["No copay on this visit: the deductible took the whole allowed amount."]
    if charged.copay < plan_copay:
        return [
            f"Copay: {format_money(charged.copay)} (the copay is {format_money(plan_copay)}, "
            f"but only {format_money(charged.copay)} of the visit was left to charge)."
        ]
    return [f"Copay: {format_money(charged.copay)}."]
