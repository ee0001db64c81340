"""Build the tree of loops of a 271 from its segments, with the loop table as the only guide.

Each segment is placed by one rule, the one the implementation guide implies: starting from the
innermost open loop and moving outward, the segment goes into the first loop whose layout allows it
at or after the loop's current place (and not more often than allowed), or opens the first child
loop whose opening segment and qualifier it matches. Moving outward closes the inner loops. A
segment no open loop accepts is kept where it stood and reported; it is never read as a benefit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from coverage.eligibility.loop_table import FILE, LOOPS, LoopSpec, is_loop
from coverage.eligibility.x12_text import Segment


@dataclass(frozen=True, slots=True, repr=False)
class Loop:
    """One loop as read: its own segments in file order and its child loops.

    The repr gives only the loop id and sizes: the segments may hold a patient's name or member id.
    """

    loop_id: str
    segments: tuple[Segment, ...]
    children: tuple[Loop, ...]

    def __repr__(self) -> str:
        return f"<Loop {self.loop_id}: {len(self.segments)} segments, {len(self.children)} loops>"

    @property
    def spec(self) -> LoopSpec:
        """The loop table's entry for this loop."""
        return LOOPS[self.loop_id]

    def first(self, tag: str) -> Segment | None:
        """The first own segment with ``tag``, or None."""
        return next((s for s in self.segments if s.tag == tag), None)

    def all(self, tag: str) -> tuple[Segment, ...]:
        """The own segments with ``tag``, in file order."""
        return tuple(s for s in self.segments if s.tag == tag)

    def walk(self) -> Iterator[Loop]:
        """The loop itself and every loop inside it, parents before children, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def loops(self, *loop_ids: str) -> tuple[Loop, ...]:
        """The loops inside this one (itself included) with one of ``loop_ids``, in file order."""
        return tuple(loop for loop in self.walk() if loop.loop_id in loop_ids)

    def every_segment(self) -> tuple[Segment, ...]:
        """Every segment of this loop and the loops inside it, in file order."""
        return tuple(sorted((s for loop in self.walk() for s in loop.segments), key=lambda s: s.position))


@dataclass(frozen=True, slots=True)
class LoopTree:
    """The whole file as loops, and the segments the guide does not allow where they stood."""

    root: Loop
    misplaced: tuple[str, ...]


@dataclass(slots=True)
class _OpenLoop:
    spec: LoopSpec
    segments: list[Segment] = field(default_factory=list)
    children: list[_OpenLoop] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    place: int = 0

    def takes(self, segment: Segment) -> bool:
        tag = segment.tag
        if tag not in self.spec.layout or is_loop(tag) or self.counts[tag] >= self.spec.segment_limit(tag):
            return False
        if tag == "LE" and not self.counts["LS"]:
            return False
        return self._reach(tag)

    def opens(self, segment: Segment) -> LoopSpec | None:
        for name in self.spec.layout:
            child = LOOPS.get(name)
            if child is None or not child.opener.matches(segment.tag, segment.element(child.opener.element)):
                continue
            full = child.repeat is not None and self.counts[name] >= child.repeat
            outside = child.bracketed and (not self.counts["LS"] or self.counts["LE"])
            if not full and not outside and self._reach(name):
                return child
        return None

    def _reach(self, name: str) -> bool:
        index = self.spec.layout.index(name)
        if index < self.place:
            return False
        self.place = index
        return True

    def add(self, segment: Segment) -> None:
        self.segments.append(segment)
        self.counts[segment.tag] += 1

    def freeze(self) -> Loop:
        return Loop(self.spec.loop_id, tuple(self.segments), tuple(child.freeze() for child in self.children))


def build_tree(segments: tuple[Segment, ...]) -> LoopTree:
    """The loops of ``segments`` (as :func:`~coverage.eligibility.x12_text.tokenize` gives them)."""
    root = _OpenLoop(LOOPS[FILE])
    stack = [root]
    misplaced: list[str] = []
    for segment in segments:
        if not _place(stack, segment, misplaced):
            stack[-1].add(segment)
            spec = stack[-1].spec
            misplaced.append(
                f"Segment {segment.position} ({segment.tag}) is not allowed in loop {spec.loop_id} "
                f"({spec.name}) by the 005010X279A1 guide."
            )
    return LoopTree(root.freeze(), tuple(misplaced))


def _place(stack: list[_OpenLoop], segment: Segment, problems: list[str]) -> bool:
    for depth in range(len(stack) - 1, -1, -1):
        node = stack[depth]
        if node.takes(segment):
            del stack[depth + 1 :]
            node.add(segment)
            return True
        child_spec = node.opens(segment)
        if child_spec is not None:
            del stack[depth + 1 :]
            if segment.tag == "HL":
                problems.extend(_hl_parent_problem(stack, segment))
            child = _OpenLoop(child_spec)
            node.children.append(child)
            node.counts[child_spec.loop_id] += 1
            child.add(segment)
            stack.append(child)
            return True
    return False


def _hl_parent_problem(stack: list[_OpenLoop], segment: Segment) -> list[str]:
    """An HL whose parent id (HL02) is not the HL of the loop it stands under."""
    parent = next((node.segments[0] for node in reversed(stack) if node.spec.opener.tag == "HL"), None)
    expected = parent.element(1) if parent is not None else ""
    if segment.element(2) == expected:
        return []
    return [
        f"Segment {segment.position} (HL {segment.element(1)}) names parent HL {segment.element(2) or 'none'}, "
        f"but stands under HL {expected or 'none'}."
    ]
