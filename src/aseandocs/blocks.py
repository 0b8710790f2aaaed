"""Blocks of lines: what the layout pass hands to the structure pass.

The layout grammar's tokens become :class:`RawBlock` and :class:`Blank` objects here, one
per token, inside the LALR parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_BREAK = re.compile(r"\r\n|\r|\n")
_BLANK_CHARS = " \t\u00a0\u3000\f\v\r\n"  # the characters of the grammar's BLANK line
# One line with its line break (the last line of a text may have none).
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


class RawBlock:
    """A block of source lines as the grammar grouped them, before roles are assigned.

    ``raw`` holds the block's lines, the last line break included, the trailing blank
    lines not; ``eol`` is that last line break ('' at the end of a text without one);
    ``offset`` is where the block starts in the text; ``line`` is the 1-based line it
    starts on as the lexer counted it, by line feeds alone (0: not counted).
    A block split off inside a line (aseandocs.structure.segments) has no ``eol`` unless it ends one.
    """

    __slots__ = ("kind", "raw", "offset", "trailing", "eol", "line", "cut", "run_on", "clean", "depth", "repaired")

    def __init__(
        self, kind: str, raw: str, offset: int, trailing: str = "", eol: str | None = None, line: int = 0
    ) -> None:
        self.kind = kind
        self.raw = raw
        self.offset = offset
        self.trailing = trailing
        self.eol = _last_break(raw) if eol is None else eol
        self.line = line
        # Set by the segmentation pass on blocks it split off: (lead, label) lengths of a
        # label it found, and whether the block comes from run-on text.
        self.cut: tuple[int, int] | None = None
        self.run_on = False
        # Set by the HTML reader: the block's reading view (tags out, entities decoded) and
        # how deeply its element is nested, which stands in for indentation.
        self.clean: str | None = None
        self.depth: int | None = None
        # Set by the segmentation pass on a label it read through OCR damage ("ARTlCLE 5").
        self.repaired = False

    def __repr__(self) -> str:
        return f"RawBlock({self.kind!r}, {self.raw!r}, {self.offset}, {self.trailing!r})"

    @property
    def line_count(self) -> int:
        """How many lines the block has."""
        return count_breaks(self.raw) + (0 if self.eol else 1)

    @property
    def body(self) -> str:
        """The block's text without its last line break."""
        return self.raw[: len(self.raw) - len(self.eol)]

    @property
    def lines(self) -> list[str]:
        """The block's lines, each with its line break."""
        return LINE.findall(self.raw)


def _last_break(text: str) -> str:
    return "\r\n" if text.endswith("\r\n") else text[-1] if text.endswith(("\n", "\r")) else ""


def count_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """How many line breaks ("\\r\\n", "\\r" or "\\n") ``text[start:end]`` holds."""
    breaks = text.count("\n", start, end)
    if text.find("\r", start, end) < 0:
        return breaks
    return breaks + text.count("\r", start, end) - text.count("\r\n", start, end)


def line_bodies(text: str) -> list[str]:
    """The lines of ``text`` without their line breaks (a final break leaves an empty last item)."""
    # str.split is many times faster than a regular expression, and exact when there is no \r.
    return text.split("\n") if "\r" not in text else _BREAK.split(text)


@dataclass(slots=True)
class Blank:
    """A run of blank lines."""

    text: str


# Block kinds by terminal name: the name in lower case, made once per terminal. Both
# plain-text terminals give "text" blocks: they differ only in how they were found.
_KINDS = {"PROSE": "text"}


def block_of(token: Any) -> RawBlock:
    """The block of one block token (a line terminal widened to its run of lines)."""
    # lark-cython's tokens are not str subclasses; both engines' tokens have .value.
    value: str = token.value
    # The blank lines a block took start after the line break of its last text line.
    content = len(value.rstrip(_BLANK_CHARS))
    first = value[content]
    if first == "\n":
        eol = "\n"
    elif first == "\r":
        eol = "\r\n" if value.startswith("\n", content + 1) else "\r"
    else:  # spaces or tabs end the last text line
        found = _BREAK.search(value, content)
        eol = found.group() if found else ""
        content = found.start() if found else len(value)
    split = content + len(eol)
    if split < len(value):
        value, trailing = value[:split], value[split:]
    else:
        trailing = ""
    name: str = token.type
    kind = _KINDS.get(name)
    if kind is None:
        kind = _KINDS[name] = name.lower()
    # The lexers of both engines set every token's start and line.
    return RawBlock(kind, value, token.start_pos or 0, trailing, eol, token.line or 0)


def append_block(children: list[Any]) -> list[RawBlock | Blank]:
    """The grammar's ``blocks`` rule: the blocks so far, with the next token's block."""
    # Called once per block, so the list grows in place (a copy would make this quadratic).
    if len(children) == 1:
        return [block_of(children[0])]
    done: list[RawBlock | Blank] = children[0]
    done.append(block_of(children[1]))
    return done
