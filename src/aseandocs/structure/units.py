"""Units: the blocks on their way to nodes, with their reading view and label cut.

A unit is one block of the layout (or a part of one the segmentation pass split off) with
its indent, label, gap and text cut the way the grammar's line parts recognised them; its
reading view (``plain``, ``reading``) is what every later pass classifies.
"""

from __future__ import annotations

import functools
import html
import re

from aseandocs import layout
from aseandocs import models as m
from aseandocs.markup import reading_view
from aseandocs.blocks import RawBlock, count_breaks
from aseandocs.numbering import Label, candidates
from aseandocs.vocabulary import Vocabulary

# Spaces (as str.isspace and str.strip count them) and emphasis marks, at the end of a text.
_MARKS_AND_SPACES = re.compile(r"[\s*_]*")

MAX_DEPTH = m.MAX_DEPTH
"""Deepest nesting built; deeper labels become siblings at this depth, with a diagnostic."""



@functools.cache
def _label_splitters() -> dict[str, re.Pattern[str]]:
    """Per labelled block kind, a pattern cutting its first line into indent, label and gap.

    Built from the grammar's own parts (aseandocs.layout.line_parts), so a line is cut
    exactly where the grammar recognised its label.
    """
    p = layout.line_parts()
    space = p["LABEL_SPACE"]
    return {
        # A lone label ("12", "IV") is cut like a label with text.
        "item": re.compile(
            f"(?P<indent>{p['ITEM_LEAD']})(?P<num>{p['ITEM_LABEL']}|{p['LONE_LABEL']})(?P<gap>{p['ITEM_CLOSE']}{space}*)"
        ),
        "keyword_heading": re.compile(
            f"(?P<indent>{p['KEYWORD_LEAD']})(?P<num>{p['KEYWORD_LABEL']})"
            f"(?P<gap>{p['KEYWORD_CLOSE']}(?:{p['KEYWORD_SEPARATOR']}{space}*)?)"
        ),
        "closing": re.compile(
            f"(?P<indent>{p['CLOSING_LEAD']})(?P<num>{p['CLOSING_NUMBER']})?(?P<gap>{space}*{p['CLOSING_MARK']})"
        ),
        "bullet": re.compile(f"(?P<indent>{space}*)(?P<num>{p['BULLET_MARK']})(?P<gap>{space}+)"),
    }


_INDENT_CHARS = (" ", "\t", "\u00a0")
_INDENT = re.compile(r"[ \t\u00a0]*")
_HEADING_LEVEL = re.compile(r"[ \t]*(#{1,6})")
_RULE = re.compile(r"^(?:[-*_][ \t]*){3,}$")
_MARKED_FOOTNOTE = re.compile(r"^\s*(?:\\?\[\d{1,3}\\?\]|<a\b[^>]*>\s*\[\d{1,3}\]|\[\^[^\]]+\]:)")
_FOOTNOTE = re.compile(r"^\s*(?:\d{1,3}\s+\S|\[\^[^\]]+\]:|\*\s)")
_PREFACE_LEAD = re.compile(r"(?i)\b(?:reads?|read\s+in\s+full)\s+as\s+follows\s*:?\s*$|\bfull\s+text\b.*:\s*$")
_ADOPTION = re.compile(r"^\W*(?:Adopted|ADOPTED|Issued|ISSUED)\s+(?:by|at|in|on)\b")
_MEETING = re.compile(r"^\W*\d+(?:st|nd|rd|th)\s+(?:plenary\s+)?meeting\b", re.IGNORECASE)
_CLOSING_AT_END = re.compile(r"^\W*(?:issued|adopted|done|signed)\s+(?:at|in|on|by)\b", re.IGNORECASE)
_ANNEX = re.compile(r"^\W*(?:ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|ATTACHMENT|Attachment)\b(?![,;])")
_SENTENCE_MARKS = ".;:!?"
_CLAUSE_MARKS = _SENTENCE_MARKS + ","
_CLOSERS = "\"'”’)]*_ \t\u00a0"  # what may follow the last mark: closing quotes, emphasis, spaces
_GAP = " \t\u00a0"


def _opens_annex(unit: _Unit) -> bool:
    """Whether a unit is the heading of an annex, appendix or schedule: a text of its own."""
    return unit.kind in ("heading", "paragraph") and _ANNEX.match(unit.head) is not None and len(unit.plain()) < 250


def _ends_with_mark(text: str, marks: str) -> bool:
    """Whether ``text`` ends with one of ``marks``, perhaps followed by closers and then a
    footnote number of one to three digits ("... agreed.” 12").

    Read from the end, so its cost does not grow with the text (a regular expression
    anchored at the end would try every mark in the text).
    """
    if text.endswith("\n"):
        text = text[:-1]
    closed = text.rstrip(_CLOSERS)
    if closed and closed[-1] in marks:
        return True
    body = text.rstrip(_GAP)
    start = len(body)
    while start > 0 and len(body) - start < 4 and body[start - 1].isdecimal():
        start -= 1
    if not 0 < len(body) - start < 4 or (start > 0 and body[start - 1].isdecimal()):
        return False
    closed = body[:start].rstrip(_CLOSERS)
    return bool(closed) and closed[-1] in marks


