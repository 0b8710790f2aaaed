"""Pass: roles. Formulas, the preamble (recitals) and the operative part (verb paragraphs,
or every paragraph after an operative formula) among the top-level units of each part."""

from __future__ import annotations

from aseandocs.structure.hierarchy import _Builder
from aseandocs.structure.units import _CLAUSE_MARKS, _ends_with_mark, _opens_annex, _Unit
from aseandocs.vocabulary import Vocabulary


def _assign_roles(top: list[_Unit], builder: _Builder) -> None:
    """Mark formulas, preambular and operative paragraphs among the top-level units of each part."""
    vocab = builder.vocab
    parts: list[list[_Unit]] = [[]]
    for unit in top:
        # An annex starts a text of its own, with its own preamble or none.
        if _opens_annex(unit):
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


_FORMULA_SIZE = 1200
"""The longest paragraph read as an operative formula: a parties clause that names every
party, with their titles, may run into its formula ("..., have agreed as follows:")."""

_EARLY = 2
"""How many body paragraphs may come before a preamble that no formula announced."""


_PASSIVE = ("page_debris", "markup", "heading", "header", "front_matter", "preface", "adoption", "item", "title", "signature", "table")


def _announced_preamble(part: list[_Unit], vocab: Vocabulary, formula: int | None) -> int | None:
    """Where the run of recitals that the operative formula at ``formula`` closes begins,
    however late in the text ("...; Confirming our adherence ...," / "We have agreed as
    follows:")."""
    if formula is None:
        return None
    start = None
    for i in range(formula - 1, -1, -1):
        unit = part[i]
        if unit.kind in _PASSIVE:
            continue
        if unit.kind in ("paragraph", "clause") and _reads_preambular(unit, vocab):
            start = i
            continue
        break
    return start


def _recital_bullets(part: list[_Unit], formula: int | None) -> set[int]:
    """The bullets that run up to the operative formula at ``formula``: the recitals it
    closes, whatever they open with ("⎯ And on the basis of ...;" / "HAVE AGREED AS
    FOLLOWS:"), as the bullets after it are its operative paragraphs."""
    found: set[int] = set()
    for i in range(formula - 1 if formula is not None else -1, -1, -1):
        unit = part[i]
        if unit.kind in ("page_debris", "markup"):
            continue
        if unit.kind != "item" or not _sentence_like(unit):
            break
        found.add(i)
    return found


def _operative_formula_index(part: list[_Unit], vocab: Vocabulary) -> int | None:
    """Where the operative formula of a part stands (a formula block, or a short paragraph
    that reads as one: "DECIDES:", "We have agreed as follows:"), or None."""
    return next(
        (
            i
            for i, u in enumerate(part)
            if u.kind in ("formula", "paragraph")
            and (
                (
                    (u.kind == "formula" or (u.may_end_operative_formula(vocab) and len(u.plain()) < _FORMULA_SIZE and not u.preambular_phrase(vocab)))
                    and vocab.is_operative_formula(u.plain())
                )
                or _formula_split(part, i, vocab)
            )
        ),
        None,
    )


def _formula_split(part: list[_Unit], index: int, vocab: Vocabulary) -> bool:
    """Whether the paragraph at ``index`` and the next are one operative formula that a
    blank line split: the first stops mid-sentence (no closing mark), the second ends the
    sentence with the formula's colon ("AGREE to enter into this Protocol of the" / "Andean
    Agreement:")."""
    unit = part[index]
    if unit.kind != "paragraph" or index + 1 >= len(part) or unit.preambular_phrase(vocab):
        return False
    final = unit.final_char()
    if not final or not (final.isascii() and final.isalnum()):
        return False  # it ends a sentence or a clause, or is no English text
    later = part[index + 1]
    if later.kind != "paragraph" or later.preambular_phrase(vocab) or not later.may_end_operative_formula(vocab):
        return False
    text = unit.plain() + " " + later.plain()
    return len(text) < _FORMULA_SIZE and vocab.is_operative_formula(text)


def _has_articles(part: list[_Unit]) -> bool:
    """Whether keyword sections (articles, chapters) stand among the units of a part."""
    return any(u.kind == "section" and u.label is not None and u.label.style.startswith("keyword:") for u in part)


