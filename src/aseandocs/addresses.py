"""Where each node stands: its Akoma Ntoso element, its id, its path, its parent and its lines.

One module decides, for the JSON feed and the Akoma Ntoso export alike, which element a
node becomes and so which id it carries. Ids follow the OASIS Akoma Ntoso naming
convention: components joined by ``__``, each the element's abbreviation and its label
cleaned of punctuation (``"(a)"`` -> ``a``, ``"I."`` -> ``I``, ``"1.2."`` -> ``1-2``,
``"Article 4"`` -> ``4``), or an ordinal where the node has no label (``rec_3``,
``formula_1``); the top-level zones that carry no id of their own pass their name down
(``preamble__recs_1__rec_2``, ``conclusions__formula_1``), the main body passes nothing
(``para_7``, ``sec_II__para_5``, ``chp_1__art_3__para_2__point_b``). Points sit directly in
their paragraph (no ``list`` element), except under recitals, which hold blocks only and
so take a ``list`` of ``item`` elements. Two siblings that would share an id take a suffix,
the second ``_2``, the third ``_3``.

A numbered node's id depends only on its own label and its ancestors'; an unnumbered node's
ordinal counts the unnumbered siblings of its element before it, so inserting or removing
an unnumbered node shifts the ordinals of the unnumbered nodes after it, and only those.

Paths are written like the outline: plain labels joined by ``/`` (``I/1/a``, ``1/2/1/c/ii``,
``preamble/3``), with a positional segment for an unnumbered node, its abbreviation and
ordinal (``p[2]``, ``preamble/rec[4]``, ``conclusions/formula[1]``); a label its siblings
repeat takes the same kind of position (``1[2]``). Paths and ids are unique in a document.

Nodes that have no element in the export (page debris, markup, front matter, headers)
still get an id in the same syntax, named after their kind (``debris_3``, ``markup_1``),
so a consumer of the feed can address and filter them; no exported element shares it.

Where the Akoma Ntoso schema does not allow a node's element where the node stands, the
node keeps its id and takes a generic element named after its abbreviation: an
``hcontainer`` among hierarchy elements (a prose paragraph between two numbered clauses,
``<hcontainer name="p" eId="sec_I__p_2">``; anything but a hierarchy element in an act's
``body``), a ``container`` among blocks (a heading in the main body or the conclusions,
``<container name="crossHeading">``). A prose paragraph or table under a hierarchy element
stays a block where it can: before the first hierarchy child (the parent's ``intro``),
after the last (its ``wrapUp``), or when there is none (its ``content``). Recitals stand
in ``recitals`` containers, a new one after anything else in the preamble
(``preamble__recs_2__rec_1``); what stands under a recital is a list of items.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from aseandocs import markup, numbering
from aseandocs import models as m

PREFACE, PREAMBLE, BODY, CONCLUSIONS = "preface", "preamble", "body", "conclusions"

_KEYWORD_ELEMENTS = {
    "article": ("article", "art"),
    "chapter": ("chapter", "chp"),
    "part": ("part", "part"),
    "section": ("section", "sec"),
    "title": ("title", "title"),
    "rule": ("rule", "rule"),
}
"""Elements of sections whose label names their kind ("Article 4", "CHAPTER II")."""

_NAMED_CONTAINERS = ("annex", "schedule", "appendix", "regulation", "module")
"""Section words with no element of their own: an ``hcontainer`` named after the word."""

_HIERARCHY = frozenset(
    {"article", "chapter", "part", "section", "title", "rule", "hcontainer", "paragraph", "point"}
)
_POINT_PARENTS = frozenset({"paragraph", "point"})
_ITEM_PARENTS = frozenset({"recital", "item"})

# bluebell's clean_num, as the naming convention's validators read it.
_PUNCTUATION = r"\u2000-\u206f\u2e00-\u2e7f!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~"
_EDGES = re.compile(rf"^[\s{_PUNCTUATION}]+|[\s{_PUNCTUATION}]+$")
_INNER_PUNCTUATION = re.compile(rf"[{_PUNCTUATION}]+")
_SECTION_WORD = re.compile(r"^\W*([A-Za-z\u00c0-\u024f]+)")


@functools.lru_cache(maxsize=4096)
def printed_num(num: str) -> str:
    """A label as a reader sees it, markup taken out: ``'**1.**'`` -> ``'1.'``, ``'1\\.'`` -> ``'1.'``."""
    return " ".join(markup.reading_view(num).split()).strip(" *_")


@functools.lru_cache(maxsize=4096)
def clean_num(num: str) -> str:
    """The id component of a label: the naming convention's clean number, the kind word of a
    keyword label dropped (``'Article 4'`` -> ``'4'``, ``'(a)'`` -> ``'a'``, ``'11.2 Rev. A'``
    -> ``'11-2RevA'``), ``'nn'`` when nothing is left."""
    text = printed_num(num)
    keyword = numbering.keyword_prefix(text)
    if keyword:
        text = text[keyword:]
    text = _EDGES.sub("", text)
    text = "".join(text.split())
    return _INNER_PUNCTUATION.sub("-", text) or "nn"


def section_word(num: str | None) -> str | None:
    """The kind a section's label names, in English (``'Article 4'`` -> ``'article'``), or None."""
    if not num:
        return None
    return numbering.keyword_word(printed_num(num)) or _named_word(printed_num(num))


