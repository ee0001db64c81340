"""The tokenizer reads the delimiters from ISA and cuts the file into segments."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coverage.eligibility.errors import NotAnEligibilityResponseError, ResponseStructureError
from coverage.eligibility.x12_text import Delimiters, read_delimiters, tokenize, write_segments
from tests.eligibility.x12_builders import isa

_SEPARATORS = "*|^:~!>`{}\\+"


def test_the_delimiters_are_read_from_the_isa_segment() -> None:
    """The element separator follows 'ISA', repetition is ISA11, component ISA16, then the terminator."""
    text = isa("|", "{", ">", "!") + "GS|HB!"

    assert read_delimiters(text) == Delimiters(element="|", repetition="{", component=">", segment="!")


def test_a_4010_isa_with_u_in_isa11_has_no_repetition_separator() -> None:
    """ISA11 'U' (the standards id of version 4010) is not a separator, so elements are not split on it."""
    assert read_delimiters(isa(repetition="U")).repetition is None


def test_line_breaks_after_terminators_are_not_part_of_the_next_segment() -> None:
    """A file saved one segment per line (CRLF or LF) reads the same as one on a single line."""
    one_line = isa() + "GS*HB*A~ST*271*0001~"
    per_line = isa() + "\r\nGS*HB*A~\nST*271*0001~\r\n\r\n"

    assert [s.text for s in tokenize(per_line)] == [s.text for s in tokenize(one_line)]


def test_elements_repetitions_and_components_are_split_with_the_files_own_delimiters() -> None:
    """EB03 'PT^AD' repeats, EB13 'HC:97110' has components; element 14 of a 13-element segment is blank."""
    (_, benefit) = tokenize(isa() + "EB*B*IND*PT^AD*HM**27*25.00******HC:97110~")

    assert benefit.tag == "EB"
    assert benefit.element(1) == "B"
    assert benefit.repeats(3) == ("PT", "AD")
    assert benefit.components(13) == ("HC", "97110")
    assert benefit.element(14) == ""
    assert benefit.repeats(5) == ()
    assert benefit.position == 2


def test_a_segment_repr_shows_neither_its_values_nor_a_name() -> None:
    """repr(segment) names the tag and place only (a segment may carry the patient's name)."""
    (_, name) = tokenize(isa() + "NM1*IL*1*SMITH*JOHN****MI*123456789~")

    assert repr(name) == "<Segment NM1 #2>"


@pytest.mark.parametrize(
    ("text", "error", "words"),
    [
        ("", NotAnEligibilityResponseError, "does not start with an ISA segment"),
        ("%PDF-1.7 ...", NotAnEligibilityResponseError, "does not start with an ISA segment"),
        ("ISA*00*  ", ResponseStructureError, "fewer than 16 elements"),
        ("ISAB00", NotAnEligibilityResponseError, "not a separator"),
        (isa(terminator="*"), ResponseStructureError, "component separator and a terminator"),
        (isa() + "eb*1~", ResponseStructureError, "Segment 2 does not start with a segment name"),
    ],
)
def test_text_that_is_not_x12_gets_a_sentence(text: str, error: type[Exception], words: str) -> None:
    """An empty file, a PDF, a cut ISA, a letter as separator or a lower-case tag is refused in words."""
    with pytest.raises(error, match=words):
        tokenize(text)


@st.composite
def interchanges(draw: st.DrawFn) -> tuple[str, list[tuple[str, tuple[str, ...]]]]:
    """X12 text with four random distinct delimiters and a few segments of random values, and those segments."""
    element, repetition, component, terminator = draw(
        st.lists(st.sampled_from(_SEPARATORS), min_size=4, max_size=4, unique=True)
    )
    value = st.text(alphabet="ABCXYZ0129 .-/", max_size=8)
    repeated = st.lists(value, min_size=1, max_size=3).map(repetition.join)
    segments = draw(
        st.lists(
            st.tuples(
                st.sampled_from(["EB", "MSG", "HSD", "DTP", "NM1", "III"]), st.lists(value | repeated, max_size=9)
            ),
            max_size=8,
        )
    )
    body = "".join(element.join([tag, *values]) + terminator for tag, values in segments)
    line_breaks = draw(st.sampled_from(["", "\n", "\r\n"]))
    text = (
        isa(element, repetition, component, terminator)
        + line_breaks
        + body.replace(terminator, terminator + line_breaks)
    )
    return text, [(tag, tuple(values)) for tag, values in segments]


@settings(max_examples=100)
@given(interchanges())
def test_tokenizing_gives_back_the_segments_written_with_any_delimiters(
    case: tuple[str, list[tuple[str, tuple[str, ...]]]],
) -> None:
    """Whatever four delimiters ISA declares, and with or without line breaks, the segments come back as written."""
    text, written = case

    segments = tokenize(text)

    assert [(s.tag, s.elements) for s in segments[1:]] == written
    assert tokenize(write_segments(segments)) == segments
