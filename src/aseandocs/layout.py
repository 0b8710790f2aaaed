"""The layout pass: the Lark grammar turns text into blocks of whole lines.

The grammar (``grammars/document.lark``) is built with the LALR parser and the contextual
lexer; the transformer runs inside the parser, so no parse tree is built.

Building the grammar (its terminals, the LALR tables) takes a good part of a second, so
it is done ahead: the wheel ships the built tables (``grammars/document.tables``, written
by the build hook with :func:`write_tables`), and where they are missing or were built
from another grammar, another Lark or another ``layout.py``, they are built on first use
and saved in the user's cache folder (:func:`cache_dir`). Each saved table is keyed on the
hash of all three, so a changed grammar is never read through stale tables. Every parser
in use is loaded from saved tables, whether they were saved at build time or a moment
ago: there is one way in which the parser comes to be.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import pickle
import sys
import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import lark
from lark import Lark, Token, Transformer
from lark.lexer import PatternRE, TerminalDef
from lark.load_grammar import load_grammar

from aseandocs.blocks import Blank as Blank
from aseandocs.blocks import RawBlock as RawBlock
from aseandocs.blocks import append_block, block_of, count_breaks

GRAMMAR_NAME = "document.lark"
TABLES_NAME = "document.tables"
TABLES_FORMAT = 1
"""The layout of the saved tables; part of their key, so a new layout never reads an old file."""
PLAIN_TERMINALS = frozenset({"PROSE", "TEXT"})
BLANK_TERMINAL = "BLANK"
LABEL_TERMINALS = frozenset({"ITEM", "ITEM_ALONE", "KEYWORD_HEADING", "BULLET", "CLOSING"})
PROSE_OPENING = "PROSE_OPENING"


def grammar_text(name: str = GRAMMAR_NAME) -> str:
    """The text of a bundled grammar: from the installed package, else from the source tree."""
    packaged = resources.files("aseandocs").joinpath("grammars", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source_tree = Path(__file__).resolve().parents[2] / "grammars" / name
    return source_tree.read_text(encoding="utf-8")


class _ToBlocks(Transformer):  # type: ignore[type-arg]
    """Builds :class:`RawBlock` objects from the block tokens, inside the LALR parser."""

    def start(self, children: list[Token | list[RawBlock | Blank]]) -> list[RawBlock | Blank]:
        out: list[RawBlock | Blank] = []
        for child in children:
            if isinstance(child, list):
                out.extend(child)
            elif child.type == BLANK_TERMINAL:
                out.append(Blank(child.value))
            else:
                out.append(block_of(child))
        return out

    # Lark calls the rule's function as found on the transformer: a plain (compiled)
    # function, not a method, once per block.
    blocks = staticmethod(append_block)


LINE_PARTS = (
    "LABEL_SPACE", "ITEM_LEAD", "ITEM_LABEL", "ITEM_CLOSE", "LONE_LABEL", "KEYWORD_LEAD", "KEYWORD_LABEL",
    "KEYWORD_CLOSE", "KEYWORD_SEPARATOR", "CLOSING_LEAD", "CLOSING_NUMBER", "CLOSING_MARK", "CLOSING_WORDS", "BULLET_MARK",
)
"""The grammar's named parts of labelled lines that aseandocs.structure cuts lines with."""


def _terminal_patterns(grammar: str, keep: frozenset[str] = frozenset()) -> dict[str, tuple[str, int]]:
    """Every terminal the rules use, and the parts named in ``keep``: (pattern, priority)."""
    # Compiling the grammar yields its terminals without building (and validating) a lexer.
    loaded = load_grammar(grammar, GRAMMAR_NAME, (), False)[0]  # type: ignore[no-untyped-call]
    terminals, _rules, _ignore = loaded.compile(["start"], set(keep))
    return {t.name: (t.pattern.to_regexp(), t.priority) for t in terminals}


@functools.cache
def _bundled_terminals() -> dict[str, tuple[str, int]]:
    """The terminals of the bundled grammar, its line parts included (from the saved tables)."""
    terminals: dict[str, tuple[str, int]] = _saved("terminals", _build_terminals)
    return terminals


def _build_terminals() -> dict[str, tuple[str, int]]:
    return _terminal_patterns(grammar_text(), frozenset((*LINE_PARTS, PROSE_OPENING)))