def _named_word(text: str) -> str | None:
    match = _SECTION_WORD.match(text)
    if match and match.group(1).lower() in _NAMED_CONTAINERS:
        return match.group(1).lower()
    return None


@dataclass(frozen=True, slots=True)
class Element:
    """What a node becomes in Akoma Ntoso: the element, its id abbreviation, its ``name``
    attribute where the element needs one; ``tag`` is None for nodes the export leaves out."""

    tag: str | None
    abbr: str
    name: str | None = None


def element(node: m.Node, parent: Element | None, zone: str) -> Element:
    """The element a node becomes, given its parent's element (None at top level) and zone."""
    kind = node.kind
    parent_tag = parent.tag if parent else None
    if kind == "section":
        word = section_word(node.num)  # type: ignore[attr-defined]
        if word in _KEYWORD_ELEMENTS:
            return Element(*_KEYWORD_ELEMENTS[word])
        if word:
            return Element("hcontainer", word, word)
        return Element("section", "sec")
    if parent_tag in _ITEM_PARENTS:
        # A recital holds blocks only: what stands under it is a list of items.
        return Element("item", "item")
    if kind == "preambular_paragraph":
        if parent is None:
            return Element("recital", "rec") if zone == PREAMBLE else Element("paragraph", "para")
        return Element("paragraph", "para")
    if kind in ("operative_paragraph", "clause"):
        return Element("point", "point") if parent_tag in _POINT_PARENTS else Element("paragraph", "para")
    return _BLOCK_ELEMENTS.get(kind) or Element(None, _camel(kind))


_BLOCK_ELEMENTS = {
    "item": Element("point", "point"),
    "paragraph": Element("p", "p"),
    "heading": Element("crossHeading", "crossHeading"),
    "table": Element("table", "table"),
    "title": Element("longTitle", "longTitle"),
    "preface": Element("container", "container", "preface"),
    "formula": Element("formula", "formula"),
    "closing": Element("formula", "formula", "closingFormula"),
    "signature": Element("container", "signature", "signature"),
    "adoption": Element("container", "adoption", "adoption"),
    "trailer": Element("container", "trailer", "trailer"),
}


_BLOCKS = frozenset({"p", "table"})
_ALLOWED = {
    # What each place may hold, after the OASIS schema's content models.
    PREFACE: _BLOCKS | {"longTitle", "formula", "container"},
    PREAMBLE: _BLOCKS | {"recital", "formula", "container"},
    CONCLUSIONS: _BLOCKS | {"longTitle", "formula", "container"},
    "mainBody": _HIERARCHY | _BLOCKS | {"container"},
    "body": _HIERARCHY,
    "hierarchy": _HIERARCHY | _BLOCKS | {"crossHeading"},
    "container": _BLOCKS | {"container"},
    "items": frozenset({"item"}),
}
_STRUCTURE = _HIERARCHY | {"crossHeading"}

