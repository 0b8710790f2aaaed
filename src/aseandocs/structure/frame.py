"""Pass: the frame. Front matter, database header, preface, printed title, adoption line,
closing, signatures and trailer are marked around the body of the text."""

from __future__ import annotations

import html
import re

from aseandocs import dates, doctype
from aseandocs.vocabulary import DEFAULT_VOCABULARY
from aseandocs.structure.units import (
    _ADOPTION,
    _ANNEX,
    _CLOSING_AT_END,
    _FOOTNOTE,
    _MARKED_FOOTNOTE,
    _MEETING,
    _PREFACE_LEAD,
    _RULE,
    _TRAILER,
    _ends_with_mark,
    _Unit,
)

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


_TOC_RUN = 3
"""The fewest one-line labelled entries that make a table of contents."""


def _contents(units: list[_Unit]) -> None:
    """A table of contents is no structure: a run of one-line labelled entries that opens a
    keyword sequence ("Article 1 Definitions", "Article 2 Objectives", ...), none of them a
    sentence, whose first label the text prints again later (where the body begins)."""
    i = 0
    n = len(units)
    while i < n:
        unit = units[i]
        label = unit.labels[0] if unit.labels else None
        if unit.kind not in ("section", "clause") or label is None or not label.is_first or not label.style.startswith("keyword:"):
            i += 1
            continue
        j = i
        while j < n and (
            units[j].kind in ("page_debris", "markup")
            or (units[j].kind in ("section", "clause") and units[j].line_count() == 1 and not _ends_with_mark(units[j].plain(), ".;:"))
        ):
            j += 1
        entries = [u for u in units[i:j] if u.kind in ("section", "clause")]
        again = any(
            u.kind in ("section", "clause") and u.labels and u.labels[0].style == label.style and u.labels[0].is_first
            for u in units[j:]
        )
        if len(entries) >= _TOC_RUN and again:
            for entry in entries:
                entry.kind = "paragraph"
                entry.labels = ()
        i = max(j, i + 1)


def _frame(units: list[_Unit]) -> None:
    """Mark header, preface, adoption, closing and trailer units in place."""
    _footnote_sections(units)
    _contents(units)
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
        if unit.kind == "paragraph" and unit.line_count() == 1 and _ADOPTION.match(unit.head) and len(unit.text) < 200:
            unit.kind = "adoption"
            break
    _title(units, start)
    for unit in units:
        # A meeting line ends a resolution wherever it stands (an annex may follow it).
        if unit.kind == "paragraph" and _MEETING.match(unit.head):
            unit.kind = "trailer"
    for unit in reversed(units):
        if unit.kind in ("paragraph", "markup", "heading") and _TRAILER.match(unit.head.strip() or unit.body()):
            unit.kind = "trailer"
            continue
        if unit.kind in ("page_debris", "markup", "trailer") or (unit.kind == "paragraph" and _FOOTNOTE.match(unit.text)):
            continue
        if unit.kind == "paragraph" and not any(ch.isalnum() for ch in html.unescape(unit.head)):
            continue  # a mark such as "&#x25cf;" or "* * *" after the text
        if unit.kind == "paragraph" and len(unit.text) < 300 and _CLOSING_AT_END.match(unit.head):
            # "Issued in Tokyo, 4 June 2015" as the document's last words is its closing.
            unit.kind = "closing"
        break
    _signatures(units)


# An annex's label alone ("ANNEX 21", "Appendix B."): it heads a part, not the document.
_ANNEX_LABEL = re.compile(r"\W*(?:ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule|ATTACHMENT|Attachment)(?:[ \t\u00a0]+[\w.-]{1,6})?\W*")

_TITLE_SPAN = 6
"""How many blocks from the top a printed title may take."""


