"""The document tree: frozen pydantic models whose fields own every character of the source.

Each block node owns its text in four parts, rendered in this order::

    indent + num + gap + text + eol + trailing

``indent`` is what stands before the label on the first line (spaces, markup such as
``**`` or ``### ``), ``num`` the label exactly as written (``"1."``, ``"(a)"``,
``"Article 1"``), ``gap`` what separates it from the text, ``text`` the block's own
lines joined by their original line breaks, ``eol`` its last line break and
``trailing`` the blank lines after it. A block interrupted by a page break keeps the
rest of its text in ``continued``; numbered blocks keep their sub-items in
``children``. Rendering is plain concatenation, so an untouched node renders exactly
as it was read.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from aseandocs import collector, dates, doctype, markup, metadata, numbering, tables
from aseandocs.diagnostics import Diagnostic

if TYPE_CHECKING:
    from typing_extensions import Self

    from aseandocs.addresses import Place

SCHEMA_VERSION = "1.1"

# The number of a UN resolution printed before its title: "78/272. ".
_RESOLUTION_NUMBER = re.compile(r"^\d{1,4}/\d{1,4}\.[ \t\u00a0]+")

MAX_DEPTH = 32
"""Deepest nesting of nodes a document may have: deep enough for any real document, shallow
enough that every document dumps to JSON and loads back within pydantic's nesting limits."""

BUILT_WITHIN_DEPTH = object()
"""Validation context of a tree whose builder kept it within ``MAX_DEPTH`` (the parser's)."""


def flatten_text(*parts: str) -> str:
    """Text on one line: parts joined, markup taken out (:func:`aseandocs.markup.reading_view`),
    whitespace collapsed, emphasis markers trimmed from the ends."""
    joined = markup.reading_view(" ".join(parts))
    # split/join collapses the same (Unicode) whitespace as a \s+ substitution, far faster.
    return " ".join(joined.split()).strip(" *_")


LineEnd = Literal["", "\n", "\r\n", "\r"]
"""A line break as the reader knows them ('' where the input ends without one)."""

BLANK = r"^[\s\x1c-\x1f]*$"
"""What blank lines may hold: whitespace (Python's, which counts \\x1c-\\x1f) and line breaks."""

ONE_LINE = r"^[^\r\n]+$"
"""A label: at least one character, no line break."""


class Node(BaseModel):
    """Base of every node: frozen, strict about unknown fields, JSON-friendly."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str = Field(description="The node's type, snake_case of its model name.")


class PageBreak(Node):
    """Page furniture between two parts of one block: footnotes, running headers, page numbers."""

    kind: Literal["page_break"] = "page_break"
    text: str = Field(description="The debris lines exactly as written, blank lines included.")


class Continuation(Node):
    """The part of a block that resumes after a page break."""

    kind: Literal["continuation"] = "continuation"
    page_break: PageBreak
    text: str = Field(description="The resumed text, without its last line break.")
    eol: LineEnd = ""


class Block(Node):
    """A run of lines: the shared layout of every node that holds text."""

    indent: str = Field("", description="Whitespace and markup before the label or text.")
    text: str = Field("", description="The block's own text, lines joined by their original breaks.")
    eol: LineEnd | None = Field(
        None, description="The line break ending the block ('' at end of input); null: canonical."
    )
    trailing: str | None = Field(
        None, pattern=BLANK, description="Blank lines owned by this block (whitespace only); null: canonical."
    )
    continued: tuple[Continuation, ...] = Field(
        (), description="Text that resumes after a page break interrupted this block."
    )

    @property
    def plain_text(self) -> str:
        """The block's text on one line: wrapped lines and page breaks joined, spaces collapsed."""
        return flatten_text(self.text, *(c.text for c in self.continued))

    @property
    def excerpt(self) -> str:
        """The first words of the text, for outlines and trees."""
        words = self.plain_text.split(" ")
        return " ".join(words[:10]) + (" ..." if len(words) > 10 else "")


class Numbered(Block):
    """A block that may carry a label such as ``1.``, ``(a)`` or ``Article 4``."""

    num: str | None = Field(
        None, pattern=ONE_LINE, description="The label exactly as written, e.g. 'I.', '1.', '(a)'; one line, not empty."
    )
    gap: str | None = Field(None, description="What separates the label from the text; null: canonical.")

    @property
    def number(self) -> str | None:
        """The label as a plain value: ``'I.'`` -> ``'I'``, ``'(a)'`` -> ``'a'``, ``'Article 4'`` -> ``'4'``."""
        return None if self.num is None else numbering.plain_label(self.num)


