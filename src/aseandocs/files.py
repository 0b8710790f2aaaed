"""Documents in files and strings: parse a file, and the lossless JSON in json's style.

``dumps``/``loads`` and ``dump``/``load`` read and write the lossless JSON
(``Document.model_dump_json``), the format that renders back to the exact text;
:func:`aseandocs.feed` is the clean one.
"""

from __future__ import annotations

import os
from typing import IO, Any, Literal, Sequence

from aseandocs.models import Document
from aseandocs.parser import parse


def parse_file(
    path: str | os.PathLike[str],
    *,
    strict: bool = False,
    input: Literal["auto", "text", "markdown", "html"] = "auto",
    language: str | Sequence[str] = "en",
    **options: Any,
) -> Document:
    """Parse the file at ``path``: read as bytes and decoded as UTF-8, so its line endings
    and byte-order mark are kept and render back as they were. Errors name the file."""
    with open(path, "rb") as handle:
        text = handle.read().decode("utf-8")
    return parse(text, strict=strict, input=input, language=language, filename=os.fspath(path), **options)


def dumps(document: Document, *, indent: int | None = None) -> str:
    """The document as lossless JSON."""
    return document.model_dump_json(indent=indent)


def loads(data: str | bytes | bytearray) -> Document:
    """A document from its lossless JSON; pydantic's ValidationError if it is not one."""
    return Document.model_validate_json(data)


def dump(document: Document, fp: IO[str], *, indent: int | None = None) -> None:
    """Write the document's lossless JSON to a text file object."""
    fp.write(dumps(document, indent=indent))


def load(fp: IO[str] | IO[bytes]) -> Document:
    """Read a document from a file object holding its lossless JSON."""
    return loads(fp.read())