def _title_like(unit: _Unit, first: bool = False, subtitled: bool = False) -> bool:
    """A block that reads as (a line of) a title: in capitals, or a top markdown heading,
    short, and not a formula that opens the text ("THE GOVERNMENTS OF ...,"). A heading
    ends with a colon only where a subtitle follows it (``subtitled``)."""
    if unit.kind not in ("paragraph", "heading"):
        return False
    text = unit.plain()
    if not text or len(text) > 400 or text.endswith((",", ";")) or (text.endswith(":") and not (subtitled and unit.kind == "heading")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3 or (first and _ANNEX_LABEL.fullmatch(text)):
        return False
    if unit.kind == "heading":
        # A markdown heading; a standalone "PREAMBLE" or "ANNEX" heads a part, not the document.
        # A markdown heading, or an HTML one (h1-h6), read as a title.
        return bool(unit.heading_level or unit.block.clean is not None) and not _ends_with_mark(text, ".;" if subtitled else ".;:")
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
    if i + 1 < len(units) and units[i].kind == "paragraph" and not _title_like(units[i], True) and units[i].line_count() == 1 and len(units[i].plain()) < 80 and _title_like(units[i + 1]):
        i += 1  # a running header or a source line above the title
    if i < len(units) and not _title_like(units[i], True, _subtitled(units, i)):
        i = _first_top_heading(units, i, start + _TITLE_SPAN)
    while i < len(units) and i < start + _TITLE_SPAN and _title_like(units[i], not found, _subtitled(units, i)):
        units[i].kind = "title"
        found = True
        i += 1
        while found and i < len(units) and units[i].kind in ("page_debris", "markup"):
            i += 1
    if not found:
        _title_before_formula(units, start)


def _subtitled(units: list[_Unit], i: int) -> bool:
    """Whether a heading is followed by another heading of a title (its subtitle)."""
    following = units[i + 1] if i + 1 < len(units) else None
    return following is not None and units[i].kind == "heading" and following.kind == "heading" and _title_like(following)


def _first_top_heading(units: list[_Unit], i: int, limit: int) -> int:
    """Where a title that prose stands above (a source note, a link to the original) begins:
    the first top-level markdown or HTML heading before any structure, else ``i`` itself."""
    for j in range(i, min(limit, len(units))):
        unit = units[j]
        if unit.kind in ("clause", "section", "formula", "closing") or _opening_formula(unit):
            break
        if unit.kind == "heading" and unit.heading_level in (1, 2) and not _ANNEX.match(unit.plain()) and _title_like(unit, True):
            return j
    return i


def _opening_formula(unit: _Unit) -> bool:
    """Whether a block is the formula that opens a text ("The General Assembly,", "WE, the ...")."""
    if unit.kind not in ("paragraph", "formula"):
        return False
    text = unit.plain()
    return DEFAULT_VOCABULARY.is_resolution_formula(text) or DEFAULT_VOCABULARY.is_summit_opening(text)


def _title_before_formula(units: list[_Unit], start: int) -> None:
    """Where no block in capitals or heading opens the text, the title is the block that
    stands right before the opening formula ("The General Assembly,", "The Governments of
    ..."), when it names something rather than says it: short, no sentence, no date line."""
    formula = next((i for i in range(start, min(len(units), start + _TITLE_SPAN + 2)) if _opening_formula(units[i])), None)
    if formula is None:
        return
    i = formula - 1
    while i >= start and units[i].kind in ("page_debris", "markup"):
        i -= 1
    if i < start:
        return
    unit = units[i]
    if unit.kind != "paragraph" or unit.block.run_on or unit.line_count() > 3:
        return
    text = unit.plain()
    if len(text) > 400 or len(text.split()) < 3 or _ends_with_mark(text, ".;:,") or dates.find_date(text) is not None:
        return
    unit.kind = "title"


# The signing attested with its date, after the signatures: "The signatures appearing above
# were hereunto subscribed this 17th day of January 1948, on board ...".
_ATTESTATION = re.compile(r"\b(?:signed|subscribed|sealed)\b[^.;]{0,80}?\bthis\s+[\w-]+\s+day\s+of\b", re.IGNORECASE)
_SIGNATORY = re.compile(r"^\W*(?:For|FOR)\s+(?:and\s+on\s+behalf\s+of\s+)?(?:the|THE)\s+[A-Z]")


def _signatures(units: list[_Unit]) -> None:
    """After the closing come signatures ("For the Government of ...", "M. RAHMAN", titles):
    their lines are never labelled nodes, up to an annex, appendix or schedule. Where no
    closing formula stands before them, the first "For the Government of ..." line after
    a labelled node opens them; a signing formula with its date among them ("... were
    hereunto subscribed this 17th day of January 1948") is the closing."""
    last = next((i for i in range(len(units) - 1, -1, -1) if units[i].kind == "closing"), None)
    if last is None:
        labelled = next((i for i, u in enumerate(units) if u.kind in ("clause", "section")), len(units))
        last = next(
            (
                i - 1
                for i in range(labelled + 1, len(units))
                if units[i].kind == "paragraph" and len(units[i].plain()) < 300 and _SIGNATORY.match(units[i].head)
            ),
            None,
        )
        if last is None:
            return
    for unit in units[last + 1 :]:
        if unit.kind in ("heading", "paragraph", "section", "clause") and _ANNEX.match(unit.head.lstrip("#*_ \t")):
            break
        if unit.kind in ("clause", "section"):
            if any(label.is_first for label in unit.labels):
                break  # "Article 1", "1.": a text of its own follows (a translation, an annex)
            unit.kind = "signature"
            unit.labels = ()
        elif unit.kind == "paragraph" and _ATTESTATION.search(unit.head):
            unit.kind = "closing"  # the signing formula, printed under the signatures
        elif unit.kind == "paragraph" and len(unit.plain()) < 200 and unit.line_count() <= 6:
            unit.kind = "signature"
        elif unit.kind == "paragraph":
            break  # running text: the signatures are over


def _ends_with_lead_in(text: str) -> bool:
    """Whether a paragraph announces the text after it ("... reads as follows:")."""
    # Both forms end with ":" or "follows"; the regular expression reads only the tail.
    end = text.rstrip()
    return (end.endswith(":") or end[-7:].lower() == "follows") and bool(_PREFACE_LEAD.search(text[-300:]))
