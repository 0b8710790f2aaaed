"""Pass: hierarchy. A label continues the open level of its numbering style, reopens a
level an unlabelled paragraph interrupted, or opens a level under the current one; keyword
labels rank by their words, indentation (element depth in HTML) breaks ties."""

from __future__ import annotations

from dataclasses import dataclass

from aseandocs.diagnostics import Diagnostic
from aseandocs.layout import LineIndex
from aseandocs.numbering import Label, is_inserted, plain_label
from aseandocs.structure.units import (
    _opens_annex,
    _CLAUSE_MARKS,
    _SENTENCE_MARKS,
    MAX_DEPTH,
    _ends_with_mark,
    _Unit,
)
from aseandocs.vocabulary import Vocabulary

# ---- pass 3 and 4: nesting and roles ----------------------------------------------------------


_SECTION_STYLES = ("roman-upper", "arabic", "alpha-upper", "keyword")


def _heading_like(unit: _Unit) -> bool:
    if unit.kind == "section":
        return True
    if unit.label is None or not unit.label.style.startswith(_SECTION_STYLES) or unit.continued:
        return False
    # The last character settles most clauses, and is cached for the roles pass.
    final = unit.final_char()
    if final and final in _CLAUSE_MARKS:
        return False  # read from the source: ends a sentence or a clause
    if unit.line_count() > 2:
        return False
    if ";" in unit.text and "<" not in unit.text:
        return False  # the flattened text keeps every ";" unless a tag held it
    text = unit.plain()
    if not text or len(text) > 110 or not text[0].isupper():
        return False
    if ";" in text or _ends_with_mark(text, _SENTENCE_MARKS) or text.endswith((",", " and", " or")):
        return False
    return True


def _same_sequence(style: str, open_style: str, open_value: int = 0) -> bool:
    """Whether a label of ``style`` may continue an open level of ``open_style``: the same
    style, or a dotted number after bare ones ("3 The framework ..." then "4. While ..."),
    which an extraction that dropped the dots of the first paragraphs prints, or "2." after
    an "I." that OCR read for "1."."""
    return (
        style == open_style
        or (style == "arabic-dot" and open_style == "arabic-bare")
        or (style == "arabic-dot" and open_style == "roman-upper-dot" and open_value == 1)
    )


def _restart_under_item(label: Label, top: "_Level", restart: int, stack: list["_Level"]) -> bool:
    """Whether a first number ("1.") read after a lettered or roman item opens a list of
    that item rather than restarting the numbers above it: a list restarts only where
    something closed the item first (a heading, a division); "d. The following ...:" /
    "1. ..." is the item's own list."""
    return (
        label.style.startswith("arabic")
        and top.style.startswith(("alpha-lower", "roman-lower"))
        and restart < len(stack) - 1
    )


@dataclass(slots=True)
class _Level:
    unit: _Unit
    style: str
    value: int
    indent: int
    children: list[_Unit]  # the unit's children, as a list the builder appends to


KEYWORD_RANKS = {"part": 0, "title": 1, "book": 2, "module": 3, "chapter": 4, "section": 5}
"""Keyword labels that divide a document, by rank, highest first; every other keyword
(article, regulation, rule) takes the rank below them all."""


def _keyword_rank(style: str) -> int | None:
    """The rank of a keyword label's style ("keyword:chapter"), None for other styles."""
    if not style.startswith("keyword:"):
        return None
    return KEYWORD_RANKS.get(style[len("keyword:") :], len(KEYWORD_RANKS))