_DOCUMENT_ELEMENTS = {
    "joint statement": ("statement", "jointStatement"),
    "chairman's statement": ("statement", "chairmansStatement"),
    "statement": ("statement", "statement"),
    "communiqué": ("statement", "communique"),
    "declaration": ("statement", "declaration"),
    "resolution": ("statement", "resolution"),
    "decision": ("statement", "decision"),
    "plan of action": ("doc", "planOfAction"),
    "work plan": ("doc", "workPlan"),
    "roadmap": ("doc", "roadmap"),
    "blueprint": ("doc", "blueprint"),
    "memorandum of understanding": ("act", "memorandumOfUnderstanding"),
    "charter": ("act", "charter"),
    "constitution": ("act", "constitution"),
    "protocol": ("act", "protocol"),
    "convention": ("act", "convention"),
    "treaty": ("act", "treaty"),
    "agreement": ("act", "agreement"),
}


def document_element(doc_type: str | None) -> Element:
    """The document element of a document of this type: ``statement`` for declarations,
    statements, communiqués, resolutions and decisions, ``doc`` for plans, roadmaps and
    blueprints (and a document of no known type, ``name="document"``), ``act`` for
    agreements, treaties, conventions, protocols, charters and MOUs."""
    tag, name = _DOCUMENT_ELEMENTS.get(doc_type or "", ("doc", "document"))
    return Element(tag, tag, name)


def _context(parent: Element | None, zone: str, body_tag: str) -> str:
    """Which content model the children of ``parent`` (top level: the zone) fall under."""
    if parent is None:
        if zone == BODY:
            return "body" if body_tag == "act" else "mainBody"
        return zone
    if parent.tag in _ITEM_PARENTS:
        return "items"
    if parent.tag in _HIERARCHY:
        return "hierarchy"
    return "container"


def _fit(elements: list[Element], context: str) -> list[Element]:
    """The siblings' elements, each replaced by a generic one where the context does not
    allow it: an hcontainer among hierarchy, a container among blocks (named after the
    abbreviation, so the id stays). A block between two structural siblings of a hierarchy
    element cannot stand in its intro or wrapUp and takes an hcontainer too."""
    allowed = _ALLOWED[context]
    generic = "hcontainer" if context in ("body", "hierarchy") else "container"
    out = [e if e.tag is None or e.tag in allowed else Element(generic, e.abbr, e.abbr) for e in elements]
    if context == "hierarchy":
        structural = [i for i, e in enumerate(out) if e.tag in _STRUCTURE]
        if structural:
            first, last = structural[0], structural[-1]
            for index in range(first + 1, last):
                if out[index].tag in _BLOCKS:
                    out[index] = Element("hcontainer", out[index].abbr, out[index].abbr)
    return out


def _camel(kind: str) -> str:
    head, *rest = kind.split("_")
    return head + "".join(word.title() for word in rest)


def zones(document: m.Document) -> list[str]:
    """The zone of each top-level node: preface, preamble, body or conclusions.

    The preface is what stands before the document's own text: its title, a news lead-in,
    front matter or a header. The preamble opens with the first formula, recital or prose
    paragraph and runs to the first node of the body; prose that neither a formula, a
    recital nor a body follows is the body itself (a statement in plain paragraphs). The
    conclusions open with the closing formula, a signature or adoption line, or a formula
    after the body (a testimonium), and run until structure resumes (an annex after the
    signatures is body again). Headings, tables and furniture take the zone they stand in.
    """
    out: list[str] = []
    zone = PREFACE
    seen_body = False
    undecided: list[int] = []  # prose that opened the preamble before anything confirmed it
    for node in document.children:
        kind = node.kind
        if kind in ("title", "preface", "front_matter", "header"):
            this = zone
        elif kind == "preambular_paragraph":
            zone = this = PREAMBLE if not seen_body else zone
            undecided.clear()
        elif kind == "formula":
            if seen_body or zone == CONCLUSIONS:
                zone = CONCLUSIONS
            else:
                zone = PREAMBLE
                undecided.clear()
            this = zone
        elif kind in ("closing", "signature", "adoption", "trailer"):
            zone = this = CONCLUSIONS
        elif kind in ("section", "clause", "operative_paragraph", "item"):
            zone = this = BODY
            seen_body = True
            undecided.clear()
        elif kind == "paragraph" and zone == PREFACE:
            zone = this = PREAMBLE
            undecided.append(len(out))
        else:  # paragraph, heading, table, furniture: where they stand
            this = zone
            if undecided and zone == PREAMBLE:
                undecided.append(len(out))
        out.append(this)
    for index in undecided:
        out[index] = BODY
    return out


