"""Findings and errors: where the parser was unsure, and what strict mode raises."""

from __future__ import annotations

import re

from lark.exceptions import UnexpectedInput
from pydantic import BaseModel, ConfigDict, Field


_BREAK = re.compile(r"\r\n|\r|\n")
CONTEXT_SPAN = 160
"""Characters of the offending line shown on each side of the error column."""


DIAGNOSTIC_CODES = frozenset(
    {"numbering", "marker", "preambular-in-operative", "unknown-verb", "depth", "inline-labels", "ocr-label"}
)
"""Every code a diagnostic can carry."""


class Diagnostic(BaseModel):
    """A place where the parser was unsure: a numbering gap, an unknown verb, a misplaced paragraph."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    line: int = Field(description="1-based line of the finding.")
    column: int = Field(description="1-based column of the finding.")
    code: str = Field(
        description="A stable identifier: 'numbering', 'marker', 'unknown-verb', 'preambular-in-operative', 'depth', "
        "'inline-labels', 'ocr-label'."
    )
    message: str = Field(description="What was found, in words.")

    def format(self, filename: str = "<string>") -> str:
        """``FILE:LINE:COL: message`` as compilers print it."""
        return f"{filename}:{self.line}:{self.column}: {self.message} [{self.code}]"


class ParseError(UnexpectedInput, ValueError):
    """Raised by ``parse(text, strict=True)`` on the first finding, and for input that is not a document.

    It carries ``line``, ``column`` and ``filename``; ``str(error)`` names them and shows the
    offending line with a caret under the column (Lark's error context).
    """

    def __init__(self, message: str, text: str, line: int, column: int, *, filename: str = "<string>", code: str = "error") -> None:
        self.message = message
        self.line = line
        self.column = column
        self.filename = filename
        self.code = code
        self.pos_in_stream = _offset(text, line, column)  # type: ignore[assignment]
        # Lark finds the line around an offset by \n alone; with \r as \n the offsets stay put.
        self.context = self.get_context(text.replace("\r", "\n"), span=CONTEXT_SPAN) if text else ""
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.filename}:{self.line}:{self.column}: {self.message}\n{self.context}".rstrip("\n")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (_rebuild, (self.message, self.line, self.column, self.filename, self.code, self.context))


def _rebuild(message: str, line: int, column: int, filename: str, code: str, context: str) -> ParseError:
    error = ParseError.__new__(ParseError)
    error.message, error.line, error.column, error.filename, error.code, error.context = message, line, column, filename, code, context
    error.pos_in_stream = None
    ValueError.__init__(error, message)
    return error


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (lines end at \r\n, \r or \n)."""
    position = 0
    for _ in range(line - 1):
        match = _BREAK.search(text, position)
        if match is None:
            break
        position = match.end()
    return min(position + column - 1, len(text))