def line_shapes() -> dict[str, str]:
    """The patterns of every line terminal that outranks plain text (front matter aside),
    as the bundled grammar defines them: a plain line is a line none of them matches."""
    # The line parts keep the default priority 0, so they are not line shapes.
    return {
        name: pattern
        for name, (pattern, priority) in _bundled_terminals().items()
        if name not in PLAIN_TERMINALS and name != "FRONT_MATTER" and priority > 0
    }


def prose_opening() -> str:
    """The grammar's PROSE_OPENING: a lookahead that no line matched by a shape passes."""
    return _bundled_terminals()[PROSE_OPENING][0]


def line_parts() -> dict[str, str]:
    """The regular expressions of :data:`LINE_PARTS`, as the bundled grammar defines them."""
    patterns = _bundled_terminals()
    return {name: patterns[name][0] for name in LINE_PARTS}


# A possessive repeat (Python 3.11+) never gives back what it took. The runs of lines
# below are followed only by patterns that cannot fail, so no match changes, and the
# regular-expression engine no longer saves its state at every alternative inside them.
# Only the compiled engine gets them: Lark's pure-Python engine checks its terminals with
# interegular where that is installed, and interegular cannot read them.
_POSSESSIVE_REPEATS = sys.version_info >= (3, 11)

# How the general patterns spell a line break and a character of a line, and how they can
# be spelled when the text holds no carriage return: one "\n" and "." (which is anything
# but "\n") are several times cheaper to match than alternatives and character sets.
_LINE_FEED_SPELLINGS = (
    (r"(?:\r\n|\r(?!\n)|\n)", r"\n"),
    (r"(?:\r\n|\r|\n)", r"\n"),
    (r"[^\r\n]", "."),
    (r"[^\r\n", r"[^\n"),
)


def for_line_feeds_only(pattern: str) -> str:
    """``pattern`` respelled for texts whose line breaks are all "\\n": the same matches there.

    Raises ValueError if a carriage return is left in a form this does not know, so a new
    spelling in the grammar cannot silently change what the line-feed parser accepts.
    """
    # Lark hands some terminals over with the line-break characters themselves in them.
    spelled = pattern.replace("\r", r"\r").replace("\n", r"\n")
    for general, line_feed in _LINE_FEED_SPELLINGS:
        spelled = spelled.replace(general, line_feed)
    if r"\r" in spelled:
        raise ValueError(f"a carriage return in a form not known to the line-feed parser: {pattern!r}")
    return spelled


def _runs_of_lines(
    shapes: dict[str, str], *, line_feeds_only: bool = False, possessive: bool = False
) -> Callable[[TerminalDef], None]:
    """Widen the line terminals to blocks (see the head of the grammar).

    Plain text and the labelled lines take the plain lines that follow them, every
    terminal takes the blank lines that follow it, and BLANK (which only opens a document)
    a run. A plain line is a line no other line terminal matches, which is exactly what the
    lookahead built from those terminals' own patterns says. With ``line_feeds_only``
    every pattern is respelled by :func:`for_line_feeds_only`; with ``possessive`` the runs
    are possessive repeats.
    """
    # A line that opens as prose (the grammar's PROSE_OPENING) is no shape: that test
    # spares trying every shape on most lines.
    not_a_shape = f"(?:{prose_opening()}|(?!" + "|".join(f"(?:{shape})" for shape in shapes.values()) + "))"

    plain_line = r"[^\r\n]+(?:\r\n|\r|\n)"
    run = "+" if possessive else ""
    continuation = f"(?:{not_a_shape}{plain_line})*{run}"
    blank_lines = f"(?:{shapes[BLANK_TERMINAL]})*{run}"

    def edit(terminal: TerminalDef) -> None:
        pattern = terminal.pattern.to_regexp()
        if terminal.name == BLANK_TERMINAL:
            pattern = f"(?:{pattern})+{run}"
        else:
            if terminal.name in PLAIN_TERMINALS or terminal.name in LABEL_TERMINALS:
                pattern = f"(?:{pattern}){continuation}"
            pattern = f"(?:{pattern}){blank_lines}"
        terminal.pattern = PatternRE(for_line_feeds_only(pattern) if line_feeds_only else pattern)

    return edit


def accelerator() -> str | None:
    """The name of the compiled LALR engine in use ("lark-cython"), or None for pure Python.

    lark-cython, by Lark's authors, runs the same grammar, parse table and transformer
    with its lexer and LALR loop compiled. It is a dependency where a wheel exists for the
    platform; elsewhere Lark's pure-Python engine gives the same blocks, only slower.
    """
    return "lark-cython" if parser().options._plugins else None


