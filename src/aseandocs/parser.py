"""The public entry point: text in, document tree out."""

from __future__ import annotations

from typing import Literal, Sequence

from aseandocs import collector, htmlblocks, languages, layout, structure
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
    input: Literal["auto", "text", "markdown", "html"] = "auto",
    language: str | Sequence[str] = "en",
) -> Document:
    """Parse any text into a :class:`Document` that renders back to exactly ``text``.

    In the default lenient mode every string is accepted: what the grammar does not
    recognise becomes a plain paragraph, and doubtful spots are listed in
    ``Document.diagnostics``. With ``strict=True`` the first diagnostic raises
    :class:`ParseError` with its line, column and the offending line under a caret.

    ``input`` says how to read the text: ``"text"`` and ``"markdown"`` (one reader: lines
    and their shapes, markdown markup read through), ``"html"`` (HTML or XML, blocks from
    the elements), or ``"auto"`` (the default), which detects HTML and XML by content.

    ``language`` names the languages the text is written in ("en", "nl", "fr", "es", "pt",
    "de", or several: ``("en", "nl")`` for an English text followed by its Dutch
    translation): their keyword labels and closings are read as the English ones are.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}; decode bytes first")
    bom = text.startswith(BOM)
    body = text[1:] if bom else text
    if input not in ("auto", "text", "markdown", "html"):
        raise ValueError(f"input must be 'auto', 'text', 'markdown' or 'html', not {input!r}")
    line_feeds_only = "\r" not in body
    as_html = input == "html" or (input == "auto" and htmlblocks.looks_like_html(body))
    collecting = collector.pause()
    try:
        document = structure.build(
            htmlblocks.blocks(body) if as_html else layout.blocks(body, line_feeds_only=line_feeds_only),
            vocabulary or DEFAULT_VOCABULARY,
            layout.LineIndex(body, line_feeds_only=line_feeds_only),
            bom=bom,
            languages=languages.normalized(language),
        )
    finally:
        collector.resume(collecting)
    if strict and document.diagnostics:
        first = document.diagnostics[0]
        raise ParseError(first.message, body, first.line, first.column, filename=filename, code=first.code)
    return document
