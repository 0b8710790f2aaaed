"""The outline of a document: its numbered nodes as paths of plain labels.

``I/1/a`` is item a of clause 1 of section I; numbered preambular paragraphs sit under
``preamble`` (``preamble/3``). Unnumbered containers add no segment. Labels are the printed
ones: a list written "1." on every item (auto-numbered markdown) is 1, 1, 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aseandocs import models as m

STRUCTURAL = (m.Section, m.Clause, m.PreambularParagraph, m.OperativeParagraph)


@dataclass(frozen=True)
class Entry:
    """One structural node of an outline."""

    path: str
    node: m.Node

    @property
    def kind(self) -> str:
        return self.node.kind


def _labels(children: tuple[m.Node, ...]) -> list[str | None]:
    # Printed labels only: a list written "1." on every item is 1, 1, 1.
    return [getattr(c, "number", None) if isinstance(c, STRUCTURAL) else None for c in children]


def entries(document: m.Document, *, numbered_only: bool = False) -> list[Entry]:
    """Structural nodes in reading order with their paths (numbered ones only, if asked)."""
    out: list[Entry] = []
    stack: list[tuple[tuple[m.Node, ...], str, int]] = [(document.children, "", 0)]
    # An explicit stack keeps outlines of any depth off Python's recursion limit.
    while stack:
        children, prefix, index = stack.pop()
        if index >= len(children):
            continue
        labels = _labels(children)
        stack.append((children, prefix, index + 1))
        node = children[index]
        label = labels[index]
        path = prefix
        if isinstance(node, STRUCTURAL) and label is not None:
            base = prefix or ("preamble" if isinstance(node, m.PreambularParagraph) else "")
            path = f"{base}/{label}" if base else label
            out.append(Entry(path, node))
        elif not numbered_only and isinstance(node, (*STRUCTURAL, m.Formula, m.Closing, m.Heading)):
            out.append(Entry(prefix or "·", node))
        sub = getattr(node, "children", ())
        if sub:
            stack.append((sub, path, 0))
    return out


def summary(document: m.Document) -> dict[str, Any]:
    """The counts and node paths compared with the expected outlines of the corpus."""
    return {
        "preambular": len(document.preamble),
        "operative": len(document.operative),
        "closing": document.closing is not None,
        "nodes": [e.path for e in entries(document, numbered_only=True)],
    }