@dataclass(slots=True)
class Place:
    """A node with its address: id, path, parent, depth, zone, element, and where its text
    starts and ends (1-based lines and columns; the end is that of its last descendant)."""

    node: m.Node
    id: str
    path: str
    parent: Place | None
    depth: int
    zone: str
    element: Element
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    @property
    def parent_id(self) -> str | None:
        """The parent's id, None at top level."""
        return self.parent.id if self.parent else None


class _Cursor:
    """Line and column (1-based) after the text consumed so far."""

    __slots__ = ("line", "column", "_after_cr")

    def __init__(self) -> None:
        self.line = 1
        self.column = 1
        self._after_cr = False

    def advance(self, piece: str) -> None:
        if not piece:
            return
        # A "\r\n" split across two pieces is one line break.
        if self._after_cr and piece[0] == "\n":
            piece = piece[1:]
            self._after_cr = False
            if not piece:
                return
        breaks = piece.count("\n") + piece.count("\r") - piece.count("\r\n")
        if breaks:
            self.line += breaks
            last = max(piece.rfind("\n"), piece.rfind("\r"))
            self.column = len(piece) - last
        else:
            self.column += len(piece)
        self._after_cr = piece[-1] == "\r"


def _advance_over(fields: dict[str, object], cursor: _Cursor, place: Place) -> None:
    """Move the cursor over a node's own text (children excluded), noting where it starts and
    where its last visible character ends."""
    label = fields.get("num") or fields.get("bullet") or ""
    gap = fields.get("gap", "")
    if gap is None:
        gap = " " if label else ""
    indent = fields.get("indent", "")
    cursor.advance(indent)  # type: ignore[arg-type]
    place.line, place.column = cursor.line, cursor.column
    cursor.advance(label)  # type: ignore[arg-type]
    cursor.advance(gap)  # type: ignore[arg-type]
    text: str = fields.get("text", "")  # type: ignore[assignment]
    visible = text.rstrip()
    cursor.advance(visible)
    place.end_line, place.end_column = cursor.line, cursor.column
    cursor.advance(text[len(visible) :])
    eol = fields.get("eol", "")
    if eol is not None:
        cursor.advance(eol)  # type: ignore[arg-type]
    for part in fields.get("continued", ()):  # type: ignore[attr-defined]
        cursor.advance(part.page_break.text)
        visible = part.text.rstrip()
        cursor.advance(visible)
        if visible:
            place.end_line, place.end_column = cursor.line, cursor.column
        cursor.advance(part.text[len(visible) :])
        cursor.advance(part.eol)
    trailing = fields.get("trailing", "")
    if trailing is not None:
        cursor.advance(trailing)  # type: ignore[arg-type]
    elif eol is None:
        cursor.advance("\n\n")  # the canonical layout of a node built in code


def places(document: m.Document) -> list[Place]:
    """Every node of the document with its address, in reading order (parents first)."""
    out: list[Place] = []
    cursor = _Cursor()
    cursor.advance(document.leading)
    # An explicit stack keeps trees of any depth off Python's recursion limit: each frame
    # is the addressed siblings still to visit.
    body_tag = document_element(document.doc_type).tag or "doc"
    stack: list[list[Place]] = [list(reversed(_address_siblings(document.children, None, zones(document), body_tag)))]
    while stack:
        frame = stack[-1]
        if not frame:
            stack.pop()
            continue
        place = frame.pop()
        out.append(place)
        fields = place.node.__dict__
        _advance_over(fields, cursor, place)
        children = fields.get("children")
        if children:
            stack.append(list(reversed(_address_siblings(children, place, None, body_tag))))
    # A parent ends where its last descendant ends; in reading order that is a backward pass.
    for place in reversed(out):
        parent = place.parent
        if parent is not None and (place.end_line, place.end_column) > (parent.end_line, parent.end_column):
            parent.end_line, parent.end_column = place.end_line, place.end_column
    return out


