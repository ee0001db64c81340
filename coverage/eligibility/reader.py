"""Read a 271 eligibility response into :class:`Eligibility`: the payer, the plan and every benefit figure.

The reader refuses, with a sentence, a file that is not a 271 of version 005010X279A1, a response
in which the payer rejected the request (AAA), and one that shows no active coverage. It reads the
benefits of one patient: the subscriber, or the dependent when the response is about a dependent.
"""

from __future__ import annotations

from datetime import date

from coverage.eligibility import codes
from coverage.eligibility.benefit_lines import LineReading, read_line
from coverage.eligibility.benefits import Eligibility, Member, UnmappedLine
from coverage.eligibility.control_counts import control_problems
from coverage.eligibility.errors import (
    EligibilityFileError,
    NoActiveCoverageError,
    NotAnEligibilityResponseError,
    RequestRejectedError,
)
from coverage.eligibility.loop_tree import Loop, build_tree
from coverage.eligibility.service_view import services
from coverage.eligibility.x12_text import Segment, tokenize

_ABOUT = {
    "2000A": "the payer",
    "2100A": "the payer",
    "2100B": "the clinic, as the information receiver",
    "2100C": "the subscriber",
    "2100D": "the dependent",
}
_STARTS, _ENDS = ("346", "291", "356", "307", "348"), ("347", "291", "357", "307", "349")


def read_eligibility(text: str) -> Eligibility:
    """The response in ``text`` read whole; raises an :class:`EligibilityFileError` with a sentence."""
    tree = build_tree(tokenize(text))
    transactions = tree.root.loops("transaction")
    _check_is_271(tree.root, transactions)
    _refuse_rejections(transactions)
    patient, subscriber = _the_patient(transactions)
    benefit_loops = patient.loops("2110C", "2110D")
    readings = [read_line(loop) for loop in benefit_loops]
    _refuse_no_active_coverage(readings)
    dates, date_problems = _coverage_dates(patient, benefit_loops)
    figures = tuple(f for r in readings for f in r.figures)
    lines = tuple(r.line for r in readings)
    bht = transactions[0].first("BHT")
    payer = transactions[0].loops("2100A")[0].segments[0]
    return Eligibility(
        payer_name=payer.element(3),
        payer_id=payer.element(9),
        plan_name=_plan_name(benefit_loops),
        coverage_start=dates[0],
        coverage_end=dates[1],
        trace_number=_trace_number(patient, subscriber),
        response_date=_date(bht.element(4)) if bht is not None else None,
        patient_is_dependent=patient.loop_id == "2000D",
        member=_member(patient, subscriber),
        services=services(figures, lines),
        figures=figures,
        unmapped=tuple(UnmappedLine(line=r.line, reason=r.unmapped) for r in readings if r.unmapped),
        problems=(
            *tree.misplaced,
            *control_problems(tree.root),
            *date_problems,
            *(p for r in readings for p in r.problems),
        ),
    )


def _line_problems(readings: list[LineReading]) -> tuple[str, ...]:
    return tuple(problem for reading in readings for problem in reading.problems)


def _check_is_271(root: Loop, transactions: tuple[Loop, ...]) -> None:
    if not transactions:
        raise NotAnEligibilityResponseError("The file holds no transaction set (no ST segment): it is not a 271.")
    for group in root.loops("group"):
        for transaction in group.loops("transaction"):
            st = transaction.segments[0]
            if st.element(1) != "271":
                kind = codes.TRANSACTION_SETS.get(st.element(1), f"an X12 {st.element(1)} transaction")
                raise NotAnEligibilityResponseError(f"This file is {kind}, not a 271 eligibility response.")
            gs = group.segments[0]
            version = st.element(3) or gs.element(8)
            if version not in codes.VERSIONS:
                raise NotAnEligibilityResponseError(
                    f"This 271 is version {version or 'unknown'}; only version 005010X279A1 (HIPAA 5010) can be read."
                )
    if not transactions[0].loops("2100A"):
        raise NotAnEligibilityResponseError("The 271 names no information source (payer): it cannot be read.")


def _refuse_rejections(transactions: tuple[Loop, ...]) -> None:
    said = []
    for transaction in transactions:
        for loop in transaction.loops(*_ABOUT):
            for aaa in loop.all("AAA"):
                reason = codes.REJECT_REASONS.get(aaa.element(3), f"reason code {aaa.element(3) or 'not given'}")
                follow_up = codes.FOLLOW_UPS.get(aaa.element(4))
                said.append(
                    f"{reason} (AAA {aaa.element(3)}, about {_ABOUT[loop.loop_id]})"
                    + (f"; {follow_up}" if follow_up else "")
                )
    if said:
        raise RequestRejectedError(f"The payer could not answer the eligibility request: {'. '.join(said)}.")


