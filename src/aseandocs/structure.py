"""The structure pass: from blocks of lines to the typed document tree.

Given the blocks the grammar found, this module decides, in order:

1. page furniture: debris runs that interrupt a paragraph become a page break inside it;
2. the frame: front matter, database header, news preface, adoption line, closing, trailer;
3. nesting: a label continues the open level of its numbering style, or opens a level
   under the current one (indentation and section headings break ties);
4. roles: formulas, the preamble (participle paragraphs) and the operative part (verb
   paragraphs, or the paragraphs after an operative formula or a numbering restart).

The words behind every role decision come from :mod:`aseandocs.vocabulary`.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from typing import Any, Sequence

from aseandocs import doctype, layout, segments
from aseandocs import models as m
from aseandocs.diagnostics import Diagnostic
from aseandocs.blocks import Blank, RawBlock, count_breaks, line_bodies
from aseandocs.layout import LineIndex
from aseandocs.numbering import Label, candidates
from aseandocs.vocabulary import Vocabulary

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
    def reading(self) -> str:
        """The unit's text as a reader sees it, where a reader gave one (HTML), else its text."""
        clean = self.block.clean
        return self.text if clean is None else clean

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
        while end.endswith(("*", "_")):
            end = end.rstrip("*_").rstrip()
        return end

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
            self._preambular = vocab.preambular_phrase(self.reading, any_case=self.block.run_on)
            self._preambular_read = True
        return self._preambular

    def operative_phrase(self, vocab: Vocabulary) -> str | None:
        if not self._operative_read:
            self._operative = vocab.operative_phrase(self.reading)
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