class Paragraph(Block):
    """A block the grammar does not recognise as anything more specific."""

    kind: Literal["paragraph"] = "paragraph"


class Heading(Block):
    """An unnumbered heading line (markdown ``##``, an underlined or bold title, 'Annex')."""

    kind: Literal["heading"] = "heading"


class Item(Block):
    """An unnumbered list item opened by a bullet (``-``, ``•``, ``*``)."""

    kind: Literal["item"] = "item"
    bullet: str = Field("-", description="The bullet character(s) as written.")
    gap: str | None = Field(None, description="What separates the bullet from the text; null: canonical.")
    children: tuple[BodyNode, ...] = ()


class Markup(Block):
    """Markup with no text of its own: HTML comments, meta tags, horizontal rules."""

    kind: Literal["markup"] = "markup"


class PageDebris(Block):
    """PDF page furniture standing between blocks: page numbers, symbols, footnotes, barcodes."""

    kind: Literal["page_debris"] = "page_debris"


class FrontMatter(Block):
    """YAML front matter, fences included; its title and date feed the document's metadata."""

    kind: Literal["front_matter"] = "front_matter"

    @property
    def fields(self) -> dict[str, str]:
        """The top-level scalar fields, unquoted, folded lines joined."""
        return metadata.front_matter_fields(self.text)


class Header(Block):
    """A database header: banner lines and ``[Title]`` / ``[Date]`` / ``[Source]`` fields."""

    kind: Literal["header"] = "header"

    @property
    def fields(self) -> dict[str, str]:
        """The bracketed fields by lower-case name: ``{'title': ..., 'date': ..., 'source': ...}``."""
        return metadata.bracket_fields(self.text)


class Preface(Block):
    """Text that wraps the document without belonging to it: a news headline, a lead-in."""

    kind: Literal["preface"] = "preface"


class Table(Block):
    """A table (tariff lines, a work-plan matrix): markdown pipe rows or an HTML table, one
    node that keeps its rows and cells out of the paragraph structure."""

    kind: Literal["table"] = "table"

    @property
    def rows(self) -> list[list[str]]:
        """The rows as lists of cell texts (markup taken out, whitespace collapsed)."""
        return tables.rows(self.text + "".join(c.text for c in self.continued))


class Title(Block):
    """The document's printed title: the capitals or top heading that open the text, one or several lines."""

    kind: Literal["title"] = "title"


class Signature(Block):
    """A line of the signature block after the closing: 'For the Government of ...', a name, a title."""

    kind: Literal["signature"] = "signature"


class Adoption(Block):
    """A line stating where and when the text was adopted ('Adopted by the 9th ADMM-Plus, 23 November 2022')."""

    kind: Literal["adoption"] = "adoption"

    @property
    def date(self) -> _dt.date | None:
        """The adoption date read from the line."""
        return dates.find_date(self.plain_text)


class Formula(Block):
    """An enacting formula: 'The General Assembly,', 'WE, the Heads of State ...', 'HEREBY DECLARE:'."""

    kind: Literal["formula"] = "formula"


class PreambularParagraph(Numbered):
    """A paragraph of the preamble, opening with a participle or adjective phrase."""

    kind: Literal["preambular_paragraph"] = "preambular_paragraph"
    verb: str | None = Field(
        None, description="The opening participle or phrase as written ('RECOGNISING', 'Noting with concern')."
    )
    children: tuple[BodyNode, ...] = ()


class OperativeParagraph(Numbered):
    """A paragraph of the operative part, typically opening with a verb."""

    kind: Literal["operative_paragraph"] = "operative_paragraph"
    verb: str | None = Field(None, description="The opening verb as written ('STRENGTHEN', 'Urges', 'Calls upon').")
    children: tuple[BodyNode, ...] = ()


class Clause(Numbered):
    """A numbered or lettered item that is neither preambular nor operative."""

    kind: Literal["clause"] = "clause"
    children: tuple[BodyNode, ...] = ()


class Section(Numbered):
    """A numbered heading and everything under it: 'I. Political Development', 'Article 4'."""

    kind: Literal["section"] = "section"
    children: tuple[BodyNode, ...] = ()

    @property
    def heading(self) -> str:
        """The heading text without its number or markup."""
        return self.plain_text.strip(" :.-–—")


