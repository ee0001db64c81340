"""The loop table places every segment of a 271 in the loop the implementation guide gives it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coverage.eligibility.control_counts import control_problems
from coverage.eligibility.loop_table import LOOPS, is_loop
from coverage.eligibility.loop_tree import Loop, build_tree
from coverage.eligibility.x12_text import tokenize
from tests.eligibility.x12_builders import PUBLIC_271, all_271_files, isa

#: The one defect of the public examples: the error example's SE repeats 4323 where its ST says 4321.
KNOWN_DEFECTS = {
    "subscriber-health-benefit-check-error.271": ("SE at segment 10 has control number '4323', but its ST has '4321'.",)
}
_HEAD = (
    isa() + "GS*HB*SENDER*CLINIC*20260105*0930*7*X*005010X279A1~ST*271*0001*005010X279A1~BHT*0022*11*R1*20260105*0930~"
)
_SOURCE = "HL*1**20*1~NM1*PR*2*ACME HEALTH*****PI*11111~HL*2*1*21*1~NM1*1P*2*CLINIC*****XX*1234567893~"


def _tree(body: str) -> tuple[Loop, tuple[str, ...], tuple[str, ...]]:
    """The tree of a transaction holding ``body`` after the information source and receiver (segments 1 to 8)."""
    count = 2 + _SOURCE.count("~") + body.count("~") + 1  # ST and BHT, the source and receiver, the body, SE
    text = _HEAD + _SOURCE + body + f"SE*{count}*0001~GE*1*7~IEA*1*000000101~"
    tree = build_tree(tokenize(text))
    return tree.root, tree.misplaced, control_problems(tree.root)


def _outline(loop: Loop) -> list[tuple[str, str]]:
    return [(found.loop_id, " ".join(s.tag for s in found.segments)) for found in loop.walk()]


@pytest.mark.parametrize("path", all_271_files(), ids=lambda p: p.name)
def test_every_fixture_follows_the_loop_table_and_its_trailers_count_right(path: Path) -> None:
    """Each segment stands in a loop that allows it, as often as allowed; SE, GE and IEA counts match the file."""
    tree = build_tree(tokenize(path.read_text(encoding="utf-8")))

    for loop in tree.root.walk():
        uses = Counter(s.tag for s in loop.segments)
        for tag, count in uses.items():
            assert tag in loop.spec.layout, f"{path.name}: {tag} in {loop.loop_id}"
            assert not is_loop(tag)
            assert count <= loop.spec.segment_limit(tag), f"{path.name}: {count} x {tag} in {loop.loop_id}"
        for child in loop.children:
            assert child.loop_id in loop.spec.layout, f"{path.name}: {child.loop_id} under {loop.loop_id}"
    assert tree.misplaced == ()
    assert control_problems(tree.root) == KNOWN_DEFECTS.get(path.name, ())


def test_a_2120c_name_lands_under_the_benefit_line_its_ls_and_le_bracket() -> None:
    """In the public demo the primary care provider (NM1*P3) is a child of the EB*L loop, not of the next EB."""
    root = build_tree(tokenize((PUBLIC_271 / "demo.271").read_text(encoding="utf-8"))).root

    benefits = root.loops("2110C")

    assert [b.segments[0].text for b in benefits if b.children] == ["EB*L"]
    assert [c.loop_id for c in benefits[1].children] == ["2120C"]
    assert [s.tag for s in benefits[1].segments] == ["EB", "LS", "LE"]


def test_a_dependents_loops_open_under_the_subscriber() -> None:
    """HL 23 opens 2000D inside 2000C; the dependent's EB lines are 2110D loops of 2100D."""
    body = "HL*3*2*22*1~NM1*IL*1*DOE*JANE****MI*W1~HL*4*3*23*0~NM1*03*1*DOE*KIM~EB*1*IND*30~"

    root, misplaced, problems = _tree(body)

    assert _outline(root)[-5:] == [
        ("2000C", "HL"),
        ("2100C", "NM1"),
        ("2000D", "HL"),
        ("2100D", "NM1"),
        ("2110D", "EB"),
    ]
    assert misplaced == problems == ()


def test_a_name_after_a_benefit_line_without_ls_is_reported_not_read_as_a_2120c_loop() -> None:
    """An NM1 right after an EB has no LS to open a 2120C loop: it is kept where it stood and reported."""
    body = "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*W1~EB*L~NM1*P3*1*JONES*MARCUS~"

    root, misplaced, _ = _tree(body)

    assert [loop.loop_id for loop in root.walk()][-1] == "2110C"
    assert misplaced == (
        "Segment 12 (NM1) is not allowed in loop 2110C (Subscriber Eligibility or Benefit Information) by the "
        "005010X279A1 guide.",
    )


def test_a_segment_out_of_the_guides_order_is_reported() -> None:
    """DMG comes before the benefit lines in 2100C; one after them is not allowed there."""
    body = "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*W1~EB*1*IND*30~DMG*D8*19800101~"

    _, misplaced, _ = _tree(body)

    assert [m.split(" is")[0] for m in misplaced] == ["Segment 12 (DMG)"]


def test_an_hl_whose_parent_id_is_not_the_loop_above_is_reported() -> None:
    """A subscriber HL naming parent 9 while it stands under receiver HL 2 is a structure problem."""
    body = "HL*3*9*22*0~NM1*IL*1*DOE*JANE****MI*W1~EB*1*IND*30~"

    _, misplaced, _ = _tree(body)

    assert misplaced == ("Segment 9 (HL 3) names parent HL 9, but stands under HL 2.",)


def test_wrong_trailer_counts_and_control_numbers_are_listed() -> None:
    """SE counting 9 segments of 10, and a GE counting 2 transaction sets of 1, are both reported."""
    text = _HEAD + _SOURCE + "HL*3*2*22*0~NM1*IL*1*DOE*JANE****MI*W1~EB*1*IND*30~SE*9*0001~GE*2*7~IEA*1*000000102~"

    problems = control_problems(build_tree(tokenize(text)).root)

    assert problems == (
        "IEA at segment 14 has control number '000000102', but its ISA has '000000101'.",
        "GE at segment 13 counts 2 transaction sets, but there are 1.",
        "SE at segment 12 counts 9 segments, but there are 10.",
    )


def test_every_child_loop_in_the_table_is_a_loop_of_the_table() -> None:
    """The table is closed: each loop id in a layout names an entry, and each entry but the file has a parent."""
    children = {name for spec in LOOPS.values() for name in spec.layout if name[0].isdigit() or name.islower()}

    assert children <= set(LOOPS)
    assert set(LOOPS) - children == {"file"}
