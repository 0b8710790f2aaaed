"""Rendering: a tree back to text, by concatenating what its nodes own.

A parsed node renders exactly as it was read. A node built in code leaves ``gap``, ``eol``
and ``trailing`` as None and gets the canonical layout: one space after its label, a line
break after its text and a blank line before the next block.
"""

from __future__ import annotations

from typing import Union

from aseandocs import models as m

Renderable = Union[m.Document, m.Node]


def render(node: Renderable) -> str:
    """The text of a document or of any node in it, byte for byte as parsed."""
    out: list[str] = []
    append = out.append
    if isinstance(node, m.Document):
        if node.bom:
            append("\ufeff")
        append(node.leading)
        stack: list[m.Node] = list(reversed(node.children))
    else:
        stack = [node]
    pending_break = False
    while stack:
        # Field values are read from the instance dict: nodes differ in which fields they
        # have, and attribute lookups that miss are slow on pydantic models.
        fields = stack.pop().__dict__
        if pending_break:
            append("\n\n")
            pending_break = False
        label = fields.get("num") or fields.get("bullet") or ""
        gap = fields.get("gap", "")
        if gap is None:
            gap = " " if label else ""
        append(fields.get("indent", ""))
        append(label)
        append(gap)
        append(fields.get("text", ""))
        eol = fields.get("eol", "")
        if eol is not None:
            append(eol)
        for part in fields.get("continued", ()):
            append(part.page_break.text)
            append(part.text)
            append(part.eol)
            eol = part.eol
        trailing = fields.get("trailing", "")
        if trailing is not None:
            append(trailing)
        if eol is None and trailing is None:
            # Built in code: the line break and blank line are owed only if something follows.
            pending_break = True
        children = fields.get("children")
        if children:
            stack.extend(reversed(children))
    return "".join(out)