class Closing(Numbered):
    """The closing formula: 'Done at ... on ...', 'DONE on this ... Day of ...', 'Signed at ...'."""

    kind: Literal["closing"] = "closing"

    @property
    def date(self) -> _dt.date | None:
        """The date of signature, from digits or from words."""
        return dates.find_date(self.plain_text)

    @property
    def place(self) -> str | None:
        """The place of signature ('Bali, Indonesia'), or None."""
        return dates.find_place(self.plain_text)


class Trailer(Block):
    """Text after the document proper: 'Source: ...', a plenary meeting line, an end marker."""

    kind: Literal["trailer"] = "trailer"

    @property
    def source(self) -> str | None:
        """The source named by a 'Source: ...' trailer."""
        match = re.match(r"\s*Source\s*:\s*(.+)", self.plain_text)
        return match.group(1).strip() if match else None


BodyNode = Annotated[
    Union[
        Paragraph,
        Heading,
        Item,
        Markup,
        PageDebris,
        FrontMatter,
        Header,
        Preface,
        Title,
        Signature,
        Table,
        Adoption,
        Formula,
        PreambularParagraph,
        OperativeParagraph,
        Clause,
        Section,
        Closing,
        Trailer,
    ],
    Field(discriminator="kind"),
]
"""Any node that can stand in a document or under a numbered node."""


