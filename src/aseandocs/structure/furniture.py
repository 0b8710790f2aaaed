"""Pass: page furniture. Blank lines join the block before them; running headers, page
numbers and footnotes that interrupt a paragraph become a page break inside it."""

from __future__ import annotations

import re

from aseandocs.blocks import Blank, RawBlock, line_bodies
from aseandocs.structure.units import _FOOTNOTE, _SENTENCE_MARKS, _ends_with_mark, _Unit

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
    # The value each label style last reached: a label that takes the next value of its
    # style continues an open list ("(o)" after "(n)", its sub-items between), never a wrap.
    reached: dict[str, int] = {}
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
        if out and kind in ("clause", "item") and _wrapped_label(unit, out[-1], reached):
            # "...as set out in Annex\nI." : a label-like start of a wrapped line is text.
            out[-1].resume_with(unit, "")
            i += 1
            continue
        if out and kind == "paragraph" and _opens_continuation(unit) and _continues(out[-1]):
            out[-1].resume_with(unit, out[-1].block.trailing)
            i += 1
            continue
        out.append(unit)
        _reach(reached, unit)
        i += 1
    return out


def _reach(reached: dict[str, int], unit: _Unit) -> None:
    """Record the label of ``unit``: the reading that continues its style's list where one
    does, else the readings that start one ("(i)" after "(n)" starts roman numerals and
    leaves the letters at n)."""
    labels = unit.labels
    going_on = [label for label in labels if reached.get(label.style) == label.value - 1]
    # Else a list's first label, or the first label seen of a style (an excerpt's "(n)").
    chosen = going_on or [label for label in labels if label.value == 1] or [label for label in labels if label.style not in reached]
    for label in chosen:
        reached[label.style] = label.value


# A line that ends on the noun of a provision ("in paragraph", "under Article") wraps the
# label that names it onto the next line.
# Nouns that are also common words count capitalised only, and a heading ("ARTICLE 5.11:
# CONTACT POINTS") never ends in a reference.
_PROVISION_END = re.compile(
    r"\b(?:[Ss]ub-?paragraphs?|[Pp]aragraphs?|[Aa]rticles?|[Cc]lauses?|Chapters?|Parts?|Annex(?:es)?|Sections?)$"
)

# A list item's end: a semicolon, perhaps with the conjunction that joins it to the next.
_ITEM_END = re.compile(r";\s*(?:and|or)?$")


def _wrapped_label(unit: _Unit, previous: _Unit, reached: dict[str, int]) -> bool:
    """Whether a labelled line is only a wrapped line of the block before it.

    It follows that block without a blank line, the block stops mid-sentence (on the noun
    of a provision, or with the label followed by nothing or by a lower-case word), and
    it continues neither the block's
    own numbering nor any list still open above it (``reached``: the last value of each
    label style so far).
    """
    if unit.kind not in ("clause", "item") or previous.block.trailing or unit.block.run_on:
        # A label the segmentation pass accepted by its sequence is never a wrapped line.
        return False
    if any(a.style == b.style and b.value == a.value + 1 for a in previous.labels for b in unit.labels):
        return False  # "(a) ...; and" then "(b) ...": the next item of a list
    if any(reached.get(b.style) == b.value - 1 for b in unit.labels):
        return False  # "(n) ...:" / "(i) ... under" then "(o) a ...": the list above goes on
    last = (previous.continued[-1].text if previous.continued else previous.text).rstrip()
    if _ITEM_END.search(last[-12:]) or last.endswith((",", ":")):
        # "...relations; or" then "(c) to prevent ...": the item before ended; "...means,"
        # then "(i) with reference to ...": a list opens (a wrapped reference has no mark).
        return False
    if _PROVISION_END.search(last[-24:]):
        return True  # "...referred to in paragraph" then "1. The Party ...": the reference wraps
    rest = unit.text.lstrip(" \t\u00a0*_")
    return (not rest or rest[0].islower()) and _continues(previous)


def _continues(unit: _Unit) -> bool:
    """Whether a block stops mid-sentence, so a lower-case block after a blank line continues it."""
    if unit.kind not in ("paragraph", "clause", "preambular_paragraph", "operative_paragraph"):
        return False
    last = unit.continued[-1].text if unit.continued else unit.text
    return bool(last.strip()) and not _ends_with_mark(last.rstrip(), _SENTENCE_MARKS)