_TRAILER = re.compile(
    r"^\W*(?:Source\s*:|\d+(?:st|nd|rd|th)\s+plenary\s+meeting|\d+(?:st|nd|rd|th)\s+meeting|\\?#{1,6}\s*$|\[?End\b)",
    re.IGNORECASE,
)


# ---- working representation -------------------------------------------------------------


class _Unit:
    """A block on its way to becoming a node.

    Most units keep the defaults below, so they are class attributes that an instance
    overrides only where it differs (a unit is built for every block of every text).
    """

    labels: tuple[Label, ...] = ()
    label: Label | None = None
    # Empty and shared until needed: a list once the block resumes after a page break or
    # opens a level.
    continued: list[m.Continuation] | tuple[()] = ()
    children: list[_Unit] | tuple[()] = ()
    heading_level = 0
    bullet = ""
    repeated = False  # a paragraph whose lines all recur elsewhere (a running header)?
    restarts = False  # its label restarts a list that had gone past 1
    _plain: str | None = None
    _reading: str | None = None
    _head: str | None = None
    _final: str | None = None
    _lines = -1
    # The opening phrases, once read (None is a valid reading).
    _preambular: str | None = None
    _preambular_read = False
    _operative: str | None = None
    _operative_read = False

    def __init__(
        self, kind: str, block: RawBlock, indent: str = "", num: str | None = None, gap: str = "", text: str = ""
    ) -> None:
        self.kind = kind  # model kind to build
        self.block = block
        self.indent = indent
        self.num = num
        self.gap = gap
        self.text = text

    @property
    def offset(self) -> int:
        return self.block.offset

    @property
    def head(self) -> str:
        """The start of :attr:`reading` (its first 300 characters' reading view): what the
        tests that read how a block opens need, without taking a long block's markup out."""
        clean = self.block.clean
        if clean is not None:
            return clean[:300]
        if self._head is None:
            self._head = self._reading[:300] if self._reading is not None else reading_view(self.text[:300])
        return self._head

    @property
    def reading(self) -> str:
        """The unit's own text as a reader sees it: the HTML reader's view, else the text
        with its markdown and inline markup taken out (:func:`aseandocs.markup.reading_view`)."""
        clean = self.block.clean
        if clean is not None:
            return clean
        if self._reading is None:
            self._reading = reading_view(self.text)
        return self._reading

    def body(self) -> str:
        """The unit's own first part as written: label, gap and text, without its line break."""
        return self.indent + (self.num or self.bullet) + self.gap + self.text

    def source(self) -> str:
        """The unit's own text, page breaks included, without its trailing blank lines."""
        return self.body() + self.block.eol + "".join(c.page_break.text + c.text + c.eol for c in self.continued)

    def line_count(self) -> int:
        """Lines of the unit's first part (cached; merging header units resets it)."""
        if self._lines < 0:
            # Only the text can hold line breaks; indent, label and gap are within a line.
            self._lines = count_breaks(self.text) + 1 if self.text or self.indent or self.num or self.bullet or self.gap or self.block.eol else 0
        return self._lines

    def plain(self) -> str:
        if self._plain is None:
            clean = self.block.clean
            self._plain = m.flatten_text(self.text, *(c.text for c in self.continued)) if clean is None else clean
        return self._plain

    def source_end(self) -> str:
        """The last part of the source without its trailing spaces and emphasis: where it
        is not empty and does not end in a tag, it ends as :meth:`plain` does."""
        last = self.continued[-1].text if self.continued else self.text
        end = last.rstrip()
        if not end.endswith(("*", "_")):
            return end
        # Stripping one run of marks and one of spaces per pass is quadratic on "_ _ _ ...":
        # the run of marks and spaces is matched once, on the text read backwards.
        tail = _MARKS_AND_SPACES.match(end[::-1])
        return end[: len(end) - tail.end()] if tail else end

    def final_char(self) -> str:
        """The last character of :meth:`plain` ('' if it is empty), read from the end of the
        source wherever that settles it, which spares flattening the whole text."""
        if self._final is None:
            end = self.source_end()
            # A tag may end the source ("...:</u>"); an empty last part leaves it to the parts before.
            self._final = end[-1] if end and end[-1] != ">" else self.plain()[-1:]
        return self._final

    def may_end_operative_formula(self, vocab: Vocabulary) -> bool:
        """False where :meth:`Vocabulary.is_operative_formula` cannot accept :meth:`plain`."""
        end = self.source_end()
        return not end or end.endswith(">") or vocab.may_end_operative_formula(end)

    def resume_with(self, later: _Unit, page_break: str) -> None:
        """Take ``later`` as the part of this block that resumes after ``page_break``."""
        resumed = m.Continuation(page_break=m.PageBreak(text=page_break), text=later.body(), eol=later.block.eol)
        continued = self.continued
        if not isinstance(continued, list):
            continued = self.continued = []
        # In place: a block may resume many times, and copying the list each time is quadratic.
        continued.append(resumed)
        self.block.trailing = later.block.trailing
        self._plain = self._final = None

    def preambular_phrase(self, vocab: Vocabulary) -> str | None:
        if not self._preambular_read:
            self._preambular = vocab.preambular_phrase(self.head, any_case=self.block.run_on)
            self._preambular_read = True
        return self._preambular

    def operative_phrase(self, vocab: Vocabulary) -> str | None:
        if not self._operative_read:
            self._operative = vocab.operative_phrase(self.head)
            self._operative_read = True
        return self._operative

    def indent_width(self) -> int:
        """Width of the leading whitespace, a tab counting 4, for comparing indentation;
        in HTML, four per level of element nesting."""
        if self.block.depth is not None:
            return 4 * self.block.depth
        if not self.indent:
            return 0
        return len(self.indent.expandtabs(4)) - len(self.indent.lstrip(" \t\u00a0"))