_STANDALONE_KINDS = {
    "heading": "heading",
    "debris": "page_debris",
    "markup": "markup",
    "formula": "formula",
    "field": "header",
    "front_matter": "front_matter",
    "title": "title",
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


# ---- pass 1: blocks, trailing blanks, page breaks -----------------------------------------


def _attach_blanks(items: list[RawBlock | Blank]) -> tuple[str, list[RawBlock]]:
    leading = ""
    out: list[RawBlock] = []
    for item in items:
        if isinstance(item, Blank):
            if out:
                out[-1].trailing += item.text
            else:
                leading += item.text
        else:
            out.append(item)
    return leading, out


def _mark_running_lines(units: list[_Unit]) -> None:
    """Mark the short paragraphs whose every line recurs in the document: running page
    headers and footers."""
    counts: dict[str, int] = {}
    short: list[tuple[_Unit, list[str]]] = []
    for unit in units:
        if unit.kind != "paragraph":
            continue
        line_count = unit.line_count()
        if line_count == 1:
            key = unit.body().strip()
            lines = [key] if key else []
        elif line_count <= 3:
            lines = [key for key in map(str.strip, line_bodies(unit.body())) if key]
        else:
            continue
        short.append((unit, lines))
        for key in lines:
            if len(key) > 3:
                counts[key] = counts.get(key, 0) + 1
    repeated = {line for line, count in counts.items() if count >= 2}
    if repeated:
        for unit, lines in short:
            unit.repeated = bool(lines) and all(line in repeated for line in lines)


def _is_page_furniture(unit: _Unit, after_separator: bool) -> bool:
    kind = unit.kind
    if kind == "page_debris":
        return True
    if kind != "paragraph":
        return False
    return unit.repeated or (after_separator and bool(_FOOTNOTE.match(unit.text)))


def _opens_continuation(unit: _Unit) -> bool:
    if unit.kind != "paragraph" or unit.block.run_on:
        # A paragraph start the segmentation pass found is never the rest of another.
        return False
    text = unit.text.lstrip(" \t\u00a0*_")
    return bool(text) and (text[0].islower() or text[0] in ",;:)")


_MAX_FURNITURE = 40
"""The most blocks one page break may span (footnotes, running header, page number)."""


def _furniture_run(units: list[_Unit], i: int, footnotes_end: list[int], memo: dict[str, int]) -> int:
    """The end of the run of page furniture starting at ``i`` (``i`` itself if there is none).

    A run holds at least one line that is debris by its shape (page number, symbol,
    separator, barcode); around it, repeated lines (running headers), footnotes after a
    separator, and a short paragraph sandwiched between furniture (a running title).
    """
    # A page break is a few blocks; bounding the look keeps long runs of look-alikes linear.
    n = min(len(units), i + _MAX_FURNITURE)
    j = i
    separator = False
    if i < memo.get("no_debris_until", 0):
        # Inside a run already found to hold no debris: so does every run starting in it.
        n = i
    while j < n and _is_page_furniture(units[j], separator):
        separator = separator or units[j].text.lstrip().startswith("_")
        j += 1
    while (
        i < j and j + 1 < n
        and units[j].kind == "paragraph"
        and units[j].line_count() <= 3
        and not _opens_continuation(units[j])
        and _is_page_furniture(units[j + 1], separator)
    ):
        j += 2
        while j < n and _is_page_furniture(units[j], separator):
            j += 1
    if any(u.kind == "page_debris" for u in units[i:j]):
        return j
    memo["no_debris_until"] = max(j, memo.get("no_debris_until", 0))
    # Without page numbers (text extracted a paragraph per line), footnotes that split a
    # sentence are the only furniture: they count when the sentence resumes after them.
    j = footnotes_end[i]
    if j > i and i > 0 and j < len(units) and _continues(units[i - 1]) and _opens_continuation(units[j]):
        return j
    return i


def _footnote_runs(units: list[_Unit]) -> list[int]:
    """For each unit, where the run of footnote-like paragraphs starting there ends."""
    ends = list(range(len(units) + 1))
    for k in range(len(units) - 1, -1, -1):
        if units[k].kind == "paragraph" and _FOOTNOTE.match(units[k].text):
            ends[k] = ends[k + 1]
    return ends


def _page_breaks(units: list[_Unit]) -> list[_Unit]:
    """Fold page furniture that interrupts a block into that block as a page break."""
    out: list[_Unit] = []
    footnotes_end = _footnote_runs(units)
    memo: dict[str, int] = {}
    i = 0
    n = len(units)
    while i < n:
        unit = units[i]
        kind = unit.kind
        # A run of furniture opens with furniture or a footnote: any other block is skipped
        # without looking for one.
        may_open_run = _is_page_furniture(unit, False) or footnotes_end[i] > i
        j = _furniture_run(units, i, footnotes_end, memo) if out and may_open_run else i
        if j > i:
            host = out[-1]
            if j < n and _opens_continuation(units[j]) and host.kind not in ("heading", "page_debris", "markup"):
                debris = host.block.trailing + "".join(u.source() + u.block.trailing for u in units[i:j])
                host.resume_with(units[j], debris)
                i = j + 1
                continue
            for k in range(i, j):
                units[k].kind = "page_debris"
                out.append(units[k])
            i = j
            continue
        if out and kind in ("clause", "item") and _wrapped_label(unit, out[-1]):
            # "...as set out in Annex\nI." : a label-like start of a wrapped line is text.
            out[-1].resume_with(unit, "")
            i += 1
            continue
        if out and kind == "paragraph" and _opens_continuation(unit) and _continues(out[-1]):
            out[-1].resume_with(unit, out[-1].block.trailing)
            i += 1
            continue
        out.append(unit)
        i += 1
    return out


def _wrapped_label(unit: _Unit, previous: _Unit) -> bool:
    """Whether a labelled line is only a wrapped line of the block before it.

    It follows that block without a blank line, the block stops mid-sentence, the label
    is followed by nothing or by a lower-case word, and it does not continue the block's
    own numbering.
    """
    if unit.kind not in ("clause", "item") or previous.block.trailing:
        return False
    if any(a.style == b.style and b.value == a.value + 1 for a in previous.labels for b in unit.labels):
        return False  # "(a) ...; and" then "(b) ...": the next item of a list
    rest = unit.text.lstrip(" \t\u00a0*_")
    return (not rest or rest[0].islower()) and _continues(previous)


def _continues(unit: _Unit) -> bool:
    """Whether a block stops mid-sentence, so a lower-case block after a blank line continues it."""
    if unit.kind not in ("paragraph", "clause", "preambular_paragraph", "operative_paragraph"):
        return False
    last = unit.continued[-1].text if unit.continued else unit.text
    return bool(last.strip()) and not _ends_with_mark(last.rstrip(), _SENTENCE_MARKS)


# ---- pass 2: the frame ---------------------------------------------------------------------


def _footnote_sections(units: list[_Unit]) -> None:
    """A rule followed by footnotes ("[1] ...") opens a block of footnotes: page furniture."""
    rules = [i for i, unit in enumerate(units) if unit.kind == "markup" and _RULE.match(unit.text)]
    done = 0  # units before this one are already decided
    for k, i in enumerate(rules):
        if i < done or i + 1 >= len(units) or not _MARKED_FOOTNOTE.match(units[i + 1].text):
            continue
        # The footnotes run to the next rule, or to the end of the text.
        end = next((r for r in rules[k + 1 :] if r > i + 1), len(units))
        for unit in units[i + 1 : end]:
            unit.kind = "page_debris"
        done = end


def _frame(units: list[_Unit]) -> None:
    """Mark header, preface, adoption, closing and trailer units in place."""
    _footnote_sections(units)
    # Database header: everything up to the last bracketed field near the top.
    fields = [i for i, u in enumerate(units[:40]) if u.kind == "header"]
    if fields and any(units[i].text.lstrip().startswith("[Title]") for i in fields):
        for unit in units[: fields[-1] + 1]:
            if unit.kind not in ("front_matter",):
                unit.kind = "header"
    start = next((i for i, u in enumerate(units) if u.kind not in ("front_matter", "header", "markup")), len(units))
    first_structure = next(
        (i for i, u in enumerate(units) if u.kind in ("clause", "section", "formula", "closing")), len(units)
    )
    lead = next(
        (
            i
            for i in range(start, min(first_structure, start + 8))
            if units[i].kind == "paragraph" and units[i].final_char() in (":", "s", "S") and _ends_with_lead_in(units[i].plain())
        ),
        None,
    )
    if lead is not None:
        for unit in units[start : lead + 1]:
            if unit.kind in ("paragraph", "heading"):
                unit.kind = "preface"
        start = lead + 1
    for unit in units[start : min(first_structure, start + 3)]:
        if unit.kind == "paragraph" and unit.line_count() == 1 and _ADOPTION.match(unit.reading) and len(unit.reading) < 200:
            unit.kind = "adoption"
            break
    _title(units, start)
    for unit in units:
        # A meeting line ends a resolution wherever it stands (an annex may follow it).
        if unit.kind == "paragraph" and _MEETING.match(unit.reading):
            unit.kind = "trailer"
    for unit in reversed(units):
        if unit.kind in ("paragraph", "markup", "heading") and _TRAILER.match(unit.reading.strip() or unit.body()):
            unit.kind = "trailer"
            continue
        if unit.kind in ("page_debris", "markup", "trailer") or (unit.kind == "paragraph" and _FOOTNOTE.match(unit.text)):
            continue
        if unit.kind == "paragraph" and not any(ch.isalnum() for ch in html.unescape(unit.reading)):
            continue  # a mark such as "&#x25cf;" or "* * *" after the text
        if unit.kind == "paragraph" and len(unit.reading) < 300 and _CLOSING_AT_END.match(unit.reading):
            # "Issued in Tokyo, 4 June 2015" as the document's last words is its closing.
            unit.kind = "closing"
        break
    _signatures(units)


_TITLE_SPAN = 6
"""How many blocks from the top a printed title may take."""


def _title_like(unit: _Unit, first: bool = False) -> bool:
    """A block that reads as (a line of) a title: in capitals, or a top markdown heading,
    short, and not a formula that opens the text ("THE GOVERNMENTS OF ...,")."""
    if unit.kind not in ("paragraph", "heading"):
        return False
    text = unit.plain()
    if not text or len(text) > 400 or text.endswith((",", ";", ":")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3:
        return False
    if unit.kind == "heading":
        # A markdown heading; a standalone "PREAMBLE" or "ANNEX" heads a part, not the document.
        return bool(unit.heading_level) and not _ends_with_mark(text, ".;:")
    if all(not ch.islower() for ch in letters):
        return True
    # In title case: a short block that names a type of instrument and ends no sentence.
    return first and unit.line_count() <= 3 and not _ends_with_mark(text, ".;:") and doctype.from_title(" ".join(text.split()[:12])) is not None


def _title(units: list[_Unit], start: int) -> None:
    """The printed title: the run of title-like blocks that opens the text."""
    i = start
    while i < len(units) and units[i].kind in ("page_debris", "markup", "front_matter", "header", "preface", "adoption"):
        i += 1
    found = False
    if i + 1 < len(units) and not _title_like(units[i], True) and units[i].line_count() == 1 and len(units[i].plain()) < 80 and _title_like(units[i + 1]):
        i += 1  # a running header or a source line above the title
    while i < len(units) and i < start + _TITLE_SPAN and _title_like(units[i], not found):
        units[i].kind = "title"
        found = True
        i += 1
        while found and i < len(units) and units[i].kind in ("page_debris", "markup"):
            i += 1


def _signatures(units: list[_Unit]) -> None:
    """After the closing come signatures ("For the Government of ...", "M. RAHMAN", titles):
    their lines are never labelled nodes, up to an annex, appendix or schedule."""
    last = next((i for i in range(len(units) - 1, -1, -1) if units[i].kind == "closing"), None)
    if last is None:
        return
    for unit in units[last + 1 :]:
        if unit.kind in ("heading", "paragraph", "section", "clause") and _ANNEX.match(unit.reading.lstrip("#*_ \t")):
            break
        if unit.kind in ("clause", "section"):
            if any(label.is_first for label in unit.labels):
                break  # "Article 1", "1.": a text of its own follows (a translation, an annex)
            unit.kind = "signature"
            unit.labels = ()
        elif unit.kind == "paragraph" and len(unit.plain()) < 200 and unit.line_count() <= 6:
            unit.kind = "signature"
        elif unit.kind == "paragraph":
            break  # running text: the signatures are over


def _ends_with_lead_in(text: str) -> bool:
    """Whether a paragraph announces the text after it ("... reads as follows:")."""
    # Both forms end with ":" or "follows"; the regular expression reads only the tail.
    end = text.rstrip()
    return (end.endswith(":") or end[-7:].lower() == "follows") and bool(_PREFACE_LEAD.search(text[-300:]))


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


@dataclass(slots=True)
class _Level:
    unit: _Unit
    style: str
    value: int
    indent: int
    children: list[_Unit]  # the unit's children, as a list the builder appends to


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

    def note(self, unit: _Unit, code: str, message: str) -> None:
        # Columns count characters, as editors and compilers do: a tab is one column.
        column = len(unit.indent) - len(unit.indent.lstrip(" \t\u00a0")) + 1
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
        if unit.kind in ("page_debris", "markup"):
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
                self._container().append(unit)
                return
        if unit.kind in ("closing", "trailer", "formula", "preface", "adoption", "header", "front_matter", "title"):
            self.stack.clear()
            self.suspended = None
        else:
            before = list(self.stack)
            self._pop_to_section()
            if unit.kind == "paragraph" and len(self.stack) < len(before) and self.suspended is None:
                container = self._container()
                self.suspended = (before, container, len(container))
            elif unit.kind != "paragraph":
                self.suspended = None
        self._container().append(unit)

    def _reopen(self, labels: tuple[Label, ...], indent: int) -> None:
        """Reopen the levels an unlabelled paragraph closed, where ``labels`` continue one.

        "(a) ..." / "Police officers of one party ..." / "(b) ...": the paragraph ends no
        list, since (b) continues (a); it moves into the list's parent with (a) and (b), so
        every node keeps its place in the text.
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
                parent = before[index - 1].children if index > 0 else self.top
                parent.extend(moved)
                return

    def add_numbered(self, unit: _Unit) -> None:
        indent = unit.indent_width()
        labels = unit.labels or (Label("other", 0),)
        self._reopen(labels, indent)
        chosen: Label | None = None
        level_index: int | None = None
        # 1. The successor of an open level of the same style.
        for index in range(len(self.stack) - 1, -1, -1):
            level = self.stack[index]
            for label in labels:
                if label.style == level.style and label.value == level.value + 1 and indent <= level.indent + 1:
                    chosen, level_index = label, index
                    break
            if chosen:
                break
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
        self.stack.append(_Level(unit, chosen.style, chosen.value, indent, children))


def _nest(units: list[_Unit], builder: _Builder) -> list[_Unit]:
    for unit in units:
        if unit.kind in ("clause", "section") and unit.labels:
            builder.add_numbered(unit)
        else:
            builder.add_unnumbered(unit)
    return builder.top


def _assign_roles(top: list[_Unit], builder: _Builder) -> None:
    """Mark formulas, preambular and operative paragraphs among the top-level units of each part."""
    vocab = builder.vocab
    parts: list[list[_Unit]] = [[]]
    for unit in top:
        # An annex starts a text of its own, with its own preamble or none.
        if unit.kind in ("heading", "paragraph") and _ANNEX.match(unit.reading) and len(unit.plain()) < 250:
            parts.append([])
        parts[-1].append(unit)
    for part in parts:
        _roles_in_part(part, vocab, builder)


def _sentence_like(unit: _Unit) -> bool:
    """Whether a paragraph reads as running text rather than a title."""
    final = unit.final_char()
    if final and final in _CLAUSE_MARKS:
        return True
    text = unit.plain()
    if text.endswith((" and", " or")):
        # "...; and" ends a clause of a list of clauses.
        text = text.rsplit(" ", 1)[0]
    return _ends_with_mark(text, _CLAUSE_MARKS) or len(text.split(None, 12)) > 12


def _clearly_preambular(unit: _Unit, vocab: Vocabulary) -> bool:
    """A preamble no formula announced must open unmistakably: RECOGNISING in capitals,
    or a participle followed by a lower-case word ("Participating States agreed" is prose)."""
    phrase = unit.preambular_phrase(vocab) or ""
    if phrase.isupper():
        return True
    rest = unit.plain()[len(phrase) + unit.plain().find(phrase) :].lstrip(" *_\u00a0")
    return not rest or rest[0].islower()


_EARLY = 2
"""How many body paragraphs may come before a preamble that no formula announced."""


def _roles_in_part(part: list[_Unit], vocab: Vocabulary, builder: _Builder) -> None:
    state = "none"
    run_style: str | None = None
    numbered_before: list[_Unit] = []
    body_seen = 0
    for unit in part:
        kind = unit.kind
        if kind in ("closing", "trailer"):
            state = "done"
            continue
        if state == "done" or kind in ("page_debris", "markup", "heading", "header", "front_matter", "preface", "adoption", "item", "title", "signature"):
            continue
        if kind == "formula":
            if vocab.is_operative_formula(unit.plain()):
                state = "operative"
                run_style = None
            elif state == "none":
                state = "preamble"
            continue
        if kind == "paragraph" and state in ("none", "preamble"):
            # The quick tests on the source spare flattening most paragraphs.
            if vocab.may_open_formula(unit.reading) and (
                vocab.is_resolution_formula(unit.plain()) or vocab.is_summit_opening(unit.plain())
            ):
                unit.kind = "formula"
                state = "operative" if vocab.is_operative_formula(unit.plain()) else "preamble"
                continue
            if (
                not unit.preambular_phrase(vocab)
                and (state == "preamble" or body_seen <= _EARLY)
                and unit.may_end_operative_formula(vocab)
                and len(unit.plain()) < 600
                and vocab.is_operative_formula(unit.plain())
            ):
                unit.kind = "formula"
                state = "operative"
                run_style = None
                continue
        if kind == "section":
            continue
        numbered = unit.label is not None
        style = unit.label.style if unit.label else None
        if state == "none" and body_seen > _EARLY:
            # Too late for an unannounced preamble: only a formula can change the state.
            body_seen += 1
            if numbered:
                numbered_before.append(unit)
            continue
        # Each reading is taken only where the state needs it (they are cached on the unit).
        if state == "none":
            opens_preamble = _reads_preambular(unit, vocab) and _clearly_preambular(unit, vocab)
            if opens_preamble and numbered_before:
                # Numbered context paragraphs of the same run belong to the preamble.
                opens_preamble = numbered and _same_run(numbered_before, unit) and all(
                    u.label is not None and u.label.style == style for u in numbered_before
                )
                if opens_preamble:
                    for previous in numbered_before:
                        previous.kind = "preambular_paragraph"
            if opens_preamble:
                state = "preamble"
                run_style = style
                unit.kind = "preambular_paragraph"
            else:
                body_seen += 1
                if numbered:
                    numbered_before.append(unit)
            continue
        if state == "preamble":
            restart = numbered and unit.label is not None and (unit.label.is_first or unit.restarts) and run_style is not None
            if not restart and _reads_preambular(unit, vocab):
                unit.kind = "preambular_paragraph"
                run_style = style or run_style
                continue
            operative = unit.operative_phrase(vocab) is not None
            if numbered and not restart and not operative and run_style == style:
                unit.kind = "preambular_paragraph"
            elif operative or (numbered and (restart or run_style != style)):
                state = "operative"
                run_style = style
                unit.kind = "operative_paragraph"
            continue
        # The operative part: the run of numbered paragraphs, or verb paragraphs if unnumbered.
        if numbered and (run_style is None or style == run_style):
            run_style = style
            unit.kind = "operative_paragraph"
            if unit.operative_phrase(vocab) is None:
                if _reads_preambular(unit, vocab):
                    builder.note(unit, "preambular-in-operative", f"paragraph {unit.num} reads as preambular ({unit.preambular_phrase(vocab)!r}) among operative paragraphs")
                else:
                    builder.note(unit, "unknown-verb", f"operative paragraph {unit.num} opens with no known verb")
        elif kind == "paragraph" and run_style is None and unit.operative_phrase(vocab) is not None:
            unit.kind = "operative_paragraph"


def _reads_preambular(unit: _Unit, vocab: Vocabulary) -> bool:
    """Whether a paragraph opens with a preambular phrase and reads as running text."""
    return unit.preambular_phrase(vocab) is not None and _sentence_like(unit)


def _same_run(before: list[_Unit], unit: _Unit) -> bool:
    last = before[-1].label
    return bool(last and unit.label and last.style == unit.label.style and unit.label.value == last.value + 1)


# ---- building the models --------------------------------------------------------------------

_NUMBERED = {"preambular_paragraph", "operative_paragraph", "clause", "section", "closing"}
_WITH_CHILDREN = {"preambular_paragraph", "operative_paragraph", "clause", "section", "item"}


def _merge_header(units: list[_Unit]) -> list[_Unit]:
    """Consecutive header units become one header node."""
    out: list[_Unit] = []
    for unit in units:
        if unit.kind == "header" and out and out[-1].kind == "header":
            previous = out[-1]
            merged = previous.source() + previous.block.trailing + unit.source()
            previous.block = RawBlock(
                "header", merged, previous.block.offset, unit.block.trailing, line=previous.block.line
            )
            previous.indent, previous.num, previous.gap, previous.bullet, previous.continued = "", None, "", "", []
            previous.text = merged[: len(merged) - len(previous.block.eol)]
            previous.block.raw = ""
            previous._plain, previous._final, previous._lines = None, None, -1
            continue
        out.append(unit)
    return out


def _to_data(units: Sequence[_Unit], vocab: Vocabulary) -> list[dict[str, Any]]:
    """The nodes' field values, ready for one validation of the whole tree."""
    out: list[dict[str, Any]] = []
    for unit in units:
        kind = unit.kind
        fields: dict[str, Any] = {"kind": kind, "text": unit.text, "eol": unit.block.eol, "trailing": unit.block.trailing}
        # An empty indent is the field's default. Left out, most nodes pass four fields, and
        # the set of fields set that pydantic keeps on every node takes 216 bytes, not 728.
        if unit.indent:
            fields["indent"] = unit.indent
        if unit.continued:
            fields["continued"] = tuple(unit.continued)
        if kind in _NUMBERED:
            fields["num"] = unit.num
            fields["gap"] = unit.gap
        elif kind == "item":
            fields["bullet"] = unit.bullet
            fields["gap"] = unit.gap
        elif unit.num is not None or unit.bullet or unit.gap:
            # A label that lost its role (a lone number that is page furniture) stays text.
            fields["text"] = (unit.num or unit.bullet) + unit.gap + unit.text
        if kind == "preambular_paragraph":
            fields["verb"] = unit.preambular_phrase(vocab)
        elif kind == "operative_paragraph":
            fields["verb"] = unit.operative_phrase(vocab)
        out.append(fields)
        if unit.children:
            if kind in _WITH_CHILDREN:
                fields["children"] = _to_data(unit.children, vocab)
            else:
                # Nothing is lost: sub-nodes of a node that cannot hold them follow it.
                out.extend(_to_data(unit.children, vocab))
    return out


def build(items: list[RawBlock | Blank], vocab: Vocabulary, lines: LineIndex, *, bom: bool = False) -> m.Document:
    """The document tree for the blocks of one text (``lines`` locates its diagnostics)."""
    leading, blocks = _attach_blanks(items)
    blocks = segments.split_blocks(blocks, vocab)
    splitters = _label_splitters()
    units = [_unit(block, splitters) for block in blocks]
    _mark_running_lines(units)
    units = _page_breaks(units)
    _frame(units)
    units = _merge_header(units)
    diagnostics: list[Diagnostic] = []
    builder = _Builder(vocab, diagnostics, lines)
    top = _nest(units, builder)
    _assign_roles(top, builder)
    diagnostics.sort(key=lambda d: (d.line, d.column))
    # One validation of the whole tree is about twice as fast as one constructor per node.
    return m.Document.model_validate(
        {"bom": bom, "leading": leading, "children": _to_data(top, vocab), "diagnostics": tuple(diagnostics)},
        context=m.BUILT_WITHIN_DEPTH,
    )

