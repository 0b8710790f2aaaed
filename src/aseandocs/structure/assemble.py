"""Pass: the models. Header units merge, and the units become the field values of one
validated :class:`~aseandocs.models.Document`."""

from __future__ import annotations

from typing import Any, Sequence

from aseandocs.blocks import RawBlock
from aseandocs.structure.units import _Unit
from aseandocs.vocabulary import Vocabulary

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