def _lark_plugins() -> dict[str, object]:
    try:
        import lark_cython  # type: ignore[import-untyped]  # the package ships no type hints
    except ImportError:
        return {}
    return dict(lark_cython.plugins)


# The options Lark does not save: given again when the saved parser is loaded, or (the
# terminal edit) already applied to the saved terminals.
_UNSAVED_OPTIONS = ("transformer", "postlex", "lexer_callbacks", "edit_terminals", "_plugins")


def build_saved_parser(*, line_feeds_only: bool = False, possessive: bool = False) -> bytes:
    """Build the layout parser from the grammar and return it saved (``Lark.save``).

    This is the slow step that :func:`parser` spares: compiling the grammar, widening its
    line terminals (:func:`_runs_of_lines`) and building the LALR tables. Possessive runs
    are built with lark-cython's lexer, which is the only one to read them (Lark's own
    checks its terminals with interegular, which cannot); without lark-cython this raises
    RuntimeError.
    """
    plugins = _lark_plugins() if possessive else {}
    if possessive and not plugins:
        raise RuntimeError("possessive runs need lark-cython")
    built = Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        edit_terminals=_runs_of_lines(line_shapes(), line_feeds_only=line_feeds_only, possessive=possessive),
        _plugins=plugins,
    )
    out = io.BytesIO()
    built.save(out, _UNSAVED_OPTIONS)
    return out.getvalue()


def load_parser(saved: bytes, plugins: dict[str, object] | None = None) -> Lark:
    """The parser saved by :func:`build_saved_parser`, with the block transformer and ``plugins``."""
    loaded: Lark = Lark.__new__(Lark)._load(io.BytesIO(saved), transformer=_ToBlocks(), _plugins=plugins or {})
    return loaded


def _parser_name(line_feeds_only: bool, possessive: bool) -> str:
    return f"parser line_feeds_only={line_feeds_only} possessive={possessive}"


@functools.cache
def _parser(accelerated: bool, line_feeds_only: bool) -> Lark:
    def load(possessive: bool, plugins: dict[str, object]) -> Lark:
        saved: bytes = _saved(
            _parser_name(line_feeds_only, possessive),
            lambda: build_saved_parser(line_feeds_only=line_feeds_only, possessive=possessive),
        )
        return load_parser(saved, plugins)

    plugins = _lark_plugins() if accelerated else {}
    if plugins:
        try:
            return load(_POSSESSIVE_REPEATS, plugins)
        except Exception:  # noqa: BLE001 - an accelerator that cannot load must not stop parsing
            pass
    return load(False, {})


# ---- saved tables ---------------------------------------------------------------------------


