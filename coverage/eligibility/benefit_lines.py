"""Read one benefit loop (2110C/2110D) into figures, or say why nothing could be read from it.

The rules, one per benefit code (EB01): a deductible (C) or out-of-pocket maximum (G) is an amount
per plan year (EB06 blank, 21, 22, 23 or 25), what is left of it (29 remaining) or what is met so far
(24 year to date); a co-payment (B) is EB07 per visit; a co-insurance (A) is EB08 as a fraction
(.2 is 20 %); a limitation (F) in visits is EB09 ``VS`` with EB10, or an HSD ``VS`` segment. EB12 ``Y``
is in network, ``N`` out of network, ``W`` both, blank not stated. Authorization needed (EB11 ``Y``, or a
message) and a referral or pooled limit stated in a message are read on therapy lines.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from coverage.eligibility import codes, messages
from coverage.eligibility.benefits import BenefitLine, Figure, Level, Network, Quantity
from coverage.eligibility.loop_tree import Loop
from coverage.eligibility.visit_lines import AmbiguousLimitError, LineNotReadError, visit_figures
from coverage.engine.money import HUNDRED, MoneyError, PercentError, to_money, to_percent

_NETWORKS = {"Y": Network.IN, "N": Network.OUT, "W": Network.BOTH, "": Network.UNSTATED}
_KEPT = ("EB", "HSD", "DTP", "AAA", "MSG", "III")
_MONEY = {
    codes.DEDUCTIBLE: (Quantity.DEDUCTIBLE, Quantity.DEDUCTIBLE_LEFT, Quantity.DEDUCTIBLE_MET),
    codes.OUT_OF_POCKET: (Quantity.OOP_MAX, Quantity.OOP_LEFT, Quantity.OOP_MET),
}
_FROM_MESSAGE = {"PT": codes.PHYSICAL_THERAPY, "OT": codes.OCCUPATIONAL_THERAPY, "ST": codes.SPEECH_THERAPY}


class LineReading(NamedTuple):
    """What one benefit loop gave: its line, its figures, why nothing was read (if so), and problems."""

    line: BenefitLine
    figures: tuple[Figure, ...]
    unmapped: str | None
    problems: tuple[str, ...]


def benefit_line(loop: Loop) -> BenefitLine:
    """The benefit line of a 2110 loop: its EB and the segments under it (REF and 2120 names left out)."""
    eb = loop.segments[0]
    kept = tuple(s.text for s in loop.every_segment() if s.tag in _KEPT)
    return BenefitLine(
        position=eb.position,
        code=eb.element(1),
        service_types=eb.repeats(3) or (codes.PLAN_COVERAGE,),
        text=eb.text,
        segments=kept,
        messages=tuple(m.element(1) for m in loop.all("MSG") if m.element(1)),
    )


def read_line(loop: Loop) -> LineReading:
    """The figures of one 2110 loop, with the reason when there are none."""
    line, eb = benefit_line(loop), loop.segments[0]
    rejections = tuple(
        f"The payer could not answer for {_services(line)}: "
        f"{codes.REJECT_REASONS.get(a.element(3), 'reason ' + a.element(3))} (AAA {a.element(3)})."
        for a in loop.all("AAA")
    )
    if rejections:
        return LineReading(line, (), rejections[0].removeprefix("The payer "), rejections)
    reason: str | None = None
    try:
        figures, problems = _figures(loop, line)
    except LineNotReadError as skip:
        figures, reason = (), str(skip)
        ask = isinstance(skip, AmbiguousLimitError)
        problems = (f"Ask the payer: {reason}: {line.text}",) if ask else ()
    from_messages = _message_figures(line, _NETWORKS.get(eb.element(12), Network.UNSTATED), eb.element(11))
    if reason is not None and from_messages:
        reason = f"only its messages were read, not its own figures: {reason}"
    elif reason is None and not figures and not from_messages and not _is_coverage_status(line):
        reason = _why_nothing(line)
    return LineReading(line, figures + from_messages, reason, problems)


_Found = tuple[tuple[Figure, ...], tuple[str, ...]]


def _figures(loop: Loop, line: BenefitLine) -> _Found:
    eb, code = loop.segments[0], line.code
    read = tuple(t for t in line.service_types if t in codes.READ_TYPES)
    if code in codes.ACTIVE or not read:
        return (), ()
    if eb.element(12) not in _NETWORKS:
        raise LineNotReadError(f"the network is not known (EB12 {eb.element(12)!r})")
    if eb.element(13):
        raise LineNotReadError("it is about one procedure code only (EB13)")
    reader = _READERS.get(code)
    return reader(loop, line, read, _NETWORKS[eb.element(12)]) if reader else ((), ())


def _not_covered(loop: Loop, line: BenefitLine, read: tuple[str, ...], network: Network) -> _Found:
    """EB*I (not covered) and EB*6 to 8 (inactive) for a therapy: nothing to fill, a problem to report."""
    therapy = " and ".join(codes.service_words(t) for t in read if t in codes.THERAPY_TYPES)
    if not therapy:
        return (), ()
    said = f"not covered {network}" if line.code == codes.NON_COVERED else "inactive"
    return (), (f"The response says {therapy} {said}: {line.text}",)


def _money_figures(loop: Loop, line: BenefitLine, read: tuple[str, ...], network: Network) -> _Found:
    eb, quantities = loop.segments[0], _MONEY[line.code]
    level_code, period = eb.element(2), eb.element(6)
    if level_code in codes.INDIVIDUAL_LEVELS:
        level = Level.INDIVIDUAL
    elif level_code in codes.FAMILY_LEVELS:
        level = Level.FAMILY
    else:
        raise LineNotReadError(f"coverage level {level_code} is neither the person's own nor the family's")
    if period in codes.PLAN_YEAR_PERIODS:
        quantity = quantities[0]
    elif period in {codes.REMAINING, codes.YEAR_TO_DATE}:
        quantity = quantities[1] if period == codes.REMAINING else quantities[2]
    else:
        raise LineNotReadError(f"a figure per {codes.period_words(period)}, not per plan year")
    amount = _money(eb.element(7), codes.benefit_words(line.code))
    figures = tuple(
        Figure(quantity=quantity, service_type=t, network=network, level=level, value=amount, line=line) for t in read
    )
    return figures, ()


def _copay(loop: Loop, line: BenefitLine, read: tuple[str, ...], network: Network) -> _Found:
    eb = loop.segments[0]
    if eb.element(6) not in {"", codes.PER_VISIT}:
        raise LineNotReadError(f"a co-payment per {codes.period_words(eb.element(6))}, not per visit")
    amount = _money(eb.element(7), "co-payment")
    return tuple(
        Figure(quantity=Quantity.COPAY, service_type=t, network=network, value=amount, line=line)
        for t in read
        if t != codes.PLAN_COVERAGE
    ), ()


def _coinsurance(loop: Loop, line: BenefitLine, read: tuple[str, ...], network: Network) -> _Found:
    share = _percent(loop.segments[0].element(8))
    return tuple(
        Figure(quantity=Quantity.COINSURANCE_PCT, service_type=t, network=network, value=share, line=line)
        for t in read
        if t != codes.PLAN_COVERAGE
    ), ()


def _limitation(loop: Loop, line: BenefitLine, read: tuple[str, ...], network: Network) -> _Found:
    if loop.segments[0].element(2) in codes.FAMILY_LEVELS:
        raise LineNotReadError("a family visit limit: the estimate counts the patient's own visits")
    return visit_figures(loop, line, [t for t in read if t in codes.THERAPY_TYPES], network)


_READERS = {
    codes.DEDUCTIBLE: _money_figures,
    codes.OUT_OF_POCKET: _money_figures,
    codes.CO_PAYMENT: _copay,
    codes.CO_INSURANCE: _coinsurance,
    codes.LIMITATIONS: _limitation,
    codes.NON_COVERED: _not_covered,
    **dict.fromkeys(codes.INACTIVE, _not_covered),
}


def _message_figures(line: BenefitLine, network: Network, authorization: str) -> tuple[Figure, ...]:
    """Pooled limits, authorization and referrals stated on a therapy line (or naming a therapy)."""
    figures: list[Figure] = []
    on_therapy = [t for t in line.service_types if t in codes.THERAPY_TYPES]
    if not on_therapy and codes.PLAN_COVERAGE not in line.service_types:
        return ()
    for message in line.messages:
        named = [_FROM_MESSAGE[n] for n in messages.therapies_named(message)]
        types = on_therapy or named
        pooled = messages.pooled_limit(message)
        if pooled is not None:
            quantity = Quantity.SHARED_VISITS_LEFT if pooled.left else Quantity.SHARED_VISIT_LIMIT
            figures += [Figure(quantity=quantity, service_type=_FROM_MESSAGE[t], network=network,
                               value=pooled.visits, line=line, message=message) for t in pooled.therapies]  # fmt: skip
        after = messages.authorization_after(message)
        if after is not None:
            figures += [Figure(quantity=Quantity.AUTH_AFTER_VISITS, service_type=t, network=network, value=after,
                               line=line, message=message) for t in types]  # fmt: skip
        if messages.referral_required(message):
            figures += [Figure(quantity=Quantity.REFERRAL_REQUIRED, service_type=t, network=network, value=True,
                               line=line, message=message) for t in types]  # fmt: skip
    if authorization == "Y" and not any(f.quantity is Quantity.AUTH_AFTER_VISITS for f in figures):
        figures += [Figure(quantity=Quantity.AUTH_AFTER_VISITS, service_type=t, network=network, value=0, line=line)
                    for t in on_therapy]  # fmt: skip
    return tuple(figures)


def _is_coverage_status(line: BenefitLine) -> bool:
    """An active-coverage line for therapy or the plan: read as the coverage itself (and the plan's name)."""
    return line.code in codes.ACTIVE and any(t in codes.READ_TYPES for t in line.service_types)


def _why_nothing(line: BenefitLine) -> str:
    words = codes.benefit_words(line.code)
    if not any(t in codes.READ_TYPES for t in line.service_types):
        return f"{words} for {_services(line)}: not therapy or the plan in general"
    if line.code in codes.ACTIVE | codes.INACTIVE:
        return f"{words} for {_services(line)}"
    return f"{words} for {_services(line)}: the estimate has no field for it"


def _services(line: BenefitLine) -> str:
    return ", ".join("the plan" if t == codes.PLAN_COVERAGE else codes.service_words(t) for t in line.service_types)


def _money(text: str, what: str) -> Decimal:
    try:
        return to_money(Decimal(text))
    except (InvalidOperation, MoneyError) as exc:
        raise LineNotReadError(f"the {what} amount {text!r} is not an amount of money") from exc


def _percent(text: str) -> Decimal:
    try:
        fraction = Decimal(text)
        if not 0 <= fraction <= 1:
            raise PercentError("outside 0 to 1")
        share = fraction * HUNDRED
        return to_percent(share.quantize(Decimal(1)) if share == share.to_integral_value() else share.normalize())
    except (InvalidOperation, PercentError) as exc:
        raise LineNotReadError(f"the co-insurance {text!r} is not a fraction from 0 to 1 (EB08 .2 is 20 %)") from exc
