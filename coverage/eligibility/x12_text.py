"""Split X12 text into segments, with the delimiters the ISA segment declares.

An X12 interchange states its own delimiters in its first segment, ISA, which has a fixed layout:
the element separator is the character right after ``ISA`` (position 3), the repetition separator is
the value of ISA11, the component separator is the value of ISA16 (its last element), and the
segment terminator is the character right after ISA16. Newlines after terminators (files saved
"one segment per line") are tolerated, and so is an ISA whose fields are not padded to their widths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coverage.eligibility.errors import NotAnEligibilityResponseError, ResponseStructureError

#: ISA has 16 elements; ISA11 (repetition separator in 5010) and ISA16 (component separator).
ISA_ELEMENTS, ISA_REPETITION, ISA_COMPONENT = 16, 11, 16
_TAG = re.compile(r"^[A-Z][A-Z0-9]{1,2}$")
_LINE_BREAKS = "\r\n"


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The four characters that cut an interchange into segments, elements, repetitions and components."""

    element: str = "*"
    repetition: str | None = "^"
    component: str = ":"
    segment: str = "~"


@dataclass(frozen=True, slots=True, repr=False)
class Segment:
    """One segment: its tag, its elements as written (element 1 first) and its place in the file.

    The repr names only the tag and the place: a segment may hold a patient's name or member id.
    """

    tag: str
    elements: tuple[str, ...]
    position: int
    delimiters: Delimiters

    def __repr__(self) -> str:
        return f"<Segment {self.tag} #{self.position}>"

    def element(self, number: int) -> str:
        """Element ``number`` (1-based, as the guide counts: EB01 is 1), or '' when it is not there."""
        return self.elements[number - 1] if 0 < number <= len(self.elements) else ""

    def repeats(self, number: int) -> tuple[str, ...]:
        """The repetitions of element ``number`` (EB03 ``PT^AD`` -> ``('PT', 'AD')``); empty when blank."""
        value = self.element(number)
        if not value:
            return ()
        separator = self.delimiters.repetition
        return tuple(value.split(separator)) if separator else (value,)

    def components(self, number: int) -> tuple[str, ...]:
        """The components of element ``number`` (``HC:97110`` -> ``('HC', '97110')``); empty when blank."""
        value = self.element(number)
        return tuple(value.split(self.delimiters.component)) if value else ()

    @property
    def text(self) -> str:
        """The segment as the file wrote it, without its terminator: ``EB*B*IND*PT**...``."""
        return self.delimiters.element.join((self.tag, *self.elements))


def read_delimiters(text: str) -> Delimiters:
    """The delimiters declared by the ISA segment at the start of ``text``.

    Raises :class:`NotAnEligibilityResponseError` when the text does not start with an ISA segment.
    """
    if not text.startswith("ISA") or len(text) < 4:
        raise NotAnEligibilityResponseError(
            "This is not an X12 eligibility response: it does not start with an ISA segment "
            "(a 271 file starts with 'ISA*')."
        )
    element = text[3]
    if element.isalnum() or element.isspace():
        raise NotAnEligibilityResponseError("This is not an X12 file: the character after 'ISA' is not a separator.")
    place = 3
    for _ in range(ISA_ELEMENTS - 1):
        place = text.find(element, place + 1)
        if place < 0:
            raise ResponseStructureError("The ISA segment is cut short: it has fewer than 16 elements.")
    component, segment = text[place + 1 : place + 2], text[place + 2 : place + 3]
    repetition = text[:place].split(element)[ISA_REPETITION]
    if not component or not segment or len({element, component, segment}) < 3 or segment.isalnum():
        raise ResponseStructureError("The ISA segment does not end in a component separator and a terminator.")
    return Delimiters(
        element=element,
        repetition=repetition if len(repetition) == 1 and not repetition.isalnum() else None,
        component=component,
        segment=segment,
    )


def tokenize(text: str) -> tuple[Segment, ...]:
    """Cut an interchange into its segments, numbered from 1 (ISA is segment 1).

    A byte-order mark and blank lines before ISA are skipped; a line break after each terminator is
    not part of the next segment.
    """
    text = text.lstrip("\ufeff \t" + _LINE_BREAKS)
    delimiters = read_delimiters(text)
    segments: list[Segment] = []
    for piece in text.split(delimiters.segment):
        cleaned = piece.strip(_LINE_BREAKS)
        if not cleaned.strip():
            continue
        tag, *elements = cleaned.split(delimiters.element)
        if not _TAG.match(tag):
            raise ResponseStructureError(
                f"Segment {len(segments) + 1} does not start with a segment name (two or three capital letters)."
            )
        segments.append(Segment(tag, tuple(elements), len(segments) + 1, delimiters))
    return tuple(segments)


def write_segments(segments: tuple[Segment, ...], *, line_breaks: bool = False) -> str:
    """The interchange text of ``segments`` with their delimiters: the inverse of :func:`tokenize`."""
    if not segments:
        return ""
    end = segments[0].delimiters.segment + ("\n" if line_breaks else "")
    return "".join(segment.text + end for segment in segments)
