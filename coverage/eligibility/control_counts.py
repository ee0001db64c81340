"""Check the envelope's control figures: SE's segment count, GE's and IEA's counts and numbers.

A count that does not match means segments were lost or added on the way; the benefit lines may
still be read, so these are listed as problems, not refused.
"""

from __future__ import annotations

from coverage.eligibility.loop_tree import Loop


def control_problems(root: Loop) -> tuple[str, ...]:
    """Every trailer whose count or control number disagrees with what the file holds."""
    problems: list[str] = []
    for interchange in root.loops("interchange"):
        groups = interchange.loops("group")
        problems += _trailer(interchange, ("ISA", 13, "IEA"), len(groups), "functional groups")
        for group in groups:
            transactions = group.loops("transaction")
            problems += _trailer(group, ("GS", 6, "GE"), len(transactions), "transaction sets")
            for transaction in transactions:
                problems += _trailer(transaction, ("ST", 2, "SE"), len(transaction.every_segment()), "segments")
    return tuple(problems)


def _trailer(loop: Loop, pair: tuple[str, int, str], held: int, what: str) -> list[str]:
    """The trailer's problems: ``pair`` is the header's tag, its control number element and the trailer's tag."""
    header_tag, number_element, trailer_tag = pair
    header, trailer = loop.first(header_tag), loop.first(trailer_tag)
    if header is None:
        return []
    if trailer is None:
        return [f"The {header_tag} at segment {header.position} has no {trailer_tag} trailer: the file is cut short."]
    problems = []
    if trailer.element(1) != str(held):
        problems.append(
            f"{trailer_tag} at segment {trailer.position} counts {trailer.element(1) or 'nothing'} {what}, "
            f"but there are {held}."
        )
    if trailer.element(2) != header.element(number_element):
        problems.append(
            f"{trailer_tag} at segment {trailer.position} has control number {trailer.element(2)!r}, "
            f"but its {header_tag} has {header.element(number_element)!r}."
        )
    return problems
