"""The layout pass: the Lark grammar turns text into blocks of whole lines.

The grammar (``grammars/document.lark``) is built once, lazily, with the LALR parser and
the contextual lexer; the transformer runs inside the parser, so no parse tree is built.
"""

from __future__ import annotations

import functools
import re
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Transformer

GRAMMAR_NAME = "document.lark"

_EOL = re.compile(r"\r\n|\r|\n")


@dataclass(slots=True)
class RawBlock:
    """A block of source lines as the grammar grouped them, before roles are assigned."""

    kind: str
    lines: list[str]
    line: int
    trailing: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def raw(self) -> str:
        return "".join(self.lines)

    @property
    def body(self) -> str:
        """The block's text without its final line break."""
        raw = "".join(self.lines)
        return raw[: len(raw) - len(self.eol)]

    @property
    def eol(self) -> str:
        last = self.lines[-1]
        if last.endswith("\r\n"):
            return "\r\n"
        if last.endswith(("\n", "\r")):
            return last[-1]
        return ""


@dataclass(slots=True)
class Blank:
    """A run of blank lines."""

    text: str


def grammar_text(name: str = GRAMMAR_NAME) -> str:
    """The text of a bundled grammar: from the installed package, else from the source tree."""
    packaged = resources.files("aseandocs").joinpath("grammars", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source_tree = Path(__file__).resolve().parents[2] / "grammars" / name
    return source_tree.read_text(encoding="utf-8")


class _ToBlocks(Transformer):  # type: ignore[type-arg]
    """Builds :class:`RawBlock` objects while the LALR parser reduces."""

    def start(self, children: list[object]) -> list[RawBlock | Blank]:
        out: list[RawBlock | Blank] = []
        for child in children:
            if isinstance(child, Token):
                out.append(RawBlock(child.type.lower(), [str(child)], child.line or 1))
            else:
                out.append(child)  # type: ignore[arg-type]
        return out

    def blanks(self, tokens: list[Token]) -> Blank:
        return Blank("".join(tokens))

    def text_block(self, tokens: list[Token]) -> RawBlock:
        return RawBlock("text", [str(t) for t in tokens], tokens[0].line or 1)

    def labelled_block(self, tokens: list[Token]) -> RawBlock:
        return RawBlock(tokens[0].type.lower(), [str(t) for t in tokens], tokens[0].line or 1)


@functools.cache
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        transformer=_ToBlocks(),
        propagate_positions=False,
        maybe_placeholders=False,
    )


_build_lock = threading.Lock()


def parser() -> Lark:
    """The shared layout parser, built on first use (thread-safe)."""
    with _build_lock:
        return _parser()


def lint_grammar() -> Lark:
    """Build the grammar in Lark's strict mode: conflicts and colliding terminals raise."""
    return Lark(grammar_text(), parser="lalr", lexer="contextual", strict=True)


def blocks(text: str) -> list[RawBlock | Blank]:
    """Split ``text`` into blocks and blank runs; the pieces concatenate back to ``text``."""
    if not text:
        return []
    return parser().parse(text)  # type: ignore[return-value]