def _split(raw: str, end: int, pattern: re.Pattern[str]) -> tuple[str, str | None, str, str]:
    """Indent, label, gap and text of ``raw[:end]`` (the text is cut once, from ``raw``)."""
    match = pattern.match(raw, 0, end)
    if not match:
        return "", None, "", raw[:end]
    # One group at a time: typeshed types a tuple of groups loosely, a single group exactly.
    return match.group("indent"), match.group("num"), match.group("gap"), raw[match.end() : end]


# A printed label right after a bullet: dotted, parenthesised or decimal, never a bare number
# (a table of contents lists "- 1 Purpose").
_BULLETED_LABEL = re.compile(r"(?P<num>\.\d{1,3}(?:\.\d{1,3})*|\d{1,3}(?:\.\d{1,3})+|\d{1,3}[.)]|\([a-z0-9]{1,4}\)|[a-z][.)])(?=[ \t\u00a0])")

_STANDALONE_KINDS = {
    "heading": "heading",
    "debris": "page_debris",
    "markup": "markup",
    "formula": "formula",
    "field": "header",
    "front_matter": "front_matter",
    "title": "title",
    "table": "table",
}


def _unit(block: RawBlock, splitters: dict[str, re.Pattern[str]]) -> _Unit:
    kind = block.kind
    raw = block.raw
    end = len(raw) - len(block.eol)
    # From here on the unit's fields hold the block's text; one copy of it is enough.
    block.raw = ""
    if block.cut is not None:
        # A label the segmentation pass found: its cut is known.
        lead, length = block.cut
        after = raw[lead + length : end]
        text = after.lstrip(_GAP)
        gap = after[: len(after) - len(text)]
        num = raw[lead : lead + length]
        if block.clean is not None:
            # The reading view without its label, as a label's text is read everywhere.
            label = html.unescape(num).strip()
            block.clean = block.clean[len(label) :].lstrip() if block.clean.startswith(label) else block.clean
        unit = _Unit("section" if kind == "keyword_heading" else "clause", block, raw[:lead], num, gap, text)
        unit.labels = candidates(num)
        return unit
    if kind in ("item", "item_alone"):
        indent, num, gap, text = _split(raw, end, splitters["item"])
        if num is None:
            return _Unit("paragraph", block, text=text)
        labels = candidates(num)
        if kind == "item_alone" and all(label.style.startswith("other") for label in labels):
            # A lone word such as "IC" that only looks like a numeral is text.
            return _Unit("paragraph", block, text=raw[:end])
        unit = _Unit("clause", block, indent, num, gap, text)
        unit.labels = labels
        return unit
    if kind == "keyword_heading":
        indent, num, gap, text = _split(raw, end, splitters["keyword_heading"])
        unit = _Unit("section", block, indent, num, gap, text)
        unit.labels = candidates(num) if num else ()
        level = _HEADING_LEVEL.match(indent)
        unit.heading_level = len(level.group(1)) if level else 0
        return unit
    if kind == "closing":
        indent, num, gap, text = _split(raw, end, splitters["closing"])
        return _Unit("closing", block, indent, num, gap, text)
    if kind == "bullet":
        indent, num, gap, text = _split(raw, end, splitters["bullet"])
        labelled = _BULLETED_LABEL.match(text)
        if labelled and num in ("-", "*", "+"):
            # "- .1 to encourage ...", "- (a) goods ...": a converter's list markup around
            # the printed label; the label is what the reader sees.
            label = labelled.group("num")
            after = text[labelled.end("num") :]
            rest = after.lstrip(_GAP)
            unit = _Unit("clause", block, indent + (num or "") + gap, label, after[: len(after) - len(rest)], rest)
            unit.labels = candidates(label)
            return unit
        unit = _Unit("item", block, indent, None, gap, text)
        unit.bullet = num or ""
        return unit
    if raw[:1] in _INDENT_CHARS:
        indent = _INDENT.match(raw, 0, end).group(0)  # type: ignore[union-attr]
        text = raw[len(indent) : end]
    else:
        indent, text = "", raw[:end]
    simple = _STANDALONE_KINDS.get(kind, "paragraph")
    unit = _Unit(simple, block, indent, None, "", text)
    if simple == "heading":
        level = _HEADING_LEVEL.match(raw, 0, end)
        unit.heading_level = len(level.group(1)) if level else 0
    return unit