class _Builder:
    def __init__(self, vocab: Vocabulary, diagnostics: list[Diagnostic], lines: LineIndex) -> None:
        self.vocab = vocab
        self.diagnostics = diagnostics
        self.lines = lines
        self.top: list[_Unit] = []
        self.stack: list[_Level] = []
        # The levels an unlabelled paragraph closed, the container it went to and where in
        # it: a later label that continues one of those levels reopens it (see _reopen).
        self.suspended: tuple[list[_Level], list[_Unit], int] | None = None
        # While an amending provision sets out the text it inserts: the levels open at its
        # lead-in, as (style, value); the next label that continues one of them ends it.
        self.inserting: list[tuple[str, int]] | None = None
        # Per keyword style, the last value opened, the levels it was opened under and how
        # many annexes had begun by then.
        self.keyword_ancestors: dict[str, tuple[int, list[_Level], int]] = {}
        self.annexes = 0
        # The last value of each label style read inside inserted text.
        self.inserted_last: dict[str, int] = {}

    def start_inserting(self, unit: _Unit) -> None:
        """After an amending lead-in ("Replace Article 35 ... with the following:"): what
        follows is the text it inserts into another instrument, up to the next label that
        continues a level open here (the provision's own next article or paragraph)."""
        self.inserting = [(level.style, level.value) for level in self.stack]

    def ends_insertion(self, unit: _Unit) -> bool:
        if unit.kind in ("closing", "trailer"):
            return True
        open_levels = self.inserting or ()
        return any(label.style == style and label.value == value + 1 for label in unit.labels for style, value in open_levels)

    def resumes_insertion(self, unit: _Unit) -> bool:
        """Whether a label continues the labels of text inserted before ("ARTICLE 38" after
        an inserted "ARTICLE 37", where the provision's own "ARTICLE VIII" came between)
        and no level open here: the next piece of inserted text, whose lead-in is missing."""
        if not self.inserted_last:
            return False
        for label in unit.labels:
            # Divisions only: numbered paragraphs restart in every article.
            if not label.style.startswith("keyword:"):
                continue
            if self.inserted_last.get(label.style) == label.value - 1 and not any(
                level.style == label.style and level.value == label.value - 1 for level in self.stack
            ):
                return True
        return False

    def add_inserted(self, unit: _Unit) -> None:
        """Text an amending provision inserts: content of that provision, not nodes of this
        document; its labels stay in its text."""
        for label in unit.labels:
            self.inserted_last[label.style] = label.value
        if unit.kind in ("clause", "section"):
            unit.kind = "paragraph"
            unit.labels, unit.label = (), None
        self._container().append(unit)

    def note(self, unit: _Unit, code: str, message: str) -> None:
        # Columns count characters, as editors and compilers do: a tab is one column.
        column = len(unit.indent) - len(unit.indent.lstrip(" \t\u00a0")) + 1
        if unit.block.run_on:
            # A block that starts inside a line: its column is where it starts.
            column = self.lines.column_of(unit.block.offset) + column - 1
        line = self.lines.line_of_block(unit.block)
        self.diagnostics.append(Diagnostic(line=line, column=column, code=code, message=message))

    def _container(self) -> list[_Unit]:
        """Where the next node goes: under the deepest open level that leaves it room."""
        if len(self.stack) >= MAX_DEPTH:
            return self.stack[MAX_DEPTH - 2].children
        return self.stack[-1].children if self.stack else self.top

    def _pop_to_section(self) -> None:
        while self.stack and not (self.stack[-1].unit.kind == "section" or self.stack[-1].unit.heading_level):
            self.stack.pop()

    def add_unnumbered(self, unit: _Unit) -> None:
        if _opens_annex(unit):
            self.annexes += 1
        if unit.kind in ("page_debris", "markup", "table"):
            # Page furniture sits where it fell, without closing any open list.
            self._container().append(unit)
            return
        if unit.kind == "heading" and self.stack and self.stack[-1].unit.kind == "section" and not self.stack[-1].unit.plain() and not self.stack[-1].children:
            # "Chapter 1" then "General": the heading of the label before it.
            self._container().append(unit)
            return
        if unit.kind == "heading" and unit.block.depth is not None:
            # In HTML a heading closes only the levels its element is not nested in.
            width = unit.indent_width()
            while self.stack and self.stack[-1].indent >= width:
                self.stack.pop()
            self._container().append(unit)
            return
        if unit.kind == "heading":
            # A deeper markdown heading stays inside the section it titles; others close all.
            while self.stack and not (unit.heading_level and 0 < self.stack[-1].unit.heading_level < unit.heading_level):
                self.stack.pop()
            self._container().append(unit)
            return
        if unit.kind == "item" and self.stack:
            holder = self.stack[-1].unit
            if holder.kind != "section" and (holder.final_char() == ":" or (holder.children and holder.children[-1].kind == "item")):
                self._container().append(unit)
                return
        before = list(self.stack)
        if unit.kind == "paragraph" and self.stack:
            announced = None
            for i in range(len(self.stack) - 1, -1, -1):
                holder = self.stack[i].unit
                if holder.kind != "section" and holder.final_char() == ":":
                    announced = i
                    break
            if announced is not None and announced < len(self.stack) - 1 and unit.final_char() != ":":
                # An item that announced a list ("... in this regard:") holds the list's
                # unlabelled entries too, until a label at its level or above.
                del self.stack[announced + 1 :]
            top = self.stack[-1]
            # An indented paragraph, a lead-in to sub-items ("work could include:"), or a
            # paragraph under an item that announced sub-items ("... in this regard:") stays in it.
            if top.unit.kind != "section" and (
                unit.indent_width() > top.indent or unit.final_char() == ":" or top.unit.final_char() == ":"
            ):
                self._suspend(unit, before)
                self._container().append(unit)
                return
        if unit.kind in ("closing", "trailer", "formula", "preface", "adoption", "header", "front_matter", "title"):
            self.stack.clear()
            self.suspended = None
        else:
            self._pop_to_section()
            self._suspend(unit, before)
        self._container().append(unit)

    def _suspend(self, unit: _Unit, before: list[_Level]) -> None:
        """Remember the levels an unlabelled paragraph closed (see :meth:`_reopen`)."""
        if unit.kind == "paragraph" and len(self.stack) < len(before) and self.suspended is None:
            container = self._container()
            self.suspended = (before, container, len(container))
        elif unit.kind != "paragraph":
            self.suspended = None

    def _reopen(self, labels: tuple[Label, ...], indent: int) -> None:
        """Reopen the levels an unlabelled paragraph closed, where ``labels`` continue one.

        "(a) ..." / "Police officers of one party ..." / "(b) ...": the paragraph ends no
        list, since (b) continues (a); it moves into (a), the item it continues, so every
        node keeps its place in the text.
        """
        if self.suspended is None:
            return
        before, container, start = self.suspended
        self.suspended = None
        for index in range(len(before) - 1, len(self.stack) - 1, -1):
            level = before[index]
            if any(label.style == level.style and label.value == level.value + 1 for label in labels) and indent <= level.indent + 1:
                moved = container[start:]
                del container[start:]
                self.stack = before[: index + 1]
                # The paragraph continues the item before it: it goes into that item.
                level.children.extend(moved)
                return

    def add_numbered(self, unit: _Unit) -> None:
        indent = unit.indent_width()
        labels = unit.labels or (Label("other", 0),)
        self._reopen(labels, indent)
        rank = _keyword_rank(labels[0].style)
        if rank is not None:
            self._back_to_predecessor(labels)
            # A keyword label never sits under one of a lower or equal rank ("TITLE I" after
            # "ARTICLE 1"), nor under a numbered paragraph or item.
            while self.stack:
                above = _keyword_rank(self.stack[-1].style)
                if above is not None and above < rank:
                    break
                if above is not None and above == rank and any(
                    label.style == self.stack[-1].style and label.value == self.stack[-1].value + 1 for label in labels
                ):
                    break  # its predecessor: step 1 below closes it
                self.stack.pop()
        chosen: Label | None = None
        level_index: int | None = None
        # 1. The successor of an open level of the same style ("5 bis" follows 5 as a sibling).
        inserted = unit.num is not None and is_inserted(unit.num)
        # A paragraph outranks the items of its multi-level sub-paragraphs: "3" after "2.3"
        # and its items "1", "2" follows paragraph 2.
        outer = self._paragraph_before_decimals(labels)
        if outer is not None:
            chosen, level_index = outer
        for index in range(len(self.stack) - 1, -1, -1) if chosen is None else ():
            level = self.stack[index]
            for label in labels:
                step = 0 if inserted else 1
                if _same_sequence(label.style, level.style, level.value) and label.value == level.value + step and indent <= level.indent + 1:
                    chosen, level_index = label, index
                    if label.style != level.style and level.style.startswith("roman"):
                        self.note(level.unit, "ocr-label", f"label {level.unit.num!r} read as 1, continued by {unit.num!r}")
                    break
            if chosen:
                break
        if chosen is None and unit.num is not None and labels[0].style.startswith("decimal"):
            self._close_for_decimal(unit.num)
        # 2. A first label (1, a, i) opens a level below, unless it restarts a level at its own indent.
        if chosen is None:
            firsts = [label for label in labels if label.is_first]
            if firsts:
                label = firsts[0]
                top = self.stack[-1] if self.stack else None
                restart = next(
                    (
                        i
                        for i in range(len(self.stack) - 1, -1, -1)
                        if self.stack[i].style == label.style
                        and self.stack[i].indent >= indent
                        and not _heading_like(self.stack[i].unit)
                    ),
                    None,
                )
                if top is not None and restart is not None and _restart_under_item(label, top, restart, self.stack):
                    restart = None
                if top is None or restart is None:
                    chosen, level_index = label, None
                else:
                    chosen, level_index = label, restart
                    if self.stack[restart].value != 1:
                        unit.restarts = True
        # 3. Any open level of the same style (a gap or a repeat in the numbering).
        if chosen is None:
            for index in range(len(self.stack) - 1, -1, -1):
                level = self.stack[index]
                match = next((label for label in labels if label.style == level.style), None)
                if match is not None:
                    chosen, level_index = match, index
                    expected = level.value + 1
                    if match.value == level.value and match.value == 1:
                        pass  # auto-numbered lists write every item "1."
                    else:
                        self.note(unit, "numbering", f"expected item {expected} after {level.unit.num!r}, found {unit.num!r}")
                    break
        if chosen is None:
            chosen = labels[0]
            if chosen.value > 1 and self.stack:
                self.note(unit, "numbering", f"list starts at {unit.num!r}")
        unit.label = chosen
        if chosen.style.startswith("other"):
            self.note(unit, "marker", f"label {unit.num!r} follows no known numbering style")
        if level_index is not None:
            del self.stack[level_index:]
        if unit.kind != "section" and _heading_like(unit):
            unit.kind = "section"
        if len(self.stack) >= MAX_DEPTH:
            self.note(unit, "depth", f"nesting deeper than {MAX_DEPTH} levels is kept flat")
            del self.stack[MAX_DEPTH - 1 :]
        self._container().append(unit)
        children: list[_Unit] = []
        unit.children = children
        if rank is not None:
            self.keyword_ancestors[chosen.style] = (chosen.value, list(self.stack), self.annexes)
        self.stack.append(_Level(unit, chosen.style, chosen.value, indent, children))

    def _paragraph_before_decimals(self, labels: tuple[Label, ...]) -> tuple[Label, int] | None:
        """The open paragraph that ``labels`` continue, where a multi-level sub-paragraph
        of it ("2.3") is open above it, and the level it is found at."""
        for index in range(len(self.stack) - 1, 0, -1):
            level = self.stack[index]
            if not level.style.startswith("decimal") or level.unit.num is None:
                continue
            parts = plain_label(level.unit.num).split(".")
            below = self.stack[index - 1]
            if len(parts) != 2 or below.unit.num is None or plain_label(below.unit.num) != parts[0]:
                continue
            for label in labels:
                if label.style == below.style and label.value == below.value + 1:
                    return label, index - 1
            return None
        return None

    def _close_for_decimal(self, num: str) -> None:
        """A multi-level number belongs to the paragraph its leading parts name: "3.1" after
        paragraph 2 is part of paragraph 3, which was not printed, so it stands where 3
        would, beside 2, not inside it, and "4" continues 3. Inside a paragraph numbered
        "3" it stays there."""
        parts = plain_label(num).split(".")
        if len(parts) != 2 or not parts[0].isdigit():
            return
        head = int(parts[0])
        for index in range(len(self.stack) - 1, -1, -1):
            level = self.stack[index]
            if level.unit.num is not None and plain_label(level.unit.num) == parts[0]:
                return
            if level.style.startswith("arabic") and level.value + 1 == head:
                # The unprinted paragraph stays open in its place, holding nothing of its
                # own: what goes in it goes beside 2, and "4" continues it.
                parent = self.stack[index - 1].children if index else self.top
                self.stack[index:] = [_Level(level.unit, level.style, head, level.indent, parent)]
                return

    def _back_to_predecessor(self, labels: tuple[Label, ...]) -> None:
        """A keyword label that continues a closed level of its style ("CHAPTER 3" after
        "CHAPTER 2", where an annex between them opened "PART A" and "PART B") is that
        level's sibling: the divisions of a style its predecessor was not inside belong
        to the annex. Without an annex between, divisions hold what follows, as numbering
        runs on across them ("TITLE I" after "Article 2" holds "Article 3")."""
        for label in labels:
            known = self.keyword_ancestors.get(label.style)
            if known is None or label.value != known[0] + 1 or any(level.style == label.style for level in self.stack):
                continue
            ancestors = known[1]
            if known[2] == self.annexes:
                return
            styles = {level.style for level in ancestors}
            if any(level.style.startswith("keyword:") and level.style not in styles for level in self.stack):
                self.stack = list(ancestors)
            return


def _nest(units: list[_Unit], builder: _Builder) -> list[_Unit]:
    vocab = builder.vocab
    for unit in units:
        if builder.inserting is not None:
            if not builder.ends_insertion(unit):
                builder.add_inserted(unit)
                continue
            builder.inserting = None
        elif unit.kind in ("clause", "section") and unit.labels and builder.resumes_insertion(unit):
            builder.start_inserting(unit)
            builder.add_inserted(unit)
            continue
        if unit.kind in ("clause", "section") and unit.labels:
            builder.add_numbered(unit)
        else:
            builder.add_unnumbered(unit)
        if unit.final_char() == ":" and unit.kind in ("clause", "section", "paragraph") and vocab.is_amending_lead_in(unit.plain()):
            builder.start_inserting(unit)
    return builder.top
