"""Rendering: a tree back to text, by concatenating what its nodes own.

A parsed node renders exactly as it was read. A node built in code leaves ``gap``, ``eol``
and ``trailing`` as None and gets the canonical layout: one space after its
label, a line break after its text and a blank line before the next block.
"""

from __future__ import annotations

from typing import Union

from aseandocs import models as m

Renderable = Union[m.Document, m.Node]


def _head(node: m.Node) -> str:
    label = getattr(node, "num", None) or getattr(node, "bullet", None) or ""
    gap = getattr(node, "gap", "")
    text = getattr(node, "text", "")
    if gap is None:
        gap = " " if label else ""
    return getattr(node, "indent", "") + label + gap + text


def render(node: Renderable) -> str:
    """The text of a document or of any node in it, byte for byte as parsed."""
    out: list[str] = []
    if isinstance(node, m.Document):
        if node.bom:
            out.append("\ufeff")
        out.append(node.leading)
        stack: list[m.Node] = list(reversed(node.children))
    else:
        stack = [node]
    pending_break = False
    while stack:
        current = stack.pop()
        if pending_break:
            out.append("\n\n")
            pending_break = False
        out.append(_head(current))
        eol = getattr(current, "eol", "")
        if eol is not None:
            out.append(eol)
        for part in getattr(current, "continued", ()):
            out.append(part.page_break.text)
            out.append(part.text)
            out.append(part.eol)
            eol = part.eol
        trailing = getattr(current, "trailing", "")
        if trailing is not None:
            out.append(trailing)
        if eol is None and trailing is None:
            # Built in code: the line break and blank line are owed only if something follows.
            pending_break = True
        stack.extend(reversed(getattr(current, "children", ())))
    return "".join(out)