def cache_dir() -> Path:
    """Where tables built on first use are saved: ``$ASEANDOCS_CACHE_DIR`` if set, else the
    user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``, ``~/Library/Caches`` on macOS,
    ``%LOCALAPPDATA%`` on Windows), in an ``aseandocs`` folder."""
    explicit = os.environ.get("ASEANDOCS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "aseandocs"


@functools.cache
def _source_digest() -> bytes:
    """What the tables are built from: the grammar, this module (it edits the terminals)
    and the Lark that builds and reads them."""
    digest = hashlib.sha256()
    module = Path(__file__)
    parts = (
        str(TABLES_FORMAT).encode(),
        lark.__version__.encode(),
        grammar_text().encode("utf-8"),
        module.read_bytes() if module.suffix == ".py" and module.is_file() else b"",
    )
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.digest()


def tables_key(name: str) -> str:
    """The key of the saved table ``name``: it changes whenever what it is built from does."""
    return hashlib.sha256(_source_digest() + name.encode("utf-8")).hexdigest()


@functools.cache
def _shipped_tables() -> dict[str, Any]:
    """The tables the wheel ships, by key; none in a source tree."""
    try:
        shipped = resources.files("aseandocs").joinpath("grammars", TABLES_NAME)
        if not shipped.is_file():
            return {}
        tables = pickle.loads(shipped.read_bytes())
    except Exception:  # noqa: BLE001 - unreadable tables are rebuilt, never fatal
        return {}
    return tables if isinstance(tables, dict) else {}


def _saved(name: str, build: Callable[[], Any]) -> Any:
    """The table ``name``: shipped, else from the cache folder, else built and cached."""
    key = tables_key(name)
    shipped = _shipped_tables()
    if key in shipped:
        return shipped[key]
    cached = cache_dir() / f"{key}.pickle"
    try:
        return pickle.loads(cached.read_bytes())
    except Exception:  # noqa: BLE001 - missing or unreadable: build it
        pass
    value = build()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_name(f"{cached.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, cached)
    except OSError:  # a read-only home: the tables stay in this process only
        pass
    return value


def write_tables(path: str | os.PathLike[str]) -> Path:
    """Build every table this Python can use and write them to ``path`` (the build hook
    calls this; the wheel ships the file as ``aseandocs/grammars/document.tables``).
    The possessive parsers are among them where this Python has lark-cython."""
    tables: dict[str, Any] = {tables_key("terminals"): _build_terminals()}
    for line_feeds_only in (False, True):
        for possessive in (False, True) if _POSSESSIVE_REPEATS and _lark_plugins() else (False,):
            name = _parser_name(line_feeds_only, possessive)
            tables[tables_key(name)] = build_saved_parser(line_feeds_only=line_feeds_only, possessive=possessive)
    target = Path(path)
    target.write_bytes(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    return target


_build_lock = threading.Lock()


def parser(*, accelerated: bool = True, line_feeds_only: bool = False) -> Lark:
    """The shared layout parser, loaded from the saved tables on first use (thread-safe).

    ``accelerated=False`` gives Lark's pure-Python engine even where lark-cython is installed.
    ``line_feeds_only=True`` gives the parser for texts without a carriage return: the same
    blocks for those texts, found faster; on any other text it reads "\\r" as plain text.
    """
    with _build_lock:
        return _parser(accelerated, line_feeds_only)


def lint_grammar() -> Lark:
    """Build the grammar in Lark's strict mode: conflicts and colliding terminals raise."""
    return Lark(grammar_text(), parser="lalr", lexer="contextual", strict=True)


def blocks(text: str, *, line_feeds_only: bool | None = None) -> list[RawBlock | Blank]:
    """Split ``text`` into blocks and blank runs; the pieces concatenate back to ``text``.

    ``line_feeds_only`` says whether ``text`` is free of carriage returns, where the
    caller knows (None: look).
    """
    if not text:
        return []
    if line_feeds_only is None:
        line_feeds_only = "\r" not in text
    lark = parser(line_feeds_only=line_feeds_only)
    if text[-1] in "\r\n":
        items: list[RawBlock | Blank] = lark.parse(text)  # type: ignore[assignment]
    else:
        # Every line terminal ends with a line break; lend the last line one and take it back.
        items = lark.parse(text + "\n")  # type: ignore[assignment]
        last = items[-1]
        if isinstance(last, Blank):
            last.text = last.text[:-1]
        elif last.trailing:
            last.trailing = last.trailing[:-1]
        else:
            items[-1] = RawBlock(last.kind, last.raw[:-1], last.offset, last.trailing, line=last.line)
    return items


class LineIndex:
    """Line numbers of character offsets, counting "\\r\\n", "\\r" and "\\n" as line breaks.

    Lark counts "\\n" alone, which is exact in a text without carriage returns: there a
    block's line is the lexer's (:meth:`line_of_block`), so the text is not read again.
    Otherwise lines are counted from the last offset asked about, so a text with nothing
    to report pays nothing, and offsets asked in reading order cost one pass.
    ``line_feeds_only`` says whether ``text`` is free of carriage returns, where the caller
    knows (None: look when first needed).
    """

    def __init__(self, text: str, *, line_feeds_only: bool | None = None) -> None:
        self._text = text
        self._line_feeds_only = line_feeds_only
        self._offset = 0  # the last offset asked about
        self._line = 1  # its line

    def column_of(self, offset: int) -> int:
        """The 1-based column of ``offset`` in its line, counting characters."""
        text = self._text
        start = max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1
        return offset - start + 1

    def line_of_block(self, block: RawBlock) -> int:
        """The 1-based line on which ``block`` starts."""
        if self._line_feeds_only is None:
            self._line_feeds_only = "\r" not in self._text
        if self._line_feeds_only and block.line:
            return block.line
        return self.line_of(block.offset)

    def line_of(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        text = self._text
        offset = max(0, min(offset, len(text)))
        if offset < self._offset:
            self._offset, self._line = 0, 1
        start = self._offset
        # The breaks that end after ``start`` and at or before ``offset``: counting "\n",
        # "\r" and "\r\n" in between gets them all, except that a "\r" just before
        # ``offset`` whose "\n" is at ``offset`` has not ended yet.
        breaks = count_breaks(text, start, offset)
        if start < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n":
            breaks -= 1
        self._offset, self._line = offset, self._line + breaks
        return self._line
