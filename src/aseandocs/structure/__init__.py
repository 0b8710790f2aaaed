"""The structure pass: from blocks of lines to the typed document tree, as passes in order.

1. segmentation (:mod:`.segments`): paragraph starts inside a block (recitals opening a
   line, the articles, paragraphs, items and recitals of run-on text), page and footnote
   numbers split off, labels of the reading view of HTML blocks;
2. units (:mod:`.units`): each block cut into indent, label, gap and text, with its
   reading view;
3. page furniture (:mod:`.furniture`): debris runs that interrupt a paragraph become a
   page break inside it;
4. the frame (:mod:`.frame`): front matter, header, preface, title, adoption line,
   closing, signatures, trailer;
5. hierarchy (:mod:`.hierarchy`): a label continues the open level of its numbering
   style, or opens a level under the current one;
6. roles (:mod:`.roles`): formulas, the preamble and the operative part;
7. the models (:mod:`.assemble`): one validation of the whole tree.

The words behind every role decision come from :mod:`aseandocs.vocabulary`.
"""

from __future__ import annotations

from aseandocs import languages as foreign
from aseandocs import models as m
from aseandocs.blocks import Blank, RawBlock
from aseandocs.diagnostics import Diagnostic
from aseandocs.layout import LineIndex
from aseandocs.structure import segments
from aseandocs.structure.assemble import _merge_header, _to_data
from aseandocs.structure.frame import _frame
from aseandocs.structure.furniture import (
    _attach_blanks,
    _mark_running_lines,
    _page_breaks,
)
from aseandocs.structure.hierarchy import _Builder, _nest
from aseandocs.structure.roles import _assign_roles
from aseandocs.structure.units import _label_splitters, _unit
from aseandocs.vocabulary import Vocabulary

MAX_DEPTH = m.MAX_DEPTH
"""Deepest nesting built; deeper labels become siblings at this depth, with a diagnostic."""


def build(
    items: list[RawBlock | Blank],
    vocab: Vocabulary,
    lines: LineIndex,
    *,
    bom: bool = False,
    languages: tuple[str, ...] = ("en",),
) -> m.Document:
    """The document tree for the blocks of one text (``lines`` locates its diagnostics;
    ``languages`` are those whose labels and closings are read besides English)."""
    # The recitals of the other languages named open as their tables say.
    vocab = foreign.extend_vocabulary(vocab, languages)
    leading, blocks = _attach_blanks(items)
    blocks = segments.split_blocks(blocks, vocab, languages)
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
    for unit in units:
        if unit.block.repaired:
            builder.note(unit, "ocr-label", f"{unit.num!r} read as an article label: the sequence asks for it here")
    inline = [u for u in units if u.block.run_on and u.block.cut is not None]
    if inline:
        # Labels read inside a line by their sequences are a reading, not a certainty.
        builder.note(
            inline[0],
            "inline-labels",
            f"{len(inline)} labels read inside run-on lines, each where it continues its sequence",
        )
    diagnostics.sort(key=lambda d: (d.line, d.column))
    # One validation of the whole tree is about twice as fast as one constructor per node.
    return m.Document.model_validate(
        {"bom": bom, "leading": leading, "children": _to_data(top, vocab), "diagnostics": tuple(diagnostics)},
        context=m.BUILT_WITHIN_DEPTH,
    )