def _address_siblings(
    children: tuple[m.Node, ...], parent: Place | None, top_zones: list[str] | None, body_tag: str = "doc"
) -> list[Place]:
    """Ids and paths of one parent's children. Numbered siblings are addressed first, so
    their ids never depend on an unnumbered sibling's ordinal."""
    parent_element = parent.element if parent else None
    depth = parent.depth + 1 if parent else 1
    ids: set[str] = set()
    paths: set[str] = set()
    slots: list[Place | None] = [None] * len(children)
    pending: list[tuple[int, m.Node, str, Element, str, str]] = []
    node_zones = top_zones if top_zones is not None else [parent.zone] * len(children)  # type: ignore[union-attr]
    elements = [element(node, parent_element, zone) for node, zone in zip(children, node_zones)]
    if parent is None:
        fitted: list[Element | None] = [None] * len(children)
        for zone in {*node_zones}:
            indexes = [i for i, z in enumerate(node_zones) if z == zone]
            for i, e in zip(indexes, _fit([elements[i] for i in indexes], _context(None, zone, body_tag))):
                fitted[i] = e
        elements = fitted  # type: ignore[assignment]
    else:
        elements = _fit(elements, _context(parent_element, parent.zone, body_tag))
    recitals = 1  # the recitals container a recital stands in
    state = "before"  # "in" a run of recitals, "after" one (the next recital opens a new container)
    for index, node in enumerate(children):
        zone = node_zones[index]
        element_ = elements[index]
        if parent is None:
            id_prefix = "" if zone == BODY else zone + "__"
            if element_.tag == "recital":
                if state == "after":
                    recitals += 1
                state = "in"
                id_prefix += f"recs_{recitals}__"
            elif element_.tag is not None and state == "in":
                state = "after"
            path_prefix = "" if zone == BODY else zone + "/"
        else:
            id_prefix = parent.id + "__"
            if element_.tag == "item":
                id_prefix += "list_1__"
            path_prefix = parent.path + "/"
        num = node.__dict__.get("num")
        if num:
            segment = numbering.plain_label(printed_num(num)).replace("/", "-") or "nn"
            id_ = _unique(f"{id_prefix}{element_.abbr}_{clean_num(num)}", ids, "_")
            path = _unique(path_prefix + segment, paths, "")
            slots[index] = Place(node, id_, path, parent, depth, zone, element_)
        else:
            pending.append((index, node, zone, element_, id_prefix, path_prefix))
    ordinals: dict[tuple[str, str], int] = {}
    positions: dict[tuple[str, str], int] = {}
    for index, node, zone, element_, id_prefix, path_prefix in pending:
        key = (id_prefix, element_.abbr)
        ordinal = ordinals[key] = ordinals.get(key, 0) + 1
        id_ = _unique(f"{id_prefix}{element_.abbr}_{ordinal}", ids, "_")
        key = (path_prefix, element_.abbr)
        position = positions[key] = positions.get(key, 0) + 1
        path = _unique(f"{path_prefix}{element_.abbr}[{position}]", paths, "")
        slots[index] = Place(node, id_, path, parent, depth, zone, element_)
    return slots  # type: ignore[return-value]


def _unique(candidate: str, taken: set[str], separator: str) -> str:
    """``candidate``, or with the first free suffix (``_2``, ``[2]``) if a sibling has it."""
    value = candidate
    suffix = 1
    while value in taken:
        suffix += 1
        value = f"{candidate}{separator}{suffix}" if separator else f"{candidate}[{suffix}]"
    taken.add(value)
    return value
