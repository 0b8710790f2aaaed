"""aseandocs: the plain text of ASEAN documents as a typed, lossless tree.

>>> import aseandocs
>>> doc = aseandocs.parse("I. Scope\\n\\n1. Strengthen cooperation.\\n")
>>> [n.kind for n in doc.nodes()]
['section', 'clause']
>>> aseandocs.render(doc) == "I. Scope\\n\\n1. Strengthen cooperation.\\n"
True
"""

from __future__ import annotations

from aseandocs.diagnostics import Diagnostic, ParseError
from aseandocs.models import (
    SCHEMA_VERSION,
    Adoption,
    BodyNode,
    Clause,
    Closing,
    Continuation,
    Document,
    Formula,
    FrontMatter,
    Header,
    Heading,
    Item,
    Markup,
    Node,
    OperativeParagraph,
    PageBreak,
    PageDebris,
    Paragraph,
    PreambularParagraph,
    Preface,
    Section,
    Signature,
    Table,
    Title,
    Trailer,
)
from aseandocs.addresses import Place
from aseandocs.akn import from_akn, to_akn
from aseandocs.records import feed
from aseandocs.files import dump, dumps, load, loads, parse_file
from aseandocs.parser import parse
from aseandocs.render import render
from aseandocs.vocabulary import DEFAULT_VOCABULARY, Vocabulary

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Adoption",
    "BodyNode",
    "Clause",
    "Closing",
    "Continuation",
    "DEFAULT_VOCABULARY",
    "Diagnostic",
    "Document",
    "Formula",
    "FrontMatter",
    "Header",
    "Heading",
    "Item",
    "Markup",
    "Node",
    "OperativeParagraph",
    "PageBreak",
    "PageDebris",
    "Paragraph",
    "Place",
    "ParseError",
    "PreambularParagraph",
    "Preface",
    "Section",
    "Signature",
    "Table",
    "Title",
    "Trailer",
    "Vocabulary",
    "__version__",
    "dump",
    "dumps",
    "feed",
    "from_akn",
    "load",
    "loads",
    "parse",
    "parse_file",
    "render",
    "to_akn",
]