def _under_headings(part: list[_Unit], formula: int | None) -> list[_Unit]:
    """The part with the units that numbered headings hold after the operative formula at
    ``formula`` put after them: "DECIDES:" / "I." / "1. ..." / "2. ...": the headings order
    the operative part, and their paragraphs are its paragraphs. Articles are not headings
    of this kind."""
    if formula is None or _has_articles(part):
        return part
    out = part[: formula + 1]
    stack = list(reversed(part[formula + 1 :]))
    while stack:
        unit = stack.pop()
        out.append(unit)
        # A heading, or a label standing alone on its line ("I."), holds paragraphs.
        if unit.children and (unit.kind == "section" or (unit.kind == "clause" and not unit.plain())):
            stack.extend(reversed(unit.children))
    return out


def _roles_in_part(part: list[_Unit], vocab: Vocabulary, builder: _Builder) -> None:
    # The headings put their units after them after the formula, so its place stays the same.
    formula = _operative_formula_index(part, vocab)
    part = _under_headings(part, formula)
    state = "none"
    run_style: str | None = None
    numbered_before: list[_Unit] = []
    body_seen = 0
    announced = _announced_preamble(part, vocab, formula)
    recitals = _recital_bullets(part, formula)
    announced_operative = False  # whether an operative formula opened the operative part
    has_articles = _has_articles(part)
    for index, unit in enumerate(part):
        if announced is not None and index >= announced and state == "none":
            body_seen = 0  # the recitals before a formula: a preamble wherever it starts
        kind = unit.kind
        if kind in ("closing", "trailer"):
            state = "done"
            continue
        if kind == "item" and state == "operative" and announced_operative and not has_articles:
            # A bullet of the part an operative formula opens is one of its paragraphs; its
            # bullet is layout, kept in the indent.
            unit.kind = "operative_paragraph"
            unit.indent = unit.indent + unit.bullet + unit.gap
            unit.bullet, unit.gap = "", ""
            continue
        if index in recitals and state in ("none", "preamble"):
            unit.kind = "preambular_paragraph"
            unit.indent = unit.indent + unit.bullet + unit.gap
            unit.bullet, unit.gap = "", ""
            state = "preamble"
            continue
        if state == "done" or kind in _PASSIVE:
            continue
        if kind == "formula":
            if vocab.is_operative_formula(unit.plain()):
                state = "operative"
                announced_operative = True
                run_style = None
            elif state == "none":
                state = "preamble"
            continue
        if kind == "paragraph" and state in ("none", "preamble"):
            # The quick tests on the source spare flattening most paragraphs.
            if vocab.may_open_formula(unit.head) and (
                vocab.is_resolution_formula(unit.plain()) or vocab.is_summit_opening(unit.plain())
            ):
                unit.kind = "formula"
                state = "operative" if vocab.is_operative_formula(unit.plain()) else "preamble"
                announced_operative = state == "operative"
                continue
            if (state == "preamble" or body_seen <= _EARLY) and _formula_split(part, index, vocab):
                unit.kind = part[index + 1].kind = "formula"
                state = "operative"
                announced_operative = True
                run_style = None
                continue
            if (
                not unit.preambular_phrase(vocab)
                and (state == "preamble" or body_seen <= _EARLY)
                and unit.may_end_operative_formula(vocab)
                and len(unit.plain()) < _FORMULA_SIZE
                and vocab.is_operative_formula(unit.plain())
            ):
                unit.kind = "formula"
                state = "operative"
                announced_operative = True
                run_style = None
                continue
        if kind == "section" or (kind == "clause" and announced_operative and unit.children and not unit.plain()):
            continue  # a heading, or a label alone that heads the paragraphs under it
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
                elif not announced_operative:
                    # After an operative formula a paragraph is operative by its place,
                    # whatever it opens with ("1. To strengthen ...").
                    builder.note(unit, "unknown-verb", f"operative paragraph {unit.num} opens with no known verb")
        elif kind == "paragraph" and run_style is None and unit.operative_phrase(vocab) is not None:
            unit.kind = "operative_paragraph"
        elif kind == "paragraph" and announced_operative and not has_articles and _sentence_like(unit) and not _reads_preambular(unit, vocab):
            # Every paragraph of the part an operative formula opens is operative, unless
            # that part is made of articles (a stray paragraph between them is no paragraph
            # of the operative part).
            unit.kind = "operative_paragraph"


def _reads_preambular(unit: _Unit, vocab: Vocabulary) -> bool:
    """Whether a paragraph opens with a preambular phrase and reads as running text."""
    return unit.preambular_phrase(vocab) is not None and _sentence_like(unit)


def _same_run(before: list[_Unit], unit: _Unit) -> bool:
    last = before[-1].label
    return bool(last and unit.label and last.style == unit.label.style and unit.label.value == last.value + 1)
