"""Editing a document by address: each edit returns a new, validated document.

Nodes are frozen, so an edit rebuilds the path from the edited node up to the document and
shares everything else: every node the edit does not touch renders exactly as before. The
new or changed node is validated when the edit is made (a text that is not a string, a
node that cannot stand in a document), so a bad value raises pydantic's ValidationError
here rather than later in render. ``model_copy(update=...)`` skips that validation: prefer
these functions (or the Document methods that call them) for edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union, get_args

from pydantic import TypeAdapter

from aseandocs import addresses
from aseandocs import models as m

Target = Union[str, m.Node]
"""A node to edit: its id (``"sec_I__para_2"``), its path (``"I/2"``) or the node itself."""

_BODY_NODE: TypeAdapter[Any] = TypeAdapter(m.BodyNode)
_BODY_KINDS = tuple(get_args(get_args(m.BodyNode)[0]))


def locate(document: m.Document, target: Target) -> addresses.Place:
    """The place of a node given by id, path or identity; KeyError if the document has none."""
    for place in addresses.places(document):
        if isinstance(target, str):
            if place.id == target or place.path == target:
                return place
        elif place.node is target:
            return place
    shown = target if isinstance(target, str) else f"{type(target).__name__} node"
    raise KeyError(f"no node {shown!r} in this document")


def _validated(node: Any) -> m.Node:
    """``node`` checked as a node that can stand in a document: a model instance is
    re-validated field by field, a dict is built into its model."""
    if isinstance(node, _BODY_KINDS):
        # Its own fields are checked; its children are nodes already and stay as they are.
        return type(node).model_validate(dict(node.__dict__))  # type: ignore[no-any-return]
    return _BODY_NODE.validate_python(node)  # type: ignore[no-any-return]


def _rebuild(document: m.Document, place: addresses.Place, siblings: list[m.Node]) -> m.Document:
    """The document with ``place``'s siblings replaced by ``siblings``, ancestors rebuilt."""
    children: tuple[m.Node, ...] = tuple(siblings)
    parent = place.parent
    while parent is not None:
        node = parent.node.model_copy(update={"children": children})
        grand = parent.parent
        container = grand.node if grand is not None else document
        children = tuple(node if c is parent.node else c for c in container.__dict__["children"])
        parent = grand
    edited = document.model_copy(update={"children": children, "diagnostics": ()})
    if edited.depth > m.MAX_DEPTH:
        raise ValueError(f"nodes would be nested deeper than {m.MAX_DEPTH} levels")
    return edited


def _siblings(document: m.Document, place: addresses.Place) -> list[m.Node]:
    container = place.parent.node if place.parent is not None else document
    return list(container.__dict__["children"])


def _position(siblings: list[m.Node], node: m.Node) -> int:
    return next(i for i, sibling in enumerate(siblings) if sibling is node)


def replace(document: m.Document, target: Target, new: Any) -> m.Document:
    """The document with the target node replaced by ``new`` (a node, or its JSON dict)."""
    place = locate(document, target)
    node = _validated(new)
    siblings = _siblings(document, place)
    siblings[_position(siblings, place.node)] = node
    return _rebuild(document, place, siblings)


def remove(document: m.Document, target: Target) -> m.Document:
    """The document without the target node (and its subtree)."""
    place = locate(document, target)
    siblings = _siblings(document, place)
    del siblings[_position(siblings, place.node)]
    return _rebuild(document, place, siblings)


def insert(document: m.Document, target: Target, new: Any, *, after: bool = True) -> m.Document:
    """The document with ``new`` inserted as a sibling after (or before) the target node."""
    place = locate(document, target)
    node = _validated(new)
    siblings = _siblings(document, place)
    siblings.insert(_position(siblings, place.node) + (1 if after else 0), node)
    return _rebuild(document, place, siblings)


def with_text(document: m.Document, target: Target, text: str) -> m.Document:
    """The document with the target node's text replaced by ``text``, taken as clean text.

    The node's label, indent whitespace and line ending stay; its own markup, hard wraps and
    page breaks give way to the new text on one line (whitespace runs become one space). A
    preambular or operative paragraph keeps its verb if the new text still opens with it.
    """
    place = locate(document, target)
    node = place.node
    if not isinstance(text, str):
        # Let pydantic say what is wrong, in its words, at the edit.
        type(node).model_validate({**node.__dict__, "text": text})
    one_line = " ".join(text.split())
    fields = dict(node.__dict__)
    if "text" not in fields:
        raise TypeError(f"a {node.kind} node has no text to replace")
    indent = fields.get("indent", "")
    fields.update(text=one_line, indent=indent[: len(indent) - len(indent.lstrip())], continued=())
    verb = fields.get("verb")
    if verb and not one_line.startswith(verb):
        fields["verb"] = None
    siblings = _siblings(document, place)
    siblings[_position(siblings, node)] = type(node).model_validate(fields)
    return _rebuild(document, place, siblings)


@dataclass(frozen=True, slots=True)
class Difference:
    """Where a document's text, parsed again, gives another tree: the node expected (kind
    and label at its path) and what the parser reads there instead (None: nothing)."""

    path: str
    line: int
    expected: str | None
    found: str | None

    def __str__(self) -> str:
        return f"line {self.line}: {self.path}: {self.expected or 'nothing'} reads back as {self.found or 'nothing'}"


def _shape(place: addresses.Place) -> str:
    num = place.node.__dict__.get("num")
    return f"{place.node.kind} {num!r}" if num else place.node.kind


def roundtrip_differences(document: m.Document, *, limit: int = 20) -> list[Difference]:
    """Where ``render(document)`` would parse into a different tree (at most ``limit``
    differences, in reading order); empty when it reads back the same.

    A parsed document always reads back the same. One built or edited in code may not:
    whether a line is a label depends on its context, so a text that opens with "1." or a
    node placed where its label continues another sequence can be read otherwise.
    """
    from aseandocs.parser import parse
    from aseandocs.render import render

    before = [(p.path, _shape(p), p.line) for p in addresses.places(document)]
    after = [(p.path, _shape(p), p.line) for p in addresses.places(parse(render(document)))]
    out: list[Difference] = []
    for index in range(max(len(before), len(after))):
        old = before[index] if index < len(before) else None
        new = after[index] if index < len(after) else None
        if old is not None and new is not None and old[:2] == new[:2]:
            continue
        where = old or new
        assert where is not None
        out.append(Difference(where[0], where[2], old[1] if old else None, new[1] if new else None))
        if len(out) >= limit:
            break
    return out
