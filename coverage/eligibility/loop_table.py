"""The loops of a 271 eligibility response (005010X279A1), as data.

Each loop is named by its id in the implementation guide, opened by one segment (with the
qualifier that tells it apart, such as ``HL`` with level code ``22`` for the subscriber), and holds
its segments and child loops in the guide's order. The reader builds its tree from this table alone
(:mod:`coverage.eligibility.loop_tree`), so a 2120C name lands under the 2110C benefit line whose
``LS``/``LE`` pair brackets it, and a second ``EB`` opens a new 2110C beside the first.

The envelope (``ISA``/``IEA``, ``GS``/``GE``, ``ST``/``SE``) is written as three loops too, so the
trailers close their loops by the same rule as every other segment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: A loop that may repeat without limit (">1" in the guide).
UNBOUNDED = None
FILE = "file"


@dataclass(frozen=True, slots=True)
class Opener:
    """The segment that opens a loop: its tag and, when the tag alone is not enough, a qualifier.

    ``element`` is the element holding the qualifier (HL03, NM101); ``codes`` the values that open
    the loop (empty: any value).
    """

    tag: str
    element: int = 0
    codes: frozenset[str] = frozenset()

    def matches(self, tag: str, qualifier: str) -> bool:
        """True when a segment with ``tag`` and this opener's qualifier element ``qualifier`` opens the loop."""
        return tag == self.tag and (not self.codes or qualifier in self.codes)


@dataclass(frozen=True, slots=True)
class LoopSpec:
    """One loop of the guide: id, name, opening segment, contents in order, and how often it repeats.

    ``layout`` lists the segments (tags) and child loops (ids) in the guide's order; a segment may
    stand once in one loop unless ``max_use`` says more. ``bracketed`` loops stand only between an
    ``LS`` and an ``LE`` of their parent.
    """

    loop_id: str
    name: str
    opener: Opener
    layout: tuple[str, ...]
    max_use: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    repeat: int | None = 1
    bracketed: bool = False

    def segment_limit(self, tag: str) -> int:
        """How many times segment ``tag`` may stand in one of these loops."""
        return self.max_use.get(tag, 1)


def _spec(
    loop_id: str,
    name: str,
    opener: Opener,
    layout: str,
    *,
    max_use: dict[str, int] | None = None,
    repeat: int | None = 1,
    bracketed: bool = False,
) -> LoopSpec:
    return LoopSpec(loop_id, name, opener, tuple(layout.split()), MappingProxyType(max_use or {}), repeat, bracketed)


def _hl(level: str) -> Opener:
    return Opener("HL", 3, frozenset({level}))


def _nm1(*entities: str) -> Opener:
    return Opener("NM1", 1, frozenset(entities))


_BENEFIT_USES = {"HSD": 9, "REF": 9, "DTP": 20, "AAA": 9, "MSG": 10}
_NAME_USES = {"REF": 9, "AAA": 9, "DTP": 9}
#: The entities a 2120 loop may name (NM101): provider, primary care provider, payer, plan sponsor, ...
_BENEFIT_ENTITIES = (
    "13", "1I", "1P", "2B", "36", "73", "7C", "80", "FA", "GP", "GW", "I3", "IL",
    "LR", "P3", "P4", "P5", "PR", "PRP", "SEP", "TTP", "VER", "VN", "VY", "X3", "Y2",
)  # fmt: skip


def _person(letter: str, role: str, entity: str) -> tuple[LoopSpec, ...]:
    """The name, benefit, additional-information and related-entity loops of the subscriber (C) or dependent (D)."""
    return (
        _spec(
            f"2100{letter}",
            f"{role} Name",
            _nm1(entity),
            f"NM1 REF N3 N4 AAA PRV DMG INS HI DTP MPI 2110{letter}",
            max_use=_NAME_USES,
        ),
        _spec(
            f"2110{letter}",
            f"{role} Eligibility or Benefit Information",
            Opener("EB"),
            f"EB HSD REF DTP AAA MSG 2115{letter} LS 2120{letter} LE",
            max_use=_BENEFIT_USES,
            repeat=UNBOUNDED,
        ),
        _spec(
            f"2115{letter}", f"{role} Eligibility or Benefit Additional Information", Opener("III"), "III", repeat=10
        ),
        _spec(
            f"2120{letter}",
            f"{role} Benefit Related Entity Name",
            _nm1(*_BENEFIT_ENTITIES),
            "NM1 N3 N4 PER PRV",
            max_use={"PER": 3},
            repeat=23,
            bracketed=True,
        ),
    )


_SPECS: tuple[LoopSpec, ...] = (
    _spec(FILE, "File", Opener(""), "interchange", repeat=UNBOUNDED),
    _spec("interchange", "Interchange (ISA to IEA)", Opener("ISA"), "ISA group IEA", repeat=UNBOUNDED),
    _spec("group", "Functional group (GS to GE)", Opener("GS"), "GS transaction GE", repeat=UNBOUNDED),
    _spec("transaction", "Transaction set (ST to SE)", Opener("ST"), "ST BHT 2000A SE", repeat=UNBOUNDED),
    _spec("2000A", "Information Source Level", _hl("20"), "HL AAA 2100A 2000B", max_use={"AAA": 9}, repeat=UNBOUNDED),
    _spec(
        "2100A",
        "Information Source Name",
        _nm1("2B", "36", "GP", "P5", "PR"),
        "NM1 PER AAA",
        max_use={"PER": 3, "AAA": 9},
    ),
    _spec("2000B", "Information Receiver Level", _hl("21"), "HL 2100B 2000C", repeat=UNBOUNDED),
    _spec(
        "2100B",
        "Information Receiver Name",
        _nm1("1P", "2B", "36", "80", "FA", "GP", "P5", "PR"),
        "NM1 REF N3 N4 AAA PRV",
        max_use={"REF": 9, "AAA": 9},
    ),
    _spec("2000C", "Subscriber Level", _hl("22"), "HL TRN 2100C 2000D", max_use={"TRN": 3}, repeat=UNBOUNDED),
    *_person("C", "Subscriber", "IL"),
    _spec("2000D", "Dependent Level", _hl("23"), "HL TRN 2100D", max_use={"TRN": 3}, repeat=UNBOUNDED),
    *_person("D", "Dependent", "03"),
)

#: Every loop of the 271 by its id, the envelope's three included.
LOOPS: Mapping[str, LoopSpec] = MappingProxyType({spec.loop_id: spec for spec in _SPECS})
#: The loops that hold one person's benefit lines (EB), and the person's name loops.
BENEFIT_LOOPS = frozenset({"2110C", "2110D"})
PERSON_LOOPS = frozenset({"2000C", "2000D"})


def is_loop(name: str) -> bool:
    """True when ``name`` in a layout is a child loop, not a segment."""
    return name in LOOPS