def _the_patient(transactions: tuple[Loop, ...]) -> tuple[Loop, Loop | None]:
    """The one person (2000C or 2000D) with benefit lines, and the subscriber when it is a dependent."""
    people: list[tuple[Loop, Loop | None]] = []
    for subscriber in (s for t in transactions for s in t.loops("2000C")):
        if any(name.loops("2110C") for name in subscriber.children if name.loop_id == "2100C"):
            people.append((subscriber, None))
        people += [(dependent, subscriber) for dependent in subscriber.loops("2000D") if dependent.loops("2110D")]
    if not people:
        raise NoActiveCoverageError(
            "The response has no benefit lines (EB) for a patient: it shows no coverage to import."
        )
    if len(people) > 1:
        raise EligibilityFileError(
            f"The response holds the benefits of {len(people)} people; import one patient's response at a time."
        )
    return people[0]


def _refuse_no_active_coverage(readings: list[LineReading]) -> None:
    relevant = [r.line for r in readings if any(t in codes.READ_TYPES for t in r.line.service_types)]
    if any(line.code in codes.ACTIVE for line in relevant):
        return
    inactive = next((line for line in relevant if line.code in codes.INACTIVE), None)
    if inactive is not None:
        raise NoActiveCoverageError(
            f"The payer reports the coverage as {codes.benefit_words(inactive.code)} (EB*{inactive.code}): the plan "
            "would pay nothing. Check the insurance card, or estimate the visits as self-pay."
        )
    if any(r.line.code == codes.CANNOT_PROCESS for r in readings):
        raise NoActiveCoverageError("The payer cannot process the request (EB*V): ask the payer or the clearinghouse.")
    raise NoActiveCoverageError(
        "The response shows no active coverage (no EB*1 line for the plan or for therapy): there is no plan to import."
    )


def _plan_name(benefit_loops: tuple[Loop, ...]) -> str | None:
    named = [loop.segments[0] for loop in benefit_loops if loop.segments[0].element(5)]
    plan = [eb for eb in named if eb.element(1) in codes.ACTIVE and codes.PLAN_COVERAGE in (eb.repeats(3) or ("30",))]
    return (plan or named)[0].element(5) if named else None


def _coverage_dates(
    patient: Loop, benefit_loops: tuple[Loop, ...]
) -> tuple[tuple[date | None, date | None], tuple[str, ...]]:
    name_loop = next(child for child in patient.children if child.loop_id in {"2100C", "2100D"})
    active = [loop for loop in benefit_loops if loop.segments[0].element(1) in codes.ACTIVE]
    found: dict[str, tuple[date, date]] = {}
    problems = []
    for dtp in (*name_loop.all("DTP"), *(d for loop in active for d in loop.all("DTP"))):
        try:
            found.setdefault(dtp.element(1), _period(dtp))
        except ValueError:
            problems.append(
                f"The date at segment {dtp.position} (DTP {dtp.element(1)}) is not a date; it was not read."
            )
    start = next((found[q][0] for q in _STARTS if q in found), None)
    end = next(
        (found[q][1] for q in _ENDS if q in found and (q not in {"291", "307"} or found[q][1] != found[q][0])), None
    )
    return (start, end), tuple(problems)


def _period(dtp: Segment) -> tuple[date, date]:
    if dtp.element(2) == "RD8":
        first, _, last = dtp.element(3).partition("-")
        return _date(first), _date(last)
    day = _date(dtp.element(3))
    return day, day


def _date(text: str) -> date:
    if len(text) != 8 or not text.isdigit():
        raise ValueError(text)
    return date(int(text[:4]), int(text[4:6]), int(text[6:]))


def _trace_number(patient: Loop, subscriber: Loop | None) -> str | None:
    for person in (patient, subscriber):
        traces = person.all("TRN") if person is not None else ()
        if traces:
            return next((t for t in traces if t.element(1) == "2"), traces[0]).element(2)
    return None


def _member(patient: Loop, subscriber: Loop | None) -> Member:
    name_loop = patient.children[0]
    nm1, dmg = name_loop.segments[0], name_loop.first("DMG")
    member_id = nm1.element(9) or (subscriber.children[0].segments[0].element(9) if subscriber is not None else "")
    try:
        born = _date(dmg.element(2)) if dmg is not None and dmg.element(1) == "D8" else None
    except ValueError:
        born = None
    return Member(
        name=" ".join(p for p in (nm1.element(4), nm1.element(3)) if p), date_of_birth=born, member_id=member_id
    )
