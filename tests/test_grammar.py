"""The grammar: LALR, conflict-free, no colliding terminals, shipped with the package."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lark import Lark

import aseandocs
from aseandocs import layout
from conftest import any_text, corpus_files, document_lines, read_corpus


def test_grammar_passes_lark_strict_mode() -> None:
    # strict=True turns shift/reduce conflicts and same-priority terminal collisions into errors.
    parser = layout.lint_grammar()
    assert isinstance(parser, Lark)
    assert parser.options.parser == "lalr"


def test_grammar_ignores_nothing() -> None:
    assert "%ignore" not in layout.grammar_text()


def test_parser_is_built_once() -> None:
    assert layout.parser() is layout.parser()


def test_blocks_concatenate_back_to_the_text() -> None:
    text = "---\ntitle: T\n---\n\nThe General Assembly,\n\n1.\nUrges all\nStates;\n(a) to act;\n- a bullet\n\n## Annex\n"
    pieces = []
    for block in layout.blocks(text):
        pieces.append(block.text if isinstance(block, layout.Blank) else block.raw + block.trailing)
    assert "".join(pieces) == text


def test_line_shapes() -> None:
    kinds = [b.kind for b in layout.blocks("I. Scope\n1. Text\n(a) Item\n- Bullet\nArticle 4\nDone at Bali on 1 May 2020.\n## Heading\n2/8\nplain\n") if not isinstance(b, layout.Blank)]
    assert kinds == ["item", "item", "item", "bullet", "keyword_heading", "closing", "heading", "debris", "text"]


def test_vocabulary_is_extendable() -> None:
    text = "The Council,\n\nBuoyed by progress,\n\n1. Mandates the committee to act.\n"
    assert aseandocs.parse(text).preamble == ()
    vocabulary = aseandocs.DEFAULT_VOCABULARY.extended(preambular_words={"buoyed"}, operative_verbs={"mandate"})
    document = aseandocs.parse(text, vocabulary=vocabulary)
    assert [p.verb for p in document.preamble] == ["Buoyed"]
    assert [p.verb for p in document.operative] == ["Mandates"]


def _corpus_lines() -> list[str]:
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    lines: set[str] = set()
    for path in corpus.iterdir():
        if path.suffix in (".txt", ".md") and path.name not in ("OUTLINES.md", "README.md"):
            lines.update(path.read_bytes().decode("utf-8").splitlines())
    return sorted(line for line in lines if line.strip())


def _assert_joins_a_block_exactly_when_plain(line: str) -> None:
    # A line that opens as prose is read as plain text before any shape is tried, and joins
    # the block before it without trying them: no shape may match it.
    if re.match(layout.prose_opening(), line):
        for name, shape in layout.line_shapes().items():
            assert not re.match(shape, line + "\n"), (line, name)
    # The parser is fed a block (a line and the plain lines after it) as one token; a line
    # may join a block only if, standing alone, it is lexed as plain text.
    alone = [b for b in layout.blocks(line + "\n") if not isinstance(b, layout.Blank)]
    for opening in ("Plain words of a paragraph\n", "1. An item of a list\n"):
        blocks = [b for b in layout.blocks(opening + line + "\n") if not isinstance(b, layout.Blank)]
        if not alone:
            assert len(blocks) == 1 and blocks[0].line_count == 1, line
        elif alone[0].kind == "text":
            assert len(blocks) == 1 and blocks[0].lines[1] == line + "\n", line
        else:
            assert len(blocks) == 2 and blocks[1].kind == alone[0].kind, (line, alone[0].kind)


def test_block_tokens_break_exactly_where_a_line_shape_starts() -> None:
    for line in _corpus_lines():
        _assert_joins_a_block_exactly_when_plain(line)


# Words that open line shapes, or come close: the grammar's PROSE_OPENING (a line that
# opens with a lower-case word or a capitalised one) must never accept a shape.
_OPENING_WORDS = (
    "The", "THE", "the", "Page", "PAGE", "Pg.", "Done", "DONE", "Signed", "In", "IN", "Have", "HAVE", "Hereby",
    "hereby", "HEREBY", "DO", "Do", "Article", "ARTICLE", "Artikel", "Section", "Part", "Chapter", "Rule",
    "Annex", "ANNEX", "Preamble", "Appendix", "GEDAAN", "ADOPTED", "Adopted", "We", "I", "II", "Iv", "IV",
    "iv", "Ix", "a", "A", "ab", "Ab", "Member", "States", "General", "Assembly", "Security", "UN", "ASEAN",
)
_GAPS = (" ", "  ", ", ", "-", "’", "'", ". ", ") ", "\t", "\u00a0", ": ", "/", "")


_SECOND_WORDS = ("at", "in", "on", "witness whereof", "agreed as follows:", "declare", "General", "Assembly", "HEREBY", "3", "IV", "I.", "x", "Xy", "")


def test_two_word_openings_join_a_block_exactly_when_plain() -> None:
    for first in _OPENING_WORDS:
        for gap in _GAPS:
            for second in _SECOND_WORDS:
                _assert_joins_a_block_exactly_when_plain(first + gap + second)
                _assert_joins_a_block_exactly_when_plain(f"  {first}{gap}{second} follows:")


@given(
    st.sampled_from(("", " ", "  ", "\t", "**", "# ", "- ")),
    st.lists(st.tuples(st.sampled_from(_OPENING_WORDS) | st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True), st.sampled_from(_GAPS)), min_size=1, max_size=4),
    st.sampled_from(("", "1", "12", "II", ":", ",", "agreed as follows:", "witness whereof", "at Jakarta")),
)
def test_a_line_joins_a_block_exactly_when_it_is_plain_text(lead: str, words: list[tuple[str, str]], tail: str) -> None:
    _assert_joins_a_block_exactly_when_plain(lead + "".join(word + gap for word, gap in words) + tail)


# ---- the compiled engine -------------------------------------------------------------------

accelerated = pytest.mark.skipif(layout.accelerator() is None, reason="lark-cython is not installed here")


def _blocks_by(parser: Lark, text: str) -> list[tuple[str, str, str]]:
    return [
        ("blank", b.text, "") if isinstance(b, layout.Blank) else (b.kind, b.raw, b.trailing)
        for b in parser.parse(text + "\n")
    ]


def _both_engines(text: str) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    return _blocks_by(layout.parser(), text), _blocks_by(layout.parser(accelerated=False), text)


def test_pure_python_engine_is_always_available() -> None:
    assert not layout.parser(accelerated=False).options._plugins


@accelerated
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_compiled_and_pure_python_engines_give_the_same_blocks(path) -> None:  # type: ignore[no-untyped-def]
    text = read_corpus(path)
    for variant in (text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        fast, pure = _both_engines(variant)
        assert fast == pure


@accelerated
@given(document_lines() | any_text())
def test_compiled_and_pure_python_engines_agree_on_any_text(text: str) -> None:
    fast, pure = _both_engines(text)
    assert fast == pure


# ---- the line-feed parser ------------------------------------------------------------------
# Texts without a carriage return (all text read in Python's default newline mode) go to a
# parser whose patterns spell a line break as "\n" alone; it must find the same blocks.


def test_line_feed_spellings() -> None:
    assert layout.for_line_feeds_only("[^\r\n]+(?:\r\n|\r|\n)") == ".+\\n"
    assert layout.for_line_feeds_only(r"[^\r\n<>]*(?:\r\n|\r(?!\n)|\n)") == r"[^\n<>]*\n"
    with pytest.raises(ValueError, match="carriage return"):
        layout.for_line_feeds_only(r"(?:\n|\r)")


def test_blocks_of_a_text_with_carriage_returns_keep_them() -> None:
    text = "1. a\r\nb\r\n\r\nplain\rtext\n"
    blocks = [b for b in layout.blocks(text) if not isinstance(b, layout.Blank)]
    assert [(b.kind, b.raw, b.eol) for b in blocks] == [("item", "1. a\r\nb\r\n", "\r\n"), ("text", "plain\rtext\n", "\n")]


@pytest.mark.parametrize("accelerated_engine", [True, False], ids=["default engine", "pure Python"])
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_line_feed_parser_finds_the_blocks_of_the_general_one(path, accelerated_engine) -> None:  # type: ignore[no-untyped-def]
    text = read_corpus(path).replace("\r\n", "\n").replace("\r", "\n")
    general = layout.parser(accelerated=accelerated_engine)
    line_feed = layout.parser(accelerated=accelerated_engine, line_feeds_only=True)
    assert _blocks_by(line_feed, text) == _blocks_by(general, text)


@given(document_lines() | any_text())
def test_line_feed_parser_agrees_on_any_text_without_carriage_returns(text: str) -> None:
    text = text.replace("\r", "")
    general = _blocks_by(layout.parser(), text)
    assert _blocks_by(layout.parser(line_feeds_only=True), text) == general
    assert _blocks_by(layout.parser(accelerated=False, line_feeds_only=True), text) == general


# ---- line numbers --------------------------------------------------------------------------
# In a text without carriage returns a block's line is the one the lexer counted; diagnostics
# report it instead of counting the line breaks before the block again.


def _lexer_and_counted_lines(text: str, accelerated_engine: bool) -> tuple[list[int], list[int]]:
    blocks = layout.parser(accelerated=accelerated_engine, line_feeds_only=True).parse(text + "\n")
    raw = [b for b in blocks if isinstance(b, layout.RawBlock)]
    index = layout.LineIndex(text)
    return [b.line for b in raw], [index.line_of(b.offset) for b in raw]


@pytest.mark.parametrize("accelerated_engine", [True, False], ids=["default engine", "pure Python"])
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_lexer_counts_the_line_of_every_block(path, accelerated_engine) -> None:  # type: ignore[no-untyped-def]
    text = read_corpus(path).replace("\r\n", "\n").replace("\r", "\n")
    lexer_lines, counted = _lexer_and_counted_lines(text, accelerated_engine)
    assert lexer_lines == counted


@given(document_lines() | any_text())
def test_lexer_lines_agree_with_counted_lines_on_any_text(text: str) -> None:
    text = text.replace("\r", "")
    for accelerated_engine in (True, False):
        lexer_lines, counted = _lexer_and_counted_lines(text, accelerated_engine)
        assert lexer_lines == counted


def test_line_of_block_counts_where_carriage_returns_break_lines() -> None:
    # Lark counts line feeds alone: after a lone "\r" its count falls behind.
    text = "1. a\r2. b\r\r4. d\n"
    index = layout.LineIndex(text)
    blocks = [b for b in layout.blocks(text) if isinstance(b, layout.RawBlock)]
    assert [index.line_of_block(b) for b in blocks] == [1, 2, 4]
