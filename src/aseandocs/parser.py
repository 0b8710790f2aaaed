"""The public entry point: text in, document tree out."""

from __future__ import annotations

from aseandocs import collector, layout, structure
from aseandocs.diagnostics import ParseError
from aseandocs.models import Document
from aseandocs.vocabulary import DEFAULT_VOCABULARY, Vocabulary

BOM = "\ufeff"


def parse(
    text: str,
    *,
    strict: bool = False,
    vocabulary: Vocabulary | None = None,
    filename: str = "<string>",
) -> Document:
    """Parse any text into a :class:`Document` that renders back to exactly ``text``.

    In the default lenient mode every string is accepted: what the grammar does not
    recognise becomes a plain paragraph, and doubtful spots are listed in
    ``Document.diagnostics``. With ``strict=True`` the first diagnostic raises
    :class:`ParseError` with its line, column and the offending line under a caret.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; decode bytes first")
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    line_feeds_only = "\r" not in body
    collecting = collector.pause()
    try:
        document = structure.build(
            layout.blocks(body, line_feeds_only=line_feeds_only),
            vocabulary or DEFAULT_VOCABULARY,
            layout.LineIndex(body, line_feeds_only=line_feeds_only),
            bom=bom,
        )
    finally:
        collector.resume(collecting)
    if strict and document.diagnostics:
        first = document.diagnostics[0]
        raise ParseError(first.message, body, first.line, first.column, filename=filename, code=first.code)
    return document
