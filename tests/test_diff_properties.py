"""Property tests of the diff: generated documents, generated edits (insert, delete, move,
renumber, reword), and the reported changes must account for every edit and nothing else.

A document is a few sections ("I.", "II.", ...) of numbered paragraphs, numbered on
through the whole document as UN and ASEAN texts are; every paragraph is "The Parties
shall" and words of its own, so paragraphs share boilerplate but no two are alike. An
edit is applied to the list of paragraphs, the labels are given afresh (an insertion or
deletion renumbers all that follow), and what each paragraph became is known. Then:

* a paragraph only in the old list is one ``deleted``, only in the new one ``inserted``;
* a paragraph whose text changed is one ``modified`` (a light rewording: one word);
* a paragraph under another section is ``moved``; among the paragraphs that stayed in
  their section with their text, those reported ``moved`` must be as few as the order
  allows (as many as the paragraphs left out of a longest run kept in order: which ones,
  when two runs are as long, is the diff's choice) and the rest must be in order;
* any other paragraph is ``renumbered`` exactly when its label changed, else not reported;
* sections, whose text never changes, are not reported; nothing else is.

Two equivalences are allowed, and no others: a heavy rewording (all but three words
replaced) may come as a ``deleted`` and an ``inserted``; and a paragraph struck out with
another put in its place, under its number, may come as one ``modified`` (the two share
the boilerplate, which is above the label pass's floor).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

import aseandocs
from aseandocs.comparison import diff

# Left out of the quick check (pytest -m "not slow"): property tests with document-sized inputs.
pytestmark = pytest.mark.slow

_SYLLABLES = ["ba", "ke", "to", "ru", "mo", "ne", "sa", "pu", "go", "fe", "ta", "no"]
POOL = ["".join(p) for p in itertools.product(_SYLLABLES, repeat=3)]  # 1,728 words, none a numeral
WORDS = 8
ROMAN = ["I", "II", "III", "IV"]


@dataclass(frozen=True)
class Para:
    ident: int
    section: int
    words: tuple[str, ...]

    @property
    def text(self) -> str:
        return "The Parties shall " + " ".join(self.words) + "."


def render(sections: int, paragraphs: list[Para], gap_at: int | None = None) -> str:
    """The document; labels from 1 in order, skipping one number from ``gap_at`` on."""
    out = []
    ordered = sorted(paragraphs, key=lambda p: p.section)  # stable: keeps the order within each section
    label = 0
    for s in range(sections):
        out.append(f"{ROMAN[s]}. Heading {POOL[-1 - s]}")
        for para in (p for p in ordered if p.section == s):
            label += 1
            shown = label + (1 if gap_at is not None and label >= gap_at else 0)
            out.append(f"{shown}. {para.text}")
    return "\n\n".join(out) + "\n"


def labels(sections: int, paragraphs: list[Para], gap_at: int | None = None) -> dict[int, int]:
    ordered = sorted(paragraphs, key=lambda p: p.section)
    return {p.ident: i + 1 + (1 if gap_at is not None and i + 1 >= gap_at else 0) for i, p in enumerate(ordered)}


@st.composite
def documents(draw: st.DrawFn) -> tuple[int, list[Para], list[str]]:
    sections = draw(st.integers(1, 3))
    count = draw(st.integers(3, 18))
    # Words drawn by a seeded shuffle: a permutation of the whole pool is too large a draw.
    fresh = draw(st.randoms(use_true_random=False)).sample(POOL[:-4], (count + 12) * WORDS)  # the last words name the sections
    chunks = [tuple(fresh[i * WORDS : (i + 1) * WORDS]) for i in range(count)]
    # Each section holds at least one paragraph, in order.
    cuts = sorted(draw(st.lists(st.integers(1, count - 1), min_size=sections - 1, max_size=sections - 1, unique=True))) if sections > 1 else []
    bounds = [0, *cuts, count]
    paras = [Para(i, s, chunks[i]) for s in range(sections) for i in range(bounds[s], bounds[s + 1])]
    spare = list(fresh[count * WORDS :])
    return sections, paras, spare


EDITS = ("insert", "delete", "move", "renumber", "reword", "heavy")


@st.composite
def edited(draw: st.DrawFn) -> tuple[int, list[Para], list[Para], int | None, set[int]]:
    """Old paragraphs, new paragraphs, the renumbering gap (if any), the heavily reworded."""
    sections, old, spare = draw(documents())
    new = list(old)
    gap_at = None
    heavy: set[int] = set()
    kinds = draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3))
    touched: set[int] = set()
    next_ident = len(old)
    for kind in kinds:
        free = [i for i, p in enumerate(new) if p.ident not in touched]
        if kind == "renumber":
            gap_at = draw(st.integers(0, 10_000))  # placed once the other edits are made
            continue
        if kind == "insert":
            at = draw(st.integers(0, len(new)))
            section = new[min(at, len(new) - 1)].section if new else 0
            words, spare = tuple(spare[:WORDS]), spare[WORDS:]
            new.insert(at, Para(next_ident, section, words))
            touched.add(next_ident)
            next_ident += 1
            continue
        if not free or (kind == "delete" and len(new) <= sections):
            continue
        at = draw(st.sampled_from(free))
        para = new[at]
        touched.add(para.ident)
        if kind == "delete":
            del new[at]
        elif kind == "move":
            del new[at]
            to = draw(st.integers(0, len(new)))
            section = draw(st.integers(0, sections - 1))
            new.insert(to, Para(para.ident, section, para.words))
        elif kind == "reword":
            where = draw(st.integers(0, WORDS - 1))
            words = list(para.words)
            words[where], spare = spare[0], spare[1:]
            new[at] = Para(para.ident, para.section, tuple(words))
        else:  # heavy: all but three words replaced
            words = list(para.words[:3]) + spare[: WORDS - 3]
            spare = spare[WORDS - 3 :]
            new[at] = Para(para.ident, para.section, tuple(words))
            heavy.add(para.ident)
    if gap_at is not None:
        # A number skipped before any but a section's first paragraph: a section opening on
        # "2." is read as not holding its paragraphs, a matter of reading, not of the diff.
        ordered = sorted(new, key=lambda p: p.section)
        inner = [i + 1 for i, p in enumerate(ordered) if i and ordered[i - 1].section == p.section]
        gap_at = inner[gap_at % len(inner)] if inner else None
    return sections, old, new, gap_at, heavy


def _increasing_run(values: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for value in values:
        at = bisect.bisect_left(tails, value)
        tails[at : at + 1] = [value]
    return len(tails)


@given(edited())
def test_the_changes_account_for_every_edit_and_nothing_else(case: tuple[int, list[Para], list[Para], int | None, set[int]]) -> None:
    sections, old, new, gap_at, heavy = case
    old_doc, new_doc = aseandocs.parse(render(sections, old)), aseandocs.parse(render(sections, new, gap_at))
    result = diff(old_doc, new_doc)
    old_of = {p.ident: p for p in old}
    new_of = {p.ident: p for p in new}
    old_label, new_label = labels(sections, old), labels(sections, new, gap_at)

    old_by_text = {p.text: p for p in old}
    new_by_text = {p.text: p for p in new}
    reported: dict[int, list[str]] = {}
    for change in result.changes:
        assert change.kind != "section", change  # the headings never change
        # Every change is of paragraphs this test knows.
        was = old_by_text[change.old_text] if change.old_text is not None else None
        now = new_by_text[change.new_text] if change.new_text is not None else None
        if was is not None and now is not None and was.ident != now.ident:
            # One paragraph struck out and another put in its place, under its number.
            assert change.change == "modified" and was.ident not in new_of and now.ident not in old_of, change
            assert old_label[was.ident] == new_label[now.ident], change
            reported.setdefault(was.ident, []).append("deleted")
            reported.setdefault(now.ident, []).append("inserted")
            continue
        reported.setdefault((was or now).ident, []).append(change.change)  # type: ignore[union-attr]

    stayed: list[Para] = []
    for ident in sorted(set(old_of) | set(new_of)):
        got = sorted(reported.get(ident, []))
        if ident not in new_of:
            assert got == ["deleted"], (ident, got)
        elif ident not in old_of:
            assert got == ["inserted"], (ident, got)
        elif old_of[ident].words != new_of[ident].words:
            allowed = [["modified"], ["deleted", "inserted"]] if ident in heavy else [["modified"]]
            assert got in allowed, (ident, got)
        elif old_of[ident].section != new_of[ident].section:
            assert got == ["moved"], (ident, got)
        else:
            stayed.append(old_of[ident])
    # Among the paragraphs that kept their section and text: as few moves as the order allows.
    for section in range(sections):
        kept = [p for p in old if p in stayed and p.section == section]
        position = {p.ident: i for i, p in enumerate(q for q in new if q.section == section)}
        run = _increasing_run([position[p.ident] for p in kept])
        moved = [p for p in kept if reported.get(p.ident) == ["moved"]]
        assert len(moved) == len(kept) - run, (section, [p.ident for p in moved])
        rest = [position[p.ident] for p in kept if p not in moved]
        assert rest == sorted(rest)
        for p in kept:
            if p in moved:
                continue
            expected = ["renumbered"] if old_label[p.ident] != new_label[p.ident] else []
            assert reported.get(p.ident, []) == expected, (p.ident, reported.get(p.ident))


@given(edited())
def test_swapping_the_sides_mirrors_generated_edits(case: tuple[int, list[Para], list[Para], int | None, set[int]]) -> None:
    sections, old, new, gap_at, _ = case
    old_doc, new_doc = aseandocs.parse(render(sections, old)), aseandocs.parse(render(sections, new, gap_at))
    mirror = {"inserted": "deleted", "deleted": "inserted"}
    forward = sorted((c.change, c.old_text, c.new_text) for c in diff(old_doc, new_doc).changes)
    backward = sorted((mirror.get(c.change, c.change), c.new_text, c.old_text) for c in diff(new_doc, old_doc).changes)
    assert backward == forward
