"""The saved parser tables: the same parse as a parser built from the grammar, keyed on
what they are built from, shipped in the wheel, cached on first use elsewhere."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from lark import Lark

import aseandocs
from aseandocs import layout
from conftest import any_text, corpus_files, document_lines, read_corpus

VARIANTS = [(accelerated, line_feeds_only) for accelerated in (True, False) for line_feeds_only in (False, True)]


def _built_from_the_grammar(accelerated: bool, line_feeds_only: bool) -> Lark:
    """A parser built straight from the grammar, with the options the saved one has."""
    plugins = layout._lark_plugins() if accelerated else {}
    possessive = bool(plugins) and layout._POSSESSIVE_REPEATS
    return Lark(
        layout.grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=False,
        maybe_placeholders=False,
        transformer=layout._ToBlocks(),
        edit_terminals=layout._runs_of_lines(layout.line_shapes(), line_feeds_only=line_feeds_only, possessive=possessive),
        _plugins=plugins,
    )


_BUILT: dict[tuple[bool, bool], Lark] = {}


def _blocks(parser: Lark, text: str) -> list[tuple[str, str, str, int]]:
    return [
        ("blank", b.text, "", 0) if isinstance(b, layout.Blank) else (b.kind, b.raw, b.trailing, b.line)
        for b in parser.parse(text + "\n")
    ]


def _same_blocks(text: str) -> None:
    for accelerated, line_feeds_only in VARIANTS:
        variant = text.replace("\r", "") if line_feeds_only else text
        built = _BUILT.get((accelerated, line_feeds_only))
        if built is None:
            built = _BUILT[accelerated, line_feeds_only] = _built_from_the_grammar(accelerated, line_feeds_only)
        saved = layout.parser(accelerated=accelerated, line_feeds_only=line_feeds_only)
        assert _blocks(saved, variant) == _blocks(built, variant)


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_saved_parser_gives_the_parse_of_one_built_from_the_grammar(path: Path) -> None:
    _same_blocks(read_corpus(path))


@settings(max_examples=50)
@given(document_lines() | any_text())
def test_saved_parser_agrees_with_the_grammar_on_any_text(text: str) -> None:
    _same_blocks(text)


def test_saved_terminals_are_the_grammars() -> None:
    assert layout._bundled_terminals() == layout._build_terminals()


def test_the_key_changes_with_the_grammar(monkeypatch: pytest.MonkeyPatch) -> None:
    before = layout.tables_key("terminals")
    grammar = layout.grammar_text()
    monkeypatch.setattr(layout, "grammar_text", lambda name=layout.GRAMMAR_NAME: grammar + "\n// changed\n")
    layout._source_digest.cache_clear()
    try:
        assert layout.tables_key("terminals") != before
    finally:
        monkeypatch.undo()
        layout._source_digest.cache_clear()
    assert layout.tables_key("terminals") == before
    assert layout.tables_key("terminals") != layout.tables_key(layout._parser_name(False, False))


def test_tables_missing_from_the_wheel_are_built_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASEANDOCS_CACHE_DIR", str(tmp_path))
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"a": 1}

    assert layout._saved("a table for the test", build) == {"a": 1}
    assert layout._saved("a table for the test", build) == {"a": 1}
    assert builds == [1]
    assert [p.name for p in tmp_path.iterdir()] == [f"{layout.tables_key('a table for the test')}.pickle"]


def test_an_unwritable_cache_still_parses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("ASEANDOCS_CACHE_DIR", str(blocker / "cache"))
    assert layout._saved("another table for the test", lambda: 7) == 7


def test_written_tables_hold_every_parser_and_load(tmp_path: Path) -> None:
    tables = pickle.loads(layout.write_tables(tmp_path / layout.TABLES_NAME).read_bytes())
    assert tables[layout.tables_key("terminals")] == layout._build_terminals()
    saved = tables[layout.tables_key(layout._parser_name(False, False))]
    text = read_corpus(corpus_files()[0])
    assert _blocks(layout.load_parser(saved), text) == _blocks(layout.parser(accelerated=False), text)


@pytest.mark.skipif("site-packages" not in aseandocs.__file__, reason="runs on an installed wheel")
def test_the_wheel_ships_the_tables_this_python_uses() -> None:
    shipped = layout._shipped_tables()
    assert layout.tables_key("terminals") in shipped
    possessive = layout.accelerator() is not None and layout._POSSESSIVE_REPEATS
    assert layout.tables_key(layout._parser_name(True, possessive)) in shipped
