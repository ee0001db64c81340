"""The patient's name, date of birth and member id are kept in memory only: never in a repr, dump, output or log."""

from __future__ import annotations

import json
import logging
from datetime import date

import pytest

from coverage.cli.read_271 import as_json, as_text, read_271_command
from coverage.eligibility.errors import RequestRejectedError
from coverage.eligibility.importer import fill_from_271
from coverage.eligibility.loop_tree import build_tree
from coverage.eligibility.reader import read_eligibility
from coverage.eligibility.x12_text import tokenize
from tests.eligibility.x12_builders import FIXTURES, fixture_text

INDIVIDUAL = "pt-ot-individual-in-network.271"
#: Dana Rivera, born 14 Mar 1985, member id ACM448812301, group GRP-0042, in every form they could be printed.
PRIVATE = ("RIVERA", "DANA", "ACM448812301", "19850314", "1985-03-14", "1985, 3, 14", "GRP-0042", "12 ELM")


def _leaks(text: str) -> list[str]:
    return [secret for secret in PRIVATE if secret.lower() in text.lower()]


def test_the_member_is_held_in_memory_for_the_page() -> None:
    """The result carries the name, date of birth and member id (staff see them on screen, nothing stores them)."""
    member = fill_from_271(fixture_text(INDIVIDUAL).encode()).member

    assert (member.name, member.date_of_birth, member.member_id) == ("DANA RIVERA", date(1985, 3, 14), "ACM448812301")


def test_no_repr_str_or_dump_of_the_results_shows_the_member() -> None:
    """repr, str, model_dump and JSON of the response, the fill and the member itself leave the member out."""
    response = read_eligibility(fixture_text(INDIVIDUAL))
    fill = fill_from_271(fixture_text(INDIVIDUAL))

    shown = [repr(response), str(response), repr(fill), str(fill), repr(fill.member), str(fill.member)]
    shown += [str(response.model_dump()), response.model_dump_json(), str(fill.model_dump()), fill.model_dump_json()]

    assert [_leaks(text) for text in shown] == [[]] * len(shown)


def test_no_source_unmapped_line_or_problem_quotes_the_member() -> None:
    """Sources quote benefit segments only: the NM1, DMG, N3 and REF segments are never copied."""
    fill = fill_from_271(fixture_text(INDIVIDUAL))

    texts = [s for f in (*fill.plan, *fill.so_far) for s in f.sources] + [str(u) for u in fill.unmapped]

    assert _leaks(" ".join((*texts, *fill.problems))) == []


def test_the_command_line_prints_neither_name_nor_birth_date_nor_member_id(capsys: pytest.CaptureFixture[str]) -> None:
    """Text and JSON output of read-271 are free of the member's details."""
    read_271_command([str(FIXTURES / INDIVIDUAL)])
    read_271_command([str(FIXTURES / INDIVIDUAL), "--json"])

    printed = capsys.readouterr()

    assert _leaks(printed.out + printed.err) == []
    assert _leaks("\n".join(as_text(fill_from_271(fixture_text(INDIVIDUAL))))) == []
    assert _leaks(json.dumps(as_json(fill_from_271(fixture_text(INDIVIDUAL))))) == []


def test_reading_logs_nothing_about_the_member(caplog: pytest.LogCaptureFixture) -> None:
    """Nothing logged while a 271 is read, at any level, names the member."""
    with caplog.at_level(logging.DEBUG):
        fill_from_271(fixture_text(INDIVIDUAL))

    assert _leaks(caplog.text) == []


def test_a_rejection_does_not_repeat_the_member_id_it_rejected() -> None:
    """The AAA 72 message says 'invalid member id' without quoting the id or the name."""
    with pytest.raises(RequestRejectedError) as raised:
        read_eligibility(fixture_text("rejected-invalid-member-id.271"))

    assert _leaks(str(raised.value)) == []
    assert "ACM44881230X" not in str(raised.value)


def test_segments_and_loops_show_no_values_in_their_repr() -> None:
    """The repr of the tokenized segments and of the loop tree names tags, places and sizes only."""
    segments = tokenize(fixture_text(INDIVIDUAL))

    shown = repr(segments) + repr(list(build_tree(segments).root.walk()))

    assert _leaks(shown) == []
