"""aseandocs: the plain text of ASEAN documents as a typed, lossless tree.

>>> import aseandocs
>>> doc = aseandocs.parse("I. Scope\\n\\n1. Strengthen cooperation.\\n")
>>> [n.kind for n in doc.nodes()]
['section', 'clause']
>>> aseandocs.render(doc) == "I. Scope\\n\\n1. Strengthen cooperation.\\n"
True
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

# The public names load on first use (PEP 562), so that ``import aseandocs`` and the
# command line's --version and --help do not import pydantic, Lark and rich.
if TYPE_CHECKING:
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
    from aseandocs.comparison import Diff, diff
    from aseandocs.records import feed
    from aseandocs.files import dump, dumps, load, loads, parse_file
    from aseandocs.parser import parse
    from aseandocs.render import render
    from aseandocs.vocabulary import DEFAULT_VOCABULARY, Vocabulary

_PUBLIC_MODULES: dict[str, str] = {
    "Diagnostic": "aseandocs.diagnostics",
    "ParseError": "aseandocs.diagnostics",
    "SCHEMA_VERSION": "aseandocs.models",
    "Adoption": "aseandocs.models",
    "BodyNode": "aseandocs.models",
    "Clause": "aseandocs.models",
    "Closing": "aseandocs.models",
    "Continuation": "aseandocs.models",
    "Document": "aseandocs.models",
    "Formula": "aseandocs.models",
    "FrontMatter": "aseandocs.models",
    "Header": "aseandocs.models",
    "Heading": "aseandocs.models",
    "Item": "aseandocs.models",
    "Markup": "aseandocs.models",
    "Node": "aseandocs.models",
    "OperativeParagraph": "aseandocs.models",
    "PageBreak": "aseandocs.models",
    "PageDebris": "aseandocs.models",
    "Paragraph": "aseandocs.models",
    "PreambularParagraph": "aseandocs.models",
    "Preface": "aseandocs.models",
    "Section": "aseandocs.models",
    "Signature": "aseandocs.models",
    "Table": "aseandocs.models",
    "Title": "aseandocs.models",
    "Trailer": "aseandocs.models",
    "Place": "aseandocs.addresses",
    "feed": "aseandocs.records",
    "to_akn": "aseandocs.akn",
    "from_akn": "aseandocs.akn",
    "diff": "aseandocs.comparison",
    "Diff": "aseandocs.comparison",
    "dump": "aseandocs.files",
    "dumps": "aseandocs.files",
    "load": "aseandocs.files",
    "loads": "aseandocs.files",
    "parse_file": "aseandocs.files",
    "parse": "aseandocs.parser",
    "render": "aseandocs.render",
    "DEFAULT_VOCABULARY": "aseandocs.vocabulary",
    "Vocabulary": "aseandocs.vocabulary",
}


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
    "Diff",
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
    "diff",
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


def __getattr__(name: str) -> Any:
    module = _PUBLIC_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'aseandocs' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package module: the import system names each loaded submodule on its package,
    and the function :func:`render` keeps its name over its module ``aseandocs.render``."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _PUBLIC_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