class Document(Node):
    """A whole document: its nodes in reading order, rendering back to the exact source."""

    kind: Literal["document"] = "document"
    schema_version: str = Field(SCHEMA_VERSION, description="Version of this JSON format.")
    bom: bool = Field(False, description="Whether the source began with a byte-order mark.")
    leading: str = Field("", description="Blank lines before the first node.")
    children: tuple[BodyNode, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = Field(
        (), description="Where the parser was unsure; empty for a document built in code."
    )

    @classmethod
    def model_validate(cls, obj: Any, **options: Any) -> Self:
        """pydantic's ``model_validate`` (a dict or a Document in, a Document out), with the
        cycle collector paused while the tree is built."""
        collecting = collector.pause()
        try:
            return super().model_validate(obj, **options)
        finally:
            collector.resume(collecting)

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """pydantic's ``model_validate_json`` (the JSON that ``model_dump_json`` writes in, a
        Document out), with the cycle collector paused while the tree is built."""
        collecting = collector.pause()
        try:
            return super().model_validate_json(json_data, **options)
        finally:
            collector.resume(collecting)

    @model_validator(mode="after")
    def _not_too_deep(self, info: ValidationInfo) -> Document:
        # The parser builds no deeper than MAX_DEPTH and says so; any other input is walked.
        if info.context is not BUILT_WITHIN_DEPTH and self.depth > MAX_DEPTH:
            raise ValueError(f"nodes are nested deeper than {MAX_DEPTH} levels")
        return self

    @property
    def depth(self) -> int:
        """How deeply nodes are nested: 1 for top-level nodes only, 0 for an empty document."""
        deepest = 0
        stack: list[tuple[int, Node]] = [(1, child) for child in self.children]
        while stack:
            depth, node = stack.pop()
            deepest = max(deepest, depth)
            # Read from the instance dict: a missed attribute is slow on pydantic models.
            children = node.__dict__.get("children")
            if children:
                stack.extend((depth + 1, child) for child in children)
        return deepest

    def nodes(self) -> list[BodyNode]:
        """Every node in reading order, depth first, without recursion."""
        out: list[BodyNode] = []
        stack: list[BodyNode] = list(reversed(self.children))
        while stack:
            node = stack.pop()
            out.append(node)
            children = node.__dict__.get("children")
            if children:
                stack.extend(reversed(children))
        return out

    def walk(self) -> list[Place]:
        """Every node in reading order with where it stands: its id, path, parent, depth and
        lines (:class:`aseandocs.addresses.Place`; ``place.node`` is the node)."""
        from aseandocs import addresses

        return addresses.places(self)

    def get(self, id: str, default: BodyNode | None = None) -> BodyNode | None:
        """The node with this id (``"sec_I__para_2__point_a"``), or ``default``."""
        return next((p.node for p in self.walk() if p.id == id), default)  # type: ignore[misc]

    def find(self, path: str) -> BodyNode | None:
        """The node at this outline path (``"I/2/a"``, ``"preamble/rec[3]"``), or None."""
        return next((p.node for p in self.walk() if p.path == path), None)  # type: ignore[misc]

    def place(self, target: str | Node) -> Place:
        """Where a node (given by id, path or itself) stands; KeyError if it is not here."""
        from aseandocs import editing

        return editing.locate(self, target)

    def replace(self, target: str | Node, new: Any) -> Document:
        """A new document with the target node (id, path or node) replaced by ``new``
        (a node or its JSON dict), validated now; every other node renders as before."""
        from aseandocs import editing

        return editing.replace(self, target, new)

    def with_text(self, target: str | Node, text: str) -> Document:
        """A new document with the target node's text replaced by ``text`` (clean text, on
        one line; the label, indent and line ending stay). See :func:`aseandocs.editing.with_text`."""
        from aseandocs import editing

        return editing.with_text(self, target, text)

    def remove(self, target: str | Node) -> Document:
        """A new document without the target node and its subtree."""
        from aseandocs import editing

        return editing.remove(self, target)

    def insert_after(self, target: str | Node, new: Any) -> Document:
        """A new document with ``new`` inserted as the next sibling of the target node."""
        from aseandocs import editing

        return editing.insert(self, target, new, after=True)

    def validate_roundtrip(self) -> list[Any]:
        """Where this document's text would parse back into a different tree (empty if it
        reads back the same); see :func:`aseandocs.editing.roundtrip_differences`."""
        from aseandocs import editing

        return editing.roundtrip_differences(self)

    def insert_before(self, target: str | Node, new: Any) -> Document:
        """A new document with ``new`` inserted as the previous sibling of the target node."""
        from aseandocs import editing

        return editing.insert(self, target, new, after=False)

    def _first(self, kind: type) -> Node | None:
        return next((n for n in self.children if isinstance(n, kind)), None)

    def _metadata(self, key: str) -> str | None:
        for node in self.children:
            if isinstance(node, (FrontMatter, Header)):
                value = node.fields.get(key)
                if value:
                    return value
        return None

    @property
    def title(self) -> str | None:
        """The title from the database header or front matter, else the printed title (its
        lines joined), else a one-line news headline."""
        title = self._metadata("title")
        if title:
            return title.rstrip(" :")
        printed = self.printed_title
        if printed:
            return printed
        preface = self._first(Preface)
        if isinstance(preface, Preface) and "\n" not in preface.text.strip():
            return preface.plain_text or None
        return None

    @property
    def printed_title(self) -> str | None:
        """The title printed at the top of the text (its lines joined), or None. A resolution's
        number before it ("78/272. Agreement under ...") is the resolution's symbol, not its title."""
        printed = [node.plain_text for node in self.children if isinstance(node, Title)]
        return _RESOLUTION_NUMBER.sub("", " ".join(printed), count=1) if printed else None

    @property
    def doc_type(self) -> str | None:
        """The document's type ('declaration', 'joint statement', 'agreement', ...; see
        :data:`aseandocs.doctype.DOC_TYPES`), read from its title, else its formulas."""
        return doctype.doc_type(self.title, [f.plain_text for f in self.formulas])

    @property
    def date(self) -> _dt.date | None:
        """The document's date: header or front matter, else the adoption line, else the closing."""
        raw = self._metadata("date")
        if raw:
            found = dates.find_date(raw)
            if found:
                return found
        for kind in (Adoption, Closing):
            node = self._first(kind)
            if node is not None and node.date is not None:  # type: ignore[attr-defined]
                return node.date  # type: ignore[attr-defined, no-any-return]
        return None

    @property
    def source(self) -> str | None:
        """The source named by the header or a 'Source: ...' trailer."""
        source = self._metadata("source")
        if source:
            return source
        for node in self.children:
            if isinstance(node, Trailer) and node.source:
                return node.source
        return None

    @property
    def preamble(self) -> tuple[PreambularParagraph, ...]:
        """The preambular paragraphs, in order."""
        return tuple(n for n in self.nodes() if isinstance(n, PreambularParagraph))

    @property
    def operative(self) -> tuple[OperativeParagraph, ...]:
        """The top-level operative paragraphs, in order (their sub-items stay in ``children``)."""
        return tuple(
            n
            for n in self.nodes()
            if isinstance(n, OperativeParagraph)
        )

    @property
    def sections(self) -> tuple[Section, ...]:
        """The top-level sections, in order."""
        return tuple(n for n in self.children if isinstance(n, Section))

    @property
    def closing(self) -> Closing | None:
        """The closing formula, if any."""
        return next((n for n in self.nodes() if isinstance(n, Closing)), None)

    @property
    def formulas(self) -> tuple[Formula, ...]:
        """The enacting formulas, in order."""
        return tuple(n for n in self.nodes() if isinstance(n, Formula))


for _model in (Item, PreambularParagraph, OperativeParagraph, Clause, Section, Document):
    _model.model_rebuild()
